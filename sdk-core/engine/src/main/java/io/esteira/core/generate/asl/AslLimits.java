package io.esteira.core.generate.asl;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a generated state machine against the Step Functions and ECS limits that would otherwise
 * fail only at deploy or run time.
 *
 * <p><b>Container overrides</b> (ECS: 8,192 characters, JSON punctuation included): counted as the
 * compact JSON of the {@code overrides} object ECS receives for the step, with the values Step
 * Functions fills in at run time at their longest: the execution ARN as {@code arn:<partition>:
 * states:<region>:<account>:execution:<state machine>:<execution name>} with a 10-character
 * partition ({@code aws-us-gov}), a 20-character region, a 12-digit account and an 80-character
 * execution name (the longest Step Functions allows); the attempt number at the step's most
 * attempts; the store root with a 63-character bucket name (the longest S3 allows).
 *
 * <p><b>Definition size</b> (1,048,576 bytes): the compact UTF-8 JSON, as the deployer sends it,
 * with every placeholder counted at the length it realistically expands to: ARNs with the
 * partition, region and account lengths above, a task definition revision of 7 digits and an SNS
 * topic name of 256 characters (the longest SNS allows); three subnets (one per zone of a
 * three-zone VPC) and two security groups, by id. The task definition ARN and the lists appear
 * once, in the variables the first state assigns, so more subnets or groups add about 27 bytes to
 * the whole definition; the deployer sees the real lists and Step Functions checks the real size. A
 * step costs about 930 bytes this way (a one-line command, no step retries), so a chain of 1,000
 * steps is about 0.93 MB; a step alone in a parallel branch costs about 110 bytes more, for the
 * branch and the Fail state that names it, so 1,000 steps side by side are about 1.04 MB and fit.
 * The count walks the JSON tree instead of writing it.
 *
 * <p><b>Execution history</b> (25,000 events): the most events one execution can record, every step
 * using all its retries. A step's Task records {@code TaskStateEntered} and {@code TaskStateExited}
 * once, and each attempt of {@code ecs:runTask.sync} records {@code TaskScheduled}, {@code
 * TaskStarted}, {@code TaskSubmitted} and one of {@code TaskSucceeded}, {@code TaskFailed} or
 * {@code TaskTimedOut}: {@code 2 + 4 * attempts}, attempts being 1 + the step's retries + its
 * infrastructure retries (each retrier counts its own attempts; a retry records no event of its
 * own). A Parallel state records {@code ParallelStateEntered}, {@code ParallelStateStarted}, {@code
 * ParallelStateSucceeded} or {@code ParallelStateFailed}, and {@code ParallelStateExited}: 4. The
 * execution adds {@code ExecutionStarted} and its end event: 2, and the {@code "Pipeline settings"}
 * Pass state ({@code PassStateEntered}, {@code PassStateExited}): 2. The longer of the two ends is
 * added once: on failure either the {@code "Step failed"} Pass (entered, exited: 2) or, for a step
 * in a branch, a Fail per parallel level it leaves ({@code FailStateEntered}: 1 each; an upper
 * bound) and the {@code "Branch failed"} and {@code "Branch step failed"} Passes (4); then the SNS
 * publish (entered, scheduled, started, succeeded, exited: 5, plus scheduled, started, failed: 3
 * per retry), the {@code "Notice not sent"} Pass when the publish failed (2) and the last Fail (1);
 * on success the publish and the Succeed state (entered, exited: 2). A branch stopped because
 * another failed records {@code TaskStateAborted} instead of its exit event, so it adds nothing.
 */
final class AslLimits {

  /** ECS's limit on the overrides of one RunTask call, in characters. */
  static final int MAX_OVERRIDES_CHARACTERS = 8_192;

  /** Step Functions' limit on a state machine definition, in bytes. */
  static final int MAX_DEFINITION_BYTES = 1_048_576;

  /** Step Functions' limit on the events of one standard execution. */
  static final int MAX_HISTORY_EVENTS = 25_000;

  static final int PARTITION_LENGTH = "aws-us-gov".length();
  static final int REGION_LENGTH = 20;
  static final int ACCOUNT_LENGTH = 12;
  static final int EXECUTION_NAME_LENGTH = 80;

