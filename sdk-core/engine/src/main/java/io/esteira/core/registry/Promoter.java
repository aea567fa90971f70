package io.esteira.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.mlflow.MlflowException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One promotion, in an order that never leaves it half-applied.
 *
 * <p>Exactly one request changes where the version stands: in stages mode {@code transition-stage}
 * with {@code archive_existing_versions} (MLflow archives the old Production version in the same
 * database transaction), in aliases mode {@code registered-models/alias} (an alias points at one
 * version, so moving it is atomic). Before it, only picture-neutral writes: the {@code archived}
 * tag on the old Production version, which shows only once the {@code production} alias has left
 * it. If that request fails, one read decides: applied (go on), not applied (undo the tag, say
 * nothing changed) or unknown (the read failed too: say so). After it, the history tags are
 * written; a failure there leaves the promotion applied and says so. A final read checks the
 * outcome. Requests that fail are never retried, so a repeated command is the only retry, and every
 * step is safe to repeat.
 */
final class Promoter {

  private final ModelRegistry registry;
  private final MlflowHttp http;
  private final Clock clock;

  Promoter(ModelRegistry registry, MlflowHttp http, Clock clock) {
    this.registry = registry;
    this.http = http;
    this.clock = clock;
  }

  Promotion promote(String model, int number, PromotionTarget target, ModelRegistry.Actor actor) {
    target
        .aliasProblem()
        .ifPresent(
            problem -> {
              throw new MlflowException(
                  MlflowException.Kind.USAGE,
                  EngineMessage.MLFLOW_BAD_ALIAS,
                  target.label(),
                  problem);
            });
    long start = http.calls();
    RegistryMode mode = registry.mode();
    ModelSnapshot before = registry.snapshot(model);
    RegisteredVersion version =
        before
            .version(number)
            .orElseThrow(
                () ->
                    new MlflowException(
                        MlflowException.Kind.NOT_FOUND,
                        EngineMessage.MLFLOW_UNKNOWN_VERSION,
                        model,
                        number,
                        before.numbers()));
    if (!version.ready()) {
      throw new MlflowException(
          MlflowException.Kind.REFUSED,
          EngineMessage.MLFLOW_VERSION_NOT_READY,
          number,
          model,
          version.status());
    }
    if (!target.isProduction()
        && target.kind() == RequirementKind.STAGE
        && version.stage().equals(RegisteredVersion.PRODUCTION)) {
      throw new MlflowException(
          MlflowException.Kind.REFUSED,
          EngineMessage.MLFLOW_DEMOTION,
          number,
          model,
          target.label());
    }
    Instant now = clock.instant();
    if (standsAt(before, version, target)) {
      // A repeat, perhaps of a run whose bookkeeping failed: finish it, change nothing else.
      List<PromotionEvent> history = PromotionEvent.read(version);
      if (history.isEmpty() || !history.get(history.size() - 1).to().equals(target.label())) {
        record(version, target, actor, now, List.of());
      }
      return new Promotion(model, number, target, false, List.of(), http.calls() - start);
    }
    List<RegisteredVersion> previous =
        target.isProduction()
            ? before.inStage(RegisteredVersion.PRODUCTION).stream()
                .filter(v -> v.version() != number)
                .toList()
            : List.of();
    List<RegisteredVersion> tagged = new ArrayList<>();
    if (mode == RegistryMode.ALIASES) {
      for (RegisteredVersion p : previous) {
        if (!"true".equals(p.tags().get(Tags.ARCHIVED))) {
          setTag(p, Tags.ARCHIVED, "true");
          tagged.add(p);
        }
      }
    }
    try {
      commit(model, number, target, mode);
    } catch (MlflowException failed) {
      Boolean applied = appliedOrNull(model, number, target);
      if (applied == null) {
        throw new MlflowException(
            failed.kind(),
            failed,
            EngineMessage.MLFLOW_PROMOTION_UNKNOWN,
            model,
            number,
            target.label(),
            failed.diagnostic().text(),
            model);
      }
      if (!applied) {
        undo(tagged);
        throw new MlflowException(
            failed.kind(),
            failed,
            EngineMessage.MLFLOW_PROMOTION_NOT_APPLIED,
            model,
            number,
            target.label(),
            failed.diagnostic().text());
      }
    }
    try {
      if (mode == RegistryMode.ALIASES && target.kind() == RequirementKind.STAGE) {
        String staging = RegistryMode.aliasOf(RegisteredVersion.STAGING);
        if (target.isProduction() && before.aliases().getOrDefault(staging, -1) == number) {
          http.delete("registered-models/alias", Map.of("name", model, "alias", staging));
        }
        if (version.tags().containsKey(Tags.ARCHIVED)) {
          http.delete(
              "model-versions/delete-tag",
              Map.of("name", model, "version", String.valueOf(number), "key", Tags.ARCHIVED));
        }
      }
      record(version, target, actor, now, previous);
      if (!Boolean.TRUE.equals(appliedOrNull(model, number, target))) {
        throw new MlflowException(
            MlflowException.Kind.SERVER,
            EngineMessage.MLFLOW_PROMOTION_UNKNOWN,
            model,
            number,
            target.label(),
            "the check after it found another version there (a concurrent promotion?)",
            model);
      }
    } catch (MlflowException failed) {
      if (failed.message() == EngineMessage.MLFLOW_PROMOTION_UNKNOWN) {
        throw failed;
      }
      throw new MlflowException(
          failed.kind(),
          failed,
          EngineMessage.MLFLOW_PROMOTION_INCOMPLETE,
          model,
          number,
          target.label(),
          failed.diagnostic().text());
    }
    return new Promotion(
        model,
        number,
        target,
        true,
        previous.stream().map(RegisteredVersion::version).toList(),
        http.calls() - start);
  }

