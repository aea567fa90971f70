package io.esteira.local;

import io.esteira.StepContext;
import io.esteira.runtime.StepDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dispatcher of project {@code snapshot}, for the class path snapshot tests: each step prints
 * the class path's {@code version.txt}, the stand-in for the project's code as built. Registered
 * for {@link java.util.ServiceLoader} only in the class output those tests write.
 */
public final class SnapshotDispatcher implements StepDispatcher {

  @Override
  public String project() {
    return "snapshot";
  }

  @Override
  public List<String> stepIds() {
    return List.of("version", "version_again");
  }

  @Override
  public void run(String stepId, StepContext context) throws IOException {
    try (InputStream in =
        SnapshotDispatcher.class.getClassLoader().getResourceAsStream("version.txt")) {
      System.out.println(
          in == null
              ? "no version.txt"
              : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }
}
