package io.esteira.operate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * The projects deployed to an environment, as their state machines say: every state machine of the
 * region tagged {@code managed-by=esteira} and {@code environment=<env>}, by the {@code project}
 * tag. Tags rather than names, because with {@code naming.environment_suffix} off a name does not
 * say its environment, and a state machine someone else made may end in {@code -workflow} too.
 */
public final class DeployedProjects {

  private DeployedProjects() {}

  /** The projects, by name, with their state machines' ARNs, sorted by name. */
  public static Map<String, String> of(OperateContext context) {
    List<StateMachineListItem> machines = new ArrayList<>();
    context
        .aws()
        .sfn()
        .listStateMachinesPaginator(r -> r.maxResults(1000))
        .stateMachines()
        .forEach(machines::add);
    Map<String, String> projects = new TreeMap<>();
    for (StateMachineListItem machine : machines) {
      Map<String, String> tags =
          context
              .aws()
              .sfn()
              .listTagsForResource(r -> r.resourceArn(machine.stateMachineArn()))
              .tags()
              .stream()
              .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
      if ("esteira".equals(tags.get("managed-by"))
          && context.environment().equals(tags.get("environment"))
          && tags.containsKey("project")) {
        projects.put(tags.get("project"), machine.stateMachineArn());
      }
    }
    return projects;
  }
}
