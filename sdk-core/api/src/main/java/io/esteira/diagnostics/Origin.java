package io.esteira.diagnostics;

import java.util.Objects;

/**
 * Where a diagnostic comes from, as data: a place in a file, or an attribute of an annotation.
 *
 * <p>The engine knows no compiler types, so an annotation value is named by what the code layer
 * handed it (the step id and the attribute); the annotation processor maps such an origin back onto
 * its element, annotation mirror and annotation value, so javac underlines {@code memoryGb = 64}.
 */
public sealed interface Origin
    permits SourcePosition, Origin.StepAttribute, Origin.PipelineAttribute {

  /** An attribute of one {@code @Step} method's annotation. */
  static StepAttribute step(String stepId, String attribute) {
    return new StepAttribute(stepId, attribute, StepAttribute.WHOLE);
  }

  /** An attribute of {@code @Pipeline}. */
  static PipelineAttribute pipeline(String attribute) {
    return new PipelineAttribute(attribute);
  }

  /**
   * An attribute of the {@code @Step} annotation of the step with this id, or the annotation
   * itself.
   *
   * @param stepId the step's id (unique within a pipeline, unlike a method name)
   * @param attribute the attribute's name as written in Java ({@code cpu}, {@code memoryGb}, {@code
   *     timeout}, {@code after}...), or "" for the annotation as a whole
   * @param item the 0-based item of an array attribute ({@code after}), or {@link #WHOLE}
   */
  record StepAttribute(String stepId, String attribute, int item) implements Origin {

    /** The {@link #item} of an origin that names the whole attribute. */
    public static final int WHOLE = -1;

    public StepAttribute {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(attribute, "attribute");
    }

    /** The same attribute narrowed to one item of its array. */
    public StepAttribute item(int index) {
      return new StepAttribute(stepId, attribute, index);
    }

    /** {@code @Step(memoryGb) of step 'train'}, or {@code @Step(after[1]) ...} for an item. */
    @Override
    public String toString() {
      String which = item == WHOLE ? attribute : attribute + "[" + item + "]";
      return "@Step(" + which + ") of step '" + stepId + "'";
    }
  }

  /**
   * An attribute of the {@code @Pipeline} annotation ({@code name}, {@code version}), or the
   * annotation itself when "".
   */
  record PipelineAttribute(String attribute) implements Origin {

    public PipelineAttribute {
      Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    public String toString() {
      return "@Pipeline(" + attribute + ")";
    }
  }
}
