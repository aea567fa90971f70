package io.esteira.cli;

import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.ModelSnapshot;
import io.esteira.core.registry.RegisteredVersion;
import io.esteira.mlflow.MlflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esteira models list NAME}: each version, where it stands, its run and its metrics. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists a registered model's versions, newest first: stage (the same picture in aliases and"
          + " stages mode), aliases, registration status, run, creation time and the run's"
          + " metrics."
    })
final class ModelsListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin MlflowOptions mlflow;

  @Parameters(index = "0", paramLabel = "NAME", description = "The registered model.")
  String name;

  @Override
  public Integer call() {
    Console console = new Console(spec.commandLine());
    try {
      ModelRegistry registry = mlflow.registry(console);
      ModelSnapshot snapshot = registry.list(name);
      console.say(
          name
              + " on "
              + registry.http().connection().trackingUri()
              + " ("
              + registry.mode().option()
              + " mode): "
              + snapshot.versions().size()
              + (snapshot.versions().size() == 1 ? " version" : " versions"));
      table(snapshot).forEach(console::say);
      return ExitCodes.OK;
    } catch (MlflowException e) {
      return MlflowOptions.fail(console, e);
    }
  }

  static List<String> table(ModelSnapshot snapshot) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"VERSION", "STAGE", "ALIASES", "STATUS", "RUN", "CREATED", "METRICS"});
    for (RegisteredVersion v : snapshot.versions()) {
      rows.add(
          new String[] {
            "v" + v.version(),
            v.stage(),
            v.aliases().isEmpty() ? "-" : "@" + String.join(" @", v.aliases()),
            v.status(),
            v.runId().isEmpty() ? "-" : v.runId(),
            v.created().toString(),
            metrics(v)
          });
    }
    int[] widths = new int[7];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1
                ? row[i]
                : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String metrics(RegisteredVersion v) {
    if (v.metrics().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    v.metrics().forEach((k, value) -> parts.add(k + "=" + format(value)));
    return String.join(" ", parts);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.4g", value);
  }
}
