package io.esteira.local;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run that cannot start: an unknown step in {@code only}/{@code from}, an unknown run to resume,
 * a secret missing from the environment, no class path for Java steps, a runs directory that cannot
 * be written. Thrown by {@link LocalRunner#run} before any step starts and before a run directory
 * is made (or after the one it made is removed again); its message is meant for the user as is (one
 * line per problem, with its code and remedy), without a stack trace.
 */
public final class RunSetupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> problems;

  public RunSetupException(List<Diagnostic> problems) {
    super(problems.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a setup failure needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems found, each with its catalogue entry. */
  public List<Diagnostic> problems() {
    return problems;
  }
}
