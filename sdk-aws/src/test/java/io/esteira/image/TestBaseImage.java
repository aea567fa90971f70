package io.esteira.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A base image made for the image tests, with no internet: one layer holding a marker file, an
 * entrypoint, a user and environment variables that a Java pipeline's image must keep, pushed to
 * the {@link TestRegistry}. It has no java: the tests run the image's command line with the local
 * one, on the unpacked application layers.
 *
 * @param reference {@code <registry>/<repository>:<tag>}
 * @param digest its manifest's digest
 */
public record TestBaseImage(String reference, String digest) {

  /** The base's entrypoint, which the pipeline's image keeps. */
  public static final List<String> ENTRYPOINT = List.of("/usr/local/bin/esteira-test-entrypoint");

  /** The base's user, which the pipeline's image keeps. */
  public static final String USER = "1000:1000";

  /** The base's environment, which the pipeline's image keeps. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("ESTEIRA_TEST_BASE", "marker", "JAVA_TOOL_OPTIONS", "-Xss2m");

  /** Where the marker file is in the image. */
  public static final String MARKER = "/etc/esteira-test-base";

  /** The marker file's content. */
  public static final String MARKER_TEXT = "the test base image\n";

  /** The base's layers: the marker's. */
  public static final int LAYERS = 1;

  /** Builds the base (the same digest every time) and pushes it as {@code repository:tag}. */
  public static TestBaseImage push(String repository, String tag, Path workDirectory)
      throws Exception {
    Path marker = workDirectory.resolve("marker");
    Files.createDirectories(workDirectory);
    Files.writeString(marker, MARKER_TEXT, StandardCharsets.UTF_8);
    String reference = TestRegistry.address() + "/" + repository + ":" + tag;
    JibContainer pushed =
        Jib.fromScratch()
            .addFileEntriesLayer(
                FileEntriesLayer.builder()
                    .setName("marker")
                    .addEntry(marker, AbsoluteUnixPath.get(MARKER))
                    .build())
            .setEntrypoint(ENTRYPOINT)
            .setUser(USER)
            .setEnvironment(ENVIRONMENT)
            .containerize(
                Containerizer.to(RegistryImage.named(reference))
                    .setAllowInsecureRegistries(true)
                    .setBaseImageLayersCache(workDirectory.resolve("cache/base"))
                    .setApplicationLayersCache(workDirectory.resolve("cache/application")));
    return new TestBaseImage(reference, pushed.getDigest().toString());
  }
}
