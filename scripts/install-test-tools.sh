#!/usr/bin/env bash
# Installs the tools the Java tests call, pinned to exact versions: the Node tools (asl-validator,
# pinned in package-lock.json) into node_modules/, and the Python tools (moto_server, pinned in
# scripts/requirements-test.txt) into the virtualenv .venv-test/, both at the repository root. Safe
# to run again: it does nothing when both already match their pins.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fail() {
  echo "install-test-tools: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "node is not installed; install Node.js 18 or newer and run this script again"
command -v npm >/dev/null 2>&1 || fail "npm is not installed; install Node.js 18 or newer (it ships npm) and run this script again"
[ -f package-lock.json ] || fail "package-lock.json is missing at $root"

# A copy of the lock file npm ci installed from; when it matches, there is nothing to do.
stamp="node_modules/.esteira-installed-package-lock.json"
if ! { cmp -s package-lock.json "$stamp" && [ -f node_modules/asl-validator/package.json ]; }; then
  if ! log="$(npm ci --no-audit --no-fund --loglevel=error 2>&1)"; then
    echo "$log" >&2
    fail "npm ci failed (output above); check that the npm registry can be reached"
  fi
  cp package-lock.json "$stamp"
  echo "install-test-tools: installed asl-validator $(node -p 'require("./node_modules/asl-validator/package.json").version')"
fi

# The Python tools (moto_server, pinned in scripts/requirements-test.txt) go into the virtualenv
# .venv-test/ at the repository root; a copy of the requirements file marks what it holds.
venv=".venv-test"
requirements="scripts/requirements-test.txt"
python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 || fail "$python is not installed; install Python 3.9 or newer (or set PYTHON) and run this script again"
[ -f "$requirements" ] || fail "$requirements is missing at $root"
venv_stamp="$venv/.esteira-installed-requirements.txt"
if ! cmp -s "$requirements" "$venv_stamp"; then
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" || fail "could not create the virtualenv $venv with $python; install its venv module (on Debian: python3-venv)"
  fi
  if ! log="$("$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$requirements" 2>&1)"; then
    echo "$log" >&2
    fail "pip install -r $requirements failed (output above); check that the Python package index can be reached"
  fi
  cp "$requirements" "$venv_stamp"
  echo "install-test-tools: installed $(tr '\n' ' ' < <(grep -v '^#' "$requirements" | grep -v '^$')) into $venv"
fi

# actionlint checks the GitHub workflows. It is built from its Go module at a pinned version into
# .tools/bin/ when Go is installed (its Python packaging only downloads a binary at install time);
# without Go, scripts/test.sh says the workflows were not linted.
actionlint_version="v1.7.7"
actionlint=".tools/bin/actionlint"
if command -v go >/dev/null 2>&1; then
  if ! { [ -x "$actionlint" ] && [ "$(cat .tools/actionlint.version 2>/dev/null)" = "$actionlint_version" ]; }; then
    mkdir -p .tools/bin
    if ! log="$(GOBIN="$root/.tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version" 2>&1)"; then
      echo "$log" >&2
      fail "go install of actionlint $actionlint_version failed (output above); check that the Go module proxy can be reached"
    fi
    echo "$actionlint_version" > .tools/actionlint.version
    echo "install-test-tools: installed actionlint $actionlint_version into .tools/bin"
  fi
fi
