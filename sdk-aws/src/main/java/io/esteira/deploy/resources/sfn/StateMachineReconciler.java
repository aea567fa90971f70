package io.esteira.deploy.resources.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CloudWatchLogsLogGroup;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * The project's state machine, {@code <project>-workflow}: created, or updated when its definition
 * or role differs, each time publishing a version whose description names the commit deployed. The
 * definition is compared as JSON, so formatting never causes an update.
 *
 * <p>It logs to its own log group ({@link
 * io.esteira.deploy.reconcile.DeployNames#stateMachineLogGroup}) at level {@code ERROR}: a record
 * for each failed state, task and execution, with the error and cause, which outlive the execution
 * history's 90 days by the platform's retention. Execution data (the states' input and output) is
 * left out unless the platform's {@code logs.include_execution_data} says otherwise: it may hold
 * what executions were given. A change of logging alone updates the state machine without
 * publishing a version, since a version is of the definition and role.
 */
public final class StateMachineReconciler implements Reconciler {

  static final String KIND = "state machine";

  /** Step Functions caps a version description at 256 characters. */
  static final int MAX_DESCRIPTION = 256;

  private final DeployContext context;
  private final SfnClient sfn;
  private final Substitution substitution;
  private final String asl;

  public StateMachineReconciler(DeployContext context, Substitution substitution, String asl) {
    this.context = context;
    this.sfn = context.aws().sfn();
    this.substitution = substitution;
    this.asl = asl;
  }

  @Override
  public Planned plan() {
    String name = context.names().stateMachine();
    String arn = context.arn("states", "stateMachine:" + name);
    context.output(Placeholders.STATE_MACHINE_ARN, arn);
    ObjectNode definition = (ObjectNode) substitution.fill(Artifact.STATE_MACHINE, asl);
    renamed(definition);
    String role = context.iamArn("role/" + context.names().stateMachineRole());
    Map<String, String> tags = context.tags();
    String text = Json.writeCompact(definition).strip();
    String version = versionDescription();
    LoggingConfiguration logging = logging();
    String project = context.project().name();
    Diff diff = new Diff();
    DescribeStateMachineResponse current;
    try {
      current = sfn.describeStateMachine(r -> r.stateMachineArn(arn));
    } catch (StateMachineDoesNotExistException e) {
      diff.field("role", null, role)
          .field("logging", null, show(logging))
          .json("definition", null, definition)
          .tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () ->
              sfn.createStateMachine(
                  r ->
                      r.name(name)
                          .type(StateMachineType.STANDARD)
                          .definition(text)
                          .roleArn(role)
                          .loggingConfiguration(logging)
                          .publish(true)
                          .versionDescription(version)
                          .tags(sfnTags(tags))));
    }
    diff.field("role", current.roleArn(), role);
    diff.json("definition", parse(current.definition()), definition);
    boolean definitionWrong = !diff.isEmpty();
    boolean loggingWrong = !show(current.loggingConfiguration()).equals(show(logging));
    diff.field("logging", show(current.loggingConfiguration()), show(logging));
    Map<String, String> nowTags = new TreeMap<>();
    sfn.listTagsForResource(r -> r.resourceArn(arn))
        .tags()
        .forEach(t -> nowTags.put(t.key(), t.value()));
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (definitionWrong) {
            sfn.updateStateMachine(
                r ->
                    r.stateMachineArn(arn)
                        .definition(text)
                        .roleArn(role)
                        .loggingConfiguration(logging)
                        .publish(true)
                        .versionDescription(version));
          } else if (loggingWrong) {
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).loggingConfiguration(logging));
          }
          if (tagsWrong) {
            sfn.tagResource(r -> r.resourceArn(arn).tags(sfnTags(tags)));
          }
        });
  }

  /**
   * The artifact names the origin's cluster and capacity provider; the platform may suffix them.
   * Its Task states name Step Functions' integrations in the {@code aws} partition ({@code
   * arn:aws:states:::ecs:runTask.sync}), so that the file is a definition {@code aws stepfunctions
   * create-state-machine} takes as it is; in another partition they are moved to the caller's.
   */
  private void renamed(ObjectNode definition) {
    for (JsonNode state : definition.path("States")) {
      JsonNode assign = state.path("Assign");
      if (assign.has("cluster")) {
        ((ObjectNode) assign).put("cluster", context.names().cluster());
        for (JsonNode capacity : assign.path("capacity")) {
          ((ObjectNode) capacity).put("CapacityProvider", context.names().capacityProvider());
        }
      }
    }
    inPartition(definition.path("States"), context.partition());
  }

  /** The integration ARNs of every Task state, in Parallel branches too, moved to {@code to}. */
  static void inPartition(JsonNode states, String to) {
    if (to.equals(INTEGRATION_PARTITION)) {
      return;
    }
    for (JsonNode state : states) {
      String resource = state.path("Resource").asText("");
      if (resource.startsWith(INTEGRATION_PREFIX)) {
        ((ObjectNode) state).put("Resource", "arn:" + to + resource.substring("arn:aws".length()));
      }
      for (JsonNode branch : state.path("Branches")) {
        inPartition(branch.path("States"), to);
      }
    }
  }

  /** The partition the generator writes integration ARNs in. */
  static final String INTEGRATION_PARTITION = "aws";

  private static final String INTEGRATION_PREFIX = "arn:aws:states:::";

  /**
   * Level {@code ERROR} to the state machine's log group; Step Functions takes the group's ARN with
   * {@code :*} at the end.
   */
  private LoggingConfiguration logging() {
    String group =
        context.arn("logs", "log-group:" + context.names().stateMachineLogGroup() + ":*");
    return LoggingConfiguration.builder()
        .level(LogLevel.ERROR)
        .includeExecutionData(context.platform().logExecutionData())
        .destinations(
            LogDestination.builder()
                .cloudWatchLogsLogGroup(CloudWatchLogsLogGroup.builder().logGroupArn(group).build())
                .build())
        .build();
  }

  /** Logging as the plan shows it: {@code ERROR, execution data off, to <group ARN>}. */
  static String show(LoggingConfiguration logging) {
    if (logging == null || logging.level() == null || logging.level() == LogLevel.OFF) {
      return "off";
    }
    StringBuilder text = new StringBuilder(logging.levelAsString());
    text.append(
        Boolean.TRUE.equals(logging.includeExecutionData())
            ? ", execution data on"
            : ", execution data off");
    for (LogDestination destination : logging.destinations()) {
      if (destination.cloudWatchLogsLogGroup() != null) {
        text.append(", to ").append(destination.cloudWatchLogsLogGroup().logGroupArn());
      }
    }
    return text.toString();
  }

  private String versionDescription() {
    String text =
        "Esteira deploy of "
            + context.project().name()
            + " "
            + context.project().model().version()
            + (context.commit().isEmpty() ? "" : ", commit " + context.commit());
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) : text;
  }

  private static JsonNode parse(String definition) {
    try {
      return Json.mapper().readTree(definition);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static List<Tag> sfnTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
