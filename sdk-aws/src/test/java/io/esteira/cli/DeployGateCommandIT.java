package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.RegistryMode;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.resources.ecr.RepositoryReconciler;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The model gate of {@code esteira plan} and {@code esteira deploy} with both real servers: MLflow
 * (the registry the platform file names, in the mode it names) and moto_server. A refused deploy
 * changes nothing in AWS: the shared ECR repository, the first resource a deploy creates, and the
 * project's log group are still missing afterwards.
 *
 * <p>Every test uses its own project, model and ECR repository names and its own VPC, so it shares
 * the servers with other integration tests without resetting them.
 */
class DeployGateCommandIT {

  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys/config.yaml";

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** One project on its own names, with its platform file. */
  private record Setup(Path dir, String project, String model, String repository, Path platform) {

    String[] args(String command, String environment, String... more) {
      List<String> all = new ArrayList<>();
      all.add(command);
      all.add(dir.resolve(project).toString());
      all.addAll(
          List.of(
              "--platform",
              platform.toString(),
              "--env",
              environment,
              "--endpoint-url",
              Moto.endpoint().toString(),
              "--no-image-check",
              "--commit",
              "0123abc"));
      all.addAll(List.of(more));
      return all.toArray(String[]::new);
    }

    /** Whether anything this project's deploy creates is in AWS. */
    boolean anythingDeployed() {
      try (AwsClients aws = Moto.clients()) {
        return RepositoryReconciler.find(aws.ecr(), repository).isPresent()
            || !aws.logs()
                .describeLogGroups(r -> r.logGroupNamePrefix("/ecs/" + project))
                .logGroups()
                .isEmpty();
      }
    }
  }

