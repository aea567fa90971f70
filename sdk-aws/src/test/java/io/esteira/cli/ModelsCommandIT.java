package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.OriginRegistry;
import io.esteira.core.registry.RegistryMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code esteira models list|promote|history} against the real MLflow server, in process: output,
 * errors and exit codes.
 */
class ModelsCommandIT {

  @AfterEach
  void restoreEnvironment() {
    MlflowOptions.environment = System.getenv();
  }

  private static String[] args(RegistryMode mode, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--tracking-uri");
    all.add(MlflowTestServer.url());
    all.add("--mode");
    all.add(mode.option());
    return all.toArray(String[]::new);
  }

  /** The VERSION and STAGE columns of {@code list}. */
  private static List<String> stages(String out) {
    return out.lines()
        .skip(2)
        .map(l -> l.split("\\s+"))
        .map(cells -> cells[0] + " " + cells[1])
        .toList();
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void listShowsTheOriginPictureTheSameWayInBothModes(RegistryMode mode) {
    OriginRegistry origin = OriginRegistry.build(MlflowTestServer.registry(mode));

    Cli.Run run = Cli.run(args(mode, "models", "list", origin.recsys()));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith(origin.recsys() + " on " + MlflowTestServer.url() + " (" + mode.option())
        .contains("VERSION  STAGE");
    assertThat(stages(run.out()))
        .containsExactly("v4 Staging", "v3 Production", "v2 None", "v1 None");
    assertThat(run.out().lines().filter(l -> l.startsWith("v3 ")).findFirst().orElseThrow())
        .contains("READY")
        .contains("ndcg_at_10=0.5300 rmse=0.7000");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void promoteArchivesThePreviousProductionVersionAndHistoryTellsWhoAndWhichCommit(
      RegistryMode mode) {
    OriginRegistry origin = OriginRegistry.build(MlflowTestServer.registry(mode));

    Cli.Run promote =
        Cli.run(
            args(
                mode,
                "models",
                "promote",
                origin.recsys(),
                "--version",
                "4",
                "--to",
                "production",
                "--by",
                "ana",
                "--commit",
                "abc1234"));
    Cli.Run list = Cli.run(args(mode, "models", "list", origin.recsys()));
    Cli.Run history = Cli.run(args(mode, "models", "history", origin.recsys()));

    assertThat(promote.exitCode()).as(promote.err()).isZero();
    assertThat(promote.out())
        .startsWith(
            origin.recsys()
                + " v4 promoted to Production (the only Production version); archived v3 (");
    assertThat(stages(list.out()))
        .containsExactly("v4 Production", "v3 Archived", "v2 None", "v1 None");
    assertThat(history.out().lines().filter(l -> l.contains(" by ana ")))
        .hasSize(2)
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        origin.recsys()
                            + " v4 promoted Staging -> Production by ana (commit abc1234)"))
        .anySatisfy(l -> assertThat(l).contains(" v3 archived Production -> Archived by ana"));
  }

