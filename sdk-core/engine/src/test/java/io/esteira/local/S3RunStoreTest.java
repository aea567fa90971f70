package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.RunRecord.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store s3://BUCKET} before any step runs: the options a cloud-shaped run refuses, each
 * with its code and remedy, and nothing ran and no run directory was made; the store root's layout;
 * and a run with no data to move, which needs neither S3 nor the AWS CLI. The runs that move data
 * through moto_server are the ITs of sdk-aws and of the examples.
 */
class S3RunStoreTest {

  @TempDir Path directory;

  private final PipelineModel commands =
      builder("p")
          .step(step("extract").outputs("features.csv"))
          .step(step("score").dependsOn("extract").inputs("extract/features.csv"))
          .build();

  private final PipelineModel java =
      builder("p")
          .step(step("train").action(new StepAction.JavaMethod("x.Pipeline", "train", true)))
          .build();

  private RunOptions options(String store) {
    return RunOptions.defaults(directory)
        .withRunsRoot(directory.resolve("runs"))
        .withCapacity(new RunOptions.Capacity(4, 8))
        .withHostEnvironment(Map.of("PATH", directory.resolve("bin").toString()))
        .withStore(Optional.of(store));
  }

  private RunSetupException failure(PipelineModel m, RunOptions options) {
    RunSetupException e =
        catchThrowableOfType(
            () -> new LocalRunner(m, options).run(RunListener.NONE), RunSetupException.class);
    assertThat(e).as("a setup failure").isNotNull();
    assertThat(directory.resolve("runs")).doesNotExist();
    return e;
  }

  @Test
  void aStoreThatIsNotAnS3BucketIsRefusedSayingWhatItTakes() {
    for (String store : List.of("s3://Bad_Bucket", "s3://bucket/prefix/", "file:/tmp/x", "s3://")) {
      RunSetupException e = failure(commands, options(store));

      assertThat(e.problems())
          .extracting(Diagnostic::code)
          .as(store)
          .containsExactly("ESTEIRA-RUN-STORE-NOT-S3");
      assertThat(e.getMessage())
          .contains("--store " + store + ": the store must be s3://BUCKET")
          .contains("s3://BUCKET/<project>/<env>/<run id>/")
          .contains("leave --store out");
    }
  }

  @Test
  void inProcessResumeAndASharedWorkDirectoryCannotBeCloudShaped() throws IOException {
    Files.createDirectories(directory.resolve("bin"));
    Path aws = Files.writeString(directory.resolve("bin/aws"), "#!/bin/sh\n");
    aws.toFile().setExecutable(true);
    RunSetupException e =
        failure(
            commands,
            options("s3://bucket")
                .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
                .withSharedWorkDir(true)
                .withResumeRunId(Optional.of("latest")));

    // --resume latest with no runs is its own problem, found first.
    assertThat(e.problems()).extracting(Diagnostic::code).containsExactly("ESTEIRA-RUN-NO-RUNS");

    e =
        failure(
            commands,
            options("s3://bucket")
                .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
                .withSharedWorkDir(true));
    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-STORE-S3-CONFLICT", "ESTEIRA-RUN-STORE-S3-CONFLICT");
    assertThat(e.getMessage())
        .contains("--store s3://... cannot be combined with --in-process")
        .contains("leave --in-process out")
        .contains("cannot be combined with --shared-work-dir");
  }

  @Test
  void commandStepsThatHandDataOverNeedTheAwsCliOnPath() {
    RunSetupException e = failure(commands, options("s3://bucket"));

    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-STORE-NEEDS-AWS-CLI");
    assertThat(e.getMessage())
        .contains("command step 'extract' hands data over")
        .contains("there is no aws on PATH")
        .contains("pip install awscli");
  }

  @Test
  void javaStepsNeedEsteiraS3OnTheProjectsClassPath() throws IOException {
    Path classes = Files.createDirectories(directory.resolve("classes"));
    RunSetupException e = failure(java, options("s3://bucket/").withClasspath(List.of(classes)));

    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-STORE-NEEDS-S3-JAR");
    assertThat(e.getMessage())
        .contains("pipeline p has Java steps and --store s3://bucket/")
        .contains("esteira-s3 is not on the project's class path")
        .contains("io.esteira:esteira-s3");
  }

  @Test
  void theProviderIsFoundInAJarOrAClassDirectory() throws IOException {
    Path jar = directory.resolve("esteira-s3-1.0.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(S3RunStore.PROVIDER_CLASS));
      zip.closeEntry();
    }
    Path classes = directory.resolve("classes");
    Files.createDirectories(classes.resolve(S3RunStore.PROVIDER_CLASS).getParent());
    Files.writeString(classes.resolve(S3RunStore.PROVIDER_CLASS), "");
    Path other = Files.writeString(directory.resolve("notes.txt"), "not a jar");

    assertThat(S3RunStore.hasProvider(List.of(other, jar))).isTrue();
    assertThat(S3RunStore.hasProvider(List.of(classes))).isTrue();
    assertThat(S3RunStore.hasProvider(List.of(other, directory.resolve("gone.jar")))).isFalse();
  }

  @Test
  void aRunWithNoDataToMoveRecordsTheS3RootAndLeavesNoArtifactsDirectory() throws IOException {
    PipelineModel plain =
        builder("p").environment("stg").step(step("a")).step(step("b").dependsOn("a")).build();
    RunOptions options =
        options("s3://my-bucket").withHostEnvironment(Map.of("PATH", System.getenv("PATH")));

    RunRecord record = new LocalRunner(plain, options).run(RunListener.NONE);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.store()).isEqualTo("s3://my-bucket/p/stg/" + record.runId() + "/");
    Path run = directory.resolve("runs").resolve(record.runId());
    assertThat(RunJson.read(run.resolve("run.json")).store()).isEqualTo(record.store());
    assertThat(run.resolve(LocalStore.DIRECTORY)).doesNotExist();
  }
}
