package io.esteira.core.generate.asl;

import io.esteira.core.generate.Generated;
import io.esteira.core.model.PipelineModel;

/** Generates the Amazon States Language state machine of a pipeline in one environment. */
public final class AslGenerator {

  private AslGenerator() {}

  /** The state machine definition, with errors when a Step Functions limit would be passed. */
  public static Generated generate(PipelineModel model) {
    throw new UnsupportedOperationException("not yet written");
  }
}
