#!/usr/bin/env bash
# Installs the tools the Java tests call: the Node asl-validator (pinned in package-lock.json) into
# node_modules/, and the MLflow server the integration tests start (pinned in
# scripts/requirements-mlflow.txt) into .tools/mlflow-venv/. Safe to run again: each part does
# nothing when what it installed still matches its pins.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fail() {
  echo "install-test-tools: $*" >&2
  exit 1
}

# ---- MLflow tracking server (scripts/requirements-mlflow.txt) -------------------------------
# Installs the pinned mlflow into .tools/mlflow-venv/ (git-ignored), for scripts/mlflow-server.sh.
# Does nothing when the venv already holds exactly the pinned requirements.
install_mlflow() {
  local venv="$root/.tools/mlflow-venv"
  local requirements="$root/scripts/requirements-mlflow.txt"
  local stamp="$venv/.esteira-installed-requirements.txt"
  if cmp -s "$requirements" "$stamp" && [ -x "$venv/bin/mlflow" ]; then
    return 0
  fi
  local python="${PYTHON:-python3}"
  command -v "$python" >/dev/null 2>&1 || fail "$python is not installed; install Python 3.10 or newer (with venv) and run this script again"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || fail "mlflow needs Python 3.10 or newer; $python is older"
  rm -rf "$venv"
  "$python" -m venv "$venv" || fail "cannot create a virtualenv at $venv; install the Python venv module (python3-venv)"
  local log
  if ! log="$("$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements" 2>&1)"; then
    echo "$log" >&2
    fail "pip could not install scripts/requirements-mlflow.txt (output above); check that the Python package index can be reached"
  fi
  cp "$requirements" "$stamp"
  echo "install-test-tools: installed $("$venv/bin/mlflow" --version)"
}
install_mlflow
# ---- end of MLflow ------------------------------------------------------------------------

command -v node >/dev/null 2>&1 || fail "node is not installed; install Node.js 18 or newer and run this script again"
command -v npm >/dev/null 2>&1 || fail "npm is not installed; install Node.js 18 or newer (it ships npm) and run this script again"
[ -f package-lock.json ] || fail "package-lock.json is missing at $root"

# A copy of the lock file npm ci installed from; when it matches, there is nothing to do.
stamp="node_modules/.esteira-installed-package-lock.json"
if cmp -s package-lock.json "$stamp" && [ -f node_modules/asl-validator/package.json ]; then
  exit 0
fi

if ! log="$(npm ci --no-audit --no-fund --loglevel=error 2>&1)"; then
  echo "$log" >&2
  fail "npm ci failed (output above); check that the npm registry can be reached"
fi
cp package-lock.json "$stamp"
echo "install-test-tools: installed asl-validator $(node -p 'require("./node_modules/asl-validator/package.json").version')"
