package io.esteira;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running step knows about itself. A {@code @Step} method may take one parameter of this
 * type; the launcher in the container and the local runner pass it.
 */
public interface StepContext {

  /** The project name ({@code project_name}). */
  String project();

  /** The environment being run: {@code dev}, {@code prd}, ... (the task's {@code ENV}). */
  String environment();

  /** The id of the running step. */
  String stepId();

  /** The Step Functions execution id, or the local run id. */
  String executionId();

  /** The attempt of this step, 1 for the first. */
  int attempt();

  /** A directory the step may write to, kept for the duration of the attempt. */
  Path workDir();

  /** An environment variable the task received, such as {@code MLFLOW_TRACKING_URI}. */
  Optional<String> env(String name);

  /** The step's logger; its output goes to the step's log. */
  System.Logger logger();
}
