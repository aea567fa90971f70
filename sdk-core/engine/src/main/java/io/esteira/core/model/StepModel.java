package io.esteira.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One step of a resolved pipeline.
 *
 * @param id the step id: lower-case letters, digits and underscores
 * @param name a human-readable name
 * @param action what the step runs: a Java method or a shell command
 * @param resources vCPUs and memory reserved for its container
 * @param timeoutSeconds time limit of one attempt
 * @param retry how failures of the step's own code are retried
 * @param infraRetry how infrastructure failures (ECS API errors, no capacity) are retried
 * @param dependsOn ids of the steps this one waits for, after the ordering rule is applied (so a
 *     pipeline with no explicit dependencies has each step depend on the one declared before it)
 * @param inputs the outputs of upstream steps this step reads, fetched into its work directory
 *     before it runs (see docs/step-data.md)
 * @param outputs the names of the files this step writes in its work directory and stores when an
 *     attempt succeeds
 */
public record StepModel(
    String id,
    String name,
    StepAction action,
    Resources resources,
    int timeoutSeconds,
    RetryPolicy retry,
    RetryPolicy infraRetry,
    List<String> dependsOn,
    List<StepInput> inputs,
    List<String> outputs) {

  public StepModel {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isEmpty() ? id : name;
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(infraRetry, "infraRetry");
    dependsOn = List.copyOf(dependsOn);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A step that hands no data over. */
  public StepModel(
      String id,
      String name,
      StepAction action,
      Resources resources,
      int timeoutSeconds,
      RetryPolicy retry,
      RetryPolicy infraRetry,
      List<String> dependsOn) {
    this(
        id,
        name,
        action,
        resources,
        timeoutSeconds,
        retry,
        infraRetry,
        dependsOn,
        List.of(),
        List.of());
  }

  /** Whether the step declares any input or output. */
  public boolean handsDataOver() {
    return !inputs.isEmpty() || !outputs.isEmpty();
  }
}
