package io.esteira.deploy.resources.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * The e-mail subscriptions of one topic compared with the addresses that should receive it.
 *
 * <p>SNS lists a subscription that awaits its confirmation with the ARN {@code PendingConfirmation}
 * instead of its own, and {@code Unsubscribe} takes only an ARN, so such a subscription cannot be
 * removed: it is noted, not changed.
 *
 * @param endpoints every address subscribed by e-mail now, confirmed or not
 * @param missing the addresses to subscribe
 * @param removable the confirmed subscriptions of addresses no longer listed, their address by ARN,
 *     to unsubscribe (one address may hold several)
 * @param pending the addresses no longer listed whose subscription awaits confirmation
 * @param wanted the addresses that should be subscribed
 */
record Subscriptions(
    SortedSet<String> endpoints,
    List<String> missing,
    Map<String, String> removable,
    SortedSet<String> pending,
    List<String> wanted) {

  /** What SNS shows instead of the ARN of a subscription not yet confirmed. */
  static final String PENDING = "PendingConfirmation";

  /** Lists the topic's subscriptions; only protocol {@code email} is Esteira's to manage. */
  static Subscriptions read(SnsClient sns, String topicArn, List<String> wanted) {
    SortedSet<String> endpoints = new TreeSet<>();
    Map<String, String> removable = new TreeMap<>();
    SortedSet<String> pending = new TreeSet<>();
    for (Subscription s :
        sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions()) {
      if (!"email".equals(s.protocol())) {
        continue;
      }
      endpoints.add(s.endpoint());
      if (wanted.contains(s.endpoint())) {
        continue;
      }
      if (PENDING.equals(s.subscriptionArn())) {
        pending.add(s.endpoint());
      } else {
        removable.put(s.subscriptionArn(), s.endpoint());
      }
    }
    List<String> missing = wanted.stream().filter(e -> !endpoints.contains(e)).toList();
    return new Subscriptions(endpoints, missing, removable, pending, List.copyOf(wanted));
  }

  /**
   * The addresses subscribed after a deploy: those listed, and the pending ones it cannot remove.
   */
  List<String> after() {
    SortedSet<String> after = new TreeSet<>(wanted);
    after.addAll(pending);
    return new ArrayList<>(after);
  }

  /** One note per pending address no longer listed: why it stays and what ends it. */
  List<String> pendingNotes() {
    return pending.stream()
        .map(
            address ->
                address
                    + " is no longer listed but stays subscribed: its subscription is pending"
                    + " confirmation, which AWS does not let anyone unsubscribe; if the person"
                    + " confirms it, the next deploy unsubscribes it, and AWS drops it unconfirmed"
                    + " after a while")
        .toList();
  }
}
