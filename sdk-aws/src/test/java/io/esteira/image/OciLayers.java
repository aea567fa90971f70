package io.esteira.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An image's layers read from an OCI layout ({@link TestRegistry#copyToOciLayout}), listed by GNU
 * tar as a third party would, so a test sees each file's mode, owner, time and content as the
 * registry has them.
 */
final class OciLayers {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry of a layer, as {@code tar --numeric-owner -tvz} lists it. */
  record Entry(String mode, String owner, String time, String path) {}

  private final Path layout;
  private final JsonNode manifest;

  private OciLayers(Path layout, JsonNode manifest) {
    this.layout = layout;
    this.manifest = manifest;
  }

  /** The layout {@code reference} is copied into under {@code directory}. */
  static OciLayers of(String reference, Path directory) throws IOException {
    Path layout = TestRegistry.copyToOciLayout(reference, directory);
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest =
        JSON.readTree(blob(layout, index.at("/manifests/0/digest").asText()).toFile());
    return new OciLayers(layout, manifest);
  }

  /** How many layers the image has. */
  int count() {
    return manifest.get("layers").size();
  }

  /** The layers' digests, bottom first. */
  List<String> digests() {
    List<String> digests = new ArrayList<>();
    manifest.get("layers").forEach(layer -> digests.add(layer.get("digest").asText()));
    return digests;
  }

  /** The entries of layer {@code index} (0 is the bottom one). */
  List<Entry> entries(int index) throws IOException, InterruptedException {
    Path layer = blob(layout, manifest.get("layers").get(index).get("digest").asText());
    List<Entry> entries = new ArrayList<>();
    for (String line :
        tar("--numeric-owner", "--full-time", "-tvzf", layer.toString()).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      // drwxr-xr-x 10001/0 0 1970-01-01 00:00:00 app/data/
      String[] f = line.split("\\s+", 6);
      entries.add(new Entry(f[0], f[1], f[3] + " " + f[4], f[5].replaceFirst(" -> .*$", "")));
    }
    return entries;
  }

  /** The content of {@code path} in layer {@code index}. */
  String content(int index, String path) throws IOException, InterruptedException {
    Path layer = blob(layout, manifest.get("layers").get(index).get("digest").asText());
    return tar("-xzOf", layer.toString(), path);
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private static String tar(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("tar failed: " + command + "\n" + out);
    }
    return out;
  }
}
