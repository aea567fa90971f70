package io.esteira.core.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.model.Batch;
import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.RuntimeSettings;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads {@code pipeline.json} back into models: the inverse of {@link PipelineJsonGenerator}, for
 * the local runner and the deployer, which never see annotations or {@code config.yaml}.
 *
 * <p>Versions 1 and 2 are read (version 1 has no step inputs or outputs). A file of another format
 * version, or one that is not what the generator writes, is refused with a {@link
 * PipelineJsonException} naming the file and the key at fault.
 */
public final class PipelineJsonReader {

  private PipelineJsonReader() {}

  /** A read {@code pipeline.json}: the project and its model per environment, in file order. */
  public record PipelineDocument(
      String project, String description, String version, Map<String, PipelineModel> models) {

    public PipelineDocument {
      models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** The environments the file holds, in file order. */
    public List<String> environments() {
      return List.copyOf(models.keySet());
    }

    /**
     * The model for {@code environment}.
     *
     * @throws PipelineJsonException when the file has no such environment
     */
    public PipelineModel model(String environment) {
      PipelineModel model = models.get(environment);
      if (model == null) {
        throw new PipelineJsonException(
            "pipeline.json of "
                + project
                + " has no environment '"
                + environment
                + "' (it has "
                + String.join(", ", models.keySet())
                + "); add it under environments: in config.yaml and rebuild");
      }
      return model;
    }
  }

  /** A {@code pipeline.json} that cannot be read; the message names the file and the fix. */
  public static final class PipelineJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineJsonException(String message) {
      super(message);
    }
  }

