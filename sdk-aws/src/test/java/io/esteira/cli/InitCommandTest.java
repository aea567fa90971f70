package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esteira init}: what it writes, and that it writes over nothing. */
class InitCommandTest {

  @TempDir Path dir;

  @Test
  void aYamlProjectIsWrittenWithItsNameThePinnedVersionAndTheNetworkGiven() throws Exception {
    Cli.Run run =
        Cli.run(
            "init",
            dir.toString(),
            "--kind",
            "yaml",
            "--project",
            "churn-scores",
            "--vpc",
            "vpc-0a1b2c3d",
            "--subnet",
            "subnet-0a1b2c3d,subnet-1b2c3d4e");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("src/projects/churn-scores/config.yaml"))
        .content()
        .contains("project_name: churn-scores");
    assertThat(dir.resolve("src/projects/churn-scores/steps/prepare.py")).isRegularFile();
    assertThat(dir.resolve("src/projects/churn-scores/.dockerignore")).isRegularFile();
    assertThat(dir.resolve("platform.yaml"))
        .content()
        .contains(
            "vpc_id: vpc-0a1b2c3d\n  subnets:\n    - subnet-0a1b2c3d\n    - subnet-1b2c3d4e\n");
    String deploy = Files.readString(dir.resolve(".github/workflows/esteira-deploy.yml"));
    assertThat(deploy)
        .contains("ESTEIRA_VERSION: \"" + InitCommand.version() + "\"")
        .contains("PROJECTS_ROOT: src/projects")
        .contains("uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1")
        // Only the template's own keys are replaced: the shell's and Actions' are left as written.
        .contains("${{ github.ref_name == 'master' && 'prd' || 'dev' }}")
        .doesNotContainPattern("\\$\\{(project|esteiraVersion|checkoutSha|checkCommand)}");
    assertThat(dir.resolve(".github/workflows/esteira-pull-request.yml"))
        .content()
        .contains("<!-- esteira-plan -->");
    assertThat(run.out()).contains("wrote platform.yaml").contains("prd-plan");
  }

  @Test
  void anExistingFileKeepsEveryFileFromBeingWrittenButAGitignoreIsKept() throws Exception {
    Files.writeString(dir.resolve(".gitignore"), "mine\n");
    Files.writeString(dir.resolve("platform.yaml"), "region: eu-west-1\n");

    Cli.Run run = Cli.run("init", dir.toString(), "--kind", "yaml", "--project", "scores");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("[ESTEIRA-CLI-INIT-EXISTS]")
        .contains("already has platform.yaml;")
        .doesNotContain(".gitignore");
    assertThat(dir.resolve("src")).doesNotExist();
    assertThat(dir.resolve("platform.yaml")).content().isEqualTo("region: eu-west-1\n");

    Files.delete(dir.resolve("platform.yaml"));
    Cli.Run again = Cli.run("init", dir.toString(), "--kind", "yaml", "--project", "scores");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("kept .gitignore as it is");
    assertThat(dir.resolve(".gitignore")).content().isEqualTo("mine\n");
    assertThat(dir.resolve("platform.yaml")).content().contains("vpc_id: vpc-REPLACE-ME");
  }

  @Test
  void aNameOrKindItCannotUseIsWrongUsageWithTheRule() {
    Cli.Run name = Cli.run("init", dir.toString(), "--kind", "yaml", "--project", "Churn_Scores");
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(name.err()).contains("[ESTEIRA-CLI-INIT-BAD-PROJECT] --project 'Churn_Scores'");

    Cli.Run kind = Cli.run("init", dir.toString(), "--kind", "python", "--project", "scores");
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err()).contains("[ESTEIRA-CLI-INIT-BAD-KIND] --kind 'python'");
    assertThat(dir).isEmptyDirectory();
  }
}
