package io.esteira.image;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import io.esteira.image.DockerfileImageBuilder.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Dockerfile built with buildah, daemonless: {@code buildah bud} with chroot isolation (no OCI
 * runtime, no cgroups to configure, so it also works inside a CI job's container), then {@code
 * buildah push} of each tag with {@code --digestfile}, the digest the registry stored.
 *
 * <p>The flags that make a build reproducible, and why:
 *
 * <ul>
 *   <li>{@code --timestamp 0}: the image's and the history's created time, and every file written
 *       into a layer, get the epoch instead of now, so the same context gives the same layers;
 *   <li>{@code --identity-label=false}: no {@code io.buildah.version} label, which would change the
 *       digest with every buildah upgrade of a CI runner;
 *   <li>{@code --layers}: a layer per instruction, cached in the storage: a rebuild after a change
 *       to the steps reuses the dependency layers (and the registry already has them), and the
 *       cache gives the same layers as a fresh build;
 *   <li>{@code --format oci}, whatever {@code BUILDAH_FORMAT} says.
 * </ul>
 *
 * <p>{@code --tls-verify=false} is passed only for a {@link RegistryAccess#plainHttp()} registry
 * (loopback), and then holds for every pull of the build too; buildah still tries HTTPS first.
 */
final class BuildahBuild {

  private static final Pattern ERROR_LINE = Pattern.compile("^(Error|error): ");
  private static final Pattern STEP_LINE = DockerfileSteps.STEP_LINE;

  private final Path buildah;
  private final Settings settings;
  private final Consumer<String> output;
  private volatile List<String> storageFlags;

  BuildahBuild(Path buildah, Settings settings, Consumer<String> output) {
    this.buildah = buildah;
    this.settings = settings;
    this.output = output;
  }

  BuiltImage build(ImageRequest request, Path dockerfile)
      throws ImageException, InterruptedException {
    List<String> storage = storageFlags(request);
    try {
      Files.createDirectories(request.workDirectory());
      Optional<RegistryLoginFile> login = Optional.empty();
      try {
        if (request.registry().credentials().isPresent()) {
          login =
              Optional.of(
                  RegistryLoginFile.write(
                      request.registry().registry(), request.registry().credentials().get()));
        }
        List<String> access = new ArrayList<>();
        if (request.registry().plainHttp()) {
          access.add("--tls-verify=false");
        }
        login.ifPresent(l -> access.addAll(List.of("--authfile", l.file().toString())));
        bud(request, dockerfile, storage, access);
        String digest =
            request.push() ? push(request, storage, access) : localDigest(request, storage);
        return new BuiltImage(request.name(), digest, request.tags(), "buildah", request.push());
      } finally {
        login.ifPresent(RegistryLoginFile::close);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void bud(ImageRequest request, Path dockerfile, List<String> storage, List<String> access)
      throws IOException, InterruptedException, ImageException {
    List<String> command = new ArrayList<>(storage);
    command.addAll(
        List.of(
            "bud",
            "--isolation",
            "chroot",
            "--layers",
            "--timestamp",
            "0",
            "--identity-label=false",
            "--format",
            "oci",
            "-f",
            dockerfile.toString()));
    command.addAll(access);
    for (String tag : request.tags()) {
      command.addAll(List.of("-t", request.name() + ":" + tag));
    }
    command.add(request.projectDirectory().toString());
    ToolRun.Result result = run(request, command);
    if (!result.ok()) {
      throw new ImageException(budFailure(request, dockerfile, result));
    }
  }

  /** Why {@code buildah bud} failed: a base image it could not pull, or the step that failed. */
  private static Diagnostic budFailure(
      ImageRequest request, Path dockerfile, ToolRun.Result result) {
    Optional<String> step = result.last(STEP_LINE);
    String error =
        result
            .last(ERROR_LINE)
            .map(BuildahBuild::withoutErrorPrefix)
            .orElse("buildah exited with status " + result.exitCode());
    Optional<String> base =
        step.map(s -> s.replaceFirst(STEP_LINE.pattern(), "$3"))
            .flatMap(DockerfileSteps::fromImage);
    if (error.startsWith("creating build container: ") && base.isPresent()) {
      return Diagnostic.error(
          ImageMessage.IMAGE_BASE_UNAVAILABLE,
          position(dockerfile, step),
          base.get(),
          request.project(),
          dockerfile,
          reason(error.substring("creating build container: ".length())));
    }
    String where = step.map(s -> s.replaceAll("\\s+", " ")).orElse("its start (before any step)");
    String reason = reason(error.replaceFirst("^building at STEP \"[^\"]*\": ", ""));
    return Diagnostic.error(
        ImageMessage.IMAGE_BUILD_FAILED,
        position(dockerfile, step),
        request.project(),
        where,
        reason,
        indented(result.tail()));
  }

  /** Pushes every tag; each push's {@code --digestfile} is what the registry stored. */
  private String push(ImageRequest request, List<String> storage, List<String> access)
      throws IOException, InterruptedException, ImageException {
    Set<String> digests = new LinkedHashSet<>();
    for (String tag : request.tags()) {
      String reference = request.name() + ":" + tag;
      Path digestFile = Files.createTempFile(request.workDirectory(), "digest", ".txt");
      try {
        List<String> command = new ArrayList<>(storage);
        command.addAll(List.of("push", "--digestfile", digestFile.toString()));
        command.addAll(access);
        command.addAll(List.of(reference, "docker://" + reference));
        ToolRun.Result result = run(request, command);
        if (!result.ok()) {
          throw new ImageException(pushFailure(request, reference, result));
        }
        digests.add(readDigest(digestFile));
      } finally {
        Files.deleteIfExists(digestFile);
      }
    }
    if (digests.size() > 1) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_TAGS_DIFFER, null, request.name(), String.join(", ", digests)));
    }
    return digests.iterator().next();
  }

  /**
   * The digest the image has once pushed, found without a registry: the image is written to an OCI
   * layout under the work directory (its layers compressed as a push compresses them), its digest
   * read, and the layout deleted. {@link DockerfileImageBuilder} says when a registry's differs.
   */
  private String localDigest(ImageRequest request, List<String> storage)
      throws IOException, InterruptedException, ImageException {
    Path layout = request.workDirectory().resolve("oci-layout");
    Path digestFile = request.workDirectory().resolve("oci-layout.digest");
    deleteTree(layout);
    try {
      List<String> command = new ArrayList<>(storage);
      command.addAll(
          List.of(
              "push",
              "--digestfile",
              digestFile.toString(),
              request.reference(),
              "oci:" + layout + ":" + request.tags().get(0)));
      ToolRun.Result result = run(request, command);
      if (!result.ok()) {
        throw new ImageException(
            Diagnostic.error(
                ImageMessage.IMAGE_BUILD_FAILED,
                null,
                request.project(),
                "writing the built image to " + layout,
                result.last(ERROR_LINE).map(BuildahBuild::withoutErrorPrefix).orElse("no error"),
                indented(result.tail())));
      }
      return readDigest(digestFile);
    } finally {
      deleteTree(layout);
      Files.deleteIfExists(digestFile);
    }
  }

  private static Diagnostic pushFailure(
      ImageRequest request, String reference, ToolRun.Result result) {
    String error =
        result
            .last(ERROR_LINE)
            .map(BuildahBuild::withoutErrorPrefix)
            .orElse("buildah exited with status " + result.exitCode());
    // What is left once the image, blob and repository the message already names are cut.
    String reason =
        reason(
            error
                .replaceFirst("^pushing image \"[^\"]*\" to \"[^\"]*\": ", "")
                .replaceFirst("^trying to reuse blob \\S+ at destination: ", "")
                .replaceFirst("^checking whether a blob \\S+ exists in \\S+: ", ""));
    ImageMessage message =
        unreachable(error)
            ? ImageMessage.IMAGE_REGISTRY_UNREACHABLE
            : ImageMessage.IMAGE_REGISTRY_REFUSED;
    return Diagnostic.error(message, null, request.registry().registry(), reference, reason);
  }

  /** Whether the error is about reaching the registry at all, not about what it answered. */
  static boolean unreachable(String error) {
    return Stream.of(
            "pinging container registry",
            "dial tcp",
            "no such host",
            "i/o timeout",
            "connection reset",
            "server gave HTTP response to HTTPS client",
            "x509:",
            "tls:")
        .anyMatch(error::contains);
  }

  /**
   * The storage flags: the settings' root and run root, and their driver, or, when they name none,
   * buildah's configured one when buildah can open it ({@code buildah info}), else vfs (overlay
   * cannot be mounted inside many containers; vfs copies layers, so it is slower and larger, and
   * always works).
   */
  private List<String> storageFlags(ImageRequest request)
      throws ImageException, InterruptedException {
    List<String> known = storageFlags;
    if (known != null) {
      return known;
    }
    List<String> flags = new ArrayList<>();
    settings.storageRoot().ifPresent(root -> flags.addAll(List.of("--root", root.toString())));
    settings.runRoot().ifPresent(run -> flags.addAll(List.of("--runroot", run.toString())));
    if (settings.storageDriver().isPresent()) {
      flags.addAll(List.of("--storage-driver", settings.storageDriver().get()));
    } else {
      ToolRun.Result configured = info(request, flags);
      if (!configured.ok()) {
        List<String> vfs = new ArrayList<>(flags);
        vfs.addAll(List.of("--storage-driver", "vfs"));
        if (!info(request, vfs).ok()) {
          throw new ImageException(
              Diagnostic.error(
                  ImageMessage.IMAGE_BUILDAH_STORAGE,
                  null,
                  String.join(" ", flags.isEmpty() ? List.of("its default") : flags),
                  reason(
                      configured
                          .last(ERROR_LINE)
                          .map(BuildahBuild::withoutErrorPrefix)
                          .orElse(configured.tailText()))));
        }
        flags.clear();
        flags.addAll(vfs);
      }
    }
    storageFlags = List.copyOf(flags);
    return storageFlags;
  }

  private ToolRun.Result info(ImageRequest request, List<String> flags)
      throws InterruptedException {
    List<String> command = new ArrayList<>(flags);
    command.add("info");
    return runQuietly(request, command);
  }

  private ToolRun.Result run(ImageRequest request, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(buildah.toString());
    command.addAll(arguments);
    return ToolRun.run(
        command, Map.of(), request.projectDirectory(), List.of(STEP_LINE, ERROR_LINE), output);
  }

  private ToolRun.Result runQuietly(ImageRequest request, List<String> arguments)
      throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(buildah.toString());
    command.addAll(arguments);
    try {
      return ToolRun.run(
          command, Map.of(), request.projectDirectory(), List.of(ERROR_LINE), line -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readDigest(Path digestFile) throws IOException {
    String digest = Files.exists(digestFile) ? Files.readString(digestFile).strip() : "";
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalStateException(
          "buildah wrote no sha256 digest to " + digestFile + ": '" + digest + "'");
    }
    return digest;
  }

  /** The Dockerfile's line of {@code step} (buildah's STEP line), or the file when not known. */
  static SourcePosition position(Path dockerfile, Optional<String> step) {
    Optional<Integer> line = Optional.empty();
    if (step.isPresent()) {
      try {
        line = DockerfileSteps.parse(Files.readString(dockerfile)).line(step.get());
      } catch (IOException e) {
        // The file was readable a moment ago; without it the message names the file only.
      }
    }
    return new SourcePosition(dockerfile.toString(), line.orElse(0), line.isPresent() ? 1 : 0);
  }

  static String withoutErrorPrefix(String line) {
    return line.replaceFirst(ERROR_LINE.pattern(), "");
  }

  /** An error text cut to a length a message can carry. */
  static String reason(String error) {
    String stripped = error.replaceFirst("^initializing source \\S+: ", "");
    return stripped.length() > 600 ? stripped.substring(0, 600) + "..." : stripped;
  }

  /** Lines of a tool's output, indented under the message. */
  static String indented(List<String> lines) {
    return lines.stream()
        .map(l -> "    " + l)
        .reduce((a, b) -> a + System.lineSeparator() + b)
        .orElse("    (no output)");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
