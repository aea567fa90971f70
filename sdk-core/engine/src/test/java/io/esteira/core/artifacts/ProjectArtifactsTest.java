package io.esteira.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.config.Resolved;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.MermaidGenerator;
import io.esteira.core.generate.PipelineJsonGenerator;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.TestModels;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which files a resolved pipeline gives and how diagnostics gate them. The AWS generators are
 * replaced by stand-ins that echo the model, since their output has tests of its own; what is
 * checked here is the artifact contract's file set and the all-or-nothing rule.
 */
class ProjectArtifactsTest {

  private final List<Diagnostic> aslDiagnostics = new ArrayList<>();

  private final ProjectArtifacts.Generators standIns =
      new ProjectArtifacts.Generators(
          model -> new Generated(echo("asl", model), aslDiagnostics),
          model -> echo("task", model),
          model -> echo("schedule", model));

  private static ObjectNode echo(String kind, PipelineModel model) {
    ObjectNode node = Json.object();
    node.put(kind, model.project() + "/" + model.environment());
    return node;
  }

  private static Map<String, Resolved> resolved(PipelineModel... models) {
    Map<String, Resolved> byEnv = new LinkedHashMap<>();
    for (PipelineModel model : models) {
      byEnv.put(model.environment(), new Resolved(Optional.of(model), List.of()));
    }
    return byEnv;
  }

  private ProjectArtifacts assemble(Map<String, Resolved> byEnv) {
    return ProjectArtifacts.assemble(
        "recsys", List.copyOf(byEnv.keySet()), byEnv, List.of(), standIns);
  }

  @Test
  void theOriginExampleGivesEveryFileOfTheContract() {
    PipelineModel dev = TestModels.seed("dev");
    PipelineModel prd = TestModels.seed("prd");

    ProjectArtifacts artifacts = assemble(resolved(dev, prd));

    assertThat(artifacts.hasErrors()).isFalse();
    assertThat(artifacts.files().keySet())
        .containsExactly(
            "pipeline.json",
            "pipeline.mmd",
            "state-machine.dev.asl.json",
            "task-definition.dev.json",
            "schedule.dev.json",
            "state-machine.prd.asl.json",
            "task-definition.prd.json",
            "schedule.prd.json");
    assertThat(artifacts.files().get("pipeline.json"))
        .isEqualTo(Json.write(PipelineJsonGenerator.generate(List.of(dev, prd))));
    assertThat(artifacts.files().get("pipeline.mmd")).isEqualTo(MermaidGenerator.generate(dev));
    assertThat(artifacts.files().get("task-definition.prd.json"))
        .isEqualTo("{\n  \"task\": \"recsys/prd\"\n}\n");
    assertThat(artifacts.files().get("schedule.dev.json")).contains("\"recsys/dev\"");
  }

  @Test
  void theAwsStateMachinesOfSeveralEnvironmentsAreThoseOfEachAlone() {
    // The generators plan each distinct step graph once: a graph shared by two environments, then
    // the same steps in another order and with another dependency, must each get their own plan.
    PipelineModel dev = TestModels.seed("dev");
    PipelineModel prd = TestModels.seed("prd");
    PipelineModel chain =
        TestModels.builder("recsys")
            .environment("stg")
            .step(TestModels.step("a"))
            .step(TestModels.step("b").dependsOn("a"))
            .step(TestModels.step("c").dependsOn("b"))
            .build();
    PipelineModel fork =
        TestModels.builder("recsys")
            .environment("qa")
            .step(TestModels.step("a"))
            .step(TestModels.step("c").dependsOn("a"))
            .step(TestModels.step("b").dependsOn("a"))
            .build();
    ProjectArtifacts.Generators aws = ProjectArtifacts.Generators.aws();

    for (PipelineModel model : List.of(dev, prd, chain, fork, dev)) {
      assertThat(Json.write(aws.stateMachine().apply(model).json()))
          .isEqualTo(Json.write(AslGenerator.generate(model).json()));
    }
  }

  @Test
  void noScheduleFileWhenNoExpressionIsConfigured() {
    PipelineModel dev =
        TestModels.builder("recsys")
            .step(TestModels.step("a"))
            .schedule(new Schedule(false, "", "", "UTC", 3600, 0))
            .build();

    ProjectArtifacts artifacts = assemble(resolved(dev));

    assertThat(artifacts.files().keySet())
        .containsExactly(
            "pipeline.json",
            "pipeline.mmd",
            "state-machine.dev.asl.json",
            "task-definition.dev.json");
  }

