package io.esteira.cli;

import io.esteira.deploy.DeployService;
import io.esteira.deploy.ImageService;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.image.BuiltImage;
import io.esteira.image.DockerfileImageBuilder;
import io.esteira.image.JavaImageBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code esteira image build}: builds (and with {@code --push} pushes) each project's image, tagged
 * {@code <project>-<version>} and, when the commit is known, {@code <project>-git-<commit>}.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Builds each project's image: from its Dockerfile when it has one (buildah, else Docker),"
          + " else, for a Java pipeline, with Jib on the platform's ecr.java_base_image. With"
          + " --push, pushes it to the platform's ECR repository (created when missing), tagged"
          + " <project>-<version> and <project>-git-<commit>; esteira deploy then pins its digest."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:an image could not be built or pushed, or bad input (platform file, project)",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE
    })
final class ImageBuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin ProjectOptions project;

  @Option(
      names = "--push",
      description = "Push each image to the platform's ECR repository (with AWS credentials).")
  boolean push;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      description = "The commit built, for the <project>-git-<commit> tag; default $GITHUB_SHA.")
  String commit;

  @Option(
      names = "--registry",
      paramLabel = "URL",
      defaultValue = "${env:ESTEIRA_IMAGE_REGISTRY}",
      description =
          "Push to this registry instead of the account's ECR registry (a mirror, or a test"
              + " registry on loopback over http://); ECR still creates the repository. Default"
              + " $ESTEIRA_IMAGE_REGISTRY, else the account's ECR registry.")
  URI registry;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    Path cwd = Path.of("").toAbsolutePath();
    DeployService.Projects projects = project.projects(cwd);
    ImageService.Request request =
        new ImageService.Request(
            cwd.resolve(project.target.platform),
            project.target.environment,
            projects,
            push,
            Optional.ofNullable(commit),
            Optional.ofNullable(project.target.region),
            Optional.ofNullable(project.target.endpoint),
            Optional.ofNullable(registry),
            System.getenv(),
            p -> ProjectInputs.display(cwd, p));
    ImageService.Outcome outcome =
        new ImageService(
                new Progress(console), new JavaImageBuilder(), new DockerfileImageBuilder())
            .run(request);
    long built = outcome.built().stream().filter(b -> b.image().isPresent()).count();
    if (!outcome.built().isEmpty()) {
      console.say(
          String.format(
              Locale.ROOT,
              "%d of %d image%s %s",
              built,
              outcome.built().size(),
              outcome.built().size() == 1 ? "" : "s",
              push ? "built and pushed" : "built (not pushed: --push pushes them)"));
    }
    return DeployRun.exitCode(outcome.status());
  }

  /** Prints each project as its build starts and ends. */
  private static final class Progress implements ImageService.Listener {
    private final Console console;
    private final DeployProgress problems;

    Progress(Console console) {
      this.console = console;
      this.problems = new DeployProgress(console, true);
    }

    @Override
    public void diagnostics(List<Diagnostic> diagnostics) {
      problems.diagnostics(diagnostics);
    }

    @Override
    public void warning(String message) {
      problems.warning(message);
    }

    @Override
    public void planned(PlanItem item) {}

    @Override
    public void failed(PlanItem item, String message) {
      problems.failed(item, message);
    }

    @Override
    public void building(String project, String builder, String reference) {
      console.say(project + ": building " + reference + " (" + builder + ")");
    }

    @Override
    public void built(ImageService.Built built) {
      if (built.image().isEmpty()) {
        return;
      }
      BuiltImage image = built.image().get();
      console.say(
          String.format(
              Locale.ROOT,
              "%s: %s %s in %.1f s, tags %s",
              built.project(),
              image.pushed() ? "pushed" : "built",
              image.pinned(),
              built.took().toMillis() / 1000.0,
              String.join(", ", image.tags())));
    }
  }
}
