package io.esteira.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor against a {@code config.yaml} written for the test. */
final class ProcessorTesting {

  /** The origin's recsys settings without steps: the steps come from the Java class. */
  static final String RECSYS_CONFIG =
      """
      project_name: recsys
      description: "Sistema de recomendação de veículos"
      version: "1.0.0"
      owners:
        tech_owner: "ml-team@rentcars.com"
      schedule:
        cron: "0 3 * * *"
        timeout_seconds: 3600
        retries: 2
      infra:
        compute:
          ec2_type: "t3.xlarge"
          spot: true
      notifications:
        on_failure:
          - "ml-team@rentcars.com"
      """;

  private ProcessorTesting() {}

  static Path writeConfig(Path dir, String yaml) {
    try {
      Path file = dir.resolve("config.yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Compilation compile(Path config, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new EsteiraProcessor())
        .withOptions("-Aesteira.config=" + config)
        .compile(sources);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** A pipeline class {@code demo.Recsys} whose body is {@code members}. */
  static JavaFileObject recsys(String members) {
    return source(
        "demo.Recsys",
        """
        package demo;

        import io.esteira.Pipeline;
        import io.esteira.Step;
        import io.esteira.StepContext;

        @Pipeline(name = "recsys", version = "1.0.0")
        public class Recsys {
        """
            + members
            + "\n}\n");
  }
}
