package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esteira init}: what it writes, and that it writes over nothing. That a Java project's
 * build and run pass as written is the maven-plugin module's InitJavaProjectIT (a real Maven).
 */
class InitCommandTest {

  /** Template keys, one of which left in a written file would mean a key without a value. */
  private static final Pattern TEMPLATE_KEY =
      Pattern.compile("\\$\\{(project|package|packagePath|className|groupId|esteiraVersion)}");

  @TempDir Path dir;

  @Test
  void aJavaProjectIsTheDefaultAndItsPomIsTheProcessorPagesSetupPomWordForWord() throws Exception {
    Cli.Run run = Cli.run("init", dir.toString(), "--project", "hello");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path project = dir.resolve("src/projects/hello");
    // docs/processor.md's setup is built by a real Maven (maven-plugin's DocsSetupIT); init's pom
    // is the same text, so what the page promises init's project gets, with this version.
    String docs =
        docsSnippet("pom.xml")
            .replaceFirst(
                "<esteira\\.version>[^<]*</esteira\\.version>",
                Matcher.quoteReplacement(
                    "<esteira.version>" + InitCommand.version() + "</esteira.version>"));
    assertThat(project.resolve("pom.xml")).content().isEqualTo(docs + "\n");
    assertThat(project.resolve("config.yaml"))
        .content()
        .contains("project_name: hello\n")
        .contains("tech_owner:")
        .contains("cron: \"0 3 * * *\"");
    assertThat(project.resolve("src/main/java/com/example/hello/HelloPipeline.java"))
        .content()
        .startsWith("package com.example.hello;\n")
        .contains("public class HelloPipeline {")
        .contains("inputs = \"prepare/input.csv\"");
    assertThat(project.resolve("src/test/java/com/example/hello/HelloPipelineTest.java"))
        .content()
        .contains("class HelloPipelineTest {")
        .contains("PipelineTester.forProject(\"hello\")");
    // Jib builds a Java pipeline's image: no Dockerfile to keep in step.
    assertThat(project.resolve("Dockerfile")).doesNotExist();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(file).content().as(file.toString()).doesNotContainPattern(TEMPLATE_KEY);
      }
    }
    // A development build's version is not on Maven Central: init says so, and what to change.
    if (InitCommand.version().endsWith("-SNAPSHOT")) {
      assertThat(run.err())
          .contains("[ESTEIRA-CLI-INIT-DEVELOPMENT-VERSION]")
          .contains(InitCommand.version() + ", which Maven Central does not have");
    } else {
      assertThat(run.err()).doesNotContain("ESTEIRA-CLI-INIT-DEVELOPMENT-VERSION");
    }
    assertThat(run.out())
        .contains("wrote src/projects/hello/pom.xml")
        .contains(
            "mvn -B package -f src/projects/hello/pom.xml, then esteira run src/projects/hello");
  }

  @Test
  void aPackageGivenNamesTheClassesDirectoriesAndThePomsGroup() throws Exception {
    Cli.Run run =
        Cli.run(
            "init",
            dir.toString(),
            "--kind",
            "java",
            "--project",
            "churn-scores",
            "--package",
            "org.acme.ml.churn");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path project = dir.resolve("src/projects/churn-scores");
    assertThat(project.resolve("src/main/java/org/acme/ml/churn/ChurnScoresPipeline.java"))
        .content()
        .startsWith("package org.acme.ml.churn;\n");
    assertThat(project.resolve("src/test/java/org/acme/ml/churn/ChurnScoresPipelineTest.java"))
        .isRegularFile();
    assertThat(project.resolve("pom.xml"))
        .content()
        .contains("<groupId>org.acme.ml</groupId>\n  <artifactId>churn-scores</artifactId>");
  }

  @Test
  void bothWorkflowsBuildTheJavaModulesBeforeTheyCheckImageDeployOrPlan() throws Exception {
    Cli.Run run = Cli.run("init", dir.toString(), "--project", "scores");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String workflow : new String[] {"esteira-deploy.yml", "esteira-pull-request.yml"}) {
      String text = Files.readString(dir.resolve(".github/workflows/" + workflow));
      int build = text.indexOf("mvn -B package -f \"$pom\"");
      assertThat(build).as(workflow).isPositive();
      assertThat(text.indexOf("for pom in \"$PROJECTS_ROOT\"/*/pom.xml")).isBetween(0, build);
      assertThat(text.indexOf("- name: Check the pipelines")).as(workflow).isGreaterThan(build);
      // The modules' dependencies are cached between runs, keyed by their poms.
      assertThat(text)
          .as(workflow)
          .contains("          java-version: \"17\"\n          cache: maven\n");
    }
  }

  /**
   * setup-java's Maven cache fails its step when no file matches **&#47;pom.xml, which a YAML-only
   * repository has none of: its workflows set up Java without it.
   */
  @Test
  void aYamlRepositorysWorkflowsSetUpJavaWithoutTheMavenCache() throws Exception {
    Cli.Run run = Cli.run("init", dir.toString(), "--kind", "yaml", "--project", "scores");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String workflow : new String[] {"esteira-deploy.yml", "esteira-pull-request.yml"}) {
      assertThat(dir.resolve(".github/workflows/" + workflow))
          .content()
          .as(workflow)
          .contains("          java-version: \"17\"\n")
          .doesNotContain("cache:")
          .doesNotContain("${mavenCache}");
    }
  }

  /**
   * The .gitignore's data/ is where the YAML steps write when run by hand, the project's or the
   * repository's, not every directory of that name: git itself says what it ignores.
   */
  @Test
  void theGitignoreIgnoresTheStepsDataDirectoriesButNoJavaPackageNamedData() throws Exception {
    Cli.Run run =
        Cli.run("init", dir.toString(), "--project", "scores", "--package", "com.example.data");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(git("init", "-q").exitCode).isZero();

    Path pipeline =
        Path.of("src/projects/scores/src/main/java/com/example/data/ScoresPipeline.java");
    assertThat(dir.resolve(pipeline)).isRegularFile();
    for (String kept :
        new String[] {
          pipeline.toString(), "src/projects/scores/src/test/resources/data/rows.csv", "lib/data/x"
        }) {
      assertThat(git("check-ignore", "--no-index", kept).exitCode).as(kept).isEqualTo(1);
    }
    for (String ignored :
        new String[] {
          "data/input.csv",
          "src/projects/scores/data/input.csv",
          "src/projects/scores/.esteira/runs/r1/x",
          "src/projects/scores/target/classes/x"
        }) {
      Git check = git("check-ignore", "--no-index", ignored);
      assertThat(check.exitCode).as(ignored + ": " + check.output).isZero();
    }
  }

  private record Git(int exitCode, String output) {}

  private Git git(String... arguments) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
    command.addAll(java.util.List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Git(process.waitFor(), output);
  }

  @Test
  void aPackageItCannotUseIsWrongUsageWithTheRule() {
    for (String name : new String[] {"com.example.class", "Com.Example", "com..example", "1x"}) {
      Cli.Run run = Cli.run("init", dir.toString(), "--project", "scores", "--package", name);
      assertThat(run.exitCode()).as(name).isEqualTo(2);
      assertThat(run.err()).contains("[ESTEIRA-CLI-INIT-BAD-PACKAGE] --package '" + name + "'");
    }
    assertThat(dir).isEmptyDirectory();
  }

  /**
   * What goes into platform.yaml as it is given is checked first: a value that would break its
   * YAML, or that the platform file's reader refuses, is wrong usage naming the flag, and nothing
   * is written.
   */
  @Test
  void aRegionVpcSubnetOrEcrRepositoryItCannotUseIsWrongUsageWithTheRule() {
    String[][] cases = {
      {"--region", "us-east-1: x", "BAD-REGION"},
      {"--region", "US-EAST-1", "BAD-REGION"},
      {"--region", "useast1", "BAD-REGION"},
      {"--vpc", "vpc-0a1b2c3d\nregion: x", "BAD-VPC"},
      {"--vpc", "vpc-0A1B2C3D", "BAD-VPC"},
      {"--vpc", "vpc-0a1b2c", "BAD-VPC"},
      {"--subnet", "a: b", "BAD-SUBNET"},
      {"--subnet", "subnet-0a1b2c3d,subnet-xyz", "BAD-SUBNET"},
      {"--subnet", "subnet-0a1b2c3d0a1b2c3d0a", "BAD-SUBNET"},
      {"--ecr-repository", "ML-Pipelines", "BAD-ECR-REPOSITORY"},
      {"--ecr-repository", "team//pipelines", "BAD-ECR-REPOSITORY"},
      {"--ecr-repository", "pipelines-", "BAD-ECR-REPOSITORY"},
      {"--ecr-repository", "a", "BAD-ECR-REPOSITORY"},
      {"--ecr-repository", "a".repeat(257), "BAD-ECR-REPOSITORY"},
    };
    for (String[] c : cases) {
      Cli.Run run = Cli.run("init", dir.toString(), "--project", "scores", c[0], c[1]);
      assertThat(run.exitCode()).as(c[1]).isEqualTo(2);
      String bad = c[0].equals("--subnet") ? c[1].substring(c[1].lastIndexOf(',') + 1) : c[1];
      assertThat(run.err())
          .as(c[1])
          .contains("[ESTEIRA-CLI-INIT-" + c[2] + "] " + c[0] + " '" + bad + "'");
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theAwsNamesItAcceptsGoIntoThePlatformFileWhichItsReaderReads() throws Exception {
    Cli.Run run =
        Cli.run(
            "init",
            dir.toString(),
            "--kind",
            "yaml",
            "--project",
            "scores",
            "--region",
            "us-gov-west-1",
            "--vpc",
            "vpc-0a1b2c3d4e5f60718",
            "--subnet",
            "subnet-0a1b2c3d",
            "--subnet",
            "subnet-1b2c3d4e5f6071829",
            "--ecr-repository",
            "team/ml.pipelines_v2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    PlatformReader.Result read = PlatformReader.read(dir.resolve("platform.yaml"), "platform.yaml");
    assertThat(read.diagnostics()).isEmpty();
    Platform platform = read.platform().orElseThrow();
    assertThat(platform.region()).isEqualTo("us-gov-west-1");
    assertThat(platform.network().vpcId()).isEqualTo("vpc-0a1b2c3d4e5f60718");
    assertThat(platform.network().subnets())
        .containsExactly("subnet-0a1b2c3d", "subnet-1b2c3d4e5f6071829");
    assertThat(platform.ecrRepository()).isEqualTo("team/ml.pipelines_v2");
  }

  /** The block docs/processor.md marks {@code <!-- snippet: PATH -->}. */
  private static String docsSnippet(String path) throws Exception {
    Path page =
        Path.of(System.getProperty("esteira.repository.root", ".."), "docs", "processor.md");
    String text = Files.readString(page, StandardCharsets.UTF_8).replace("\r\n", "\n");
    Matcher m =
        Pattern.compile(
                "<!-- snippet: " + Pattern.quote(path) + " -->\\n```[a-z]*\\n(.*?)\\n```\\n",
                Pattern.DOTALL)
            .matcher(text);
    assertThat(m.find()).as(page + " has no snippet " + path).isTrue();
    return m.group(1);
  }

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
