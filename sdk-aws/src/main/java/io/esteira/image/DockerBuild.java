package io.esteira.image;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile built with the Docker client, for a machine that has Docker and no buildah: {@code
 * docker build} with a tag per {@link ImageRequest#tags()}, then {@code docker push} of each, whose
 * last line gives the digest the registry stored.
 *
 * <p>Less is in the builder's hands than with buildah: the daemon decides whether a registry may
 * speak plain HTTP (it allows loopback ones), and the build is not reproducible to the byte ({@code
 * SOURCE_DATE_EPOCH=0} fixes BuildKit's created times, not the files' times in the layers). Without
 * a push the digest is Docker's image id, the digest of the image's configuration (with the classic
 * image store) and not of a manifest: no registry has such an image, so nothing can pin it.
 */
final class DockerBuild {

  private static final Pattern ERROR_LINE = Pattern.compile("^(ERROR|Error|error)[: ]");

  /** BuildKit's {@code #7 [3/5] RUN ...} and the classic builder's {@code Step 3/5 : RUN ...}. */
  private static final Pattern STEP_LINE =
      Pattern.compile("^(#\\d+ \\[[^\\]]*\\d+/\\d+\\] .*|Step \\d+/\\d+ : .*)$");

  private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
  private static final Pattern NO_DAEMON =
      Pattern.compile(
          "Cannot connect to the Docker daemon|Is the docker daemon running|error during connect");

  private final Path docker;
  private final Consumer<String> output;

  DockerBuild(Path docker, Consumer<String> output) {
    this.docker = docker;
    this.output = output;
  }

  BuiltImage build(ImageRequest request, Path dockerfile)
      throws ImageException, InterruptedException {
    Optional<RegistryLoginFile> login = Optional.empty();
    try {
      Map<String, String> environment = new HashMap<>();
      if (request.registry().credentials().isPresent()) {
        login =
            Optional.of(
                RegistryLoginFile.writeDockerConfig(
                    request.registry().registry(),
                    request.registry().credentials().get(),
                    userConfig()));
        environment.put("DOCKER_CONFIG", login.get().directory().toString());
      }
      List<String> build =
          new ArrayList<>(
              List.of("build", "-f", dockerfile.toString(), "--build-arg", "SOURCE_DATE_EPOCH=0"));
      for (String tag : request.tags()) {
        build.addAll(List.of("-t", request.name() + ":" + tag));
      }
      build.add(request.projectDirectory().toString());
      ToolRun.Result built = run(request, build, environment);
      if (!built.ok()) {
        throw new ImageException(failure(request, dockerfile, built));
      }
      String digest = request.push() ? push(request, environment) : imageId(request, environment);
      return new BuiltImage(request.name(), digest, request.tags(), "docker", request.push());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      login.ifPresent(RegistryLoginFile::close);
    }
  }

  private String push(ImageRequest request, Map<String, String> environment)
      throws IOException, InterruptedException, ImageException {
    Set<String> digests = new LinkedHashSet<>();
    for (String tag : request.tags()) {
      String reference = request.name() + ":" + tag;
      ToolRun.Result pushed = run(request, List.of("push", reference), environment);
      Optional<String> digestLine = pushed.last(PUSHED_DIGEST);
      if (!pushed.ok() || digestLine.isEmpty()) {
        Optional<String> noDaemon =
            pushed.tail().stream().filter(l -> NO_DAEMON.matcher(l).find()).findFirst();
        if (noDaemon.isPresent()) {
          throw new ImageException(unavailable(request, noDaemon.get()));
        }
        String error = pushed.last(ERROR_LINE).orElse(pushed.tailText());
        ImageMessage message =
            BuildahBuild.unreachable(error)
                ? ImageMessage.IMAGE_REGISTRY_UNREACHABLE
                : ImageMessage.IMAGE_REGISTRY_REFUSED;
        throw new ImageException(
            Diagnostic.error(
                message,
                null,
                request.registry().registry(),
                reference,
                BuildahBuild.reason(BuildahBuild.withoutErrorPrefix(error))));
      }
      Matcher m = PUSHED_DIGEST.matcher(digestLine.get());
      m.find();
      digests.add(m.group(1));
    }
    if (digests.size() > 1) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_TAGS_DIFFER, null, request.name(), String.join(", ", digests)));
    }
    return digests.iterator().next();
  }

  private String imageId(ImageRequest request, Map<String, String> environment)
      throws IOException, InterruptedException, ImageException {
    ToolRun.Result inspected =
        run(
            request,
            List.of("image", "inspect", "--format", "{{.Id}}", request.reference()),
            environment);
    String id = inspected.tail().isEmpty() ? "" : inspected.tail().get(0).strip();
    if (!inspected.ok() || !id.matches("sha256:[0-9a-f]{64}")) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_BUILD_FAILED,
              null,
              request.project(),
              "reading the built image's id",
              "docker image inspect answered '" + id + "'",
              BuildahBuild.indented(inspected.tail())));
    }
    return id;
  }

  private static Diagnostic failure(ImageRequest request, Path dockerfile, ToolRun.Result result) {
    String error = result.last(ERROR_LINE).orElse("docker exited with status " + result.exitCode());
    Optional<String> noDaemon =
        result.tail().stream().filter(l -> NO_DAEMON.matcher(l).find()).findFirst();
    if (noDaemon.isPresent()) {
      return unavailable(request, noDaemon.get());
    }
    return Diagnostic.error(
        ImageMessage.IMAGE_BUILD_FAILED,
        new SourcePosition(dockerfile.toString(), 0, 0),
        request.project(),
        result.last(STEP_LINE).orElse("its start (before any step)"),
        BuildahBuild.reason(BuildahBuild.withoutErrorPrefix(error)),
        BuildahBuild.indented(result.tail()));
  }

  private static Diagnostic unavailable(ImageRequest request, String error) {
    return Diagnostic.error(
        ImageMessage.IMAGE_DOCKER_UNAVAILABLE,
        null,
        request.project(),
        BuildahBuild.reason(BuildahBuild.withoutErrorPrefix(error)));
  }

  /** The user's Docker configuration directory: {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
  private static Path userConfig() {
    String configured = System.getenv("DOCKER_CONFIG");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".docker");
  }

  private ToolRun.Result run(
      ImageRequest request, List<String> arguments, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(docker.toString());
    command.addAll(arguments);
    return ToolRun.run(
        command,
        environment,
        request.projectDirectory(),
        List.of(STEP_LINE, ERROR_LINE, PUSHED_DIGEST),
        output);
  }
}
