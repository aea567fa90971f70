package io.esteira.core.model;

import java.util.Objects;

/** What a step runs: a method of a Java pipeline class, or a shell command of a YAML project. */
public sealed interface StepAction {

  /**
   * A public method of a {@code @Pipeline} class, called through its step index (the step
   * launcher).
   *
   * @param className the binary name of the pipeline class
   * @param methodName the method name
   * @param takesContext whether the method takes the step context parameter
   */
  record JavaMethod(String className, String methodName, boolean takesContext)
      implements StepAction {
    public JavaMethod {
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(methodName, "methodName");
    }
  }

  /**
   * A shell command run in the project directory, such as {@code python steps/extract_features.py}.
   *
   * @param command the command line, run by {@code sh -c}
   */
  record Command(String command) implements StepAction {
    public Command {
      Objects.requireNonNull(command, "command");
    }
  }
}
