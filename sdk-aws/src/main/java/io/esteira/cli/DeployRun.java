package io.esteira.cli;

import io.esteira.core.project.ProjectLocator;
import io.esteira.deploy.BranchRule;
import io.esteira.deploy.DeployListener;
import io.esteira.deploy.DeployMessage;
import io.esteira.deploy.Deployer;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.aws.AwsSettings;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.mlflow.MlflowException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The part of {@code plan} and {@code deploy} before and around the deployer: read the platform
 * file, find and load the projects, check the branch rule, build the clients, run, and map the
 * outcome to an exit code.
 */
final class DeployRun {

  private DeployRun() {}

  static int run(
      DeployOptions o, Console console, DeployListener listener, boolean apply, Output output)
      throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    PlatformReader.Result platformRead =
        PlatformReader.read(
            cwd.resolve(o.platform), ProjectInputs.display(cwd, cwd.resolve(o.platform)));
    console.diagnostics(platformRead.diagnostics());
    if (platformRead.platform().isEmpty()) {
      return ExitCodes.ERRORS;
    }
    Platform platform = platformRead.platform().get();
    Optional<String> branch = BranchRule.violated(o.environment, System.getenv());
    if (branch.isPresent()) {
      String running = System.getenv().getOrDefault("GITHUB_REF_NAME", "");
      if (!o.allowAnyBranch) {
        console.diagnostics(
            List.of(
                Diagnostic.error(
                    DeployMessage.DEPLOY_BRANCH,
                    null,
                    o.environment,
                    branch.get(),
                    running,
                    branch.get())));
        return ExitCodes.ERRORS;
      }
      console.say(
          "warning: --allow-any-branch: deploying "
              + o.environment
              + " from branch '"
              + running
              + "', not "
              + branch.get());
    }
    List<Path> inputs = new ArrayList<>();
    ProjectInputs.Found found = ProjectInputs.find(o.paths, cwd);
    if (!found.problems().isEmpty()) {
      console.diagnostics(found.problems());
      return ExitCodes.USAGE;
    }
    found.configs().forEach(c -> inputs.add(cwd.resolve(c).getParent()));
    if (o.projectsRoot != null) {
      inputs.addAll(ProjectLocator.scan(cwd.resolve(o.projectsRoot)));
    }
    ProjectLoader.Loaded loaded =
        ProjectLoader.load(inputs, o.environment, p -> ProjectInputs.display(cwd, p));
    console.diagnostics(loaded.diagnostics());
    if (loaded.hasErrors()) {
      return ExitCodes.ERRORS;
    }
    List<DeployableProject> projects = selected(loaded.projects(), o.only, console);
    if (projects == null) {
      return ExitCodes.ERRORS;
    }
    // The model gate comes before the first AWS call (and so before the deploy lock): a deploy
    // it refuses changes nothing. Every project is checked, so one run lists every refusal.
    ModelGates.Outcome gates;
    int gateExit = ExitCodes.OK;
    try {
      gates = ModelGates.check(projects, platform, o.environment, MlflowOptions.environment);
    } catch (MlflowException e) {
      if (apply) {
        return MlflowOptions.fail(console, e);
      }
      console.diagnostics(List.of(e.diagnostic()));
      gates = new ModelGates.Outcome(List.of(), List.of(e.diagnostic()));
      gateExit = MlflowOptions.fail(e.kind());
    }
    output.gates(gates);
    if (!gates.passed()) {
      if (gateExit == ExitCodes.OK) {
        console.diagnostics(gates.refusals());
        gateExit = ExitCodes.GATE_REFUSED;
      }
      if (apply) {
        console.error(
            "deploy refused by the model gate before any AWS call: nothing was changed; do what"
                + " the errors above say (usually the esteira models promote command they give),"
                + " then deploy again");
        return ExitCodes.ERRORS;
      }
    }
    AwsSettings settings =
        AwsSettings.defaults()
            .withRegion(o.region != null ? o.region : platform.region())
            .withEndpoint(o.endpoint);
    String commit = o.commit != null ? o.commit : System.getenv().getOrDefault("GITHUB_SHA", "");
    Deployer.Options options =
        new Deployer.Options(
            o.environment, Optional.ofNullable(o.image), commit, !o.noImageCheck, o.parallelism);
    Deployer.Result result;
    try (AwsClients aws = new AwsClients(settings)) {
      result = new Deployer(aws, platform, listener).run(projects, options, apply);
    } catch (SdkClientException e) {
      console.diagnostics(
          List.of(Diagnostic.error(DeployMessage.DEPLOY_AWS_UNREACHABLE, null, e.getMessage())));
      return ExitCodes.ERRORS;
    }
    console.diagnostics(result.problems());
    output.finish(result, gates);
    return result.ok() ? gateExit : ExitCodes.ERRORS;
  }

  /** What the command prints of the model gate and once the deployer is done. */
  interface Output {
    /** The gate's outcome, before any AWS call. */
    void gates(ModelGates.Outcome gates);

    void finish(Deployer.Result result, ModelGates.Outcome gates);
  }

  private static List<DeployableProject> selected(
      List<DeployableProject> projects, List<String> only, Console console) {
    if (only.isEmpty()) {
      return projects;
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
    console.diagnostics(unknown);
    return unknown.isEmpty()
        ? projects.stream().filter(p -> only.contains(p.name())).toList()
        : null;
  }
}
