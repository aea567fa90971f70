package io.esteira.deploy;

import io.esteira.core.model.StepAction;
import io.esteira.deploy.DeployOutcome.Status;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.aws.AwsRefusal;
import io.esteira.deploy.aws.AwsSettings;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.resources.ecr.EcrImages;
import io.esteira.deploy.resources.ecr.RepositoryReconciler;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import io.esteira.image.BuiltImage;
import io.esteira.image.ImageBuilder;
import io.esteira.image.ImageException;
import io.esteira.image.ImageMessage;
import io.esteira.image.ImageRequest;
import io.esteira.image.RegistryAccess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code esteira image build}: builds each project's image, and pushes it to the platform's ECR
 * repository when asked, creating the repository first when it is missing (so the first deploy to a
 * fresh account finds its images). A project with a {@code Dockerfile} is built from it; a Java
 * pipeline without one by Jib, with no Dockerfile and no Docker daemon.
 *
 * <p>Each image is tagged {@code <project>-<version>} (the version of the environment built for,
 * which is what a deploy looks up and pins by digest) and, when the commit is known, {@code
 * <project>-git-<12 hex digits>}, which never moves: an image keeps a tag, and so escapes the
 * lifecycle policy's rule for untagged images, after its version tag moved to a rebuild.
 */
public final class ImageService {

  /**
   * What to build.
   *
   * @param platform the platform file
   * @param environment the environment whose version (and so tag) to build
   * @param projects the projects
   * @param push push to the registry; else only build (no AWS call)
   * @param commit the commit built, for the commit tag; empty for {@code GITHUB_SHA}, or none
   * @param region the AWS region; empty for the platform's
   * @param endpoint where every AWS call goes (an emulator); empty for AWS's own endpoints
   * @param registry push here instead of the account's ECR registry ({@code http://} only on
   *     loopback), for a registry mirror or a test registry; ECR still creates the repository
   * @param variables the process environment ({@code GITHUB_SHA})
   * @param display how a file is named in diagnostics
   */
  public record Request(
      Path platform,
      String environment,
      DeployService.Projects projects,
      boolean push,
      Optional<String> commit,
      Optional<String> region,
      Optional<URI> endpoint,
      Optional<URI> registry,
      java.util.Map<String, String> variables,
      Function<Path, String> display) {}

  /**
   * What happened to one project.
   *
   * @param project its name
   * @param image the image, when it was built
   * @param took how long its build (and push) took
   * @param failure why it was not, otherwise
   */
  public record Built(
      String project, Optional<BuiltImage> image, Duration took, Optional<Diagnostic> failure) {}

  /**
   * How it ended.
   *
   * @param status {@link Status#DONE} when every image was built
   * @param diagnostics every problem told
   * @param built per project, in the order given
   */
  public record Outcome(Status status, List<Diagnostic> diagnostics, List<Built> built) {}

  /** Hears each project as its build starts and ends. */
  public interface Listener extends DeployListener {
    default void building(String project, String builder, String reference) {}

    default void built(Built built) {}
  }

  /** A project's tag carries at most 12 hex digits of the commit (Git's own short form is 7+). */
  private static final int COMMIT_DIGITS = 12;

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

  private final Listener listener;
  private final ImageBuilder java;
  private final ImageBuilder dockerfile;

  public ImageService(Listener listener, ImageBuilder java, ImageBuilder dockerfile) {
    this.listener = listener;
    this.java = java;
    this.dockerfile = dockerfile;
  }

