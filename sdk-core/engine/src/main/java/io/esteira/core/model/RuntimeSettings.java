package io.esteira.core.model;

import java.util.Map;

/**
 * What a step's process receives from {@code runtime}.
 *
 * @param pythonVersion {@code runtime.python_version}, or empty (YAML projects' Docker images)
 * @param requirementsFile {@code runtime.requirements_file}, or empty
 * @param envVars environment variables from {@code runtime.env_vars}, with {@code ENV} always set
 *     to the model's environment; sorted by name
 * @param secrets variable name to SSM parameter name or ARN, or Secrets Manager ARN, from {@code
 *     runtime.secrets}; sorted by name
 */
public record RuntimeSettings(
    String pythonVersion,
    String requirementsFile,
    Map<String, String> envVars,
    Map<String, String> secrets) {

  public RuntimeSettings {
    pythonVersion = pythonVersion == null ? "" : pythonVersion;
    requirementsFile = requirementsFile == null ? "" : requirementsFile;
    envVars = PipelineModel.Collections2.sortedCopy(envVars);
    secrets = PipelineModel.Collections2.sortedCopy(secrets);
  }

  /** Settings with only these variables and no secrets. */
  public static RuntimeSettings of(Map<String, String> envVars) {
    return new RuntimeSettings("", "", envVars, Map.of());
  }
}
