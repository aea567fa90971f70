package io.esteira.core;

import io.esteira.diagnostics.Message;

/**
 * The messages of the engine (esteira-engine): reading config.yaml, the model, the generators,
 * finding projects, the local runner, the model registry and deploy gate. Each entry has a stable
 * code (tests and users refer to it; never reuse or rename one) and a template that says what is
 * wrong and how to fix it, with {@link String#format} placeholders. Codes are unique across every
 * module's catalogue.
 */
public enum EngineMessage implements Message {
  // ---- YAML reading -------------------------------------------------------------------------
  YAML_SYNTAX("%s; fix the YAML syntax at this place"),
  YAML_TOO_LARGE(
      "the file is %d bytes, over the %d-byte limit for a config.yaml; a pipeline's config should"
          + " be small: move data out of it"),
  YAML_UNSAFE("%s; config.yaml takes plain YAML only: remove tags and deep anchor/alias use"),
  YAML_UNREADABLE("cannot read the file: %s; check that the path names a readable file"),

  // ---- config.yaml keys and values (config package) -----------------------------------------
  CONFIG_UNKNOWN_KEY("unknown key '%s' in %s%s"),
  CONFIG_MISSING_KEY("missing required key '%s' in %s; add it, for example: %s"),
  CONFIG_WRONG_TYPE("'%s' must be %s, but is %s; %s"),
  CONFIG_DUPLICATE_KEY("key '%s' appears twice in %s (first at line %d); keep one of them"),
  CONFIG_INVALID_VALUE("'%s' is %s: %s"),
  CONFIG_OUT_OF_RANGE("'%s' is %s, but must be %s; %s"),
  CONFIG_PROJECT_NAME(
      "project name '%s' %s; the name becomes part of every AWS name of the project, the longest"
          + " being ml-cluster-<name> and the IAM role names (IAM roles and Scheduler schedules"
          + " allow 64 characters): use at most 32 lower-case letters, digits and hyphens,"
          + " starting with a letter and ending with a letter or digit, such as recsys"),
  CONFIG_VERSION(
      "version '%s' %s; the version is part of the image tag <project>-<version>: use at most 64"
          + " letters, digits, dots, underscores and hyphens, such as 1.0.0"),
  CONFIG_STEP_ID(
      "step id '%s' %s; use at most 64 lower-case letters, digits and underscores, starting with a"
          + " letter, such as extract_features"),
  CONFIG_DUPLICATE_STEP("step id '%s' is used twice (first at line %d); give each step its own id"),
  STEP_UNKNOWN_DEPENDENCY("step '%s'%s depends on '%s', which is not a step of this pipeline%s"),
  STEP_CYCLE(
      "step '%s' depends on itself%s (%s), so no step of the cycle can ever start; remove one of"
          + " these dependencies: %s"),
  STEP_DATA_NAME(
      "%s '%s' of step '%s' %s; a name is a relative path of segments made of letters, digits,"
          + " '.', '_' and '-', separated by '/' (no '.' or '..' segment, at most 200 characters),"
          + " such as features.csv or reports/metrics.json"),
  STEP_DATA_DUPLICATE("step '%s' lists %s '%s' twice; list it once"),
  STEP_INPUT_FORMAT(
      "input '%s' of step '%s' is not <step>/<name>; write the id of the step that stores the"
          + " output, a '/', then the output's name, such as extract_features/features.csv"),
  STEP_INPUT_UNKNOWN_STEP(
      "input '%s' of step '%s' names step '%s', which is not a step of this pipeline%s"),
  STEP_INPUT_OWN_OUTPUT(
      "step '%s' lists its own output as input '%s', but a step's outputs are stored only after it"
          + " succeeds; remove the input and use the file in its work directory, or read an output"
          + " of a step upstream of it"),
  STEP_INPUT_NOT_UPSTREAM(
      "input '%s' of step '%s'%s is an output of step '%s', which is not upstream of '%s', so it may"
          + " not have run when '%s' starts; make '%s' wait for it: %s"),
  STEP_INPUT_NOT_AN_OUTPUT(
      "input '%s' of step '%s' names output '%s' of step '%s', but '%s' %s; %s"),
  STEP_INPUT_SAME_NAME(
      "inputs '%s' and '%s' of step '%s' would both land on '%s' in its work directory; read only"
          + " one of them, or give one of the outputs another name where its step declares it"),
  CONFIG_UNSUPPORTED(
      "'%s' is '%s', but Esteira supports only %s; write %s: %s or leave the key out"),
  CONFIG_STEP_TIMEOUT_NO_ROOM(
      "step '%s'%s may run %d seconds, but the whole execution only %d (%s), so when the step"
          + " hangs the execution times out first; Step Functions runs no catcher for that, and the"
          + " failure notice cannot name the step (the execution-level notice reports the"
          + " timed-out execution); leave %d seconds for the failure to be reported: lower %s to at"
          + " most %d (the default), or raise %s"),
  CONFIG_QUANTITIES(
      "min_quantity (%d; %s) is greater than max_quantity (%d; %s)%s, which the auto scaling group"
          + " refuses; lower min_quantity or raise max_quantity"),
  CONFIG_ANNOTATION_DIFFERS(
      "%s is '%s' here, but @Pipeline(%s = \"%s\") says otherwise; config.yaml wins over the"
          + " annotation, so %s: write the same value in both places, or keep only one of them"),
  CONFIG_TIMEZONE(
      "'%s' is not an IANA time zone name%s; use a tz database name such as UTC or"
          + " America/Sao_Paulo (not an offset such as -03:00)"),
  CONFIG_ENV_VAR_NAME(
      "'%s' is not a valid environment variable name; use letters, digits and underscores, not"
          + " starting with a digit, such as MODEL_NAME"),
  CONFIG_SECRET_IN_ENV_VARS(
      "'%s' looks like a secret, but env_vars puts its value in plain text in the task definition,"
          + " where anyone who can read it sees it; store the value in SSM Parameter Store or"
          + " Secrets Manager and list it under runtime.secrets instead, such as %s:"
          + " /<project>/<env>/%s"),
  CONFIG_RESERVED_ENV_VAR("'%s' is set by Esteira itself; %s"),
  CONFIG_ENV_OVERRIDDEN(
      "runtime.env_vars sets ENV to '%s', but tasks of environment '%s' always get ENV=%s, since"
          + " Esteira sets ENV to the environment being deployed or run; the value here is"
          + " ignored: remove it to silence this warning"),
  CONFIG_SECRET_REFERENCE(
      "runtime.secrets.%s is '%s': %s; use an SSM parameter name (/recsys/prd/db-password), an SSM"
          + " parameter ARN, or a Secrets Manager secret ARN"
          + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>)"),
  CONFIG_EMAIL(
      "'%s' in %s is not an e-mail address; write one address per item, such as"
          + " ml-team@example.com"),
  CONFIG_OWNER_TAG(
      "'%s' in %s becomes the owner tag of every AWS resource of the project, and AWS tag values"
          + " take only letters, digits, spaces and _ . : / = + - @ (it has %s), so the deploy"
          + " would fail; give an address without those characters, such as a team alias"),
  CONFIG_UNKNOWN_INSTANCE_TYPE(
      "ec2_type '%s' is not in Esteira's table of instance types, so whether the steps fit on it"
          + " cannot be checked%s"),
  CONFIG_INSTANCE_TYPE_NAME(
      "ec2_type '%s' is no EC2 instance type: EC2 names a type <family>.<size>, with a size such"
          + " as large, xlarge, 2xlarge or metal%s"),
  CONFIG_STEP_DOES_NOT_FIT("step '%s'%s asks for %s, but %s; %s"),
  CONFIG_NOT_IN_ENVIRONMENT(
      "'%s' cannot differ between environments, so it cannot appear under environments.%s; set it"
          + " once at the top level"),
  CONFIG_ENVIRONMENT_NAME(
      "environment name '%s' is not valid; use 2 to 10 lower-case letters and digits, starting"
          + " with a letter, such as stg"),
  CONFIG_UNKNOWN_ENVIRONMENT(
      "unknown environment '%s'%s; this project's environments are %s (declare others under"
          + " environments:)"),
  CONFIG_UNKNOWN_STEP_OVERRIDE(
      "environments.%s changes step '%s', but the pipeline has no step with that id%s; an"
          + " environment can only change steps declared in batch.pipeline.steps or as @Step"
          + " methods"),
  CONFIG_STEP_WITHOUT_ACTION(
      "step '%s' has no command, and no @Step method of %s has that id%s; add a command to run,"
          + " add a @Step method with that id, or fix the id"),
  CONFIG_COMMAND_FOR_METHOD(
      "step '%s' is the @Step method %s, so it cannot also have a command; remove the command, or"
          + " give the command step an id of its own"),
  CONFIG_MLFLOW_REQUIREMENT(
      "'%s' is not a model requirement: %s; write a registry stage (None, Staging, Production,"
          + " Archived) or an alias with a leading @, such as \"@champion\""),

