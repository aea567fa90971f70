package io.esteira.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile's instructions with the line each starts on, grouped by stage, so a step that
 * buildah names ({@code [2/2] STEP 3/5: RUN make}) is reported at its line. Only what that needs is
 * parsed: comments, blank lines and backslash continuations; a parser directive or a heredoc that
 * changes them may shift a line, so {@link #line} checks the instruction's keyword and gives up
 * rather than point at the wrong line.
 */
final class DockerfileSteps {

  /** One instruction: its keyword in upper case, its text on one line, and its first line. */
  record Instruction(String keyword, String text, int line) {}

  /** {@code [2/3] STEP 4/7: RUN ...}: the stage (when there are several), the step, its text. */
  static final Pattern STEP_LINE =
      Pattern.compile("^(?:\\[(\\d+)/\\d+\\] )?STEP (\\d+)/\\d+: (.*)$");

  private final List<List<Instruction>> stages;

  private DockerfileSteps(List<List<Instruction>> stages) {
    this.stages = stages;
  }

  static DockerfileSteps parse(String dockerfile) {
    List<List<Instruction>> stages = new ArrayList<>();
    String[] lines = dockerfile.split("\\R", -1);
    StringBuilder text = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (text.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (!text.isEmpty() && line.startsWith("#")) {
        continue; // a comment inside a continued instruction is dropped, as Docker does
      }
      if (text.isEmpty()) {
        start = i + 1;
      }
      if (line.endsWith("\\")) {
        text.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      text.append(line);
      add(stages, text.toString().strip(), start);
      text.setLength(0);
    }
    if (!text.isEmpty()) {
      add(stages, text.toString().strip(), start);
    }
    return new DockerfileSteps(stages);
  }

  private static void add(List<List<Instruction>> stages, String text, int line) {
    int space = text.indexOf(' ');
    String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    if (keyword.equals("FROM")) {
      stages.add(new ArrayList<>());
    } else if (stages.isEmpty()) {
      return; // an ARG before the first FROM is no step of any stage
    }
    stages.get(stages.size() - 1).add(new Instruction(keyword, text, line));
  }

  /**
   * The image of a {@code FROM} instruction's text ({@code FROM --platform=linux/amd64 python:3.11
   * AS build} gives {@code python:3.11}), when it is one.
   */
  static Optional<String> fromImage(String instruction) {
    String[] words = instruction.strip().split("\\s+");
    if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
      return Optional.empty();
    }
    for (int i = 1; i < words.length; i++) {
      if (!words[i].startsWith("--")) {
        return Optional.of(words[i]);
      }
    }
    return Optional.empty();
  }

  /**
   * The line of the step that {@code stepLine} (buildah's {@code STEP n/m: ...} line) names, when
   * its keyword is the one found at that place.
   */
  Optional<Integer> line(String stepLine) {
    Matcher m = STEP_LINE.matcher(stepLine);
    if (!m.find()) {
      return Optional.empty();
    }
    int stage = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
    int step = Integer.parseInt(m.group(2));
    if (stage > stages.size() || step > stages.get(stage - 1).size()) {
      return Optional.empty();
    }
    Instruction instruction = stages.get(stage - 1).get(step - 1);
    String keyword = m.group(3).split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return instruction.keyword().equals(keyword)
        ? Optional.of(instruction.line())
        : Optional.empty();
  }
}
