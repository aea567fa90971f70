package io.esteira.diagnostics;

import java.util.Locale;

/**
 * An entry of a message catalogue: everything Esteira tells a user has a stable code and a text
 * that says what is wrong and how to fix it.
 *
 * <p>Each module owns one catalogue, an enum implementing this interface next to the code that
 * reports its messages: {@code io.esteira.runtime.RuntimeMessage} and, for step data, {@code
 * io.esteira.runtime.store.StoreMessage} (esteira-api; two so its packages have no cycle), {@code
 * io.esteira.mlflow.tracking.TrackingMessage} (esteira-mlflow), {@code
 * io.esteira.core.EngineMessage} (esteira-engine), {@code io.esteira.processor.ProcessorMessage}
 * (the annotation processor), and {@code io.esteira.cli.CliMessage} and {@code
 * io.esteira.deploy.messages.DeployMessage} (the command line and the deployer), {@code
 * io.esteira.operate.OperateMessage} (operating deployed pipelines), and {@code
 * io.esteira.image.ImageMessage} (image building), and {@code io.esteira.maven.MavenMessage} (the
 * Maven plugin, codes {@code ESTEIRA-MAVEN-*}). A test keeps the codes unique across all of them
 * but the plugin's, which no other catalogue's prefix can reach.
 *
 * <p>An entry's code is its constant's name with hyphens, after {@value #PREFIX}: {@code
 * CONFIG_UNKNOWN_KEY} is {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. Users and tests refer to codes, so a
 * constant is never renamed or reused.
 */
public interface Message {

  /** What every code starts with. */
  String PREFIX = "ESTEIRA-";

  /** The catalogue constant's name; an enum provides it. */
  String name();

  /** The text, with {@link String#format} placeholders for the arguments. */
  String template();

  /** The stable code, such as {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. */
  default String code() {
    return PREFIX + name().replace('_', '-');
  }

  /** The text with its arguments filled in. */
  default String format(Object... args) {
    return String.format(Locale.ROOT, template(), args);
  }
}
