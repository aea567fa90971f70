package io.esteira.core.generate.asl;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.GoldenFiles;
import io.esteira.core.generate.Json;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.core.model.TestModels;
import io.esteira.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AslGeneratorTest {

  /** Extract, two trainings in parallel, a Java step that picks the best; no success recipients. */
  static PipelineModel diamond() {
    return builder("churn")
        .version("2.1.0")
        .environment("prd")
        .step(command("load_data", "Load data", "python steps/load.py", 1.0, 2, 1))
        .step(
            command("train_gbm", "Train GBM", "python steps/train.py --model gbm", 4.0, 16, 0)
                .timeoutSeconds(7200)
                .dependsOn("load_data"))
        .step(
            command("train_linear", null, "python steps/train.py --model linear", 2.0, 4, 0)
                .dependsOn("load_data"))
        .step(
            new StepModel(
                "pick_best",
                "Pick best",
                new StepAction.JavaMethod("com.example.churn.ChurnPipeline", "pickBest", true),
                new Resources(0.5, 1),
                600,
                RetryPolicy.forStep(3),
                RetryPolicy.forInfrastructure(),
                List.of("train_gbm", "train_linear")))
        .notifications(new Notifications(List.of(), List.of("oncall@example.com")))
        .build();
  }

  @Test
  void originExampleMatchesGoldenFileAndAslValidator() {
    Generated generated = AslGenerator.generate(TestModels.seed("dev"));

    assertThat(generated.diagnostics()).isEmpty();
    GoldenFiles.standard().assertMatches("asl/recsys.dev.asl.json", Json.write(generated.json()));
    AslValidatorSupport.assertValid("recsys dev", generated.json());
  }

  @Test
  void diamondMatchesGoldenFileAndAslValidator() {
    Generated generated = AslGenerator.generate(diamond());

    assertThat(generated.diagnostics()).isEmpty();
    GoldenFiles.standard().assertMatches("asl/churn.prd.asl.json", Json.write(generated.json()));
    AslValidatorSupport.assertValid("churn prd", generated.json());
  }

  @Test
  void sameModelGivesSameBytes() {
    assertThat(Json.write(AslGenerator.generate(diamond()).json()))
        .isEqualTo(Json.write(AslGenerator.generate(diamond()).json()));
  }

  @Test
  void topLevelCarriesPipelineTimeoutAndIdentity() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("prd")).json();

    assertThat(asl.path("TimeoutSeconds").asInt()).isEqualTo(3600);
    assertThat(asl.path("Comment").asText()).contains("recsys", "1.0.0", "prd");
    assertThat(asl.path("StartAt").asText()).isEqualTo("Pipeline settings");
    assertThat(state(asl, "Pipeline settings").path("Type").asText()).isEqualTo("Pass");
    assertThat(state(asl, "Pipeline settings").path("Next").asText()).isEqualTo("extract_features");
  }

  @Test
  void parametersEveryStepSharesAreAssignedOnceAndReadAsVariables() {
    JsonNode asl = AslGenerator.generate(diamond()).json();
    JsonNode settings = state(asl, "Pipeline settings");
    JsonNode variables = settings.path("Assign");

    // A Pass without Parameters hands the execution input on unchanged.
    assertThat(settings.has("Parameters")).isFalse();
    assertThat(settings.has("ResultPath")).isFalse();
    assertThat(variables.path("cluster").asText()).isEqualTo("ml-cluster-churn");
    assertThat(variables.path("taskDefinition").asText()).isEqualTo("${TaskDefinitionArn}");
    assertThat(variables.at("/capacity/0/CapacityProvider").asText()).isEqualTo("cp-churn");
    assertThat(texts(variables.at("/network/AwsvpcConfiguration/Subnets")))
        .containsExactly("${Subnets}");
    assertThat(texts(variables.at("/network/AwsvpcConfiguration/SecurityGroups")))
        .containsExactly("${SecurityGroups}");
    // Each task carries the task definition's tags (project, environment, ...).
    assertThat(variables.path("tags").asText()).isEqualTo("TASK_DEFINITION");
    for (String step : List.of("load_data", "train_gbm", "pick_best")) {
      JsonNode parameters = state(asl, step).path("Parameters");
      assertThat(parameters.path("Cluster.$").asText()).isEqualTo("$cluster");
      assertThat(parameters.path("TaskDefinition.$").asText()).isEqualTo("$taskDefinition");
      assertThat(parameters.path("CapacityProviderStrategy.$").asText()).isEqualTo("$capacity");
      assertThat(parameters.path("NetworkConfiguration.$").asText()).isEqualTo("$network");
      assertThat(parameters.path("PropagateTags.$").asText()).isEqualTo("$tags");
    }
  }

  @Test
  void stepRunsThroughCapacityProviderWithItsOwnOverrides() {
    JsonNode task = state(AslGenerator.generate(diamond()).json(), "train_gbm");
    JsonNode parameters = task.path("Parameters");

    assertThat(task.path("Resource").asText()).isEqualTo("arn:aws:states:::ecs:runTask.sync");
    assertThat(parameters.has("LaunchType")).isFalse();
    assertThat(parameters.path("CapacityProviderStrategy.$").asText()).isEqualTo("$capacity");
    assertThat(parameters.at("/Overrides/Cpu").asText()).isEqualTo("4096");
    assertThat(parameters.at("/Overrides/Memory").asText()).isEqualTo("16384");
    JsonNode container = parameters.at("/Overrides/ContainerOverrides/0");
    assertThat(container.path("Cpu").isInt()).isTrue();
    assertThat(container.path("Memory").asInt()).isEqualTo(16384);
    assertThat(texts(container.path("Command")))
        .containsExactly("sh", "-c", "python steps/train.py --model gbm");
    assertThat(task.path("TimeoutSeconds").asInt()).isEqualTo(7200);
    assertThat(task.path("ResultPath").isNull()).isTrue();
  }

  @Test
  void environmentNamesStepExecutionAndAttempt() {
    JsonNode environment =
        state(AslGenerator.generate(diamond()).json(), "pick_best")
            .at("/Parameters/Overrides/ContainerOverrides/0/Environment");
    Map<String, String> values = new LinkedHashMap<>();
    environment.forEach(
        v ->
            values.put(
                v.path("Name").asText(),
                v.has("Value") ? v.path("Value").asText() : "path " + v.path("Value.$").asText()));

    // ENV and ESTEIRA_PROJECT are the same for every step: the task definition sets them.
    assertThat(values)
        .doesNotContainKeys("ENV", "ESTEIRA_PROJECT")
        .containsEntry("ESTEIRA_STEP", "pick_best")
        .containsEntry("ESTEIRA_EXECUTION_ID", "path $$.Execution.Id")
        .containsEntry(
            "ESTEIRA_ATTEMPT", "path States.Format('{}', States.MathAdd($$.State.RetryCount, 1))");
  }

  @Test
  void javaStepRunsTheStepLauncher() {
    JsonNode command =
        state(AslGenerator.generate(diamond()).json(), "pick_best")
            .at("/Parameters/Overrides/ContainerOverrides/0/Command");

    assertThat(texts(command))
        .containsExactly(
            "java",
            "-cp",
            "/app/resources:/app/classes:/app/libs/*",
            "io.esteira.runtime.StepLauncher",
            "churn",
            "pick_best");
    assertThat(texts(command).subList(0, 4)).isEqualTo(AslGenerator.JAVA_STEP_LAUNCHER);
  }

  @Test
  void stepFailuresComeFirstThenEveryOtherErrorIsRetriedAsInfrastructure() {
    JsonNode retry = state(AslGenerator.generate(diamond()).json(), "pick_best").path("Retry");

    assertThat(retry).hasSize(2);
    assertThat(texts(retry.get(0).path("ErrorEquals")))
        .containsExactly("States.TaskFailed", "States.Timeout");
    assertThat(retry.get(0).path("IntervalSeconds").asInt()).isEqualTo(30);
    assertThat(retry.get(0).path("JitterStrategy").asText()).isEqualTo("FULL");
    // 3 retries, 30, 60, 120 s apart: ASL's default MaxAttempts and BackoffRate, and a
    // MaxDelaySeconds (600) that caps none of the delays, all left out.
    assertThat(retry.get(0).has("MaxAttempts")).isFalse();
    assertThat(retry.get(0).has("BackoffRate")).isFalse();
    assertThat(retry.get(0).has("MaxDelaySeconds")).isFalse();
    // ECS.ServerException, ECS.ThrottlingException, ECS.InvalidParameterException and every
    // other name the ECS integration raises: States.ALL, alone in the last retrier as ASL wants.
    assertThat(texts(retry.get(1).path("ErrorEquals"))).containsExactly("States.ALL");
    assertThat(retry.get(1).path("MaxAttempts").asInt(3)).isEqualTo(3);
    assertThat(retry.get(1).path("IntervalSeconds").asInt()).isEqualTo(60);
    assertThat(retry.get(1).path("JitterStrategy").asText()).isEqualTo("FULL");
  }

  @Test
  void stepWithoutRetriesNeverRetriesItsOwnFailureAsInfrastructure() {
    JsonNode retry = state(AslGenerator.generate(diamond()).json(), "train_gbm").path("Retry");

    assertThat(retry).hasSize(2);
    assertThat(texts(retry.get(0).path("ErrorEquals")))
        .containsExactly("States.TaskFailed", "States.Timeout");
    assertThat(retry.get(0).path("MaxAttempts").asInt()).isZero();
    assertThat(retry.get(0).size()).as("nothing but ErrorEquals and MaxAttempts").isEqualTo(2);
    assertThat(texts(retry.get(1).path("ErrorEquals"))).containsExactly("States.ALL");
  }

  @Test
  void retrierGivesMaxDelaySecondsOnlyWhenItCapsADelay() {
    // 60, 120, 240 s: the infrastructure policy's 600 s cap never applies; 30 s * 2^5 = 960 s does.
    assertThat(
            StepTaskState.retrier(List.of("x"), RetryPolicy.forInfrastructure())
                .has("MaxDelaySeconds"))
        .isFalse();
    assertThat(StepTaskState.retrier(List.of("x"), RetryPolicy.forStep(5)).has("MaxDelaySeconds"))
        .isFalse();
    assertThat(
            StepTaskState.retrier(List.of("x"), RetryPolicy.forStep(6))
                .path("MaxDelaySeconds")
                .asInt())
        .isEqualTo(600);
  }

  @Test
  void policyWithoutJitterHasNoJitterStrategy() {
    StepModel step =
        new StepModel(
            "quiet",
            null,
            new StepAction.Command("true"),
            new Resources(1, 2),
            60,
            new RetryPolicy(1, 5, 1.5, 20, false),
            RetryPolicy.forInfrastructure(),
            List.of());
    JsonNode retry =
        state(AslGenerator.generate(builder("p").step(step).build()).json(), "quiet").path("Retry");

    assertThat(retry.get(0).has("JitterStrategy")).isFalse();
    assertThat(retry.get(0).path("BackoffRate").asDouble()).isEqualTo(1.5);
    // 5 s, then 7.5 s: the 20 s cap applies to neither.
    assertThat(retry.get(0).has("MaxDelaySeconds")).isFalse();
  }

  @Test
  void everyStepCatchesEverythingNamingItselfForTheFailedState() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("dev")).json();
    JsonNode catcher = state(asl, "score_model").path("Catch");
    JsonNode failed = state(asl, "Step failed");

    assertThat(catcher).hasSize(1);
    assertThat(texts(catcher.get(0).path("ErrorEquals"))).containsExactly("States.ALL");
    assertThat(catcher.get(0).at("/Assign/failedStep").asText()).isEqualTo("score_model");
    assertThat(catcher.get(0).path("Next").asText()).isEqualTo("Step failed");
    assertThat(failed.path("Type").asText()).isEqualTo("Pass");
    assertThat(failed.at("/Parameters/Error.$").asText()).isEqualTo("$.Error");
    assertThat(failed.at("/Parameters/Cause.$").asText())
        .isEqualTo("States.Format('Step {} failed: {}', $failedStep, States.JsonToString($))");
    assertThat(failed.path("Next").asText()).isEqualTo("Notify failure");
  }

  @Test
  void failurePublishesNamingTheStepThenFailsEvenIfPublishFails() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("dev")).json();
    JsonNode notify = state(asl, "Notify failure");
    JsonNode end = state(asl, "Pipeline failed");

    assertThat(notify.path("Resource").asText()).isEqualTo("arn:aws:states:::sns:publish");
    assertThat(notify.at("/Parameters/TopicArn").asText()).isEqualTo("${FailureTopicArn}");
    assertThat(notify.at("/Parameters/Message.$").asText())
        .isEqualTo(
            "States.Format('Esteira pipeline recsys version 1.0.0 failed in environment dev,"
                + " execution {}. Error: {}. Cause: {}. Console:"
                + " https://{}.console.aws.amazon.com/states/home?region={}#/v2/executions/details/{}',"
                + " $$.Execution.Name, $.Error, $.Cause,"
                + " States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), 3),"
                + " States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), 3),"
                + " $$.Execution.Id)");
    assertThat(notify.path("Next").asText()).isEqualTo("Pipeline failed");
    // A notice that could not be sent is said in the cause, which then no longer begins with
    // "Step ": the execution-level notice, which skips the failures reported here, tells of it.
    assertThat(notify.at("/Catch/0/Next").asText()).isEqualTo("Notice not sent");
    assertThat(notify.at("/Catch/0/ResultPath").asText()).isEqualTo("$.NotifyError");
    JsonNode notSent = state(asl, "Notice not sent");
    assertThat(notSent.path("Type").asText()).isEqualTo("Pass");
    assertThat(notSent.at("/Parameters/Error.$").asText()).isEqualTo("$.Error");
    assertThat(notSent.at("/Parameters/Cause.$").asText())
        .isEqualTo(
            "States.Format('The failure notice could not be sent ({}). {}', $.NotifyError.Error,"
                + " $.Cause)")
        .doesNotStartWith("States.Format('" + AslGenerator.STEP_FAILURE_CAUSE_PREFIX);
    assertThat(notSent.path("Next").asText()).isEqualTo("Pipeline failed");
    assertThat(end.path("Type").asText()).isEqualTo("Fail");
    assertThat(end.path("ErrorPath").asText()).isEqualTo("$.Error");
    assertThat(end.path("CausePath").asText()).isEqualTo("$.Cause");
  }

  @Test
  void successPublishesWhenSomeoneListens() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("dev")).json();

    assertThat(state(asl, "score_model").path("Next").asText()).isEqualTo("Notify success");
    assertThat(state(asl, "Notify success").at("/Parameters/TopicArn").asText())
        .isEqualTo("${SuccessTopicArn}");
    assertThat(state(asl, "Notify success").path("Next").asText()).isEqualTo("Pipeline succeeded");
  }

  @Test
  void aLostSuccessNotificationDoesNotFailAPipelineThatSucceeded() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("dev")).json();

    JsonNode catcher = state(asl, "Notify success").path("Catch").get(0);
    assertThat(catcher.path("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
    assertThat(catcher.path("Next").asText()).isEqualTo("Pipeline succeeded");
  }

  @Test
  void withoutRecipientsNothingIsPublishedButFailuresStillFail() {
    PipelineModel model =
        builder("quiet")
            .step(step("a"))
            .step(step("b").dependsOn("a"))
            .notifications(new Notifications(List.of(), List.of()))
            .build();
    JsonNode asl = AslGenerator.generate(model).json();

    assertThat(asl.path("States").has("Notify failure")).isFalse();
    assertThat(asl.path("States").has("Notify success")).isFalse();
    assertThat(state(asl, "Step failed").path("Next").asText()).isEqualTo("Pipeline failed");
    assertThat(state(asl, "b").path("Next").asText()).isEqualTo("Pipeline succeeded");
    assertThat(AslAnalysis.problems(asl)).isEmpty();
    AslValidatorSupport.assertValid("no recipients", asl);
  }

  @Test
  void aBranchOfOneStepFailsNamingTheStepAndEveryBranchSharesOneFailurePath() {
    JsonNode asl = AslGenerator.generate(diamond()).json();
    JsonNode parallel = state(asl, "Parallel 1");
    JsonNode branch = parallel.path("Branches").get(0).path("States");

    assertThat(parallel.path("ResultPath").isNull()).isTrue();
    assertThat(parallel.at("/Catch/0/Next").asText()).isEqualTo("Branch failed");
    // The branch's Fail state names the step, so its catcher assigns nothing.
    assertThat(branch.at("/train_gbm/Catch/0").has("Assign")).isFalse();
    assertThat(branch.at("/train_gbm/Catch/0/Next").asText())
        .isEqualTo("Parallel 1 branch 1 failed");
    JsonNode fail = branch.path("Parallel 1 branch 1 failed");
    assertThat(fail.path("Type").asText()).isEqualTo("Fail");
    assertThat(fail.path("Error").asText()).isEqualTo("train_gbm");
    assertThat(fail.path("CausePath").asText()).isEqualTo("States.JsonToString($)");
    // One shared path turns (step id, error as JSON) back into the step's error and a cause that
    // names the step, as "Step failed" does for a step outside any branch.
    JsonNode shared = state(asl, "Branch failed");
    assertThat(shared.at("/Parameters/Cause.$").asText())
        .isEqualTo("States.Format('Step {} failed: {}', $.Error, $.Cause)");
    assertThat(shared.at("/Parameters/Error.$").asText()).isEqualTo("States.StringToJson($.Cause)");
    assertThat(shared.path("Next").asText()).isEqualTo("Branch step failed");
    assertThat(state(asl, "Branch step failed").at("/Parameters/Error.$").asText())
        .isEqualTo("$.Error.Error");
    assertThat(state(asl, "Branch step failed").path("Next").asText()).isEqualTo("Notify failure");
  }

  @Test
  void withoutParallelStatesThereIsNoBranchFailurePath() {
    JsonNode asl = AslGenerator.generate(TestModels.seed("dev")).json();

    assertThat(asl.path("States").has("Branch failed")).isFalse();
    assertThat(asl.path("States").has("Branch step failed")).isFalse();
  }

  @Test
  void nestedParallelPassesFailuresUpWithoutCatching() {
    // a -> (b -> (c | d) -> e | f) -> g
    PipelineModel model =
        builder("nested")
            .step(step("a"))
            .step(step("b").dependsOn("a"))
            .step(step("c").dependsOn("b"))
            .step(step("d").dependsOn("b"))
            .step(step("e").dependsOn("c", "d"))
            .step(step("f").dependsOn("a"))
            .step(step("g").dependsOn("e", "f"))
            .build();
    JsonNode asl = AslGenerator.generate(model).json();
    JsonNode inner = state(asl, "Parallel 1").at("/Branches/0/States/Parallel 2");

    assertThat(inner.path("Type").asText()).isEqualTo("Parallel");
    assertThat(inner.has("Catch")).isFalse();
    // The inner branches hold one step each: their Fail states name it.
    assertThat(inner.at("/Branches/0/States/Parallel 2 branch 1 failed/Error").asText())
        .isEqualTo("c");
    // The outer branch holds b, the inner parallel state and e: its catchers name the step in the
    // variable of their depth, which its Fail state reads; no branch assigns an outer one.
    JsonNode outer = state(asl, "Parallel 1").at("/Branches/0/States");
    assertThat(outer.at("/b/Catch/0/Assign/failedStep1").asText()).isEqualTo("b");
    assertThat(outer.at("/e/Catch/0/Assign/failedStep1").asText()).isEqualTo("e");
    assertThat(outer.at("/Parallel 1 branch 1 failed/ErrorPath").asText())
        .isEqualTo("$failedStep1");
    assertThat(AslAnalysis.problems(asl)).isEmpty();
    AslValidatorSupport.assertValid("nested", asl);
  }

  @Test
  void textInIntrinsicStringsIsEscaped() {
    PipelineModel model = builder("odd").version("1.0 'beta' {x} \\").step(step("a")).build();
    JsonNode asl = AslGenerator.generate(model).json();

    assertThat(state(asl, "Notify failure").at("/Parameters/Message.$").asText())
        .contains("1.0 \\'beta\\' \\{x\\} /");
    AslValidatorSupport.assertValid("escaped version", asl);
  }

  @Test
  void nonSeriesParallelGraphWarnsOfEachAddedWait() {
    PipelineModel model =
        builder("n")
            .step(step("a"))
            .step(step("b"))
            .step(step("c").dependsOn("a", "b"))
            .step(step("d").dependsOn("b"))
            .build();
    Generated generated = AslGenerator.generate(model);

    assertThat(generated.hasErrors()).isFalse();
    assertThat(generated.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-ASL-ADDED-WAIT");
    assertThat(generated.diagnostics().get(0).text())
        .startsWith("step 'd' will also wait for step 'a'");
    assertThat(AslAnalysis.guaranteedBefore(generated.json()).get("d")).containsOnly("a", "b");
  }

  /** The state with this name, at the top level or inside any parallel branch. */
  private static JsonNode state(JsonNode asl, String name) {
    JsonNode state = find(asl.path("States"), name);
    assertThat(state).as("state '%s'", name).isNotNull();
    return state;
  }

  private static JsonNode find(JsonNode states, String name) {
    if (states.has(name)) {
      return states.get(name);
    }
    for (JsonNode state : states) {
      for (JsonNode branch : state.path("Branches")) {
        JsonNode found = find(branch.path("States"), name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
