package io.esteira.cli;

import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.Promotion;
import io.esteira.core.registry.PromotionTarget;
import io.esteira.mlflow.MlflowException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esteira models promote NAME --version N --to Staging|Production|@alias}: the origin's
 * promotion flow; promoting to Production archives the previous Production version.
 */
@Command(
    name = "promote",
    description = {
      "Promotes a version to Staging, Production or an alias. Promoting to Production archives the"
          + " previous Production version: the command ends with exactly one Production version or"
          + " changes nothing, and says which. Safe to repeat. Records promoted_by, promoted_at"
          + " and commit on the version."
    })
final class ModelsPromoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin MlflowOptions mlflow;

  // Not mixinStandardHelpOptions: its -V/--version would clash with --version N, and picocli then
  // dropped --help as well, so "promote --help" failed for want of NAME.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The registered model.")
  String name;

  @Option(names = "--version", required = true, paramLabel = "N", description = "The version.")
  int version;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TARGET",
      converter = TargetConverter.class,
      description = "Staging, Production or @alias.")
  PromotionTarget target;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      defaultValue = "${env:GITHUB_SHA}",
      description = "The commit being shipped, recorded on the version (default: GITHUB_SHA).")
  String commit;

  @Option(
      names = "--by",
      paramLabel = "USER",
      defaultValue = "${env:GITHUB_ACTOR:-${sys:user.name}}",
      description = "Who promotes, recorded on the version (default: GITHUB_ACTOR, else the user).")
  String by;

  @Override
  public Integer call() {
    Console console = new Console(spec.commandLine());
    try {
      ModelRegistry registry = mlflow.registry(console);
      Promotion promotion =
          registry.promote(name, version, target, new ModelRegistry.Actor(by, commit));
      console.say(promotion.summary() + " (" + promotion.calls() + " MLflow requests)");
      return ExitCodes.OK;
    } catch (MlflowException e) {
      return MlflowOptions.fail(console, e);
    }
  }

  /** Turns {@code --to} into a target, with the accepted values in the error. */
  static final class TargetConverter implements CommandLine.ITypeConverter<PromotionTarget> {
    @Override
    public PromotionTarget convert(String value) {
      try {
        return PromotionTarget.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
