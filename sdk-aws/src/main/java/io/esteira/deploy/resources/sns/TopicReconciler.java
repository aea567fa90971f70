package io.esteira.deploy.resources.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * An SNS topic the state machine publishes to, with an e-mail subscription per address of {@code
 * notifications}. Each new address gets AWS's confirmation e-mail; a pending subscription counts as
 * present, so a redeploy does not send another. An address no longer listed is unsubscribed, unless
 * its subscription is still pending confirmation: AWS offers no call that removes one, so the plan
 * notes it and leaves it (once confirmed, the next deploy unsubscribes it). Subscriptions of other
 * protocols are someone else's and are left alone.
 *
 * <p>When an EventBridge rule publishes to the topic (the execution-level notice), the topic's
 * access policy holds a statement that lets EventBridge publish for that rule only ({@link
 * TopicPolicy}); the policy's other statements are kept as they are.
 */
public final class TopicReconciler implements Reconciler {

  static final String KIND = "SNS topic";

  private final DeployContext context;
  private final SnsClient sns;
  private final String name;
  private final List<String> emails;
  private final String output;
  private final Optional<String> publishingRule;

  /** A topic no rule publishes to. */
  public TopicReconciler(DeployContext context, String name, List<String> emails, String output) {
    this(context, name, emails, output, Optional.empty());
  }

  /**
   * @param publishingRule the ARN of the EventBridge rule that may publish to the topic, if any
   */
  public TopicReconciler(
      DeployContext context,
      String name,
      List<String> emails,
      String output,
      Optional<String> publishingRule) {
    this.context = context;
    this.sns = context.aws().sns();
    this.name = name;
    this.emails = List.copyOf(new TreeSet<>(emails));
    this.output = output;
    this.publishingRule = publishingRule;
  }

  @Override
  public Planned plan() {
    String arn = context.arn("sns", name);
    context.output(output, arn);
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Map<String, String> nowTags;
    Optional<ObjectNode> statement =
        publishingRule.map(rule -> TopicPolicy.eventsStatement(arn, rule));
    String policy;
    try {
      policy = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("Policy");
      nowTags = new TreeMap<>();
      for (Tag tag : sns.listTagsForResource(r -> r.resourceArn(arn)).tags()) {
        nowTags.put(tag.key(), tag.value());
      }
    } catch (NotFoundException e) {
      diff.field("e-mail subscriptions", null, String.join(", ", emails));
      statement.ifPresent(s -> diff.field(POLICY_FIELD, null, TopicPolicy.show(s)));
      diff.tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            sns.createTopic(r -> r.name(name).tags(snsTags(tags)));
            emails.forEach(this::subscribe);
            if (statement.isPresent()) {
              // The policy SNS gave the new topic, with the statement added.
              String created =
                  sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("Policy");
              setPolicy(arn, TopicPolicy.withStatement(created, statement.get()));
            }
          });
    }
    Optional<ObjectNode> nowStatement = TopicPolicy.statement(policy);
    boolean policyWrong = statement.isPresent() && !statement.equals(nowStatement);
    if (policyWrong) {
      diff.field(
          POLICY_FIELD,
          nowStatement.map(TopicPolicy::show).orElse(null),
          TopicPolicy.show(statement.get()));
    }
    Subscriptions now = Subscriptions.read(sns, arn, emails);
    if (!now.missing().isEmpty() || !now.removable().isEmpty()) {
      diff.field(
          "e-mail subscriptions",
          String.join(", ", now.endpoints()),
          String.join(", ", now.after()));
    }
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changed("tags");
    PlanItem item =
        PlanItem.of(project, KIND, name, true, diff.changes()).withNotes(now.pendingNotes());
    return new Planned(
        item,
        () -> {
          now.missing().forEach(this::subscribe);
          now.removable()
              .keySet()
              .forEach(subscription -> sns.unsubscribe(r -> r.subscriptionArn(subscription)));
          if (tagsWrong) {
            sns.tagResource(r -> r.resourceArn(arn).tags(snsTags(tags)));
          }
          if (policyWrong) {
            setPolicy(arn, TopicPolicy.withStatement(policy, statement.get()));
          }
        });
  }

  /** What the plan calls the topic policy's statement for the rule. */
  static final String POLICY_FIELD = "access policy statement " + TopicPolicy.SID;

  private void setPolicy(String arn, String policy) {
    sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy").attributeValue(policy));
  }

  private void subscribe(String email) {
    sns.subscribe(r -> r.topicArn(context.arn("sns", name)).protocol("email").endpoint(email));
  }

  private static List<Tag> snsTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
