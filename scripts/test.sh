#!/usr/bin/env bash
# The one test command, for a fresh machine and for CI (.ci/run calls it): every unit test
# (Surefire), every *IT integration test (Failsafe) and the formatting check. Extra arguments go
# to Maven, e.g. scripts/test.sh -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the pinned test tools (the asl-validator npm package that checks every generated state
# machine, moto_server for the deployer's integration tests) into the repository.
bash scripts/install-test-tools.sh

# The GitHub workflows, linted when actionlint could be installed (it needs Go to build).
if [ -x .tools/bin/actionlint ]; then
  .tools/bin/actionlint -shellcheck= -pyflakes= .github/workflows/*.yml
else
  echo "test.sh: Go is not installed, so actionlint was not built: the workflows are not linted" >&2
fi

# The AWS emulator runs for the length of the build on a free loopback port; the integration tests
# read its endpoint from ESTEIRA_AWS_TEST_ENDPOINT. The trap stops it however the build ends (a
# `clean` goal may delete its pid file, so its pid is kept here too).
ESTEIRA_AWS_TEST_ENDPOINT="$(bash scripts/moto-server.sh start)"
export ESTEIRA_AWS_TEST_ENDPOINT
moto_pid="$(cat target/moto/moto.pid)"
stop_moto() {
  bash scripts/moto-server.sh stop || true
  kill "$moto_pid" 2>/dev/null || true
}
trap stop_moto EXIT

./mvnw -B verify "$@"
