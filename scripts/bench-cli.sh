#!/usr/bin/env bash
# The command line's whole-process times: esteira --version, generate of the origin project,
# generate of a 200-step pipeline and run of examples/recsys, each timed from fork to exit, N
# rounds (default 10) interleaved: in every round each command runs once per variant, the
# variants in a rotating order, so load from elsewhere on the machine falls on all of them alike.
# Prints the median per command and variant, and its ratio to the first variant.
#
#   ESTEIRA_BASELINE_JAR=/path/to/old/esteira.jar scripts/bench-cli.sh [rounds]
#
# Variants: the baseline jar (if ESTEIRA_BASELINE_JAR is set) and this tree's jar, each with plain
# java -jar, then bin/esteira on this tree's jar with a fresh archive cache (one untimed run of each
# command makes its archive first). It builds sdk-aws and the examples (tests skipped) unless
# ESTEIRA_BENCH_NO_BUILD=1; Maven options come from MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}

if [ "${ESTEIRA_BENCH_NO_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q install -DskipTests -Dspotless.check.skip=true
fi
jar=sdk-aws/target/esteira.jar
[ -f "$jar" ] || { echo "bench-cli.sh: $jar is missing; build first" >&2; exit 2; }
[ -d examples/recsys/target/classes ] || {
  echo "bench-cli.sh: examples/recsys is not built; build first" >&2
  exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A YAML-only project of 200 steps, 20 segments shaped as the benchmarks' LargePipeline: prepare,
# five features fanning out from it, a join, train, evaluate, publish; each segment starts after
# the one before it publishes.
large=$work/large/bench
mkdir -p "$large/steps"
{
  cat <<'YAML'
project_name: bench
description: "Benchmark pipeline with many steps"
version: "1.0.0"
owners:
  tech_owner: "ml-team@example.com"
schedule:
  enabled: true
  cron: "0 3 * * *"
  timeout_seconds: 86400
  retries: 1
runtime:
  python_version: "3.11"
  requirements_file: "requirements.txt"
batch:
  enabled: true
  orchestrator: "step_functions"
  pipeline:
    steps:
YAML
  step() { # id, depends_on list, cpu, memory
    printf '      - id: %s\n        name: "%s"\n        command: "python steps/run.py %s"\n' \
      "$1" "${1//_/ }" "$1"
    if [ -n "$2" ]; then printf '        depends_on: [%s]\n' "$2"; fi
    printf '        resources: {cpu: %s, memory_gb: %s}\n' "$3" "$4"
  }
  previous=""
  for segment in $(seq -w 1 20); do
    p="s0${segment}_"
    step "${p}prepare" "$previous" 1.0 2
    features=""
    for f in a b c d e; do
      step "${p}feature_$f" "${p}prepare" 0.5 1
      features="${features:+$features, }${p}feature_$f"
    done
    step "${p}join" "$features" 1.0 4
    step "${p}train" "${p}join" 4.0 16
    step "${p}evaluate" "${p}train" 2.0 8
    step "${p}publish" "${p}evaluate" 0.5 1
    previous="${p}publish"
  done
  cat <<'YAML'
infra:
  compute:
    provider: "ec2"
    ec2_type: "m5.2xlarge"
    min_quantity: 0
    max_quantity: 10
    spot: true
notifications:
  on_failure:
    - "oncall@example.com"
YAML
} >"$large/config.yaml"
touch "$large/requirements.txt" "$large/steps/run.py"

origin=examples/yaml-only/src/projects/recsys
commands=(
  "--version"
  "generate $origin --out $work/out"
  "generate $large --out $work/out"
  "run examples/recsys --runs-dir $work/runs"
)
labels=("--version" "generate origin" "generate 200 steps" "run examples/recsys")

variants=()
names=()
if [ -n "${ESTEIRA_BASELINE_JAR:-}" ]; then
  variants+=("java -jar $ESTEIRA_BASELINE_JAR")
  names+=("baseline java -jar")
fi
variants+=("java -jar $jar" "bin/esteira")
names+=("java -jar" "bin/esteira")
export XDG_CACHE_HOME=$work/cache

# Every command once per variant, untimed: checks that each succeeds and makes the archives.
for c in "${!commands[@]}"; do
  for v in "${!variants[@]}"; do
    # shellcheck disable=SC2086
    ${variants[$v]} ${commands[$c]} >"$work/last.log" 2>&1 || {
      echo "bench-cli.sh: '${variants[$v]} ${commands[$c]}' failed:" >&2
      cat "$work/last.log" >&2
      exit 1
    }
  done
done

now() { date +%s%N; }
for ((round = 0; round < rounds; round++)); do
  for c in "${!commands[@]}"; do
    for ((i = 0; i < ${#variants[@]}; i++)); do
      v=$(((i + round) % ${#variants[@]}))
      start=$(now)
      # shellcheck disable=SC2086
      ${variants[$v]} ${commands[$c]} >/dev/null 2>&1
      echo $((($(now) - start) / 1000000)) >>"$work/times.$c.$v"
    done
  done
done

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
printf '%s rounds, medians in ms; ratio to %s\n\n' "$rounds" "${names[0]}"
header="| command |"
rule="|---|"
for name in "${names[@]}"; do
  header="$header $name |"
  rule="$rule---:|"
done
echo "$header"
echo "$rule"
for c in "${!commands[@]}"; do
  row="| ${labels[$c]} |"
  first=$(median "$work/times.$c.0")
  for v in "${!variants[@]}"; do
    m=$(median "$work/times.$c.$v")
    row="$row $m ($(awk -v m="$m" -v f="$first" 'BEGIN { printf "%.2f", m / f }')) |"
  done
  echo "$row"
done
