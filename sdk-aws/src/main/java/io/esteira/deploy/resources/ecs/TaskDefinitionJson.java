package io.esteira.deploy.resources.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Converts between the task definition artifact (the RegisterTaskDefinition body as JSON) and the
 * SDK's types, for the fields the generator writes. A field the generator writes but this class
 * does not know is refused: dropping it silently would deploy something else than the artifact.
 */
final class TaskDefinitionJson {

  static final Set<String> TASK_FIELDS =
      Set.of(
          "family",
          "requiresCompatibilities",
          "networkMode",
          "executionRoleArn",
          "taskRoleArn",
          "cpu",
          "memory",
          "containerDefinitions",
          "volumes",
          "tags");

  static final Set<String> CONTAINER_FIELDS =
      Set.of(
          "name",
          "image",
          "essential",
          "cpu",
          "memory",
          "environment",
          "secrets",
          "mountPoints",
          "dependsOn",
          "entryPoint",
          "command",
          "logConfiguration");

  private TaskDefinitionJson() {}

  /** The request registering {@code body} (tags included). */
  static RegisterTaskDefinitionRequest request(JsonNode body) {
    known(body, TASK_FIELDS, "the task definition");
    List<ContainerDefinition> containers = new ArrayList<>();
    for (JsonNode c : body.path("containerDefinitions")) {
      known(c, CONTAINER_FIELDS, "a container definition");
      LogConfiguration.Builder logs = LogConfiguration.builder();
      JsonNode log = c.path("logConfiguration");
      if (log.isObject()) {
        logs.logDriver(log.path("logDriver").asText());
        logs.options(Json.mapper().convertValue(log.path("options"), Map.class));
      }
      containers.add(
          ContainerDefinition.builder()
              .name(c.path("name").asText())
              .image(c.path("image").asText())
              .essential(c.path("essential").asBoolean())
              // The transfer containers have no CPU or memory of their own.
              .cpu(c.has("cpu") ? c.path("cpu").asInt() : null)
              .memory(c.has("memory") ? c.path("memory").asInt() : null)
              .entryPoint(texts(c.path("entryPoint")))
              .command(texts(c.path("command")))
              .mountPoints(
                  stream(c.path("mountPoints"))
                      .map(
                          m ->
                              MountPoint.builder()
                                  .sourceVolume(m.path("sourceVolume").asText())
                                  .containerPath(m.path("containerPath").asText())
                                  .readOnly(m.path("readOnly").asBoolean())
                                  .build())
                      .toList())
              .dependsOn(
                  stream(c.path("dependsOn"))
                      .map(
                          d ->
                              ContainerDependency.builder()
                                  .containerName(d.path("containerName").asText())
                                  .condition(d.path("condition").asText())
                                  .build())
                      .toList())
              .environment(
                  pairs(c.path("environment"), "name", "value").stream()
                      .map(p -> KeyValuePair.builder().name(p[0]).value(p[1]).build())
                      .toList())
              .secrets(
                  pairs(c.path("secrets"), "name", "valueFrom").stream()
                      .map(p -> Secret.builder().name(p[0]).valueFrom(p[1]).build())
                      .toList())
              .logConfiguration(log.isObject() ? logs.build() : null)
              .build());
    }
    List<String> compatibilities = new ArrayList<>();
    body.path("requiresCompatibilities").forEach(n -> compatibilities.add(n.asText()));
    return RegisterTaskDefinitionRequest.builder()
        .family(body.path("family").asText())
        .requiresCompatibilitiesWithStrings(compatibilities)
        .networkMode(body.path("networkMode").asText())
        .executionRoleArn(body.path("executionRoleArn").asText())
        .taskRoleArn(body.path("taskRoleArn").asText())
        .cpu(body.path("cpu").asText())
        .memory(body.path("memory").asText())
        .containerDefinitions(containers)
        .volumes(
            stream(body.path("volumes"))
                .map(v -> Volume.builder().name(v.path("name").asText()).build())
                .toList())
        .tags(
            pairs(body.path("tags"), "key", "value").stream()
                .map(
                    p ->
                        software.amazon.awssdk.services.ecs.model.Tag.builder()
                            .key(p[0])
                            .value(p[1])
                            .build())
                .toList())
        .build();
  }

