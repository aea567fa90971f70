package io.esteira.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;

/** What a successful compilation wrote, by path under the output location. */
final class GeneratedOutput {

  private GeneratedOutput() {}

  /** Files under {@code META-INF/} of the class output, by path below it, sorted. */
  static Map<String, String> metaInf(Compilation compilation) {
    return under(compilation, "/CLASS_OUTPUT/META-INF/");
  }

  /** Generated sources, by path below the source output, sorted. */
  static Map<String, String> sources(Compilation compilation) {
    return under(compilation, "/SOURCE_OUTPUT/");
  }

  private static Map<String, String> under(Compilation compilation, String prefix) {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      int at = path.indexOf(prefix);
      if (at >= 0) {
        files.put(path.substring(at + prefix.length()), read(file));
      }
    }
    return files;
  }

  private static String read(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
