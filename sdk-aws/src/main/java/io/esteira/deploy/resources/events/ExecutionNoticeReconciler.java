package io.esteira.deploy.resources.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The EventBridge rule on the default event bus that tells the failure topic of the executions the
 * state machine could not report itself ({@link ExecutionNotices}): its pattern, state, description
 * and tags, and Esteira's one target (id {@code esteira-failure-topic}: the topic, with the input
 * transformer that writes the message). Targets others added are left alone. The topic's access
 * policy lets this rule, and only it, publish ({@code TopicReconciler}).
 */
public final class ExecutionNoticeReconciler implements Reconciler {

  static final String KIND = "EventBridge rule";

  private final DeployContext context;
  private final EventBridgeClient events;
  private final String topicArn;

  /** The failure rule of the context's project, publishing to {@code topicArn}. */
  public ExecutionNoticeReconciler(DeployContext context, String topicArn) {
    this.context = context;
    this.events = context.aws().events();
    this.topicArn = topicArn;
  }

  @Override
  public Planned plan() {
    String name = context.names().failureRule();
    String machine = context.arn("states", "stateMachine:" + context.names().stateMachine());
    ObjectNode pattern = ExecutionNotices.failurePattern(machine);
    String patternText = Json.writeCompact(pattern).strip();
    String description =
        "Tells "
            + context.names().failureTopic()
            + " of executions of "
            + context.names().stateMachine()
            + " that ended badly in a way the state machine could not report itself (Esteira)";
    Target target =
        Target.builder()
            .id(ExecutionNotices.TARGET_ID)
            .arn(topicArn)
            .inputTransformer(
                InputTransformer.builder()
                    .inputPathsMap(ExecutionNotices.inputPaths())
                    .inputTemplate(
                        ExecutionNotices.failureTemplate(
                            context.project().name(),
                            context.project().environment(),
                            context.partition(),
                            context.region()))
                    .build())
            .build();
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    DescribeRuleResponse current;
    try {
      current = events.describeRule(r -> r.name(name));
    } catch (ResourceNotFoundException e) {
      diff.field("event pattern", null, patternText)
          .field("target", null, show(target))
          .tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            events.putRule(
                r ->
                    r.name(name)
                        .eventPattern(patternText)
                        .state(RuleState.ENABLED)
                        .description(description)
                        .tags(eventTags(tags)));
            events.putTargets(r -> r.rule(name).targets(target));
          });
    }
    // Compared as JSON, exactly (a field more in a pattern changes what it matches), and shown
    // whole: a pattern's parts mean little apart.
    if (!pattern.equals(parse(current.eventPattern()))) {
      diff.field("event pattern", current.eventPattern(), patternText);
    }
    diff.field("state", current.stateAsString(), RuleState.ENABLED.toString());
    diff.field("description", current.description(), description);
    boolean ruleWrong = !diff.isEmpty();
    Optional<Target> ours =
        // A rule has at most five targets: one page.
        events.listTargetsByRule(r -> r.rule(name)).targets().stream()
            .filter(t -> t.id().equals(ExecutionNotices.TARGET_ID))
            .findFirst();
    String nowTarget = ours.map(ExecutionNoticeReconciler::show).orElse(null);
    diff.field("target", nowTarget, show(target));
    boolean targetWrong = !show(target).equals(nowTarget);
    Map<String, String> nowTags = new TreeMap<>();
    events
        .listTagsForResource(r -> r.resourceARN(current.arn()))
        .tags()
        .forEach(t -> nowTags.put(t.key(), t.value()));
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (ruleWrong) {
            // PutRule replaces pattern, state and description, and leaves tags as they are.
            events.putRule(
                r ->
                    r.name(name)
                        .eventPattern(patternText)
                        .state(RuleState.ENABLED)
                        .description(description));
          }
          if (targetWrong) {
            events.putTargets(r -> r.rule(name).targets(target));
          }
          if (tagsWrong) {
            events.tagResource(r -> r.resourceARN(current.arn()).tags(eventTags(tags)));
          }
        });
  }

  /** A target as the plan shows it: where it goes, and the transformer's paths and template. */
  static String show(Target target) {
    StringBuilder text = new StringBuilder(target.arn());
    InputTransformer transformer = target.inputTransformer();
    if (transformer != null) {
      text.append(", input paths ")
          .append(new TreeMap<>(transformer.inputPathsMap()))
          .append(", template ")
          .append(transformer.inputTemplate());
    } else if (target.input() != null || target.inputPath() != null) {
      text.append(", input ").append(target.input() != null ? target.input() : target.inputPath());
    }
    return text.toString();
  }

  private static JsonNode parse(String text) {
    try {
      return text == null ? null : Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static List<Tag> eventTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
