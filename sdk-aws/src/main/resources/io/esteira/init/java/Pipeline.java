package ${package};

import io.esteira.Pipeline;
import io.esteira.Step;
import io.esteira.StepContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline ${project}: {@code prepare} writes the rows to score, {@code score} reads them and
 * writes a score per row. config.yaml, beside pom.xml, says the rest: when it runs, and on what.
 */
@Pipeline
public class ${className} {

  static final int ROWS = 10;

  /** Writes {@code input.csv}: an id and an amount per row. */
  @Step(outputs = "input.csv", cpu = 0.5, memoryGb = 1)
  public void prepare(StepContext context) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("id,amount");
    for (int id = 1; id <= ROWS; id++) {
      lines.add(id + "," + id * 10);
    }
    Files.write(context.output("input.csv"), lines);
    context.logger().log(System.Logger.Level.INFO, "prepared " + ROWS + " rows");
  }

  /** Reads {@code prepare}'s {@code input.csv}; writes {@code scores.csv}: amount / largest. */
  @Step(
      after = "prepare",
      inputs = "prepare/input.csv",
      outputs = "scores.csv",
      cpu = 0.5,
      memoryGb = 1)
  public void score(StepContext context) throws Exception {
    List<String> rows = Files.readAllLines(context.input("prepare", "input.csv"));
    List<String[]> fields = rows.subList(1, rows.size()).stream().map(r -> r.split(",")).toList();
    double largest = fields.stream().mapToDouble(f -> Double.parseDouble(f[1])).max().orElse(1);
    List<String> lines = new ArrayList<>();
    lines.add("id,score");
    for (String[] row : fields) {
      lines.add(row[0] + "," + Double.parseDouble(row[1]) / largest);
    }
    Files.write(context.output("scores.csv"), lines);
    context.logger().log(System.Logger.Level.INFO, "scored " + fields.size() + " rows");
  }
}
