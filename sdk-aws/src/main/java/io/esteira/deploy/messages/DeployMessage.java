package io.esteira.deploy.messages;

import io.esteira.diagnostics.Message;

/**
 * The messages of the deployer (sdk-aws io.esteira.deploy). Each entry has a stable code (tests and
 * users refer to it; never reuse or rename one) and a template that says what is wrong and how to
 * fix it, with {@link String#format} placeholders. Codes are unique across every module's
 * catalogue.
 */
public enum DeployMessage implements Message {
  // ---- deployer (sdk-aws io.esteira.deploy) -------------------------------------------------
  DEPLOY_PLATFORM_UNREADABLE(
      "cannot read the platform file: %s; give --platform the path of a readable YAML file"),
  DEPLOY_PLATFORM_SYNTAX("%s; fix the YAML syntax at this place"),
  DEPLOY_PLATFORM_TOO_LARGE(
      "the file is %d bytes, over the %d-byte limit for a platform file; check that --platform"
          + " names the platform file"),
  DEPLOY_PLATFORM_UNSAFE(
      "%s; the platform file takes plain YAML only: remove tags and deep anchor/alias use"),
  DEPLOY_PLATFORM_DUPLICATE_KEY(
      "key '%s' appears twice in %s (first at line %d); keep one of them"),
  DEPLOY_PLATFORM_WRONG_TYPE("'%s' must be %s, but is %s; %s"),
  DEPLOY_PLATFORM_UNKNOWN_KEY(
      "unknown key '%s' in %s; the keys here are %s (docs/deployer.md lists them)"),
  DEPLOY_PLATFORM_MISSING("missing '%s' in the platform file; add it, for example: %s"),
  DEPLOY_PLATFORM_INVALID("'%s' is %s; %s"),
  DEPLOY_PLATFORM_NO_ENVIRONMENT(
      "the platform file has no environments.%s section, so there is nowhere to deploy '%s'; add"
          + " it with mlflow.tracking_uri and mlflow.s3_endpoint_url, or deploy one of: %s"),
  DEPLOY_NOT_BUILT(
      "this Java project has no built artifacts (%s); build it first with mvn package, then run"
          + " again"),
  DEPLOY_BAD_ARTIFACTS("%s; rebuild the project with this Esteira version and run again"),
  DEPLOY_NO_ENVIRONMENT(
      "project %s has no artifacts for environment '%s' (it has %s); add the environment to its"
          + " config.yaml (environments:) and rebuild, or deploy another environment"),
  DEPLOY_UNKNOWN_PLACEHOLDER(
      "%s of project %s holds the placeholder %s, which this deployer does not know; build the"
          + " project with the same Esteira version as the deployer"),
  DEPLOY_NO_PROJECT(
      "no project named '%s' among %s; check --project against the project_name of each"
          + " config.yaml"),
  DEPLOY_NAME_COLLISION(
      "projects %s and %s would share the AWS resource %s; rename one of them (project_name)"),
  DEPLOY_IMAGE_MISSING(
      "the image %s is not in ECR repository %s; build and push it first with esteira image"
          + " build --push (the same --platform, --env and projects), or give project %s's image"
          + " with --image %s=URI"),
  DEPLOY_PRUNE_NEEDS_ROOT(
      "--prune disables the schedules of projects that are no longer in the repository, so it"
          + " needs every project: give --projects-root DIR, and no --project"),
  DEPLOY_IMAGE_UNKNOWN_PROJECT(
      "--image names project '%s', which is not among the projects deployed (%s); use"
          + " --image <project_name>=URI with one of them"),
  DEPLOY_BRANCH(
      "environment %s deploys only from branch %s, but GITHUB_REF_NAME is '%s'; merge into %s"
          + " and deploy from there, or pass --allow-any-branch in an emergency (it is logged)"),
  DEPLOY_LOCKED(
      "project %s (%s) is being deployed by %s since %s%s; wait for that deploy to finish, or,"
          + " if it died, remove the lock with: aws ssm delete-parameter --name %s --region %s"),
  DEPLOY_AWS_FAILED(
      "%s %s of project %s failed: %s; fix the cause and deploy again (a rerun continues where"
          + " this one stopped)"),
  DEPLOY_AWS_UNREACHABLE(
      "cannot reach AWS: %s; check the credentials (AWS_PROFILE, aws sso login), the region"
          + " (--region, AWS_REGION) and --endpoint-url"),
  DEPLOY_AWS_REFUSED("AWS %s %s failed with %s: %s; %s, then run again"),
  DEPLOY_VPC_MISSING(
      "the VPC %s that the platform file names does not exist in region %s for this account;"
          + " list the VPCs there with aws ec2 describe-vpcs --region %s --query 'Vpcs[].VpcId'"
          + " and put one of them in vpc_id"),
  DEPLOY_SUBNET_MISSING(
      "the subnet %s that the platform file names does not exist in region %s for this account;"
          + " list the subnets of the VPC with aws ec2 describe-subnets --region %s --filters"
          + " Name=vpc-id,Values=%s --query 'Subnets[].SubnetId' and use those in subnets"),
  DEPLOY_SUBNET_OTHER_VPC(
      "the subnet %s is in VPC %s, not in %s (vpc_id): tasks and instances need subnets of the"
          + " VPC their security group is in; list its subnets with aws ec2 describe-subnets"
          + " --region %s --filters Name=vpc-id,Values=%s --query 'Subnets[].SubnetId', or"
          + " correct vpc_id"),
  DEPLOY_ARTIFACTS_BUCKET_MISSING(
      "the artifacts bucket '%s' that the platform file names does not exist; create it (private,"
          + " in %s), correct the name, or leave artifacts.bucket out so that the deployer creates"
          + " and manages %s"),
  DEPLOY_ARTIFACTS_BUCKET_FORBIDDEN(
      "the artifacts bucket '%s' that the platform file names exists, but this identity may not"
          + " use it (S3 answered 403: another account's bucket without a bucket policy for this"
          + " one, or no s3:ListBucket on it); grant access, name a bucket of this account, or"
          + " leave artifacts.bucket out so that the deployer creates and manages %s"),
  MLFLOW_GATE_NO_SERVER(
      "project '%s' ships models (%s) that a deploy to %s must find in the MLflow registry, but"
          + " the platform file %s has no MLflow server for %s; add environments.%s.mlflow"
          + " (tracking_uri, s3_endpoint_url, registry_mode) to it"),
  ;

  private final String template;

  DeployMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
