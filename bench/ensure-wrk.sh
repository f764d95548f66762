#!/usr/bin/env bash
# Run by the bench (PerformanceBench) before its loads: the load generator is Debian's wrk (C, an
# event loop per thread, Lua scripts), light enough that the server, not the client, is the limit
# on a machine whose cores the two share. When wrk is missing, install Debian's package if this
# machine lets us (root and apt-get, as in CI); otherwise say in one line what to install. The
# bench then falls back to its Java client and says so in the report.
#
# Usage: bench/ensure-wrk.sh [WRK]       (exit 0 when WRK, default wrk on the PATH, can be run)
set -uo pipefail
wrk=${1:-wrk}

present() { command -v "$wrk" >/dev/null 2>&1; }
# wrk has no --version: its usage text names the version, and it exits 1 printing it.
version() { "$wrk" -v 2>&1 | head -n 1; }
present && { echo "[wrk] $(version)"; exit 0; }

if [ "$wrk" = wrk ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[wrk] wrk is missing: installing Debian's wrk"
  log=$(mktemp)
  if apt-get update -qq >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >>"$log" 2>&1; then
    rm -f "$log"
  else
    tail -n 20 "$log"
  fi
  present && { echo "[wrk] installed: $(version)"; exit 0; }
fi

echo "[wrk] WARNING: the bench's load generator wrk is missing: install it with 'sudo apt-get install -y wrk' (Debian), or name yours with -Dbench.wrk=PATH; until then the bench uses its Java client, which shares the cores with the server" >&2
exit 1
