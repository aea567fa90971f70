package io.esteira.cli;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks, before a run, that the program each command step starts is on {@code PATH}, so that a
 * missing {@code python} is one clear message rather than a step failing with {@code sh: python:
 * not found} after the steps before it ran.
 *
 * <p>Only a plain program name is checked ({@code python steps/x.py}): a path, a variable
 * assignment, a shell keyword or builtin, or anything with shell syntax in its first word is left
 * to the shell. The origin document's commands say {@code python}, which its Docker image has; some
 * machines have Python 3 only as {@code python3}, and the message then says so.
 */
final class CommandCheck {

  private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_.+-]+");

  /** Shell keywords and builtins, which are never files on PATH. */
  private static final Set<String> SHELL_WORDS =
      Set.of(
          "cd", "echo", "exit", "export", "exec", "eval", "set", "test", "true", "false", "if",
          "for", "while", "until", "case", "time", "command", "printf", "read", "source", ".",
          "sleep", "kill", "trap", "ulimit", "umask", "wait", "return", "shift", "unset");

  private CommandCheck() {}

  /** A diagnostic per command step (just {@code only}, when given) whose program is missing. */
  static List<Diagnostic> missingPrograms(PipelineModel model, Optional<String> only, String path) {
    List<Diagnostic> missing = new ArrayList<>();
    for (StepModel step : model.steps()) {
      if (only.isPresent() && !only.get().equals(step.id())) {
        continue;
      }
      if (!(step.action() instanceof StepAction.Command command)) {
        continue;
      }
      String program = firstWord(command.command());
      if (!PROGRAM.matcher(program).matches() || SHELL_WORDS.contains(program)) {
        continue;
      }
      if (!onPath(program, path)) {
        String hint =
            program.equals("python") && onPath("python3", path)
                ? " (Python 3 is there as python3 only: install your system's python-is-python3"
                    + " package, or link python to python3 in a directory on PATH)"
                : "";
        missing.add(
            Diagnostic.error(CliMessage.LOCAL_COMMAND_NOT_FOUND, null, step.id(), program, hint));
      }
    }
    return missing;
  }

  private static String firstWord(String command) {
    String trimmed = command.strip();
    int end = 0;
    while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
      end++;
    }
    return trimmed.substring(0, end);
  }

  static boolean onPath(String program, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      } catch (InvalidPathException e) {
        // A PATH entry that is not a path names no program.
      }
    }
    return false;
  }
}
