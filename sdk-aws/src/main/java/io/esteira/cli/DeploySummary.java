package io.esteira.cli;

import io.esteira.deploy.Deployer;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanPrinter;
import io.esteira.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last line of {@code plan} and {@code deploy}. A count of zeros after a failure reads as
 * "there was nothing to do", so a run that stopped says where, what it had changed by then, and
 * that a re-run resumes; a run stopped by a check before reading AWS says which check.
 */
final class DeploySummary {

  private DeploySummary() {}

  /** {@code deployed: 3 to create, ...}, or what stopped the deploy and what it changed. */
  static String deploy(Deployer.Result result, DeployProgress progress) {
    if (!result.problems().isEmpty()) {
      return "deploy stopped before any change: "
          + checks(result.problems())
          + "; nothing was"
          + " changed";
    }
    if (result.failedProjects().isEmpty()) {
      return "deployed: " + PlanPrinter.summary(result.items());
    }
    List<String> parts = new ArrayList<>();
    Map<String, PlanItem> failedAt = progress.failedAt();
    for (Map.Entry<String, PlanItem> failure : failedAt.entrySet()) {
      PlanItem item = failure.getValue();
      parts.add(
          failure.getKey()
              + " stopped at "
              + item.action().label()
              + " "
              + item.kind()
              + " "
              + item.name()
              + " after "
              + changes(progress.changes(failure.getKey())));
    }
    for (String project : result.failedProjects()) {
      if (!failedAt.containsKey(project) && !failedAt.containsKey("(shared)")) {
        parts.add(
            project
                + " was refused (see the error above) after "
                + changes(progress.changes(project)));
      }
    }
    List<String> deployed =
        result.items().stream()
            .map(PlanItem::project)
            .filter(p -> !p.isEmpty() && !result.failedProjects().contains(p))
            .distinct()
            .toList();
    String done =
        deployed.isEmpty()
            ? ""
            : "; deployed "
                + String.join(", ", deployed)
                + " ("
                + PlanPrinter.summary(result.items())
                + ")";
    return "deploy failed: "
        + String.join(", ", parts)
        + done
        + "; what was changed stays: run the same deploy again to resume from the failure";
  }

  /** {@code plan: 3 to create, ...}, or the check that stopped the plan. */
  static String plan(Deployer.Result result) {
    if (!result.problems().isEmpty()) {
      return "plan stopped before reading the AWS resources: " + checks(result.problems());
    }
    return "plan: "
        + PlanPrinter.summary(result.items())
        + (result.failedProjects().isEmpty()
            ? ""
            : "; not planned, as reading AWS failed: "
                + String.join(", ", result.failedProjects())
                + " (see the errors above)");
  }

  private static String changes(int count) {
    return count == 0
        ? "no change"
        : count
            + (count == 1 ? " change (the done: line above)" : " changes (the done: lines above)");
  }

  /** Which checks failed: the image check by name, any other by count. */
  private static String checks(List<Diagnostic> problems) {
    long images =
        problems.stream().filter(d -> d.message() == DeployMessage.DEPLOY_IMAGE_MISSING).count();
    long others = problems.size() - images;
    List<String> parts = new ArrayList<>();
    if (images > 0) {
      parts.add(
          "the image check found "
              + (images == 1 ? "an image" : images + " images")
              + " missing from ECR");
    }
    if (others > 0) {
      parts.add(
          (images > 0 ? "" : "the checks found ")
              + others
              + (others == 1 ? " problem" : " problems"));
    }
    return String.join(" and ", parts)
        + " (see the errors above)"
        + (images > 0
            ? "; build and push it with esteira image build --push, or pass --image PROJECT=URI"
                + " or --no-image-check"
            : "");
  }
}
