package io.esteira.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.esteira.core.EngineMessage;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.core.project.BuiltArtifacts;
import io.esteira.core.project.BuiltProject;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import io.esteira.local.LocalProjectException;
import io.esteira.local.ProjectClasspath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/**
 * Builds a Java pipeline's image with Jib, without a Docker daemon, on the base image the request
 * names, and pushes it (or writes it as a tar).
 *
 * <p>The input is a built Maven project: {@code target/classes} (the compiled classes and, from the
 * annotation processor, {@code META-INF/esteira/<project>/}) and the runtime dependencies the local
 * runner uses too ({@link ProjectClasspath}: {@code target/esteira-classpath.txt}, else {@code
 * target/dependency/}), so a step runs on the same class path in its image as under {@code esteira
 * run}. The image's application layers follow Jib's layout under {@code /app}, the class path the
 * state machine's command names ({@link AslGenerator#JAVA_STEP_LAUNCHER}), one layer per kind, from
 * the least to the most often changed:
 *
 * <ol>
 *   <li>{@code /app/libs/}: the released dependency jars;
 *   <li>{@code /app/libs/}: the SNAPSHOT dependency jars (their name says so), which change between
 *       builds without a version change;
 *   <li>{@code /app/resources/}: every file of {@code target/classes} that is not a class, the
 *       pipeline's artifacts among them;
 *   <li>{@code /app/classes/}: the {@code .class} files.
 * </ol>
 *
 * <p>So a change to the code alone replaces only the classes layer, and a registry already holding
 * the other layers receives a few kilobytes. The base image's entrypoint, user, working directory
 * and environment are kept: ECS overrides only the command, per step. The image's own command (CMD)
 * is the step launcher with no arguments, which starts no step: it prints that it takes {@code
 * <project> <step id>} and exits with status 2, so an image run by hand says how it is meant to be
 * run. A base whose entrypoint is not empty must therefore run its arguments as a command (a shell
 * script ending in {@code exec "$@"}, as most do).
 *
 * <p>The image is reproducible: files, layers and image have Jib's fixed epoch times, and the only
 * labels are {@value #PROJECT_LABEL} and {@value #VERSION_LABEL} (the pipeline's version), no
 * commit or build time. The same classes and jars on the same base give the same digest at any
 * commit, so a deploy of an unchanged project changes nothing. Jib keeps the base image's layers
 * and the application layers it built in caches under the request's work directory, so a second
 * build reads and compresses only what changed.
 *
 * <p>Jib's own messages go to the progress callback, never to the console; its failures become
 * {@link ImageException}s with an {@link ImageMessage} that says what to fix.
 */
public final class JavaImageBuilder implements ImageBuilder {

  /** What {@link BuiltImage#builder()} says of images built here. */
  public static final String BUILDER = "jib";

  /** The label naming the project. */
  public static final String PROJECT_LABEL = "io.esteira.project";

  /** The label holding the pipeline's version ({@code version:} of config.yaml). */
  public static final String VERSION_LABEL = "io.esteira.version";

  /** Where the application goes in the image; the state machine's class path is under it. */
  public static final String APP_ROOT = "/app";

  /** The image file a build without push writes, under the work directory. */
  public static final String TAR_FILE = "image.tar";

  /** Jib's cache of base image layers, under the work directory. */
  public static final String BASE_LAYERS_CACHE = "jib-cache/base";

  /** Jib's cache of the application layers it built, under the work directory. */
  public static final String APPLICATION_LAYERS_CACHE = "jib-cache/application";

  /** The class every Java step starts with, as a jar entry. */
  static final String LAUNCHER_ENTRY = "io/esteira/runtime/StepLauncher.class";

  private final Consumer<String> progress;

  /** A builder that says nothing while it works. */
  public JavaImageBuilder() {
    this(message -> {});
  }

