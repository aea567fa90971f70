package io.esteira;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link Pipeline} class as one step. Each step runs as its own ECS task
 * in the cloud and as its own process locally.
 *
 * <p><b>Step order.</b> When no step of the pipeline names {@link #after()}, steps run in the order
 * their methods are declared. Once any step names {@code after}, the graph is explicit: each step
 * waits only for the steps it names.
 *
 * <p>Numeric attributes use {@code -1} (or an empty string) for "not set here": the value then
 * comes from {@code config.yaml}, or from the default named on each attribute.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /**
   * The step id, used in state names, log streams and {@code after}. Lower-case letters, digits and
   * underscores. Default: the method name in snake_case ({@code extractFeatures} is {@code
   * extract_features}).
   */
  String id() default "";

  /** A human-readable name. Default: the id with words capitalised ({@code Extract Features}). */
  String name() default "";

  /**
   * vCPUs reserved for the step's container (1.0 = 1,024 ECS CPU units). Default 1.0; at least
   * 0.125 and at most the vCPUs of the configured instance type.
   */
  double cpu() default -1;

  /**
   * Memory reserved for the step's container, in GiB (1.0 = 1,024 MiB). Default 2.0; must fit the
   * memory the configured instance type registers with ECS, which is somewhat less than its nominal
   * memory.
   */
  double memoryGb() default -1;

  /**
   * Time limit of one attempt, in seconds; the task is stopped when it passes. Default: the
   * pipeline's {@code schedule.timeout_seconds}; at least 60 and at most that pipeline timeout.
   */
  int timeout() default -1;

  /**
   * How many times a failed attempt of the step's own code is retried (0 = never). Default: the
   * pipeline's {@code schedule.retries}; at most 10. Infrastructure failures (no capacity, ECS API
   * errors) are retried separately and do not count here.
   */
  int retries() default -1;

  /**
   * Ids of the steps this step waits for. Default: none. Naming it on any step makes the whole
   * graph explicit (see the class documentation).
   */
  String[] after() default {};

  /**
   * Outputs of upstream steps this step reads, each {@code "<step>/<name>"}, such as {@code
   * "extract_features/features.csv"}. Each is fetched into the step's work directory before {@code
   * StepContext.input} returns it. The step named must be upstream of this one (through {@link
   * #after()} or the declaration order), and, when it declares {@link #outputs()}, list the name
   * there; the annotation processor reports any other input as a compile error. Default: none.
   */
  String[] inputs() default {};

  /**
   * Files this step writes in its work directory and stores when it succeeds, such as {@code
   * "features.csv"}: relative paths of letters, digits, '.', '_' and '-' segments separated by '/'.
   * A declared output that is missing when the step returns fails the attempt. A step that declares
   * none may still store files it asks for with {@code StepContext.output}. Default: none.
   */
  String[] outputs() default {};
}
