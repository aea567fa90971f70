#!/usr/bin/env bash
# The one test command, for a fresh machine and for CI (.ci/run calls it): every unit test
# (Surefire), every *IT integration test (Failsafe) and the formatting check. Extra arguments go
# to Maven, e.g. scripts/test.sh -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the pinned test tools (the asl-validator npm package that checks every generated state
# machine, from package-lock.json; the MLflow server, from scripts/requirements-mlflow.txt).
if [[ -f scripts/install-test-tools.sh ]]; then
  bash scripts/install-test-tools.sh
fi

# The MLflow server the *IT tests talk to, on loopback; stopped however Maven ends.
trap 'bash scripts/mlflow-server.sh stop --auth; bash scripts/mlflow-server.sh stop' EXIT
bash scripts/mlflow-server.sh start
bash scripts/mlflow-server.sh start --auth
ESTEIRA_MLFLOW_URL="$(bash scripts/mlflow-server.sh url)"
ESTEIRA_MLFLOW_AUTH_URL="$(bash scripts/mlflow-server.sh url --auth)"
export ESTEIRA_MLFLOW_URL ESTEIRA_MLFLOW_AUTH_URL

./mvnw -B verify "$@"
