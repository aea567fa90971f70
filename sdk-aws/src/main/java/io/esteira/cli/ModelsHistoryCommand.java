package io.esteira.cli;

import io.esteira.core.registry.PromotionEvent;
import io.esteira.mlflow.MlflowException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esteira models history NAME}: who promoted what, when, from which commit. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Tells every promotion and archival of a model's versions made through esteira, oldest"
          + " first: when, which version, from where to where, by whom, from which commit."
    })
final class ModelsHistoryCommand implements Callable<Integer> {

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
      List<PromotionEvent> events = mlflow.registry(console).history(name);
      if (events.isEmpty()) {
        console.say(name + ": no promotion recorded by esteira");
      }
      events.forEach(e -> console.say(e.describe()));
      return ExitCodes.OK;
    } catch (MlflowException e) {
      return MlflowOptions.fail(console, e);
    }
  }
}
