package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * Several projects deployed at once: each gets its own resources (its own lifecycle rule in the
 * shared bucket among them), the shared ones are set once.
 */
class ParallelDeployIT {

  private final AwsCalls calls = new AwsCalls();
  private AwsClients aws;

  @BeforeEach
  void clients() {
    aws = Moto.clients(calls);
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void fourProjectsFourAtATimeShareOneRepositorySetUpOnce(@TempDir Path dir) throws Exception {
    MotoAccount account = MotoAccount.prepare(aws);
    List<Path> inputs = new ArrayList<>();
    List<String> names = List.of("alpha", "bravo", "charlie", "delta");
    for (String name : names) {
      Path project = dir.resolve(name);
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("config.yaml"),
          Files.readString(Path.of("../examples/yaml-only/src/projects/recsys/config.yaml"))
              .replace("project_name: recsys", "project_name: " + name));
      inputs.add(project);
    }
    List<DeployableProject> projects = ProjectLoader.load(inputs, "prd", Path::toString).projects();
    Deployer.Options options =
        new Deployer.Options(
            "prd",
            MotoAccount.imageForEach(
                projects, Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:x"),
            "",
            true,
            4);
    calls.reset();
    RecordingListener listener = new RecordingListener();

    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener).run(projects, options, true);

    assertThat(result.ok()).as(listener.failures.toString()).isTrue();
    assertThat(calls.mutatingCalls())
        .filteredOn(c -> c.startsWith("Ecr:"))
        .containsExactly("Ecr:PutImageScanningConfiguration", "Ecr:PutLifecyclePolicy");
    assertThat(
            aws.ecs()
                .describeClusters(
                    r -> r.clusters(names.stream().map(n -> "ml-cluster-" + n).toList()))
                .clusters())
        .extracting(Cluster::capacityProviders)
        .containsExactlyInAnyOrder(
            List.of("cp-alpha"), List.of("cp-bravo"), List.of("cp-charlie"), List.of("cp-delta"));
    assertThat(calls.mutatingCalls())
        .filteredOn(c -> c.equals("Ecs:RegisterTaskDefinition"))
        .hasSize(4);
    // The bucket once; four read-modify-writes of its lifecycle configuration, none lost.
    assertThat(calls.mutatingCalls())
        .filteredOn(c -> c.equals("S3:CreateBucket") || c.startsWith("S3:PutBucketLifecycle"))
        .containsExactly(
            "S3:CreateBucket",
            "S3:PutBucketLifecycleConfiguration",
            "S3:PutBucketLifecycleConfiguration",
            "S3:PutBucketLifecycleConfiguration",
            "S3:PutBucketLifecycleConfiguration");
    assertThat(
            aws.s3()
                .getBucketLifecycleConfiguration(
                    r -> r.bucket("esteira-artifacts-" + Moto.ACCOUNT_ID + "-us-east-1"))
                .rules())
        .extracting(rule -> rule.id())
        .containsExactlyInAnyOrder(
            "esteira-alpha-prd", "esteira-bravo-prd", "esteira-charlie-prd", "esteira-delta-prd");
    // Items come back grouped by project, in input order, whatever order they finished in.
    assertThat(result.items().stream().map(PlanItem::project).distinct())
        .containsExactly("", "alpha", "bravo", "charlie", "delta");

    calls.reset();
    Deployer.Result again =
        new Deployer(aws, account.platform(false), new RecordingListener())
            .run(projects, options, true);
    assertThat(again.items()).extracting(PlanItem::action).containsOnly(Action.NO_CHANGE);
    assertThat(calls.mutatingCalls()).isEmpty();
  }
}
