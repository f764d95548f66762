#!/usr/bin/env bash
# Run by `./mvnw -Pcluster` and by ClusterE2EIT before the cluster starts: HAProxy in front of the
# instances is Debian's package, never one of ours. When it is missing, install it if this machine
# lets us (root and apt-get); otherwise stop at once with one line saying what to install.
#
# Usage: e2e/ensure-haproxy.sh
set -uo pipefail

present() { [ -x /usr/sbin/haproxy ] || [ -x /usr/bin/haproxy ]; }
present && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[haproxy] HAProxy is missing: installing Debian's haproxy"
  log=$(mktemp)
  if apt-get update -qq >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >>"$log" 2>&1; then
    rm -f "$log"
  else
    tail -n 20 "$log"
  fi
  if present; then
    echo "[haproxy] installed: $(haproxy -v 2>/dev/null | head -n 1)"
    exit 0
  fi
fi

echo "[haproxy] ERROR: the cluster command needs HAProxy: install it with 'sudo apt-get install -y haproxy' (Debian)" >&2
exit 1
