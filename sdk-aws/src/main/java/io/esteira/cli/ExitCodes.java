package io.esteira.cli;

/**
 * The exit codes of every {@code esteira} command, as scripts and CI rely on them. The README lists
 * them too; keep the two in step.
 */
final class ExitCodes {

  private ExitCodes() {}

  /** Everything asked for was done; warnings may have been printed. */
  static final int OK = 0;

  /** The pipeline has errors (printed), or its artifacts could not be written. */
  static final int ERRORS = 1;

  /** The command line is wrong: an unknown option, a missing argument, a path that is not there. */
  static final int USAGE = 2;

  /** Esteira itself failed: a bug to report. */
  static final int INTERNAL = 3;

  // ---- MLflow (esteira models) ----

  /** The MLflow server could not be reached, refused the credentials, or failed. */
  static final int MLFLOW = 4;

  /**
   * {@code esteira plan} printed the plan, but the model gate refuses a model (or has no MLflow
   * server to ask): {@code esteira deploy} would stop with exit code 1 and change nothing.
   */
  static final int GATE_REFUSED = 5;

  /** {@code esteira run} was cancelled (Ctrl-C): 128 + SIGINT, as shells report it. */
  static final int CANCELLED = 130;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:success (warnings may have been printed)";
  static final String ERRORS_LINE =
      "1:the pipeline has errors, or its artifacts could not be written";
  static final String USAGE_LINE =
      "2:wrong usage: unknown option, missing argument, path not found";
  static final String RUN_FAILED_LINE =
      "1:the run failed or timed out (the failed step and its log are named), or the pipeline has"
          + " errors";
  static final String USAGE_RUN_LINE =
      "2:wrong usage: unknown option, environment, step or run id, a project that is not built,"
          + " a missing secret";
  static final String GATE_REFUSED_LINE =
      "5:plan only: the plan was printed, but the model gate refuses a model (deploy would exit 1)";
  static final String CANCELLED_LINE = "130:the run was cancelled (Ctrl-C)";
  static final String INTERNAL_LINE =
      "3:internal error in Esteira (run with --verbose and report it)";
  static final String MLFLOW_LINE =
      "4:the MLflow server could not be reached or is not at that URL, refused the credentials, or"
          + " failed";
}
