package io.esteira.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of what the processor read: its bytes do not depend on where the project is, and
 * comparing it with the disk finds every change of {@code config.yaml} and nothing else.
 */
class BuildInputsTest {

  @TempDir Path tmp;

  private Path module;
  private Path classes;
  private Path config;

  @BeforeEach
  void layOut() throws IOException {
    module = tmp.resolve("module");
    classes = Files.createDirectories(module.resolve("target/classes"));
    config = Files.writeString(module.resolve("config.yaml"), "project_name: recsys\n");
  }

  @Test
  void recordsTheConfigRelativeToTheClassOutputWithItsHash() throws IOException {
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(config), List.of());

    assertThat(inputs.render())
        .isEqualTo(
            """
            {
              "config": {
                "path": "../../config.yaml",
                "sha256": "%s"
              }
            }
            """
                .formatted(BuildInputs.sha256(config)));
    // sha256sum of the same bytes, from coreutils.
    assertThat(BuildInputs.sha256(config))
        .isEqualTo("ff12f15610be244a79f0e1ab4769b92c9d8620fc082392ad23e1a38246439b79");
    assertThat(BuildInputs.parse(inputs.render())).isEqualTo(inputs);
  }

  @Test
  void theSameProjectElsewhereWritesTheSameBytes() throws IOException {
    Path other = tmp.resolve("elsewhere/deeper");
    Path otherClasses = Files.createDirectories(other.resolve("target/classes"));
    Path otherConfig = Files.copy(config, other.resolve("config.yaml"));

    assertThat(BuildInputs.of(otherClasses, Optional.of(otherConfig), List.of()).render())
        .isEqualTo(BuildInputs.of(classes, Optional.of(config), List.of()).render());
  }

  @Test
  void unchangedConfigIsNotStale() throws IOException {
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(config), List.of());

    assertThat(inputs.staleBecause(classes, Optional.empty())).isEmpty();
    assertThat(inputs.staleBecause(classes, Optional.of(config))).isEmpty();
    // Touching without changing the bytes (a checkout) is no change.
    Files.setLastModifiedTime(
        config, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertThat(inputs.staleBecause(classes, Optional.empty())).isEmpty();
  }

  @Test
  void changedConfigIsStale() throws IOException {
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(config), List.of());
    Files.writeString(config, "project_name: other\n");

    assertThat(inputs.staleBecause(classes, Optional.empty()))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .isEqualTo(
                        config.toAbsolutePath().normalize()
                            + " changed since the artifacts were written from it"));
  }

  @Test
  void removedConfigIsStale() throws IOException {
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(config), List.of());
    Files.delete(config);

    assertThat(inputs.staleBecause(classes, Optional.empty()).orElseThrow()).contains("is gone");
  }

  @Test
  void aConfigNamedElsewhereNowIsStale() throws IOException {
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(config), List.of());
    Path moved = Files.copy(config, module.resolve("other.yaml"));

    assertThat(inputs.staleBecause(classes, Optional.of(moved)).orElseThrow())
        .contains("and the build now reads " + moved.toAbsolutePath().normalize());
  }

  @Test
  void withoutConfigTheSearchIsRecordedAndAConfigAppearingThereIsStale() throws IOException {
    Files.delete(config);
    BuildInputs inputs =
        BuildInputs.of(
            classes,
            Optional.empty(),
            List.of(classes, classes.getParent(), classes.getParent().getParent()));

    assertThat(inputs.render()).contains("\"path\": null").contains("\"../..\"");
    assertThat(BuildInputs.parse(inputs.render())).isEqualTo(inputs);
    assertThat(inputs.staleBecause(classes, Optional.empty())).isEmpty();

    Files.writeString(config, "project_name: recsys\n");
    assertThat(inputs.staleBecause(classes, Optional.empty()).orElseThrow())
        .contains("was not there when the artifacts were written");
  }

  @Test
  void aRecordOfTheResourcesCopyInTheClassOutputIsStale() throws IOException {
    // An older processor searched the class output, where Maven copies the resources.
    Path copy = Files.writeString(classes.resolve("config.yaml"), "unrelated: true\n");
    BuildInputs inputs = BuildInputs.of(classes, Optional.of(copy), List.of());

    assertThat(inputs.config()).contains("config.yaml");
    assertThat(inputs.staleBecause(classes, Optional.empty()).orElseThrow())
        .isEqualTo(
            "the artifacts were written from "
                + copy.toAbsolutePath().normalize()
                + ", a copy in the class output that the annotation processor no longer reads");
  }

  @Test
  void aCopyInTheClassOutputIsNotAConfigAppearingWhereTheProcessorSearched() throws IOException {
    Files.delete(config);
    BuildInputs inputs =
        BuildInputs.of(classes, Optional.empty(), List.of(classes, classes.getParent(), module));
    Files.writeString(classes.resolve("config.yaml"), "unrelated: true\n");

    assertThat(inputs.staleBecause(classes, Optional.empty())).isEmpty();
  }

  @Test
  void aClassOutputThatIsTheModuleRootIsSearched() throws IOException {
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    BuildInputs inputs = BuildInputs.of(module, Optional.of(config), List.of());

    assertThat(ConfigSearch.start(module)).isEqualTo(module.toAbsolutePath().normalize());
    assertThat(ConfigSearch.start(classes)).isEqualTo(classes.getParent().toAbsolutePath());
    assertThat(inputs.staleBecause(module, Optional.empty())).isEmpty();
  }

  @Test
  void withoutAClassOutputOnDiskOnlyTheFileNameIsKept() throws IOException {
    assertThat(BuildInputs.of(null, Optional.of(config), List.of()).config())
        .contains("config.yaml");
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> BuildInputs.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BuildInputs.parse("{\"config\": {\"path\": \"x\"}}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BuildInputs.parse("{")).isInstanceOf(IllegalArgumentException.class);
  }
}
