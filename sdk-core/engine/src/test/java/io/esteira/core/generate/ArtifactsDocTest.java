package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The artifact documentation keeps up with the code it documents. */
class ArtifactsDocTest {

  private static final Path DOC = Path.of("..", "..", "docs", "artifacts.md");

  @Test
  void everyPlaceholderIsDocumented() throws IOException, IllegalAccessException {
    List<String> placeholders = new ArrayList<>();
    for (Field field : Placeholders.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        placeholders.add((String) field.get(null));
      }
    }

    assertThat(placeholders).isNotEmpty();
    assertThat(Files.readString(DOC)).contains(placeholders);
  }

  @Test
  void everyPlaceholderSiteIsDocumented() throws IOException {
    String doc = Files.readString(DOC);
    for (PlaceholderSites.Artifact artifact : PlaceholderSites.Artifact.values()) {
      for (String path : PlaceholderSites.paths(artifact)) {
        assertThat(doc).as(artifact.name()).contains("`" + path + "`");
      }
    }
  }

  @Test
  void theDocumentedFormatVersionIsTheOneWritten() throws IOException {
    assertThat(Files.readString(DOC))
        .contains("\"formatVersion\": " + PipelineJsonGenerator.FORMAT_VERSION);
  }
}
