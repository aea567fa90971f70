package io.esteira.runtime.s3;

import io.esteira.StepContext;
import io.esteira.runtime.StepDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hand-written dispatcher of project {@code data}, whose steps hand a file over: {@code produce}
 * writes {@code features.csv} (asked for with {@code ctx.output}) and {@code rows.txt} (declared
 * through {@code ESTEIRA_OUTPUTS}); {@code consume} reads the first and writes {@code scores.csv}.
 */
public final class DataPipeline implements StepDispatcher {

  @Override
  public String project() {
    return "data";
  }

  @Override
  public List<String> stepIds() {
    return List.of("produce", "consume", "forgetful");
  }

  @Override
  public void run(String stepId, StepContext ctx) throws Exception {
    switch (stepId) {
      case "produce" -> {
        Files.writeString(ctx.output("features.csv"), "id,x\n1,0.5\n2,0.25\n");
        Files.writeString(ctx.workDir().resolve("rows.txt"), "2\n");
      }
      case "consume" -> {
        Path features = ctx.input("produce", "features.csv");
        List<String> rows = Files.readAllLines(features);
        Files.writeString(ctx.output("scores.csv"), "id,score\n" + rows.size() + "\n");
      }
      case "forgetful" -> ctx.logger().log(System.Logger.Level.INFO, "wrote nothing");
      default -> throw new IllegalArgumentException("no step " + stepId);
    }
  }
}