  // ---- schedule and compute (schedule and infra packages) -----------------------------------
  SCHEDULE_SYNTAX(
      "schedule '%s' %s; write a 5-field cron such as '0 3 * * *' (03:00 every day), an"
          + " EventBridge cron such as 'cron(0 3 * * ? *)', or a rate such as 'rate(1 day)'"),
  SCHEDULE_MACRO("'%s' is a cron macro, which EventBridge Scheduler does not take; %s"),
  SCHEDULE_ONE_TIME(
      "'%s' is a one-time schedule, but a pipeline's schedule repeats; write a cron or rate"
          + " expression (such as '0 3 * * *'), and start a one-off execution by hand instead"),
  SCHEDULE_CRON_FIELD_COUNT("'%s' has %d fields; %s"),
  SCHEDULE_CRON_FIELD("%s in '%s'; %s"),
  SCHEDULE_CRON_BOTH_DAYS(
      "'%s' restricts both day-of-month (%s) and day-of-week (%s), and Unix cron runs it on days"
          + " where %s; an EventBridge Scheduler cron can restrict only one of the two: keep one"
          + " and set the other to '*', or use two pipelines or schedules, one per day field"),
  SCHEDULE_CRON_QUESTION_MARK(
      "'%s' has %s; in cron(...) exactly one of day-of-month and day-of-week must be '?', such"
          + " as cron(0 3 * * ? *) (every day) or cron(0 3 ? * MON-FRI *) (weekdays)"),
  SCHEDULE_RATE("%s in '%s'; %s"),

