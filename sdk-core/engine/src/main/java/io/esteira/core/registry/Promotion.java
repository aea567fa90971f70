package io.esteira.core.registry;

import java.util.List;

/**
 * What a promotion did.
 *
 * @param model the registered model
 * @param version the promoted version
 * @param target where it now stands
 * @param applied true when this call moved it; false when it already stood there (a repeat)
 * @param archived the versions that left Production for it, newest first
 * @param calls how many MLflow requests the promotion took
 */
public record Promotion(
    String model,
    int version,
    PromotionTarget target,
    boolean applied,
    List<Integer> archived,
    long calls) {

  public Promotion {
    archived = List.copyOf(archived);
  }

  /** One line for the user. */
  public String summary() {
    String head = model + " v" + version;
    if (!applied) {
      return head + " is already in " + target.label() + "; nothing changed";
    }
    String tail =
        archived.isEmpty()
            ? ""
            : "; archived " + String.join(", ", archived.stream().map(v -> "v" + v).toList());
    String only = target.isProduction() ? " (the only Production version)" : "";
    return head + " promoted to " + target.label() + only + tail;
  }
}
