package io.esteira.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactWriterTest {

  @TempDir Path out;

  private static ProjectArtifacts artifacts(String project, Map<String, String> files) {
    return new ProjectArtifacts(project, List.of("dev", "prd"), files, List.of());
  }

  private static Map<String, String> files(String... namesAndContents) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.put(namesAndContents[i], namesAndContents[i + 1]);
    }
    return files;
  }

  private List<String> listing(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void writesEveryFileUnderTheProjectDirectory() throws IOException {
    ArtifactWriter.Written written =
        ArtifactWriter.write(
            out,
            artifacts(
                "recsys",
                files(
                    "pipeline.json", "{ }\n", "task-definition.dev.json", "{ \"a\" : \"é\" }\n")));

    assertThat(written.directory()).isEqualTo(out.resolve("recsys"));
    assertThat(written.written())
        .containsExactly(
            out.resolve("recsys/pipeline.json"), out.resolve("recsys/task-definition.dev.json"));
    assertThat(written.removed()).isEmpty();
    assertThat(listing(out))
        .containsExactly("recsys", "recsys/pipeline.json", "recsys/task-definition.dev.json");
    assertThat(Files.readAllBytes(out.resolve("recsys/task-definition.dev.json")))
        .isEqualTo("{ \"a\" : \"é\" }\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replacesAnEarlierSetRemovingOnlyItsStaleArtifacts() throws IOException {
    ArtifactWriter.write(
        out,
        artifacts(
            "recsys",
            files(
                "pipeline.json", "old\n",
                "schedule.prd.json", "old schedule\n",
                "state-machine.stg.asl.json", "old stg\n")));
    Files.writeString(out.resolve("recsys/NOTES.md"), "mine\n");
    ArtifactWriter.write(out, artifacts("other", files("pipeline.json", "other\n")));

    ArtifactWriter.Written second =
        ArtifactWriter.write(out, artifacts("recsys", files("pipeline.json", "new\n")));

    assertThat(second.removed())
        .containsExactly(
            out.resolve("recsys/schedule.prd.json"),
            out.resolve("recsys/state-machine.stg.asl.json"));
    assertThat(listing(out))
        .containsExactly(
            "other", "other/pipeline.json", "recsys", "recsys/NOTES.md", "recsys/pipeline.json");
    assertThat(Files.readString(out.resolve("recsys/pipeline.json"))).isEqualTo("new\n");
    assertThat(Files.readString(out.resolve("other/pipeline.json"))).isEqualTo("other\n");
  }

  @Test
  void writesNothingForArtifactsWithAnError() {
    ProjectArtifacts failed =
        new ProjectArtifacts(
            "recsys",
            List.of("dev"),
            Map.of(),
            List.of(Diagnostic.error(EngineMessage.CONFIG_INVALID_VALUE, null, "a", "b", "c")));

    assertThatThrownBy(() -> ArtifactWriter.write(out.resolve("nested"), failed))
        .isInstanceOf(IllegalStateException.class);
    assertThat(out.resolve("nested")).doesNotExist();
  }

  @Test
  void aFailedWriteLeavesTheEarlierSetAndNoStagingDirectory() throws IOException {
    ArtifactWriter.write(out, artifacts("recsys", files("pipeline.json", "old\n")));
    // A directory where the new set wants a file: the move of that file fails after the other
    // files were staged, so staging must be cleaned up and nothing else changed.
    Files.createDirectories(out.resolve("recsys/schedule.dev.json/blocker"));

    assertThatThrownBy(
            () ->
                ArtifactWriter.write(
                    out,
                    artifacts(
                        "recsys",
                        files("schedule.dev.json", "new schedule\n", "pipeline.json", "new\n"))))
        .isInstanceOf(IOException.class);

    assertThat(Files.readString(out.resolve("recsys/pipeline.json"))).isEqualTo("old\n");
    assertThat(listing(out))
        .containsExactly(
            "recsys",
            "recsys/pipeline.json",
            "recsys/schedule.dev.json",
            "recsys/schedule.dev.json/blocker");
  }

  @Test
  void refusesAProjectPathThatIsAFile() throws IOException {
    Files.writeString(out.resolve("recsys"), "not a directory\n");

    assertThatThrownBy(
            () -> ArtifactWriter.write(out, artifacts("recsys", files("pipeline.json", "x\n"))))
        .isInstanceOf(IOException.class);
    assertThat(listing(out)).containsExactly("recsys");
  }

  @Test
  void refusesNamesThatWouldLeaveTheOutputDirectory() {
    assertThatThrownBy(
            () -> ArtifactWriter.write(out, artifacts("..", files("pipeline.json", "x\n"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ArtifactWriter.write(
                    out, artifacts("recsys", files("task-definition.../x.json", "x\n"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void writingTheSameSetTwiceGivesTheSameBytes() throws IOException {
    ProjectArtifacts set =
        artifacts("recsys", files("pipeline.json", "{ }\n", "pipeline.mmd", "flowchart TD\n"));
    ArtifactWriter.write(out.resolve("a"), set);
    ArtifactWriter.write(out.resolve("b"), set);
    ArtifactWriter.write(out.resolve("b"), set);

    for (String name : set.files().keySet()) {
      assertThat(Files.readAllBytes(out.resolve("b/recsys").resolve(name)))
          .isEqualTo(Files.readAllBytes(out.resolve("a/recsys").resolve(name)));
    }
  }
}
