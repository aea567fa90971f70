package io.esteira.deploy;

import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The placeholder values of one project at this point of its deploy. */
final class Artifacts {

  /** Every placeholder this deployer fills (the list in {@link Placeholders}). */
  static final Set<String> KNOWN =
      Set.of(
          Placeholders.REGION,
          Placeholders.ACCOUNT_ID,
          Placeholders.IMAGE_URI,
          Placeholders.EXECUTION_ROLE_ARN,
          Placeholders.TASK_ROLE_ARN,
          Placeholders.TASK_DEFINITION_ARN,
          Placeholders.STATE_MACHINE_ARN,
          Placeholders.SCHEDULER_ROLE_ARN,
          Placeholders.FAILURE_TOPIC_ARN,
          Placeholders.SUCCESS_TOPIC_ARN,
          Placeholders.SUBNETS,
          Placeholders.SECURITY_GROUPS,
          Placeholders.MLFLOW_TRACKING_URI,
          Placeholders.MLFLOW_S3_ENDPOINT_URL,
          Placeholders.ARTIFACTS_BUCKET,
          Placeholders.TRANSFER_IMAGE);

  private Artifacts() {}

  static Substitution substitution(DeployContext context) {
    Map<String, String> values = new HashMap<>(context.outputs());
    values.remove(Placeholders.SECURITY_GROUPS);
    values.put(Placeholders.REGION, context.region());
    values.put(Placeholders.ACCOUNT_ID, context.account());
    values.put(Placeholders.IMAGE_URI, context.image());
    values.put(Placeholders.MLFLOW_TRACKING_URI, context.environment().mlflowTrackingUri());
    values.put(Placeholders.MLFLOW_S3_ENDPOINT_URL, context.environment().mlflowS3EndpointUrl());
    values.put(Placeholders.ARTIFACTS_BUCKET, context.artifactsBucket());
    values.put(Placeholders.TRANSFER_IMAGE, context.artifacts().transferImage());
    Map<String, List<String>> lists = new HashMap<>();
    lists.put(Placeholders.SUBNETS, context.environment().network().subnets());
    context
        .output(Placeholders.SECURITY_GROUPS)
        .ifPresent(id -> lists.put(Placeholders.SECURITY_GROUPS, List.of(id)));
    return new Substitution(values, lists);
  }
}
