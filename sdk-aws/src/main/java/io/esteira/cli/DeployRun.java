package io.esteira.cli;

import io.esteira.deploy.DeployListener;
import io.esteira.deploy.DeployOutcome;
import io.esteira.deploy.DeployService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code plan} and {@code deploy} share around the {@link DeployService}: the request built
 * from the options, and the exit code of the outcome.
 */
final class DeployRun {

  private DeployRun() {}

  static DeployOutcome run(DeployOptions o, DeployListener listener, boolean apply)
      throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    DeployService.Projects projects = o.project.projects(cwd);
    DeployService.Request request =
        new DeployService.Request(
            cwd.resolve(o.project.target.platform),
            o.project.target.environment,
            projects,
            o.images,
            Optional.ofNullable(o.commit),
            !o.noImageCheck,
            o.parallelism,
            Optional.ofNullable(o.project.target.region),
            Optional.ofNullable(o.project.target.endpoint),
            o.allowAnyBranch,
            apply,
            MlflowOptions.environment,
            p -> ProjectInputs.display(cwd, p),
            o.prune);
    return new DeployService(listener).run(request);
  }

  /** The exit code of an outcome; a deploy the model gate refuses exits 1, a plan 5. */
  static int exitCode(DeployOutcome.Status status) {
    return switch (status) {
      case DONE -> ExitCodes.OK;
      case FAILED -> ExitCodes.ERRORS;
      case USAGE -> ExitCodes.USAGE;
      case MLFLOW_UNAVAILABLE -> ExitCodes.MLFLOW;
      case GATE_REFUSED -> ExitCodes.GATE_REFUSED;
    };
  }
}
