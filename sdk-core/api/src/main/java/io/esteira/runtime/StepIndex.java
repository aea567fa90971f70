package io.esteira.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The step index of one {@code @Pipeline} class: which public method runs each step. The annotation
 * processor writes it to {@code META-INF/esteira/<project>/steps.idx} instead of generating a
 * dispatcher class, because a generated source costs javac a whole extra round; the runtime turns
 * it into a {@link StepDispatcher} of method handles ({@link Dispatchers#find}).
 *
 * <p>The text is UTF-8 lines separated by {@code \n}: the header {@value #HEADER}, then {@code
 * class<TAB><binary name>}, then one {@code step<TAB><id><TAB><method><TAB>context|none} per step
 * in declaration order ({@code context} when the method takes a {@code StepContext}). Step ids and
 * method names never hold a tab or a line break: the processor has checked both.
 *
 * @param project the project the steps belong to
 * @param className the binary name of the pipeline class, as {@link Class#forName} takes it
 * @param steps the steps in declaration order
 */
public record StepIndex(String project, String className, List<Entry> steps) {

  /** The first line of every index; a later format would change the number. */
  public static final String HEADER = "esteira-step-index 1";

  /** The directory of every project's files on the class path. */
  public static final String ROOT = "META-INF/esteira/";

  /** The file name of the index in its project's directory. */
  public static final String FILE_NAME = "steps.idx";

  /**
   * The registry of the pipelines of a class path entry: {@code <project><TAB><binary name>} per
   * line, sorted, so a launcher can list the projects it knows when asked for another.
   */
  public static final String REGISTRY = ROOT + "pipelines.idx";

  public StepIndex {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(className, "className");
    steps = List.copyOf(steps);
  }

  /**
   * One step.
   *
   * @param id the step id
   * @param method the name of the public instance method that runs it
   * @param takesContext whether the method takes the {@code StepContext}
   */
  public record Entry(String id, String method, boolean takesContext) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(method, "method");
    }
  }

  /** Where the index of {@code project} is on the class path. */
  public static String resource(String project) {
    return ROOT + project + "/" + FILE_NAME;
  }

  /** The step ids in declaration order. */
  public List<String> stepIds() {
    return steps.stream().map(Entry::id).toList();
  }

  /** The text of the index, as the class documentation lays it out, ending with a line break. */
  public String render() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("class\t").append(className).append('\n');
    for (Entry step : steps) {
      text.append("step\t")
          .append(step.id())
          .append('\t')
          .append(step.method())
          .append('\t')
          .append(step.takesContext() ? "context" : "none")
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Reads an index written by {@link #render}.
   *
   * @param where the file, for the message when the text is not an index
   * @throws IllegalArgumentException when it is not an index of this format
   */
  public static StepIndex parse(String project, String text, String where) {
    List<String> lines = text.lines().toList();
    if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("class\t")) {
      throw malformed(where, "it does not start with '" + HEADER + "' and a class line");
    }
    String className = lines.get(1).substring("class\t".length());
    List<Entry> steps = new ArrayList<>();
    for (String line : lines.subList(2, lines.size())) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 4
          || !fields[0].equals("step")
          || !(fields[3].equals("context") || fields[3].equals("none"))) {
        throw malformed(
            where, "line '" + line + "' is not step<TAB>id<TAB>method<TAB>context|none");
      }
      steps.add(new Entry(fields[1], fields[2], fields[3].equals("context")));
    }
    return new StepIndex(project, className, steps);
  }

  private static IllegalArgumentException malformed(String where, String why) {
    return new IllegalArgumentException(
        where + " is not an Esteira step index (" + why + "); rebuild the project");
  }
}
