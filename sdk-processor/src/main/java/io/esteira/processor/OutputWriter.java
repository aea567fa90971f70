package io.esteira.processor;

import io.esteira.runtime.StepIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The one place that writes through the {@link Filer}: a project's artifacts and step index under
 * {@code META-INF/esteira/<project>/} in the class output, and the registry of the pipelines.
 * Nothing is a source file, so javac has no generated code to parse and compile and no extra round
 * to run. Text is written as UTF-8 exactly as generated, so the bytes are the same on every build.
 */
final class OutputWriter {

  static final String ARTIFACT_ROOT = StepIndex.ROOT;

  private final Filer filer;

  OutputWriter(Filer filer) {
    this.filer = filer;
  }

  /**
   * Writes each artifact, then the step index; the first failure stops and is thrown, naming the
   * file.
   */
  void writeProject(String project, Map<String, String> files, StepIndex index, Element origin)
      throws WriteFailure {
    for (Map.Entry<String, String> file : files.entrySet()) {
      write(ARTIFACT_ROOT + project + "/" + file.getKey(), file.getValue(), List.of(origin));
    }
    write(StepIndex.resource(project), index.render(), List.of(origin));
  }

  /**
   * The registry, written once, in the last round: this compilation's pipelines merged with the
   * lines of the registry already in the class output whose class {@code classExists} finds (given
   * its binary name) and whose project's step index is still there.
   */
  void writeRegistry(PipelineRegistry registry, Predicate<String> classExists) throws WriteFailure {
    String previous = previous(StepIndex.REGISTRY).orElse("");
    String text =
        registry.merge(
            previous,
            (project, type) ->
                classExists.test(type) && previous(StepIndex.resource(project)).isPresent());
    write(StepIndex.REGISTRY, text, registry.origins());
  }

  /** The class output directory, when it is on the file system; null otherwise. */
  Path classOutput() {
    try {
      URI uri = filer.getResource(StandardLocation.CLASS_OUTPUT, "", "esteira-probe").toUri();
      return "file".equals(uri.getScheme()) ? Path.of(uri).getParent() : null;
    } catch (IOException | RuntimeException e) {
      // No class output, or one in memory: the record keeps file names only.
      return null;
    }
  }

  /** The file as an earlier compilation left it in the class output, if it is there. */
  private Optional<String> previous(String path) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path);
      try (InputStream in = file.openInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      // No earlier file, or a class output that cannot be read back (in memory): nothing to keep.
      return Optional.empty();
    }
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
