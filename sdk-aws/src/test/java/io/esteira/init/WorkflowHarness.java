package io.esteira.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs a workflow's jobs on this machine as GitHub Actions would run them for one event, so the
 * workflows {@code esteira init} writes are tested by running them, not by reading them.
 *
 * <p>What it does as Actions does: it sets the {@code GITHUB_*} and {@code RUNNER_*} variables of
 * the event ({@code GITHUB_ACTIONS=true}, the ref, the SHA, the base and head branch of a pull
 * request, the event's payload file); evaluates job and step {@code if:}, {@code environment:},
 * {@code env:} and {@code with:} with {@link Expressions}; runs a job after the jobs it {@code
 * needs:}, skipping it unless each succeeded (or its {@code if:} has a status function), with their
 * results in {@code needs.<job>.result}; gives a job the variables of the GitHub environment it
 * names ({@code vars.*}); runs each {@code run:} step in order with {@code bash --noprofile --norc
 * -eo pipefail}, in the workspace; applies what a step appends to {@code GITHUB_ENV} and {@code
 * GITHUB_OUTPUT}; skips the rest of a job after a failed step, but for steps whose {@code if:} says
 * {@code always()}.
 *
 * <p>What it does not, said here so no result is taken for more than it is:
 *
 * <ul>
 *   <li>{@code uses:} steps are not run. The test names, for each action, what stands in for it
 *       ({@link Action}): the workspace is already the checked-out repository, the machine's JDK is
 *       the one set up, and the AWS credentials action is replaced by moto's endpoint and
 *       credentials in the job's environment (the role it would assume is recorded).
 *   <li>{@code run:} steps given {@code GH_TOKEN} talk to GitHub's API, which no local peer plays;
 *       they are recorded with their evaluated environment but not run.
 *   <li>Matrices, services, containers and {@code working-directory} are not supported; a workflow
 *       that uses one fails the test.
 * </ul>
 */
final class WorkflowHarness {

  /** The run's id, {@code GITHUB_RUN_ID}. */
  static final String RUN_ID = "4242";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> JOB_KEYS =
      Set.of(
          "if",
          "runs-on",
          "timeout-minutes",
          "environment",
          "permissions",
          "env",
          "steps",
          "concurrency",
          "needs");
  private static final Set<String> STEP_KEYS =
      Set.of("name", "id", "if", "uses", "with", "env", "run", "shell");

  /** The event a workflow runs for. */
  record Event(
      String name,
      String ref,
      String refName,
      String baseRef,
      String headRef,
      String sha,
      Map<String, Object> payload) {

    static Event push(String branch, String sha) {
      return new Event("push", "refs/heads/" + branch, branch, "", "", sha, Map.of());
    }

    /** A pull request from a branch of the same repository. */
    static Event pullRequest(int number, String head, String base, String sha, String repository) {
      return pullRequest(number, repository, head, base, sha, repository);
    }

    /** A pull request from {@code head} of {@code headRepository}, a fork when not the same. */
    static Event pullRequest(
        int number,
        String headRepository,
        String head,
        String base,
        String sha,
        String repository) {
      Map<String, Object> pullRequest = new LinkedHashMap<>();
      pullRequest.put("number", number);
      pullRequest.put(
          "head", Map.of("ref", head, "repo", Map.of("full_name", headRepository), "sha", sha));
      pullRequest.put("base", Map.of("ref", base, "repo", Map.of("full_name", repository)));
      String ref = number + "/merge";
      return new Event(
          "pull_request",
          "refs/pull/" + ref,
          ref,
          base,
          head,
          sha,
          Map.of("number", number, "pull_request", pullRequest));
    }
  }

  /** What stands in for one {@code uses:} action: it may change the job's environment. */
  @FunctionalInterface
  interface Action {
    void play(Map<String, String> with, Map<String, String> jobEnvironment);
  }

  /** How a step ended. */
  enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Its {@code if:} was false, or an earlier step failed. */
    SKIPPED,
    /** A {@code uses:} step whose stand-in ran. */
    STOOD_IN,
    /** A {@code run:} step that talks to GitHub's API: recorded, not run. */
    NOT_RUN_GITHUB_API
  }

  /** One step: its name, how it ended, what it printed, its evaluated environment. */
  record Step(String name, String id, Outcome outcome, String output, Map<String, String> env) {}

  /** One job: whether it ran, its environment, its steps. */
  record Job(String id, boolean ran, String environment, List<Step> steps) {

    boolean succeeded() {
      return ran && steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }

    /** As {@code needs.<job>.result} gives it. */
    String result() {
      return !ran ? "skipped" : succeeded() ? "success" : "failure";
    }

    Step step(String name) {
      return steps.stream()
          .filter(s -> name.equals(s.name()) || name.equals(s.id()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("job " + id + " has no step " + name));
    }

    String output() {
      StringBuilder out = new StringBuilder();
      steps.forEach(
          s ->
              out.append("--- ")
                  .append(s.name())
                  .append(": ")
                  .append(s.outcome())
                  .append('\n')
                  .append(s.output()));
      return out.toString();
    }
  }

  /** Called after each step that ran, so a test can play a peer's part (ECR's, for moto). */
  @FunctionalInterface
  interface AfterStep {
    void after(String job, Step step) throws Exception;
  }

  private final Path workspace;
  private final Path runnerTemp;
  private final String repository;
  private final Map<String, String> processEnvironment;
  private final Map<String, Map<String, String>> environmentVariables;
  private final Map<String, String> secrets;
  private final Map<String, Action> actions;
  private final AfterStep afterStep;

  /**
   * @param workspace the checked-out repository ({@code GITHUB_WORKSPACE})
   * @param runnerTemp the runner's temporary directory ({@code RUNNER_TEMP})
   * @param repository {@code owner/name}
   * @param processEnvironment what the runner's processes get besides Actions' variables (PATH,
   *     HOME, tools' settings)
   * @param environmentVariables each GitHub environment's variables ({@code vars.*}), by name
   * @param secrets {@code secrets.*}
   * @param actions what stands in for each action, by {@code owner/repo} (without the ref)
   * @param afterStep called after each step that ran
   */
  WorkflowHarness(
      Path workspace,
      Path runnerTemp,
      String repository,
      Map<String, String> processEnvironment,
      Map<String, Map<String, String>> environmentVariables,
      Map<String, String> secrets,
      Map<String, Action> actions,
      AfterStep afterStep) {
    this.workspace = workspace;
    this.runnerTemp = runnerTemp;
    this.repository = repository;
    this.processEnvironment = processEnvironment;
    this.environmentVariables = environmentVariables;
    this.secrets = secrets;
    this.actions = actions;
    this.afterStep = afterStep;
  }

  /** Runs every job of {@code workflow} for {@code event}, in the order the file lists them. */
  List<Job> run(Path workflow, Event event) throws Exception {
    Map<String, Object> file =
        map(
            new Load(LoadSettings.builder().build()).loadFromString(Files.readString(workflow)),
            workflow.toString());
    check(
        triggered(file, event),
        "the workflow "
            + workflow.getFileName()
            + " is not triggered by "
            + event.name()
            + " to "
            + (event.name().equals("push") ? event.refName() : event.baseRef()));
    // In the order the file lists them, each once the jobs it needs are done.
    Map<String, Object> pending = new LinkedHashMap<>(map(file.get("jobs"), "jobs"));
    Map<String, Job> done = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      Map.Entry<String, Object> next =
          pending.entrySet().stream()
              .filter(e -> done.keySet().containsAll(needs(e.getKey(), e.getValue())))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("jobs needing each other or no job: " + pending));
      String id = next.getKey();
      Map<String, Job> needed = new LinkedHashMap<>();
      needs(id, next.getValue()).forEach(n -> needed.put(n, done.get(n)));
      done.put(id, job(file, id, map(next.getValue(), id), event, needed));
      pending.remove(id);
    }
    return new ArrayList<>(done.values());
  }

  /** A job's {@code needs:}: one job's id or a list of them, each a job of the file. */
  private static List<String> needs(String id, Object job) {
    Object needs = map(job, id).get("needs");
    if (needs == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Object need : needs instanceof List<?> list ? list : List.of(needs)) {
      ids.add(String.valueOf(need));
    }
    return ids;
  }

  private boolean triggered(Map<String, Object> file, Event event) {
    Map<String, Object> on = map(file.get("on"), "on");
    if (!on.containsKey(event.name())) {
      return false;
    }
    Map<String, Object> filter =
        on.get(event.name()) == null ? Map.of() : map(on.get(event.name()), event.name());
    Object branches = filter.get("branches");
    String branch = event.name().equals("push") ? event.refName() : event.baseRef();
    return branches == null || ((List<?>) branches).contains(branch);
  }

  private Job job(
      Map<String, Object> file,
      String id,
      Map<String, Object> job,
      Event event,
      Map<String, Job> needed)
      throws Exception {
    for (String key : job.keySet()) {
      check(JOB_KEYS.contains(key), "job " + id + ": the harness does not run '" + key + "'");
    }
    Map<String, Object> contexts = new LinkedHashMap<>();
    contexts.put("github", github(event));
    contexts.put("secrets", secrets);
    contexts.put("vars", Map.of());
    Map<String, String> env = new LinkedHashMap<>();
    contexts.put("env", env);
    Map<String, Object> needsContext = new LinkedHashMap<>();
    needed.forEach((need, done) -> needsContext.put(need, Map.of("result", done.result())));
    contexts.put("needs", needsContext);
    // A job's success() is that every job it needs succeeded: a skipped or failed one skips it,
    // unless its if: says otherwise with a status function.
    boolean neededFailed = needed.values().stream().anyMatch(n -> !n.succeeded());
    if (!Expressions.condition(job.get("if"), new Expressions.Context(contexts, neededFailed))) {
      return new Job(id, false, null, List.of());
    }
    Expressions.Context plain = new Expressions.Context(contexts, false);
    String environment =
        job.containsKey("environment")
            ? Expressions.interpolate(String.valueOf(job.get("environment")), plain)
            : null;
    if (environment != null) {
      contexts.put("vars", environmentVariables.getOrDefault(environment, Map.of()));
    }
    evaluateInto(env, file.get("env"), plain);
    evaluateInto(env, job.get("env"), plain);

    Path jobTemp = Files.createDirectories(runnerTemp);
    Path githubEnv = Files.createTempFile(jobTemp, "github-env", "");
    Path eventFile = jobTemp.resolve("event.json");
    JSON.writeValue(eventFile.toFile(), event.payload());
    Map<String, Map<String, Object>> stepsContext = new LinkedHashMap<>();
    contexts.put("steps", stepsContext);
    List<Step> steps = new ArrayList<>();
    boolean failed = false;
    int number = 0;
    for (Object item : (List<?>) job.get("steps")) {
      Map<String, Object> step = map(item, id + " step");
      for (String key : step.keySet()) {
        check(
            STEP_KEYS.contains(key),
            "job " + id + ": the harness does not run a step's '" + key + "'");
      }
      number++;
      Expressions.Context context = new Expressions.Context(contexts, failed);
      String stepId = step.containsKey("id") ? String.valueOf(step.get("id")) : null;
      String name =
          step.containsKey("name")
              ? Expressions.interpolate(String.valueOf(step.get("name")), context)
              : String.valueOf(step.getOrDefault("uses", "step " + number));
      if (!Expressions.condition(step.get("if"), context)) {
        steps.add(new Step(name, stepId, Outcome.SKIPPED, "", Map.of()));
        continue;
      }
      Map<String, String> stepEnv = new LinkedHashMap<>(env);
      evaluateInto(stepEnv, step.get("env"), context);
      Step done;
      if (step.containsKey("uses")) {
        String uses = String.valueOf(step.get("uses"));
        String action = uses.substring(0, uses.indexOf('@'));
        Action standIn = actions.get(action);
        check(standIn != null, "job " + id + ": nothing stands in for the action " + action);
        Map<String, String> with = new LinkedHashMap<>();
        evaluateInto(with, step.get("with"), context);
        standIn.play(with, env);
        done = new Step(name, stepId, Outcome.STOOD_IN, "", stepEnv);
      } else if (stepEnv.containsKey("GH_TOKEN")) {
        done = new Step(name, stepId, Outcome.NOT_RUN_GITHUB_API, "", stepEnv);
      } else {
        check(!step.containsKey("shell"), "job " + id + ": the harness runs bash steps only");
        done =
            runStep(
                id,
                name,
                stepId,
                Expressions.interpolate(String.valueOf(step.get("run")), context),
                stepEnv,
                event,
                environment,
                githubEnv,
                eventFile,
                stepsContext);
        readEnvFile(githubEnv, env);
      }
      failed |= done.outcome() == Outcome.FAILED;
      steps.add(done);
      if (done.outcome() != Outcome.SKIPPED) {
        afterStep.after(id, done);
      }
    }
    return new Job(id, true, environment, steps);
  }

  private Step runStep(
      String job,
      String name,
      String stepId,
      String script,
      Map<String, String> stepEnv,
      Event event,
      String environment,
      Path githubEnv,
      Path eventFile,
      Map<String, Map<String, Object>> stepsContext)
      throws Exception {
    Path output = Files.createTempFile(runnerTemp, "github-output", "");
    Path summary = Files.createTempFile(runnerTemp, "step-summary", "");
    Path scriptFile = Files.createTempFile(runnerTemp, "step", ".sh");
    Files.writeString(scriptFile, script);
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile.toString())
            .directory(workspace.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> variables = builder.environment();
    variables.clear();
    variables.putAll(processEnvironment);
    variables.put("CI", "true");
    variables.put("GITHUB_ACTIONS", "true");
    variables.put("GITHUB_REPOSITORY", repository);
    variables.put("GITHUB_EVENT_NAME", event.name());
    variables.put("GITHUB_EVENT_PATH", eventFile.toString());
    variables.put("GITHUB_REF", event.ref());
    variables.put("GITHUB_REF_NAME", event.refName());
    variables.put("GITHUB_BASE_REF", event.baseRef());
    variables.put("GITHUB_HEAD_REF", event.headRef());
    variables.put("GITHUB_SHA", event.sha());
    variables.put("GITHUB_SERVER_URL", "https://github.com");
    variables.put("GITHUB_RUN_ID", RUN_ID);
    variables.put("GITHUB_JOB", job);
    variables.put("GITHUB_WORKSPACE", workspace.toString());
    variables.put("GITHUB_ENV", githubEnv.toString());
    variables.put("GITHUB_OUTPUT", output.toString());
    variables.put("GITHUB_STEP_SUMMARY", summary.toString());
    variables.put("RUNNER_TEMP", runnerTemp.toString());
    variables.put("RUNNER_OS", "Linux");
    variables.putAll(stepEnv);
    // Into a file, not a pipe read to its end first, which would make the timeout moot.
    Path log = Files.createTempFile(runnerTemp, "step", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean ended = process.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    if (!ended) {
      throw new AssertionError("step " + name + " of job " + job + " ran 10 minutes:\n" + printed);
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    readEnvFile(output, outputs);
    if (stepId != null) {
      Map<String, Object> recorded = new LinkedHashMap<>();
      recorded.put("outputs", outputs);
      recorded.put("outcome", process.exitValue() == 0 ? "success" : "failure");
      stepsContext.put(stepId, recorded);
    }
    Map<String, String> seen = new LinkedHashMap<>(stepEnv);
    seen.put("GITHUB_STEP_SUMMARY", Files.readString(summary));
    return new Step(
        name, stepId, process.exitValue() == 0 ? Outcome.SUCCEEDED : Outcome.FAILED, printed, seen);
  }

  private Map<String, Object> github(Event event) {
    Map<String, Object> github = new LinkedHashMap<>();
    github.put("event_name", event.name());
    github.put("ref", event.ref());
    github.put("ref_name", event.refName());
    github.put("base_ref", event.baseRef());
    github.put("head_ref", event.headRef());
    github.put("sha", event.sha());
    github.put("repository", repository);
    github.put("token", "token-the-harness-never-uses");
    github.put("event", event.payload());
    return github;
  }

  private static void evaluateInto(
      Map<String, String> into, Object values, Expressions.Context context) {
    if (values == null) {
      return;
    }
    for (Map.Entry<String, Object> entry : map(values, "env").entrySet()) {
      into.put(entry.getKey(), Expressions.interpolate(String.valueOf(entry.getValue()), context));
    }
  }

  /** A GITHUB_ENV or GITHUB_OUTPUT file: {@code name=value} lines and {@code name<<EOF} blocks. */
  static void readEnvFile(Path file, Map<String, String> into) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      int heredoc = line.indexOf("<<");
      int equals = line.indexOf('=');
      if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).equals(delimiter); i++) {
          value.append(value.isEmpty() ? "" : "\n").append(lines.get(i));
        }
        check(i < lines.size(), file + ": no closing " + delimiter);
        into.put(line.substring(0, heredoc), value.toString());
      } else {
        check(equals > 0, file + ": not name=value: " + line);
        into.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    Files.writeString(file, "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    check(value instanceof Map, what + " is not a mapping");
    return (Map<String, Object>) value;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
