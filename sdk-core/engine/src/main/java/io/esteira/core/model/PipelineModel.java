package io.esteira.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A pipeline resolved for one environment: annotations, {@code config.yaml} and its {@code
 * environments.<env>} section merged, defaults applied, validated. Everything downstream (the
 * generators, the local runner, the deployer) reads this and nothing else.
 *
 * @param project the project name ({@code project_name}); used in every AWS resource name
 * @param description a one-line description, possibly empty
 * @param version the pipeline version; the image tag is {@code <project>-<version>}
 * @param environment the environment this model was resolved for ({@code dev}, {@code prd}, ...)
 * @param owners role to e-mail, such as {@code tech_owner}; sorted by role
 * @param steps the steps in declaration order, each with its resolved dependencies
 * @param schedule the schedule, pipeline timeout and default retries
 * @param runtime environment variables and secrets the tasks receive
 * @param infra the compute the tasks run on
 * @param notifications who hears about success and failure
 * @param mlflow the MLflow experiment and the models the deploy gate checks
 * @param batch whether the batch pipeline is enabled and its orchestrator
 */
public record PipelineModel(
    String project,
    String description,
    String version,
    String environment,
    Map<String, String> owners,
    List<StepModel> steps,
    Schedule schedule,
    RuntimeSettings runtime,
    Infra infra,
    Notifications notifications,
    MlflowSettings mlflow,
    Batch batch) {

  public PipelineModel {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
    description = description == null ? "" : description;
    owners = Collections2.sortedCopy(owners);
    steps = List.copyOf(steps);
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(infra, "infra");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(mlflow, "mlflow");
    Objects.requireNonNull(batch, "batch");
  }

  /** The step with this id, or an exception if there is none. */
  public StepModel step(String id) {
    for (StepModel step : steps) {
      if (step.id().equals(id)) {
        return step;
      }
    }
    throw new IllegalArgumentException("no step '" + id + "' in pipeline " + project);
  }

  /** The dependency graph of the steps. */
  public StepGraph graph() {
    return StepGraph.of(steps);
  }

  /** Names of the AWS resources this pipeline owns, as the origin document fixes them. */
  public ResourceNames names() {
    return new ResourceNames(project, version);
  }

  /** Internal helper kept here so records copy maps the same way. */
  static final class Collections2 {
    private Collections2() {}

    static <V> SortedMap<String, V> sortedCopy(Map<String, V> map) {
      return map == null
          ? java.util.Collections.emptySortedMap()
          : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
  }
}
