package io.esteira.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import io.esteira.image.BuildahBuilds;
import io.esteira.image.TestRegistry;
import io.esteira.local.EsteiraJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows {@code esteira init} writes, run by {@link WorkflowHarness} in a team's repository
 * that init made (a YAML-only project here, a Java pipeline module in maven-plugin's {@code
 * JavaTeamRepositoryWorkflowsIT}), against moto_server for AWS and the local registry for the
 * images: a push to dev deploys dev, a push to master deploys prd, a pull request into master from
 * another branch than dev, or from a fork's dev, is refused and gets no plan, and the plan
 * comment's body is written. Every {@code run:} step runs as written, Esteira's jar included,
 * fetched by the workflow's own {@code mvn dependency:copy}.
 *
 * <p>What stands in for what, since nothing here may reach GitHub or AWS: the AWS credentials
 * action is replaced by moto's endpoint and test credentials ({@code AWS_ENDPOINT_URL}), the role
 * it would assume recorded; {@code ESTEIRA_IMAGE_REGISTRY} sends the pushes to the local registry
 * (moto does not speak the registry protocol), and after the push step the test puts the pushed
 * manifests into moto's ECR, as ECR would hold them, so the deploy pins their digest; buildah pulls
 * the Dockerfile's public.ecr.aws base from a mirror in the local registry (the tests' busybox,
 * through registries.conf); Maven resolves offline, from this machine's repository, with the
 * command line jar installed into a repository of the test's own as the release would be; the step
 * that posts the comment through GitHub's API is not run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamRepositoryWorkflowsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPOSITORY = "my-team/pipelines";
  private static final String DEV_ROLE = "arn:aws:iam::111111111111:role/esteira-deploy-dev";
  private static final String PRD_ROLE = "arn:aws:iam::222222222222:role/esteira-deploy-prd";
  private static final String PLAN_ROLE = "arn:aws:iam::222222222222:role/esteira-plan-prd";
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir static Path dir;

  private String project;
  private String ecrRepository;
  private String registry;
  private Path repo;
  private Path home;
  private Map<String, String> processEnvironment;
  private final List<String> assumedRoles = new ArrayList<>();
  private AwsClients aws;

  @BeforeAll
  void teamRepository() throws Exception {
    Moto.reset();
    aws = Moto.clients();
    String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnet =
        aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    registry = TestRegistry.address();
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    project = "team-" + suffix;
    ecrRepository = "team-pipelines-" + suffix;

    repo = Files.createDirectories(dir.resolve("repository"));
    EsteiraJar.Result init =
        EsteiraJar.run(
            env -> {},
            "init",
            repo.toString(),
            "--kind",
            kind(),
            "--project",
            project,
            "--vpc",
            vpc,
            "--subnet",
            subnet,
            "--ecr-repository",
            ecrRepository);
    assertThat(init.exitCode()).as(init.output()).isZero();

    // buildah: the tests' storage, and public.ecr.aws served by a mirror in the local registry.
    String base = BuildahBuilds.base();
    TestRegistry.skopeo(
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "docker://" + base,
        "docker://" + registry + "/mirror/docker/library/python:3.12-slim");
    Path storage = BuildahBuilds.storage();
    Path storageConf = dir.resolve("storage.conf");
    Files.writeString(
        storageConf,
        "[storage]\ndriver = \"vfs\"\ngraphroot = \""
            + storage.resolve("root")
            + "\"\nrunroot = \""
            + storage.resolve("run")
            + "\"\n");
    Path registriesConf = dir.resolve("registries.conf");
    Files.writeString(
        registriesConf,
        "[[registry]]\nprefix = \"public.ecr.aws\"\nlocation = \""
            + registry
            + "/mirror\"\ninsecure = true\n");

    // Maven: a HOME of the runner's own, resolving offline from this machine's repository.
    home = Files.createDirectories(dir.resolve("home"));
    Path machineRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
    Files.createDirectories(home.resolve(".m2"));
    Files.writeString(
        home.resolve(".m2/settings.xml"),
        "<settings><localRepository>"
            + home.resolve(".m2/repository")
            + "</localRepository><mirrors><mirror><id>machine</id><mirrorOf>*</mirrorOf><url>"
            + machineRepository.toUri()
            + "</url></mirror></mirrors></settings>\n");
    processEnvironment = new LinkedHashMap<>();
    processEnvironment.put("PATH", System.getenv("PATH"));
    processEnvironment.put("HOME", home.toString());
    processEnvironment.put("LANG", "C.UTF-8");
    processEnvironment.put("JAVA_HOME", System.getProperty("java.home"));
    processEnvironment.put("CONTAINERS_STORAGE_CONF", storageConf.toString());
    processEnvironment.put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
    processEnvironment.put("ESTEIRA_IMAGE_REGISTRY", "http://" + registry);
    prepare(repo, dir, home, processEnvironment);
    installCliJar();
  }

  /** The kind of project init writes into the repository. */
  String kind() {
    return "yaml";
  }

  /**
   * What a kind needs beyond the others before the workflows run.
   *
   * @param repo the repository init wrote
   * @param dir the test's directory
   * @param home the runner's HOME
   * @param environment the runner's environment, to add to
   */
  void prepare(Path repo, Path dir, Path home, Map<String, String> environment) throws Exception {}

  /** What the step that builds the Java pipelines printed: a YAML-only project has none. */
  void checkBuild(WorkflowHarness.Step build) {
    assertThat(build.outcome()).isEqualTo(WorkflowHarness.Outcome.SUCCEEDED);
    assertThat(build.output()).isBlank();
  }

  @AfterAll
  void close() {
    if (aws != null) {
      aws.close();
    }
  }

  /** The command line jar as its release is published: io.esteira:esteira-sdk-aws:V:jar:cli. */
  private void installCliJar() throws Exception {
    String version = workflowEnv("esteira-deploy.yml", "ESTEIRA_VERSION");
    ProcessBuilder install =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-q",
                "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + EsteiraJar.path(),
                "-DgroupId=io.esteira",
                "-DartifactId=esteira-sdk-aws",
                "-Dversion=" + version,
                "-Dclassifier=cli",
                "-Dpackaging=jar")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    install.environment().putAll(processEnvironment);
    Process process = install.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private String workflowEnv(String workflow, String name) throws Exception {
    Map<?, ?> file =
        (Map<?, ?>)
            new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(Files.readString(repo.resolve(".github/workflows/" + workflow)));
    return String.valueOf(((Map<?, ?>) file.get("env")).get(name));
  }

  private WorkflowHarness harness(Path runnerTemp) {
    Map<String, WorkflowHarness.Action> actions = new LinkedHashMap<>();
    actions.put("actions/checkout", (with, env) -> {});
    actions.put(
        "actions/setup-java",
        (with, env) -> {
          assertThat(with).containsEntry("java-version", "17");
          // As setup-java does: its Maven cache fails the step when no pom.xml is in the
          // repository.
          if ("maven".equals(with.get("cache"))) {
            assertThat(hasPom(repo))
                .as("setup-java's cache: maven, in a repository without a pom.xml")
                .isTrue();
          }
        });
    actions.put(
        "aws-actions/configure-aws-credentials",
        (with, env) -> {
          assumedRoles.add(with.get("role-to-assume"));
          env.put("AWS_ACCESS_KEY_ID", "testing");
          env.put("AWS_SECRET_ACCESS_KEY", "testing");
          env.put("AWS_REGION", with.get("aws-region"));
          env.put("AWS_DEFAULT_REGION", with.get("aws-region"));
          env.put("AWS_ENDPOINT_URL", Moto.endpoint().toString());
        });
    return new WorkflowHarness(
        repo,
        runnerTemp,
        REPOSITORY,
        processEnvironment,
        Map.of(
            "dev", Map.of("AWS_DEPLOY_ROLE_ARN", DEV_ROLE, "AWS_REGION", Moto.REGION),
            "prd", Map.of("AWS_DEPLOY_ROLE_ARN", PRD_ROLE, "AWS_REGION", Moto.REGION),
            "prd-plan", Map.of("AWS_PLAN_ROLE_ARN", PLAN_ROLE, "AWS_REGION", Moto.REGION)),
        Map.of(),
        actions,
        (job, step) -> {
          if ("images".equals(step.id()) && step.outcome() == WorkflowHarness.Outcome.SUCCEEDED) {
            copyPushedImagesIntoEcr();
          }
        });
  }

  private static boolean hasPom(Path repo) {
    try (var files = Files.walk(repo)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("pom.xml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What ECR would hold after the push: each tag of the project, with the manifest pushed. */
  private void copyPushedImagesIntoEcr() throws Exception {
    JsonNode tags =
        JSON.readTree(
            TestRegistry.skopeo(
                "list-tags", "--tls-verify=false", "docker://" + registry + "/" + ecrRepository));
    for (JsonNode tag : tags.path("Tags")) {
      if (!tag.asText().startsWith(project + "-")) {
        continue;
      }
      String manifest =
          TestRegistry.rawManifest(registry + "/" + ecrRepository + ":" + tag.asText());
      String mediaType = JSON.readTree(manifest).path("mediaType").asText();
      try {
        aws.ecr()
            .putImage(
                r ->
                    r.repositoryName(ecrRepository)
                        .imageTag(tag.asText())
                        .imageManifest(manifest)
                        .imageManifestMediaType(mediaType));
      } catch (software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException same) {
        // the same manifest under the same tag: already there
      }
    }
  }

  /**
   * The digest ECR gives the project's version tag, after checking that the tag holds the manifest
   * the push stored in the registry. (moto computes its own digest of the manifest it is given,
   * which is not the registry's byte for byte, so the two digests are not compared.)
   */
  private String ecrDigest(String tag) throws Exception {
    var image =
        aws.ecr()
            .batchGetImage(r -> r.repositoryName(ecrRepository).imageIds(i -> i.imageTag(tag)))
            .images()
            .get(0);
    assertThat(JSON.readTree(image.imageManifest()))
        .isEqualTo(
            JSON.readTree(TestRegistry.rawManifest(registry + "/" + ecrRepository + ":" + tag)));
    return image.imageId().imageDigest();
  }

  private String taskImage(String environment) {
    String family =
        aws.ecs().listTaskDefinitionFamilies(r -> r.familyPrefix(project)).families().stream()
            .filter(f -> f.endsWith("-" + environment))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError("no task definition of " + project + " in " + environment));
    return aws.ecs()
        .describeTaskDefinition(r -> r.taskDefinition(family))
        .taskDefinition()
        .containerDefinitions()
        .get(0)
        .image();
  }

  private List<WorkflowHarness.Job> run(String workflow, WorkflowHarness.Event event)
      throws Exception {
    Path runnerTemp = Files.createTempDirectory(dir, "runner-temp");
    return harness(runnerTemp).run(repo.resolve(".github/workflows/" + workflow), event);
  }

  private static WorkflowHarness.Job job(List<WorkflowHarness.Job> jobs, String id) {
    return jobs.stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPushToDevDeploysDevAndAPushToMasterDeploysPrdEachWithItsEnvironmentsRole()
      throws Exception {
    assumedRoles.clear();
    WorkflowHarness.Job dev =
        job(run("esteira-deploy.yml", WorkflowHarness.Event.push("dev", SHA)), "deploy");

    assertThat(dev.succeeded()).as(dev.output()).isTrue();
    assertThat(dev.environment()).isEqualTo("dev");
    checkBuild(dev.step("Build the Java pipelines"));
    assertThat(assumedRoles).containsExactly(DEV_ROLE);
    assertThat(dev.step("Deploy").output()).contains(project);
    // The image the push step built, pinned by the digest its tag has in ECR.
    assertThat(taskImage("dev"))
        .endsWith("/" + ecrRepository + "@" + ecrDigest(project + "-0.1.0"));

    WorkflowHarness.Job prd =
        job(run("esteira-deploy.yml", WorkflowHarness.Event.push("master", SHA)), "deploy");

    assertThat(prd.succeeded()).as(prd.output()).isTrue();
    assertThat(prd.environment()).isEqualTo("prd");
    assertThat(assumedRoles).containsExactly(DEV_ROLE, PRD_ROLE);
    assertThat(taskImage("prd"))
        .endsWith("/" + ecrRepository + "@" + ecrDigest(project + "-0.1.0"));
    assertThat(
            aws.sfn().listStateMachines().stateMachines().stream()
                .map(m -> m.name())
                .filter(n -> n.contains(project)))
        .anyMatch(n -> n.endsWith("-dev"))
        .anyMatch(n -> n.endsWith("-prd"));
  }

  @Test
  void aPullRequestIntoMasterFromAnotherBranchThanDevIsRefused() throws Exception {
    List<WorkflowHarness.Job> jobs =
        run(
            "esteira-pull-request.yml",
            WorkflowHarness.Event.pullRequest(7, "feature/scores", "master", SHA, REPOSITORY));

    WorkflowHarness.Job check = job(jobs, "source-branch");
    assertThat(check.ran()).isTrue();
    assertThat(check.succeeded()).isFalse();
    assertThat(check.step("Only dev merges into master").output())
        .contains(
            "::error::a pull request into master must come from dev, not from feature/scores");
    // No prd plan, role or secrets for a pull request master refuses.
    assertThat(job(jobs, "plan").ran()).isFalse();
  }

  @Test
  void aForksBranchNamedDevIntoMasterIsRefusedAndGetsNoPlan() throws Exception {
    List<WorkflowHarness.Job> jobs =
        run(
            "esteira-pull-request.yml",
            WorkflowHarness.Event.pullRequest(
                9, "someone/pipelines", "dev", "master", SHA, REPOSITORY));

    WorkflowHarness.Job check = job(jobs, "source-branch");
    assertThat(check.ran()).isTrue();
    assertThat(check.succeeded()).isFalse();
    assertThat(check.step("Only dev merges into master").output())
        .contains(
            "::error::a pull request into master must come from this repository's dev, not from"
                + " dev of the fork someone/pipelines");
    assertThat(job(jobs, "plan").ran()).isFalse();
  }

  @Test
  void aPullRequestIntoDevFromAnyBranchPassesTheCheckButAForksGetsNoPlan() throws Exception {
    List<WorkflowHarness.Job> fork =
        run(
            "esteira-pull-request.yml",
            WorkflowHarness.Event.pullRequest(
                10, "someone/pipelines", "feature/x", "dev", SHA, REPOSITORY));

    WorkflowHarness.Job check = job(fork, "source-branch");
    assertThat(check.succeeded()).as(check.output()).isTrue();
    assertThat(check.step("Only dev merges into master").output())
        .contains("into dev: allowed from any branch");
    assertThat(job(fork, "plan").ran()).isFalse();
  }

  @Test
  void aPullRequestFromDevIntoMasterIsAllowedAndItsPlanCommentBodyIsWritten() throws Exception {
    assumedRoles.clear();
    List<WorkflowHarness.Job> jobs =
        run(
            "esteira-pull-request.yml",
            WorkflowHarness.Event.pullRequest(8, "dev", "master", SHA, REPOSITORY));

    assertThat(job(jobs, "source-branch").succeeded()).isTrue();
    WorkflowHarness.Job plan = job(jobs, "plan");
    assertThat(plan.succeeded()).as(plan.output()).isTrue();
    assertThat(plan.environment()).isEqualTo("prd-plan");
    assertThat(assumedRoles).containsExactly(PLAN_ROLE);
    WorkflowHarness.Step comment = plan.step("Post or update the plan comment");
    assertThat(comment.outcome()).isEqualTo(WorkflowHarness.Outcome.NOT_RUN_GITHUB_API);
    assertThat(comment.env()).containsEntry("PR", "8").containsEntry("REPOSITORY", REPOSITORY);
    String body = Files.readString(Path.of(comment.env().get("BODY")));
    assertThat(body)
        .startsWith("<!-- esteira-plan -->\n### esteira plan for `prd` at " + SHA.substring(0, 12))
        .contains(project)
        .endsWith("```\n");
    // Without log noise: the plan is in the comment and the summary, not the step's log. A plan
    // this short is all in the comment.
    assertThat(plan.step("comment").env().get("GITHUB_STEP_SUMMARY")).isEqualTo(body);
    WorkflowHarness.Step planStep = plan.step("plan");
    assertThat(planStep.output().strip().lines())
        .containsExactly(
            "esteira plan for prd ended with exit 0; the plan is in the pull request's comment"
                + " and this run's summary");
  }

  /**
   * actionlint, with shellcheck on every run: step, finds nothing in the generated workflows: the
   * same check scripts/test.sh makes of Esteira's own.
   */
  @Test
  void actionlintWithShellcheckFindsNothingInTheGeneratedWorkflows() throws Exception {
    Path root = Path.of(System.getProperty("esteira.repository.root", ".."));
    Path actionlint = root.resolve(".tools/bin/actionlint").toAbsolutePath();
    // Go is not among the tools a fresh machine is assumed to have; install-test-tools.sh builds
    // actionlint only where Go is installed, and scripts/test.sh says so when it is not.
    assumeTrue(
        Files.isExecutable(actionlint),
        "actionlint is not in .tools/bin (scripts/install-test-tools.sh builds it only where Go is"
            + " installed), so the generated workflows are not linted");
    ProcessBuilder which = new ProcessBuilder("sh", "-c", "command -v shellcheck");
    Process found = which.start();
    String shellcheck = new String(found.getInputStream().readAllBytes()).strip();
    assertThat(found.waitFor())
        .as("shellcheck: scripts/install-test-tools.sh installs it")
        .isZero();
    // Into a file, not a pipe read to its end: reading first would wait for the process however
    // long it ran, and the timeout would never be reached.
    Path log = Files.createTempFile(dir, "actionlint", ".log");
    Process lint =
        new ProcessBuilder(
                actionlint.toString(),
                "-shellcheck=" + shellcheck,
                "-pyflakes=",
                ".github/workflows/esteira-deploy.yml",
                ".github/workflows/esteira-pull-request.yml")
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = lint.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      lint.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertThat(ended).as("actionlint ran 2 minutes:\n" + output).isTrue();
    assertThat(lint.exitValue()).as(output).isZero();
  }
}