  // ---- generators (generate package) --------------------------------------------------------
  ASL_NO_STEPS(
      "the pipeline has no steps, so there is no state machine to generate; add at least one step"
          + " under batch.pipeline.steps (or a @Step method)"),
  ASL_STATE_NAME_TOO_LONG(
      "state name '%s' of step '%s' is %d characters, over Step Functions' limit of %d; shorten the"
          + " step id to at most %d characters"),
  ASL_STATE_NAME_CHARACTERS(
      "state name '%s' of step '%s' has characters a state name must not have; use only lower-case"
          + " letters, digits and underscores in step ids"),
  ASL_STATE_NAME_DUPLICATE(
      "state name '%s' is used twice in the state machine (by %s and by %s); give every step its"
          + " own id, in lower-case letters, digits and underscores"),
  ASL_OVERRIDES_TOO_LARGE(
      "the container overrides of step '%s' can reach %,d characters when the step runs (its command"
          + " alone is %,d), over ECS's limit of %,d; shorten the command, for example move its"
          + " arguments into a script or a config file inside the image"),
  ASL_DEFINITION_TOO_LARGE(
      "the state machine definition%s would be about %,d bytes once the deployer fills in ARNs, subnets"
          + " and security groups (%d steps, about %,d bytes each), over Step Functions' limit of %,d"
          + " bytes; split the pipeline into smaller pipelines, or shorten the steps' commands"),
  ECS_TASK_DEFINITION_TOO_LARGE(
      "the task definition of environment '%s' would be about %,d bytes once the deployer fills in"
          + " the image, role ARNs and MLflow URLs, over ECS's limit of %,d bytes (64 KiB) for a"
          + " task definition; its largest variables are %s: shorten these runtime.env_vars or"
          + " runtime.secrets values, or move large values into a file in the image or an S3"
          + " object the step reads"),
  ASL_HISTORY_TOO_LONG(
      "one execution%s could record up to %,d history events (%d steps; a step that uses all its"
          + " retries records 2 + 4 events per attempt, up to %d attempts here), over Step Functions'"
          + " limit of %,d events per execution; lower the retries (%s) or split the pipeline into"
          + " smaller pipelines"),
  ASL_ADDED_WAIT(
      "step '%s' will also wait for step '%s', which it does not depend on: Step Functions runs"
          + " steps as sequences and parallel branches, and these dependencies have no exact form of"
          + " that shape; add '%s' to the depends_on of '%s' to accept the wait, or change the"
          + " dependencies so that each group of steps waits for all of another group"),

