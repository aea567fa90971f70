package io.esteira.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config.yaml of a large pipeline shaped like real ones: repeated segments of a preparation
 * step, five feature steps fanning out from it, a join waiting for all five, then a chain of train,
 * evaluate and publish; each segment starts after the one before it publishes. Every dependency is
 * an explicit {@code depends_on}.
 */
final class LargePipeline {

  private static final String[] FEATURES = {"a", "b", "c", "d", "e"};

  private LargePipeline() {}

  /** A config.yaml with exactly {@code steps} steps. */
  static String yaml(int steps) {
    StringBuilder y = new StringBuilder();
    y.append(
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
        """);
    List<String> emitted = new ArrayList<>();
    String previousSegmentEnd = null;
    for (int segment = 1; emitted.size() < steps; segment++) {
      String p = String.format(Locale.ROOT, "s%03d_", segment);
      List<String> features = new ArrayList<>();
      for (String f : FEATURES) {
        features.add(p + "feature_" + f);
      }
      // Each entry: id, dependencies, cpu, memory, timeout, retries.
      List<Object[]> segmentSteps = new ArrayList<>();
      segmentSteps.add(
          new Object[] {
            p + "prepare",
            previousSegmentEnd == null ? List.of() : List.of(previousSegmentEnd),
            1.0,
            2,
            1800,
            1
          });
      for (String feature : features) {
        segmentSteps.add(new Object[] {feature, List.of(p + "prepare"), 0.5, 1, 900, 2});
      }
      segmentSteps.add(new Object[] {p + "join", features, 1.0, 4, 900, 0});
      segmentSteps.add(new Object[] {p + "train", List.of(p + "join"), 4.0, 16, 7200, 1});
      segmentSteps.add(new Object[] {p + "evaluate", List.of(p + "train"), 2.0, 8, 1800, 1});
      segmentSteps.add(new Object[] {p + "publish", List.of(p + "evaluate"), 0.5, 1, 600, 3});
      for (Object[] s : segmentSteps) {
        if (emitted.size() == steps) {
          break;
        }
        appendStep(
            y, (String) s[0], castList(s[1]), (double) s[2], (int) s[3], (int) s[4], (int) s[5]);
        emitted.add((String) s[0]);
      }
      previousSegmentEnd = p + "publish";
    }
    y.append(
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
        """);
    return y.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  private static void appendStep(
      StringBuilder y,
      String id,
      List<String> dependsOn,
      double cpu,
      int memoryGb,
      int timeoutSeconds,
      int retries) {
    y.append("      - id: \"").append(id).append("\"\n");
    y.append("        name: \"").append(id.replace('_', ' ')).append("\"\n");
    y.append("        command: \"python steps/run.py ").append(id).append("\"\n");
    if (!dependsOn.isEmpty()) {
      y.append("        depends_on: [");
      for (int i = 0; i < dependsOn.size(); i++) {
        y.append(i == 0 ? "\"" : ", \"").append(dependsOn.get(i)).append('"');
      }
      y.append("]\n");
    }
    y.append("        timeout_seconds: ").append(timeoutSeconds).append('\n');
    y.append("        retries: ").append(retries).append('\n');
    y.append("        resources:\n");
    y.append("          cpu: ").append(cpu).append('\n');
    y.append("          memory_gb: ").append(memoryGb).append('\n');
  }
}