  /** S3's longest bucket name. */
  static final int BUCKET_NAME_LENGTH = 63;

  static final int TASK_DEFINITION_REVISION_DIGITS = 7;
  static final int SNS_TOPIC_NAME_LENGTH = 256;
  static final int SUBNETS = 3;
  static final int SUBNET_ID_LENGTH = "subnet-0123456789abcdef0".length();
  static final int SECURITY_GROUPS = 2;
  static final int SECURITY_GROUP_ID_LENGTH = "sg-0123456789abcdef0".length();

  private AslLimits() {}

  /** Reports step ids that cannot be used as state names; false when ids are not unique. */
  static boolean checkStepIds(PipelineModel model, Diagnostics diagnostics) {
    Map<String, String> seen = new HashMap<>();
    boolean unique = true;
    for (StepModel step : model.steps()) {
      if (seen.putIfAbsent(step.id(), step.id()) != null) {
        String owner = "step '" + step.id() + "'";
        diagnostics.error(EngineMessage.ASL_STATE_NAME_DUPLICATE, null, step.id(), owner, owner);
        unique = false;
      }
    }
    return unique;
  }

  /** Reports names too long, with unsafe characters, or used twice anywhere in the machine. */
  static void checkNames(List<MachineLayout.Name> names, Diagnostics diagnostics) {
    Map<String, MachineLayout.Name> byName = new HashMap<>();
    // Each problem is reported once per owner: a step, or "-" for the states Esteira adds.
    Set<String> tooLong = new HashSet<>();
    Set<String> unsafe = new HashSet<>();
    for (MachineLayout.Name name : names) {
      String owner = name.stepId() == null ? "-" : name.stepId();
      if (name.name().length() > StateNames.MAX_LENGTH && tooLong.add(owner)) {
        diagnostics.error(
            EngineMessage.ASL_STATE_NAME_TOO_LONG,
            null,
            name.name(),
            owner,
            name.name().length(),
            StateNames.MAX_LENGTH,
            StateNames.maxStepIdLength());
      }
      if (!StateNames.hasSafeCharacters(name.name()) && unsafe.add(owner)) {
        diagnostics.error(EngineMessage.ASL_STATE_NAME_CHARACTERS, null, name.name(), owner);
      }
      MachineLayout.Name first = byName.putIfAbsent(name.name(), name);
      if (first != null) {
        diagnostics.error(
            EngineMessage.ASL_STATE_NAME_DUPLICATE, null, name.name(), label(first), label(name));
      }
    }
  }

  private static String label(MachineLayout.Name name) {
    return name.stepId() == null ? "a state Esteira adds" : "step '" + name.stepId() + "'";
  }

  /** Reports steps whose container overrides can pass ECS's limit. */
  static void checkOverrides(PipelineModel model, Diagnostics diagnostics) {
    for (StepModel step : model.steps()) {
      int size = overridesCharacters(model, step);
      if (size > MAX_OVERRIDES_CHARACTERS) {
        int command = String.join(" ", StepTaskState.command(model, step)).length();
        diagnostics.error(
            EngineMessage.ASL_OVERRIDES_TOO_LARGE,
            null,
            step.id(),
            size,
            command,
            MAX_OVERRIDES_CHARACTERS);
      }
    }
  }

  /**
   * The characters of the overrides ECS receives for this step, run-time values at their longest:
   * the compact JSON of the state's {@code Overrides} (ECS's key names have the same lengths), each
   * {@code "Value.$": <expression>} counted as {@code "value": <its longest value>}.
   */
  static int overridesCharacters(PipelineModel model, StepModel step) {
    ObjectNode overrides = StepTaskState.overrides(model, step);
    Map<String, Integer> longest = new HashMap<>();
    longest.put(StepTaskState.EXECUTION_ID_PATH, maxExecutionArnLength(model));
    longest.put(StepTaskState.ATTEMPT_EXPRESSION, Integer.toString(maxAttempts(step)).length());
    longest.put("$" + StepTaskState.STORE_VARIABLE, maxStoreLength(model));
    for (JsonNode container : overrides.path("ContainerOverrides")) {
      for (JsonNode variable : container.path("Environment")) {
        ObjectNode v = (ObjectNode) variable;
        JsonNode expression = v.remove("Value.$");
        if (expression != null) {
          v.put("Value", "x".repeat(longest.getOrDefault(expression.asText(), 0)));
        }
      }
    }
    return Json.writeCompact(overrides).length();
  }

