package io.esteira.core.generate.ecs;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Checks a generated RegisterTaskDefinition body against ECS's size limit, which otherwise fails
 * only at deploy, after the image is pushed.
 *
 * <p>ECS limits a task definition to 64 KiB ("Task definition size", 64 KiB, not adjustable: Amazon
 * ECS developer guide, "Amazon ECS service quotas"). The size counted is the compact UTF-8 JSON the
 * deployer sends, with each placeholder counted at a generous length for what it is filled in with:
 * role ARNs at 2,048 characters (IAM's longest role ARN with a path), the image URI at 512 (an ECR
 * registry host, a 256-character repository and a 128-character tag) and each MLflow URL at 2,048.
 * Almost all of the rest is the user's {@code runtime.env_vars} and {@code runtime.secrets}, so the
 * error names the largest of them.
 */
public final class TaskDefinitionLimits {

  /** ECS's limit on a task definition, in bytes (64 KiB). */
  public static final int MAX_TASK_DEFINITION_BYTES = 65_536;

  /** How many of the largest variables the error names. */
  static final int NAMED = 3;

  private static final Map<String, Integer> LONGEST =
      Map.of(
          Placeholders.EXECUTION_ROLE_ARN, 2_048,
          Placeholders.TASK_ROLE_ARN, 2_048,
          Placeholders.IMAGE_URI, 512,
          Placeholders.TRANSFER_IMAGE, 512,
          Placeholders.MLFLOW_TRACKING_URI, 2_048,
          Placeholders.MLFLOW_S3_ENDPOINT_URL, 2_048,
          Placeholders.REGION, 20,
          Placeholders.ARTIFACTS_BUCKET, 63);

  private TaskDefinitionLimits() {}

  /**
   * Reports a task definition that would pass ECS's size limit once its placeholders are filled.
   */
  public static List<Diagnostic> check(PipelineModel model, ObjectNode taskDefinition) {
    Diagnostics diagnostics = new Diagnostics();
    long size = bytes(taskDefinition);
    if (size > MAX_TASK_DEFINITION_BYTES) {
      diagnostics.error(
          EngineMessage.ECS_TASK_DEFINITION_TOO_LARGE,
          null,
          model.environment(),
          size,
          MAX_TASK_DEFINITION_BYTES,
          largest(model));
    }
    return diagnostics.all();
  }

  /** The compact UTF-8 JSON bytes of the body, each placeholder counted at its longest value. */
  static long bytes(ObjectNode taskDefinition) {
    String json = Json.writeCompact(taskDefinition);
    long size = json.getBytes(UTF_8).length;
    for (Map.Entry<String, Integer> placeholder : LONGEST.entrySet()) {
      String name = placeholder.getKey();
      for (int at = json.indexOf(name); at >= 0; at = json.indexOf(name, at + name.length())) {
        size += placeholder.getValue() - name.length();
      }
    }
    return size;
  }

  /** The largest variables and secrets, largest first, as {@code env_vars.NAME (N bytes)}. */
  static String largest(PipelineModel model) {
    record Entry(String label, int bytes) {}
    List<Entry> entries = new ArrayList<>();
    model
        .runtime()
        .envVars()
        .forEach((k, v) -> entries.add(new Entry("runtime.env_vars." + k, size(k, v))));
    model
        .runtime()
        .secrets()
        .forEach((k, v) -> entries.add(new Entry("runtime.secrets." + k, size(k, v))));
    return entries.stream()
        .sorted(Comparator.comparingInt(Entry::bytes).reversed().thenComparing(Entry::label))
        .limit(NAMED)
        .map(e -> String.format("%s (%,d bytes)", e.label(), e.bytes()))
        .reduce((a, b) -> a + ", " + b)
        .orElse("none");
  }

  private static int size(String name, String value) {
    return name.getBytes(UTF_8).length + value.getBytes(UTF_8).length;
  }
}
