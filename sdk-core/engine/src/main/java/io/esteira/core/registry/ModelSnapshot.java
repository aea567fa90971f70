package io.esteira.core.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A registered model's versions and aliases as one read found them.
 *
 * @param model the registered model name
 * @param mode how stages were derived
 * @param versions every version, newest first
 * @param aliases alias to version number, sorted by alias
 */
public record ModelSnapshot(
    String model,
    RegistryMode mode,
    List<RegisteredVersion> versions,
    SortedMap<String, Integer> aliases) {

  public ModelSnapshot {
    versions =
        versions.stream()
            .sorted(Comparator.comparingInt(RegisteredVersion::version).reversed())
            .toList();
    aliases = new TreeMap<>(aliases);
  }

  public Optional<RegisteredVersion> version(int number) {
    return versions.stream().filter(v -> v.version() == number).findFirst();
  }

  /** The versions in this stage, newest first. */
  public List<RegisteredVersion> inStage(String stage) {
    return versions.stream().filter(v -> v.stage().equals(stage)).toList();
  }

  /** The version an alias points at. */
  public Optional<RegisteredVersion> byAlias(String alias) {
    Integer number = aliases.get(alias);
    return number == null ? Optional.empty() : version(number);
  }

  /** {@code v4 Staging, v3 Production, v2 Archived, v1 None}, or {@code none}. */
  public String describe() {
    if (versions.isEmpty()) {
      return "none";
    }
    return String.join(", ", versions.stream().map(RegisteredVersion::describe).toList());
  }

  /** Version numbers as text for messages: {@code 4, 3, 2, 1}. */
  public String numbers() {
    return versions.isEmpty()
        ? "none"
        : String.join(", ", versions.stream().map(v -> String.valueOf(v.version())).toList());
  }
}
