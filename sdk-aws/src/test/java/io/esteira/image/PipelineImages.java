package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.project.BuiltProject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The examples' image tests: a Java pipeline's image as a registry holds it, checked with skopeo,
 * and its first step run the way the generated state machine starts it, with the local {@code java}
 * on the image's application layers unpacked into a directory (the test base image has no java, and
 * the tests need no container runtime).
 */
public final class PipelineImages {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The one execution the run of a step pretends to be part of. */
  public static final String EXECUTION_NAME = "image-it";

  private PipelineImages() {}

  /**
   * What {@link #buildAndRunFirstStep} did: the first step as the state machine starts it, and the
   * run store its outputs went to.
   */
  public record FirstStep(StepContainer step, Path store) {}

  /**
   * The whole image test of a built example, run from its module directory: pushes a test base,
   * builds the example's image on it twice (same digest), checks it with {@link #assertImage},
   * unpacks its application layers and runs the first step from them; asserts the step exited 0,
   * and returns it for the example's own checks of what it wrote.
   */
  public static FirstStep buildAndRunFirstStep(String project, Path tmp) throws Exception {
    Path classes = Path.of("target/classes").toAbsolutePath();
    TestBaseImage base = TestBaseImage.push("esteira-test/base", project, tmp.resolve("base"));
    String version = version(classes, project);
    ImageRequest request =
        new ImageRequest(
            project,
            Path.of("").toAbsolutePath(),
            "esteira-test/" + project,
            List.of(project + "-" + version, project + "-git-0123456789ab"),
            java.util.Optional.of(base.reference()),
            TestRegistry.access(),
            true,
            tmp.resolve("work"));
    long start = System.nanoTime();
    BuiltImage cold = new JavaImageBuilder().build(request);
    long coldMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    BuiltImage warm = new JavaImageBuilder().build(request);
    System.out.printf(
        "%s image %s: cold build %d ms, warm build %d ms%n",
        project, cold.pinned(), coldMillis, (System.nanoTime() - start) / 1_000_000);
    assertThat(warm.digest()).isEqualTo(cold.digest());
    JsonNode config = assertImage(cold, base, project, version);
    Path root = unpackApplicationLayers(cold.pinned(), TestBaseImage.LAYERS, tmp.resolve("image"));
    Path store = tmp.resolve("store/" + project + "/dev/" + EXECUTION_NAME);
    StepContainer step = firstStep(classes, project, "dev", store.toUri().toString());
    Run run = run(step, environment(config), root, tmp.resolve("task-work"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    return new FirstStep(step, store);
  }

  /**
   * Checks what the registry holds under {@code image}: the base's entrypoint, user and environment
   * kept, the step launcher as command, only the project and version labels, and the base's layers
   * followed by the four application layers.
   *
   * @return the image's configuration as skopeo reads it
   */
  public static JsonNode assertImage(
      BuiltImage image, TestBaseImage base, String project, String version) {
    assertThat(TestRegistry.inspect(image.pinned()).path("Digest").asText())
        .isEqualTo(image.digest());
    for (String tag : image.tags()) {
      assertThat(TestRegistry.inspect(image.name() + ":" + tag).path("Digest").asText())
          .as(tag)
          .isEqualTo(image.digest());
    }
    JsonNode config = TestRegistry.config(image.pinned()).path("config");
    assertThat(texts(config.path("Entrypoint"))).isEqualTo(TestBaseImage.ENTRYPOINT);
    assertThat(texts(config.path("Cmd")))
        .isEqualTo(io.esteira.core.generate.asl.AslGenerator.JAVA_STEP_LAUNCHER);
    assertThat(config.path("User").asText()).isEqualTo(TestBaseImage.USER);
    assertThat(environment(config)).containsAllEntriesOf(TestBaseImage.ENVIRONMENT);
    Map<String, String> labels = new TreeMap<>();
    config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    assertThat(labels)
        .isEqualTo(
            Map.of(
                JavaImageBuilder.PROJECT_LABEL, project, JavaImageBuilder.VERSION_LABEL, version));
    List<String> layers = texts(TestRegistry.inspect(image.pinned()).path("Layers"));
    List<String> baseLayers = texts(TestRegistry.inspect(base.reference()).path("Layers"));
    assertThat(layers).hasSize(baseLayers.size() + 4);
    assertThat(layers.subList(0, baseLayers.size())).isEqualTo(baseLayers);
    return config;
  }

  /** The image's {@code Env} as a map. */
  public static Map<String, String> environment(JsonNode config) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : texts(config.path("Env"))) {
      int equals = entry.indexOf('=');
      env.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return env;
  }

  /**
   * Copies the image into an OCI layout under {@code directory} and unpacks the layers after the
   * base's {@code baseLayers} into {@code directory/root}, as a container runtime stacks them.
   *
   * @return the root, whose {@code app/} is the image's {@code /app}
   */
  public static Path unpackApplicationLayers(String reference, int baseLayers, Path directory)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    Path layout = TestRegistry.copyToOciLayout(reference, directory.resolve("oci"));
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0)).toFile());
    Path root = Files.createDirectories(directory.resolve("root"));
    JsonNode layers = manifest.path("layers");
    for (int i = baseLayers; i < layers.size(); i++) {
      Process tar =
          new ProcessBuilder(
                  "tar", "-xzf", blob(layout, layers.get(i)).toString(), "-C", root.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tar.waitFor()).as("tar: " + output).isZero();
    }
    return root;
  }

  private static Path blob(Path layout, JsonNode descriptor) {
    String[] digest = descriptor.path("digest").asText().split(":", 2);
    return layout.resolve("blobs").resolve(digest[0]).resolve(digest[1]);
  }

  /**
   * A step's container as the state machine starts it: the command and the environment its override
   * sets, on top of the task definition's variables.
   *
   * @param id the step id
   * @param command the container's command
   * @param environment the task definition's variables, then the override's, in that order
   * @param outputs the step's declared outputs ({@code ESTEIRA_OUTPUTS})
   */
  public record StepContainer(
      String id, List<String> command, Map<String, String> environment, List<String> outputs) {}

  /**
   * The first step the state machine of {@code environment} starts, read from the artifacts the
   * build wrote under {@code classes}. The override's JSONPath values are what Step Functions would
   * fill in: the execution's ARN, attempt 1, and {@code store} as the run store's root. Task
   * definition values the deployer fills ({@code ${...}}) are left out.
   */
  public static StepContainer firstStep(
      Path classes, String project, String environment, String store) throws IOException {
    Path artifacts = classes.resolve(BuiltProject.ARTIFACT_ROOT + project);
    JsonNode machine =
        JSON.readTree(artifacts.resolve("state-machine." + environment + ".asl.json").toFile());
    JsonNode states = machine.path("States");
    JsonNode state = states.path(machine.path("StartAt").asText());
    while (!state.has("Parameters") || !state.path("Parameters").has("Overrides")) {
      assertThat(state.has("Next")).as("a state before the first step has no Next").isTrue();
      state = states.path(state.path("Next").asText());
    }
    JsonNode container =
        state.path("Parameters").path("Overrides").path("ContainerOverrides").get(0);
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode task =
        JSON.readTree(artifacts.resolve("task-definition." + environment + ".json").toFile());
    for (JsonNode variable : task.path("containerDefinitions").get(0).path("environment")) {
      String value = variable.path("value").asText();
      if (!value.contains("${")) {
        env.put(variable.path("name").asText(), value);
      }
    }
    String execution =
        "arn:aws:states:us-east-1:000000000000:execution:"
            + project
            + "-"
            + environment
            + ":"
            + EXECUTION_NAME;
    for (JsonNode variable : container.path("Environment")) {
      String name = variable.path("Name").asText();
      if (variable.has("Value")) {
        env.put(name, variable.path("Value").asText());
      } else {
        String expression = variable.path("Value.$").asText();
        String value =
            switch (expression) {
              case "$$.Execution.Id" -> execution;
              case "$store" -> store;
              default -> {
                assertThat(expression).as(name).contains("$$.State.RetryCount");
                yield "1";
              }
            };
        env.put(name, value);
      }
    }
    String outputs = env.getOrDefault("ESTEIRA_OUTPUTS", "");
    return new StepContainer(
        container.path("Command").get(5).asText(),
        texts(container.path("Command")),
        env,
        outputs.isBlank() ? List.of() : Arrays.asList(outputs.strip().split(" +")));
  }

  /** What a step's run printed and how it ended. */
  public record Run(int exitCode, String output) {}

  /**
   * Runs {@code step}'s command as its container would, with the local {@code java} for the image's
   * and {@code root}'s {@code app/} for the image's {@code /app}: with only the image's
   * environment, then the step's, and {@code ESTEIRA_WORK_DIR} moved to {@code work}.
   */
  public static Run run(
      StepContainer step, Map<String, String> imageEnvironment, Path root, Path work)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    assertThat(step.command().get(0)).isEqualTo("java");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : step.command().subList(1, step.command().size())) {
      command.add(
          Arrays.stream(argument.split(":", -1))
              .map(entry -> entry.startsWith("/app/") ? root + entry : entry)
              .collect(Collectors.joining(File.pathSeparator)));
    }
    Path log = Files.createDirectories(work).resolveSibling(work.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(imageEnvironment);
    builder.environment().putAll(step.environment());
    builder.environment().put("ESTEIRA_WORK_DIR", work.toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the step did not end in 5 minutes: " + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The pipeline version its built {@code pipeline.json} holds. */
  public static String version(Path classes, String project) throws IOException {
    return JSON.readTree(
            classes
                .resolve(BuiltProject.ARTIFACT_ROOT + project)
                .resolve(ProjectArtifacts.PIPELINE_JSON)
                .toFile())
        .path("version")
        .asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
