package io.esteira.cli;

import io.esteira.core.registry.MlflowHttp;
import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.RegistryMode;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the MLflow registry is, for {@code esteira models ...}: {@code --tracking-uri} (default
 * {@code MLFLOW_TRACKING_URI}), {@code --mode}, and the credentials of the standard variables
 * ({@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME} and {@code
 * MLFLOW_TRACKING_PASSWORD}), which stay out of the command line and its history.
 */
final class MlflowOptions {

  /**
   * The process environment: MLflow credentials here, and for {@code plan} and {@code deploy} also
   * the model gate's credentials and {@code GITHUB_*}; tests replace it.
   */
  static Map<String, String> environment = System.getenv();

  @Option(
      names = "--tracking-uri",
      paramLabel = "URL",
      description = "The MLflow server (default: MLFLOW_TRACKING_URI).")
  String trackingUri;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "aliases",
      converter = MlflowOptions.ModeConverter.class,
      description =
          "How the registry marks stages: aliases (the default, for MLflow 3: aliases staging and"
              + " production, tag archived) or stages (the registry stages of the origin's flow).")
  RegistryMode mode;

  ModelRegistry registry(Console console) {
    String uri =
        trackingUri != null
            ? trackingUri
            : Optional.ofNullable(environment.get(MlflowConnection.TRACKING_URI))
                .filter(s -> !s.isBlank())
                .orElse(null);
    if (uri == null) {
      throw new MlflowException(MlflowException.Kind.USAGE, CliMessage.MLFLOW_NO_URI);
    }
    MlflowConnection connection =
        MlflowConnection.of(uri)
            .withCredentialsFrom(name -> Optional.ofNullable(environment.get(name)));
    connection.clearCredentialsWarning().ifPresent(w -> console.diagnostics(List.of(w)));
    return new ModelRegistry(new MlflowHttp(connection), mode);
  }

  /** {@code --mode stages}, or nothing for the default, to repeat in printed commands. */
  String modeFlag() {
    return mode == RegistryMode.STAGES ? " --mode stages" : "";
  }

  /** {@code aliases} or {@code stages}, any case. */
  static final class ModeConverter implements CommandLine.ITypeConverter<RegistryMode> {
    @Override
    public RegistryMode convert(String value) {
      for (RegistryMode m : RegistryMode.values()) {
        if (m.option().equalsIgnoreCase(value.strip())) {
          return m;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a registry mode; use aliases or stages");
    }
  }

  /** Prints the failure as one line and gives the exit code its kind calls for. */
  static int fail(Console console, MlflowException e) {
    console.diagnostics(java.util.List.of(e.diagnostic()));
    return fail(e.kind());
  }

  /** The exit code a failure of this kind calls for. */
  static int fail(MlflowException.Kind kind) {
    return switch (kind) {
      case USAGE -> ExitCodes.USAGE;
      case NOT_FOUND, REFUSED -> ExitCodes.ERRORS;
      case UNREACHABLE, UNAUTHORIZED, SERVER -> ExitCodes.MLFLOW;
    };
  }
}