  @Test
  void unknownModelsVersionsAndFailedRegistrationsExitWithOne() {
    OriginRegistry origin = OriginRegistry.build(MlflowTestServer.registry(RegistryMode.ALIASES));
    MlflowTestServer.setVersionStatus(origin.recsys(), 2, "FAILED_REGISTRATION");

    Cli.Run unknownModel =
        Cli.run(args(RegistryMode.ALIASES, "models", "list", "nope-" + origin.recsys()));
    Cli.Run unknownVersion =
        Cli.run(
            args(
                RegistryMode.ALIASES,
                "models",
                "promote",
                origin.recsys(),
                "--version",
                "7",
                "--to",
                "Staging"));
    Cli.Run failed =
        Cli.run(
            args(
                RegistryMode.ALIASES,
                "models",
                "promote",
                origin.recsys(),
                "--version",
                "2",
                "--to",
                "Staging"));

    assertThat(unknownModel.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(unknownModel.err())
        .startsWith("error: [ESTEIRA-MLFLOW-UNKNOWN-MODEL] no registered model 'nope-");
    assertThat(unknownVersion.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(unknownVersion.err())
        .contains("[ESTEIRA-MLFLOW-UNKNOWN-VERSION]")
        .contains("its versions: 4, 3, 2, 1");
    assertThat(failed.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(failed.err())
        .contains(
            "[ESTEIRA-MLFLOW-VERSION-NOT-READY] version 2 of model '"
                + origin.recsys()
                + "' is FAILED_REGISTRATION");
    assertThat(String.join("", unknownModel.err(), unknownVersion.err(), failed.err()))
        .doesNotContain("Exception");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void withoutACommitNoCommitTagIsLeftAndHistoryShowsNone(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    String recsys = origin.recsys();

    Cli.Run first =
        Cli.run(
            args(
                mode,
                "models",
                "promote",
                recsys,
                "--version",
                "2",
                "--to",
                "@champion",
                "--by",
                "ana",
                "--commit",
                "abc1234"));
    Cli.Run second =
        Cli.run(
            args(
                mode,
                "models",
                "promote",
                recsys,
                "--version",
                "2",
                "--to",
                "@challenger",
                "--by",
                "bo",
                "--commit",
                ""));
    Cli.Run history = Cli.run(args(mode, "models", "history", recsys));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    Map<String, String> tags = registry.snapshot(recsys).version(2).orElseThrow().tags();
    assertThat(tags).doesNotContainKey("commit").containsEntry("promoted_by", "bo");
    assertThat(tags.get("esteira.history")).doesNotContain("\"commit\":\"\"");
    assertThat(history.out().lines().filter(l -> l.contains(" v2 promoted ")))
        .anySatisfy(l -> assertThat(l).endsWith(" -> @champion by ana (commit abc1234)"))
        .anySatisfy(l -> assertThat(l).endsWith(" -> @challenger by bo"));
  }

  @Test
  void aServerThatIsDownExitsWithFour() throws Exception {
    String url;
    try (io.esteira.core.registry.FaultProxy proxy =
        new io.esteira.core.registry.FaultProxy(MlflowTestServer.url())) {
      url = proxy.url();
    }

    Cli.Run run = Cli.run("models", "list", "recsys", "--tracking-uri", url);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.MLFLOW);
    assertThat(run.err())
        .startsWith("error: [ESTEIRA-MLFLOW-UNREACHABLE] cannot reach the MLflow server at " + url);
  }

  @Test
  void wrongCredentialsExitWithFourAndNameTheVariables() {
    Map<String, String> env =
        Map.of("MLFLOW_TRACKING_USERNAME", "admin", "MLFLOW_TRACKING_PASSWORD", "wrong");
    MlflowOptions.environment = env;

    Cli.Run run =
        Cli.run("models", "history", "recsys", "--tracking-uri", MlflowTestServer.authUrl());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.MLFLOW);
    assertThat(run.err())
        .contains("[ESTEIRA-MLFLOW-UNAUTHORIZED]")
        .contains("HTTP 401")
        .contains("MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD");
  }

  @Test
  void noServerGivenAndABadTargetAreUsageErrors() {
    MlflowOptions.environment = Map.of();

    Cli.Run noUri = Cli.run("models", "list", "recsys");
    Cli.Run badTarget =
        Cli.run(
            "models",
            "promote",
            "recsys",
            "--version",
            "1",
            "--to",
            "Archived",
            "--tracking-uri",
            "http://127.0.0.1:9");

    assertThat(noUri.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUri.err())
        .startsWith(
            "error: [ESTEIRA-MLFLOW-NO-URI] no MLflow server given; set MLFLOW_TRACKING_URI");
    assertThat(badTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTarget.err())
        .contains("'Archived' is not a promotion target; use Staging, Production or @alias");
  }
}
