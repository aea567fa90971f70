package io.esteira.core.config;

import io.esteira.core.model.StepAction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a {@code @Pipeline} class declares, as the lowest configuration layer. The annotation
 * processor builds this from the annotations; YAML-only projects use {@link #NONE}. Every value is
 * optional: unset means "let config.yaml or the default decide".
 *
 * @param name {@code @Pipeline(name)}
 * @param description {@code @Pipeline(description)}
 * @param version {@code @Pipeline(version)}
 * @param steps the {@code @Step} methods in declaration order
 */
public record CodeDefaults(
    Optional<String> name,
    Optional<String> description,
    Optional<String> version,
    List<CodeStep> steps) {

  /** No code at all: a YAML-only project. */
  public static final CodeDefaults NONE =
      new CodeDefaults(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  public CodeDefaults {
    steps = List.copyOf(steps);
  }

  /**
   * One {@code @Step} method. A diagnostic about one of its values has an {@link
   * io.esteira.diagnostics.Origin.StepAttribute} origin naming the step by its id and the attribute
   * by its Java name, which the processor maps back onto the annotation value.
   *
   * @param id the step id (explicit or derived from the method name)
   * @param name {@code @Step(name)}
   * @param action the method to call
   * @param cpu {@code @Step(cpu)}
   * @param memoryGb {@code @Step(memoryGb)}
   * @param timeoutSeconds {@code @Step(timeout)}
   * @param retries {@code @Step(retries)}
   * @param after {@code @Step(after)}
   * @param inputs {@code @Step(inputs)}, each {@code <step>/<name>} as written
   * @param outputs {@code @Step(outputs)}
   */
  public record CodeStep(
      String id,
      Optional<String> name,
      StepAction.JavaMethod action,
      OptionalDouble cpu,
      OptionalDouble memoryGb,
      OptionalInt timeoutSeconds,
      OptionalInt retries,
      List<String> after,
      List<String> inputs,
      List<String> outputs) {

    public CodeStep {
      after = List.copyOf(after);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }

    /** A step that declares no input or output. */
    public CodeStep(
        String id,
        Optional<String> name,
        StepAction.JavaMethod action,
        OptionalDouble cpu,
        OptionalDouble memoryGb,
        OptionalInt timeoutSeconds,
        OptionalInt retries,
        List<String> after) {
      this(id, name, action, cpu, memoryGb, timeoutSeconds, retries, after, List.of(), List.of());
    }
  }
}
