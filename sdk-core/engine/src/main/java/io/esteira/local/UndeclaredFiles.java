package io.esteira.local;

import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hint after a failed attempt that started in an empty work directory: the files upstream steps
 * left in their own work directories without declaring them as outputs. Such a step passed locally
 * while steps shared a directory and fails in AWS, where each task starts empty; the hint says how
 * to hand the file over instead.
 */
final class UndeclaredFiles {

  /** Files a step may leave that are not data for others (local MLflow tracking, no server). */
  private static final Set<String> NOT_DATA = Set.of("mlflow-tracking.jsonl");

  /** How many files of one step, and how many steps, the hint names at most. */
  private static final int MAX_NAMED = 3;

  /** How many entries of one work directory are looked at at most. */
  private static final int MAX_WALKED = 10_000;

  private UndeclaredFiles() {}

  /**
   * The hint for {@code failed}, or empty when no upstream step left an undeclared file.
   *
   * @param upstream each upstream step that ran in this run, in declaration order, with the work
   *     directory of its successful attempt and the names it stored
   * @param cause the failed attempt's cause; files it mentions are named first
   */
  static Optional<String> hint(
      StepModel failed, Map<StepModel, Upstreamed> upstream, String cause) {
    Map<StepModel, List<String>> found = new LinkedHashMap<>();
    for (Map.Entry<StepModel, Upstreamed> entry : upstream.entrySet()) {
      List<String> names = undeclared(entry.getKey(), entry.getValue());
      if (!names.isEmpty()) {
        found.put(entry.getKey(), mentionedFirst(names, cause));
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    // The producers whose files the cause mentions come first.
    List<StepModel> producers = new ArrayList<>(found.keySet());
    producers.sort(Comparator.comparing(p -> mentions(cause, found.get(p).get(0)) ? 0 : 1));
    StringBuilder hint =
        new StringBuilder("step ")
            .append(failed.id())
            .append(" failed; it started in an empty work directory");
    for (StepModel producer : producers.subList(0, Math.min(MAX_NAMED, producers.size()))) {
      List<String> names = found.get(producer);
      List<String> shown = names.subList(0, Math.min(MAX_NAMED, names.size()));
      String list = String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : "");
      boolean one = shown.size() == 1;
      hint.append(". ")
          .append(producer.id())
          .append(" wrote ")
          .append(list)
          .append(" but did not declare ")
          .append(one ? "it as an output" : "them as outputs")
          .append(": ")
          .append(declareOutputs(producer, shown))
          .append(" on ")
          .append(producer.id())
          .append(" and ")
          .append(declareInputs(failed, producer.id(), shown));
    }
    return Optional.of(hint.append(" (docs/step-data.md)").toString());
  }

  /** The work directory of an upstream step's successful attempt and what the step stored. */
  record Upstreamed(Path workDir, Set<String> stored) {}

  private static List<String> undeclared(StepModel producer, Upstreamed ran) {
    Set<String> known = new HashSet<>(producer.outputs());
    known.addAll(ran.stored());
    producer.inputs().stream().map(StepInput::name).forEach(known::add);
    known.addAll(NOT_DATA);
    Path directory = ran.workDir();
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .limit(MAX_WALKED)
          .filter(Files::isRegularFile)
          .map(p -> directory.relativize(p).toString().replace('\\', '/'))
          .filter(name -> !known.contains(name))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static List<String> mentionedFirst(List<String> names, String cause) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(Comparator.comparing(name -> mentions(cause, name) ? 0 : 1));
    return sorted;
  }

  /** Whether the cause names the file (its last segment), as "No such file: x.csv" does. */
  private static boolean mentions(String cause, String name) {
    if (cause == null) {
      return false;
    }
    String file = name.substring(name.lastIndexOf('/') + 1);
    return cause.toLowerCase(Locale.ROOT).contains(file.toLowerCase(Locale.ROOT));
  }

  private static String declareOutputs(StepModel producer, List<String> names) {
    if (producer.action() instanceof StepAction.Command) {
      return "declare `outputs: [" + String.join(", ", names) + "]`";
    }
    return "declare `@Step(outputs = "
        + quoted(names)
        + ")` (or write "
        + (names.size() == 1 ? "it" : "them")
        + " through ctx.output(\""
        + names.get(0)
        + "\"))";
  }

  private static String declareInputs(StepModel reader, String producer, List<String> names) {
    List<String> inputs = names.stream().map(n -> producer + "/" + n).toList();
    if (reader.action() instanceof StepAction.Command) {
      return "`inputs: [" + String.join(", ", inputs) + "]` on " + reader.id();
    }
    return "read "
        + (names.size() == 1 ? "it" : "them")
        + " with ctx.input(\""
        + producer
        + "\", \""
        + names.get(0)
        + "\") in "
        + reader.id()
        + " (declared as `@Step(inputs = "
        + quoted(inputs)
        + ")`)";
  }

  private static String quoted(List<String> values) {
    List<String> q = values.stream().map(v -> "\"" + v + "\"").toList();
    return q.size() == 1 ? q.get(0) : "{" + String.join(", ", q) + "}";
  }
}
