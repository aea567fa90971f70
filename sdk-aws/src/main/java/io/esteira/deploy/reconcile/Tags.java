package io.esteira.deploy.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.project.DeployableProject;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags every resource of a project carries: project, environment, owner, version, managed-by.
 * They are the task definition artifact's own tags, so the generator stays the one place that
 * decides them.
 */
final class Tags {

  private Tags() {}

  static Map<String, String> of(DeployableProject project) {
    Map<String, String> tags = new TreeMap<>();
    try {
      JsonNode list = Json.mapper().readTree(project.taskDefinition()).path("tags");
      list.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(project.source() + ": task definition is not JSON", e);
    }
    tags.putIfAbsent("project", project.name());
    tags.putIfAbsent("environment", project.environment());
    tags.putIfAbsent("version", project.model().version());
    tags.putIfAbsent("managed-by", "esteira");
    return Collections.unmodifiableMap(tags);
  }
}
