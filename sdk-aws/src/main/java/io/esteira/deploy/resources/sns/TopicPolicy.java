package io.esteira.deploy.resources.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import java.util.Optional;

/**
 * Esteira's statement in a topic's access policy: EventBridge may publish to the topic for one rule
 * only. A rule's SNS target is reached through the topic's resource policy, which must name {@code
 * events.amazonaws.com} as principal; {@code aws:SourceArn} keeps it to the rule's ARN, so no other
 * rule, of this account or another, can publish through it (Amazon EventBridge User Guide, "Using
 * resource-based policies for Amazon EventBridge", Amazon SNS permissions; Amazon SNS Developer
 * Guide, "Amazon SNS access control", the confused deputy problem). The statement is found by its
 * {@code Sid}; every other statement of the policy, SNS's default one included, is kept as it is.
 */
final class TopicPolicy {

  /** The {@code Sid} of Esteira's statement. */
  static final String SID = "EsteiraExecutionNotices";

  private TopicPolicy() {}

  /** The statement that lets the rule {@code ruleArn} publish to {@code topicArn}. */
  static ObjectNode eventsStatement(String topicArn, String ruleArn) {
    ObjectNode statement = Json.object();
    statement.put("Sid", SID);
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Service", "events.amazonaws.com");
    statement.put("Action", "sns:Publish");
    statement.put("Resource", topicArn);
    statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
    return statement;
  }

  /** Esteira's statement in {@code policy} (a topic's {@code Policy} attribute), if it has one. */
  static Optional<ObjectNode> statement(String policy) {
    for (JsonNode statement : statements(parse(policy))) {
      if (SID.equals(statement.path("Sid").asText(null)) && statement.isObject()) {
        return Optional.of((ObjectNode) statement);
      }
    }
    return Optional.empty();
  }

  /** {@code policy} with Esteira's statement replaced by {@code statement}, or added. */
  static String withStatement(String policy, ObjectNode statement) {
    ObjectNode document = parse(policy);
    document.putIfAbsent("Version", Json.mapper().getNodeFactory().textNode("2012-10-17"));
    ArrayNode kept = Json.array();
    for (JsonNode other : statements(document)) {
      if (!SID.equals(other.path("Sid").asText(null))) {
        kept.add(other);
      }
    }
    kept.add(statement);
    document.set("Statement", kept);
    return Json.writeCompact(document).strip();
  }

  /** A statement as the plan shows it: compact JSON. */
  static String show(ObjectNode statement) {
    return Json.writeCompact(statement).strip();
  }

  /** The statements of a policy, one or a list (IAM takes both). */
  private static Iterable<JsonNode> statements(ObjectNode document) {
    JsonNode statements = document.path("Statement");
    if (statements.isObject()) {
      return Json.array().add(statements);
    }
    return statements.isArray() ? statements : Json.array();
  }

  private static ObjectNode parse(String policy) {
    if (policy == null || policy.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode node = Json.mapper().readTree(policy);
      return node.isObject() ? (ObjectNode) node : Json.object();
    } catch (JsonProcessingException e) {
      return Json.object();
    }
  }
}
