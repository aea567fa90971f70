/**
 * Where an MLflow server is and how to log in, read from the standard MLflow variables a task
 * receives ({@link io.esteira.mlflow.MlflowConnection}), and the one failure type of every MLflow
 * call ({@link io.esteira.mlflow.MlflowException}). Shared by tracking from steps ({@code
 * io.esteira.mlflow.tracking}, artifact {@code esteira-mlflow}) and the model registry ({@code
 * io.esteira.core.registry}, in the engine), so neither needs the other.
 */
package io.esteira.mlflow;
