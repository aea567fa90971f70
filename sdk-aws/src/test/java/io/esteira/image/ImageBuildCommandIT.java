package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.testing.Moto;
import io.esteira.local.EsteiraJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * {@code esteira image build} run as a user runs it, on the origin's YAML-only project with a
 * Dockerfile built from the tests' busybox base: ECR's calls (the repository, the login) go to
 * moto_server, the pushes to the local registry through {@code --registry} (moto does not implement
 * the registry protocol), and skopeo reads the result back.
 */
class ImageBuildCommandIT {

  private static final Path ORIGIN = Path.of("..", "examples", "yaml-only", "src", "projects");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final Pattern PUSHED =
      Pattern.compile("recsys: pushed (\\S+)@(sha256:[0-9a-f]{64}) in [0-9.]+ s, tags (.*)");

  @TempDir Path dir;

  private String registry;
  private Path project;
  private Path platform;

  @BeforeEach
  void project() throws Exception {
    Moto.reset();
    registry = TestRegistry.address();
    String base = BuildahBuilds.base();
    project = dir.resolve("src/projects/recsys");
    Files.createDirectories(project.resolve("steps"));
    Files.copy(ORIGIN.resolve("recsys/config.yaml"), project.resolve("config.yaml"));
    Files.writeString(project.resolve("steps/extract_features.py"), "print('features')\n");
    Files.writeString(
        project.resolve("Dockerfile"),
        "FROM "
            + base
            + "\nWORKDIR /app\nCOPY steps steps\nENV PYTHONUNBUFFERED=1\nUSER 10001\n"
            + "CMD [\"sh\", \"-c\", \"ls steps\"]\n");
    platform = dir.resolve("platform.yaml");
    Files.writeString(
        platform,
        "region: us-east-1\n"
            + "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}\n"
            + "ecr: {repository: ml-pipelines}\n"
            + "environments:\n"
            + "  dev: {mlflow: {tracking_uri: http://127.0.0.1:9, s3_endpoint_url:"
            + " http://127.0.0.1:9}}\n");
  }

  /** The CLI's buildah on the tests' storage (vfs under target/), with moto's credentials. */
  private Consumer<Map<String, String>> environment() throws Exception {
    Path storage = BuildahBuilds.storage();
    Path conf = dir.resolve("storage.conf");
    Files.writeString(
        conf,
        "[storage]\ndriver = \"vfs\"\ngraphroot = \""
            + storage.resolve("root")
            + "\"\nrunroot = \""
            + storage.resolve("run")
            + "\"\n");
    return env -> {
      env.put("CONTAINERS_STORAGE_CONF", conf.toString());
      env.put("AWS_ACCESS_KEY_ID", "testing");
      env.put("AWS_SECRET_ACCESS_KEY", "testing");
      env.remove("GITHUB_SHA");
    };
  }

  private EsteiraJar.Result build(String... extra) throws Exception {
    String[] common = {
      "image",
      "build",
      project.toString(),
      "--platform",
      platform.toString(),
      "--env",
      "dev",
      "--endpoint-url",
      Moto.endpoint().toString(),
      "--registry",
      "http://" + registry
    };
    String[] args = new String[common.length + extra.length];
    System.arraycopy(common, 0, args, 0, common.length);
    System.arraycopy(extra, 0, args, common.length, extra.length);
    return EsteiraJar.run(environment(), args);
  }

  @Test
  void aPushCreatesTheRepositoryAndTagsTheImageByVersionAndCommitTwiceWithOneDigest()
      throws Exception {
    EsteiraJar.Result first = build("--push", "--commit", COMMIT);

    assertThat(first.exitCode()).as(first.output()).isZero();
    Matcher pushed = PUSHED.matcher(first.output());
    assertThat(pushed.find()).as(first.output()).isTrue();
    assertThat(pushed.group(1)).isEqualTo(registry + "/ml-pipelines");
    String digest = pushed.group(2);
    assertThat(pushed.group(3)).isEqualTo("recsys-1.0.0, recsys-git-0123456789ab");
    assertThat(first.output()).contains("1 of 1 image built and pushed");
    // Read back by a third-party client: both tags name the image the command printed.
    assertThat(
            TestRegistry.inspect(registry + "/ml-pipelines:recsys-1.0.0").path("Digest").asText())
        .isEqualTo(digest);
    assertThat(
            TestRegistry.inspect(registry + "/ml-pipelines:recsys-git-0123456789ab")
                .path("Digest")
                .asText())
        .isEqualTo(digest);
    com.fasterxml.jackson.databind.JsonNode config =
        TestRegistry.config(registry + "/ml-pipelines:recsys-1.0.0").path("config");
    assertThat(config.path("User").asText()).isEqualTo("10001");
    assertThat(config.path("Cmd").toString()).isEqualTo("[\"sh\",\"-c\",\"ls steps\"]");
    // The repository a first deploy needs now exists in ECR, with the deployer's settings.
    try (var aws = Moto.clients()) {
      Repository repository =
          aws.ecr()
              .describeRepositories(r -> r.repositoryNames("ml-pipelines"))
              .repositories()
              .get(0);
      assertThat(repository.imageScanningConfiguration().scanOnPush()).isTrue();
      assertThat(
              aws.ecr()
                  .getLifecyclePolicy(r -> r.repositoryName("ml-pipelines"))
                  .lifecyclePolicyText())
          .contains("live-");
    }

    EsteiraJar.Result second = build("--push", "--commit", COMMIT);

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("@" + digest + " in ");
  }

  @Test
  void withoutPushNothingReachesAwsOrTheRegistry() throws Exception {
    EsteiraJar.Result run =
        EsteiraJar.run(
            environment(),
            "image",
            "build",
            project.toString(),
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            // An AWS endpoint nothing answers at: a build without --push must not call AWS.
            "--endpoint-url",
            "http://127.0.0.1:9",
            // The tests' base image is on the plain-HTTP loopback registry.
            "--registry",
            "http://" + registry);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("recsys: built " + registry + "/ml-pipelines@sha256:")
        .contains("1 of 1 image built (not pushed: --push pushes them)");
  }

  @Test
  void aCommandProjectWithoutADockerfileIsRefusedAtItsConfigWithTheFix() throws Exception {
    Files.delete(project.resolve("Dockerfile"));

    EsteiraJar.Result run = build("--push");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("config.yaml: error: [ESTEIRA-IMAGE-COMMANDS-NO-DOCKERFILE] project recsys")
        .contains("add one")
        .contains("0 of 1 image built and pushed")
        .doesNotContain("\tat ");
  }

  @Test
  void aCommitThatIsNotOneOrARegistryOverPlainHttpElsewhereIsWrongUsage() throws Exception {
    EsteiraJar.Result commit = build("--push", "--commit", "main");

    assertThat(commit.exitCode()).as(commit.output()).isEqualTo(2);
    assertThat(commit.output()).contains("[ESTEIRA-IMAGE-BAD-COMMIT] the commit 'main'");

    EsteiraJar.Result registryElsewhere =
        EsteiraJar.run(
            environment(),
            "image",
            "build",
            project.toString(),
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            "--push",
            "--registry",
            "http://registry.example.com");

    assertThat(registryElsewhere.exitCode()).as(registryElsewhere.output()).isEqualTo(2);
    assertThat(registryElsewhere.output())
        .contains("[ESTEIRA-IMAGE-BAD-REGISTRY-URL] --registry http://registry.example.com");
  }
}
