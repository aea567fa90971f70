package io.esteira.deploy;

import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.plan.Reconciler.Planned;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The plan/apply loop, the one place it exists: each reconciler is built when its turn comes (so it
 * sees the values the ones before it recorded in the context), planned, told to the listener and,
 * when applying, changed before the next one is planned.
 *
 * <p>The first failure, reading or changing, is told to the listener and stops the pass; what was
 * changed before it stays, so a rerun finds it and goes on.
 */
final class PlanPass {

  private PlanPass() {}

  /**
   * Runs the reconcilers in order.
   *
   * @param owner the project the resources belong to, or empty for those every project shares
   * @return every item planned, or empty after a failure
   */
  static Optional<List<PlanItem>> run(
      String owner,
      DeployContext context,
      List<Function<DeployContext, Reconciler>> steps,
      DeployListener listener,
      boolean apply) {
    List<PlanItem> items = new ArrayList<>();
    for (Function<DeployContext, Reconciler> step : steps) {
      PlanItem item = null;
      try {
        Planned planned = step.apply(context).plan();
        item = planned.item();
        listener.planned(item);
        items.add(item);
        if (apply && item.changesSomething()) {
          listener.applying(item);
          planned.apply().run();
          listener.applied(item);
        }
      } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
        PlanItem failed =
            item != null
                ? item
                : new PlanItem(
                    owner, "resource", "(reading)", PlanItem.Action.NO_CHANGE, List.of());
        listener.failed(failed, message(e));
        return Optional.empty();
      }
    }
    return Optional.of(items);
  }

  /** AWS's own message, without the SDK's request id and attempt count. */
  static String message(Exception e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
