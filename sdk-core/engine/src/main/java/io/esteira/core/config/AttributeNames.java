package io.esteira.core.config;

import io.esteira.diagnostics.Origin;
import java.util.Map;

/**
 * The one mapping between config.yaml keys and the annotation attributes that set the same values,
 * so a message speaks the words of the place the value came from: {@code memoryGb} under a
 * {@code @Step}, {@code memory_gb} in config.yaml. The engine names a code value by the attribute
 * (its {@link Origin.StepAttribute}), and the processor places the message on that attribute.
 */
final class AttributeNames {

  /** A step's config.yaml key (relative to the step) to its {@code @Step} attribute. */
  private static final Map<String, String> STEP =
      Map.of(
          "name", "name",
          "resources.cpu", "cpu",
          "resources.memory_gb", "memoryGb",
          "timeout_seconds", "timeout",
          "retries", "retries",
          "depends_on", "after",
          "inputs", "inputs",
          "outputs", "outputs");

  /** A top-level config.yaml key to its {@code @Pipeline} attribute. */
  private static final Map<String, String> PIPELINE =
      Map.of("project_name", "name", "version", "version", "description", "description");

  private AttributeNames() {}

  /** The {@code @Step} attribute that sets this step key ({@code resources.cpu} is {@code cpu}). */
  static String stepAttribute(String key) {
    String attribute = STEP.get(key);
    if (attribute == null) {
      throw new IllegalArgumentException("no @Step attribute sets " + key);
    }
    return attribute;
  }

  /** The {@code @Pipeline} attribute that sets this top-level key. */
  static String pipelineAttribute(String key) {
    String attribute = PIPELINE.get(key);
    if (attribute == null) {
      throw new IllegalArgumentException("no @Pipeline attribute sets " + key);
    }
    return attribute;
  }

  /** The origin of this step key's value when the {@code @Step} of step {@code id} sets it. */
  static Origin.StepAttribute step(String id, String key) {
    return Origin.step(id, stepAttribute(key));
  }

  /**
   * How a message names a step value that came from {@code at}: {@code @Step(memoryGb)} from an
   * annotation, the key's last part ({@code memory_gb}) from config.yaml, whose position says
   * where.
   */
  static String stepKey(String key, Origin at) {
    if (at instanceof Origin.StepAttribute a && !a.attribute().isEmpty()) {
      return "@Step(" + a.attribute() + ")";
    }
    if (at instanceof Origin.StepAttribute) {
      return "@Step(" + stepAttribute(key) + ")";
    }
    return key.substring(key.lastIndexOf('.') + 1);
  }
}
