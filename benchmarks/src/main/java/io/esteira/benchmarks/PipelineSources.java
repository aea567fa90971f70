package io.esteira.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java sources and {@code config.yaml} of a module of {@code @Pipeline} classes, for the
 * compile-time benchmark. Each pipeline repeats the segment of {@link LargePipeline}: a preparation
 * step, five feature steps after it, a join after all five, then train, evaluate and publish; each
 * segment after the previous one's publish. Every step is a method doing a little real work (a loop
 * and a file write), so javac has method bodies to compile, not just signatures.
 *
 * <p>The processor reads one {@code config.yaml} per compilation (per Maven module), so the
 * pipelines of a module share it: it sets what they have in common (schedule, instance type,
 * notifications) and no {@code project_name}, and each class names its project and version in
 * {@code @Pipeline}.
 */
final class PipelineSources {

  /** The steps of one segment. */
  static final int SEGMENT = 10;

  private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e");

  static final String CONFIG_YAML =
      """
      description: "Benchmark pipelines"

      owners:
        tech_owner: "ml-team@example.com"

      schedule:
        enabled: true
        cron: "0 3 * * *"
        timeout_seconds: 86400
        retries: 1

      runtime:
        env_vars:
          LOG_LEVEL: "info"

      batch:
        enabled: true
        orchestrator: "step_functions"

      infra:
        compute:
          provider: "ec2"
          ec2_type: "m5.2xlarge"
          min_quantity: 0
          max_quantity: 10
          spot: true

      notifications:
        on_failure:
          - "ml-team@example.com"
      """;

  private PipelineSources() {}

  /**
   * A module of {@code pipelines} classes of {@code steps} steps each (a multiple of {@value
   * #SEGMENT}): source file path (relative, with packages as directories) to its text.
   */
  static Map<String, String> module(int pipelines, int steps) {
    if (pipelines < 1 || steps < SEGMENT || steps % SEGMENT != 0) {
      throw new IllegalArgumentException(
          "need at least one pipeline and a multiple of " + SEGMENT + " steps, got " + steps);
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (int p = 1; p <= pipelines; p++) {
      String pkg = String.format(Locale.ROOT, "bench.p%03d", p);
      String className = String.format(Locale.ROOT, "Pipeline%03d", p);
      String project = String.format(Locale.ROOT, "bench-%03d", p);
      sources.put(
          pkg.replace('.', '/') + "/" + className + ".java",
          pipelineClass(pkg, className, project, steps));
    }
    return sources;
  }

  /** One {@code @Pipeline} class of {@code steps / SEGMENT} segments. */
  static String pipelineClass(String pkg, String className, String project, int steps) {
    StringBuilder java = new StringBuilder();
    java.append("package ").append(pkg).append(";\n\n");
    java.append(
        """
        import io.esteira.Pipeline;
        import io.esteira.Step;
        import io.esteira.StepContext;
        import java.io.IOException;
        import java.nio.file.Files;
        import java.nio.file.Path;

        """);
    java.append("/** A generated benchmark pipeline. */\n");
    java.append("@Pipeline(name = \"").append(project).append("\", version = \"1.0.0\")\n");
    java.append("public class ").append(className).append(" {\n");
    String previousEnd = null;
    for (int segment = 1; segment <= steps / SEGMENT; segment++) {
      for (StepSpec step : segment(segment, previousEnd)) {
        appendMethod(java, step);
      }
      previousEnd = String.format(Locale.ROOT, "s%02d_publish", segment);
    }
    return java.append("}\n").toString();
  }

  private record StepSpec(String id, List<String> after, double cpu, int memoryGb) {

    String methodName() {
      StringBuilder name = new StringBuilder();
      boolean upper = false;
      for (char c : id.toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          name.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return name.toString();
    }
  }

  private static List<StepSpec> segment(int segment, String previousEnd) {
    String p = String.format(Locale.ROOT, "s%02d_", segment);
    List<StepSpec> steps = new ArrayList<>();
    steps.add(
        new StepSpec(
            p + "prepare", previousEnd == null ? List.of() : List.of(previousEnd), 1.0, 2));
    List<String> features = new ArrayList<>();
    for (String f : FEATURES) {
      features.add(p + "feature_" + f);
      steps.add(new StepSpec(p + "feature_" + f, List.of(p + "prepare"), 0.5, 1));
    }
    steps.add(new StepSpec(p + "join", features, 1.0, 4));
    steps.add(new StepSpec(p + "train", List.of(p + "join"), 4.0, 16));
    steps.add(new StepSpec(p + "evaluate", List.of(p + "train"), 2.0, 8));
    steps.add(new StepSpec(p + "publish", List.of(p + "evaluate"), 0.5, 1));
    return steps;
  }

  private static void appendMethod(StringBuilder java, StepSpec step) {
    java.append("\n  @Step(id = \"").append(step.id()).append('"');
    java.append(
        String.format(Locale.ROOT, ", cpu = %s, memoryGb = %d", step.cpu(), step.memoryGb()));
    if (!step.after().isEmpty()) {
      java.append(", after = {");
      for (int i = 0; i < step.after().size(); i++) {
        java.append(i == 0 ? "\"" : ", \"").append(step.after().get(i)).append('"');
      }
      java.append('}');
    }
    java.append(")\n");
    java.append("  public void ")
        .append(step.methodName())
        .append("(StepContext ctx) throws IOException {\n");
    java.append("    Path out = ctx.workDir().resolve(\"").append(step.id()).append(".csv\");\n");
    java.append(
        """
            StringBuilder rows = new StringBuilder("id,value\\n");
            for (int i = 0; i < 100; i++) {
              rows.append(i).append(',').append(Math.sqrt(i * 3.0)).append('\\n');
            }
            Files.writeString(out, rows);
            ctx.logger().log(System.Logger.Level.INFO, "wrote {0} rows to {1}", 100, out);
          }
        """);
  }
}
