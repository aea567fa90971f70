package io.esteira.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of step data names, checked wherever a name enters at run time (the processor and the
 * config validator check the same rules earlier). A name is a relative file path: segments of
 * {@code [A-Za-z0-9._-]+} separated by {@code /}, no {@code .} or {@code ..} segment, at most
 * {@value #MAX_LENGTH} characters. Why so strict: a name becomes a file under the work directory
 * and a key under the run's store root, so it must never climb out of either, and it must mean the
 * same file on Linux, macOS and in S3.
 */
public final class ItemNames {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 200;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

  private ItemNames() {}

  /**
   * Returns {@code name} when it is a valid output name.
   *
   * @param role what the name is, for the message: {@code output}, {@code input}
   * @throws IllegalArgumentException saying what is wrong and what a name looks like
   */
  public static String checkName(String role, String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(StoreMessage.DATA_BAD_NAME.describe(role, name, problem));
    }
    return name;
  }

  /**
   * Returns {@code step} when it can be a step id in an item key: one segment of a name.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkStep(String step) {
    String problem =
        step == null || step.isEmpty()
            ? "it is empty"
            : !SEGMENT.matcher(step).matches()
                ? "it holds a character other than a letter, a digit, '.', '_' or '-'"
                : step.equals(".") || step.equals("..") ? "it is '" + step + "'" : null;
    if (problem != null) {
      throw new IllegalArgumentException(StoreMessage.DATA_BAD_STEP.describe(step, problem));
    }
    return step;
  }

  /**
   * Splits a declared input {@code <step>/<name>} at its first {@code /} and checks both parts.
   *
   * @return the step and the name
   * @throws IllegalArgumentException when it is not of that form
   */
  public static String[] splitInput(String input) {
    int slash = input.indexOf('/');
    if (slash <= 0 || slash == input.length() - 1) {
      throw new IllegalArgumentException(StoreMessage.DATA_BAD_INPUT.describe(input));
    }
    String step = checkStep(input.substring(0, slash));
    String name = checkName("input", input.substring(slash + 1));
    return new String[] {step, name};
  }

  /** The items of a space-separated list such as {@code ESTEIRA_OUTPUTS}; blank gives none. */
  public static List<String> splitList(String list) {
    List<String> items = new ArrayList<>();
    if (list != null) {
      for (String item : list.strip().split("\\s+")) {
        if (!item.isEmpty()) {
          items.add(item);
        }
      }
    }
    return List.copyOf(items);
  }

  /** What is wrong with {@code name}, or null when it is valid. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "it has " + name.length() + " characters";
    }
    if (name.startsWith("/")) {
      return "it starts with '/'";
    }
    if (name.endsWith("/")) {
      return "it ends with '/'";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return "it has an empty segment ('//')";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "it has a '" + segment + "' segment";
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return "segment '"
            + segment
            + "' holds a character other than a letter, a digit, '.', '_' or '-'";
      }
    }
    return null;
  }
}