  // ---- artifacts ----
  ARTIFACTS_UNKNOWN_ENVIRONMENT(
      "environment '%s' is not declared in this config.yaml; use one of %s, or add an"
          + " environments.%s section"),
  ARTIFACTS_DUPLICATE_PROJECT(
      "project '%s' is also defined by %s, and both would write the same artifacts; give each"
          + " project its own project_name"),

  // ---- command line (sdk-aws) ---------------------------------------------------------------
  CLI_NOT_FOUND(
      "no such file or directory; give a config.yaml, a project directory holding one, or a"
          + " repository root with src/projects/*/config.yaml"),
  MLFLOW_UNREACHABLE(
      "cannot reach the MLflow server at %s (%s); check the URL (MLFLOW_TRACKING_URI or"
          + " --tracking-uri) and that the server is running"),
  MLFLOW_UNAUTHORIZED(
      "the MLflow server at %s refused the request %s (HTTP %d: %s); set"
          + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN, to"
          + " an account allowed to do this"),
  MLFLOW_REJECTED(
      "the MLflow server rejected %s (HTTP %d, %s: %s); check the names and values given"),
  MLFLOW_NOT_AN_API(
      "%s is not an MLflow API: %s answered HTTP 404 without MLflow's error; check"
          + " MLFLOW_TRACKING_URI or --tracking-uri: give the server's base URL (such as"
          + " http://HOST:5000, with the path prefix it is served under, if any), not a mistyped"
          + " path"),
  MLFLOW_SERVER_ERROR(
      "the MLflow server failed on %s (HTTP %d: %s); look at the server's log, then run again"),
  MLFLOW_UNKNOWN_MODEL(
      "no registered model '%s' on %s; check the name (esteira models list NAME shows a model),"
          + " or register a version of it from a training run first"),
  MLFLOW_UNKNOWN_VERSION("model '%s' has no version %s (its versions: %s); pick one of them"),
  MLFLOW_VERSION_NOT_READY(
      "version %s of model '%s' is %s, not READY, so it cannot be promoted; register the model"
          + " again from its run and promote the new version"),
  MLFLOW_DEMOTION(
      "version %s of model '%s' is in Production; promoting it to %s would leave no Production"
          + " version: promote another version to Production first"),
  MLFLOW_BAD_ALIAS(
      "cannot promote to %s: %s; pick another alias, such as @champion (nothing was sent to the"
          + " server)"),
  MLFLOW_PROMOTION_NOT_APPLIED(
      "promotion of '%s' version %s to %s was not applied, nothing changed: %s; fix that and run"
          + " the same command again"),
  MLFLOW_PROMOTION_UNKNOWN(
      "promotion of '%s' version %s to %s may or may not have been applied: %s; run 'esteira"
          + " models list %s' to see, and run the same command again (it is safe to repeat)"),
  MLFLOW_PROMOTION_INCOMPLETE(
      "'%s' version %s is now in %s, but recording it failed (%s); run the same command again"
          + " to finish the bookkeeping (it is safe to repeat)"),
  MLFLOW_GATE_REFUSED(
      "model '%s' has no version %s, which a deploy to %s requires; its versions: %s; promote"
          + " one: %s"),
  MLFLOW_GATE_NO_VERSIONS(
      "model '%s' has no READY version on %s, and a deploy to %s requires one %s; register a"
          + " version from a training run, then promote it"),
  RUN_MISSING_SECRET(
      "secret %s (runtime.secrets: %s) is not set in this shell; the local runner reads secrets"
          + " from environment variables of the same name, never from AWS: export %s=<value> and"
          + " run again"),
  RUN_UNKNOWN_SELECTED_STEP("%s names step '%s', which pipeline %s does not have; use one of: %s"),
  RUN_SELECTION_CONFLICT("%s and %s cannot be combined; give only one of them"),
  RUN_UNKNOWN_RUN(
      "there is no run '%s' to resume under %s; give the id of an earlier run (the directory names"
          + " there; most recent: %s)"),
  RUN_NO_RUNS(
      "--resume latest: there is no run under %s yet; run the pipeline once without --resume, then"
          + " resume that run"),
  RUN_INPUT_LEFT_OUT(
      "step '%s' reads %s, but %s leaves step '%s' out, so this run would not store it; pass"
          + " --resume <run id|latest> to take %s's outputs from an earlier run, or run %s too"),
  RUN_INPUT_NOT_IN_RESUMED(
      "step '%s' reads %s, but step '%s' did not succeed in run %s, so that run has no output of"
          + " it to take; resume a run in which it succeeded, or run %s too (--from)"),
  RUN_UNREADABLE_RECORD(
      "%s cannot be read: %s; that run cannot be resumed, start a new run instead"),
  RUN_RESUMED_STILL_RUNNING(
      "run %s is still running: its runner, process %s, is alive; wait for it to end, or stop it"
          + " (Ctrl-C in its terminal, or kill %s), then resume it"),
  RUN_RESUME_MISMATCH(
      "run %s ran %s, but this run is %s; resume it with the same project and --env, or start a"
          + " new run"),
  RUN_NO_CLASS_PATH(
      "pipeline %s has Java steps, which run in a child JVM with the project's class path, but no"
          + " class path was given; build the project first (mvn package) so its class path can be"
          + " found, or run the steps in-process"),
  RUN_NO_DISPATCHER(
      "pipeline %s has Java steps, but no step dispatcher for it is on this JVM's class path, so"
          + " they cannot run in-process; put the project's classes and the step index the"
          + " processor wrote (META-INF/esteira/<project>/steps.idx) on the class path, or run the steps in a child JVM"),
  RUN_STORE_NOT_S3(
      "--store %s: the store must be s3://BUCKET, a bucket's name and nothing after it (the run's"
          + " data then goes to s3://BUCKET/<project>/<env>/<run id>/, as in AWS); leave --store"
          + " out to keep the run's data in the run directory"),
  RUN_STORE_S3_CONFLICT("--store s3://... cannot be combined with %s: %s"),
  RUN_STORE_NEEDS_S3_JAR(
      "pipeline %s has Java steps and --store %s, but esteira-s3 is not on the project's class"
          + " path, so the steps' launcher cannot reach S3; add the dependency"
          + " io.esteira:esteira-s3 (runtime scope) to the project, as its image needs it in AWS"
          + " too (docs/step-data.md, Setup), build it again and run again"),
  RUN_STORE_NEEDS_AWS_CLI(
      "command step '%s' hands data over, and with --store %s its data is moved by the AWS CLI"
          + " as the transfer containers move it in AWS, but there is no aws on PATH; install the"
          + " AWS CLI (pip install awscli, or"
          + " https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and"
          + " run again"),
  RUN_CANNOT_WRITE(
      "cannot write the run directory %s: %s; check that the runs directory is writable and has"
          + " room, or choose another one"),
  RUN_CLASSPATH_CHANGING(
      "the class path entry %s kept changing while the run copied it (%s): a build is writing"
          + " it; wait for the build to end, then run again"),

