package io.esteira.maven;

import io.esteira.core.project.BuildInputs;
import io.esteira.core.project.BuiltProject;
import io.esteira.runtime.StepIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether the artifacts in a class output directory were written from the {@code config.yaml} the
 * next build reads: each project's {@code META-INF/esteira/<project>/inputs.json} (written by the
 * annotation processor) compared with the file as it is now, by its hash.
 */
final class BuiltState {

  /** What is wrong with the artifacts. */
  enum Kind {
    /** config.yaml differs from the one the artifacts were written from. */
    CHANGED,
    /** Artifacts without the record: an older processor wrote them. */
    UNRECORDED,
    /** A record that is not one. */
    UNREADABLE,
    /** Compiled classes, a {@code @Pipeline} in the sources, and no artifacts at all. */
    MISSING
  }

  /**
   * One reason the artifacts are stale.
   *
   * @param kind what is wrong
   * @param where the file or directory concerned
   * @param detail why, in words
   * @param project the project concerned, or empty for the whole module
   * @param pipelineClass the class file of the project's {@code @Pipeline} class, when known
   */
  record Finding(
      Kind kind,
      Path where,
      String detail,
      Optional<String> project,
      Optional<Path> pipelineClass) {}

  /** {@code @io.esteira.Pipeline}, in code without comments and literals. */
  private static final Pattern QUALIFIED =
      Pattern.compile("@\\s*io\\s*\\.\\s*esteira\\s*\\.\\s*Pipeline\\b");

  /** {@code @Pipeline}, in code without comments and literals. */
  private static final Pattern SIMPLE = Pattern.compile("@\\s*Pipeline\\b");

  /** An import that makes {@code Pipeline} io.esteira's. */
  private static final Pattern IMPORT =
      Pattern.compile("\\bimport\\s+io\\s*\\.\\s*esteira\\s*\\.\\s*(Pipeline|\\*)\\s*;");

  /** An import of another library's {@code Pipeline}, which wins over {@code io.esteira.*}. */
  private static final Pattern OTHER_IMPORT =
      Pattern.compile("\\bimport\\s+(?!io\\s*\\.\\s*esteira\\s*\\.)[\\w.\\s]+\\.\\s*Pipeline\\s*;");

  private BuiltState() {}

  /**
   * Every reason the artifacts in {@code classes} do not match the sources and {@code config.yaml}
   * now; empty when they do, or when nothing is compiled yet (the compiler then runs anyway).
   *
   * @param option the config file named with {@code -Aesteira.config}, if any
   * @param sourceRoots where to look for a {@code @Pipeline} class when there are no artifacts
   */
  static List<Finding> check(Path classes, Optional<Path> option, List<Path> sourceRoots)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    Path root = classes.resolve(BuiltProject.ARTIFACT_ROOT);
    List<Path> projects = List.of();
    if (Files.isDirectory(root)) {
      try (Stream<Path> children = Files.list(root)) {
        projects = children.filter(Files::isDirectory).sorted().toList();
      }
    }
    for (Path dir : projects) {
      String name = dir.getFileName().toString();
      Optional<Path> pipelineClass = pipelineClass(classes, name);
      Path record = dir.resolve(BuildInputs.FILE);
      if (!Files.isRegularFile(record)) {
        findings.add(
            new Finding(
                Kind.UNRECORDED,
                dir,
                dir + " has no " + BuildInputs.FILE,
                Optional.of(name),
                pipelineClass));
        continue;
      }
      BuildInputs inputs;
      try {
        inputs = BuildInputs.parse(Files.readString(record, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        findings.add(
            new Finding(Kind.UNREADABLE, record, e.getMessage(), Optional.of(name), pipelineClass));
        continue;
      }
      Optional<String> stale = inputs.staleBecause(classes, option);
      if (stale.isPresent()) {
        findings.add(new Finding(Kind.CHANGED, dir, stale.get(), Optional.of(name), pipelineClass));
      }
    }
    if (projects.isEmpty() && hasClasses(classes)) {
      Optional<Path> declaring = declaringPipeline(sourceRoots);
      if (declaring.isPresent()) {
        findings.add(
            new Finding(
                Kind.MISSING,
                declaring.get(),
                declaring.get() + " declares a @Pipeline class and " + root + " holds no artifacts",
                Optional.empty(),
                Optional.empty()));
      }
    }
    return List.copyOf(findings);
  }

  /** The class file of the project's pipeline class, from its step index. */
  private static Optional<Path> pipelineClass(Path classes, String project) throws IOException {
    Path index = classes.resolve(StepIndex.resource(project));
    if (!Files.isRegularFile(index)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
      if (line.startsWith("class\t")) {
        String binary = line.substring("class\t".length()).strip();
        return Optional.of(classes.resolve(binary.replace('.', '/') + ".class"));
      }
    }
    return Optional.empty();
  }

  /** Whether the compiler has written any class: else it compiles everything anyway. */
  static boolean hasClasses(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".class"));
    }
  }

  /**
   * The first source file, by path, that declares a {@code @Pipeline} class: io.esteira's
   * annotation in code, not in a comment ({@code {@code @Pipeline}} in Javadoc) or a string, and
   * not another library's {@code Pipeline}.
   */
  static Optional<Path> declaringPipeline(List<Path> sourceRoots) throws IOException {
    for (Path root : sourceRoots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> sources;
      try (Stream<Path> files = Files.walk(root)) {
        sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        if (declaresPipeline(Files.readString(source, StandardCharsets.UTF_8))) {
          return Optional.of(source);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the Java source {@code text} annotates a class with io.esteira's {@code @Pipeline}. */
  static boolean declaresPipeline(String text) {
    String code = code(text);
    if (QUALIFIED.matcher(code).find()) {
      return true;
    }
    Matcher imported = IMPORT.matcher(code);
    if (!SIMPLE.matcher(code).find() || !imported.find()) {
      return false;
    }
    return imported.group(1).equals("Pipeline") || !OTHER_IMPORT.matcher(code).find();
  }

  /**
   * {@code text} with its comments and the contents of its string, text block and character
   * literals replaced by spaces, so that only code is matched.
   */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        out.append(' ');
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (text.startsWith("\"\"\"", i)) {
        i = skipLiteral(text, i + 3, "\"\"\"");
        out.append(' ');
      } else if (c == '"' || c == '\'') {
        i = skipLiteral(text, i + 1, String.valueOf(c));
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the literal's closing {@code quote}, from {@code i} inside it. */
  private static int skipLiteral(String text, int i, String quote) {
    while (i < text.length()) {
      if (text.charAt(i) == '\\') {
        i += 2;
      } else if (text.startsWith(quote, i)) {
        return i + quote.length();
      } else if (quote.length() == 1 && text.charAt(i) == '\n') {
        // An unclosed literal ends at its line, as javac reports it.
        return i;
      } else {
        i++;
      }
    }
    return text.length();
  }
}
