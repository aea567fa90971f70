package io.esteira.core.generate.asl;

/**
 * Names of the states Esteira generates. A step's state is named by the step id ({@code
 * [a-z][a-z0-9_]*}); every other state's name contains a space and starts with a capital letter, so
 * none can clash with a step id.
 */
final class StateNames {

  /** Step Functions' limit on the length of a state name. */
  static final int MAX_LENGTH = 80;

  /** The first state: assigns the parameters every step shares. */
  static final String SETTINGS = "Pipeline settings";

  /** Publishes the failure message. */
  static final String NOTIFY_FAILURE = "Notify failure";

  /**
   * Says in the cause that the failure notice could not be sent, so that the execution-level
   * notice, which skips what the state machine reported itself, reports this execution.
   */
  static final String NOTICE_NOT_SENT = "Notice not sent";

  /** Ends a failed execution. */
  static final String PIPELINE_FAILED = "Pipeline failed";

  /** Publishes the success message. */
  static final String NOTIFY_SUCCESS = "Notify success";

  /** Ends a successful execution. */
  static final String PIPELINE_SUCCEEDED = "Pipeline succeeded";

  /** Records which top-level step failed and why, then goes to the failure notification. */
  static final String STEP_FAILED = "Step failed";

  /** Reads which step failed in a parallel branch out of the error the branch failed with. */
  static final String BRANCH_FAILED = "Branch failed";

  /** Gives a failure from a parallel branch back the failed step's own error name. */
  static final String BRANCH_STEP_FAILED = "Branch step failed";

  private static final String FAILED_SUFFIX = " failed";

  private StateNames() {}

  /** The longest step id: a step's only state is named by it. */
  static int maxStepIdLength() {
    return MAX_LENGTH;
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
