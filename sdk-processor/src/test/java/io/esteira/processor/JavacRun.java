package io.esteira.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources with the processor into a real directory, as Maven's in-process javac does, so
 * tests can look at the files written and load the classes.
 */
final class JavacRun {

  /**
   * What a compilation gave.
   *
   * @param success whether javac reported no error
   * @param messages the diagnostics, as javac formats them
   */
  record Result(boolean success, List<String> messages) {}

  private JavacRun() {}

  /**
   * Writes {@code sources} (qualified class name to text) under {@code sourceRoot} and compiles
   * them into {@code classOutput} with the test class path.
   */
  static Result compile(
      Path sourceRoot, Path classOutput, Map<String, String> sources, String... options) {
    return compile(sourceRoot, classOutput, sources, List.of(), options);
  }

  /**
   * As {@link #compile(Path, Path, Map, String...)}, with {@code classPath} before the test class
   * path: an incremental compilation puts the class output there, so the classes it does not
   * recompile stay visible.
   */
  static Result compile(
      Path sourceRoot,
      Path classOutput,
      Map<String, String> sources,
      List<Path> classPath,
      String... options) {
    try {
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
        files.add(file);
      }
      Files.createDirectories(classOutput);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm =
          javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> args = new ArrayList<>();
        args.addAll(
            List.of(
                "-d",
                classOutput.toString(),
                "-classpath",
                String.join(
                    java.io.File.pathSeparator,
                    Stream.concat(
                            classPath.stream().map(Path::toString),
                            Stream.of(System.getProperty("java.class.path")))
                        .toList()),
                "-implicit:none"));
        args.addAll(List.of(options));
        JavaCompiler.CompilationTask task =
            javac.getTask(null, fm, diagnostics, args, null, fm.getJavaFileObjectsFromPaths(files));
        task.setProcessors(List.of(new EsteiraProcessor()));
        boolean ok = task.call();
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          messages.add(d.getKind() + ": " + d.getMessage(Locale.ROOT));
        }
        return new Result(ok, messages);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
