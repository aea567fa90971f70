package io.esteira.core.generate.ecs;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell scripts that move a command step's data in AWS, and the names of the containers and
 * volumes they use. A command step's image holds nothing of Esteira, so when any command step of a
 * pipeline hands data over, its task definition has three containers sharing the work volume
 * ({@value #WORK_VOLUME} at {@value #WORK_DIR}) and a status volume ({@value #STATUS_VOLUME} at
 * {@value #STATUS_DIR}):
 *
 * <ol>
 *   <li>{@value #INPUTS_CONTAINER} (not essential) runs {@link #inputs()}: it fetches each of
 *       {@code $ESTEIRA_INPUTS} from {@code $ESTEIRA_STORE} into the work directory;
 *   <li>the step container (not essential) starts only when that container exits 0 ({@code
 *       SUCCESS}), and runs the step's command wrapped by {@link #recordingExitCode}, which writes
 *       the command's exit code to the status volume;
 *   <li>{@value #OUTPUTS_CONTAINER} (essential) starts when the step container has exited ({@code
 *       COMPLETE}) and runs {@link #outputs()}: it exits with the step's recorded code when that is
 *       not 0 (or 1 when none was recorded: the step never started, because an input could not be
 *       fetched, or it was killed), else stores each of {@code $ESTEIRA_OUTPUTS}, failing when one
 *       is missing.
 * </ol>
 *
 * <p>Why the step container is not essential and its exit code is mirrored: a {@code SUCCESS} or
 * {@code COMPLETE} dependency cannot target an essential container (ECS API reference,
 * ContainerDependency: "This condition can't be set on an essential container",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html), so the
 * container the outputs wait for must be non-essential; and a task's outcome is that of its
 * essential containers (Step Functions fails an {@code ecs:runTask.sync} state when an essential
 * container exits non-zero). The last container is therefore the essential one and carries the
 * step's outcome: a failed step still fails its state, and is retried like any failure.
 *
 * <p>The scripts are plain POSIX {@code sh} and need only {@code aws} on the {@code PATH} (the
 * transfer image is the AWS CLI's); the local runner's cloud-shaped mode and the tests run exactly
 * this text. {@code ESTEIRA_STATUS_DIR} may move the status directory for them (default {@value
 * #STATUS_DIR}).
 */
public final class TransferScripts {

  /** The container that fetches inputs before the step starts. */
  public static final String INPUTS_CONTAINER = "esteira-inputs";

  /** The essential container that stores outputs after the step ends. */
  public static final String OUTPUTS_CONTAINER = "esteira-outputs";

  /** The task volume of the work directory, ephemeral to the task. */
  public static final String WORK_VOLUME = "esteira-work";

  /** Where every container of a task sees the work directory ({@code ESTEIRA_WORK_DIR}). */
  public static final String WORK_DIR = "/esteira/work";

  /** The task volume where the step records its exit code for the outputs container. */
  public static final String STATUS_VOLUME = "esteira-status";

  /** Where the step container and the outputs container see the status volume. */
  public static final String STATUS_DIR = "/esteira/status";

  /** The file in the status directory holding the step command's exit code. */
  public static final String EXIT_CODE_FILE = "exit-code";

  /**
   * Sets {@code status} to the status directory: {@code $ESTEIRA_STATUS_DIR}, else {@value
   * #STATUS_DIR}. The scripts never write {@code $}{@code {...}}: in the artifacts that syntax is
   * reserved for the placeholders the deployer fills, so a shell expansion must not look like one.
   */
  private static final String STATUS_DIR_LINE =
      "status=$ESTEIRA_STATUS_DIR; [ -n \"$status\" ] || status=" + STATUS_DIR;

  private static final String INPUTS =
      """
      if [ -n "$ESTEIRA_INPUTS" ] && [ -z "$ESTEIRA_STORE" ]; then
        echo "esteira-inputs: ESTEIRA_STORE is not set" >&2
        exit 1
      fi
      for item in $ESTEIRA_INPUTS; do
        step=$(printf '%s' "$item" | cut -d/ -f1)
        name=$(printf '%s' "$item" | cut -d/ -f2-)
        from="$ESTEIRA_STORE$item"
        to="$ESTEIRA_WORK_DIR/$name"
        mkdir -p "$(dirname "$to")"
        if ! aws s3 cp --only-show-errors "$from" "$to"; then
          echo "esteira-inputs: cannot fetch input $item from $from; step $step must store\
       $name in this execution before this step runs (it declares it in outputs)" >&2
          exit 1
        fi
        echo "esteira-inputs: $item -> $to"
      done
      chmod a+rwx "$ESTEIRA_WORK_DIR"
      """;

  private static final String OUTPUTS =
      """
      %s
      file="$status/%s"
      step=$ESTEIRA_STEP; [ -n "$step" ] || step="the step"
      if [ ! -s "$file" ]; then
        echo "esteira-outputs: $step recorded no exit code: it never started (see the esteira-inputs\
       log: an input could not be fetched) or it was stopped; nothing is stored" >&2
        exit 1
      fi
      code=$(cat "$file")
      case "$code" in
        ''|*[!0-9]*) echo "esteira-outputs: unreadable exit code '$code' in $file" >&2; exit 1 ;;
      esac
      if [ "$code" -ne 0 ]; then
        echo "esteira-outputs: $step exited with code $code; its outputs are not stored" >&2
        exit "$code"
      fi
      if [ -n "$ESTEIRA_OUTPUTS" ] && [ -z "$ESTEIRA_STORE" ]; then
        echo "esteira-outputs: ESTEIRA_STORE is not set" >&2
        exit 1
      fi
      for name in $ESTEIRA_OUTPUTS; do
        if [ ! -f "$ESTEIRA_WORK_DIR/$name" ]; then
          echo "esteira-outputs: $step declares output $name, but there is no file\
       $ESTEIRA_WORK_DIR/$name; write it to \\$ESTEIRA_WORK_DIR/$name, or remove it from the\
       step's outputs" >&2
          exit 1
        fi
      done
      for name in $ESTEIRA_OUTPUTS; do
        to="$ESTEIRA_STORE$ESTEIRA_STEP/$name"
        if ! aws s3 cp --only-show-errors "$ESTEIRA_WORK_DIR/$name" "$to"; then
          echo "esteira-outputs: cannot store output $name at $to" >&2
          exit 1
        fi
        echo "esteira-outputs: $name -> $to"
      done
      """
          .formatted(STATUS_DIR_LINE, EXIT_CODE_FILE);

  /** Runs the command given as arguments, then records its exit code and exits with it. */
  private static final String RECORD =
      "\"$@\"; code=$?; %s; mkdir -p \"$status\" && echo \"$code\" > \"$status/%s\"; exit \"$code\""
          .formatted(STATUS_DIR_LINE, EXIT_CODE_FILE);

  /** {@code $0} of the recording shell, as {@code ps} and error messages show it. */
  static final String RECORDING_SHELL_NAME = "esteira-step";

  private TransferScripts() {}

  /** The script of {@value #INPUTS_CONTAINER}, run as {@code sh -c <script>}. */
  public static String inputs() {
    return INPUTS;
  }

  /** The script of {@value #OUTPUTS_CONTAINER}, run as {@code sh -c <script>}. */
  public static String outputs() {
    return OUTPUTS;
  }

  /** {@code command} run by a shell that records its exit code in the status directory. */
  public static List<String> recordingExitCode(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", RECORD, RECORDING_SHELL_NAME));
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Whether the pipeline's task definition has the three-container layout: some command step
   * declares inputs or outputs. Java steps move their own data through the step launcher.
   */
  public static boolean usedBy(PipelineModel model) {
    return model.steps().stream()
        .anyMatch(s -> s.action() instanceof StepAction.Command && s.handsDataOver());
  }
}
