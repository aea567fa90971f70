package io.esteira.deploy;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Latency;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploys N copies of the origin's project to moto_server with every AWS attempt delayed (AWS-like
 * latency), once one project at a time and once {@code --parallelism P}, each into an emptied
 * account, and prints the calls per project (first deploy, no-op redeploy) and the wall times.
 * scripts/bench-deploy.sh runs it; it is a measurement, not a test.
 *
 * <p>Arguments: projects (20), parallelism (8), latency in ms (50).
 */
public final class DeployBenchmark {

  private static final Path ORIGIN = Path.of("examples/yaml-only/src/projects/recsys/config.yaml");

  private DeployBenchmark() {}

  public static void main(String[] args) throws Exception {
    int projects = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long latency = args.length > 2 ? Long.parseLong(args[2]) : 50;
    Path dir = Files.createTempDirectory("esteira-bench");
    List<Path> inputs = new ArrayList<>();
    for (int i = 1; i <= projects; i++) {
      Path project = dir.resolve(String.format(Locale.ROOT, "bench-%02d", i));
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("config.yaml"),
          Files.readString(ORIGIN)
              .replace("project_name: recsys", "project_name: " + project.getFileName()));
      inputs.add(project);
    }
    ProjectLoader.Loaded loaded = ProjectLoader.load(inputs, "prd", Path::toString);
    if (loaded.hasErrors()) {
      throw new IllegalStateException(loaded.diagnostics().toString());
    }
    List<DeployableProject> all = loaded.projects();
    System.out.printf(
        Locale.ROOT,
        "%d projects, %d ms added to every AWS attempt, moto_server at %s%n",
        projects,
        latency,
        Moto.endpoint());
    double serial = run(all, 1, latency, true);
    double parallel = run(all, parallelism, latency, false);
    System.out.printf(
        Locale.ROOT,
        "wall time --parallelism 1: %.1f s, --parallelism %d: %.1f s, ratio %.2fx%n",
        serial,
        parallelism,
        parallel,
        serial / parallel);
  }

  /** A first deploy of every project into an emptied account, then a no-op redeploy. */
  private static double run(
      List<DeployableProject> projects, int parallelism, long latency, boolean report)
      throws Exception {
    AwsCalls calls = new AwsCalls();
    try (AwsClients aws = Moto.clients(calls, new Latency(latency))) {
      MotoAccount account = MotoAccount.prepare(aws);
      Deployer.Options options =
          new Deployer.Options(
              "prd",
              MotoAccount.imageForEach(
                  projects, Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:x"),
              "bench",
              true,
              parallelism);
      calls.reset();
      long start = System.nanoTime();
      Deployer.Result first =
          new Deployer(aws, account.platform(false), new Silent()).run(projects, options, true);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!first.ok()) {
        throw new IllegalStateException("deploy failed: " + first);
      }
      int firstCalls = calls.calls().size();
      int firstMutating = calls.mutatingCalls().size();
      calls.reset();
      long again = System.nanoTime();
      new Deployer(aws, account.platform(false), new Silent()).run(projects, options, true);
      double redeploy = (System.nanoTime() - again) / 1e9;
      if (report) {
        System.out.printf(
            Locale.ROOT,
            "first deploy: %.1f calls per project (%.1f mutating); no-op redeploy: %.1f calls per"
                + " project (%d mutating in all)%n",
            (double) firstCalls / projects.size(),
            (double) firstMutating / projects.size(),
            (double) calls.calls().size() / projects.size(),
            calls.mutatingCalls().size());
      }
      System.out.printf(
          Locale.ROOT,
          "--parallelism %d: first deploy %.1f s, no-op redeploy %.1f s%n",
          parallelism,
          seconds,
          redeploy);
      return seconds;
    }
  }

  /** Prints nothing: the figures are what matters here. */
  private static final class Silent implements DeployListener {
    @Override
    public void planned(io.esteira.deploy.plan.PlanItem item) {}

    @Override
    public void failed(io.esteira.deploy.plan.PlanItem item, String message) {
      System.err.println(item.project() + " " + item.kind() + " " + item.name() + ": " + message);
    }
  }
}
