package io.esteira.deploy.resources.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import org.junit.jupiter.api.Test;

/** Esteira's statement in a topic policy, put in or replaced; the rest of the policy kept. */
class TopicPolicyTest {

  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:recsys-failure";
  private static final String RULE =
      "arn:aws:events:us-east-1:123456789012:rule/esteira-recsys-failed";

  private static final String DEFAULT =
      "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
          + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
          + "\"Action\":[\"SNS:Publish\"],\"Resource\":\""
          + TOPIC
          + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"123456789012\"}}}]}";

  @Test
  void theStatementLetsEventBridgePublishForTheOneRuleOnly() {
    ObjectNode statement = TopicPolicy.eventsStatement(TOPIC, RULE);

    assertThat(statement.toString())
        .isEqualTo(
            "{\"Sid\":\"EsteiraExecutionNotices\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"events.amazonaws.com\"},\"Action\":\"sns:Publish\",\"Resource\":\""
                + TOPIC
                + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + RULE
                + "\"}}}");
  }

  @Test
  void addingKeepsEveryOtherStatementAndReplacingLeavesOneOfOurs() throws Exception {
    ObjectNode statement = TopicPolicy.eventsStatement(TOPIC, RULE);

    String added = TopicPolicy.withStatement(DEFAULT, statement);
    JsonNode policy = Json.mapper().readTree(added);
    assertThat(policy.path("Id").asText()).isEqualTo("__default_policy_ID");
    assertThat(policy.path("Statement")).hasSize(2);
    assertThat(policy.at("/Statement/0/Sid").asText()).isEqualTo("__default_statement_ID");
    assertThat(TopicPolicy.statement(added)).contains(statement);
    assertThat(TopicPolicy.statement(DEFAULT)).isEmpty();

    ObjectNode other = TopicPolicy.eventsStatement(TOPIC, RULE.replace("recsys", "churn"));
    String replaced = TopicPolicy.withStatement(added, other);
    assertThat(Json.mapper().readTree(replaced).path("Statement")).hasSize(2);
    assertThat(TopicPolicy.statement(replaced)).contains(other);
  }

  @Test
  void aPolicyWithOneStatementObjectOrNoneIsReadToo() throws Exception {
    ObjectNode statement = TopicPolicy.eventsStatement(TOPIC, RULE);
    String single = "{\"Version\":\"2012-10-17\",\"Statement\":" + statement.toString() + "}";

    assertThat(TopicPolicy.statement(single)).contains(statement);
    assertThat(Json.mapper().readTree(TopicPolicy.withStatement(null, statement)).path("Statement"))
        .hasSize(1);
  }
}