  /**
   * Reads the text of a {@code pipeline.json}; {@code source} names it in messages.
   *
   * @throws PipelineJsonException when it is not JSON, has another format version or misses a key
   */
  public static PipelineDocument read(String json, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new PipelineJsonException(
          source + " is not valid JSON (" + e.getOriginalMessage() + "); rebuild the project");
    }
    return new Reader(source).document(root);
  }

  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    PipelineDocument document(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw fail("", "is not a JSON object");
      }
      int format = integer(root, "formatVersion", "");
      if (format < 1 || format > PipelineJsonGenerator.FORMAT_VERSION) {
        throw new PipelineJsonException(
            source
                + " has format version "
                + format
                + " but this Esteira reads versions 1 to "
                + PipelineJsonGenerator.FORMAT_VERSION
                + "; rebuild the project with this Esteira version");
      }
      String project = text(root, "project", "");
      String description = text(root, "description", "");
      String version = text(root, "version", "");
      JsonNode environments = object(root, "environments", "");
      Map<String, PipelineModel> models = new LinkedHashMap<>();
      var fields = environments.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String at = "environments." + field.getKey();
        models.put(
            field.getKey(),
            model(project, description, field.getKey(), expectObject(field.getValue(), at), at));
      }
      if (models.isEmpty()) {
        throw fail("environments", "is empty");
      }
      return new PipelineDocument(project, description, version, models);
    }

    private PipelineModel model(
        String project, String description, String environment, JsonNode env, String at) {
      List<StepModel> steps = new ArrayList<>();
      JsonNode stepNodes = array(env, "steps", at);
      for (int i = 0; i < stepNodes.size(); i++) {
        String stepAt = at + ".steps[" + i + "]";
        steps.add(step(expectObject(stepNodes.get(i), stepAt), stepAt));
      }
      return new PipelineModel(
          project,
          description,
          text(env, "version", at),
          environment,
          strings(object(env, "owners", at), at + ".owners"),
          steps,
          schedule(object(env, "schedule", at), at + ".schedule"),
          runtime(object(env, "runtime", at), at + ".runtime"),
          infra(object(env, "infra", at), at + ".infra"),
          notifications(object(env, "notifications", at), at + ".notifications"),
          mlflow(object(env, "mlflow", at), at + ".mlflow"),
          batch(object(env, "batch", at), at + ".batch"));
    }

    private StepModel step(JsonNode node, String at) {
      JsonNode resources = object(node, "resources", at);
      List<String> dependsOn = new ArrayList<>();
      for (JsonNode dep : array(node, "dependsOn", at)) {
        dependsOn.add(dep.asText());
      }
      List<StepInput> inputs = new ArrayList<>();
      for (String input : optionalTexts(node, "inputs", at)) {
        int slash = input.indexOf('/');
        if (slash <= 0 || slash == input.length() - 1) {
          throw fail(at + ".inputs", "has '" + input + "', which is not <step>/<name>");
        }
        inputs.add(new StepInput(input.substring(0, slash), input.substring(slash + 1)));
      }
      return new StepModel(
          text(node, "id", at),
          text(node, "name", at),
          action(object(node, "action", at), at + ".action"),
          new io.esteira.core.model.Resources(
              number(resources, "cpu", at + ".resources"),
              number(resources, "memoryGb", at + ".resources")),
          integer(node, "timeoutSeconds", at),
          retry(object(node, "retry", at), at + ".retry"),
          retry(object(node, "infraRetry", at), at + ".infraRetry"),
          dependsOn,
          inputs,
          optionalTexts(node, "outputs", at));
    }

    private StepAction action(JsonNode node, String at) {
      String kind = text(node, "kind", at);
      return switch (kind) {
        case "command" -> new StepAction.Command(text(node, "command", at));
        case "java" ->
            new StepAction.JavaMethod(
                text(node, "className", at),
                text(node, "methodName", at),
                bool(node, "takesContext", at));
        default -> throw fail(at + ".kind", "is '" + kind + "', expected 'command' or 'java'");
      };
    }

    private RetryPolicy retry(JsonNode node, String at) {
      return new RetryPolicy(
          integer(node, "maxAttempts", at),
          integer(node, "intervalSeconds", at),
          number(node, "backoffRate", at),
          integer(node, "maxDelaySeconds", at),
          bool(node, "jitter", at));
    }

    private Schedule schedule(JsonNode node, String at) {
      return new Schedule(
          bool(node, "enabled", at),
          text(node, "source", at),
          text(node, "expression", at),
          text(node, "timezone", at),
          integer(node, "timeoutSeconds", at),
          integer(node, "retries", at));
    }

    private RuntimeSettings runtime(JsonNode node, String at) {
      return new RuntimeSettings(
          text(node, "pythonVersion", at),
          text(node, "requirementsFile", at),
          strings(object(node, "envVars", at), at + ".envVars"),
          strings(object(node, "secrets", at), at + ".secrets"));
    }

    private Infra infra(JsonNode node, String at) {
      return new Infra(
          text(node, "provider", at),
          text(node, "ec2Type", at),
          integer(node, "minQuantity", at),
          integer(node, "maxQuantity", at),
          bool(node, "spot", at));
    }

    private Notifications notifications(JsonNode node, String at) {
      return new Notifications(
          texts(array(node, "onSuccess", at)), texts(array(node, "onFailure", at)));
    }

    private MlflowSettings mlflow(JsonNode node, String at) {
      List<MlflowSettings.ModelGate> gates = new ArrayList<>();
      JsonNode models = array(node, "models", at);
      for (int i = 0; i < models.size(); i++) {
        String gateAt = at + ".models[" + i + "]";
        JsonNode gate = expectObject(models.get(i), gateAt);
        String kind = text(gate, "kind", gateAt);
        MlflowSettings.RequirementKind requirement;
        try {
          requirement = MlflowSettings.RequirementKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw fail(gateAt + ".kind", "is '" + kind + "', expected 'stage' or 'alias'");
        }
        gates.add(
            new MlflowSettings.ModelGate(
                text(gate, "model", gateAt), requirement, text(gate, "value", gateAt)));
      }
      return new MlflowSettings(text(node, "experiment", at), gates);
    }

    private Batch batch(JsonNode node, String at) {
      return new Batch(bool(node, "enabled", at), text(node, "orchestrator", at));
    }

    private SortedMap<String, String> strings(JsonNode node, String at) {
      SortedMap<String, String> map = new TreeMap<>();
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!field.getValue().isTextual()) {
          throw fail(at + "." + field.getKey(), "is not a string");
        }
        map.put(field.getKey(), field.getValue().asText());
      }
      return map;
    }

    /** The strings of an array that version 2 leaves out when empty (and version 1 never has). */
    private List<String> optionalTexts(JsonNode node, String key, String at) {
      if (!node.has(key)) {
        return List.of();
      }
      List<String> list = new ArrayList<>();
      for (JsonNode item : array(node, key, at)) {
        if (!item.isTextual()) {
          throw fail(join(at, key), "holds an item that is not a string");
        }
        list.add(item.asText());
      }
      return list;
    }

    private static List<String> texts(JsonNode array) {
      List<String> list = new ArrayList<>();
      array.forEach(node -> list.add(node.asText()));
      return list;
    }

    private JsonNode field(JsonNode node, String key, String at) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        throw fail(join(at, key), "is missing");
      }
      return value;
    }

    private String text(JsonNode node, String key, String at) {
      JsonNode value = field(node, key, at);
      if (!value.isTextual()) {
        throw fail(join(at, key), "is not a string");
      }
      return value.asText();
    }

    private int integer(JsonNode node, String key, String at) {
      JsonNode value = field(node, key, at);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw fail(join(at, key), "is not an integer");
      }
      return value.intValue();
    }

    private double number(JsonNode node, String key, String at) {
      JsonNode value = field(node, key, at);
      if (!value.isNumber()) {
        throw fail(join(at, key), "is not a number");
      }
      return value.doubleValue();
    }

    private boolean bool(JsonNode node, String key, String at) {
      JsonNode value = field(node, key, at);
      if (!value.isBoolean()) {
        throw fail(join(at, key), "is not true or false");
      }
      return value.booleanValue();
    }

    private JsonNode object(JsonNode node, String key, String at) {
      return expectObject(field(node, key, at), join(at, key));
    }

    private JsonNode array(JsonNode node, String key, String at) {
      JsonNode value = field(node, key, at);
      if (!value.isArray()) {
        throw fail(join(at, key), "is not an array");
      }
      return value;
    }

    private JsonNode expectObject(JsonNode value, String at) {
      if (!value.isObject()) {
        throw fail(at, "is not an object");
      }
      return value;
    }

    private static String join(String at, String key) {
      return at.isEmpty() ? key : at + "." + key;
    }

    private PipelineJsonException fail(String at, String problem) {
      return new PipelineJsonException(
          source
              + ": "
              + (at.isEmpty() ? "the document" : at)
              + " "
              + problem
              + "; the file is written by the build, so rebuild the project rather than edit it");
    }
  }
}
