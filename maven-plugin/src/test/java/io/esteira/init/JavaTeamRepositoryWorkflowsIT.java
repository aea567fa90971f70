package io.esteira.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.image.TestBaseImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The same workflows and events in a repository that {@code esteira init --kind java} made: the
 * workflows' build step runs {@code mvn -B package} on the Java pipeline module (its tests
 * included), Jib builds and pushes its image without a Dockerfile, and the deploy and the plan read
 * the built artifacts.
 *
 * <p>Stand-ins beyond {@link TeamRepositoryWorkflowsIT}'s: Jib's base is the tests' base image in
 * the local registry, named by the platform file's {@code ecr.java_base_image} (Jib has no mirror
 * setting, and nothing here may reach public.ecr.aws); the runner's Maven is the one running this
 * build, a known Maven rather than whichever the machine has); and Esteira's BOM, processor,
 * libraries and plugin are in the runner's repository as the release would be on Maven Central,
 * copied from the repository this module's invoker plugin filled with this build's artifacts (which
 * is why this test is here and not beside {@link TeamRepositoryWorkflowsIT} in sdk-aws: the reactor
 * builds the Maven plugin after it).
 */
class JavaTeamRepositoryWorkflowsIT extends TeamRepositoryWorkflowsIT {

  private static final Pattern TESTS_RUN =
      Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\R");

  @Override
  String kind() {
    return "java";
  }

  /** mvn package built the module and ran its tests, in the workflow's own step. */
  @Override
  void checkBuild(WorkflowHarness.Step build) {
    assertThat(build.outcome()).as(build.output()).isEqualTo(WorkflowHarness.Outcome.SUCCEEDED);
    Matcher tests = TESTS_RUN.matcher(build.output());
    assertThat(tests.find()).as(build.output()).isTrue();
    assertThat(Integer.parseInt(tests.group(1))).isPositive();
    assertThat(build.output()).contains("BUILD SUCCESS");
  }

  @Override
  void prepare(Path repo, Path dir, Path home, Map<String, String> environment) throws Exception {
    TestBaseImage base =
        TestBaseImage.push("mirror/eclipse-temurin", "17-jre", dir.resolve("base-image"));
    Path platform = repo.resolve("platform.yaml");
    String text = Files.readString(platform);
    String ecr = "ecr:\n  repository: ";
    int at = text.indexOf('\n', text.indexOf(ecr) + ecr.length()) + 1;
    Files.writeString(
        platform,
        text.substring(0, at)
            + "  java_base_image: "
            + base.reference()
            + "\n"
            + text.substring(at));

    String mavenHome = System.getProperty("esteira.it.maven.home");
    if (mavenHome != null && !mavenHome.isBlank()) {
      environment.put("PATH", Path.of(mavenHome, "bin") + ":" + environment.get("PATH"));
    }

    Path machine = Path.of(System.getProperty("esteira.it.repository"), "io", "esteira");
    Path runner = home.resolve(".m2/repository/io/esteira");
    try (Stream<Path> artifacts = Files.list(machine)) {
      for (Path artifact : artifacts.toList()) {
        // The command line's jars: the workflow fetches its own, and it is large.
        if (!artifact.getFileName().toString().equals("esteira-sdk-aws")) {
          copy(artifact, runner.resolve(artifact.getFileName().toString()));
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
