#!/usr/bin/env bash
# Starts or stops a real OCI registry for the image tests (*IT): Debian's docker-registry package,
# the CNCF distribution server, on loopback at a free port, plain HTTP, no login, storage under
# target/registry/. scripts/install-test-tools.sh installs it (with buildah and skopeo).
#
#   scripts/registry.sh start     # prints the registry's host:port, such as 127.0.0.1:40123
#   scripts/registry.sh stop
#   scripts/registry.sh address   # the running registry's host:port, or exit 1
#
# Starting when one is already running prints its address and starts nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/registry"
pid_file="$dir/registry.pid"
address_file="$dir/address"
log_file="$dir/registry.log"
server="${ESTEIRA_DOCKER_REGISTRY:-docker-registry}"

fail() {
  echo "registry: $*" >&2
  exit 1
}

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if running && [ -f "$address_file" ]; then
    cat "$address_file"
    return
  fi
  command -v "$server" >/dev/null 2>&1 || fail "$server is not installed; run scripts/install-test-tools.sh first (as root it installs Debian's docker-registry)"
  mkdir -p "$dir/data"
  local port address pid
  port="$(free_port)"
  address="127.0.0.1:$port"
  # The registry's own configuration: filesystem storage under target/registry, deletes allowed
  # (tests remove what they pushed), no authentication, loopback only.
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $address
YAML
  # setsid: the server gets its own process group, so stopping it never touches the caller.
  setsid "$server" serve "$dir/config.yml" >"$log_file" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" >"$pid_file"
  # Ready when the API's base endpoint answers (Docker Registry HTTP API V2, GET /v2/).
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      fail "docker-registry exited at start; its log is $log_file"
    fi
    if python3 - "$address" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen("http://" + sys.argv[1] + "/v2/", timeout=1).read()
PY
    then
      echo "$address" >"$address_file"
      echo "$address"
      return
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  fail "docker-registry did not answer at $address within 10 s; its log is $log_file"
}

stop() {
  if running; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file" "$address_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  address)
    running && [ -f "$address_file" ] || fail "the registry is not running; start it with scripts/registry.sh start"
    cat "$address_file"
    ;;
  *) fail "usage: scripts/registry.sh start|stop|address" ;;
esac
