package io.esteira;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as an Esteira batch pipeline; each of its {@link Step} methods is one step.
 *
 * <p><b>Step order.</b> When no step of the pipeline names {@link Step#after()}, the steps run one
 * after another in the order their methods are declared in the class (as the origin {@code
 * config.yaml} runs its steps in list order). As soon as any step names {@code after}, the graph is
 * explicit: a step then waits only for the steps it names, and steps that name nothing start at
 * once, in parallel.
 *
 * <p>Values given here are the lowest layer of configuration: {@code config.yaml} overrides them,
 * and its {@code environments.<env>} section overrides both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Pipeline {

  /**
   * The project name, used in every AWS resource name ({@code ml-cluster-<name>}, {@code
   * <name>-workflow}, IAM role names, ...). Lower-case letters, digits and hyphens, starting with a
   * letter and ending with a letter or digit, at most 32 characters, so that the longest derived
   * names stay within the 64 characters IAM and EventBridge Scheduler allow. Default: {@code
   * project_name} from {@code config.yaml}; one of the two is required.
   */
  String name() default "";

  /** A one-line description shown in generated artifacts. Default: none. */
  String description() default "";

  /**
   * The pipeline version, used in the image tag {@code <project>-<version>}. Default: {@code
   * version} from {@code config.yaml}; one of the two is required.
   */
  String version() default "";
}
