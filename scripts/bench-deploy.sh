#!/usr/bin/env bash
# The deployer's benchmark: deploys N copies of the origin's project (default 20) to moto_server
# with 50 ms added to every AWS attempt (AWS-like latency), first one project at a time, then with
# --parallelism P (default 8), each into an emptied account; prints the calls per project of a
# first deploy and of a no-op redeploy, the wall times and their ratio.
#
#   scripts/bench-deploy.sh [projects] [parallelism] [latency-ms]
#
# It builds sdk-aws (tests skipped) unless ESTEIRA_BENCH_NO_BUILD=1, and runs the benchmark from
# the shaded jar and the test classes. Extra Maven options come from MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${ESTEIRA_BENCH_NO_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q package -pl sdk-aws -am -DskipTests -Dspotless.check.skip=true
  ./mvnw -B -q test-compile -pl sdk-aws -Dspotless.check.skip=true
fi
bash scripts/install-test-tools.sh >/dev/null
ESTEIRA_AWS_TEST_ENDPOINT="$(bash scripts/moto-server.sh start)"
export ESTEIRA_AWS_TEST_ENDPOINT

/usr/bin/time -v java -cp sdk-aws/target/test-classes:sdk-aws/target/esteira.jar \
  -Desteira.repository.root=. io.esteira.deploy.DeployBenchmark "$@" 2> target/bench-deploy.time
grep -E "Elapsed|Maximum resident" target/bench-deploy.time
