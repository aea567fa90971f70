package io.esteira.deploy;

import io.esteira.core.project.MisplacedConfigException;
import io.esteira.core.project.ProjectLocator;
import io.esteira.deploy.DeployOutcome.Status;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.aws.AwsRefusal;
import io.esteira.deploy.aws.AwsSettings;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A plan or deploy from start to end: reads the platform file, checks the branch rule, loads the
 * projects, checks the model gate, builds the AWS clients and runs the {@link Deployer}. It prints
 * nothing: the listener hears each step as it happens, and the outcome says how it ended.
 *
 * <p>The model gate comes before the first AWS call (and so before any deploy lock): a deploy it
 * refuses changes nothing. Every project is checked, so one run lists every refusal.
 */
public final class DeployService {

  /**
   * What to plan or deploy.
   *
   * @param platform the platform file
   * @param environment dev, prd, or another the platform declares
   * @param projects the projects to deploy
   * @param images images given by project name, used as they are; every other project runs its ECR
   *     tag {@code <project>-<version>}, pinned by digest
   * @param commit the commit deployed; empty for {@code GITHUB_SHA}
   * @param checkImage whether to refuse a project whose image is not in ECR
   * @param parallelism how many projects deploy at once
   * @param region the AWS region; empty for the platform's
   * @param endpoint where every AWS call goes (an emulator); empty for AWS's own endpoints
   * @param allowAnyBranch deploy even when the branch rule is broken, with a warning
   * @param apply deploy; false to plan only
   * @param variables the process environment: {@code GITHUB_*} for the branch rule, the commit and
   *     the lock holder, {@code MLFLOW_TRACKING_*} credentials for the model gate
   * @param display how a file is named in diagnostics
   * @param prune disable the schedules of the environment's Esteira projects that {@code projects}
   *     (which must be a {@code --projects-root} without {@code --project}) no longer has
   */
  public record Request(
      Path platform,
      String environment,
      Projects projects,
      Map<String, String> images,
      Optional<String> commit,
      boolean checkImage,
      int parallelism,
      Optional<String> region,
      Optional<URI> endpoint,
      boolean allowAnyBranch,
      boolean apply,
      Map<String, String> variables,
      Function<Path, String> display,
      boolean prune) {

    public Request {
      images = Map.copyOf(images);
      variables = Map.copyOf(variables);
    }

    /** Without pruning. */
    public Request(
        Path platform,
        String environment,
        Projects projects,
        Map<String, String> images,
        Optional<String> commit,
        boolean checkImage,
        int parallelism,
        Optional<String> region,
        Optional<URI> endpoint,
        boolean allowAnyBranch,
        boolean apply,
        Map<String, String> variables,
        Function<Path, String> display) {
      this(
          platform,
          environment,
          projects,
          images,
          commit,
          checkImage,
          parallelism,
          region,
          endpoint,
          allowAnyBranch,
          apply,
          variables,
          display,
          false);
    }
  }

  /**
   * Which projects.
   *
   * @param directories project directories, or built project jars, in the order given
   * @param problems why some of what was given names no project (the request is then wrong usage)
   * @param root a directory to find every project below, if any
   * @param only the project names to keep, or empty for all
   */
  public record Projects(
      List<Path> directories, List<Diagnostic> problems, Optional<Path> root, List<String> only) {
    public Projects {
      directories = List.copyOf(directories);
      problems = List.copyOf(problems);
      only = List.copyOf(only);
    }
  }

  private final DeployListener listener;

  /** A service that tells {@code listener} what happens. */
  public DeployService(DeployListener listener) {
    this.listener = listener;
  }

  /** Plans or deploys what {@code request} asks for. */
  public DeployOutcome run(Request request) throws IOException, InterruptedException {
    List<Diagnostic> told = new ArrayList<>();
    PlatformReader.Result read =
        PlatformReader.read(request.platform(), request.display().apply(request.platform()));
    tell(told, read.diagnostics());
    if (read.platform().isEmpty()) {
      return end(Status.FAILED, told);
    }
    Platform platform = read.platform().get();
    if (!branchAllowed(request, told)) {
      return end(Status.FAILED, told);
    }
    if (request.prune()
        && (request.projects().root().isEmpty() || !request.projects().only().isEmpty())) {
      tell(told, List.of(Diagnostic.error(DeployMessage.DEPLOY_PRUNE_NEEDS_ROOT, null)));
      return end(Status.USAGE, told);
    }
    ProjectsLoaded loaded = projects(request.projects(), request.environment(), request.display());
    told.addAll(loaded.diagnostics());
    if (loaded.status() != Status.DONE) {
      return end(loaded.status(), told);
    }
    Optional<List<DeployableProject>> projects = Optional.of(loaded.projects());
    ModelGates.Outcome gates;
    Status gateStatus = Status.DONE;
    try {
      gates =
          ModelGates.check(
              projects.get(),
              platform,
              request.environment(),
              name -> Optional.ofNullable(request.variables().get(name)));
    } catch (MlflowException e) {
      tell(told, List.of(e.diagnostic()));
      if (request.apply()) {
        return end(Status.of(e.kind()), told);
      }
      gates = new ModelGates.Outcome(List.of(), List.of(e.diagnostic()));
      gateStatus = Status.of(e.kind());
    }
    listener.gates(gates);
    if (!gates.passed()) {
      if (gateStatus == Status.DONE) {
        tell(told, gates.refusals());
        gateStatus = Status.GATE_REFUSED;
      }
      if (request.apply()) {
        return new DeployOutcome(Status.GATE_REFUSED, told, Optional.of(gates), Optional.empty());
      }
    }
    AwsSettings settings =
        AwsSettings.defaults()
            .withRegion(request.region().orElse(platform.region()))
            .withEndpoint(request.endpoint().orElse(null));
    String commit =
        request.commit().orElseGet(() -> request.variables().getOrDefault("GITHUB_SHA", ""));
    Deployer.Options options =
        new Deployer.Options(
            request.environment(),
            request.images(),
            commit,
            request.checkImage(),
            request.parallelism(),
            request.prune());
    Deployer.Result result;
    try (AwsClients aws = new AwsClients(settings)) {
      try {
        result =
            new Deployer(aws, platform, listener, request.variables())
                .run(projects.get(), options, request.apply());
      } catch (AwsServiceException e) {
        // The boundary: an error AWS answered outside a reconciler (which reports its own).
        tell(told, List.of(AwsRefusal.diagnostic(e, aws.operationOf(e))));
        return new DeployOutcome(Status.FAILED, told, Optional.of(gates), Optional.empty());
      }
    } catch (SdkClientException e) {
      tell(
          told,
          List.of(Diagnostic.error(DeployMessage.DEPLOY_AWS_UNREACHABLE, null, e.getMessage())));
      return new DeployOutcome(Status.FAILED, told, Optional.of(gates), Optional.empty());
    }
    tell(told, result.problems());
    return new DeployOutcome(
        result.ok() ? gateStatus : Status.FAILED, told, Optional.of(gates), Optional.of(result));
  }

