package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lays an {@code environments.<env>} section over the top level of config.yaml, keeping every
 * node's position: mappings merge key by key, scalars and lists replace, except {@code
 * batch.pipeline.steps}, whose items merge with the step of the same {@code id}.
 */
final class Overlay {

  private static final String STEPS_PATH = "batch.pipeline.steps";

  private final String environment;
  private final Set<String> codeStepIds;
  private final Diagnostics out;

  private Overlay(String environment, Collection<String> codeStepIds, Diagnostics out) {
    this.environment = environment;
    this.codeStepIds = new LinkedHashSet<>(codeStepIds);
    this.out = out;
  }

  /**
   * The top level with the section laid over it. A step override may name a step of the file or a
   * {@code @Step} method ({@code codeStepIds}); any other id is reported.
   */
  static YamlNode.MapNode merge(
      YamlNode.MapNode base,
      YamlNode.MapNode section,
      String environment,
      Collection<String> codeStepIds,
      Diagnostics out) {
    return new Overlay(environment, codeStepIds, out).mergeMaps(base, section, "");
  }

  private YamlNode.MapNode mergeMaps(YamlNode.MapNode base, YamlNode.MapNode over, String path) {
    List<YamlNode.Entry> merged = new ArrayList<>();
    for (YamlNode.Entry entry : base.entries()) {
      Optional<YamlNode.Entry> replacement = over.entry(entry.key());
      merged.add(
          replacement.isEmpty()
              ? entry
              : new YamlNode.Entry(
                  entry.key(),
                  replacement.get().keyPosition(),
                  mergeValues(entry.value(), replacement.get().value(), child(path, entry.key()))));
    }
    for (YamlNode.Entry entry : over.entries()) {
      if (!base.has(entry.key())) {
        // New keys still go through the merge, so step overrides below them are checked.
        String childPath = child(path, entry.key());
        YamlNode empty =
            childPath.equals(STEPS_PATH)
                ? new YamlNode.ListNode(List.of(), entry.keyPosition())
                : new YamlNode.MapNode(List.of(), entry.value().position());
        merged.add(
            new YamlNode.Entry(
                entry.key(), entry.keyPosition(), mergeValues(empty, entry.value(), childPath)));
      }
    }
    return new YamlNode.MapNode(merged, base.position());
  }

  private YamlNode mergeValues(YamlNode base, YamlNode over, String path) {
    if (path.equals(STEPS_PATH)) {
      return mergeSteps(base, over);
    }
    if (base instanceof YamlNode.MapNode baseMap) {
      if (over instanceof YamlNode.MapNode overMap) {
        return mergeMaps(baseMap, overMap, path);
      }
      if (SchemaChecker.isNull(over)) {
        return base; // an empty section changes nothing
      }
    }
    return over;
  }

  private YamlNode mergeSteps(YamlNode base, YamlNode over) {
    if (!(over instanceof YamlNode.ListNode overList)) {
      return base; // an empty or ill-typed override (already reported) changes nothing
    }
    List<YamlNode> steps =
        base instanceof YamlNode.ListNode baseList
            ? new ArrayList<>(baseList.items())
            : new ArrayList<>();
    for (YamlNode item : overList.items()) {
      if (!(item instanceof YamlNode.MapNode overStep)) {
        continue;
      }
      Optional<Values.Value<String>> id = Values.string(overStep, "id");
      if (id.isEmpty()) {
        continue; // reported as a missing id where the section was checked
      }
      int index = indexOf(steps, id.get().value());
      if (index >= 0) {
        steps.set(
            index, mergeMaps((YamlNode.MapNode) steps.get(index), overStep, STEPS_PATH + "[]"));
      } else if (codeStepIds.contains(id.get().value())) {
        steps.add(overStep);
      } else {
        Set<String> known = new LinkedHashSet<>();
        for (YamlNode step : steps) {
          if (step instanceof YamlNode.MapNode map) {
            Values.string(map, "id").ifPresent(v -> known.add(v.value()));
          }
        }
        known.addAll(codeStepIds);
        out.error(
            EngineMessage.CONFIG_UNKNOWN_STEP_OVERRIDE,
            id.get().at(),
            environment,
            id.get().value(),
            DidYouMean.aside(id.get().value(), known));
      }
    }
    return new YamlNode.ListNode(steps, base.position());
  }

  private static int indexOf(List<YamlNode> steps, String id) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof YamlNode.MapNode map
          && Values.string(map, "id").map(v -> v.value().equals(id)).orElse(false)) {
        return i;
      }
    }
    return -1;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
