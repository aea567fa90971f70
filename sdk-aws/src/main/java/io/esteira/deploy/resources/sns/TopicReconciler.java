package io.esteira.deploy.resources.sns;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import java.util.Map;
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
 */
public final class TopicReconciler implements Reconciler {

  static final String KIND = "SNS topic";

  private final DeployContext context;
  private final SnsClient sns;
  private final String name;
  private final List<String> emails;
  private final String output;

  public TopicReconciler(DeployContext context, String name, List<String> emails, String output) {
    this.context = context;
    this.sns = context.aws().sns();
    this.name = name;
    this.emails = List.copyOf(new TreeSet<>(emails));
    this.output = output;
  }

  @Override
  public Planned plan() {
    String arn = context.arn("sns", name);
    context.output(output, arn);
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Map<String, String> nowTags;
    try {
      sns.getTopicAttributes(r -> r.topicArn(arn));
      nowTags = new TreeMap<>();
      for (Tag tag : sns.listTagsForResource(r -> r.resourceArn(arn)).tags()) {
        nowTags.put(tag.key(), tag.value());
      }
    } catch (NotFoundException e) {
      diff.field("e-mail subscriptions", null, String.join(", ", emails)).tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            sns.createTopic(r -> r.name(name).tags(snsTags(tags)));
            emails.forEach(this::subscribe);
          });
    }
    Subscriptions now = Subscriptions.read(sns, arn, emails);
    if (!now.missing().isEmpty() || !now.removable().isEmpty()) {
      diff.field(
          "e-mail subscriptions",
          String.join(", ", now.endpoints()),
          String.join(", ", now.after()));
    }
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changes().stream().anyMatch(c -> c.field().equals("tags"));
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
        });
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
