package io.esteira.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.cli.CliMessage;
import io.esteira.core.EngineMessage;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.image.ImageMessage;
import io.esteira.mlflow.tracking.TrackingMessage;
import io.esteira.operate.OperateMessage;
import io.esteira.processor.ProcessorMessage;
import io.esteira.runtime.RuntimeMessage;
import io.esteira.runtime.store.StoreMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's message catalogue together: a code names one message, whichever module reports it,
 * so users and tests can search for it.
 */
class MessageCataloguesTest {

  /**
   * Every catalogue, one per module (sdk-aws has the command line's and the deployer's; esteira-api
   * has the runtime's and, to keep its packages free of cycles, the step data one).
   */
  static final List<Message[]> CATALOGUES =
      List.of(
          RuntimeMessage.values(),
          StoreMessage.values(),
          TrackingMessage.values(),
          EngineMessage.values(),
          ProcessorMessage.values(),
          CliMessage.values(),
          DeployMessage.values(),
          OperateMessage.values(),
          ImageMessage.values());

  private static Stream<Message> all() {
    return CATALOGUES.stream().flatMap(Arrays::stream);
  }

  @Test
  void everyCodeIsUniqueAcrossAllCatalogues() {
    Map<String, List<String>> owners =
        all()
            .collect(
                Collectors.groupingBy(
                    Message::code,
                    Collectors.mapping(
                        m -> m.getClass().getSimpleName() + "." + m, Collectors.toList())));

    assertThat(owners).allSatisfy((code, entries) -> assertThat(entries).as(code).hasSize(1));
    assertThat(owners).hasSizeGreaterThan(100);
  }

  @Test
  void everyCodeHasThePrefixAndAnUpperCaseName() {
    assertThat(all().map(Message::code))
        .allSatisfy(code -> assertThat(code).matches("ESTEIRA-[A-Z]+(-[A-Z0-9]+)+"));
  }

  @Test
  void eachCatalogueKeepsItsOwnCodes() {
    Function<Message[], List<String>> codes =
        catalogue -> Arrays.stream(catalogue).map(Message::code).toList();

    assertThat(codes.apply(ProcessorMessage.values()))
        .allSatisfy(code -> assertThat(code).startsWith("ESTEIRA-PROC-"));
    assertThat(codes.apply(DeployMessage.values()))
        .allSatisfy(code -> assertThat(code).matches("ESTEIRA-(DEPLOY|MLFLOW-GATE)-.*"));
    assertThat(codes.apply(OperateMessage.values()))
        .allSatisfy(code -> assertThat(code).startsWith("ESTEIRA-OPS-"));
    assertThat(codes.apply(RuntimeMessage.values()))
        .allSatisfy(code -> assertThat(code).matches("ESTEIRA-(RUN|MLFLOW)-.*"));
    assertThat(codes.apply(StoreMessage.values()))
        .allSatisfy(code -> assertThat(code).startsWith("ESTEIRA-DATA-"));
  }
}
