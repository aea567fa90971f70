package io.esteira.deploy.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.plan.PlanItem.FieldChange;
import java.util.ArrayList;
import java.util.List;

/** Prints plan items for people (one line per resource, a line per changed field) and machines. */
public final class PlanPrinter {

  private PlanPrinter() {}

  /** {@code recsys: update task definition recsys} then {@code memory: 4096 -> 8192}. */
  public static List<String> text(PlanItem item) {
    List<String> lines = new ArrayList<>();
    String who = item.project().isEmpty() ? "(shared)" : item.project();
    lines.add(who + ": " + item.action().label() + " " + item.kind() + " " + item.name());
    if (item.action() != Action.NO_CHANGE) {
      for (FieldChange change : item.changes()) {
        lines.add(
            "    "
                + change.field()
                + ": "
                + (item.action() == Action.CREATE
                    ? shorten(change.after())
                    : shorten(change.before()) + " -> " + shorten(change.after())));
      }
    }
    return lines;
  }

  /** {@code 12 to create, 1 to update, 3 unchanged}. */
  public static String summary(List<PlanItem> items) {
    long create = items.stream().filter(i -> i.action() == Action.CREATE).count();
    long update = items.stream().filter(i -> i.action() == Action.UPDATE).count();
    long same = items.size() - create - update;
    return create + " to create, " + update + " to update, " + same + " unchanged";
  }

  /**
   * The plan as JSON: {@code {"environment", "resources": [{project, kind, name, action,
   * changes}]}}.
   */
  public static String json(String environment, List<PlanItem> items, List<String> failed) {
    ObjectNode root = Json.object();
    root.put("environment", environment);
    ArrayNode resources = root.putArray("resources");
    for (PlanItem item : items) {
      ObjectNode resource = resources.addObject();
      resource.put("project", item.project());
      resource.put("kind", item.kind());
      resource.put("name", item.name());
      resource.put("action", item.action().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode changes = resource.putArray("changes");
      for (FieldChange change : item.changes()) {
        changes
            .addObject()
            .put("field", change.field())
            .put("before", change.before())
            .put("after", change.after());
      }
    }
    ArrayNode failures = root.putArray("failedProjects");
    failed.forEach(failures::add);
    return Json.write(root);
  }

  /** Long values (policies, definitions) are cut so a plan stays readable; JSON output has all. */
  static String shorten(String value) {
    if (value.isEmpty()) {
      return "(none)";
    }
    return value.length() <= 160 ? value : value.substring(0, 157) + "...";
  }
}
