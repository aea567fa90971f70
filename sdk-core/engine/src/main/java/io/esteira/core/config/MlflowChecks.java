package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.Values.Value;
import io.esteira.core.model.MlflowSettings;
import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mlflow} section (an Esteira addition): checks it as written, and resolves the deploy
 * gates of one environment. A model listed by name alone, or without {@code require}, gets the
 * origin document's rule: Staging before a dev deploy, Production before a prd deploy.
 */
final class MlflowChecks {

  /** The origin document's rule. */
  static final Map<String, String> DEFAULT_REQUIREMENTS = defaults();

  private MlflowChecks() {}

  static void check(
      YamlNode.MapNode mlflow, String path, List<String> environments, Diagnostics out) {
    Values.string(mlflow, "experiment")
        .filter(v -> v.value().isBlank())
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_INVALID_VALUE,
                    v.at(),
                    path + ".experiment",
                    "blank",
                    "name the experiment, or leave the key out to use the project name"));
    List<YamlNode> models = Values.items(mlflow, "models");
    for (int i = 0; i < models.size(); i++) {
      String itemPath = path + ".models[" + i + "]";
      YamlNode item = models.get(i);
      if (item instanceof YamlNode.MapNode model) {
        if (!model.has("name")) {
          out.error(
              EngineMessage.CONFIG_MISSING_KEY, model.position(), "name", itemPath, "name: recsys");
        }
        Values.string(model, "name").ifPresent(v -> blankName(v, itemPath, out));
        for (YamlNode.Entry e : Values.entries(model, "require")) {
          if (!environments.contains(e.key())) {
            out.error(
                EngineMessage.CONFIG_UNKNOWN_ENVIRONMENT,
                e.keyPosition(),
                e.key(),
                DidYouMean.aside(e.key(), environments),
                String.join(", ", environments));
          }
          Values.text(e.value())
              .ifPresent(
                  v -> {
                    Formats.Requirement r = Formats.requirement(v.value());
                    if (!r.valid()) {
                      out.error(
                          EngineMessage.CONFIG_MLFLOW_REQUIREMENT, v.at(), v.value(), r.problem());
                    }
                  });
        }
      } else {
        Values.text(item).ifPresent(v -> blankName(v, itemPath, out));
      }
    }
  }

  private static void blankName(Value<String> v, String path, Diagnostics out) {
    if (v.value().isBlank()) {
      out.error(
          EngineMessage.CONFIG_INVALID_VALUE,
          v.at(),
          path + ".name",
          "blank",
          "write the registered model's name, such as recsys");
    }
  }

  /** The settings for one environment of the merged tree; checks have already run. */
  static MlflowSettings resolve(YamlNode.MapNode mlflow, String project, String environment) {
    String experiment = Values.string(mlflow, "experiment").map(Value::value).orElse(project);
    List<ModelGate> gates = new ArrayList<>();
    for (YamlNode item : Values.items(mlflow, "models")) {
      Optional<String> name;
      Map<String, String> require;
      if (item instanceof YamlNode.MapNode model) {
        name = Values.string(model, "name").map(Value::value);
        require = new LinkedHashMap<>();
        if (model.has("require")) {
          for (YamlNode.Entry e : Values.entries(model, "require")) {
            Values.text(e.value()).ifPresent(v -> require.put(e.key(), v.value()));
          }
        } else {
          require.putAll(DEFAULT_REQUIREMENTS);
        }
      } else {
        name = Values.text(item).map(Value::value);
        require = DEFAULT_REQUIREMENTS;
      }
      String wanted = require.get(environment);
      if (name.isPresent() && wanted != null) {
        Formats.Requirement r = Formats.requirement(wanted);
        if (r.valid()) {
          gates.add(new ModelGate(name.get(), r.kind(), r.value()));
        }
      }
    }
    return new MlflowSettings(experiment, gates);
  }

  private static Map<String, String> defaults() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("dev", "Staging");
    map.put("prd", "Production");
    return java.util.Collections.unmodifiableMap(map);
  }
}
