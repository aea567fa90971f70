package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * {@code deploy --prune}: a project removed from the repository has its schedule disabled instead
 * of left firing, and nothing that is not that project's Esteira schedule is touched; against
 * moto_server.
 */
class PruneIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");

  @TempDir Path dir;

  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients();
    account = MotoAccount.prepare(aws, "recsys-1.0.0", "other-1.0.0");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private List<DeployableProject> load(String... names) throws Exception {
    List<Path> inputs = new ArrayList<>();
    for (String name : names) {
      Path project = dir.resolve(name);
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("config.yaml"),
          Files.readString(ORIGIN.resolve("config.yaml"))
              .replace("project_name: recsys", "project_name: " + name));
      inputs.add(project);
    }
    ProjectLoader.Loaded loaded = ProjectLoader.load(inputs, "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    return loaded.projects();
  }

  private Deployer.Result deploy(List<DeployableProject> projects, boolean prune, boolean apply)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(projects, new Deployer.Options("prd", Map.of(), "c0ffee", true, 1, prune), apply);
    assertThat(listener.failures).isEmpty();
    return result;
  }

  private ScheduleState state(String name) {
    return aws.scheduler().getSchedule(r -> r.name(name)).state();
  }

  @Test
  void aProjectGoneFromTheRepositoryHasItsScheduleDisabledAndNothingElseIsTouched()
      throws Exception {
    deploy(load("recsys", "other"), false, true);
    // A schedule of someone else's, named as Esteira names them but starting another machine.
    aws.scheduler()
        .createSchedule(
            r ->
                r.name("sched-foreign")
                    .scheduleExpression("rate(1 day)")
                    .flexibleTimeWindow(w -> w.mode("OFF"))
                    .target(
                        t ->
                            t.arn(
                                    "arn:aws:states:us-east-1:"
                                        + Moto.ACCOUNT_ID
                                        + ":stateMachine:someone-elses")
                                .roleArn("arn:aws:iam::" + Moto.ACCOUNT_ID + ":role/theirs")));
    List<DeployableProject> withoutRecsys = load("other");

    // Without --prune the schedule of a removed project goes on firing, as before.
    deploy(withoutRecsys, false, true);
    assertThat(state("sched-recsys")).isEqualTo(ScheduleState.ENABLED);

    Deployer.Result plan = deploy(withoutRecsys, true, false);
    assertThat(state("sched-recsys")).as("a plan changes nothing").isEqualTo(ScheduleState.ENABLED);
    assertThat(plan.items())
        .filteredOn(i -> i.name().equals("sched-recsys"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.project()).isEqualTo("recsys");
              assertThat(i.action()).isEqualTo(PlanItem.Action.UPDATE);
              assertThat(i.notes()).singleElement().asString().contains("--prune");
            });

    Deployer.Result pruned = deploy(withoutRecsys, true, true);

    assertThat(pruned.ok()).isTrue();
    assertThat(state("sched-recsys")).isEqualTo(ScheduleState.DISABLED);
    assertThat(state("sched-other")).isEqualTo(ScheduleState.ENABLED);
    assertThat(state("sched-foreign")).isEqualTo(ScheduleState.ENABLED);
    // Disabled, not changed otherwise: bringing the project back enables the same schedule.
    assertThat(aws.scheduler().getSchedule(r -> r.name("sched-recsys")).target().arn())
        .endsWith(":stateMachine:recsys-workflow");

    Deployer.Result again = deploy(withoutRecsys, true, true);
    assertThat(again.items()).noneMatch(i -> i.name().equals("sched-recsys"));
  }
}
