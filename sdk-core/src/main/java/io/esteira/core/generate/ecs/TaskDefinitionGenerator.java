package io.esteira.core.generate.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.model.PipelineModel;

/** Generates the body of ECS RegisterTaskDefinition for a pipeline in one environment. */
public final class TaskDefinitionGenerator {

  private TaskDefinitionGenerator() {}

  /** The RegisterTaskDefinition request, as {@code --cli-input-json} takes it. */
  public static ObjectNode generate(PipelineModel model) {
    throw new UnsupportedOperationException("not yet written");
  }
}
