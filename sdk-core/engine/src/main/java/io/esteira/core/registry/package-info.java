/**
 * MLflow's model registry as the command line and the deployer see it: {@link
 * io.esteira.core.registry.ModelRegistry} lists, registers and promotes versions over MLflow's REST
 * API ({@link io.esteira.core.registry.MlflowHttp}, one request per call, no retries), in either
 * registry mode; {@link io.esteira.core.registry.DeployGate} decides whether each model a pipeline
 * ships stands where an environment requires before a deploy. docs/mlflow.md explains both.
 */
package io.esteira.core.registry;
