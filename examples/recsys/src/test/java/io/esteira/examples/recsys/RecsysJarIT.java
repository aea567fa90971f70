package io.esteira.examples.recsys;

import io.esteira.core.testing.PipelineJarContract;

/** The recsys jar that {@code mvn package} built carries its artifacts and dispatcher. */
class RecsysJarIT extends PipelineJarContract {

  @Override
  protected String project() {
    return "recsys";
  }
}
