package io.esteira.cli;

import io.esteira.diagnostics.Message;

/**
 * The messages of the esteira command line (sdk-aws io.esteira.cli). Each entry has a stable code
 * (tests and users refer to it; never reuse or rename one) and a template that says what is wrong
 * and how to fix it, with {@link String#format} placeholders. Codes are unique across every
 * module's catalogue.
 */
public enum CliMessage implements Message {
  CLI_NO_CONFIG(
      "this directory holds no config.yaml, and no src/projects/*/config.yaml; give a"
          + " config.yaml, a project directory holding one, or a repository root with"
          + " src/projects/*/config.yaml"),
  CLI_IO_FAILED("%s; check that the path exists, is writable and has room, then run again"),
  CLI_INTERNAL_ERROR(
      "unexpected failure: %s; this is a bug in Esteira: run again with --verbose to see the"
          + " stack trace, and report it with the config.yaml that caused it"),
  MLFLOW_NO_URI(
      "no MLflow server given; set MLFLOW_TRACKING_URI or pass --tracking-uri http://HOST:PORT"),
  LOCAL_UNKNOWN_ENVIRONMENT(
      "environment '%s' is not one of project %s (it has %s); give one of these to --env, or add"
          + " '%s' under environments: in config.yaml (and rebuild a Java project)"),
  LOCAL_COMMAND_NOT_FOUND(
      "step '%s' runs '%s', which is not on PATH%s; install it or put it on PATH, then run again"),
  LOCAL_BAD_CAPACITY(
      "%s must be a positive number, not %s; give the vCPUs or GiB the steps running at once may"
          + " declare together (default: this machine's)"),
  LOCAL_STEP_FAILED(
      "step '%s' %s: %s; its log is %s. Fix it, then run what did not succeed again with"
          + " --resume %s"),
  LOCAL_STEP_SETUP_FAILED(
      "step '%s' could not start its code (exit %s): %s; its log is %s. This is a setup error, so"
          + " it was not retried: the step's code never ran, and another attempt would fail the"
          + " same way. Fix what the cause names (when the class path lacks the project's classes"
          + " or the SDK, rebuild the project with mvn package), then run what did not succeed"
          + " again with --resume %s"),
  LOCAL_NO_RUNS(
      "no runs under %s; run the pipeline first with esteira run, or give the runs directory"
          + " with --runs-dir"),
  LOCAL_UNKNOWN_RUN(
      "no run %s under %s (the newest: %s); give one of these run ids, or latest for the newest"
          + " run, as esteira runs lists them"),
  LOCAL_REPORT_NEEDS_OUT(
      "the report of execution %s needs --out DIR, the directory to write report.html, run.json"
          + " and the logs into"),
  LOCAL_BAD_LIMIT("--limit must be 0 (every run) or more, not %d"),
  LOCAL_UNREADABLE_RUN(
      "%s cannot be read: %s; it is left out of the list (delete the run if it is"
          + " not needed)"),
  LOCAL_PIPELINE_TIMED_OUT(
      "the run passed the pipeline timeout of %d s (schedule.timeout_seconds) and was stopped;"
          + " raise the timeout in config.yaml, or run what did not finish with --resume %s"),
  LOCAL_CANCELLED(
      "run %s was cancelled and its running steps stopped; run what did not finish with"
          + " --resume %s"),
  CLI_IAM_BAD_ACCOUNT(
      "--account '%s' is not an AWS account id; give the 12 digits of the account the role is in"),
  CLI_IAM_BAD_REPOSITORY(
      "--repository '%s' is not OWNER/NAME; give the GitHub repository as it appears in its URL,"
          + " such as my-team/pipelines"),
  CLI_IAM_BAD_ENVIRONMENT(
      "--environment '%s' is not a GitHub environment name; give the name of the environment the"
          + " workflow's deploy job names, such as prd"),
  CLI_IAM_BAD_PROVIDER(
      "--provider-arn '%s' is not the ARN of an IAM OIDC provider for %s; give"
          + " arn:aws:iam::ACCOUNT:oidc-provider/%s, or --account ACCOUNT alone"),
  CLI_IAM_NO_PROVIDER(
      "a trust policy names the account's OIDC provider for GitHub Actions, and neither"
          + " --provider-arn nor --account was given; give one of them"),

  // ---- init ----------------------------------------------------------------------------------
  CLI_INIT_BAD_KIND(
      "--kind '%s' is not a kind of project esteira init writes; give java (a Java pipeline module"
          + " in src/projects/NAME, the default) or yaml (a YAML-only project there)"),
  CLI_INIT_BAD_ECR_REPOSITORY(
      "--ecr-repository '%s' cannot name an ECR repository: use 2 to 256 lower-case letters and"
          + " digits, separated by single '.', '_' or '-' and in '/'-separated parts, such as"
          + " ml-pipelines or team/ml-pipelines"),
  CLI_INIT_BAD_REGION(
      "--region '%s' is not an AWS region: give one such as us-east-1, eu-west-1 or"
          + " us-gov-west-1"),
  CLI_INIT_BAD_SUBNET(
      "--subnet '%s' is not a subnet id: give ids such as subnet-0a1b2c3d (subnet- and 8 or 17"
          + " hexadecimal digits, aws ec2 describe-subnets lists them), repeated or separated by"
          + " commas, or leave --subnet out for a placeholder to replace in platform.yaml"),
  CLI_INIT_BAD_VPC(
      "--vpc '%s' is not a VPC id: give one such as vpc-0a1b2c3d (vpc- and 8 or 17 hexadecimal"
          + " digits, aws ec2 describe-vpcs lists them), or leave --vpc out for a placeholder to"
          + " replace in platform.yaml"),
  CLI_INIT_BAD_PACKAGE(
      "--package '%s' cannot name the pipeline's Java package: use dot-separated segments of"
          + " lower-case letters, digits and '_', each starting with a letter and none a Java"
          + " keyword, such as com.example.churnscores"),
  CLI_INIT_BAD_PROJECT(
      "--project '%s' cannot name a project: use 2 to 32 lower-case letters, digits and single"
          + " '-', starting with a letter and ending with a letter or digit, such as churn-scores"),
  CLI_INIT_DEVELOPMENT_VERSION(
      "this command line is a development build, %s, which Maven Central does not have; the"
          + " pom's esteira.version and the workflows' ESTEIRA_VERSION name it, so a build on"
          + " another machine and the workflows' 'Get Esteira' step will not find it: set both to a"
          + " released version before you push, or publish this build where they can reach it"),
  CLI_INIT_EXISTS(
      "%s already has %s; esteira init writes nothing over a file, so it wrote nothing: move"
          + " these away (or run it in another directory) and run it again"),

  // ---- validate and generate on a built Java project ---------------------------------------
  CLI_JAVA_NOT_BUILT(
      "this is a Java project that is not built: no META-INF/esteira/*/pipeline.json in"
          + " target/classes or in a jar under target/, and its config.yaml alone lacks the steps"
          + " its @Step methods declare; build it first with %s, then run again"),
  CLI_JAVA_STALE(
      "the artifacts in %s were built before this config.yaml last changed, so they may not say"
          + " what it says; run mvn package (the artifacts are older than config.yaml)"),
  CLI_JAVA_BAD_ARTIFACTS(
      "%s; build the project again with mvn package, with this Esteira version as its"
          + " processor"),
  CLI_JAVA_NO_ENVIRONMENT(
      "project %s was built without environment '%s' (it has %s); add it under environments: in"
          + " config.yaml and run mvn package, or ask for one of these"),
  ;

  private final String template;

  CliMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
