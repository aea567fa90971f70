package io.esteira.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The pull-request workflow's step that writes the plan comment, run with bash as the workflow has
 * it, on plans of any length: GitHub refuses a comment over 65,536 characters, so a longer plan is
 * cut at a whole line and the comment points to the run's summary, which has all of it.
 * (TeamRepositoryWorkflowsIT runs the whole workflow on a real plan, which is short.)
 */
class PlanCommentTest {

  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final String REPOSITORY = "my-team/pipelines";

  @TempDir Path dir;

  @Test
  void aPlanLongerThanACommentMayBeIsCutAtALineAndTheCommentPointsToTheSummary() throws Exception {
    StringBuilder plan = new StringBuilder();
    for (int i = 0; plan.length() < 200_000; i++) {
      // Two bytes a character in UTF-8: the cut must not split one.
      plan.append("~ state machine scores-").append(i).append("-prd: étape changée\n");
    }

    Written written = write(plan.toString(), 0);

    assertThat(written.body().length()).isLessThan(65_000);
    String url = "https://github.com/" + REPOSITORY + "/actions/runs/" + WorkflowHarness.RUN_ID;
    assertThat(written.body())
        .startsWith("<!-- esteira-plan -->\n### esteira plan for `prd` at " + SHA.substring(0, 12))
        .endsWith("All of it is in the summary of [this run](" + url + ").\n");
    String shown =
        written
            .body()
            .substring(
                written.body().indexOf("```\n") + 4,
                written.body().indexOf("```\n", written.body().indexOf("```\n") + 4));
    assertThat(plan.toString()).startsWith(shown);
    assertThat(shown).endsWith("\n").hasSizeGreaterThan(50_000);
    assertThat(written.body())
        .contains(
            "The plan is "
                + plan.toString().getBytes(StandardCharsets.UTF_8).length
                + " bytes, longer than a comment may be");
    assertThat(written.summary()).contains("```\n" + plan + "```\n");
  }

  @Test
  void aShortPlanIsAllInTheCommentAsInTheSummaryAndAFailedOneSaysSo() throws Exception {
    String plan = "+ state machine scores-prd\n";

    Written written = write(plan, 3);

    assertThat(written.body())
        .isEqualTo(
            "<!-- esteira-plan -->\n### esteira plan for `prd` at "
                + SHA.substring(0, 12)
                + " failed (exit 3)\n\n```\n"
                + plan
                + "```\n")
        .isEqualTo(written.summary());
  }

  private record Written(String body, String summary) {}

  /** Runs the step on {@code plan}, as the plan step with exit {@code status} left it. */
  private Written write(String plan, int status) throws Exception {
    Map<String, Object> step = commentStep();
    Path runnerTemp = Files.createDirectories(dir.resolve("runner-temp"));
    Files.writeString(runnerTemp.resolve("plan.txt"), plan);
    Path output = Files.createFile(dir.resolve("output"));
    Path summary = Files.createFile(dir.resolve("summary"));
    Path script = Files.writeString(dir.resolve("step.sh"), String.valueOf(step.get("run")));
    Path log = dir.resolve("step.log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("RUNNER_TEMP", runnerTemp.toString());
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    env.put("GITHUB_SHA", SHA);
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("GITHUB_RUN_ID", WorkflowHarness.RUN_ID);
    env.put("ENV", "prd");
    @SuppressWarnings("unchecked")
    Map<String, Object> stepEnv = (Map<String, Object>) step.get("env");
    assertThat(stepEnv.get("STATUS")).isEqualTo("${{ steps.plan.outputs.status }}");
    env.put("STATUS", String.valueOf(status));
    env.put("LIMIT", String.valueOf(stepEnv.get("LIMIT")));
    Process process = builder.start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    Map<String, String> outputs = new LinkedHashMap<>();
    WorkflowHarness.readEnvFile(output, outputs);
    Path body = Path.of(outputs.get("body"));
    return new Written(utf8(Files.readAllBytes(body)), utf8(Files.readAllBytes(summary)));
  }

  /** The bytes as UTF-8, failing on a split character. */
  private static String utf8(byte[] bytes) throws Exception {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> commentStep() {
    Starter.Settings settings =
        new Starter.Settings(
            Starter.Kind.YAML,
            "scores",
            "com.example.scores",
            "us-east-1",
            "vpc-0a1b2c3d",
            List.of("subnet-0a1b2c3d"),
            "ml-pipelines",
            "1.0.0");
    String workflow =
        Starter.files(settings).stream()
            .filter(f -> f.path().equals(".github/workflows/esteira-pull-request.yml"))
            .findFirst()
            .orElseThrow()
            .text();
    Map<String, Object> file =
        (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(workflow);
    Map<String, Object> plan =
        (Map<String, Object>) ((Map<String, Object>) file.get("jobs")).get("plan");
    return ((List<Map<String, Object>>) plan.get("steps"))
        .stream()
            .filter(s -> "comment".equals(s.get("id")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the plan job has no step with id comment"));
  }
}
