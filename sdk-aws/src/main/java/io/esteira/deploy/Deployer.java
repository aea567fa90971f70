package io.esteira.deploy;

import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.Platform.ArtifactSettings;
import io.esteira.deploy.platform.Platform.Network;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import io.esteira.deploy.reconcile.ProjectImage;
import io.esteira.deploy.resources.ecr.EcrImages;
import io.esteira.deploy.resources.ecr.RepositoryReconciler;
import io.esteira.deploy.resources.s3.ArtifactsBucketReconciler;
import io.esteira.deploy.resources.s3.Buckets;
import io.esteira.deploy.resources.scheduler.OrphanSchedules;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Plans or deploys a set of projects to one environment: checks everything that can be checked
 * before the first change (the platform has the environment, every artifact placeholder is known,
 * each image is in ECR, a bucket the platform names exists), then the resources all projects share
 * (the ECR repository, the artifacts bucket), once, then the projects, {@code parallelism} at a
 * time.
 */
public final class Deployer {

  /**
   * What to deploy, and how.
   *
   * @param environment dev, prd, or another the platform declares
   * @param image the image URI for every project, or empty for {@code <ecr>:<project>-<version>}
   * @param commit the commit deployed, for state machine version descriptions; may be empty
   * @param checkImage whether to refuse a project whose image is not in ECR
   * @param parallelism how many projects deploy at once
   * @param prune disable the schedules of this environment's Esteira projects that are not among
   *     the projects (every project of the repository, {@code --projects-root})
   */
  public record Options(
      String environment,
      Map<String, String> images,
      String commit,
      boolean checkImage,
      int parallelism,
      boolean prune) {
    public Options {
      images = Map.copyOf(images);
    }

    /** Without pruning. */
    public Options(
        String environment,
        Map<String, String> images,
        String commit,
        boolean checkImage,
        int parallelism) {
      this(environment, images, commit, checkImage, parallelism, false);
    }
  }

  /**
   * What happened.
   *
   * @param problems what was refused before any change (nothing was changed when not empty)
   * @param items every plan item, shared resources first, then by project in input order
   * @param failedProjects projects that stopped at a failure
   */
  public record Result(
      List<Diagnostic> problems, List<PlanItem> items, List<String> failedProjects) {
    public boolean ok() {
      return problems.isEmpty() && failedProjects.isEmpty();
    }
  }

  private final AwsClients aws;
  private final Platform platform;
  private final DeployListener listener;

  private final Map<String, String> environment;

  /** A deployer whose deploy locks name their holder from the process environment. */
  public Deployer(AwsClients aws, Platform platform, DeployListener listener) {
    this(aws, platform, listener, System.getenv());
  }

  /**
   * A deployer whose deploy locks name their holder from {@code environment}: the GitHub Actions
   * run its {@code GITHUB_*} variables name, else the user at this host.
   */
  public Deployer(
      AwsClients aws, Platform platform, DeployListener listener, Map<String, String> environment) {
    this.aws = aws;
    this.platform = platform;
    this.listener = listener;
    this.environment = Map.copyOf(environment);
  }

