package io.esteira.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunRecord} as {@code run.json} and reads it back (for {@code --resume} and the
 * HTML report). Instants are ISO-8601 UTC strings; a value not known yet is {@code null}. The file
 * is replaced atomically (written beside it, then renamed), so a reader or a crash never sees half
 * a file.
 */
public final class RunJson {

  /** The file name inside a run directory. */
  public static final String FILE = "run.json";

  /** The version of the file's layout; a reader refuses others. */
  public static final int FORMAT_VERSION = 1;

  private RunJson() {}

  /** The record as JSON text, with a trailing newline. */
  public static String write(RunRecord record) {
    return new Writer().write(record);
  }

  /**
   * Writes records of one run again and again, re-serialising only the steps that changed since the
   * last write: the run loop rewrites {@code run.json} on every change, and for a pipeline of 1,000
   * steps serialising every step each time would cost the runner more than the steps' own start.
   * The text is the same as {@link RunJson#write}'s.
   */
  static final class Writer {
    private final Map<String, StepRecord> written = new HashMap<>();
    private final Map<String, String> fragments = new HashMap<>();

    String write(RunRecord record) {
      ObjectNode root = Json.object();
      root.put("formatVersion", FORMAT_VERSION);
      root.put("runId", record.runId());
      root.put("project", record.project());
      root.put("environment", record.environment());
      root.put("status", record.status().name());
      root.put("startedAt", record.startedAt().toString());
      putInstant(root, "endedAt", record.endedAt());
      root.put("resumedFrom", record.resumedFrom());
      root.put("store", record.store());
      root.put("codeHash", record.codeHash());
      root.put("configHash", record.configHash());
      ArrayNode changed = root.putArray("changedSinceResumed");
      record.changedSinceResumed().forEach(changed::add);
      String head = Json.write(root);
      StringBuilder text = new StringBuilder(head.length() + record.steps().size() * 400);
      // The head ends with "\n}\n"; the steps array goes where its closing brace was.
      text.append(head, 0, head.length() - 3).append(",\n  \"steps\": [");
      boolean first = true;
      for (StepRecord step : record.steps()) {
        text.append(first ? "\n" : ",\n").append(fragment(step));
        first = false;
      }
      text.append(first ? "]" : "\n  ]").append("\n}\n");
      return text.toString();
    }

    /** The step as JSON indented to its place in the steps array, from the cache when unchanged. */
    private String fragment(StepRecord step) {
      if (step.equals(written.get(step.id()))) {
        return fragments.get(step.id());
      }
      String json = Json.write(stepNode(step));
      String indented = "    " + json.strip().replace("\n", "\n    ");
      written.put(step.id(), step);
      fragments.put(step.id(), indented);
      return indented;
    }
  }

  private static ObjectNode stepNode(StepRecord step) {
    ObjectNode s = Json.object();
    s.put("id", step.id());
    s.put("name", step.name());
    ArrayNode deps = s.putArray("dependsOn");
    step.dependsOn().forEach(deps::add);
    s.put("status", step.status().name());
    s.put("note", step.note());
    ArrayNode attempts = s.putArray("attempts");
    for (AttemptRecord attempt : step.attempts()) {
      ObjectNode a = attempts.addObject();
      a.put("number", attempt.number());
      a.put("startedAt", attempt.startedAt().toString());
      putInstant(a, "endedAt", attempt.endedAt());
      a.put("outcome", attempt.outcome() == null ? null : attempt.outcome().name());
      if (attempt.exitCode() == null) {
        a.putNull("exitCode");
      } else {
        a.put("exitCode", attempt.exitCode().intValue());
      }
      a.put("cause", attempt.cause());
      a.put("log", attempt.log());
      a.put("setupError", attempt.setupError());
    }
    ArrayNode outputs = s.putArray("outputs");
    for (StoredOutput output : step.outputs()) {
      ObjectNode o = outputs.addObject();
      o.put("name", output.name());
      o.put("size", output.size());
      o.put("sha256", output.sha256());
      o.put("path", output.path());
    }
    return s;
  }

