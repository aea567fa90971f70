package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.generate.ecs.TransferScripts;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * A cloud-shaped run's store, {@code esteira run --store s3://BUCKET}: the run's data goes only
 * through {@code s3://BUCKET/<project>/<env>/<run id>/}, the layout a state machine execution has
 * in AWS (with the run id where AWS has the execution name). Java steps' launchers reach it with
 * esteira-s3 from the project's class path, as in their image; command steps' data is moved by the
 * transfer containers' own scripts ({@link TransferScripts}) with the AWS CLI ({@link
 * TransferLauncher}). Credentials, region and endpoint come from the usual AWS variables of the
 * runner's environment, which every step and script inherits ({@code AWS_ENDPOINT_URL} is read by
 * both the AWS SDK for Java and the AWS CLI:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 *
 * <p>This class checks the option before the run starts, so a mistake costs nothing.
 */
final class S3RunStore {

  /**
   * A general purpose bucket's name (lower-case letters, digits, dots and hyphens, 3 to 63
   * characters, starting and ending with a letter or digit:
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
   */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** The class esteira-s3 registers as the {@code s3} store provider. */
  static final String PROVIDER_CLASS = "io/esteira/runtime/s3/S3StoreProvider.class";

  private final String bucket;

  private S3RunStore(String bucket) {
    this.bucket = bucket;
  }

  /** The bucket of {@code s3://BUCKET} (one trailing {@code /} allowed), or empty. */
  static Optional<S3RunStore> parse(String store) {
    String prefix = "s3://";
    if (!store.startsWith(prefix)) {
      return Optional.empty();
    }
    String bucket = store.substring(prefix.length());
    if (bucket.endsWith("/")) {
      bucket = bucket.substring(0, bucket.length() - 1);
    }
    return BUCKET.matcher(bucket).matches()
        ? Optional.of(new S3RunStore(bucket))
        : Optional.empty();
  }

  /** The run's store root, {@code s3://<bucket>/<project>/<env>/<run id>/}. */
  URI root(PipelineModel model, String runId) {
    return URI.create(
        "s3://" + bucket + "/" + model.project() + "/" + model.environment() + "/" + runId + "/");
  }

  /**
   * What stops a run with {@code --store s3://...} before it starts: a store that is not {@code
   * s3://BUCKET}; the options that cannot be cloud-shaped; Java steps whose class path lacks
   * esteira-s3; command steps that hand data over with no {@code aws} on {@code PATH}.
   *
   * @param stubbed steps that run a stub in this JVM instead of their own code
   */
  static void check(
      PipelineModel model,
      RunOptions options,
      Map<String, RunSelection.Choice> choices,
      Set<String> stubbed,
      List<Diagnostic> problems) {
    if (options.store().isEmpty()) {
      return;
    }
    String store = options.store().get();
    if (parse(store).isEmpty()) {
      problems.add(Diagnostic.error(EngineMessage.RUN_STORE_NOT_S3, null, store));
      return;
    }
    if (options.javaSteps() == RunOptions.JavaStepMode.IN_PROCESS) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_STORE_S3_CONFLICT,
              null,
              "--in-process",
              "Java steps in this JVM would need the AWS SDK on the command line's own class"
                  + " path; run them in child JVMs (leave --in-process out)"));
    }
    if (options.resumeRunId().isPresent()) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_STORE_S3_CONFLICT,
              null,
              "--resume",
              "the earlier run's outputs would have to be copied within the bucket; resume"
                  + " without --store, or run the whole pipeline again with it"));
    }
    if (options.sharedWorkDir()) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_STORE_S3_CONFLICT,
              null,
              "--shared-work-dir",
              "a cloud-shaped run gives every attempt its own empty work directory, as AWS does;"
                  + " leave --shared-work-dir out"));
    }
    List<StepModel> running =
        model.steps().stream()
            .filter(s -> choices.get(s.id()).runs() && !stubbed.contains(s.id()))
            .toList();
    boolean java = running.stream().anyMatch(s -> s.action() instanceof StepAction.JavaMethod);
    if (java
        && options.javaSteps() == RunOptions.JavaStepMode.CHILD_JVM
        && !options.classpath().isEmpty()
        && !hasProvider(options.classpath())) {
      problems.add(
          Diagnostic.error(EngineMessage.RUN_STORE_NEEDS_S3_JAR, null, model.project(), store));
    }
    Optional<StepModel> moving =
        running.stream()
            .filter(s -> s.action() instanceof StepAction.Command && s.handsDataOver())
            .findFirst();
    if (moving.isPresent() && onPath("aws", options.hostEnvironment().get("PATH")).isEmpty()) {
      problems.add(
          Diagnostic.error(EngineMessage.RUN_STORE_NEEDS_AWS_CLI, null, moving.get().id(), store));
    }
  }

  /** Whether a class path entry (a directory or a jar) holds esteira-s3's store provider. */
  static boolean hasProvider(List<Path> classpath) {
    for (Path entry : classpath) {
      if (Files.isDirectory(entry)) {
        if (Files.isRegularFile(entry.resolve(PROVIDER_CLASS))) {
          return true;
        }
      } else if (Files.isRegularFile(entry)) {
        try (ZipFile jar = new ZipFile(entry.toFile())) {
          if (jar.getEntry(PROVIDER_CLASS) != null) {
            return true;
          }
        } catch (IOException e) {
          // Not a jar: it holds no provider.
        }
      }
    }
    return false;
  }

  /** The executable {@code program} in a directory of {@code path}, or empty. */
  static Optional<Path> onPath(String program, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
