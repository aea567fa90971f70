#!/usr/bin/env bash
# Starts and stops the MLflow tracking server the integration tests talk to: the pinned `mlflow`
# from scripts/requirements-mlflow.txt (installed by scripts/install-test-tools.sh), a SQLite
# backend store and served artifacts under target/, on loopback and a free port.
#
#   scripts/mlflow-server.sh start [--auth]   start (--auth: a second server with basic auth)
#   scripts/mlflow-server.sh stop [--auth]    stop it
#   scripts/mlflow-server.sh url [--auth]     print the URL of the running server
#   scripts/mlflow-server.sh set-version-status NAME VERSION STATUS
#       change a model version's registration status in the store, as an asynchronous registry
#       does when a registration fails (tests use it: the REST API cannot set it)
#
# Each server keeps its files in target/mlflow (or target/mlflow-auth): mlflow.db, artifacts/,
# server.log, server.pid and url. `start` waits until GET /health answers.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/mlflow-venv"

fail() {
  echo "mlflow-server: $*" >&2
  exit 1
}

command_name="${1:-}"
shift || true
auth=false
if [[ "${1:-}" == "--auth" ]]; then
  auth=true
  shift
fi
dir="$root/target/mlflow"
if $auth; then
  dir="$root/target/mlflow-auth"
fi
pid_file="$dir/server.pid"

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  [[ -x "$venv/bin/mlflow" ]] || fail "mlflow is not installed; run scripts/install-test-tools.sh first"
  if running; then
    echo "mlflow-server: already running at $(cat "$dir/url") (pid $(cat "$pid_file"))"
    return 0
  fi
  mkdir -p "$dir/artifacts"
  local port
  port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  local url="http://127.0.0.1:$port"
  local -a args=(server --host 127.0.0.1 --port "$port" --workers 1
    --backend-store-uri "sqlite:///$dir/mlflow.db"
    --artifacts-destination "$dir/artifacts")
  # --artifacts-destination without --default-artifact-root: the server serves artifacts itself
  # (--serve-artifacts is MLflow 3's default) and new experiments keep theirs under
  # mlflow-artifacts:/, which clients upload to over HTTP with no access to the directory.
  if $auth; then
    # The basic-auth app keeps its users in its own database; its admin is the one tests log in as.
    cat >"$dir/basic_auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$dir/basic_auth.db
admin_username = admin
admin_password = esteira-test-password-1
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
INI
    args+=(--app-name basic-auth)
    export MLFLOW_AUTH_CONFIG_PATH="$dir/basic_auth.ini"
    export MLFLOW_FLASK_SERVER_SECRET_KEY="esteira-tests-only"
  fi
  # setsid: the server and its workers form one process group that `stop` ends together.
  setsid "$venv/bin/mlflow" "${args[@]}" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  echo "$url" >"$dir/url"
  for _ in $(seq 1 120); do
    if "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url/health" >/dev/null 2>&1; then
      echo "mlflow-server: running at $url (pid $(cat "$pid_file"), log $dir/server.log)"
      return 0
    fi
    if ! running; then
      tail -n 30 "$dir/server.log" >&2 || true
      rm -f "$pid_file"
      fail "the server exited while starting (log above: $dir/server.log)"
    fi
    sleep 0.5
  done
  stop
  fail "the server did not answer $url/health within 60 seconds (log: $dir/server.log)"
}

stop() {
  if running; then
    local pid
    pid="$(cat "$pid_file")"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    echo "mlflow-server: stopped (pid $pid)"
  fi
  rm -f "$pid_file"
}

set_version_status() {
  [[ $# -eq 3 ]] || fail "usage: mlflow-server.sh set-version-status NAME VERSION STATUS"
  [[ -f "$dir/mlflow.db" ]] || fail "no store at $dir/mlflow.db; start the server first"
  "$venv/bin/python" - "$dir/mlflow.db" "$@" <<'PY'
import sqlite3, sys
db, name, version, status = sys.argv[1:]
with sqlite3.connect(db) as c:
    n = c.execute("UPDATE model_versions SET status = ? WHERE name = ? AND version = ?",
                  (status, name, int(version))).rowcount
if n != 1:
    sys.exit(f"mlflow-server: no version {version} of model {name!r}")
PY
}

case "$command_name" in
  start) start ;;
  stop) stop ;;
  url) running || fail "not running; start it with scripts/mlflow-server.sh start"; cat "$dir/url" ;;
  set-version-status) set_version_status "$@" ;;
  *) fail "usage: mlflow-server.sh start|stop|url [--auth] | set-version-status NAME VERSION STATUS" ;;
esac
