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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * A project whose schedule goes away (here {@code batch.enabled: false}) has the schedule an
 * earlier deploy made disabled by the next deploy, not left starting the state machine; turning the
 * batch back on enables it again. Against moto_server.
 */
class ScheduleDisablerIT {

  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients();
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  /** The origin project copied into {@code dir}, with {@code batch.enabled} as given. */
  private static Path origin(Path dir, boolean batch) throws Exception {
    Path source = Path.of("../examples/yaml-only/src/projects/recsys");
    Path target = dir.resolve("recsys");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path config = target.resolve("config.yaml");
    String text = Files.readString(config);
    String batchOn = "batch:\n  enabled: true";
    assertThat(text).contains(batchOn);
    Files.writeString(config, text.replace(batchOn, "batch:\n  enabled: " + batch));
    return target;
  }

  private Deployer.Result deploy(Path project, boolean apply) throws Exception {
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    List<DeployableProject> projects = loaded.projects();
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(projects, new Deployer.Options("prd", Map.of(), "abc1234", true, 1), apply);
    assertThat(listener.failures).isEmpty();
    assertThat(result.ok()).as(result.problems().toString()).isTrue();
    return result;
  }

  private ScheduleState state() {
    return aws.scheduler().getSchedule(r -> r.name("sched-recsys")).state();
  }

  private static PlanItem schedule(Deployer.Result result) {
    return result.items().stream()
        .filter(i -> i.kind().equals("schedule"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aProjectWhoseBatchIsTurnedOffHasItsScheduleDisabledAndBackOnEnabledAgain(@TempDir Path dir)
      throws Exception {
    deploy(origin(dir, true), true);
    assertThat(state()).isEqualTo(ScheduleState.ENABLED);

    Path off = origin(dir, false);
    Deployer.Result plan = deploy(off, false);
    PlanItem planned = schedule(plan);
    assertThat(planned.action()).isEqualTo(PlanItem.Action.UPDATE);
    assertThat(planned.changes())
        .containsExactly(new PlanItem.FieldChange("State", "ENABLED", "DISABLED"));
    assertThat(planned.notes()).singleElement().asString().contains("batch.enabled: false");
    assertThat(state()).isEqualTo(ScheduleState.ENABLED);

    deploy(off, true);
    assertThat(state()).isEqualTo(ScheduleState.DISABLED);
    var disabled = aws.scheduler().getSchedule(r -> r.name("sched-recsys"));
    assertThat(disabled.scheduleExpression()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(disabled.target().arn()).endsWith(":stateMachine:recsys-workflow");
    // Disabled is as it should be: the next deploy changes nothing.
    assertThat(schedule(deploy(off, false)).action()).isEqualTo(PlanItem.Action.NO_CHANGE);

    deploy(origin(dir, true), true);
    assertThat(state()).isEqualTo(ScheduleState.ENABLED);
  }
}
