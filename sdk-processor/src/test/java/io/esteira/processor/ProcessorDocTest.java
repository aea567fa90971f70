package io.esteira.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.runtime.StepIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/processor.md keeps up with the processor's codes and options. */
class ProcessorDocTest {

  private static final Path DOC = Path.of("..", "docs", "processor.md");

  @Test
  void everyProcessorCodeAndOptionIsDocumented() throws IOException {
    List<String> codes =
        Arrays.stream(ProcessorMessage.values())
            .map(ProcessorMessage::code)
            .filter(code -> code.startsWith("ESTEIRA-PROC-"))
            .map(code -> code.substring("ESTEIRA-".length()))
            .toList();

    assertThat(codes).hasSizeGreaterThan(10);
    assertThat(Files.readString(DOC))
        .contains(codes)
        .contains("-A" + ConfigLocator.OPTION + "=")
        .contains("-A" + EsteiraProcessor.VERBOSE)
        .contains(StepIndex.FILE_NAME)
        .contains(StepIndex.REGISTRY);
  }
}
