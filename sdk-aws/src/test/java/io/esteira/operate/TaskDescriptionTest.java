package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskDescriptionTest {

  @Test
  void theStepContainersExitCodeIsTheStepsEvenWhenAnotherContainerFailedFirst() {
    String task =
        "{\"TaskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/c/abc\",\"StoppedReason\":"
            + "\"Essential container in task exited\",\"Containers\":["
            + "{\"Name\":\"esteira-inputs\",\"ExitCode\":1},"
            + "{\"Name\":\"recsys\",\"ExitCode\":3},"
            + "{\"Name\":\"esteira-outputs\",\"ExitCode\":3}]}";

    TaskDescription d = TaskDescription.parse(task, Optional.of("recsys"));

    assertThat(d.exitCode()).contains(3);
    assertThat(d.container()).contains("recsys");
    assertThat(d.taskId()).contains("abc");
    assertThat(d.stopReason()).contains("Essential container in task exited");
  }

  @Test
  void aStepThatNeverStartedShowsTheFirstContainerThatFailedAndItsReason() {
    String task =
        "{\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/c/def\",\"stoppedReason\":"
            + "\"Essential container in task exited\",\"containers\":["
            + "{\"name\":\"esteira-inputs\",\"exitCode\":1},"
            + "{\"name\":\"recsys\",\"reason\":\"DependencyFailed\"},"
            + "{\"name\":\"esteira-outputs\",\"exitCode\":1}]}";

    TaskDescription d = TaskDescription.parse(task, Optional.of("recsys"));

    // camelCase (the ECS API's own) reads as Step Functions' Pascal case does.
    assertThat(d.exitCode()).contains(1);
    assertThat(d.container()).contains("esteira-inputs");
    assertThat(d.stopReason())
        .contains("recsys: DependencyFailed; Essential container in task exited");
  }

  @Test
  void anImageThatCannotBePulledIsTheStopReasonWithoutExitCode() {
    String task =
        "{\"TaskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/c/ghi\",\"StopCode\":"
            + "\"TaskFailedToStart\",\"StoppedReason\":\"CannotPullContainerError: pull image"
            + " manifest has been retried 1 time(s)\",\"Containers\":[{\"Name\":\"recsys\","
            + "\"LastStatus\":\"STOPPED\"}]}";

    TaskDescription d = TaskDescription.parse(task, Optional.of("recsys"));

    assertThat(d.exitCode()).isEmpty();
    assertThat(d.stopReason())
        .contains("CannotPullContainerError: pull image manifest has been retried 1 time(s)");
  }

  @Test
  void aRunTaskAnswerGivesTheTaskArnOrItsFailure() {
    assertThat(
            TaskDescription.parse(
                    "{\"Failures\":[],\"Tasks\":[{\"TaskArn\":\"arn:aws:ecs:r:1:task/c/jkl\"}]}",
                    Optional.empty())
                .taskId())
        .contains("jkl");
    assertThat(
            TaskDescription.parse(
                    "{\"Failures\":[{\"Arn\":\"x\",\"Reason\":\"RESOURCE:CPU\",\"Detail\":\"d\"}],"
                        + "\"Tasks\":[]}",
                    Optional.empty())
                .stopReason())
        .contains("RunTask failed: RESOURCE:CPU (d)");
  }

  @Test
  void aCauseThatIsNotJsonDescribesNoTask() {
    assertThat(TaskDescription.parse("Task timed out after 600 seconds", Optional.empty()))
        .isEqualTo(TaskDescription.NONE);
    assertThat(TaskDescription.parse("[1,2]", Optional.empty())).isEqualTo(TaskDescription.NONE);
    assertThat(TaskDescription.parse(null, Optional.empty())).isEqualTo(TaskDescription.NONE);
  }
}
