/**
 * Tracking from steps: {@link io.esteira.mlflow.tracking.MlflowTracking#forStep} gives a step an
 * MLflow client configured from the task's variables, or JSON lines in the work directory when no
 * tracking server is set. A {@link io.esteira.mlflow.tracking.TrackedRun} logs params, metrics and
 * tags, uploads files through the server's proxied artifact API and registers model versions (over
 * plain HTTP, each call sent once). Artifact {@code esteira-mlflow} is the only one that brings
 * {@code mlflow-client} (and what it repackages), so a pipeline that does not track does not carry
 * it.
 */
package io.esteira.mlflow.tracking;