  /** Replaces {@code file} with this text, atomically where the file system can. */
  static void writeTextTo(String text, Path file) throws IOException {
    replace(file, file.resolveSibling(file.getFileName() + ".tmp"), text);
  }

  /**
   * Writes {@code text} to {@code temporary}, then moves it over {@code file}. When either fails (a
   * full disk, a directory that cannot be written) the temporary file is removed, so a failed write
   * leaves the previous file and nothing beside it.
   */
  public static void replace(Path file, Path temporary, String text) throws IOException {
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Replaces {@code file} with the record, atomically where the file system can. */
  public static void writeTo(RunRecord record, Path file) throws IOException {
    writeTextTo(write(record), file);
  }

  /**
   * Reads a {@code run.json}.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a run record this version writes; the message
   *     says what is wrong
   */
  public static RunRecord read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses the text of a {@code run.json}; {@code source} names it in messages. */
  public static RunRecord parse(String json, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + " is not a JSON object");
    }
    int format = root.path("formatVersion").asInt(-1);
    if (format != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          source + " has format version " + format + ", this Esteira reads " + FORMAT_VERSION);
    }
    try {
      // Absent from files written before runs recorded what changed since the one they resumed.
      List<String> changed = new ArrayList<>();
      if (root.has("changedSinceResumed")) {
        array(root, "changedSinceResumed").forEach(c -> changed.add(c.asText()));
      }
      List<StepRecord> steps = new ArrayList<>();
      for (JsonNode s : array(root, "steps")) {
        List<String> deps = new ArrayList<>();
        array(s, "dependsOn").forEach(d -> deps.add(d.asText()));
        List<AttemptRecord> attempts = new ArrayList<>();
        for (JsonNode a : array(s, "attempts")) {
          String outcome = text(a, "outcome");
          attempts.add(
              new AttemptRecord(
                  a.path("number").asInt(),
                  instant(a, "startedAt"),
                  instant(a, "endedAt"),
                  outcome == null ? null : AttemptOutcome.valueOf(outcome),
                  a.hasNonNull("exitCode") ? a.get("exitCode").asInt() : null,
                  text(a, "cause"),
                  text(a, "log"),
                  // Absent from files written before setup errors were told apart: not one.
                  a.path("setupError").asBoolean(false)));
        }
        // Absent from files written before steps stored outputs: such a step stored nothing.
        List<StoredOutput> outputs = new ArrayList<>();
        if (s.has("outputs")) {
          for (JsonNode o : array(s, "outputs")) {
            outputs.add(
                new StoredOutput(
                    text(o, "name"),
                    o.path("size").asLong(-1),
                    text(o, "sha256"),
                    text(o, "path")));
          }
        }
        steps.add(
            new StepRecord(
                text(s, "id"),
                text(s, "name"),
                deps,
                StepStatus.valueOf(text(s, "status")),
                attempts,
                text(s, "note"),
                outputs));
      }
      return new RunRecord(
          text(root, "runId"),
          text(root, "project"),
          text(root, "environment"),
          RunStatus.valueOf(text(root, "status")),
          instant(root, "startedAt"),
          instant(root, "endedAt"),
          text(root, "resumedFrom"),
          steps,
          text(root, "store"),
          text(root, "codeHash"),
          text(root, "configHash"),
          changed);
    } catch (NullPointerException | DateTimeParseException e) {
      throw new IllegalArgumentException(source + " misses a value or has a bad one: " + e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " has an unknown value: " + e.getMessage());
    }
  }

  private static void putInstant(ObjectNode node, String key, Instant instant) {
    node.put(key, instant == null ? null : instant.toString());
  }

  private static Iterable<JsonNode> array(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException("'" + key + "' is not a list");
    }
    return value;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode node, String key) {
    String text = text(node, key);
    return text == null ? null : Instant.parse(text);
  }
}
