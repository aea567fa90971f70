package io.esteira.core.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One version of a registered model, as both registry modes show it.
 *
 * @param model the registered model name
 * @param version the version number
 * @param stage where it stands: {@code None}, {@code Staging}, {@code Production} or {@code
 *     Archived}; in {@link RegistryMode#STAGES} mode MLflow's {@code current_stage}, in {@link
 *     RegistryMode#ALIASES} mode derived from the {@code production} and {@code staging} aliases
 *     and the {@code archived} tag
 * @param aliases the aliases pointing at it, sorted
 * @param status MLflow's registration status: {@code READY}, {@code PENDING_REGISTRATION}, {@code
 *     FAILED_REGISTRATION}
 * @param runId the run that produced it, empty when unknown
 * @param created when it was registered
 * @param tags its tags, sorted by key
 * @param metrics the latest metrics of its run, sorted by key; empty unless asked for
 */
public record RegisteredVersion(
    String model,
    int version,
    String stage,
    List<String> aliases,
    String status,
    String runId,
    Instant created,
    SortedMap<String, String> tags,
    SortedMap<String, Double> metrics) {

  public static final String NONE = "None";
  public static final String STAGING = "Staging";
  public static final String PRODUCTION = "Production";
  public static final String ARCHIVED = "Archived";
  public static final String READY = "READY";

  public RegisteredVersion {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(stage, "stage");
    aliases = aliases.stream().sorted().toList();
    Objects.requireNonNull(status, "status");
    runId = runId == null ? "" : runId;
    Objects.requireNonNull(created, "created");
    tags = new TreeMap<>(tags);
    metrics = new TreeMap<>(metrics);
  }

  public boolean ready() {
    return READY.equals(status);
  }

  /** The same version with its run's metrics. */
  public RegisteredVersion withMetrics(Map<String, Double> runMetrics) {
    return new RegisteredVersion(
        model, version, stage, aliases, status, runId, created, tags, new TreeMap<>(runMetrics));
  }

  /** {@code v4 Production}, with aliases that do not just repeat the stage. */
  public String describe() {
    List<String> other =
        aliases.stream().filter(a -> !a.equalsIgnoreCase(stage)).map(a -> "@" + a).toList();
    String status = ready() ? "" : " [" + this.status + "]";
    return "v" + version + " " + stage + (other.isEmpty() ? "" : " " + other) + status;
  }
}