  /** {@code s3://<bucket>/<project>/<env>/<execution name>/} at its longest. */
  static int maxStoreLength(PipelineModel model) {
    return "s3:///".length()
        + BUCKET_NAME_LENGTH
        + model.project().length()
        + 1
        + model.environment().length()
        + 1
        + EXECUTION_NAME_LENGTH
        + 1;
  }

  static int maxExecutionArnLength(PipelineModel model) {
    return ("arn::states:::execution::").length()
        + PARTITION_LENGTH
        + REGION_LENGTH
        + ACCOUNT_LENGTH
        + model.names().stateMachine().length()
        + EXECUTION_NAME_LENGTH;
  }

  /**
   * Reports a definition that would pass the size limit once its placeholders are filled in, and
   * returns the size counted.
   */
  static long checkDefinitionSize(PipelineModel model, ObjectNode asl, Diagnostics diagnostics) {
    long size = definitionBytes(model, asl);
    if (size > MAX_DEFINITION_BYTES) {
      int steps = model.steps().size();
      diagnostics.error(
          EngineMessage.ASL_DEFINITION_TOO_LARGE,
          null,
          "",
          size,
          steps,
          size / steps,
          MAX_DEFINITION_BYTES);
    }
    return size;
  }

  /**
   * The bytes the definition takes when sent, placeholders expanded: the length of its compact
   * UTF-8 JSON, counted from the tree without writing it (the same bytes Jackson would write: keys
   * and strings quoted with Jackson's escapes, numbers as Jackson prints them), plus what each
   * placeholder grows by.
   */
  static long definitionBytes(PipelineModel model, ObjectNode asl) {
    return new SizeCounter(expansions(model)).count(asl);
  }

  /** Counts the compact JSON bytes of a tree and the growth of the placeholders in its strings. */
  private static final class SizeCounter {
    private final Map<String, Integer> expansions;

    SizeCounter(Map<String, Integer> expansions) {
      this.expansions = expansions;
    }

    long count(JsonNode node) {
      switch (node.getNodeType()) {
        case OBJECT -> {
          long size = 2 + Math.max(0, node.size() - 1);
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            size += string(field.getKey()) + 1 + count(field.getValue());
          }
          return size;
        }
        case ARRAY -> {
          long size = 2 + Math.max(0, node.size() - 1);
          for (JsonNode element : node) {
            size += count(element);
          }
          return size;
        }
        case STRING -> {
          return string(node.textValue());
        }
        case BOOLEAN -> {
          return node.booleanValue() ? 4 : 5;
        }
        case NULL -> {
          return 4;
        }
        default -> {
          if (node.isInt() || node.isLong()) {
            return digits(node.longValue());
          }
          if (node.isDouble() && Double.isFinite(node.doubleValue())) {
            // As Jackson writes a finite double (retry backoff rates); no writer per number.
            return Double.toString(node.doubleValue()).length();
          }
          return Json.writeCompact(node).getBytes(UTF_8).length;
        }
      }
    }

