#!/usr/bin/env bash
# Installs the Node tools the Java tests call (asl-validator, pinned in package-lock.json) into
# node_modules/ at the repository root. Safe to run again: it does nothing when node_modules/
# already matches the lock file.
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
if cmp -s package-lock.json "$stamp" && [ -f node_modules/asl-validator/package.json ]; then
  exit 0
fi

if ! log="$(npm ci --no-audit --no-fund --loglevel=error 2>&1)"; then
  echo "$log" >&2
  fail "npm ci failed (output above); check that the npm registry can be reached"
fi
cp package-lock.json "$stamp"
echo "install-test-tools: installed asl-validator $(node -p 'require("./node_modules/asl-validator/package.json").version')"
