package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.EngineMessage;
import io.esteira.deploy.DeployOutcome.Status;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the deploy service decides before its first AWS or MLflow call, with the environment
 * variables given in the request rather than taken from the process: every test here ends before a
 * client is built.
 */
class DeployServiceTest {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");
  private static final Map<String, String> ACTIONS_ON_A_BRANCH =
      Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "feature/x");

  @TempDir Path dir;

  /** Hears what the service tells, in order. */
  private static final class Told implements DeployListener {
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void planned(io.esteira.deploy.plan.PlanItem item) {}

    @Override
    public void failed(io.esteira.deploy.plan.PlanItem item, String message) {}

    @Override
    public void diagnostics(List<Diagnostic> found) {
      diagnostics.addAll(found);
    }

    @Override
    public void warning(String message) {
      warnings.add(message);
    }
  }

  @Test
  void pruneWithoutEveryProjectOfTheRepositoryIsWrongUsageBeforeAnyCall() throws Exception {
    DeployService.Request base = request(origin(), false, Map.of());
    DeployService.Request prune =
        new DeployService.Request(
            base.platform(),
            base.environment(),
            base.projects(),
            base.images(),
            base.commit(),
            base.checkImage(),
            base.parallelism(),
            base.region(),
            base.endpoint(),
            base.allowAnyBranch(),
            base.apply(),
            base.variables(),
            base.display(),
            true);

    DeployOutcome outcome =
        new DeployService(
                new DeployListener() {
                  @Override
                  public void planned(io.esteira.deploy.plan.PlanItem item) {}

                  @Override
                  public void failed(io.esteira.deploy.plan.PlanItem item, String message) {}
                })
            .run(prune);

    assertThat(outcome.status()).isEqualTo(DeployOutcome.Status.USAGE);
    assertThat(outcome.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.text()).contains("--prune").contains("--projects-root"));
  }

  private DeployService.Request request(
      DeployService.Projects projects, boolean allowAnyBranch, Map<String, String> variables)
      throws Exception {
    Path platform = dir.resolve("platform.yaml");
    Files.writeString(
        platform,
        """
        region: us-east-1
        network:
          vpc_id: vpc-0a1b2c3d
          subnets: [subnet-0a1b2c3d]
        ecr:
          repository: ml-pipelines
        environments:
          prd:
            mlflow:
              tracking_uri: http://127.0.0.1:9
              s3_endpoint_url: http://127.0.0.1:9
        """);
    return new DeployService.Request(
        platform,
        "prd",
        projects,
        Map.of(),
        Optional.empty(),
        true,
        1,
        Optional.empty(),
        Optional.empty(),
        allowAnyBranch,
        true,
        variables,
        Path::toString);
  }

  private static DeployService.Projects origin(String... only) {
    return new DeployService.Projects(List.of(ORIGIN), List.of(), Optional.empty(), List.of(only));
  }

  @Test
  void theBranchRuleReadsTheRequestsVariables() throws Exception {
    Told told = new Told();

    DeployOutcome outcome =
        new DeployService(told).run(request(origin(), false, ACTIONS_ON_A_BRANCH));

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(DeployMessage.DEPLOY_BRANCH);
    assertThat(told.diagnostics).isEqualTo(outcome.diagnostics());
    assertThat(outcome.result()).isEmpty();
  }

  @Test
  void allowAnyBranchWarnsAndGoesOn() throws Exception {
    Told told = new Told();
    Diagnostic missing = Diagnostic.error(EngineMessage.CLI_NOT_FOUND, null);
    DeployService.Projects wrong =
        new DeployService.Projects(List.of(), List.of(missing), Optional.empty(), List.of());

    DeployOutcome outcome = new DeployService(told).run(request(wrong, true, ACTIONS_ON_A_BRANCH));

    assertThat(told.warnings)
        .containsExactly("--allow-any-branch: deploying prd from branch 'feature/x', not master");
    assertThat(outcome.status()).isEqualTo(Status.USAGE);
    assertThat(outcome.diagnostics()).containsExactly(missing);
  }

  @Test
  void anUnknownProjectNameFailsBeforeTheModelGate() throws Exception {
    Told told = new Told();

    DeployOutcome outcome = new DeployService(told).run(request(origin("nope"), false, Map.of()));

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    // The origin's config.yaml sets ENV: dev, a warning in prd; the unknown name is the error.
    assertThat(outcome.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.CONFIG_ENV_OVERRIDDEN, DeployMessage.DEPLOY_NO_PROJECT);
    assertThat(outcome.diagnostics().get(1).text()).contains("'nope' among recsys");
    assertThat(outcome.gates()).isEmpty();
  }
}