  public Outcome run(Request request) throws IOException, InterruptedException {
    List<Diagnostic> told = new ArrayList<>();
    PlatformReader.Result read =
        PlatformReader.read(request.platform(), request.display().apply(request.platform()));
    tell(told, read.diagnostics());
    if (read.platform().isEmpty()) {
      return new Outcome(Status.FAILED, told, List.of());
    }
    Platform platform = read.platform().get();
    if (!platform.environments().containsKey(request.environment())) {
      tell(
          told,
          List.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_PLATFORM_NO_ENVIRONMENT,
                  SourcePosition.file(platform.file()),
                  request.environment(),
                  request.environment(),
                  String.join(", ", platform.environments().keySet()))));
      return new Outcome(Status.FAILED, told, List.of());
    }
    Optional<String> commit =
        request
            .commit()
            .or(() -> Optional.ofNullable(request.variables().get("GITHUB_SHA")))
            .filter(c -> !c.isBlank());
    if (commit.isPresent() && !COMMIT.matcher(commit.get()).matches()) {
      tell(told, List.of(Diagnostic.error(ImageMessage.IMAGE_BAD_COMMIT, null, commit.get())));
      return new Outcome(Status.USAGE, told, List.of());
    }
    Optional<Diagnostic> registryProblem =
        request.registry().flatMap(ImageService::registryProblem);
    if (registryProblem.isPresent()) {
      tell(told, List.of(registryProblem.get()));
      return new Outcome(Status.USAGE, told, List.of());
    }
    DeployService.ProjectsLoaded loaded =
        new DeployService(listener)
            .projects(request.projects(), request.environment(), request.display());
    told.addAll(loaded.diagnostics());
    if (loaded.status() != Status.DONE) {
      return new Outcome(loaded.status(), told, List.of());
    }
    RegistryAccess registry;
    if (request.push()) {
      AwsSettings settings =
          AwsSettings.defaults()
              .withRegion(request.region().orElse(platform.region()))
              .withEndpoint(request.endpoint().orElse(null));
      try (AwsClients aws = new AwsClients(settings)) {
        try {
          RepositoryReconciler.ensure(aws.ecr(), platform);
          registry =
              request.registry().isPresent()
                  ? fromUrl(request.registry().get())
                  : EcrImages.login(aws.ecr());
        } catch (AwsServiceException e) {
          tell(told, List.of(AwsRefusal.diagnostic(e, aws.operationOf(e))));
          return new Outcome(Status.FAILED, told, List.of());
        }
      } catch (SdkClientException e) {
        tell(
            told,
            List.of(Diagnostic.error(DeployMessage.DEPLOY_AWS_UNREACHABLE, null, e.getMessage())));
        return new Outcome(Status.FAILED, told, List.of());
      }
    } else {
      registry =
          request
              .registry()
              .map(ImageService::fromUrl)
              .orElse(new RegistryAccess(LOCAL_REGISTRY, Optional.empty(), false));
    }
    List<Built> results = new ArrayList<>();
    for (DeployableProject project : loaded.projects()) {
      Built built = build(project, platform, registry, commit, request.push(), request.display());
      results.add(built);
      built.failure().ifPresent(d -> tell(told, List.of(d)));
      listener.built(built);
    }
    boolean ok = results.stream().allMatch(b -> b.image().isPresent());
    return new Outcome(ok ? Status.DONE : Status.FAILED, told, results);
  }

  /**
   * The name images built without {@code --push} (and without {@code --registry}) get: buildah's
   * and Podman's own prefix for images that live only in local storage.
   */
  static final String LOCAL_REGISTRY = "localhost";

  private Built build(
      DeployableProject project,
      Platform platform,
      RegistryAccess registry,
      Optional<String> commit,
      boolean push,
      Function<Path, String> display)
      throws InterruptedException {
    long start = System.nanoTime();
    if (project.directory().isEmpty()) {
      return failed(
          project,
          start,
          Diagnostic.error(
              ImageMessage.IMAGE_NO_DIRECTORY,
              SourcePosition.file(project.source()),
              project.name()));
    }
    Path directory = project.directory().get();
    boolean hasDockerfile = Files.isRegularFile(directory.resolve("Dockerfile"));
    boolean javaSteps =
        project.model().steps().stream().anyMatch(s -> s.action() instanceof StepAction.JavaMethod);
    if (!hasDockerfile && !javaSteps) {
      return failed(
          project,
          start,
          Diagnostic.error(
              ImageMessage.IMAGE_COMMANDS_NO_DOCKERFILE,
              SourcePosition.file(project.source()),
              project.name(),
              display.apply(directory.resolve("Dockerfile"))));
    }
    List<String> tags = new ArrayList<>();
    tags.add(project.model().names().imageTag());
    commit.ifPresent(
        c ->
            tags.add(
                project.name()
                    + "-git-"
                    + c.substring(0, Math.min(COMMIT_DIGITS, c.length()))
                        .toLowerCase(Locale.ROOT)));
    ImageRequest request =
        new ImageRequest(
            project.name(),
            directory,
            platform.ecrRepository(),
            tags,
            Optional.of(platform.javaBaseImage()),
            registry,
            push,
            directory.resolve("target").resolve("esteira-image"));
    ImageBuilder builder = hasDockerfile ? dockerfile : java;
    listener.building(project.name(), hasDockerfile ? "Dockerfile" : "Jib", request.reference());
    try {
      BuiltImage image = builder.build(request);
      return new Built(project.name(), Optional.of(image), since(start), Optional.empty());
    } catch (ImageException e) {
      return failed(project, start, e.diagnostic());
    }
  }

  private static Built failed(DeployableProject project, long start, Diagnostic why) {
    return new Built(project.name(), Optional.empty(), since(start), Optional.of(why));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** A registry given by URL: https, or plain http on a loopback address only. */
  private static Optional<Diagnostic> registryProblem(URI url) {
    String scheme = Optional.ofNullable(url.getScheme()).orElse("");
    String host = Optional.ofNullable(url.getHost()).orElse("");
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    if (scheme.equals("https") || (scheme.equals("http") && loopback)) {
      return Optional.empty();
    }
    return Optional.of(Diagnostic.error(ImageMessage.IMAGE_BAD_REGISTRY_URL, null, url));
  }

  private static RegistryAccess fromUrl(URI url) {
    String address = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    return new RegistryAccess(address, Optional.empty(), "http".equals(url.getScheme()));
  }

  private void tell(List<Diagnostic> told, List<Diagnostic> diagnostics) {
    told.addAll(diagnostics);
    listener.diagnostics(diagnostics);
  }
}
