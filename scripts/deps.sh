#!/usr/bin/env bash
# Installs the Debian packages pageaudit needs to build and test, when any is missing.
# Sourced by scripts/test.sh, scripts/lint.sh, scripts/demo.sh and scripts/bench.sh; safe to run
# again.
set -euo pipefail

PAGEAUDIT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev sqlite3 libcurl4-openssl-dev rapidjson-dev
  libfmt-dev libexpected-dev libcli11-dev libtomlplusplus-dev
  doctest-dev libcpp-httplib-dev
  python3 time
)
# For scripts/lint.sh alone: the build does not need them.
PAGEAUDIT_LINT_PACKAGES=(clang-format clang-tidy)

pageaudit_install_deps() {
  local missing=()
  for pkg in "${PAGEAUDIT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  pageaudit_install_deps "$@"
fi