  /** A builder that reports Jib's progress and warnings, one line each, to {@code progress}. */
  public JavaImageBuilder(Consumer<String> progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * What of a built project goes into its image.
   *
   * @param classes the project's class output, {@code target/classes}
   * @param dependencies its runtime dependency jars, in class path order
   * @param version the pipeline's version, from its {@code pipeline.json}
   */
  record ProjectFiles(Path classes, List<Path> dependencies, String version) {}

  @Override
  public BuiltImage build(ImageRequest request) throws ImageException, InterruptedException {
    ProjectFiles files = projectFiles(request);
    String base =
        request
            .baseImage()
            .orElseThrow(
                () -> new ImageException(Diagnostic.error(ImageMessage.IMAGE_JAVA_NO_BASE, null)));
    JibContainerBuilder container = container(request, files, baseImage(request, base));
    Containerizer containerizer = containerizer(request);
    JibContainer built;
    try {
      built = container.containerize(containerizer);
    } catch (RegistryException | ExecutionException e) {
      throw failure(request, base, e);
    } catch (CacheDirectoryCreationException e) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_JAVA_CACHE_UNUSABLE,
              null,
              request.workDirectory(),
              cause(e.getCause() == null ? e : e.getCause())),
          e);
    } catch (IOException e) {
      throw failure(request, base, e);
    }
    return new BuiltImage(
        request.name(), built.getDigest().toString(), request.tags(), BUILDER, request.push());
  }

  /**
   * The built project's classes, dependencies and version, or the exception that says how to build
   * it.
   */
  static ProjectFiles projectFiles(ImageRequest request) throws ImageException {
    Path dir = request.projectDirectory();
    SourcePosition at = SourcePosition.file(dir.toString());
    Path classes = dir.resolve(BuiltArtifacts.TARGET).resolve("classes");
    if (!Files.isDirectory(classes)) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_JAVA_NOT_BUILT,
              at,
              "there is no " + BuiltArtifacts.TARGET + "/classes"));
    }
    String version;
    List<Path> dependencies;
    try {
      Optional<BuiltProject> project =
          BuiltArtifacts.inClassOutput(classes).stream()
              .filter(p -> p.name().equals(request.project()))
              .findFirst();
      Optional<String> json = project.flatMap(p -> p.file(ProjectArtifacts.PIPELINE_JSON));
      if (json.isEmpty()) {
        throw new ImageException(
            Diagnostic.error(
                ImageMessage.IMAGE_JAVA_NOT_BUILT,
                at,
                BuiltArtifacts.TARGET
                    + "/classes has no "
                    + BuiltProject.ARTIFACT_ROOT
                    + request.project()
                    + "/"
                    + ProjectArtifacts.PIPELINE_JSON));
      }
      String source = project.get().location(Path::toString) + "/" + ProjectArtifacts.PIPELINE_JSON;
      version = PipelineJsonReader.read(json.get(), source).version();
      dependencies = ProjectClasspath.dependencies(dir);
    } catch (PipelineJsonException e) {
      throw new ImageException(
          Diagnostic.error(EngineMessage.LOCAL_UNREADABLE_PIPELINE, null, e.getMessage()), e);
    } catch (LocalProjectException e) {
      Diagnostic reason = e.diagnostics().get(0);
      if (reason.code().equals(EngineMessage.LOCAL_NO_CLASSPATH.code())) {
        throw new ImageException(
            Diagnostic.error(
                ImageMessage.IMAGE_JAVA_NO_CLASSPATH,
                at,
                BuiltArtifacts.TARGET + "/" + ProjectClasspath.CLASSPATH_FILE,
                BuiltArtifacts.TARGET + "/" + ProjectClasspath.DEPENDENCY_DIR + "/"),
            e);
      }
      throw new ImageException(reason, e);
    } catch (IOException e) {
      throw new ImageException(
          Diagnostic.error(ImageMessage.IMAGE_JAVA_BUILD_FAILED, at, request.project(), cause(e)),
          e);
    }
    for (Path dependency : dependencies) {
      if (Files.isDirectory(dependency)) {
        throw new ImageException(
            Diagnostic.error(ImageMessage.IMAGE_JAVA_CLASSPATH_DIRECTORY, at, dependency));
      }
    }
    if (!hasLauncher(dependencies)) {
      throw new ImageException(
          Diagnostic.error(ImageMessage.IMAGE_JAVA_NO_LAUNCHER, at, dependencies.size()));
    }
    return new ProjectFiles(classes, dependencies, version);
  }

  /** Whether a jar of {@code dependencies} holds the step launcher. */
  private static boolean hasLauncher(List<Path> dependencies) throws ImageException {
    for (Path jar : dependencies) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        if (zip.getEntry(LAUNCHER_ENTRY) != null) {
          return true;
        }
      } catch (IOException e) {
        // Not a jar (a pom, a native library): it holds no class.
      }
    }
    return false;
  }

  /**
   * The base image, logged in with the request's credentials when it is in the registry the image
   * goes to (an ECR base beside the pipelines' images); anonymous elsewhere.
   */
  private static RegistryImage baseImage(ImageRequest request, String base) throws ImageException {
    ImageReference reference = reference(base);
    RegistryImage image = RegistryImage.named(reference);
    if (reference.getRegistry().equals(request.registry().registry())) {
      request
          .registry()
          .credentials()
          .ifPresent(c -> image.addCredential(c.username(), c.password()));
    }
    return image;
  }

  /**
   * The image's plan: the four application layers on {@code base}, its default command and its
   * labels; entrypoint, user, working directory and environment are the base's.
   */
  static JibContainerBuilder container(ImageRequest request, ProjectFiles files, RegistryImage base)
      throws ImageException {
    List<Path> released = new ArrayList<>();
    List<Path> snapshots = new ArrayList<>();
    for (Path jar : files.dependencies()) {
      (jar.getFileName().toString().contains("SNAPSHOT") ? snapshots : released).add(jar);
    }
    try {
      JavaContainerBuilder java = JavaContainerBuilder.from(base).setAppRoot(APP_ROOT);
      if (!released.isEmpty()) {
        java.addDependencies(released);
      }
      if (!snapshots.isEmpty()) {
        java.addSnapshotDependencies(snapshots);
      }
      // Maven copies resources into target/classes: as Jib's Maven plugin does, the classes are
      // the .class files and the resources everything else.
      java.addResources(files.classes(), path -> !isClassFile(path))
          .addClasses(files.classes(), JavaImageBuilder::isClassFile);
      // No main class: the entrypoint stays the base image's.
      return java.toContainerBuilder()
          .setProgramArguments(AslGenerator.JAVA_STEP_LAUNCHER)
          .setLabels(Map.of(PROJECT_LABEL, request.project(), VERSION_LABEL, files.version()))
          .setCreationTime(Instant.EPOCH)
          .setFormat(ImageFormat.Docker);
    } catch (IOException e) {
      throw new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_JAVA_BUILD_FAILED,
              SourcePosition.file(request.projectDirectory().toString()),
              request.project(),
              cause(e)),
          e);
    }
  }

  private static boolean isClassFile(Path path) {
    return path.getFileName().toString().endsWith(".class");
  }

  /**
   * Where the image goes: the registry with every tag when pushing, else a tar in the work
   * directory; with the caches under the work directory and Jib's messages to the progress
   * callback.
   */
  private Containerizer containerizer(ImageRequest request) throws ImageException {
    ImageReference target = reference(request.reference());
    Containerizer containerizer;
    if (request.push()) {
      RegistryImage image = RegistryImage.named(target);
      request
          .registry()
          .credentials()
          .ifPresent(c -> image.addCredential(c.username(), c.password()));
      containerizer = Containerizer.to(image);
    } else {
      containerizer =
          Containerizer.to(TarImage.at(request.workDirectory().resolve(TAR_FILE)).named(target));
    }
    for (String tag : request.tags().subList(1, request.tags().size())) {
      containerizer.withAdditionalTag(tag);
    }
    return containerizer
        .setAllowInsecureRegistries(request.registry().plainHttp())
        .setBaseImageLayersCache(request.workDirectory().resolve(BASE_LAYERS_CACHE))
        .setApplicationLayersCache(request.workDirectory().resolve(APPLICATION_LAYERS_CACHE))
        .addEventHandler(LogEvent.class, this::log);
  }

  private void log(LogEvent event) {
    switch (event.getLevel()) {
      case LIFECYCLE, PROGRESS, WARN, ERROR -> progress.accept(event.getMessage().strip());
      default -> {
        // INFO and DEBUG: Jib's internals, nothing a user acts on.
      }
    }
  }

  private static ImageReference reference(String name) throws ImageException {
    try {
      return ImageReference.parse(name);
    } catch (InvalidImageReferenceException e) {
      throw new ImageException(
          Diagnostic.error(ImageMessage.IMAGE_JAVA_BAD_REFERENCE, null, name, cause(e)), e);
    }
  }

  /**
   * The diagnostic of a build Jib gave up on: the base image could not be pulled, or the registry
   * refused the image. Jib reports both as registry errors (or I/O errors when a registry does not
   * answer); what it was doing shows in what the error names: the base image's repository and a
   * pull, or the target's and a push.
   */
  static ImageException failure(ImageRequest request, String base, Throwable thrown) {
    Throwable e = thrown;
    while (e instanceof ExecutionException && e.getCause() != null) {
      e = e.getCause();
    }
    String text = cause(e);
    if (concernsBase(request, base, e, text)) {
      return new ImageException(
          Diagnostic.error(ImageMessage.IMAGE_JAVA_BASE_UNAVAILABLE, null, base, text), thrown);
    }
    if (e instanceof RegistryException || e instanceof IOException) {
      return new ImageException(
          Diagnostic.error(
              ImageMessage.IMAGE_REGISTRY_REFUSED,
              null,
              request.registry().registry(),
              request.reference(),
              text),
          thrown);
    }
    return new ImageException(
        Diagnostic.error(ImageMessage.IMAGE_JAVA_BUILD_FAILED, null, request.project(), text),
        thrown);
  }

  private static boolean concernsBase(ImageRequest request, String base, Throwable e, String text) {
    ImageReference baseReference;
    try {
      baseReference = ImageReference.parse(base);
    } catch (InvalidImageReferenceException invalid) {
      return false;
    }
    String baseRepository = baseReference.getRegistry() + "/" + baseReference.getRepository();
    if (e instanceof RegistryUnauthorizedException unauthorized) {
      return unauthorized.getImageReference().equals(baseRepository);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("push")) {
      return false;
    }
    if (lower.contains("pull") || text.contains(baseRepository)) {
      return true;
    }
    // A registry that does not answer: the base's when only the base is there.
    return !baseReference.getRegistry().equals(request.registry().registry())
        && text.contains(baseReference.getRegistry());
  }

  /**
   * One line for a message: the exception's own text without Jib's advice to file a bug, the cause
   * chain's first message when it has none.
   */
  static String cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        int advice = line.indexOf(" | If this is a bug");
        return advice < 0 ? line : line.substring(0, advice);
      }
    }
    return e.getClass().getName();
  }
}
