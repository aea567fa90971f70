package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Message;
import io.esteira.runtime.RuntimeMessage;
import io.esteira.runtime.StepLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/runtime.md keeps up with the code it documents. */
class RuntimeDocTest {

  private static final Path DOC = Path.of("..", "..", "docs", "runtime.md");
  private static final Path RUNNER_DOC = Path.of("..", "..", "docs", "local-runner.md");

  @Test
  void theRunJsonExampleIsARecordThisVersionReads() throws IOException {
    Matcher json = Pattern.compile("(?s)```json\\n(.*?)```").matcher(Files.readString(RUNNER_DOC));
    assertThat(json.find()).isTrue();

    RunRecord record = RunJson.parse(json.group(1), "the run.json example of docs/local-runner.md");

    assertThat(record.steps()).isNotEmpty();
  }

  @Test
  void everyRunMessageIsDocumentedAndEveryDocumentedCodeExists() throws IOException {
    String doc = Files.readString(DOC);
    List<String> codes =
        Stream.of(RuntimeMessage.values(), EngineMessage.values())
            .flatMap(Arrays::stream)
            .map(Message::code)
            .filter(c -> c.startsWith("ESTEIRA-RUN-"))
            .toList();
    Matcher mentioned = Pattern.compile("ESTEIRA-RUN-[A-Z0-9-]+[A-Z0-9]").matcher(doc);

    assertThat(doc).contains(codes);
    while (mentioned.find()) {
      assertThat(codes).contains(mentioned.group());
    }
  }

  @Test
  void theLaunchersExitCodesAreTheDocumentedOnes() throws IOException {
    assertThat(Files.readString(DOC))
        .contains("| " + StepLauncher.SUCCEEDED + " | the step returned |")
        .contains("| " + StepLauncher.STEP_FAILED + " | the step threw |")
        .contains("| " + StepLauncher.USAGE + " | usage error: the step never ran |");
  }
}
