#!/usr/bin/env bash
# Builds the JMH benchmarks (Maven profile "benchmarks") and runs ArtifactsBenchmark: load +
# validate + generate of the origin example and of a generated 1,000-step pipeline, average time in
# ms per run. (The processor's compile-time benchmark has its own script: bench-processor.sh.)
# Extra arguments go to JMH, e.g. scripts/bench.sh -p pipeline=steps1000, or -h for its options.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests

# Sized for a 2-core machine: one fork, one thread, 5 warm-up and 10 measured iterations of 2 s.
exec java -jar benchmarks/target/benchmarks.jar ArtifactsBenchmark -f 1 -t 1 -wi 5 -w 2s -i 10 -r 2s "$@"
