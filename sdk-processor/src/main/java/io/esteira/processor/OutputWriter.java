package io.esteira.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The one place that writes through the {@link Filer}: artifacts under {@code
 * META-INF/esteira/<project>/} in the class output, dispatcher sources, and the {@code
 * META-INF/services} entry. Text is written as UTF-8 exactly as generated, so the bytes are the
 * same on every build.
 */
final class OutputWriter {

  static final String ARTIFACT_ROOT = "META-INF/esteira/";
  static final String SERVICES = "META-INF/services/io.esteira.runtime.StepDispatcher";

  private final Filer filer;

  OutputWriter(Filer filer) {
    this.filer = filer;
  }

  /** Writes each artifact; the first failure stops and is thrown, naming the file. */
  void writeArtifacts(String project, Map<String, String> files, Element origin)
      throws WriteFailure {
    for (Map.Entry<String, String> file : files.entrySet()) {
      write(ARTIFACT_ROOT + project + "/" + file.getKey(), file.getValue(), List.of(origin));
    }
  }

  void writeSource(JavaFile file, String qualifiedName) throws WriteFailure {
    try {
      file.writeTo(filer);
    } catch (IOException | RuntimeException e) {
      throw new WriteFailure(qualifiedName + ".java", e);
    }
  }

  /** The services file, one dispatcher per line, sorted; written once, in the last round. */
  void writeServices(Collection<String> dispatchers, List<? extends Element> origins)
      throws WriteFailure {
    String text = dispatchers.stream().sorted().map(d -> d + "\n").collect(Collectors.joining());
    write(SERVICES, text, origins);
  }

  private void write(String path, String text, List<? extends Element> origins)
      throws WriteFailure {
    try {
      FileObject file =
          filer.createResource(
              StandardLocation.CLASS_OUTPUT, "", path, origins.toArray(new Element[0]));
      try (OutputStream out = file.openOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      throw new WriteFailure(path, e);
    }
  }

  /** A file the Filer refused; carries its path for the message. */
  static final class WriteFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;

    WriteFailure(String path, Exception cause) {
      super(path + ": " + cause, cause);
      this.path = path;
    }

    String path() {
      return path;
    }

    String reason() {
      Throwable cause = getCause();
      return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
  }
}
