package io.esteira.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A module of pipeline sources on disk, laid out as a Maven module ({@code config.yaml} beside
 * {@code src/main/java}), compiled in-process by the JDK's javac as maven-compiler-plugin does it:
 * a new file manager per compilation, sources in, classes and artifacts to {@code target/classes},
 * generated sources to {@code target/generated-sources/annotations}.
 */
final class ModuleCompilation {

  /** The processor's class, named so this class compiles and runs without it for {@code NONE}. */
  static final String PROCESSOR = "io.esteira.processor.EsteiraProcessor";

  /** How annotation processing is set up. */
  enum Processing {
    /** {@code -proc:none}: javac alone. */
    NONE,
    /**
     * {@code -processorpath} and {@code -processor}, as Maven passes {@code
     * annotationProcessorPaths}: javac loads the processor in a new class loader per compilation.
     */
    PATH,
    /**
     * A new processor instance of classes this JVM already loaded (and the JIT compiled): the
     * processor's own work, without loading it.
     */
    LOADED
  }

  private final Path dir;
  private final List<File> sources = new ArrayList<>();
  private final String classPath;

  /** Writes the sources and config.yaml under {@code dir}. */
  ModuleCompilation(Path dir, Map<String, String> javaSources, String configYaml) {
    this.dir = dir;
    this.classPath = System.getProperty("java.class.path");
    try {
      Files.writeString(dir.resolve("config.yaml"), configYaml, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> source : javaSources.entrySet()) {
        Path file = dir.resolve("src/main/java").resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
        sources.add(file.toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What one compilation left.
   *
   * @param errors javac's and the processor's errors, rendered
   * @param warnings how many warnings
   * @param classes class files written
   * @param artifacts files written under {@code META-INF/esteira/}
   */
  record Result(List<String> errors, int warnings, long classes, long artifacts) {}

  Path classes() {
    return dir.resolve("target/classes");
  }

  private Path generatedSources() {
    return dir.resolve("target/generated-sources/annotations");
  }

  /** Deletes the output of the last compilation, so each one starts clean as in a clean build. */
  void clean() {
    Path target = dir.resolve("target");
    try {
      if (Files.exists(target)) {
        try (Stream<Path> paths = Files.walk(target)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(classes());
      Files.createDirectories(generatedSources());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles every source; returns false when javac reports an error. */
  boolean compile(Processing processing, DiagnosticCollector<JavaFileObject> diagnostics) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the benchmark on a JDK");
    }
    List<String> options = new ArrayList<>(baseOptions());
    switch (processing) {
      case NONE -> options.add("-proc:none");
      case PATH -> {
        options.addAll(List.of("-processorpath", classPath, "-processor", PROCESSOR));
        options.add("-Aesteira.config=" + dir.resolve("config.yaml"));
      }
      case LOADED -> options.add("-Aesteira.config=" + dir.resolve("config.yaml"));
    }
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources));
      if (processing == Processing.LOADED) {
        task.setProcessors(List.of(newProcessor()));
      }
      return task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cleans, compiles once and says what came out. */
  Result compileAndCount(Processing processing) {
    clean();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = compile(processing, diagnostics);
    List<String> errors = new ArrayList<>();
    int warnings = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.toString());
      } else if (d.getKind() == Diagnostic.Kind.WARNING
          || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        warnings++;
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add("javac failed without an error message");
    }
    return new Result(
        errors,
        warnings,
        count(classes(), ".class"),
        count(classes().resolve("META-INF/esteira"), ""));
  }

  private List<String> baseOptions() {
    return List.of(
        "--release",
        "17",
        "-g",
        "-parameters",
        "-encoding",
        "UTF-8",
        "-classpath",
        classPath,
        "-d",
        classes().toString(),
        "-s",
        generatedSources().toString());
  }

  static Processor newProcessor() {
    try {
      return (Processor) Class.forName(PROCESSOR).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          PROCESSOR + " is not on the class path; build the benchmarks with the processor", e);
    }
  }

  private static long count(Path root, String suffix) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
