package io.esteira.core.generate.asl;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import io.esteira.core.plan.ExecutionPlan;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Severity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AslLimitsTest {

  @Test
  void pipelineWithoutStepsIsAnError() {
    Generated generated = AslGenerator.generate(builder("empty").build());

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.code()).isEqualTo("ESTEIRA-ASL-NO-STEPS"));
  }

  @Test
  void stepIdOf80CharactersStillFits() {
    Generated generated = AslGenerator.generate(one("a".repeat(80)));

    assertThat(generated.diagnostics()).isEmpty();
    assertThat(AslAnalysis.problems(generated.json())).isEmpty();
  }

  @Test
  void stepIdOver80CharactersIsAnError() {
    String id = "a".repeat(81);
    Generated generated = AslGenerator.generate(one(id));

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-STATE-NAME-TOO-LONG");
              assertThat(d.severity()).isEqualTo(Severity.ERROR);
              assertThat(d.position()).isEmpty();
              assertThat(d.text())
                  .contains("'" + id + "'", "step '" + id + "'", "81 characters")
                  .contains("at most 80 characters");
            });
  }

  @Test
  void stepIdWithCharactersUnsafeInStateNamesIsAnError() {
    Generated generated = AslGenerator.generate(one("extract.features"));

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-STATE-NAME-CHARACTERS");
              assertThat(d.text()).contains("'extract.features'", "step 'extract.features'");
            });
  }

  @Test
  void duplicateStepIdsAreAnErrorAndNothingIsGenerated() {
    PipelineModel model = builder("dup").step(step("train")).step(step("train")).build();
    Generated generated = AslGenerator.generate(model);

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-STATE-NAME-DUPLICATE");
              assertThat(d.text()).contains("'train'", "by step 'train' and by step 'train'");
            });
    assertThat(generated.json().isEmpty()).isTrue();
  }

  @Test
  void stepNamedLikeAStateEsteiraAddsIsAnError() {
    PipelineModel model = builder("p").step(step("a")).step(step("Pipeline failed")).build();
    Generated generated = AslGenerator.generate(model);

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-STATE-NAME-DUPLICATE");
              assertThat(d.text())
                  .contains("'Pipeline failed'", "step 'Pipeline failed'", "a state Esteira adds");
            });
  }

  @Test
  void overridesAreCountedAsTheJsonEcsReceivesWithRunTimeValuesAtTheirLongest() {
    PipelineModel model = TestModels.seed("dev");
    int size = AslLimits.overridesCharacters(model, model.step("extract_features"));
    String expected =
        "{\"containerOverrides\":[{\"name\":\"recsys\",\"command\":[\"sh\",\"-c\","
            + "\"python steps/extract_features.py\"],\"environment\":["
            + "{\"name\":\"ESTEIRA_STEP\",\"value\":\"extract_features\"},"
            + "{\"name\":\"ESTEIRA_EXECUTION_ID\",\"value\":\"EXECUTION\"},"
            + "{\"name\":\"ESTEIRA_ATTEMPT\",\"value\":\"6\"}],"
            + "\"cpu\":1024,\"memory\":4096}],\"cpu\":\"1024\",\"memory\":\"4096\"}";
    // arn:aws-us-gov:states:<20-char region>:<12-digit account>:execution:recsys-workflow:<80>
    int executionArn = 4 + 10 + 8 + 20 + 1 + 12 + 11 + "recsys-workflow".length() + 1 + 80;

    assertThat(AslLimits.maxExecutionArnLength(model)).isEqualTo(executionArn);
    assertThat(size).isEqualTo(expected.length() - "EXECUTION".length() + executionArn);
  }

  @Test
  void overridesAtTheLimitPassAndOneCharacterMoreIsAnError() {
    PipelineModel empty = oneWithCommand("");
    int fixed = AslLimits.overridesCharacters(empty, empty.step("s"));
    String atLimit = "x".repeat(AslLimits.MAX_OVERRIDES_CHARACTERS - fixed);

    assertThat(AslGenerator.generate(oneWithCommand(atLimit)).diagnostics()).isEmpty();
    Generated over = AslGenerator.generate(oneWithCommand(atLimit + "x"));
    assertThat(over.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-OVERRIDES-TOO-LARGE");
              assertThat(d.text()).contains("step 's'", "8,193 characters", "8,192");
            });
  }

  @Test
  void definitionSizeCountsPlaceholdersAtTheirExpandedLength() {
    PipelineModel model = TestModels.seed("dev");
    Generated generated = AslGenerator.generate(model);
    String compact = Json.writeCompact(generated.json());
    long bytes = AslLimits.definitionBytes(model, generated.json());
    // One task definition ARN, subnet list and security group list, shared by both steps; one
    // failure and one success topic.
    long taskDefinition =
        "arn:aws-us-gov:ecs:".length() + 20 + 1 + 12 + ":task-definition/recsys:".length() + 7;
    long topic = "arn:aws-us-gov:sns:".length() + 20 + 1 + 12 + 1 + 256;
    long subnets = 3 * "\"subnet-0123456789abcdef0\"".length() + 2;
    long groups = 2 * "\"sg-0123456789abcdef0\"".length() + 1;
    long expected =
        compact.getBytes(StandardCharsets.UTF_8).length
            + (taskDefinition - "${TaskDefinitionArn}".length())
            + (subnets - "\"${Subnets}\"".length())
            + (groups - "\"${SecurityGroups}\"".length())
            + (topic - "${FailureTopicArn}".length())
            + (topic - "${SuccessTopicArn}".length());

    assertThat(bytes).isEqualTo(expected);
  }

  @Test
  void definitionSizeIsTheCompactUtf8LengthWhateverTheStringsHold() {
    // Escaped characters, multi-byte characters and a placeholder-like text that is no
    // placeholder: the count from the tree must match the bytes Jackson writes.
    PipelineModel model =
        builder("p")
            .step(command("a", null, "echo \"quoted\" \\ back\ttab\nline \u0001", 1, 2, 0))
            .step(command("b", null, "echo ação 💡 ${HOME} ${Unclosed", 1, 2, 0).dependsOn("a"))
            .build();
    Generated generated = AslGenerator.generate(model);
    PipelineModel plain = builder("p").step(step("a")).step(step("b").dependsOn("a")).build();
    Generated reference = AslGenerator.generate(plain);

    long growth =
        AslLimits.definitionBytes(plain, reference.json())
            - Json.writeCompact(reference.json()).getBytes(StandardCharsets.UTF_8).length;
    assertThat(growth).isPositive();
    assertThat(AslLimits.definitionBytes(model, generated.json()))
        .isEqualTo(
            Json.writeCompact(generated.json()).getBytes(StandardCharsets.UTF_8).length + growth);
  }

  @Test
  void definitionSizeCountsNumbersAsJacksonWritesThem() {
    PipelineModel model = TestModels.seed("dev");
    ObjectNode tree = Json.object();
    ArrayNode numbers = tree.putArray("n");
    for (double d :
        new double[] {
          2.0, 1.5, 0.1, -0.0, 1e-7, 1.0e10, 123456789.125, 1e21, Double.MAX_VALUE, Double.MIN_VALUE
        }) {
      numbers.add(d);
    }
    numbers.add(Double.NaN).add(Double.POSITIVE_INFINITY).add(2.5f).add(7).add(-12L);
    numbers.add(new BigDecimal("1.50")).add(BigInteger.TEN.pow(30));

    assertThat(AslLimits.definitionBytes(model, tree))
        .isEqualTo(Json.writeCompact(tree).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void definitionOverOneMegabyteIsAnError() {
    TestModels.Builder builder = builder("big");
    for (int i = 0; i < 160; i++) {
      builder.step(
          command("s" + i, null, "python run.py " + "x".repeat(6000), 1, 2, 0)
              .dependsOn(i == 0 ? new String[0] : new String[] {"s" + (i - 1)}));
    }
    Generated generated = AslGenerator.generate(builder.build());

    assertThat(generated.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-DEFINITION-TOO-LARGE");
              assertThat(d.text()).contains("160 steps", "1,048,576 bytes", "split the pipeline");
            });
  }

  @Test
  void historyEstimateOfTheOriginExampleFollowsTheDocumentedCount() {
    PipelineModel model = TestModels.seed("dev");
    MachineLayout.Result layout =
        MachineLayout.layOut(model, ExecutionPlan.of(model.graph()).shape().orElseThrow());
    // 2 execution events, 2 for "Pipeline settings"; per step 2 + 4 * (1 + 2 retries + 3
    // infrastructure retries) = 26; then the failure end: "Step failed" 2 + publish 5 + 3 * 2
    // retries + "Notice not sent" 2 (when the publish fails) + Fail 1 = 16.
    assertThat(AslLimits.historyEvents(model, layout)).isEqualTo(2 + 2 + 2 * 26 + 16);
  }

  @Test
  void parallelStatesAndNestingAddToTheHistoryEstimate() {
    PipelineModel model = AslGeneratorTest.diamond();
    MachineLayout.Result layout =
        MachineLayout.layOut(model, ExecutionPlan.of(model.graph()).shape().orElseThrow());
    // load_data 1 retry, trainings 0, pick_best 3; one parallel; failure end from a branch: its
    // Fail, the two shared Pass states, the publish, "Notice not sent" and the last Fail.
    long steps = (2 + 4 * 5) + 2 * (2 + 4 * 4) + (2 + 4 * 7);
    assertThat(AslLimits.historyEvents(model, layout))
        .isEqualTo(2 + 2 + steps + 4 + (1 + 4 + 11 + 2 + 1));
  }

  @Test
  void pipelineThatCouldPassTheHistoryLimitIsRefusedWithTheEstimate() {
    Generated generated = AslGenerator.generate(chain(1000, 2));

    assertThat(generated.diagnostics())
        .filteredOn(d -> d.code().equals("ESTEIRA-ASL-HISTORY-TOO-LONG"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.text())
                    .contains("26,020 history events", "1000 steps", "6 attempts", "25,000")
                    .contains("lower the retries", "split the pipeline"));
  }

  @Test
  void sameChainWithoutStepRetriesIsWithinTheHistoryLimit() {
    Generated generated = AslGenerator.generate(chain(1000, 0));

    assertThat(generated.diagnostics())
        .extracting(Diagnostic::code)
        .doesNotContain("ESTEIRA-ASL-HISTORY-TOO-LONG");
  }

  @Test
  void sixHundredStepChainFitsEveryLimit() {
    Generated generated = AslGenerator.generate(chain(600, 1));

    assertThat(generated.diagnostics()).isEmpty();
  }

  static PipelineModel chain(int steps, int retries) {
    TestModels.Builder builder =
        builder("chain").notifications(new Notifications(List.of(), List.of("ops@example.com")));
    for (int i = 0; i < steps; i++) {
      builder.step(
          step("s" + i)
              .retries(retries)
              .dependsOn(i == 0 ? new String[0] : new String[] {"s" + (i - 1)}));
    }
    return builder.build();
  }

  private static PipelineModel one(String id) {
    return builder("p").step(step(id)).build();
  }

  private static PipelineModel oneWithCommand(String command) {
    return builder("p").step(command("s", null, command, 1, 2, 0)).build();
  }
}
