package io.esteira.deploy.plan;

import java.util.List;
import java.util.Objects;

/**
 * What a deploy does to one resource of one project: create it, update it (with what changes), or
 * nothing.
 *
 * @param project the project, or empty for a resource all projects share
 * @param kind the kind of resource, such as {@code log group}
 * @param name its AWS name
 * @param action create, update or no change
 * @param changes for an update, each field that changes; for a create, each configured value
 * @param notes what the deploy leaves as it is although it differs, and why (such as a pending
 *     subscription AWS does not let anyone remove); a note alone changes nothing
 */
public record PlanItem(
    String project,
    String kind,
    String name,
    Action action,
    List<FieldChange> changes,
    List<String> notes) {

  /** What happens to the resource. */
  public enum Action {
    CREATE("create"),
    UPDATE("update"),
    NO_CHANGE("no change");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One field of a resource that a deploy sets.
   *
   * @param field its name, such as {@code retention} or {@code containerDefinitions[0].memory}
   * @param before its value now, empty when the resource does not exist
   * @param after its value after the deploy
   */
  public record FieldChange(String field, String before, String after) {
    public FieldChange {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  public PlanItem {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  /** An item without notes. */
  public PlanItem(
      String project, String kind, String name, Action action, List<FieldChange> changes) {
    this(project, kind, name, action, changes, List.of());
  }

  /** This item with {@code notes} instead of its own. */
  public PlanItem withNotes(List<String> notes) {
    return new PlanItem(project, kind, name, action, changes, notes);
  }

  /** Whether applying it calls AWS to change something. */
  public boolean changesSomething() {
    return action != Action.NO_CHANGE;
  }

  /** A create, or an update when {@code changes} is not empty, or no change. */
  public static PlanItem of(
      String project, String kind, String name, boolean exists, List<FieldChange> changes) {
    Action action = !exists ? Action.CREATE : changes.isEmpty() ? Action.NO_CHANGE : Action.UPDATE;
    return new PlanItem(project, kind, name, action, changes);
  }
}
