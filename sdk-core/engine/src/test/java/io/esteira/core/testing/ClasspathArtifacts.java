package io.esteira.core.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the artifacts the annotation processor wrote for a project, from the class path; shared by
 * the examples' tests through this module's test jar.
 */
public final class ClasspathArtifacts {

  /** Every file the processor writes for a project with a schedule, in dev and prd. */
  public static final List<String> FILES =
      List.of(
          "pipeline.json",
          "pipeline.mmd",
          "state-machine.dev.asl.json",
          "state-machine.prd.asl.json",
          "task-definition.dev.json",
          "task-definition.prd.json",
          "schedule.dev.json",
          "schedule.prd.json");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String project;

  public ClasspathArtifacts(String project) {
    this.project = project;
  }

  /** Where the processor puts the project's files on the class output, and so in the jar. */
  public static String directory(String project) {
    return "META-INF/esteira/" + project + "/";
  }

  public String text(String file) {
    String resource = directory(project) + file;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return fail(
            "%s is not on the class path: esteira-sdk-processor did not run or reported errors;"
                + " check the compiler output and annotationProcessorPaths in the pom",
            resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode json(String file) {
    return parse(file, text(file));
  }

  public static JsonNode parse(String name, String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return fail("%s is not JSON: %s", name, e.getMessage());
    }
  }
}
