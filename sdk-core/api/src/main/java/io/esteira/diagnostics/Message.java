package io.esteira.diagnostics;

/**
 * An entry of a message catalogue: everything Esteira tells a user has a stable code and a text
 * that says what is wrong and how to fix it.
 *
 * <p>Each module owns one catalogue, an enum implementing this interface next to the code that
 * reports its messages: {@code io.esteira.runtime.RuntimeMessage} (esteira-api), {@code
 * io.esteira.mlflow.tracking.TrackingMessage} (esteira-mlflow), {@code
 * io.esteira.core.EngineMessage} (esteira-engine), {@code io.esteira.processor.ProcessorMessage}
 * (the annotation processor), and {@code io.esteira.cli.CliMessage} and {@code
 * io.esteira.deploy.messages.DeployMessage} (the command line and the deployer). A test keeps the
 * codes unique across all of them.
 */
public interface Message {

  /** What every code starts with. */
  String PREFIX = "ESTEIRA-";

  /** The stable code, such as {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. */
  String code();

  /** The text with its arguments filled in. */
  String format(Object... args);
}
