package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.esteira.testing.PipelineTester;
import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as esteira run runs it (PipelineTester: the built artifacts, the steps in
 * their order, each output handed to the step that reads it), and one step alone
 * (TestStepContext, with its input seeded).
 */
class ${className}Test {

  @TempDir Path workDir;

  @Test
  void prepareThenScoreScoresEveryRow() throws Exception {
    PipelineTester.Result result = PipelineTester.forProject("${project}").run();

    assertTrue(result.succeeded());
    assertEquals(List.of("prepare", "score"), result.ran());
    List<String> scores = Files.readAllLines(result.output("scores.csv"));
    assertEquals(${className}.ROWS + 1, scores.size());
    assertEquals("10,1.0", scores.get(scores.size() - 1));
  }

  @Test
  void scoreDividesEachAmountByTheLargest() throws Exception {
    byte[] input = "id,amount\na,5\nb,20\n".getBytes(StandardCharsets.UTF_8);
    TestStepContext context = new TestStepContext("${project}", "score", workDir);
    context.withInput("prepare", "input.csv", input);

    new ${className}().score(context);

    assertEquals(
        List.of("id,score", "a,0.25", "b,1.0"),
        Files.readAllLines(context.outputs().get("scores.csv")));
  }
}