  /**
   * A project shipping {@code model} (none when null), and a platform file whose environments are
   * {@code environments} on {@code trackingUri} in {@code mode}.
   */
  private static Setup setup(
      Path dir, String model, String trackingUri, RegistryMode mode, String... environments)
      throws Exception {
    String project = MlflowTestServer.unique("gate");
    String repository = MlflowTestServer.unique("gate-images");
    Path projectDir = Files.createDirectories(dir.resolve(project));
    String config =
        Files.readString(Path.of(ORIGIN))
            .replace("project_name: recsys", "project_name: " + project);
    if (model != null) {
      config += "\nmlflow:\n  models: [" + model + "]\n";
    }
    Files.writeString(projectDir.resolve("config.yaml"), config);
    StringBuilder platform = new StringBuilder();
    try (AwsClients aws = Moto.clients()) {
      String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
      String subnet =
          aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.1.0/24")).subnet().subnetId();
      platform
          .append("region: us-east-1\n")
          .append("network: {vpc_id: " + vpc + ", subnets: [" + subnet + "]}\n")
          .append("ecr: {repository: " + repository + "}\n")
          .append("environments:\n");
    }
    for (String environment : environments) {
      platform
          .append("  " + environment + ":\n")
          .append("    mlflow:\n")
          .append("      tracking_uri: '" + trackingUri + "'\n")
          .append("      s3_endpoint_url: 'http://s3:9000'\n")
          .append("      registry_mode: " + mode.option() + "\n");
    }
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, platform.toString());
    return new Setup(dir, project, model, repository, file);
  }

  /** Registers one version (v1, in no stage) of a fresh model; returns the model's name. */
  private static String modelWithOneVersion(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    String model = MlflowTestServer.unique("gate-model");
    String run = MlflowTestServer.run(registry.http(), Map.of("rmse", 0.7));
    registry.register(model, run, "runs:/" + run + "/model");
    return model;
  }

  private static Cli.Run promote(RegistryMode mode, String model, String to) {
    return Cli.run(
        "models",
        "promote",
        model,
        "--version",
        "1",
        "--to",
        to,
        "--tracking-uri",
        MlflowTestServer.url(),
        "--mode",
        mode.option());
  }

  private static String modeFlag(RegistryMode mode) {
    return mode == RegistryMode.STAGES ? " --mode stages" : "";
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void devIsRefusedWithoutAStagingVersionAndChangesNothingThenDeploysOncePromoted(
      RegistryMode mode, @TempDir Path dir) throws Exception {
    String model = modelWithOneVersion(mode);
    Setup s = setup(dir, model, MlflowTestServer.url(), mode, "dev", "prd");
    String fix = "esteira models promote " + model + " --version 1 --to Staging" + modeFlag(mode);

    Cli.Run plan = Cli.run(s.args("plan", "dev"));
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.GATE_REFUSED);
    assertThat(plan.out())
        .contains(s.project() + ": model gate: " + model + ": Staging required for dev: refused")
        .contains(s.project() + ": create task definition " + s.project())
        .contains("the model gate refuses this deploy");
    assertThat(plan.err()).contains("[ESTEIRA-MLFLOW-GATE-REFUSED]").contains(fix);

    Cli.Run refused = Cli.run(s.args("deploy", "dev"));
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.ERRORS);
    assertThat(refused.err())
        .contains(
            "[ESTEIRA-MLFLOW-GATE-REFUSED] model '"
                + model
                + "' has no version in Staging, which a deploy to dev requires; its versions: v1"
                + " None")
        .contains(fix)
        .contains("nothing was changed");
    assertThat(refused.out()).doesNotContain("done:");
    assertThat(s.anythingDeployed()).isFalse();

    Cli.Run promoted = promote(mode, model, "Staging");
    assertThat(promoted.exitCode()).as(promoted.err()).isZero();

    Cli.Run json = Cli.run(s.args("plan", "dev", "--output", "json"));
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.out())
        .contains("\"model\": \"" + model + "\"")
        .contains("\"requirement\": \"Staging\"")
        .contains("\"passed\": true")
        .contains("\"version\": 1")
        .doesNotContain("\"passed\": false");

    Cli.Run deploy = Cli.run(s.args("deploy", "dev"));
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out())
        .contains(
            s.project() + ": model gate: " + model + ": Staging required for dev: passes with v1")
        .contains(s.project() + ": done: create task definition " + s.project());
    assertThat(s.anythingDeployed()).isTrue();
  }

  @Test
  void prdNeedsAProductionVersionAStagingOneIsRefused(@TempDir Path dir) throws Exception {
    RegistryMode mode = RegistryMode.ALIASES;
    String model = modelWithOneVersion(mode);
    assertThat(promote(mode, model, "Staging").exitCode()).isZero();
    Setup s = setup(dir, model, MlflowTestServer.url(), mode, "dev", "prd");

    Cli.Run json = Cli.run(s.args("plan", "prd", "--output", "json"));
    assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.GATE_REFUSED);
    assertThat(json.out())
        .contains("\"requirement\": \"Production\"")
        .contains("\"passed\": false")
        .contains(
            "\"fixCommand\": \"esteira models promote " + model + " --version 1 --to Production\"")
        .contains("\"action\": \"create\"");

    Cli.Run refused = Cli.run(s.args("deploy", "prd"));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(refused.err())
        .contains("has no version in Production, which a deploy to prd requires; its versions: v1")
        .contains("esteira models promote " + model + " --version 1 --to Production");
    assertThat(s.anythingDeployed()).isFalse();

    assertThat(promote(mode, model, "Production").exitCode()).isZero();
    Cli.Run plan = Cli.run(s.args("plan", "prd"));
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains(
            s.project()
                + ": model gate: "
                + model
                + ": Production required for prd: passes with v1");
  }

  @Test
  void anUnreachableServerStopsTheDeployWithExitCode4AndChangesNothing(@TempDir Path dir)
      throws Exception {
    Setup s = setup(dir, "gate-unreachable", "http://127.0.0.1:9", RegistryMode.ALIASES, "dev");

    Cli.Run run = Cli.run(s.args("deploy", "dev"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.MLFLOW);
    assertThat(run.err()).contains("[ESTEIRA-MLFLOW-UNREACHABLE] cannot reach the MLflow server");
    assertThat(s.anythingDeployed()).isFalse();
  }

  @Test
  void wrongCredentialsStopTheDeployWithExitCode4AndChangeNothing(@TempDir Path dir)
      throws Exception {
    Setup s =
        setup(dir, "gate-credentials", MlflowTestServer.authUrl(), RegistryMode.ALIASES, "dev");
    Map<String, String> variables =
        Map.of(
            "MLFLOW_TRACKING_USERNAME",
            MlflowTestServer.AUTH_USER,
            "MLFLOW_TRACKING_PASSWORD",
            "not-the-password");
    MlflowOptions.environment = variables;
    try {
      Cli.Run run = Cli.run(s.args("deploy", "dev"));

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.MLFLOW);
      assertThat(run.err()).contains("[ESTEIRA-MLFLOW-UNAUTHORIZED]");
      assertThat(s.anythingDeployed()).isFalse();
    } finally {
      MlflowOptions.environment = System.getenv();
    }
  }

  @Test
  void aPipelineShippingNoModelMakesNoMlflowCall(@TempDir Path dir) throws Exception {
    // Nothing answers on this port: any MLflow request would fail the plan with exit code 4.
    Setup s = setup(dir, null, "http://127.0.0.1:9", RegistryMode.ALIASES, "dev");

    Cli.Run plan = Cli.run(s.args("plan", "dev"));

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("model gate: " + s.project() + " ships no model to dev");
  }

  @Test
  void anEnvironmentWithNoMlflowServerIsRefusedBeforeAnyAwsCall(@TempDir Path dir)
      throws Exception {
    Setup s = setup(dir, "gate-no-server", MlflowTestServer.url(), RegistryMode.ALIASES, "dev");

    Cli.Run run = Cli.run(s.args("deploy", "prd"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err())
        .contains(
            "[ESTEIRA-MLFLOW-GATE-NO-SERVER] project '"
                + s.project()
                + "' ships models (gate-no-server) that a deploy to prd must find in the MLflow"
                + " registry, but the platform file")
        .contains("add environments.prd.mlflow");
    assertThat(s.anythingDeployed()).isFalse();
  }
}