  /** Whether the version already stands where asked, with no other Production version beside it. */
  private static boolean standsAt(
      ModelSnapshot snapshot, RegisteredVersion version, PromotionTarget target) {
    if (target.byAlias(snapshot.mode())) {
      return snapshot.aliases().getOrDefault(target.alias(), -1) == version.version();
    }
    return version.stage().equals(target.value())
        && (!target.isProduction() || snapshot.inStage(RegisteredVersion.PRODUCTION).size() == 1);
  }

  private void commit(String model, int number, PromotionTarget target, RegistryMode mode) {
    if (target.byAlias(mode)) {
      http.post(
          "registered-models/alias",
          Map.of("name", model, "alias", target.alias(), "version", String.valueOf(number)));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", model);
      body.put("version", String.valueOf(number));
      body.put("stage", target.value());
      body.put("archive_existing_versions", target.isProduction());
      http.post("model-versions/transition-stage", body);
    }
  }

  /** One read: true when the promotion stands, false when not, null when the read failed. */
  private Boolean appliedOrNull(String model, int number, PromotionTarget target) {
    try {
      if (target.byAlias(registry.mode())) {
        JsonNode registered = http.get("registered-models/get", Map.of("name", model));
        for (JsonNode a : registered.path("registered_model").path("aliases")) {
          if (a.path("alias").asText().equals(target.alias())) {
            return a.path("version").asInt() == number;
          }
        }
        return false;
      }
      JsonNode page =
          http.get(
              "model-versions/search",
              Map.of("filter", "name='" + model.replace("'", "\\'") + "'", "max_results", "1000"));
      boolean there = false;
      int production = 0;
      for (JsonNode v : page.path("model_versions")) {
        String stage = v.path("current_stage").asText();
        production += RegisteredVersion.PRODUCTION.equals(stage) ? 1 : 0;
        there |= v.path("version").asInt() == number && target.value().equals(stage);
      }
      return there && (!target.isProduction() || production == 1);
    } catch (MlflowException e) {
      return null;
    }
  }

  private void record(
      RegisteredVersion version,
      PromotionTarget target,
      ModelRegistry.Actor actor,
      Instant now,
      List<RegisteredVersion> archived) {
    PromotionEvent promoted =
        new PromotionEvent(
            version.model(),
            version.version(),
            PromotionEvent.PROMOTED,
            target.label(),
            version.stage(),
            actor.by(),
            now,
            actor.commit());
    setTag(version, Tags.PROMOTED_BY, actor.by());
    setTag(version, Tags.PROMOTED_AT, now.toString());
    if (!actor.commit().isEmpty()) {
      setTag(version, Tags.COMMIT, actor.commit());
    } else if (version.tags().containsKey(Tags.COMMIT)) {
      // No commit known: an empty tag says nothing, and an earlier promotion's would mislead.
      http.delete(
          "model-versions/delete-tag",
          Map.of(
              "name", version.model(),
              "version", String.valueOf(version.version()),
              "key", Tags.COMMIT));
    }
    setTag(version, Tags.HISTORY, promoted.appendTo(version.tags().get(Tags.HISTORY)));
    for (RegisteredVersion p : archived) {
      PromotionEvent event =
          new PromotionEvent(
              p.model(),
              p.version(),
              PromotionEvent.ARCHIVED,
              RegisteredVersion.ARCHIVED,
              p.stage(),
              actor.by(),
              now,
              actor.commit());
      setTag(p, Tags.HISTORY, event.appendTo(p.tags().get(Tags.HISTORY)));
    }
  }

  private void undo(List<RegisteredVersion> tagged) {
    for (RegisteredVersion p : tagged) {
      try {
        http.delete(
            "model-versions/delete-tag",
            Map.of(
                "name", p.model(), "version", String.valueOf(p.version()), "key", Tags.ARCHIVED));
      } catch (MlflowException e) {
        // The production alias still points at it, so the tag does not change the picture.
      }
    }
  }

  private void setTag(RegisteredVersion v, String key, String value) {
    http.post(
        "model-versions/set-tag",
        Map.of(
            "name", v.model(), "version", String.valueOf(v.version()), "key", key, "value", value));
  }
}