  @Test
  void aDisabledBatchHasNoStateMachineAndNoSchedule() {
    PipelineModel dev =
        TestModels.builder("recsys")
            .step(TestModels.step("a"))
            .schedule(new Schedule(true, "0 3 * * *", "cron(0 3 * * ? *)", "UTC", 3600, 0))
            .batchEnabled(false)
            .build();

    ProjectArtifacts artifacts = assemble(resolved(dev));

    assertThat(artifacts.files().keySet())
        .containsExactly("pipeline.json", "pipeline.mmd", "task-definition.dev.json");
  }

  @Test
  void anEnvironmentWithAnErrorLeavesNoFileAtAll() {
    Diagnostic error =
        Diagnostic.error(
            EngineMessage.CONFIG_INVALID_VALUE,
            new SourcePosition("config.yaml", 31, 20),
            "memory_gb",
            "64",
            "more than t3.xlarge can give");
    Map<String, Resolved> byEnv = new LinkedHashMap<>();
    byEnv.put("dev", new Resolved(Optional.of(TestModels.seed("dev")), List.of()));
    byEnv.put("prd", new Resolved(Optional.empty(), List.of(error)));

    ProjectArtifacts artifacts = assemble(byEnv);

    assertThat(artifacts.hasErrors()).isTrue();
    assertThat(artifacts.files()).isEmpty();
    assertThat(artifacts.diagnostics()).containsExactly(error);
  }

  @Test
  void anErrorOfTheStateMachineGeneratorLeavesNoFileAtAll() {
    aslDiagnostics.add(
        Diagnostic.error(
            EngineMessage.CONFIG_INVALID_VALUE, null, "steps", "too many", "split it"));

    ProjectArtifacts artifacts = assemble(resolved(TestModels.seed("dev")));

    assertThat(artifacts.files()).isEmpty();
    assertThat(artifacts.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-CONFIG-INVALID-VALUE");
  }

  @Test
  void aWarningBothEnvironmentsFindIsReportedOnceAndFilesAreStillWritten() {
    Diagnostic late =
        Diagnostic.warning(
            EngineMessage.CONFIG_INVALID_VALUE,
            new SourcePosition("config.yaml", 20, 5),
            "a",
            "b",
            "c");
    Diagnostic early =
        Diagnostic.warning(
            EngineMessage.CONFIG_INVALID_VALUE,
            new SourcePosition("config.yaml", 3, 1),
            "x",
            "y",
            "z");
    Map<String, Resolved> byEnv = new LinkedHashMap<>();
    byEnv.put("dev", new Resolved(Optional.of(TestModels.seed("dev")), List.of(late)));
    byEnv.put("prd", new Resolved(Optional.of(TestModels.seed("prd")), List.of(late, early)));

    ProjectArtifacts artifacts = assemble(byEnv);

    assertThat(artifacts.diagnostics()).containsExactly(early, late);
    assertThat(artifacts.files()).isNotEmpty();
  }

  @Test
  void theGraphPictureIsOfTheFirstEnvironmentGenerated() {
    PipelineModel prd =
        TestModels.builder("recsys")
            .environment("prd")
            .step(TestModels.step("only").resources(4, 16))
            .build();

    ProjectArtifacts artifacts = assemble(resolved(prd));

    assertThat(artifacts.files().get("pipeline.mmd")).contains("4 vCPU, 16 GiB");
    assertThat(artifacts.environments()).containsExactly("prd");
  }

  @Test
  void recognisesItsOwnFileNamesOnly() {
    assertThat(ProjectArtifacts.isArtifactFile("pipeline.json")).isTrue();
    assertThat(ProjectArtifacts.isArtifactFile("pipeline.mmd")).isTrue();
    assertThat(ProjectArtifacts.isArtifactFile("state-machine.stg.asl.json")).isTrue();
    assertThat(ProjectArtifacts.isArtifactFile("task-definition.prd.json")).isTrue();
    assertThat(ProjectArtifacts.isArtifactFile("schedule.dev.json")).isTrue();
    assertThat(ProjectArtifacts.isArtifactFile("README.md")).isFalse();
    assertThat(ProjectArtifacts.isArtifactFile("pipeline.json.bak")).isFalse();
    assertThat(ProjectArtifacts.isArtifactFile("notes.json")).isFalse();
  }
}