  /** A registered revision in the artifact's shape, for comparing (tags left out). */
  static ObjectNode of(TaskDefinition td) {
    ObjectNode body = Json.object();
    body.put("family", td.family());
    ArrayNode compatibilities = body.putArray("requiresCompatibilities");
    td.requiresCompatibilitiesAsStrings().forEach(compatibilities::add);
    body.put("networkMode", td.networkModeAsString());
    body.put("executionRoleArn", td.executionRoleArn());
    body.put("taskRoleArn", td.taskRoleArn());
    body.put("cpu", td.cpu());
    body.put("memory", td.memory());
    ArrayNode containers = body.putArray("containerDefinitions");
    for (ContainerDefinition c : td.containerDefinitions()) {
      ObjectNode container = containers.addObject();
      container.put("name", c.name());
      container.put("image", c.image());
      container.put("essential", c.essential());
      if (c.cpu() != null && c.cpu() != 0) {
        container.put("cpu", c.cpu());
      }
      if (c.memory() != null) {
        container.put("memory", c.memory());
      }
      if (!c.entryPoint().isEmpty()) {
        ArrayNode entryPoint = container.putArray("entryPoint");
        c.entryPoint().forEach(entryPoint::add);
      }
      if (!c.command().isEmpty()) {
        ArrayNode command = container.putArray("command");
        c.command().forEach(command::add);
      }
      ArrayNode environment = container.putArray("environment");
      c.environment().stream()
          .sorted(java.util.Comparator.comparing(KeyValuePair::name))
          .forEach(p -> environment.addObject().put("name", p.name()).put("value", p.value()));
      ArrayNode secrets = container.putArray("secrets");
      c.secrets().stream()
          .sorted(java.util.Comparator.comparing(Secret::name))
          .forEach(s -> secrets.addObject().put("name", s.name()).put("valueFrom", s.valueFrom()));
      ArrayNode mounts = container.putArray("mountPoints");
      c.mountPoints()
          .forEach(
              m ->
                  mounts
                      .addObject()
                      .put("sourceVolume", m.sourceVolume())
                      .put("containerPath", m.containerPath())
                      .put("readOnly", Boolean.TRUE.equals(m.readOnly())));
      if (!c.dependsOn().isEmpty()) {
        ArrayNode dependsOn = container.putArray("dependsOn");
        c.dependsOn()
            .forEach(
                d ->
                    dependsOn
                        .addObject()
                        .put("containerName", d.containerName())
                        .put("condition", d.conditionAsString()));
      }
      if (c.logConfiguration() != null) {
        ObjectNode logs = container.putObject("logConfiguration");
        logs.put("logDriver", c.logConfiguration().logDriverAsString());
        ObjectNode options = logs.putObject("options");
        new java.util.TreeMap<>(c.logConfiguration().options()).forEach(options::put);
      }
    }
    ArrayNode volumes = body.putArray("volumes");
    td.volumes().forEach(v -> volumes.addObject().put("name", v.name()));
    return body;
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static List<String> texts(JsonNode array) {
    return stream(array).map(JsonNode::asText).toList();
  }

  private static List<String[]> pairs(JsonNode list, String key, String value) {
    List<String[]> pairs = new ArrayList<>();
    list.forEach(n -> pairs.add(new String[] {n.path(key).asText(), n.path(value).asText()}));
    return pairs;
  }

  private static void known(JsonNode node, Set<String> fields, String what) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException(
            what + " has the field '" + name + "', which this deployer cannot register yet");
      }
    }
  }
}
