package io.esteira.local;

import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import io.esteira.core.model.TestModels.StepBuilder;
import java.util.Arrays;
import java.util.List;

/** Steps that hand data over, built from the test models' step builders. */
final class DataSteps {

  private DataSteps() {}

  /**
   * The step with these outputs and inputs ({@code step/name}), as {@code outputs:} and {@code
   * inputs:} in config.yaml declare them.
   */
  static StepModel data(StepBuilder builder, List<String> outputs, String... inputs) {
    StepModel step = builder.build();
    List<StepInput> declared =
        Arrays.stream(inputs)
            .map(
                i -> new StepInput(i.substring(0, i.indexOf('/')), i.substring(i.indexOf('/') + 1)))
            .toList();
    return new StepModel(
        step.id(),
        step.name(),
        step.action(),
        step.resources(),
        step.timeoutSeconds(),
        step.retry(),
        step.infraRetry(),
        step.dependsOn(),
        declared,
        outputs);
  }
}
