#!/usr/bin/env bash
# Builds the benchmarks (Maven profile "benchmarks", which includes the annotation processor) and
# measures what the processor adds to javac's time: the same module of @Pipeline sources (one
# pipeline of 200 steps; 50 pipelines of 20 steps) compiled in-process with -proc:none, with the
# processor on the processor path, and with an already loaded processor. Prints the median of each
# and the ratios to javac alone (target: at most 1.15).
#
#   scripts/bench-processor.sh [JMH arguments]     JMH, one fork per case, e.g. -i 30 -p shape=steps200
#   scripts/bench-processor.sh --interleaved [ROUNDS [WARMUP]]
#                                                  no JMH: the cases take turns in one JVM, which
#                                                  keeps the ratios fair on a machine whose load varies
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests

if [[ "${1:-}" == "--interleaved" ]]; then
  shift
  exec java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.esteira.benchmarks.InterleavedCompileTimes "$@"
fi
exec java -cp benchmarks/target/benchmarks.jar io.esteira.benchmarks.ProcessorOverhead "$@"
