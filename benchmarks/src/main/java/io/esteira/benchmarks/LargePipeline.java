package io.esteira.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config.yaml of a large pipeline shaped like real ones: repeated segments of a preparation
 * step, five feature steps fanning out from it, a join waiting for all five, then a chain of train,
 * evaluate and publish; each segment starts after the one before it publishes. Every dependency is
 * an explicit {@code depends_on}.
 *
 * <p>Steps are written compactly (flow-style lists and maps, timeout and retries only where they
 * differ from the defaults), as a team with hundreds of steps would write them, which keeps 1,000
 * steps under the loader's size limit for a config.yaml.
 */
final class LargePipeline {

  private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e");

  /** The defaults the header below sets: schedule.retries, and an hour per step. */
  private static final int DEFAULT_RETRIES = 1;

  private static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  private static final String HEADER =
      """
      project_name: bench
      description: "Benchmark pipeline with many steps"
      version: "1.0.0"

      owners:
        tech_owner: "ml-team@example.com"

      schedule:
        enabled: true
        cron: "0 3 * * *"
        timeout_seconds: 86400
        retries: 1

      runtime:
        python_version: "3.11"
        requirements_file: "requirements.txt"
        env_vars:
          LOG_LEVEL: "info"

      batch:
        enabled: true
        orchestrator: "step_functions"
        pipeline:
          steps:
      """;

  private static final String FOOTER =
      """

      infra:
        compute:
          provider: "ec2"
          ec2_type: "m5.2xlarge"
          min_quantity: 0
          max_quantity: 10
          spot: true

      notifications:
        on_success:
          - "ml-team@example.com"
        on_failure:
          - "ml-team@example.com"
          - "oncall@example.com"
      """;

  private LargePipeline() {}

  /** One step as config.yaml declares it. */
  private record Step(
      String id,
      List<String> dependsOn,
      double cpu,
      int memoryGb,
      int timeoutSeconds,
      int retries) {}

  /** A config.yaml with exactly {@code steps} steps. */
  static String yaml(int steps) {
    StringBuilder y = new StringBuilder(HEADER);
    int emitted = 0;
    String previousEnd = null;
    for (int segment = 1; emitted < steps; segment++) {
      for (Step step : segment(segment, previousEnd)) {
        if (emitted == steps) {
          break;
        }
        append(y, step);
        emitted++;
      }
      previousEnd = String.format(Locale.ROOT, "s%03d_publish", segment);
    }
    return y.append(FOOTER).toString();
  }

  private static List<Step> segment(int segment, String previousEnd) {
    String p = String.format(Locale.ROOT, "s%03d_", segment);
    List<Step> steps = new ArrayList<>();
    steps.add(
        new Step(
            p + "prepare",
            previousEnd == null ? List.of() : List.of(previousEnd),
            1.0,
            2,
            DEFAULT_TIMEOUT_SECONDS,
            DEFAULT_RETRIES));
    List<String> features = new ArrayList<>();
    for (String f : FEATURES) {
      String id = p + "feature_" + f;
      features.add(id);
      steps.add(
          new Step(id, List.of(p + "prepare"), 0.5, 1, DEFAULT_TIMEOUT_SECONDS, DEFAULT_RETRIES));
    }
    steps.add(new Step(p + "join", features, 1.0, 4, DEFAULT_TIMEOUT_SECONDS, DEFAULT_RETRIES));
    steps.add(new Step(p + "train", List.of(p + "join"), 4.0, 16, 7200, DEFAULT_RETRIES));
    steps.add(
        new Step(
            p + "evaluate",
            List.of(p + "train"),
            2.0,
            8,
            DEFAULT_TIMEOUT_SECONDS,
            DEFAULT_RETRIES));
    steps.add(new Step(p + "publish", List.of(p + "evaluate"), 0.5, 1, 600, 2));
    return steps;
  }

  private static void append(StringBuilder y, Step step) {
    y.append("      - id: ").append(step.id()).append('\n');
    y.append("        name: \"").append(step.id().replace('_', ' ')).append("\"\n");
    y.append("        command: \"python steps/run.py ").append(step.id()).append("\"\n");
    if (!step.dependsOn().isEmpty()) {
      y.append("        depends_on: [").append(String.join(", ", step.dependsOn())).append("]\n");
    }
    if (step.timeoutSeconds() != DEFAULT_TIMEOUT_SECONDS) {
      y.append("        timeout_seconds: ").append(step.timeoutSeconds()).append('\n');
    }
    if (step.retries() != DEFAULT_RETRIES) {
      y.append("        retries: ").append(step.retries()).append('\n');
    }
    y.append("        resources: {cpu: ")
        .append(step.cpu())
        .append(", memory_gb: ")
        .append(step.memoryGb())
        .append("}\n");
  }
}
