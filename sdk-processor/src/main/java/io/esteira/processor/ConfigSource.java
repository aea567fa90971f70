package io.esteira.processor;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.CodeDefaults;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.config.Loaded;
import io.esteira.core.project.BuildInputs;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Message;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code config.yaml} every pipeline of the compilation resolves against, read once. Without a
 * file, a pipeline whose {@code @Pipeline} sets both name and version gets every default of the
 * reference, as if the file were empty, with a warning that says where the processor looked (and
 * where a misplaced file is), unless {@code -Aesteira.config=none} says so on purpose; otherwise
 * that is an error saying where the processor looked.
 */
final class ConfigSource {

  private final ConfigLocator.Located located;
  private final Function<Path, Loaded> reader;
  private Loaded loaded;
  private String inputs;

  ConfigSource(ConfigLocator.Located located, Function<Path, Loaded> reader) {
    this.located = located;
    this.reader = reader;
  }

  /**
   * The configuration for this code layer; when there is no file and the code lacks name or
   * version, a loaded result holding only {@link Message#PROC_NO_CONFIG}.
   */
  Loaded forCode(CodeDefaults code) {
    if (located.unusable().isPresent()) {
      String option = located.unusable().get();
      return new Loaded(
          Optional.empty(),
          List.of(
              Diagnostic.error(
                  EngineMessage.YAML_UNREADABLE,
                  SourcePosition.file(option),
                  "-A" + ConfigLocator.OPTION + " is not a path on this system")));
    }
    if (located.file().isPresent()) {
      if (loaded == null) {
        loaded = reader.apply(located.file().get());
      }
      return loaded;
    }
    List<String> missing = missing(code);
    if (!missing.isEmpty()) {
      String why =
          located.none()
              ? "-A" + ConfigLocator.OPTION + "=" + ConfigLocator.NONE + " says there is none"
              : "looked in " + located.describeSearch();
      return new Loaded(
          Optional.empty(),
          List.of(
              Diagnostic.error(
                  ProcessorMessage.PROC_NO_CONFIG, null, why, String.join(" and ", missing))));
    }
    return ConfigLoader.parse(ConfigLocator.FILE_NAME, "");
  }

  /**
   * What the search has to tell this pipeline besides {@link #forCode}'s problems: each file that
   * looks like its config.yaml but is not read, and, when there is none at all and the annotations
   * are complete, that it is built from defaults. Never silent, unless {@code
   * -Aesteira.config=none} says there is no file on purpose.
   */
  List<Diagnostic> searchProblems(CodeDefaults code) {
    if (located.none() || located.unusable().isPresent()) {
      return List.of();
    }
    List<Diagnostic> problems = new ArrayList<>();
    String expected =
        located.file().or(located::expected).map(Path::toString).orElse("the module directory");
    String target =
        located.file().isPresent()
            ? expected
            : located
                .expected()
                .map(dir -> dir.resolve(ConfigLocator.FILE_NAME).toString())
                .orElse(ConfigLocator.FILE_NAME);
    String reads =
        located.file().isPresent()
            ? "reads the file -A"
                + ConfigLocator.OPTION
                + " names, "
                + expected
                + ", which does not exist"
            : "looks for config.yaml only in " + located.describeSearch();
    for (Path file : located.misplaced()) {
      problems.add(
          Diagnostic.warning(
              ProcessorMessage.PROC_CONFIG_MISPLACED, null, file, reads, target, file));
    }
    if (problems.isEmpty() && located.file().isEmpty() && missing(code).isEmpty()) {
      problems.add(
          Diagnostic.warning(
              ProcessorMessage.PROC_CONFIG_NOT_FOUND,
              null,
              located.describeSearch(),
              located.expected().map(Path::toString).orElse("the module directory")));
    }
    return problems;
  }

  private static List<String> missing(CodeDefaults code) {
    List<String> missing = new ArrayList<>();
    if (code.name().isEmpty()) {
      missing.add("name");
    }
    if (code.version().isEmpty()) {
      missing.add("version");
    }
    return missing;
  }

  /**
   * The record of what was read ({@link BuildInputs}), the same for every pipeline of the
   * compilation, with paths relative to {@code classOutput} (null when it is not on the file
   * system).
   */
  String inputs(Path classOutput) throws IOException {
    if (inputs == null) {
      inputs = BuildInputs.of(classOutput, located.file(), located.searched()).render();
    }
    return inputs;
  }
}
