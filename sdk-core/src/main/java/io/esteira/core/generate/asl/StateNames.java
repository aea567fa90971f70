package io.esteira.core.generate.asl;

/**
 * Names of the states Esteira generates. A step's state is named by the step id ({@code
 * [a-z][a-z0-9_]*}); every other state's name contains a space, so none can clash with a step id.
 * Names of states added for a step start with the step id and a space; the fixed names start with a
 * capital letter, so these cannot clash with each other either.
 */
final class StateNames {

  /** Step Functions' limit on the length of a state name. */
  static final int MAX_LENGTH = 80;

  /** Publishes the failure message. */
  static final String NOTIFY_FAILURE = "Notify failure";

  /** Ends a failed execution. */
  static final String PIPELINE_FAILED = "Pipeline failed";

  /** Publishes the success message. */
  static final String NOTIFY_SUCCESS = "Notify success";

  /** Ends a successful execution. */
  static final String PIPELINE_SUCCEEDED = "Pipeline succeeded";

  private static final String FAILED_SUFFIX = " failed";

  private StateNames() {}

  /** The state that records which step failed: {@code "<step id> failed"}. */
  static String stepFailed(String stepId) {
    return stepId + FAILED_SUFFIX;
  }

  /** The longest step id whose added states still fit {@link #MAX_LENGTH}. */
  static int maxStepIdLength() {
    return MAX_LENGTH - FAILED_SUFFIX.length();
  }

  /** The {@code number}th parallel state (1-based, in the order the machine is written). */
  static String parallel(int number) {
    return "Parallel " + number;
  }

  /** The state that ends branch {@code branch} (1-based) of a parallel state with its failure. */
  static String branchFailed(String parallel, int branch) {
    return parallel + " branch " + branch + FAILED_SUFFIX;
  }

  /**
   * Whether a state name has only characters that are safe everywhere a state name appears
   * (console, logs, metrics, IAM conditions): ASCII letters, digits, space, underscore, hyphen.
   */
  static boolean hasSafeCharacters(String name) {
    if (name.isEmpty() || name.isBlank()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == ' '
              || c == '_'
              || c == '-';
      if (!safe) {
        return false;
      }
    }
    return true;
  }
}
