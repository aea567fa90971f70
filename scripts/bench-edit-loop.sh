#!/usr/bin/env bash
# Measures the edit-build-run loop of examples/recsys: the time from a one-line change in a step
# (the log line of RecsysPipeline.scoreModel) to its local run finishing, as a developer goes
# round it:
#   classes     ./mvnw -o -q process-classes -pl examples/recsys (compiles, runs the processor and
#               writes the class path file: all esteira run reads), then
#   run --only  esteira run examples/recsys --only score_model --resume latest --no-retry-delay
#               (the changed step alone, its input taken from the previous run);
#   package     ./mvnw -o -q package -pl examples/recsys -DskipTests (the jar too), then
#   run all     esteira run examples/recsys --no-retry-delay (both steps).
# The example's module only, against the SDK the first command of the README installed. Each
# build follows a new edit, so every build has a real change to compile. Prints each
# round's seconds and the median of each column. The source file is restored however the script
# ends. Needs the SDK installed first: ./mvnw -B -q install -DskipTests.
# Usage: scripts/bench-edit-loop.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-5}"
src=examples/recsys/src/main/java/io/esteira/examples/recsys/RecsysPipeline.java
cli=(java -jar sdk-aws/target/esteira.jar)
[[ -f sdk-aws/target/esteira.jar ]] || {
  echo "bench-edit-loop.sh: sdk-aws/target/esteira.jar is missing; run ./mvnw -B -q install -DskipTests first" >&2
  exit 2
}

backup="$(mktemp)"
cp "$src" "$backup"
restore() {
  cp "$backup" "$src"
  rm -f "$backup"
}
trap restore EXIT

seconds() { # runs "$@" quietly, prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  if ! "$@" >/dev/null 2>&1; then
    echo "bench-edit-loop.sh: failed: $*" >&2
    return 1
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

edit() { # a one-line change in scoreModel's log line, different every time
  cp "$backup" "$src"
  sed -i "s/\"scored \"/\"scored (edit $1) \"/" "$src"
  grep -q "scored (edit $1)" "$src" || { echo "bench-edit-loop.sh: the edit did not apply" >&2; exit 1; }
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

# A first build and run so that "latest" exists and the caches are warm.
./mvnw -o -q package -pl examples/recsys -DskipTests >/dev/null
"${cli[@]}" run examples/recsys --no-retry-delay >/dev/null

classes=() onlys=() packages=() alls=()
printf '%-6s %8s %12s %8s %8s %13s %10s\n' round classes 'run --only' package 'run all' 'edit→--only' 'edit→all'
for i in $(seq 1 "$rounds"); do
  # The quick loop: compile the change (process-classes: the processor and the class path file,
  # all esteira run reads) and run the changed step alone.
  edit "$i-a"
  c=$(seconds ./mvnw -o -q process-classes -pl examples/recsys) || exit 1
  o=$(seconds "${cli[@]}" run examples/recsys --only score_model --resume latest --no-retry-delay) || exit 1
  # The whole loop: package (the jar too, tests compiled but not run) and run every step.
  edit "$i-b"
  p=$(seconds ./mvnw -o -q package -pl examples/recsys -DskipTests) || exit 1
  a=$(seconds "${cli[@]}" run examples/recsys --no-retry-delay) || exit 1
  classes+=("$c") onlys+=("$o") packages+=("$p") alls+=("$a")
  printf '%-6s %8.2f %12.2f %8.2f %8.2f %13.2f %10.2f\n' "$i" "$c" "$o" "$p" "$a" \
    "$(echo "$c + $o" | bc)" "$(echo "$p + $a" | bc)"
done
mc=$(printf '%s\n' "${classes[@]}" | median)
mo=$(printf '%s\n' "${onlys[@]}" | median)
mp=$(printf '%s\n' "${packages[@]}" | median)
ma=$(printf '%s\n' "${alls[@]}" | median)
printf '%-6s %8s %12s %8s %8s %13.2f %10.2f\n' median "$mc" "$mo" "$mp" "$ma" \
  "$(echo "$mc + $mo" | bc)" "$(echo "$mp + $ma" | bc)"
