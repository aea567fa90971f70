#!/usr/bin/env bash
# Builds the benchmarks (Maven profile "benchmarks") and measures the local runner:
#   1. JMH RunnerBenchmark.noOpSteps: 200 no-op in-process steps, ms per step (target < 5);
#   2. JMH RunnerBenchmark.sleepingSteps: 8 independent `sleep 1` steps with capacity 8, wall time
#      of the whole run in ms (target < 1500);
#   3. RunnerHeap: 1,000 no-op in-process steps in a JVM limited to -Xmx64m (target: the run's heap
#      stays under 64 MB), with peak and live heap, and the process's maximum RSS from
#      /usr/bin/time -v when it is installed;
#   4. JMH StoreBenchmark: a chain of 50 steps each writing a 1 MiB output, ms per step with a
#      shared work directory, fresh ones, and fresh ones with the output declared and handed on
#      through the run's store (store overhead = declared - isolated, target < 10 ms per step);
#   5. StoreTraffic: the bytes the runner's process read and wrote per step in each of those modes.
# Extra arguments go to the first two JMH runs, e.g. scripts/bench-runner.sh -p shape=chain.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
JAR=benchmarks/target/benchmarks.jar

# Sized for a 2-core machine: one fork, one thread.
java -jar "$JAR" 'RunnerBenchmark.noOpSteps' -f 1 -t 1 -wi 5 -w 2s -i 10 -r 2s "$@"
java -jar "$JAR" 'RunnerBenchmark.sleepingSteps' -f 1 -t 1 -wi 1 -i 5 -p shape=chain "$@"

HEAP=(java -Xmx64m -cp "$JAR" io.esteira.benchmarks.RunnerHeap 1000)
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "${HEAP[@]}" 2> >(grep -E 'Maximum resident|Elapsed' >&2)
else
  "${HEAP[@]}"
fi

java -jar "$JAR" 'StoreBenchmark' -f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s
java -cp "$JAR" io.esteira.benchmarks.StoreTraffic 50
