package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * {@code esteira destroy} against moto_server: the origin project deployed to dev (its image
 * pushed, so the deploy also tags it live), then destroyed, leaving nothing of the project tagged
 * behind and the shared repository and bucket in place; refused without a terminal and without
 * --yes, when not confirmed, and while an execution runs; a resource tagged for another environment
 * kept.
 */
class DestroyIT {

  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";
  private static final String REPOSITORY = "ml-pipelines";
  private static final String BUCKET = "esteira-artifacts-" + Moto.ACCOUNT_ID + "-us-east-1";

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** The origin deployed to dev with its image in ECR; returns the platform file. */
  private static Path deployed(Path dir) throws Exception {
    Path platform = DeployCommandIT.platform(dir);
    try (AwsClients aws = Moto.clients()) {
      aws.ecr().createRepository(r -> r.repositoryName(REPOSITORY));
      String layer = sha256("recsys");
      String config = sha256("{}");
      aws.ecr()
          .putImage(
              r ->
                  r.repositoryName(REPOSITORY)
                      .imageTag("recsys-1.0.0")
                      .imageManifest(
                          "{\"schemaVersion\":2,\"mediaType\":"
                              + "\"application/vnd.docker.distribution.manifest.v2+json\","
                              + "\"config\":{\"mediaType\":"
                              + "\"application/vnd.docker.container.image.v1+json\",\"size\":2,"
                              + "\"digest\":\"sha256:"
                              + config
                              + "\"},\"layers\":[{\"mediaType\":"
                              + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":1,"
                              + "\"digest\":\"sha256:"
                              + layer
                              + "\"}]}"));
    }
    Cli.Run deploy =
        Cli.run(
            "deploy",
            ORIGIN,
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            "--endpoint-url",
            Moto.endpoint().toString(),
            "--commit",
            "0123abc");
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    return platform;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Cli.Run destroy(
      Path platform, DestroyCommand.Confirmation confirmation, String... more) {
    List<String> args = new ArrayList<>(List.of("destroy", "recsys"));
    args.addAll(Arrays.asList(more));
    args.addAll(
        List.of(
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            "--endpoint-url",
            Moto.endpoint().toString()));
    String[] all = args.toArray(String[]::new);
    CommandLine line = EsteiraCommand.commandLine(all);
    if (confirmation != null) {
      ((DestroyCommand) line.getSubcommands().get("destroy").getCommand()).confirmation =
          confirmation;
    }
    return Cli.run(line, all);
  }

  @Test
  void destroyRemovesEveryResourceTheDeployMadeAndNothingShared(@TempDir Path dir)
      throws Exception {
    Path platform = deployed(dir);

    // Without a terminal and without --yes: the list, then a refusal; nothing removed.
    Cli.Run unasked = destroy(platform, null);
    assertThat(unasked.exitCode()).as(unasked.out() + unasked.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(unasked.out())
        .startsWith("recsys in dev (account " + Moto.ACCOUNT_ID + ", us-east-1):\n")
        .contains("  remove schedule sched-recsys\n")
        .contains("  remove state machine recsys-workflow\n")
        .contains("  remove task definition family recsys (1 active and 0 inactive revisions)\n")
        .contains("  remove cluster capacity provider ml-cluster-recsys/cp-recsys\n")
        .contains("  remove auto scaling group asg-recsys\n")
        .contains("  remove IAM role esteira-recsys-instance\n")
        .contains(
            "  remove S3 lifecycle rule "
                + BUCKET
                + "/esteira-recsys-dev (other rules of the bucket stay)\n")
        .contains("  remove log group /ecs/recsys (the steps' logs go with it")
        .contains("  remove SNS topic recsys-success\n")
        .contains("  remove ECR image tag ml-pipelines:live-recsys-dev (the tag only;");
    assertThat(unasked.err())
        .contains("[ESTEIRA-OPS-DESTROY-NEEDS-YES] standard input is not a terminal");

    // At a terminal, an answer that is not the project's name.
    Cli.Run declined = destroy(platform, prompt -> Optional.of("yes"));
    assertThat(declined.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(declined.err()).contains("not confirmed ('yes' is not recsys): nothing was removed");

    // While an execution runs.
    String execution;
    try (AwsClients aws = Moto.clients()) {
      String machine =
          "arn:aws:states:us-east-1:" + Moto.ACCOUNT_ID + ":stateMachine:recsys-workflow";
      execution = aws.sfn().startExecution(r -> r.stateMachineArn(machine)).executionArn();
    }
    Cli.Run running = destroy(platform, null, "--yes");
    assertThat(running.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(running.err())
        .contains("[ESTEIRA-OPS-DESTROY-RUNNING] execution " + execution + " of project recsys");
    try (AwsClients aws = Moto.clients()) {
      aws.sfn().stopExecution(r -> r.executionArn(execution));
      // Someone tagged the log group for prd: it is not dev's to remove.
      aws.logs()
          .tagLogGroup(
              r -> r.logGroupName("/ecs/recsys").tags(java.util.Map.of("environment", "prd")));
    }

    // While a deploy holds the project's lock.
    try (AwsClients aws = Moto.clients()) {
      aws.ssm()
          .putParameter(
              r ->
                  r.name("/esteira/locks/recsys/dev")
                      .type("String")
                      .value("{\"holder\":\"ci run 42\",\"since\":\"2026-12-01T00:00:00Z\"}"));
    }
    Cli.Run locked = destroy(platform, null, "--yes");
    assertThat(locked.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(locked.err())
        .contains(
            "[ESTEIRA-DEPLOY-LOCKED] project recsys (dev) is being deployed by ci run 42 since"
                + " 2026-12-01T00:00:00Z");
    assertThat(locked.out()).doesNotContain("removed ");
    try (AwsClients aws = Moto.clients()) {
      aws.ssm().deleteParameter(r -> r.name("/esteira/locks/recsys/dev"));
    }

    Cli.Run confirmed = destroy(platform, prompt -> Optional.of("recsys"));

    assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
    assertThat(confirmed.out())
        .contains("  keep   log group /ecs/recsys: tagged environment=prd, not dev\n")
        .contains("removed schedule sched-recsys\n")
        .contains("removed IAM role esteira-recsys-execution\n")
        .contains("removed EventBridge rule esteira-recsys-failed\n")
        .contains("removed log group /aws/vendedlogs/states/recsys-workflow\n")
        .contains(
            "destroyed recsys in dev: removed 21, kept 1 (listed above); the ECR repository and"
                + " the artifacts bucket stay");
    List<String> removed = confirmed.out().lines().filter(l -> l.startsWith("removed ")).toList();
    // In the reverse of the deploy's order: nothing starts the pipeline while it goes.
    assertThat(removed.get(0)).isEqualTo("removed schedule sched-recsys");
    assertThat(removed.get(1)).isEqualTo("removed state machine recsys-workflow");
    assertThat(removed.indexOf("removed capacity provider cp-recsys"))
        .isLessThan(removed.indexOf("removed ECS cluster ml-cluster-recsys"));

    try (AwsClients aws = Moto.clients()) {
      assertThat(aws.sfn().listStateMachines().stateMachines()).isEmpty();
      assertThat(aws.scheduler().listSchedules(r -> {}).schedules()).isEmpty();
      assertThat(
              aws.ecs()
                  .listTaskDefinitions(
                      r -> r.familyPrefix("recsys").status(TaskDefinitionStatus.ACTIVE))
                  .taskDefinitionArns())
          .isEmpty();
      assertThat(aws.ecs().describeClusters(r -> r.clusters("ml-cluster-recsys")).clusters())
          .allSatisfy(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
      assertThat(
              aws.ecs()
                  .describeCapacityProviders(r -> r.capacityProviders("cp-recsys"))
                  .capacityProviders())
          .allSatisfy(p -> assertThat(p.statusAsString()).isEqualTo("INACTIVE"));
      assertThat(aws.autoScaling().describeAutoScalingGroups().autoScalingGroups()).isEmpty();
      assertThat(aws.ec2().describeLaunchTemplates().launchTemplates()).isEmpty();
      assertThat(aws.ec2().describeSecurityGroups().securityGroups())
          .noneMatch(g -> g.groupName().equals("esteira-recsys-tasks"));
      assertThat(aws.iam().listRoles().roles())
          .noneMatch(r -> r.roleName().startsWith("esteira-recsys"));
      assertThat(aws.iam().listInstanceProfiles().instanceProfiles()).isEmpty();
      assertThat(aws.sns().listTopics().topics()).isEmpty();
      assertThat(aws.events().listRules(r -> r.namePrefix("esteira-recsys")).rules()).isEmpty();
      assertThat(
              aws.ssm()
                  .describeParameters(
                      r ->
                          r.parameterFilters(
                              f -> f.key("Name").option("BeginsWith").values("/esteira/")))
                  .parameters())
          .isEmpty();
      // Kept: the log group tagged for another environment, and what every project shares.
      assertThat(aws.logs().describeLogGroups().logGroups())
          .extracting(g -> g.logGroupName())
          .containsExactly("/ecs/recsys");
      assertThat(aws.ecr().describeRepositories().repositories()).hasSize(1);
      assertThat(aws.ecr().describeImages(r -> r.repositoryName(REPOSITORY)).imageDetails())
          .singleElement()
          .satisfies(i -> assertThat(i.imageTags()).containsExactly("recsys-1.0.0"));
      aws.s3().headBucket(r -> r.bucket(BUCKET));
    }

    // A second destroy finds nothing to remove but what it keeps.
    Cli.Run again = destroy(platform, null, "--yes");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("  keep   log group /ecs/recsys")
        .endsWith("nothing to remove\n");
  }
}
