package io.esteira.image;

import static io.esteira.image.BuildahBuilds.builder;
import static io.esteira.image.BuildahBuilds.manifestStatus;
import static io.esteira.image.BuildahBuilds.millisSince;
import static io.esteira.image.BuildahBuilds.storage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.image.DockerfileImageBuilder.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Dockerfile build reports when it cannot give an image, with the real buildah and real
 * registries (the test one, a second that asks for a login, and a closed port): each failure's
 * message code, where it points, and that an interrupt stops the build.
 */
class DockerfileImageBuilderFailuresIT {

  private static String registry;
  private static String base;

  @TempDir Path directory;

  @BeforeAll
  static void baseImage() throws Exception {
    registry = TestRegistry.address();
    base = BuildahBuilds.base();
  }

  private ImageRequest request(Path project, String repository, List<String> tags, boolean push) {
    return request(project, repository, tags, push, TestRegistry.access());
  }

  private ImageRequest request(
      Path project, String repository, List<String> tags, boolean push, RegistryAccess access) {
    return BuildahBuilds.request(
        project, repository, tags, push, access, directory.resolve("work"));
  }

  private Path project(String name) throws Exception {
    return BuildahBuilds.project(directory, name);
  }

  @Test
  void aFailingRunIsReportedAtItsLineWithItsOutput() throws Exception {
    Path project = project("failing");
    Files.writeString(
        project.resolve("Dockerfile"),
        """
        FROM %s
        RUN echo first
        # the next step fails
        RUN echo about to fail && \\
            exit 3
        RUN echo never
        """
            .formatted(base));

    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(request(project, "esteira-test/failing", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BUILD-FAILED");
              assertThat(e.diagnostic().position().orElseThrow().line()).isEqualTo(4);
              assertThat(e.diagnostic().text())
                  .contains(
                      "STEP 3/4: RUN echo about to fail", "exit status 3", "    about to fail")
                  .doesNotContain("never");
              assertThat(e.getCause()).isNull();
            });
    assertThat(manifestStatus(registry + "/esteira-test/failing:x")).isEqualTo(404);
  }

