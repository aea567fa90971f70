package io.esteira.deploy.project;

import io.esteira.core.model.PipelineModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the deployer deploys of one project in one environment: the resolved model and the AWS
 * artifacts, placeholders still in them.
 *
 * @param source where the artifacts came from, for messages (a config file, a build directory, a
 *     jar)
 * @param model the resolved model of the environment, from {@code pipeline.json}
 * @param taskDefinition {@code task-definition.<env>.json}
 * @param stateMachine {@code state-machine.<env>.asl.json}, absent when the batch pipeline is off
 * @param schedule {@code schedule.<env>.json}, absent without a batch pipeline or a cron
 * @param directory the project's directory on disk (its {@code config.yaml}'s, or the built Java
 *     project's), where its image is built from; absent for a project read from a jar
 */
public record DeployableProject(
    String source,
    PipelineModel model,
    String taskDefinition,
    Optional<String> stateMachine,
    Optional<String> schedule,
    Optional<Path> directory) {

  public DeployableProject {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(taskDefinition, "taskDefinition");
    Objects.requireNonNull(stateMachine, "stateMachine");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(directory, "directory");
  }

  public String name() {
    return model.project();
  }

  public String environment() {
    return model.environment();
  }
}
