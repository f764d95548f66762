#!/usr/bin/env bash
# Run by `./mvnw verify` before any test (root pom, validate phase): the console's browser tests
# drive Debian's Chromium and its driver, never a downloaded one. When they are missing, install
# Debian's packages if this machine lets us (root and apt-get); otherwise stop the build at once
# with one line saying what to install, rather than a driver stack trace minutes later.
#
# Usage: e2e/ensure-browser.sh CHROMIUM CHROMEDRIVER
set -uo pipefail
chromium=${1:-/usr/bin/chromium}
driver=${2:-/usr/bin/chromedriver}

present() { [ -x "$chromium" ] && [ -x "$driver" ]; }
present && exit 0

if [ "$chromium" = /usr/bin/chromium ] && [ "$driver" = /usr/bin/chromedriver ] &&
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[browser] Chromium or its driver is missing: installing Debian's chromium and chromium-driver"
  log=$(mktemp)
  if apt-get update -qq >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >>"$log" 2>&1; then
    rm -f "$log"
  else
    tail -n 20 "$log"
  fi
  if present; then
    echo "[browser] installed: $("$chromium" --version 2>/dev/null), $("$driver" --version 2>/dev/null | cut -d' ' -f1-2)"
    exit 0
  fi
fi

echo "[browser] ERROR: the console's browser tests need Chromium at $chromium and its driver at $driver: install them with 'sudo apt-get install -y chromium chromium-driver' (Debian), or name yours with -Dchromium.binary=PATH -Dchromedriver=PATH, or skip every test with -DskipTests" >&2
exit 1
