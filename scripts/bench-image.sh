#!/usr/bin/env bash
# esteira image build --push of examples/recsys, timed from fork to exit with /usr/bin/time -v:
# cold (no Jib cache, the base image not yet pulled), warm (the same again: every layer cached and
# already in the registry), and after a code change (one class file touched and rebuilt). Each is
# run N times (default 5); prints the median wall time and peak memory of each, and the ratio of
# warm and changed to cold.
#
#   scripts/bench-image.sh [rounds]
#
# Everything is local: moto_server for the ECR calls, Debian's docker-registry for the pushes
# (scripts/moto-server.sh, scripts/registry.sh, after scripts/install-test-tools.sh), and a base
# image of a jlink'ed Java 17 runtime (java.base and the modules the example needs, about 50 MB),
# built with buildah from this machine's JDK and pushed to the local registry, standing in for
# eclipse-temurin:17-jre. It builds the jar and the examples (tests skipped) unless
# ESTEIRA_BENCH_NO_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}

if [ "${ESTEIRA_BENCH_NO_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q install -DskipTests -Dspotless.check.skip=true
fi
jar=$PWD/sdk-aws/target/esteira.jar
[ -f "$jar" ] || { echo "bench-image.sh: $jar is missing; build first" >&2; exit 2; }
command -v buildah >/dev/null || { echo "bench-image.sh: buildah is missing; run scripts/install-test-tools.sh" >&2; exit 2; }

work=$(mktemp -d)
# The servers are stopped at the end only when this script started them.
registry_was_running=$(bash scripts/registry.sh address >/dev/null 2>&1 && echo 1 || echo 0)
moto_was_running=$(bash scripts/moto-server.sh endpoint >/dev/null 2>&1 && echo 1 || echo 0)
cleanup() {
  [ "$registry_was_running" = 1 ] || bash scripts/registry.sh stop >/dev/null 2>&1 || true
  [ "$moto_was_running" = 1 ] || bash scripts/moto-server.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
endpoint=$(bash scripts/moto-server.sh start)
registry=$(bash scripts/registry.sh start)
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing

# The base image: a jlink'ed runtime in an image of its own, from the JDK running this script.
jdk_bin=$(dirname "$(readlink -f "$(command -v java)")")
"$jdk_bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --output "$work/base/opt/java" >/dev/null
cat >"$work/Containerfile" <<'DOCKERFILE'
FROM scratch
COPY opt /opt
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin
DOCKERFILE
storage=(--root "$work/buildah" --runroot "$work/buildah-run" --storage-driver vfs)
buildah "${storage[@]}" build --isolation chroot --timestamp 0 -q -f "$work/Containerfile" \
  -t "$registry/bench/jre:17" "$work/base" >/dev/null
buildah "${storage[@]}" push -q --tls-verify=false "$registry/bench/jre:17" >/dev/null

platform() { # repository
  cat >"$work/platform.yaml" <<YAML
region: us-east-1
network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}
ecr: {repository: $1, java_base_image: $registry/bench/jre:17}
environments:
  dev: {mlflow: {tracking_uri: http://127.0.0.1:9, s3_endpoint_url: http://127.0.0.1:9}}
YAML
}

cache=examples/recsys/target/esteira-image
jib_user_cache="$work/jib-user-cache"
build() { # label
  /usr/bin/time -v -o "$work/time.txt" env XDG_CACHE_HOME="$jib_user_cache" \
    java -jar "$jar" image build examples/recsys --platform "$work/platform.yaml" --env dev \
    --push --endpoint-url "$endpoint" --registry "http://$registry" >"$work/out.txt" 2>&1 || {
    cat "$work/out.txt" >&2
    exit 1
  }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  echo "$1 $wall $rss" >>"$work/results.txt"
}

class=$(find examples/recsys/target/classes -name '*.class' | sort | head -n 1)
cp "$class" "$work/class.bak"
trap 'cp "$work/class.bak" "$class"; cleanup' EXIT
for round in $(seq 1 "$rounds"); do
  # Cold: no Jib cache on this machine, and a repository the registry has never seen.
  rm -rf "$cache" "$jib_user_cache"
  platform "bench-$round"
  build cold
  build warm
  # A changed class: its bytes differ (Jib only hashes them), so the classes layer is rebuilt and
  # pushed, and the digest changes.
  printf '\0' >>"$class"
  build changed
  cp "$work/class.bak" "$class"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cold=$(awk '$1 == "cold" { print $2 }' "$work/results.txt" | median)
printf '%-8s %10s %12s %8s\n' run "wall (s)" "peak (MiB)" ratio
for label in cold warm changed; do
  wall=$(awk -v l="$label" '$1 == l { print $2 }' "$work/results.txt" | median)
  rss=$(awk -v l="$label" '$1 == l { print $3 }' "$work/results.txt" | median)
  printf '%-8s %10.2f %12.0f %8.2f\n' "$label" "$wall" "$((rss / 1024))" "$(echo "$wall / $cold" | bc -l)"
done
echo "($rounds rounds, median; ratio: wall time against cold)"
