package io.esteira.core.model;

import java.util.Objects;

/**
 * One input a step declares: the output {@code name} of the upstream step {@code step}. It is
 * written {@code <step>/<name>} in {@code config.yaml} and in {@code @Step(inputs)}, and lands at
 * {@code $ESTEIRA_WORK_DIR/<name>} before the step runs.
 *
 * @param step the id of the step that stores the output; it must be upstream of the reader
 * @param name the output's name, a relative path such as {@code features.csv}
 */
public record StepInput(String step, String name) {

  public StepInput {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(name, "name");
  }

  /** The input as it is written: {@code <step>/<name>}. */
  @Override
  public String toString() {
    return step + "/" + name;
  }
}