  // ---- local runner command (esteira run, sdk-aws; project discovery, sdk-core) --------------
  LOCAL_NO_PROJECT(
      "no pipeline here: no config.yaml, no src/projects/*/config.yaml, no */config.yaml and no"
          + " built META-INF/esteira/*/pipeline.json under target/; give a YAML-only project"
          + " directory, a repository root laid out as src/projects/<name>/, or a built Java pipeline project"),
  PROJECT_CONFIG_NOT_A_FILE(
      "this is a directory named config.yaml, not a file, so no project can be read from it;"
          + " a project's configuration is a file: rename or remove this directory, and put the"
          + " project's settings in a config.yaml file"),
  LOCAL_NOT_BUILT(
      "this Java project is not built: no META-INF/esteira/*/pipeline.json in target/classes or"
          + " in a jar under target/; build it first (%s), then run again"),
  LOCAL_SEVERAL_PROJECTS(
      "this holds several pipelines (%s); say which with --project NAME, or give the project's"
          + " own directory"),
  LOCAL_UNKNOWN_PROJECT("no pipeline '%s' here (there is: %s); give one of these to --project"),
  LOCAL_NO_CLASSPATH(
      "the runtime class path of this project is unknown: there is no %s and no %s; add the"
          + " esteira-maven-plugin with its goals check-config and classpath to its pom.xml as"
          + " docs/local-runner.md shows (examples/recsys/pom.xml has it) and build again with mvn"
          + " package, or copy the dependencies with mvn dependency:copy-dependencies"),
  LOCAL_CLASSPATH_STALE(
      "the runtime class path lists %s, which is not there; build the project again so the class"
          + " path file is current (for a repository's modules, install the SDK first)"),
  LOCAL_UNREADABLE_PIPELINE("%s"),
  LOCAL_STALE_BUILD(
      "%s, so this run uses the pipeline as last built; build the project again to run what"
          + " config.yaml now says"),
  ;

  private final String template;

  EngineMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