  /** Plans ({@code apply} false) or deploys the projects. */
  public Result run(List<DeployableProject> projects, Options options, boolean apply)
      throws InterruptedException {
    software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse caller =
        aws.sts().getCallerIdentity();
    String account = caller.account();
    String partition = DeployContext.partitionOf(caller.arn());
    // One project named twice (a path and --projects-root finding the same config.yaml) deploys
    // once.
    java.util.Set<String> seen = new java.util.HashSet<>();
    projects = projects.stream().filter(p -> seen.add(p.source())).toList();
    List<Diagnostic> problems = new ArrayList<>(preflight(account, projects, options));
    Map<String, ProjectImage> images = new java.util.HashMap<>();
    if (platform.environments().containsKey(options.environment())) {
      problems.addAll(images(account, projects, options, apply, images));
    }
    if (!problems.isEmpty()) {
      return new Result(problems, List.of(), List.of());
    }
    List<DeployContext> contexts =
        projects.stream()
            .map(
                p ->
                    new DeployContext(
                        aws,
                        account,
                        partition,
                        platform,
                        p,
                        images.get(p.source()),
                        options.commit()))
            .toList();
    List<PlanItem> items = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    if (!contexts.isEmpty()) {
      Optional<List<PlanItem>> shared = shared(contexts.get(0), apply);
      if (shared.isEmpty()) {
        return new Result(
            List.of(), items, projects.stream().map(DeployableProject::name).toList());
      }
      items.addAll(shared.get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallelism()));
    try {
      List<Future<Optional<List<PlanItem>>>> runs = new ArrayList<>();
      for (DeployContext context : contexts) {
        runs.add(
            pool.submit(
                () ->
                    new ProjectDeployer(context, listener, environment, Clock.systemUTC())
                        .run(apply)));
      }
      for (int i = 0; i < runs.size(); i++) {
        Optional<List<PlanItem>> done = runs.get(i).get();
        if (done.isPresent()) {
          items.addAll(done.get());
        } else {
          failed.add(contexts.get(i).project().name());
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a project's deploy failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    if (options.prune() && !contexts.isEmpty()) {
      DeployContext any = contexts.get(0);
      java.util.Set<String> names =
          projects.stream()
              .map(DeployableProject::name)
              .collect(java.util.stream.Collectors.toSet());
      Optional<List<PlanItem>> pruned =
          PlanPass.run("", any, OrphanSchedules.find(any, names), listener, apply);
      if (pruned.isPresent()) {
        items.addAll(pruned.get());
      } else {
        failed.add("--prune");
      }
    }
    return new Result(List.of(), items, failed);
  }

  /**
   * The ECR repository and the artifacts bucket every project shares: planned and applied once,
   * before any project.
   */
  private Optional<List<PlanItem>> shared(DeployContext any, boolean apply) {
    return PlanPass.run(
        "",
        any,
        List.of(RepositoryReconciler::new, ArtifactsBucketReconciler::new),
        listener,
        apply);
  }

  /**
   * The image each project runs, by source: the one given with {@code --image}, else the digest its
   * ECR tag {@code <project>-<version>} points at now. Pinning the digest makes a rebuilt image a
   * change in the task definition even when the version stays, and an older revision a real
   * rollback. A tag not in ECR yet stops a deploy (unless {@code checkImage} is off); a plan goes
   * on with the tag that {@code esteira image build --push} would push, and says so.
   */
  private List<Diagnostic> images(
      String account,
      List<DeployableProject> projects,
      Options options,
      boolean apply,
      Map<String, ProjectImage> images) {
    List<Diagnostic> problems = new ArrayList<>();
    java.util.Set<String> names =
        projects.stream().map(DeployableProject::name).collect(java.util.stream.Collectors.toSet());
    for (String named : new java.util.TreeSet<>(options.images().keySet())) {
      if (!names.contains(named)) {
        problems.add(
            Diagnostic.error(
                DeployMessage.DEPLOY_IMAGE_UNKNOWN_PROJECT,
                null,
                named,
                String.join(", ", new java.util.TreeSet<>(names))));
      }
    }
    Optional<Repository> repository =
        projects.stream().allMatch(p -> options.images().containsKey(p.name()))
            ? Optional.empty()
            : RepositoryReconciler.find(aws.ecr(), platform.ecrRepository());
    String repositoryUri =
        repository
            .map(Repository::repositoryUri)
            .orElseGet(() -> EcrImages.repositoryUri(account, platform));
    for (DeployableProject project : projects) {
      String given = options.images().get(project.name());
      if (given != null) {
        images.put(project.source(), ProjectImage.given(given));
        continue;
      }
      String tag = project.model().names().imageTag();
      Optional<String> digest =
          repository.flatMap(r -> EcrImages.digestOf(aws.ecr(), platform.ecrRepository(), tag));
      if (digest.isPresent()) {
        images.put(project.source(), ProjectImage.pinned(repositoryUri, digest.get()));
      } else if (apply && options.checkImage()) {
        problems.add(
            Diagnostic.error(
                DeployMessage.DEPLOY_IMAGE_MISSING,
                SourcePosition.file(project.source()),
                platform.ecrRepository() + ":" + tag,
                platform.ecrRepository(),
                project.name(),
                project.name()));
      } else {
        images.put(project.source(), ProjectImage.notBuilt(repositoryUri, tag));
        listener.warning(
            project.name()
                + ": the image "
                + platform.ecrRepository()
                + ":"
                + tag
                + " is not in ECR yet, so this "
                + (apply ? "deploy uses the tag" : "plan uses the tag it would have")
                + "; esteira image build --push builds and pushes it, and a deploy then pins its"
                + " digest");
      }
    }
    return problems;
  }

  /**
   * Two projects that would share an AWS resource: the same project name twice (two config.yaml
   * files naming one project), or names that differ only in case (IAM and the lock parameter path
   * are case-insensitive where it matters). Reported once per pair.
   */
  private List<Diagnostic> collisions(List<DeployableProject> projects, String environment) {
    List<Diagnostic> problems = new ArrayList<>();
    java.util.Map<String, DeployableProject> owners = new java.util.HashMap<>();
    java.util.Set<String> pairs = new java.util.HashSet<>();
    for (DeployableProject project : projects) {
      DeployNames names =
          new DeployNames(project.model().names(), environment, platform.environmentSuffix());
      for (String resource : resourceNames(names)) {
        DeployableProject owner =
            owners.putIfAbsent(resource.toLowerCase(java.util.Locale.ROOT), project);
        if (owner != null
            && !owner.source().equals(project.source())
            && pairs.add(owner.source() + "\n" + project.source())) {
          problems.add(
              Diagnostic.error(
                  DeployMessage.DEPLOY_NAME_COLLISION,
                  SourcePosition.file(project.source()),
                  owner.name() + " (" + owner.source() + ")",
                  project.name() + " (" + project.source() + ")",
                  resource));
        }
      }
    }
    return problems;
  }

  private static List<String> resourceNames(DeployNames n) {
    return List.of(
        "ECS cluster " + n.cluster(),
        "launch template " + n.launchTemplate(),
        "auto scaling group " + n.autoScalingGroup(),
        "capacity provider " + n.capacityProvider(),
        "task definition family " + n.taskDefinitionFamily(),
        "state machine " + n.stateMachine(),
        "schedule " + n.schedule(),
        "log group " + n.logGroup(),
        "log group " + n.stateMachineLogGroup(),
        "EventBridge rule " + n.failureRule(),
        "IAM role " + n.executionRole(),
        "IAM role " + n.taskRole(),
        "IAM role " + n.stateMachineRole(),
        "IAM role " + n.schedulerRole(),
        "IAM role " + n.instanceRole(),
        "SNS topic " + n.failureTopic(),
        "SNS topic " + n.successTopic(),
        "security group " + n.securityGroup());
  }

  /**
   * A bucket the platform names must exist, and be usable, before anything is changed: the state
   * machine would otherwise point every step at a bucket its tasks cannot write.
   */
  private Optional<Diagnostic> artifactsBucketProblem(String account, String environment) {
    ArtifactSettings artifacts = platform.environments().get(environment).artifacts();
    if (artifacts.bucket().isEmpty()) {
      return Optional.empty();
    }
    String bucket = artifacts.bucket().get();
    String managed = DeployContext.managedArtifactsBucket(account, platform.region());
    return switch (Buckets.presence(aws.s3(), bucket, Optional.empty())) {
      case PRESENT -> Optional.empty();
      case MISSING ->
          Optional.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_ARTIFACTS_BUCKET_MISSING,
                  artifacts.bucketAt(),
                  bucket,
                  platform.region(),
                  managed));
      case FORBIDDEN ->
          Optional.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_ARTIFACTS_BUCKET_FORBIDDEN,
                  artifacts.bucketAt(),
                  bucket,
                  managed));
    };
  }

  /**
   * The VPC and subnets the environment runs in must exist, and each subnet be in that VPC, before
   * anything is changed: otherwise the security group or the auto scaling group fails half-way
   * through a deploy, and a plan shows changes that cannot be made. Filters rather than ids, so a
   * missing id is simply absent from the answer instead of failing the whole call (EC2 API
   * reference, DescribeVpcs and DescribeSubnets: the {@code vpc-id} and {@code subnet-id} filters).
   * An identity that may not describe them is told so and the deploy goes on: the reconcilers will
   * still fail clearly.
   */
  private List<Diagnostic> networkProblems(String environment) {
    Network network = platform.environments().get(environment).network();
    String region = platform.region();
    List<Diagnostic> problems = new ArrayList<>();
    try {
      boolean vpcFound =
          !aws.ec2()
              .describeVpcs(r -> r.filters(f -> f.name("vpc-id").values(network.vpcId())))
              .vpcs()
              .isEmpty();
      if (!vpcFound) {
        problems.add(
            Diagnostic.error(
                DeployMessage.DEPLOY_VPC_MISSING,
                network.vpcAt(),
                network.vpcId(),
                region,
                region));
      }
      Map<String, String> vpcOfSubnet = new java.util.HashMap<>();
      if (!network.subnets().isEmpty()) {
        aws.ec2()
            .describeSubnets(r -> r.filters(f -> f.name("subnet-id").values(network.subnets())))
            .subnets()
            .forEach(s -> vpcOfSubnet.put(s.subnetId(), s.vpcId()));
      }
      for (int i = 0; i < network.subnets().size(); i++) {
        String subnet = network.subnets().get(i);
        String vpc = vpcOfSubnet.get(subnet);
        if (vpc == null) {
          problems.add(
              Diagnostic.error(
                  DeployMessage.DEPLOY_SUBNET_MISSING,
                  network.subnetsAt().get(i),
                  subnet,
                  region,
                  region,
                  network.vpcId()));
        } else if (vpcFound && !vpc.equals(network.vpcId())) {
          problems.add(
              Diagnostic.error(
                  DeployMessage.DEPLOY_SUBNET_OTHER_VPC,
                  network.subnetsAt().get(i),
                  subnet,
                  vpc,
                  network.vpcId(),
                  region,
                  network.vpcId()));
        }
      }
    } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
      if (e.statusCode() != 403) {
        throw e;
      }
      listener.warning(
          "the VPC and subnets were not checked: this identity may not call ec2:DescribeVpcs or"
              + " ec2:DescribeSubnets ("
              + e.awsErrorDetails().errorMessage()
              + ")");
    }
    return problems;
  }

  private List<Diagnostic> preflight(
      String account, List<DeployableProject> projects, Options options) {
    List<Diagnostic> problems = new ArrayList<>();
    if (!platform.environments().containsKey(options.environment())) {
      problems.add(
          Diagnostic.error(
              DeployMessage.DEPLOY_PLATFORM_NO_ENVIRONMENT,
              SourcePosition.file(platform.file()),
              options.environment(),
              options.environment(),
              String.join(", ", platform.environments().keySet())));
      return problems;
    }
    problems.addAll(collisions(projects, options.environment()));
    if (!projects.isEmpty()) {
      problems.addAll(networkProblems(options.environment()));
      artifactsBucketProblem(account, options.environment()).ifPresent(problems::add);
    }
    for (DeployableProject project : projects) {
      Map<Artifact, String> artifacts = new EnumMap<>(Artifact.class);
      artifacts.put(Artifact.TASK_DEFINITION, project.taskDefinition());
      project.stateMachine().ifPresent(asl -> artifacts.put(Artifact.STATE_MACHINE, asl));
      project.schedule().ifPresent(schedule -> artifacts.put(Artifact.SCHEDULE, schedule));
      for (Map.Entry<Artifact, String> artifact : artifacts.entrySet()) {
        for (String placeholder :
            Substitution.placeholdersIn(artifact.getKey(), artifact.getValue())) {
          if (!Artifacts.KNOWN.contains(placeholder)) {
            problems.add(
                Diagnostic.error(
                    DeployMessage.DEPLOY_UNKNOWN_PLACEHOLDER,
                    SourcePosition.file(project.source()),
                    "an artifact",
                    project.name(),
                    placeholder));
          }
        }
      }
    }
    return problems;
  }
}