  @Test
  void aProjectWithoutDockerfileIsReportedBeforeAnyBuild() throws Exception {
    Path project = project("nodockerfile");
    Files.delete(project.resolve("Dockerfile"));

    assertThatThrownBy(
            () ->
                builder(storage()).build(request(project, "esteira-test/none", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-NO-DOCKERFILE"));
  }

  @Test
  void aBaseImageTheRegistryDoesNotHaveIsReportedAtItsFrom() throws Exception {
    Path project = project("nobase");
    Files.writeString(
        project.resolve("Dockerfile"),
        "# no such image\nFROM " + registry + "/esteira-test/no-such-base:1\nCOPY . /app\n");

    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(request(project, "esteira-test/nobase", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BASE-UNAVAILABLE");
              assertThat(e.diagnostic().position().orElseThrow().line()).isEqualTo(2);
              assertThat(e.diagnostic().text())
                  .contains(registry + "/esteira-test/no-such-base:1", "manifest unknown");
            });
  }

  @Test
  void anUnreachableRegistryIsReportedAsSuch() throws Exception {
    Path project = project("unreachable");
    String closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = "127.0.0.1:" + socket.getLocalPort();
    }

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(
                        request(
                            project,
                            "esteira-test/unreachable",
                            List.of("x"),
                            true,
                            new RegistryAccess(closed, Optional.empty(), true))))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-UNREACHABLE");
              assertThat(e.diagnostic().text())
                  .contains(closed + "/esteira-test/unreachable:x", "connection refused");
            });
    System.out.printf(
        "[DockerfileImageBuilderFailuresIT] unreachable registry reported after %d ms%n",
        millisSince(start));
  }

  @Test
  void aLoginPullsTheBaseFromItsRegistryAndPushesAndAWrongOneIsRefused() throws Exception {
    try (LoginRegistry login =
        LoginRegistry.start(BuildahBuilds.STORAGE.resolve("login-registry-" + System.nanoTime()))) {
      RegistryAccess right = login.access(LoginRegistry.PASSWORD);
      RegistryAccess wrong = login.access("not-the-password");
      // The base, pushed to the registry that asks for a login; the project pulls it from there.
      Path baseProject = Files.createDirectories(directory.resolve("private-base"));
      Files.writeString(baseProject.resolve("Dockerfile"), "FROM " + base + "\nENV PRIVATE=1\n");
      DockerfileImageBuilder builder = builder(storage());
      builder.build(request(baseProject, "esteira-test/private-base", List.of("1"), true, right));
      Path project = project("private");
      Files.writeString(
          project.resolve("Dockerfile"),
          "FROM " + login.address() + "/esteira-test/private-base:1\nCOPY steps/ /app/steps/\n");

      BuiltImage image =
          builder(storage())
              .build(request(project, "esteira-test/private", List.of("x"), true, right));
      assertThat(image.pushed()).isTrue();
      assertThat(
              TestRegistry.skopeo(
                  "inspect",
                  "--tls-verify=false",
                  "--creds",
                  LoginRegistry.USER + ":" + LoginRegistry.PASSWORD,
                  "docker://" + image.pinned()))
          .contains(image.digest());

      // The same image pushed with a wrong password: the registry refuses it.
      Path other = project("refused");
      assertThatThrownBy(
              () ->
                  builder(storage())
                      .build(request(other, "esteira-test/refused", List.of("x"), true, wrong)))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> {
                assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-REFUSED");
                assertThat(e.diagnostic().text())
                    .contains(login.address(), "unauthorized")
                    .doesNotContain("not-the-password");
              });
      // And a base in that registry cannot be pulled with the wrong password either.
      assertThatThrownBy(
              () ->
                  builder(storage())
                      .build(request(project, "esteira-test/private", List.of("y"), true, wrong)))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BASE-UNAVAILABLE"));
    }
    // No login file is left behind.
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(tmp.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("esteira-login"));
    }
  }

  @Test
  void anInterruptStopsTheBuildAndItsStep() throws Exception {
    Path project = project("slow");
    Files.writeString(project.resolve("Dockerfile"), "FROM " + base + "\nRUN sleep 3607\n");
    List<String> output = new CopyOnWriteArrayList<>();
    DockerfileImageBuilder builder = builder(storage(), output::add);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread build =
        new Thread(
            () -> {
              try {
                builder.build(request(project, "esteira-test/slow", List.of("x"), true));
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    build.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (output.stream().noneMatch(l -> l.contains("RUN sleep 3607"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertThat(sleeps()).as("the step runs").isNotEmpty();

    long start = System.nanoTime();
    build.interrupt();
    build.join(TimeUnit.SECONDS.toMillis(30));
    System.out.printf(
        "[DockerfileImageBuilderFailuresIT] interrupted build stopped in %d ms%n",
        millisSince(start));

    assertThat(build.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(sleeps()).isEmpty();
  }

  /**
   * buildah as on a machine where its configured storage cannot be mounted (overlay inside some
   * containers): a script that fails as buildah does there unless given a storage driver, and runs
   * the real buildah when given one. Each call's arguments go to {@code calls}.
   */
  private Path buildahWithoutOverlay(Path calls, boolean vfsWorks) throws IOException {
    Path script = directory.resolve("bin/buildah");
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$*" >> %s
        case " $* " in *" --storage-driver "*) %s ;; esac
        echo 'Error: kernel does not support overlay fs: overlay is not supported over overlayfs' >&2
        exit 125
        """
            .formatted(
                calls,
                vfsWorks ? "exec buildah \"$@\"" : "echo 'Error: vfs: no space' >&2; exit 125"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Path scratchProject() throws IOException {
    Path project = Files.createDirectories(directory.resolve("scratch"));
    Files.writeString(project.resolve("hello.txt"), "hello\n");
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
    return project;
  }

  @Test
  void whenTheConfiguredStorageCannotBeOpenedBuildahBuildsOnVfs() throws Exception {
    Path calls = directory.resolve("calls");
    Path storage = storage();
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(
            new Settings(
                buildahWithoutOverlay(calls, true).toString(),
                "docker",
                Optional.of(storage.resolve("root")),
                Optional.of(storage.resolve("run")),
                Optional.empty()),
            line -> {});
    Path project = scratchProject();

    BuiltImage first = builder.build(request(project, "esteira-test/scratch", List.of("a"), false));
    BuiltImage second =
        builder.build(request(project, "esteira-test/scratch", List.of("b"), false));

    assertThat(first.builder()).isEqualTo("buildah");
    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(storage.resolve("root/vfs-images")).isDirectory();
    List<String> made = Files.readAllLines(calls);
    // One probe of the configured storage, then everything on vfs, for both builds.
    assertThat(made.get(0)).endsWith(" info").doesNotContain("--storage-driver");
    assertThat(made.subList(1, made.size()))
        .allSatisfy(call -> assertThat(call).contains("--storage-driver vfs"))
        .anySatisfy(call -> assertThat(call).contains(" bud "))
        .hasSize(5);
  }

  @Test
  void aStorageThatNeitherDriverCanOpenIsReported() throws Exception {
    Path storage = storage();
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(
            new Settings(
                buildahWithoutOverlay(directory.resolve("calls"), false).toString(),
                "docker",
                Optional.of(storage.resolve("root")),
                Optional.of(storage.resolve("run")),
                Optional.empty()),
            line -> {});

    assertThatThrownBy(
            () ->
                builder.build(
                    request(scratchProject(), "esteira-test/scratch", List.of("c"), false)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BUILDAH-STORAGE");
              assertThat(e.diagnostic().text())
                  .contains("--root " + storage.resolve("root"), "overlay is not supported");
            });
  }

  private static List<ProcessHandle> sleeps() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("sleep 3607"))
        .toList();
  }
}
