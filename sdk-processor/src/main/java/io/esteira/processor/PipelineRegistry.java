package io.esteira.processor;

import io.esteira.runtime.StepIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import javax.lang.model.element.Element;

/**
 * The pipelines of the class output, for {@link StepIndex#REGISTRY}: {@code <project><TAB><binary
 * class name>} per line, sorted. The step launcher lists its projects from it.
 *
 * <p>A compiler may compile only some classes of a module (an IDE, Gradle's incremental builds), so
 * the lines of the previous registry in the class output are kept for pipeline classes this
 * compilation did not process, as long as the class and the project's step index are still there;
 * otherwise recompiling one of two pipelines would unregister the other.
 */
final class PipelineRegistry {

  /** project -> binary class name */
  private final TreeMap<String, String> written = new TreeMap<>();

  private final List<Element> origins = new ArrayList<>();

  /** Binary names of every pipeline class this compilation processed, written or not. */
  private final Set<String> processed = new HashSet<>();

  void processed(String className) {
    processed.add(className);
  }

  void written(String project, String className, Element origin) {
    written.put(project, className);
    origins.add(origin);
  }

  boolean isEmpty() {
    return written.isEmpty();
  }

  List<Element> origins() {
    return List.copyOf(origins);
  }

  /**
   * The registry's text: what this compilation wrote, plus the lines of {@code previous} whose
   * class it did not process and that {@code stillThere} (given project and binary class name)
   * keeps.
   */
  String merge(String previous, BiPredicate<String, String> stillThere) {
    Map<String, String> lines = new TreeMap<>();
    for (String line : previous.lines().toList()) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
        continue;
      }
      if (!processed.contains(fields[1])
          && !written.containsKey(fields[0])
          && stillThere.test(fields[0], fields[1])) {
        lines.put(fields[0], fields[1]);
      }
    }
    lines.putAll(written);
    StringBuilder text = new StringBuilder();
    lines.forEach((project, type) -> text.append(project).append('\t').append(type).append('\n'));
    return text.toString();
  }
}
