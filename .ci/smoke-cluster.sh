#!/usr/bin/env bash
# Smoke test of the README's cluster command, as the run command's (smoke-run.sh calls it): `./mvnw
# -Pcluster` on free ports and a fresh dev folder, /health UP through HAProxy within a bound, both
# instances seen behind it (X-Carnet-Instance), then Ctrl-C (SIGINT to the process group); within
# a bound nothing may be left: no Maven, no Payara, no HAProxy, no PostgreSQL, no port.
#
# Usage: .ci/smoke-cluster.sh        (SMOKE_CLUSTER_PORT=P to choose HAProxy's port P yourself)
set -euo pipefail
cd "$(dirname "$0")/.."

START_BOUND=${SMOKE_CLUSTER_START_SECONDS:-600}
STOP_BOUND=${SMOKE_STOP_SECONDS:-90}
work=$(mktemp -d /tmp/carnet-smoke-cluster.XXXXXX)
export CARNET_DEV_DIR="$work/dev"
begin_all=$(date +%s)

say() { printf '[smoke-cluster] %s\n' "$*"; }
fail() {
  say "FAILED: $*"
  [ -n "${log:-}" ] && [ -f "$log" ] && { say "last lines of $log:"; tail -n 40 "$log"; }
  cleanup
  exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# DevCluster's ports from HAProxy's P: database P+1, mail P+2, instances' HTTP P+100 and P+190,
# each with the listeners of its port base (HTTP - 80 + 0..86).
ports_of() {
  local front=$1 http offset
  printf '%s\n' "$front" $((front + 1)) $((front + 2))
  for http in $((front + 100)) $((front + 190)); do
    for offset in -80 -71 -44 -43 -42 -41 -32 -14 -4 0 1 6; do
      printf '%s\n' $((http + offset))
    done
  done
}

pick_port() {
  local candidate port busy
  for candidate in ${SMOKE_CLUSTER_PORT:-28080 29080 30080 31080}; do
    busy=0
    for port in $(ports_of "$candidate"); do
      if port_in_use "$port"; then busy=1; break; fi
    done
    if [ $busy = 0 ]; then FRONT=$candidate; return 0; fi
  done
  return 1
}

run_pid=""
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -KILL -- "-$run_pid" 2>/dev/null || true
  fi
  pkill -KILL -f "domains/cluster-${FRONT:-none}-" 2>/dev/null || true
  pkill -KILL -f "$work/dev/pgdata" 2>/dev/null || true
  pkill -KILL -f "haproxy -db -f $PWD/e2e/target/cluster/haproxy.cfg" 2>/dev/null || true
}
trap 'cleanup' EXIT

leftovers() {
  local found="" port
  kill -0 "$run_pid" 2>/dev/null && found+=" maven($run_pid)"
  pgrep -f "domains/cluster-$FRONT-" >/dev/null && found+=" payara"
  pgrep -f "$work/dev/pgdata" >/dev/null && found+=" postgresql"
  pgrep -f "haproxy -db -f $PWD/e2e/target/cluster/haproxy.cfg" >/dev/null && found+=" haproxy"
  for port in $(ports_of "$FRONT"); do
    port_in_use "$port" && found+=" port:$port"
  done
  printf '%s' "$found"
}

pick_port || fail "no free set of ports found"
say "HAProxy on $FRONT, instances on $((FRONT + 100)) and $((FRONT + 190)), fresh dev folder $CARNET_DEV_DIR"
log="$work/cluster.log"
env --default-signal=INT setsid ./mvnw -Pcluster -Dcarnet.http.port="$FRONT" >"$log" 2>&1 </dev/null &
run_pid=$!
begin=$SECONDS
until curl -sf "http://localhost:$FRONT/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$run_pid" 2>/dev/null || fail "./mvnw -Pcluster exited before /health answered UP"
  [ $((SECONDS - begin)) -lt "$START_BOUND" ] || fail "/health not UP through HAProxy after ${START_BOUND}s"
  sleep 2
done
banner=$SECONDS
until grep -q "Carnet cluster is running" "$log"; do
  [ $((SECONDS - banner)) -lt 30 ] || fail "the cluster command did not print its URL"
  sleep 1
done
say "/health UP through HAProxy $((SECONDS - begin))s after ./mvnw -Pcluster"
seen=""
for _ in 1 2 3 4; do
  seen+=" $(curl -s -D - -o /dev/null "http://localhost:$FRONT/fhir/metadata" |
    tr -d '\r' | sed -n 's/^[Xx]-[Cc]arnet-[Ii]nstance: //p')"
done
grep -qw a <<<"$seen" && grep -qw b <<<"$seen" || fail "HAProxy did not spread requests on a and b:$seen"
say "requests through HAProxy served by:$seen"

stop_begin=$SECONDS
kill -INT -- "-$run_pid"
while [ -n "$(leftovers)" ]; do
  [ $((SECONDS - stop_begin)) -lt "$STOP_BOUND" ] || fail "after SIGINT, still running:$(leftovers)"
  sleep 1
done
say "SIGINT: everything stopped in $((SECONDS - stop_begin))s (Maven, HAProxy, both Payara, PostgreSQL, ports)"
run_pid=""
say "cluster command smoke test passed in $(($(date +%s) - begin_all))s"
rm -rf "$work"
