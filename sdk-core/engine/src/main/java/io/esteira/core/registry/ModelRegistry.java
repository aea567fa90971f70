package io.esteira.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Message;
import io.esteira.mlflow.MlflowException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The MLflow model registry as Esteira uses it: read a model's versions, register a version,
 * promote one, and read who promoted what.
 *
 * <p>Every request goes through {@link MlflowHttp}, which never retries; reads cost two requests
 * per model ({@code registered-models/get} for the aliases, {@code model-versions/search} for the
 * versions, their stages and tags). A promotion's order of calls is in {@link Promoter}.
 */
public final class ModelRegistry {

  private final MlflowHttp http;
  private final RegistryMode mode;
  private final Clock clock;

  public ModelRegistry(MlflowHttp http, RegistryMode mode) {
    this(http, mode, Clock.systemUTC());
  }

  public ModelRegistry(MlflowHttp http, RegistryMode mode, Clock clock) {
    this.http = http;
    this.mode = mode;
    this.clock = clock;
  }

  public RegistryMode mode() {
    return mode;
  }

  public MlflowHttp http() {
    return http;
  }

  /**
   * A model's versions and aliases, newest first: two requests.
   *
   * @throws MlflowException {@link Message#MLFLOW_UNKNOWN_MODEL} when there is no such model
   */
  public ModelSnapshot snapshot(String model) {
    JsonNode registered;
    try {
      registered = http.get("registered-models/get", Map.of("name", model));
    } catch (MlflowException e) {
      if (e.kind() == MlflowException.Kind.NOT_FOUND) {
        throw new MlflowException(
            MlflowException.Kind.NOT_FOUND,
            EngineMessage.MLFLOW_UNKNOWN_MODEL,
            model,
            http.connection().trackingUri());
      }
      throw e;
    }
    Map<String, Integer> aliases = new TreeMap<>();
    for (JsonNode a : registered.path("registered_model").path("aliases")) {
      aliases.put(a.path("alias").asText(), a.path("version").asInt());
    }
    List<RegisteredVersion> versions = new ArrayList<>();
    String pageToken = "";
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("filter", "name='" + model.replace("'", "\\'") + "'");
      query.put("max_results", "1000");
      if (!pageToken.isEmpty()) {
        query.put("page_token", pageToken);
      }
      JsonNode page = http.get("model-versions/search", query);
      for (JsonNode v : page.path("model_versions")) {
        versions.add(version(model, v, aliases));
      }
      pageToken = page.path("next_page_token").asText("");
    } while (!pageToken.isEmpty());
    return new ModelSnapshot(model, mode, versions, new TreeMap<>(aliases));
  }

  /** {@link #snapshot} with each version's run metrics: one more request per version with a run. */
  public ModelSnapshot list(String model) {
    ModelSnapshot snapshot = snapshot(model);
    List<RegisteredVersion> withMetrics = new ArrayList<>();
    for (RegisteredVersion v : snapshot.versions()) {
      withMetrics.add(v.runId().isEmpty() ? v : v.withMetrics(runMetrics(v.runId())));
    }
    return new ModelSnapshot(model, mode, withMetrics, snapshot.aliases());
  }

  /** Every promotion and archival recorded on the model's versions, oldest first. */
  public List<PromotionEvent> history(String model) {
    List<PromotionEvent> events = new ArrayList<>();
    for (RegisteredVersion v : snapshot(model).versions()) {
      events.addAll(PromotionEvent.read(v));
    }
    events.sort(PromotionEvent.ORDER);
    return events;
  }

  /**
   * Promotes a version; see {@link Promoter} for the order of calls and what a failure leaves.
   *
   * @param target {@code Staging}, {@code Production} or an alias
   */
  public Promotion promote(String model, int version, PromotionTarget target, Actor actor) {
    return new Promoter(this, http, clock).promote(model, version, target, actor);
  }

  /**
   * Registers a version of a model from a run's artifact, creating the model if it is missing. Safe
   * to repeat: a version already registered from the same run and source is returned, not
   * registered again (so a retried step never adds a duplicate version).
   */
  public RegisteredVersion register(String model, String runId, String source) {
    try {
      http.post("registered-models/create", Map.of("name", model));
    } catch (MlflowException e) {
      if (e.kind() != MlflowException.Kind.REFUSED
          || !e.getMessage().contains("RESOURCE_ALREADY_EXISTS")) {
        throw e;
      }
    }
    Optional<RegisteredVersion> existing = findRegistered(model, runId, source);
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, Object> body = new HashMap<>();
    body.put("name", model);
    body.put("source", source);
    body.put("run_id", runId);
    JsonNode created = http.post("model-versions/create", body);
    return version(model, created.path("model_version"), Map.of());
  }

  private Optional<RegisteredVersion> findRegistered(String model, String runId, String source) {
    if (runId.isEmpty()) {
      return Optional.empty();
    }
    JsonNode page =
        http.get(
            "model-versions/search",
            Map.of(
                "filter",
                "name='" + model.replace("'", "\\'") + "' and run_id='" + runId + "'",
                "max_results",
                "1000"));
    for (JsonNode v : page.path("model_versions")) {
      if (source.equals(v.path("source").asText())) {
        return Optional.of(version(model, v, Map.of()));
      }
    }
    return Optional.empty();
  }

  private Map<String, Double> runMetrics(String runId) {
    Map<String, Double> metrics = new TreeMap<>();
    try {
      JsonNode run = http.get("runs/get", Map.of("run_id", runId));
      for (JsonNode m : run.path("run").path("data").path("metrics")) {
        metrics.put(m.path("key").asText(), m.path("value").asDouble());
      }
    } catch (MlflowException e) {
      if (e.kind() != MlflowException.Kind.NOT_FOUND) {
        throw e;
      }
      // A deleted run: the version stays listed, without metrics.
    }
    return metrics;
  }

  RegisteredVersion version(String model, JsonNode v, Map<String, Integer> aliases) {
    int number = v.path("version").asInt();
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode t : v.path("tags")) {
      tags.put(t.path("key").asText(), t.path("value").asText());
    }
    List<String> pointing = new ArrayList<>();
    aliases.forEach(
        (alias, n) -> {
          if (n == number) {
            pointing.add(alias);
          }
        });
    return new RegisteredVersion(
        model,
        number,
        stage(v.path("current_stage").asText(RegisteredVersion.NONE), pointing, tags),
        pointing,
        v.path("status").asText(RegisteredVersion.READY),
        v.path("run_id").asText(""),
        Instant.ofEpochMilli(v.path("creation_timestamp").asLong()),
        new TreeMap<>(tags),
        new TreeMap<>());
  }

  private String stage(String currentStage, List<String> aliases, Map<String, String> tags) {
    if (mode == RegistryMode.STAGES) {
      return currentStage;
    }
    if (aliases.contains(RegistryMode.aliasOf(RegisteredVersion.PRODUCTION))) {
      return RegisteredVersion.PRODUCTION;
    }
    if (aliases.contains(RegistryMode.aliasOf(RegisteredVersion.STAGING))) {
      return RegisteredVersion.STAGING;
    }
    if ("true".equals(tags.get(Tags.ARCHIVED))) {
      return RegisteredVersion.ARCHIVED;
    }
    return RegisteredVersion.NONE;
  }

  /**
   * Who is promoting, and from which commit.
   *
   * @param by a user name ({@code GITHUB_ACTOR} in CI)
   * @param commit the commit being shipped ({@code GITHUB_SHA}), empty when unknown
   */
  public record Actor(String by, String commit) {
    public Actor {
      by = by == null || by.isBlank() ? "unknown" : by;
      commit = commit == null ? "" : commit.strip();
    }
  }
}
