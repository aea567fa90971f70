package io.esteira.deploy.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.registry.GateReport;
import io.esteira.core.registry.GateResult;
import io.esteira.core.registry.RegisteredVersion;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.plan.PlanItem.FieldChange;
import io.esteira.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Prints plan items for people (one line per resource, a line per changed field) and machines. */
public final class PlanPrinter {

  /** Continuation lines of a multi-line value, indented under its field. */
  private static final String BLOCK_INDENT = "      ";

  private PlanPrinter() {}

  /** {@code recsys: update task definition recsys} then {@code memory: 4096 -> 8192}. */
  public static List<String> text(PlanItem item) {
    List<String> lines = new ArrayList<>();
    String who = item.project().isEmpty() ? "(shared)" : item.project();
    lines.add(who + ": " + item.action().label() + " " + item.kind() + " " + item.name());
    if (item.action() != Action.NO_CHANGE) {
      for (FieldChange change : item.changes()) {
        String before = shorten(change.before());
        String after = shorten(change.after());
        if (item.action() == Action.CREATE) {
          field(lines, change.field(), after);
        } else if (multiLine(before) || multiLine(after)) {
          field(lines, change.field() + " (before)", before);
          field(lines, change.field() + " (after)", after);
        } else {
          lines.add("    " + change.field() + ": " + before + " -> " + after);
        }
      }
    }
    for (String note : item.notes()) {
      List<String> noteLines = note.lines().toList();
      lines.add("    note: " + noteLines.get(0));
      noteLines.stream().skip(1).forEach(l -> lines.add(BLOCK_INDENT + l));
    }
    return lines;
  }

  /**
   * {@code field: value}, or, for a value of several lines (a shell command, a JSON document),
   * {@code field: |} and each line indented under it, as YAML writes a block: a line starting at
   * column 0 would read as the next resource.
   */
  private static void field(List<String> lines, String field, String value) {
    if (!multiLine(value)) {
      lines.add("    " + field + ": " + value);
      return;
    }
    lines.add("    " + field + ": |");
    value.lines().forEach(l -> lines.add(BLOCK_INDENT + l));
  }

  private static boolean multiLine(String value) {
    return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  }

  /** {@code 12 to create, 1 to update, 3 unchanged}. */
  public static String summary(List<PlanItem> items) {
    long create = items.stream().filter(i -> i.action() == Action.CREATE).count();
    long update = items.stream().filter(i -> i.action() == Action.UPDATE).count();
    long same = items.size() - create - update;
    return create + " to create, " + update + " to update, " + same + " unchanged";
  }

  /**
   * The plan as JSON: the model gate per project and model ({@code gates}, with what kept a gate
   * from being checked in {@code gateProblems}), the resources ({@code project, kind, name, action,
   * changes, notes}), the failed projects.
   */
  public static String json(
      String environment,
      List<PlanItem> items,
      List<String> failed,
      List<GateReport> gates,
      List<Diagnostic> gateProblems) {
    ObjectNode root = Json.object();
    root.put("environment", environment);
    ArrayNode gateNodes = root.putArray("gates");
    for (GateReport report : gates) {
      for (GateResult result : report.results()) {
        ObjectNode gate = gateNodes.addObject();
        gate.put("project", report.project());
        gate.put("model", result.model());
        gate.put("requirement", result.requirement());
        gate.put("passed", result.passed());
        result
            .version()
            .ifPresentOrElse(v -> gate.put("version", v), () -> gate.putNull("version"));
        ArrayNode versions = gate.putArray("versions");
        for (RegisteredVersion v : result.versions()) {
          versions.addObject().put("version", v.version()).put("stage", v.stage());
        }
        gate.put("fixCommand", result.fixCommand());
        gate.put("refusal", result.refusal().map(Diagnostic::render).orElse(""));
      }
    }
    ArrayNode problems = root.putArray("gateProblems");
    gateProblems.forEach(d -> problems.add(d.render()));
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
      ArrayNode notes = resource.putArray("notes");
      item.notes().forEach(notes::add);
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
