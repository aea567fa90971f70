#!/usr/bin/env bash
# The one test command, for a fresh machine and for CI (.ci/run calls it): every unit test
# (Surefire), every *IT integration test (Failsafe) and the formatting check. Extra arguments go
# to Maven, e.g. scripts/test.sh -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the pinned test tools: the asl-validator npm package that checks every generated state
# machine, moto_server for the deployer's integration tests, the MLflow server for the registry's,
# and actionlint where Go is installed (scripts/install-test-tools.sh says where each one goes).
bash scripts/install-test-tools.sh

# The GitHub workflows, linted when actionlint could be installed (it needs Go to build), with
# shellcheck on every run: step. (TeamRepositoryWorkflowsIT lints the workflows esteira init writes.)
if [ -x .tools/bin/actionlint ]; then
  .tools/bin/actionlint -shellcheck="$(command -v shellcheck)" -pyflakes= .github/workflows/*.yml
else
  echo "test.sh: Go is not installed, so actionlint was not built: the workflows are not linted" >&2
fi

# The servers the *IT tests talk to run for the length of the build on free loopback ports: the
# AWS emulator (ESTEIRA_AWS_TEST_ENDPOINT), an OCI registry (ESTEIRA_REGISTRY_TEST_ADDRESS) and two
# MLflow servers, one with basic auth
# (ESTEIRA_MLFLOW_URL, ESTEIRA_MLFLOW_AUTH_URL). The trap stops them however the build ends (a
# `clean` goal may delete moto's pid file, so its pid is kept here too).
moto_pid=""
stop_servers() {
  bash scripts/mlflow-server.sh stop --auth || true
  bash scripts/mlflow-server.sh stop || true
  bash scripts/moto-server.sh stop || true
  bash scripts/registry.sh stop || true
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; fi
}
trap stop_servers EXIT
ESTEIRA_AWS_TEST_ENDPOINT="$(bash scripts/moto-server.sh start)"
moto_pid="$(cat target/moto/moto.pid)"
bash scripts/mlflow-server.sh start
bash scripts/mlflow-server.sh start --auth
ESTEIRA_MLFLOW_URL="$(bash scripts/mlflow-server.sh url)"
# The OCI registry the image tests push to and read back with skopeo (host:port, plain HTTP).
ESTEIRA_REGISTRY_TEST_ADDRESS="$(bash scripts/registry.sh start)"
ESTEIRA_MLFLOW_AUTH_URL="$(bash scripts/mlflow-server.sh url --auth)"
# The AWS CLI the cloud-shaped runs' tests put on the steps' PATH (install-test-tools.sh installed it).
ESTEIRA_AWS_CLI="$PWD/.tools/awscli-venv/bin/aws"
export ESTEIRA_AWS_TEST_ENDPOINT ESTEIRA_MLFLOW_URL ESTEIRA_MLFLOW_AUTH_URL ESTEIRA_AWS_CLI
export ESTEIRA_REGISTRY_TEST_ADDRESS

./mvnw -B verify "$@"
