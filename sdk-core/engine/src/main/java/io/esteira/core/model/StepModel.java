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
 */
public record StepModel(
    String id,
    String name,
    StepAction action,
    Resources resources,
    int timeoutSeconds,
    RetryPolicy retry,
    RetryPolicy infraRetry,
    List<String> dependsOn) {

  public StepModel {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isEmpty() ? id : name;
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(infraRetry, "infraRetry");
    dependsOn = List.copyOf(dependsOn);
  }
}