  /**
   * The projects a request names, loaded for one environment (what plan, deploy and {@code esteira
   * image build} share).
   *
   * @param status {@link Status#DONE} when they loaded, else how the run ends
   * @param projects the projects, in the order given, when they loaded
   * @param diagnostics what was told to the listener on the way
   */
  public record ProjectsLoaded(
      Status status, List<DeployableProject> projects, List<Diagnostic> diagnostics) {
    public ProjectsLoaded {
      projects = List.copyOf(projects);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Finds and loads {@code projects} for {@code environment}, telling the listener each problem.
   */
  public ProjectsLoaded projects(
      Projects projects, String environment, Function<Path, String> display) throws IOException {
    List<Diagnostic> told = new ArrayList<>();
    if (!projects.problems().isEmpty()) {
      tell(told, projects.problems());
      return new ProjectsLoaded(Status.USAGE, List.of(), told);
    }
    List<Path> inputs = new ArrayList<>(projects.directories());
    if (projects.root().isPresent()) {
      try {
        inputs.addAll(ProjectLocator.scan(projects.root().get()));
      } catch (MisplacedConfigException e) {
        tell(told, List.of(e.diagnostic()));
        return new ProjectsLoaded(Status.USAGE, List.of(), told);
      }
    }
    ProjectLoader.Loaded loaded = ProjectLoader.load(inputs, environment, display);
    tell(told, loaded.diagnostics());
    if (loaded.hasErrors()) {
      return new ProjectsLoaded(Status.FAILED, List.of(), told);
    }
    Optional<List<DeployableProject>> selected = selected(loaded.projects(), projects.only(), told);
    if (selected.isEmpty()) {
      return new ProjectsLoaded(Status.FAILED, List.of(), told);
    }
    return new ProjectsLoaded(Status.DONE, selected.get(), told);
  }

  /** The branch rule holds, or {@code --allow-any-branch} overrides it (with a warning). */
  private boolean branchAllowed(Request request, List<Diagnostic> told) {
    Optional<String> branch = BranchRule.violated(request.environment(), request.variables());
    if (branch.isEmpty()) {
      return true;
    }
    String running = request.variables().getOrDefault("GITHUB_REF_NAME", "");
    if (!request.allowAnyBranch()) {
      tell(
          told,
          List.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_BRANCH,
                  null,
                  request.environment(),
                  branch.get(),
                  running,
                  branch.get())));
      return false;
    }
    listener.warning(
        "--allow-any-branch: deploying "
            + request.environment()
            + " from branch '"
            + running
            + "', not "
            + branch.get());
    return true;
  }

  /** The projects {@code only} names, or empty after telling which names are unknown. */
  private Optional<List<DeployableProject>> selected(
      List<DeployableProject> projects, List<String> only, List<Diagnostic> told) {
    if (only.isEmpty()) {
      return Optional.of(projects);
    }
    Set<String> names = new TreeSet<>();
    projects.forEach(p -> names.add(p.name()));
    List<Diagnostic> unknown = new ArrayList<>();
    for (String name : only) {
      if (!names.contains(name)) {
        unknown.add(
            Diagnostic.error(
                DeployMessage.DEPLOY_NO_PROJECT,
                null,
                name,
                names.isEmpty() ? "no projects" : String.join(", ", names)));
      }
    }
    tell(told, unknown);
    return unknown.isEmpty()
        ? Optional.of(projects.stream().filter(p -> only.contains(p.name())).toList())
        : Optional.empty();
  }

  private void tell(List<Diagnostic> told, List<Diagnostic> diagnostics) {
    told.addAll(diagnostics);
    listener.diagnostics(diagnostics);
  }

  private static DeployOutcome end(Status status, List<Diagnostic> told) {
    return new DeployOutcome(status, told, Optional.empty(), Optional.empty());
  }
}
