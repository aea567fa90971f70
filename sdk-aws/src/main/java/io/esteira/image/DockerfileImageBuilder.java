package io.esteira.image;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a project's image from the {@code Dockerfile} next to its {@code config.yaml} (the
 * origin's YAML-only projects), with buildah when it is installed (no daemon; {@link BuildahBuild})
 * and else with Docker ({@link DockerBuild}). The project's directory is the build context; the
 * request's base image is not used, the Dockerfile's {@code FROM} says. Every tag of the request is
 * given; the registry's login, when the request has one, also pulls a base image kept in the same
 * registry.
 *
 * <p><b>Reproducible.</b> Every CI push rebuilds every project's image, and a deploy must change
 * only the projects whose image changed, so buildah builds with {@code --timestamp 0}: the same
 * Dockerfile and context give the same digest, whether the layer cache is warm or the storage is
 * new. What breaks that: a {@code RUN} that fetches something that changes ({@code pip install} of
 * unpinned or newly released packages, {@code apt-get install} of an updated package) or writes
 * something of its own (a random id, the build's date); a base tag that moved ({@code
 * python:3.11-slim} is rebuilt upstream every few weeks; pin it {@code @sha256:...}); files of the
 * context whose permission bits differ between checkouts (a umask of 002 against 022); and a build
 * with Docker, whose files keep their own times. A warm cache hides a {@code RUN} that is not
 * reproducible: it reuses the layer of the last build.
 *
 * <p><b>The digest.</b> With a push, it is the digest the registry stored ({@code buildah push
 * --digestfile}), the one a deploy pins. Without one, buildah writes the image to an OCI layout
 * under the request's work directory, compressing its layers as a push would, and returns that
 * layout's digest, which is the one a push gives when buildah compresses every layer itself. A push
 * reuses instead the layers a registry already holds, and when it holds the base image's layers
 * compressed by another tool (a base pushed by Docker, a pull-through cache of Docker Hub in the
 * same registry), the pushed image's manifest names those and its digest differs from the unpushed
 * one. So only a {@link BuiltImage#pushed() pushed} image's digest is what a deploy may pin.
 */
public final class DockerfileImageBuilder implements ImageBuilder {

  /**
   * The programs to run and where buildah keeps its images.
   *
   * @param buildah buildah: a name looked up on the {@code PATH} or a path
   * @param docker the Docker client, used when there is no buildah: a name or a path
   * @param storageRoot buildah's {@code --root}; empty for its configured one ({@code
   *     /var/lib/containers/storage} as root, {@code ~/.local/share/containers/storage} otherwise),
   *     which every build of this user shares, base images and layer cache included
   * @param runRoot buildah's {@code --runroot} (its locks and mounts); empty for its configured one
   * @param storageDriver buildah's {@code --storage-driver}; empty for its configured one (overlay
   *     on most systems) when buildah can open its storage with it, else {@code vfs}, which works
   *     anywhere, inside a container too, at the cost of a full copy of each layer
   */
  public record Settings(
      String buildah,
      String docker,
      Optional<Path> storageRoot,
      Optional<Path> runRoot,
      Optional<String> storageDriver) {

    public Settings {
      Objects.requireNonNull(buildah, "buildah");
      Objects.requireNonNull(docker, "docker");
      Objects.requireNonNull(storageRoot, "storageRoot");
      Objects.requireNonNull(runRoot, "runRoot");
      Objects.requireNonNull(storageDriver, "storageDriver");
    }

    /** buildah and docker from the {@code PATH}, buildah's own storage. */
    public static Settings defaults() {
      return new Settings(
          "buildah", "docker", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * These settings with buildah's storage under {@code root} and {@code runRoot}, on a driver.
     */
    public Settings withStorage(Path root, Path runRoot, String driver) {
      return new Settings(
          buildah, docker, Optional.of(root), Optional.of(runRoot), Optional.of(driver));
    }
  }

  private final Settings settings;
  private final Consumer<String> output;
  private volatile BuildahBuild buildah;

  /** A builder with {@link Settings#defaults()} that shows nothing of the build's output. */
  public DockerfileImageBuilder() {
    this(Settings.defaults(), line -> {});
  }

  /**
   * A builder with these settings that passes each line buildah or docker prints to {@code output}
   * (the command line shows them, so a long {@code RUN} is seen to progress).
   */
  public DockerfileImageBuilder(Settings settings, Consumer<String> output) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.output = Objects.requireNonNull(output, "output");
  }

  @Override
  public BuiltImage build(ImageRequest request) throws ImageException, InterruptedException {
    Path dockerfile = request.projectDirectory().resolve("Dockerfile");
    if (!Files.isRegularFile(dockerfile)) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_NO_DOCKERFILE,
              SourcePosition.file(request.projectDirectory().resolve("config.yaml").toString()),
              request.project(),
              dockerfile));
    }
    Optional<Path> buildahProgram = program(settings.buildah());
    if (buildahProgram.isPresent()) {
      return buildah(buildahProgram.get()).build(request, dockerfile);
    }
    Optional<Path> dockerProgram = program(settings.docker());
    if (dockerProgram.isPresent()) {
      return new DockerBuild(dockerProgram.get(), output).build(request, dockerfile);
    }
    throw new ImageException(
        Diagnostic.error(ImageMessage.IMAGE_NO_BUILDER, null, request.project()));
  }

  /** One {@link BuildahBuild} per builder, so the storage is probed once for all projects. */
  private BuildahBuild buildah(Path program) {
    BuildahBuild known = buildah;
    if (known == null) {
      synchronized (this) {
        if (buildah == null) {
          buildah = new BuildahBuild(program, settings, output);
        }
        known = buildah;
      }
    }
    return known;
  }

  /** {@code name} as a path when it has a separator, else the executable of that name on PATH. */
  static Optional<Path> program(String name) {
    if (name.contains(File.separator)) {
      Path path = Path.of(name);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
