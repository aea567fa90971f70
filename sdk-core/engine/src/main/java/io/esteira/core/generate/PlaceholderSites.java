package io.esteira.core.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in each artifact the generators write {@link Placeholders}: the only JSON strings the
 * deployer substitutes. Every other string, and in particular everything a user wrote (a step's
 * command, {@code runtime.env_vars} values, names, descriptions), goes to AWS exactly as written,
 * so a shell {@code ${VAR}} in a command stays {@code ${VAR}} in the task.
 *
 * <p>A site is a path from the artifact's root: object keys, {@code *} for any key or array index,
 * and {@code [name=A]} for the elements of an array of objects whose {@code name} is {@code A}.
 * Each site's string is written wholly by the generator. The generator tests check that every
 * placeholder of the generated artifacts lies on a site.
 */
public final class PlaceholderSites {

  /** The artifacts that carry placeholders. */
  public enum Artifact {
    TASK_DEFINITION,
    STATE_MACHINE,
    SCHEDULE
  }

  /** A string on a site: the object or array holding it, and its key or index there. */
  public record Site(JsonNode parent, String field, int index, String text) {

    /** Whether the string is an array element (where a list placeholder expands). */
    public boolean inArray() {
      return field == null;
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9]*}");

  private static final Map<Artifact, List<String>> SITES =
      Map.of(
          Artifact.TASK_DEFINITION,
          List.of(
              "executionRoleArn",
              "taskRoleArn",
              "containerDefinitions/*/image",
              "containerDefinitions/*/logConfiguration/options/awslogs-region",
              // The generator writes these two over any of the same name in runtime.env_vars.
              "containerDefinitions/*/environment/[name=MLFLOW_TRACKING_URI]/value",
              "containerDefinitions/*/environment/[name=MLFLOW_S3_ENDPOINT_URL]/value",
              // The transfer containers' variables are all the generator's.
              "containerDefinitions/[name=esteira-inputs]/environment/*/value",
              "containerDefinitions/[name=esteira-outputs]/environment/*/value"),
          Artifact.STATE_MACHINE,
          List.of(
              // The variables the first state assigns (StepTaskState.sharedParameters).
              "States/*/Assign/taskDefinition",
              "States/*/Assign/network/AwsvpcConfiguration/Subnets/*",
              "States/*/Assign/network/AwsvpcConfiguration/SecurityGroups/*",
              "States/*/Assign/store.$",
              // The SNS Publish states of the outcome notifications.
              "States/*/Parameters/TopicArn"),
          Artifact.SCHEDULE,
          List.of("Target/Arn", "Target/RoleArn"));

  private PlaceholderSites() {}

  /** The site paths of {@code artifact}, as documented in docs/artifacts.md. */
  public static List<String> paths(Artifact artifact) {
    return SITES.get(artifact);
  }

  /** The strings of {@code root} that lie on a site of {@code artifact}, in document order. */
  public static List<Site> find(Artifact artifact, JsonNode root) {
    List<Site> found = new ArrayList<>();
    for (String path : SITES.get(artifact)) {
      walk(root, Arrays.asList(path.split("/")), 0, found);
    }
    return found;
  }

  /** The placeholders on the sites of {@code artifact}, each once, in order of appearance. */
  public static List<String> placeholders(Artifact artifact, JsonNode root) {
    List<String> placeholders = new ArrayList<>();
    for (Site site : find(artifact, root)) {
      Matcher matcher = PLACEHOLDER.matcher(site.text());
      while (matcher.find()) {
        if (!placeholders.contains(matcher.group())) {
          placeholders.add(matcher.group());
        }
      }
    }
    return placeholders;
  }

  /** The pattern of a placeholder's text, {@code ${Name}}. */
  public static Pattern pattern() {
    return PLACEHOLDER;
  }

  private static void walk(JsonNode node, List<String> path, int at, List<Site> found) {
    String segment = path.get(at);
    boolean last = at == path.size() - 1;
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (segment.equals("*") || segment.equals(field.getKey())) {
          visit(node, field.getKey(), -1, field.getValue(), path, at, last, found);
        }
      }
    } else if (node.isArray()) {
      Set<String> names = selected(segment);
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (segment.equals("*") || names.contains(item.path("name").asText(null))) {
          visit(node, null, i, item, path, at, last, found);
        }
      }
    }
  }

  private static void visit(
      JsonNode parent,
      String field,
      int index,
      JsonNode child,
      List<String> path,
      int at,
      boolean last,
      List<Site> found) {
    if (!last) {
      walk(child, path, at + 1, found);
    } else if (child.isTextual()) {
      found.add(new Site(parent, field, index, child.asText()));
    }
  }

  private static Set<String> selected(String segment) {
    if (segment.startsWith("[name=") && segment.endsWith("]")) {
      return Set.of(segment.substring("[name=".length(), segment.length() - 1));
    }
    return Set.of();
  }
}
