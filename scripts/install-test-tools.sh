#!/usr/bin/env bash
# Installs the tools the Java tests call, each pinned to exact versions and each skipped when what
# it installed still matches its pins:
#   - the Node asl-validator (package-lock.json) into node_modules/;
#   - the AWS emulator moto_server (scripts/requirements-moto.txt) into .tools/moto-venv/;
#   - the MLflow server (scripts/requirements-mlflow.txt) into .tools/mlflow-venv/;
#   - the AWS CLI (scripts/requirements-awscli.txt) into .tools/awscli-venv/, for the cloud-shaped
#     runs (esteira run --store s3://...) whose command steps' data it moves;
#   - Debian's docker-registry (a real OCI registry), buildah (daemonless Dockerfile builds),
#     skopeo (reads images back) and busybox-static (the base image the tests build), for the image
#     tests, installed with apt-get at pinned versions when missing (as root; else it says what to
#     install);
#   - actionlint, built with Go at a pinned version into .tools/bin/, when Go is installed.
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

# A Python tool goes into its own virtualenv (moto and mlflow pin different versions of shared
# packages); a copy of the requirements file in the venv marks what it holds.
install_python_tools() {
  local venv="$root/.tools/$1" requirements="$root/scripts/$2" command="$3"
  local stamp="$venv/.esteira-installed-requirements.txt"
  if cmp -s "$requirements" "$stamp" && [ -x "$venv/bin/$command" ]; then
    return 0
  fi
  local python="${PYTHON:-python3}"
  command -v "$python" >/dev/null 2>&1 || fail "$python is not installed; install Python 3.10 or newer (or set PYTHON) and run this script again"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || fail "the test servers need Python 3.10 or newer; $python is older"
  rm -rf "$venv"
  "$python" -m venv "$venv" || fail "cannot create a virtualenv at $venv; install the Python venv module (on Debian: python3-venv)"
  local log
  if ! log="$("$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements" 2>&1)"; then
    echo "$log" >&2
    fail "pip could not install scripts/$2 (output above); check that the Python package index can be reached"
  fi
  cp "$requirements" "$stamp"
  echo "install-test-tools: installed scripts/$2 into .tools/$1"
}
install_python_tools moto-venv requirements-moto.txt moto_server
install_python_tools mlflow-venv requirements-mlflow.txt mlflow
install_python_tools awscli-venv requirements-awscli.txt aws

# The image tests' registry, builder and reader, and shellcheck (which actionlint runs on each
# workflow's run: steps), from Debian's packages (bookworm's versions).
# apt-get only runs when one is missing or at another version.
debian_packages=(
  "docker-registry=2.8.2+ds1-1"
  "buildah=1.28.2+ds1-3+deb12u1+b3"
  "skopeo=1.9.3+ds1-1+b10"
  "busybox-static=1:1.35.0-4+deb12u1+b1"
  "shellcheck=0.9.0-1"
)
missing=()
for pinned in "${debian_packages[@]}"; do
  name="${pinned%%=*}" version="${pinned#*=}"
  if [ "$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)" != "$version" ]; then
    missing+=("$pinned")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "the image tests need ${missing[*]} (Debian packages); install them and run this script again"
  [ "$(id -u)" = 0 ] || fail "the image tests need ${missing[*]}; install them as root (apt-get install -y ${missing[*]}) and run this script again"
  if ! log="$(DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1)"; then
    # The package lists may be older than the pins: read them again once.
    if ! log="$(apt-get update -q 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1)"; then
      echo "$log" >&2
      fail "apt-get could not install ${missing[*]} (output above); check that Debian's package archive can be reached"
    fi
  fi
  echo "install-test-tools: installed ${missing[*]}"
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
