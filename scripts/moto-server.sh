#!/usr/bin/env bash
# Starts or stops moto_server, the AWS API emulator the deployer's integration tests (*IT) run
# against, on loopback at a free port. scripts/install-test-tools.sh installs it (pinned).
#
#   scripts/moto-server.sh start   # prints the endpoint, such as http://127.0.0.1:40123
#   scripts/moto-server.sh stop
#   scripts/moto-server.sh endpoint  # the running server's endpoint, or exit 1
#
# State lives under target/moto/: the pid file, the endpoint file and the server's log. Starting
# when one is already running prints its endpoint and starts nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/moto"
pid_file="$dir/moto.pid"
endpoint_file="$dir/endpoint"
log_file="$dir/moto-server.log"
server="$root/.tools/moto-venv/bin/moto_server"

fail() {
  echo "moto-server: $*" >&2
  exit 1
}

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

free_port() {
  "$root/.tools/moto-venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if running && [ -f "$endpoint_file" ]; then
    cat "$endpoint_file"
    return
  fi
  [ -x "$server" ] || fail "moto_server is not installed; run scripts/install-test-tools.sh first"
  mkdir -p "$dir"
  local port endpoint pid
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  # setsid: the server gets its own process group, so stopping it never touches the caller.
  # MOTO_IAM_LOAD_MANAGED_POLICIES: AWS's managed policies exist in every real account (the ECS
  # instance role attaches one); moto loads them only when asked.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true setsid "$server" -H 127.0.0.1 -p "$port" >"$log_file" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" >"$pid_file"
  # Ready when it answers over HTTP; moto's own dashboard path answers without AWS credentials.
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      fail "moto_server exited at start; its log is $log_file"
    fi
    if "$root/.tools/moto-venv/bin/python" - "$endpoint" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=1).read()
PY
    then
      echo "$endpoint" >"$endpoint_file"
      echo "$endpoint"
      return
    fi
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  fail "moto_server did not answer at $endpoint within 30 s; its log is $log_file"
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
  rm -f "$pid_file" "$endpoint_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  endpoint)
    running && [ -f "$endpoint_file" ] || fail "moto_server is not running; start it with scripts/moto-server.sh start"
    cat "$endpoint_file"
    ;;
  *) fail "usage: scripts/moto-server.sh start|stop|endpoint" ;;
esac
