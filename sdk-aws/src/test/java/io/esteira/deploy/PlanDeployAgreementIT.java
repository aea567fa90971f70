package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code plan} says a first deploy will do is what the deploy then does, resource by resource:
 * a plan is read before anything exists (the cluster included), a deploy after the resources before
 * each one were made, and both must name the same action.
 */
class PlanDeployAgreementIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");
  private static final String IMAGE =
      Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:recsys-1.0.0";

  @Test
  void aFirstDeployDoesWhatItsPlanSaidForEveryResource(@TempDir Path dir) throws Exception {
    Path project = dir.resolve("agree");
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("config.yaml"),
        Files.readString(ORIGIN.resolve("config.yaml"))
            .replace("project_name: recsys", "project_name: agree"));
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    List<DeployableProject> projects = loaded.projects();
    try (AwsClients aws = Moto.clients()) {
      MotoAccount account = MotoAccount.prepare(aws);
      Deployer deployer = new Deployer(aws, account.platform(false), new RecordingListener());
      Deployer.Options options =
          new Deployer.Options("prd", MotoAccount.imageForEach(projects, IMAGE), "f00d", true, 1);

      Deployer.Result plan = deployer.run(projects, options, false);
      Deployer.Result deploy = deployer.run(projects, options, true);

      assertThat(deploy.ok()).isTrue();
      assertThat(deploy.items().stream().map(PlanDeployAgreementIT::line).toList())
          .isEqualTo(plan.items().stream().map(PlanDeployAgreementIT::line).toList());
    }
  }

  private static String line(PlanItem item) {
    return item.project() + ": " + item.action().label() + " " + item.kind() + " " + item.name();
  }
}
