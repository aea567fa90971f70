package io.esteira.deploy;

import io.esteira.deploy.plan.PlanItem;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a deploy reported, for assertions. */
final class RecordingListener implements DeployListener {

  final List<PlanItem> planned = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  @Override
  public synchronized void warning(String message) {
    warnings.add(message);
  }

  @Override
  public synchronized void planned(PlanItem item) {
    planned.add(item);
  }

  @Override
  public synchronized void failed(PlanItem item, String message) {
    failures.add(item.project() + " " + item.kind() + " " + item.name() + ": " + message);
  }
}
