package io.esteira.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.asl.AslValidatorSupport;
import io.esteira.runtime.StepIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the jar of a pipeline module must hold, checked on the jar {@code mvn package} built, opened
 * as a file: every artifact, the step index and the registry naming the project, and state machines
 * that pass asl-validator. An example's {@code *IT} extends it and names its project.
 */
public abstract class PipelineJarContract {

  /** The project whose artifacts the jar carries. */
  protected abstract String project();

  @Test
  void jarHoldsEveryArtifactAndTheStepIndex() throws IOException {
    try (JarFile jar = new JarFile(builtJar().toFile())) {
      for (String file : ClasspathArtifacts.FILES) {
        String name = ClasspathArtifacts.directory(project()) + file;
        assertThat(jar.getJarEntry(name)).as(name + " in " + jar.getName()).isNotNull();
        assertThat(read(jar, name)).as(name).isNotBlank();
      }
      String index = StepIndex.resource(project());
      assertThat(jar.getJarEntry(index)).as(index).isNotNull();
      String className = StepIndex.parse(project(), read(jar, index), index).className();
      assertThat(jar.getJarEntry(className.replace('.', '/') + ".class"))
          .as("the class named in " + index)
          .isNotNull();
      assertThat(read(jar, StepIndex.REGISTRY).lines())
          .as(StepIndex.REGISTRY)
          .contains(project() + "\t" + className);
    }
  }

  @Test
  void stateMachinesInTheJarPassAslValidator() throws IOException {
    Map<String, JsonNode> machines = new LinkedHashMap<>();
    try (JarFile jar = new JarFile(builtJar().toFile())) {
      jar.stream()
          .map(JarEntry::getName)
          .filter(n -> n.startsWith(ClasspathArtifacts.directory(project())))
          .filter(n -> n.endsWith(".asl.json"))
          .sorted()
          .forEach(n -> machines.put(n, ClasspathArtifacts.parse(n, read(jar, n))));
    }
    String dir = ClasspathArtifacts.directory(project());
    assertThat(machines.keySet())
        .containsExactly(dir + "state-machine.dev.asl.json", dir + "state-machine.prd.asl.json");
    AslValidatorSupport.assertValid(machines);
  }

  /** The jar Failsafe was told about, else the one jar in target/ (a run from an IDE). */
  protected static Path builtJar() throws IOException {
    String configured = System.getProperty("esteira.example.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
          .findFirst()
          .orElseGet(() -> fail("no jar in target/: run mvn package first"));
    }
  }

  private static String read(JarFile jar, String name) {
    try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail("cannot read %s from %s: %s", name, jar.getName(), e.getMessage());
    }
  }
}
