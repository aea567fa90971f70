package io.esteira.examples.churn;

import io.esteira.core.testing.PipelineJarContract;

/** The churn jar that {@code mvn package} built carries its artifacts and dispatcher. */
class ChurnJarIT extends PipelineJarContract {

  @Override
  protected String project() {
    return "churn";
  }
}
