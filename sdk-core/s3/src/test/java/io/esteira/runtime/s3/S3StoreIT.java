package io.esteira.runtime.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.RunStores;
import io.esteira.runtime.StepLauncher;
import io.esteira.runtime.store.MissingItemException;
import io.esteira.runtime.store.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against moto_server, opened as the step launcher opens it: through {@link RunStores}
 * and the {@code s3} provider found by ServiceLoader, with the region, credentials and endpoint
 * from the SDK's default chains (set here as the {@code aws.*} system properties those chains read,
 * since a JVM cannot change its own environment).
 */
class S3StoreIT {

  private static final String BUCKET = "esteira-artifacts-" + UUID.randomUUID();
  private static final Map<String, String> SAVED = new HashMap<>();
  private static S3Client s3;

  @TempDir Path directory;

  @BeforeAll
  static void pointTheDefaultChainsAtMoto() {
    URI endpoint = Moto.endpoint();
    set("aws.region", "us-east-1");
    set("aws.accessKeyId", "testing");
    set("aws.secretAccessKey", "testing");
    set("aws.endpointUrlS3", endpoint.toString());
    s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void restore() {
    SAVED.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
    s3.close();
  }

  private static void set(String name, String value) {
    SAVED.put(name, System.getProperty(name));
    System.setProperty(name, value);
  }

  private static RunStore open(String root) {
    return RunStores.open(root, S3StoreIT.class.getClassLoader());
  }

  private static String object(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
  }

  @Test
  void storeThenFetchRoundTripsUnderTheRunsPrefix() throws Exception {
    RunStore store = open("s3://" + BUCKET + "/recsys/dev/exec-1/");
    Path source = Files.writeString(directory.resolve("f.csv"), "a,b\n1,2\n");

    store.store("extract_features", "reports/features.csv", source);
    Path target = directory.resolve("fresh/work/features.csv");
    store.fetch("extract_features", "reports/features.csv", target);

    assertThat(object("recsys/dev/exec-1/extract_features/reports/features.csv"))
        .isEqualTo("a,b\n1,2\n");
    assertThat(target).hasContent("a,b\n1,2\n");
    assertThat(store.describe("extract_features", "reports/features.csv"))
        .isEqualTo("s3://" + BUCKET + "/recsys/dev/exec-1/extract_features/reports/features.csv");
    try (var left = Files.list(target.getParent())) {
      assertThat(left).containsExactly(target);
    }
  }

  @Test
  void aMissingItemNamesTheStepTheNameTheS3AddressAndWhatTheStepStored() {
    s3.putObject(
        b -> b.bucket(BUCKET).key("recsys/dev/exec-2/extract_features/other.csv"),
        RequestBody.fromString("x"));
    RunStore store = open("s3://" + BUCKET + "/recsys/dev/exec-2/");

    assertThatThrownBy(
            () -> store.fetch("extract_features", "features.csv", directory.resolve("t")))
        .isInstanceOf(MissingItemException.class)
        .hasMessage(
            "[ESTEIRA-DATA-MISSING-ITEM] step 'extract_features' stored no output 'features.csv'"
                + " in this run (s3://"
                + BUCKET
                + "/recsys/dev/exec-2/extract_features/features.csv; it stored other.csv); check"
                + " that 'extract_features' declares 'features.csv' as an output (@Step(outputs) or"
                + " outputs: in config.yaml) or asks for it with ctx.output, and that it succeeded"
                + " in this run");
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void aStepStoresItsOutputsInS3AndTheNextReadsThemIntoAnotherFreshWorkDirectory()
      throws Exception {
    String root = "s3://" + BUCKET + "/data/dev/exec-3/";
    Path produceDir = directory.resolve("produce-work");
    Path consumeDir = directory.resolve("consume-work");

    Launch produce =
        launch(
            "produce",
            Map.of(
                "ESTEIRA_STORE",
                root,
                "ESTEIRA_WORK_DIR",
                produceDir.toString(),
                "ESTEIRA_UPSTREAM",
                "",
                "ESTEIRA_OUTPUTS",
                "rows.txt"));
    Launch consume =
        launch(
            "consume",
            Map.of(
                "ESTEIRA_STORE",
                root,
                "ESTEIRA_WORK_DIR",
                consumeDir.toString(),
                "ESTEIRA_UPSTREAM",
                "produce",
                "ESTEIRA_INPUTS",
                "produce/features.csv"));

    assertThat(produce.code).as(produce.err).isZero();
    assertThat(consume.code).as(consume.err).isZero();
    assertThat(object("data/dev/exec-3/produce/features.csv")).isEqualTo("id,x\n1,0.5\n2,0.25\n");
    assertThat(object("data/dev/exec-3/produce/rows.txt")).isEqualTo("2\n");
    assertThat(consumeDir.resolve("features.csv")).hasContent("id,x\n1,0.5\n2,0.25\n");
    assertThat(consumeDir.resolve("rows.txt")).doesNotExist();
    assertThat(object("data/dev/exec-3/consume/scores.csv")).isEqualTo("id,score\n3\n");
  }

  @Test
  void aDeclaredOutputTheStepDidNotWriteExitsOneWithTheCauseFirst() throws Exception {
    String root = "s3://" + BUCKET + "/data/dev/exec-4/";
    Path work = directory.resolve("w");

    Launch forgetful =
        launch(
            "forgetful",
            Map.of(
                "ESTEIRA_STORE",
                root,
                "ESTEIRA_WORK_DIR",
                work.toString(),
                "ESTEIRA_OUTPUTS",
                "model.bin"));
    Launch reader =
        launch(
            "consume",
            Map.of("ESTEIRA_STORE", root, "ESTEIRA_WORK_DIR", directory.resolve("r").toString()));

    assertThat(forgetful.code).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(forgetful.err.lines().findFirst().orElseThrow())
        .isEqualTo(
            "io.esteira.runtime.store.MissingOutputException: [ESTEIRA-DATA-MISSING-OUTPUT] step"
                + " 'forgetful' succeeded but its output 'model.bin' is not a file in its work"
                + " directory "
                + work
                + "; write it there (ctx.output(\"model.bin\") gives the path), or stop declaring"
                + " it");
    assertThat(reader.code).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(reader.err.lines().findFirst().orElseThrow())
        .startsWith(
            "io.esteira.runtime.store.MissingItemException: [ESTEIRA-DATA-MISSING-ITEM] step"
                + " 'produce' stored no output 'features.csv' in this run (s3://"
                + BUCKET
                + "/data/dev/exec-4/produce/features.csv; it stored nothing)");
  }

  private record Launch(int code, String out, String err) {}

  private static Launch launch(String step, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StepLauncher.launch(
            new String[] {"data", step},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            S3StoreIT.class.getClassLoader());
    return new Launch(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