    /**
     * A quoted JSON string's bytes, plus the growth of the placeholders in it. One pass over the
     * characters settles the common case: printable ASCII with nothing to escape and no {@code ${}.
     */
    private long string(String text) {
      int length = text.length();
      boolean plain = true;
      boolean placeholder = false;
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
          plain = false;
        } else if (c == '$' && i + 1 < length && text.charAt(i + 1) == '{') {
          placeholder = true;
        }
      }
      long size = plain ? length + 2L : quotedUtf8Length(text);
      return placeholder ? size + growth(text) : size;
    }

    /** What the placeholders in the text grow by when filled in. */
    private long growth(String text) {
      long grow = 0;
      for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
        int end = text.indexOf('}', at + 2);
        if (end < 0) {
          break;
        }
        String name = text.substring(at, end + 1);
        // A placeholder that is the whole string can stand for a list: its quotes count too.
        Integer quoted =
            at == 0 && end == text.length() - 1 ? expansions.get('"' + name + '"') : null;
        grow += quoted != null ? quoted : expansions.getOrDefault(name, 0);
        at = end - 1;
      }
      return grow;
    }

    private static int digits(long value) {
      if (value == Long.MIN_VALUE) {
        return Long.toString(value).length();
      }
      int digits = value < 0 ? 2 : 1;
      for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
        digits++;
      }
      return digits;
    }

    private static long quotedUtf8Length(String text) {
      return JsonStringEncoder.getInstance().quoteAsUTF8(text).length + 2L;
    }
  }

  /** How many bytes each placeholder, as it appears in the compact JSON, grows when filled in. */
  private static Map<String, Integer> expansions(PipelineModel model) {
    int arnPrefix = "arn:::::".length() + PARTITION_LENGTH + REGION_LENGTH + ACCOUNT_LENGTH;
    int taskDefinition =
        arnPrefix
            + "ecs".length()
            + "task-definition/:".length()
            + model.names().taskDefinitionFamily().length()
            + TASK_DEFINITION_REVISION_DIGITS;
    int topic = arnPrefix + "sns".length() + SNS_TOPIC_NAME_LENGTH;
    int subnets = SUBNETS * (SUBNET_ID_LENGTH + 2) + SUBNETS - 1;
    int groups = SECURITY_GROUPS * (SECURITY_GROUP_ID_LENGTH + 2) + SECURITY_GROUPS - 1;
    Map<String, Integer> grow = new HashMap<>();
    grow.put("${TaskDefinitionArn}", taskDefinition - "${TaskDefinitionArn}".length());
    grow.put("${FailureTopicArn}", topic - "${FailureTopicArn}".length());
    grow.put("${SuccessTopicArn}", topic - "${SuccessTopicArn}".length());
    grow.put(
        Placeholders.ARTIFACTS_BUCKET, BUCKET_NAME_LENGTH - Placeholders.ARTIFACTS_BUCKET.length());
    grow.put("\"${Subnets}\"", subnets - "\"${Subnets}\"".length());
    grow.put("\"${SecurityGroups}\"", groups - "\"${SecurityGroups}\"".length());
    return grow;
  }

  /**
   * Reports a pipeline whose execution could pass the history limit, naming where the retries of
   * the step with the most attempts were set ({@code retriesFrom}, by step id; a step it does not
   * name points to the keys in general).
   */
  static void checkHistory(
      PipelineModel model,
      MachineLayout.Result layout,
      Map<String, String> retriesFrom,
      Diagnostics diagnostics) {
    long events = historyEvents(model, layout);
    if (events > MAX_HISTORY_EVENTS) {
      StepModel most = model.steps().get(0);
      for (StepModel step : model.steps()) {
        if (maxAttempts(step) > maxAttempts(most)) {
          most = step;
        }
      }
      diagnostics.error(
          EngineMessage.ASL_HISTORY_TOO_LONG,
          null,
          "",
          events,
          model.steps().size(),
          maxAttempts(most),
          MAX_HISTORY_EVENTS,
          retriesFrom.getOrDefault(most.id(), "schedule.retries or a step's retries"));
    }
  }

  /** The most history events one execution can record; see the class comment. */
  static long historyEvents(PipelineModel model, MachineLayout.Result layout) {
    long events = 2 + 2;
    for (StepModel step : model.steps()) {
      events += 2 + 4L * maxAttempts(step);
    }
    events += 4L * layout.parallels();
    int publish = 5 + 3 * OutcomeStates.NOTIFY_RETRIES;
    int toFailurePath = layout.depth() == 0 ? 2 : layout.depth() + 4;
    // A publish that fails after its retries also passes "Notice not sent" (2 events).
    int onFailure =
        toFailurePath + (model.notifications().onFailure().isEmpty() ? 0 : publish + 2) + 1;
    int onSuccess = (model.notifications().onSuccess().isEmpty() ? 0 : publish) + 2;
    return events + Math.max(onFailure, onSuccess);
  }

  /** The first attempt and every retry either retrier allows. */
  static int maxAttempts(StepModel step) {
    return 1 + step.retry().maxAttempts() + step.infraRetry().maxAttempts();
  }
}
