package io.esteira.runtime.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where one run keeps the data its steps hand over: item {@code <step>/<name>} of the run whose
 * root is {@code ESTEIRA_STORE}. In AWS the root is {@code s3://<bucket>/<project>/<env>/<execution
 * name>/}; locally {@code .esteira/runs/<run id>/artifacts/}. The step launcher stores a step's
 * outputs in it when the step succeeds and fetches inputs from it on first use. Not for pipeline
 * code: steps use {@link io.esteira.StepContext#input} and {@link io.esteira.StepContext#output}.
 */
public interface RunStore {

  /**
   * Copies item {@code <step>/<name>} to {@code target}, replacing it.
   *
   * @throws MissingItemException when the run holds no such item
   */
  void fetch(String step, String name, Path target) throws IOException;

  /** Stores the file {@code source} as item {@code <step>/<name>}, replacing any earlier one. */
  void store(String step, String name, Path source) throws IOException;

  /** A printable address of item {@code <step>/<name>}, such as its {@code s3://} URI. */
  String describe(String step, String name);
}
