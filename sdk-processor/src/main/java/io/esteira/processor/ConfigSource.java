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
 * reference, as if the file were empty; otherwise that is an error saying where the processor
 * looked.
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
    List<String> missing = new ArrayList<>();
    if (code.name().isEmpty()) {
      missing.add("name");
    }
    if (code.version().isEmpty()) {
      missing.add("version");
    }
    if (!missing.isEmpty()) {
      return new Loaded(
          Optional.empty(),
          List.of(
              Diagnostic.error(
                  ProcessorMessage.PROC_NO_CONFIG,
                  null,
                  located.describeSearch(),
                  String.join(" and ", missing))));
    }
    return ConfigLoader.parse(ConfigLocator.FILE_NAME, "");
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
