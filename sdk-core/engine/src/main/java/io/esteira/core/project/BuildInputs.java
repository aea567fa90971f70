package io.esteira.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the annotation processor read to write a project's artifacts: the {@code config.yaml} it
 * used and its SHA-256, or, when it found none, the directories it looked in. The processor writes
 * it as {@value #FILE} beside {@code pipeline.json}; the build plugin and the local runner compare
 * it with the file as it is now, because a hash, not a modification time, says whether the
 * artifacts are stale (a checkout or a copy changes times, not contents).
 *
 * <p>Paths are relative to the class output directory the artifacts were written to, with {@code /}
 * as separator, so the file has the same bytes on every machine and in every checkout. Without a
 * class output on the file system (a compiler writing to memory) only the file name is kept, since
 * no later build can find that output again; a path on another root (a Windows drive) stays
 * absolute.
 *
 * @param config where the config file was, when there was one
 * @param sha256 the SHA-256 of its bytes in lower-case hex, when there was one
 * @param searched the directories looked in when there was none
 */
public record BuildInputs(Optional<String> config, Optional<String> sha256, List<String> searched) {

  /** The file's name in {@code META-INF/esteira/<project>/}. */
  public static final String FILE = "inputs.json";

  private static final String CONFIG_FILE = ProjectLocator.CONFIG_FILE;

  public BuildInputs {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(sha256, "sha256");
    searched = List.copyOf(searched);
    if (config.isPresent() != sha256.isPresent()) {
      throw new IllegalArgumentException("a config file needs its hash, and only it");
    }
  }

  /**
   * The record of {@code config} (read now), or of its absence after a search of {@code searched}.
   *
   * @param classOutput the class output directory, or null when it is not on the file system
   * @throws IOException when {@code config} cannot be read
   */
  public static BuildInputs of(Path classOutput, Optional<Path> config, List<Path> searched)
      throws IOException {
    if (config.isPresent()) {
      Path file = config.get();
      return new BuildInputs(
          Optional.of(relative(classOutput, file)), Optional.of(sha256(file)), List.of());
    }
    return new BuildInputs(
        Optional.empty(),
        Optional.empty(),
        classOutput == null
            ? List.of()
            : searched.stream().map(dir -> relative(classOutput, dir)).toList());
  }

  /** The lower-case hex SHA-256 of the file's bytes. */
  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The JSON the processor writes; the same bytes for the same inputs. */
  public String render() {
    ObjectNode root = Json.object();
    ObjectNode node = root.putObject("config");
    if (config.isPresent()) {
      node.put("path", config.get());
      node.put("sha256", sha256.get());
    } else {
      node.putNull("path");
      ArrayNode dirs = node.putArray("searched");
      searched.forEach(dirs::add);
    }
    return Json.write(root);
  }

  /**
   * Reads what {@link #render} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such a record
   */
  public static BuildInputs parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    JsonNode node = root == null ? null : root.get("config");
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("no \"config\" object");
    }
    JsonNode path = node.path("path");
    if (path.isTextual()) {
      JsonNode hash = node.path("sha256");
      if (!hash.isTextual()) {
        throw new IllegalArgumentException("\"config.path\" without \"config.sha256\"");
      }
      return new BuildInputs(Optional.of(path.asText()), Optional.of(hash.asText()), List.of());
    }
    List<String> dirs = new ArrayList<>();
    node.path("searched").forEach(d -> dirs.add(d.asText()));
    return new BuildInputs(Optional.empty(), Optional.empty(), dirs);
  }

  /**
   * Why the artifacts recorded here are stale for the {@code config.yaml} as it is now, or empty
   * when they are not: the file changed or is gone, or, when there was none, one is now in a
   * directory the processor searched, or the file was a copy in the class output, which the
   * processor no longer reads ({@link ConfigSearch}).
   *
   * @param classOutput the class output directory the record's paths are relative to
   * @param now the config file the next build would read, when the caller knows it (an option that
   *     names it); otherwise the one the record names, or the search the record describes
   */
  public Optional<String> staleBecause(Path classOutput, Optional<Path> now) throws IOException {
    Optional<Path> recorded = config.map(c -> classOutput.resolve(c).toAbsolutePath().normalize());
    Optional<Path> current = now.map(p -> p.toAbsolutePath().normalize());
    if (current.isEmpty()
        && recorded.isPresent()
        && ConfigSearch.skips(classOutput, recorded.get().getParent())) {
      // An older processor read the copy of a resource that the search now skips.
      return Optional.of(
          "the artifacts were written from "
              + recorded.get()
              + ", a copy in the class output that the annotation processor no longer reads");
    }
    if (current.isEmpty()) {
      current = recorded.isPresent() ? recorded : found(classOutput);
    }
    if (recorded.isEmpty() && current.isEmpty()) {
      return Optional.empty();
    }
    if (recorded.isEmpty()) {
      return Optional.of(current.get() + " was not there when the artifacts were written");
    }
    if (!recorded.equals(current)) {
      return Optional.of(
          "the artifacts were written from "
              + recorded.get()
              + ", and the build now reads "
              + current.get());
    }
    Path file = current.get();
    if (!Files.isRegularFile(file)) {
      return Optional.of(file + " is gone since the artifacts were written from it");
    }
    if (!sha256(file).equals(sha256.get())) {
      return Optional.of(file + " changed since the artifacts were written from it");
    }
    return Optional.empty();
  }

  /**
   * The first {@code config.yaml} now in the directories the processor searched, but for one the
   * search now skips ({@link ConfigSearch}): an older processor searched the class output too.
   */
  private Optional<Path> found(Path classOutput) {
    for (String dir : searched) {
      Path candidate = classOutput.resolve(dir).resolve(CONFIG_FILE).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)
          && !ConfigSearch.skips(classOutput, candidate.getParent())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code path} relative to {@code base} with {@code /}, as the class documentation says. */
  private static String relative(Path base, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (base == null) {
      Path name = absolute.getFileName();
      return name == null ? "." : name.toString();
    }
    try {
      String relative = base.toAbsolutePath().normalize().relativize(absolute).toString();
      relative = relative.replace(absolute.getFileSystem().getSeparator(), "/");
      return relative.isEmpty() ? "." : relative;
    } catch (IllegalArgumentException e) {
      // Another root (a Windows drive): no relative path exists.
      return absolute.toString();
    }
  }
}
