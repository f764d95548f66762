#!/usr/bin/env bash
# Smoke test of the README's run command, played as a newcomer types it: `./mvnw -Prun` on a free
# HTTP port and a fresh dev folder, /health UP within a bound, an admin token from the README's
# token command, the README's first record created, then Ctrl-C (SIGINT to the process group);
# everything must have stopped within a bound: no Maven, no Payara, no PostgreSQL, no port left.
# A second start on the same folder is stopped as a service manager does (SIGTERM) and must keep
# the data (the same record answers 409 RECORD_ALREADY_EXISTS). Before the first stop, the README's
# offline verifier checks the heads file the run witnessed, with the public key from the API.
#
# With CARNET_SMOKE_BENCH=1 it also runs the smallest benchmark (`./mvnw -Pbench` with loads of
# two seconds), so that the documented bench command cannot rot either; .ci/run sets it. As root
# with apt-get (CI), the bench must have installed Debian's wrk and used it.
#
# Usage: .ci/smoke-run.sh            (from anywhere; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."

START_BOUND=${SMOKE_START_SECONDS:-240}
STOP_BOUND=${SMOKE_STOP_SECONDS:-60}
work=$(mktemp -d /tmp/carnet-smoke.XXXXXX)
export CARNET_DEV_DIR="$work/dev"
smoke_begin=$(date +%s)

say() { printf '[smoke] %s\n' "$*"; }
fail() {
  say "FAILED: $*"
  [ -n "${log:-}" ] && [ -f "$log" ] && { say "last lines of $log:"; tail -n 40 "$log"; }
  cleanup
  exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The launcher derives its ports from the HTTP one: admin (-32), mail catcher (+25) and the
# other Payara listeners of the port base (HTTP - 80 + 0..100); the database gets its own.
pick_ports() {
  local candidate
  for candidate in 18880 19880 20880 21880 22880 23880; do
    local busy=0 offset
    for offset in -80 -71 -44 -43 -42 -41 -32 -14 -4 0 1 6 25; do
      if port_in_use $((candidate + offset)); then busy=1; break; fi
    done
    if [ $busy = 0 ] && ! port_in_use $((candidate + 1000)); then
      HTTP_PORT=$candidate
      DB_PORT=$((candidate + 1000))
      return 0
    fi
  done
  return 1
}

run_pid=""
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -KILL -- "-$run_pid" 2>/dev/null || true
  fi
  pkill -KILL -f "domains/carnet-${HTTP_PORT:-none}/" 2>/dev/null || true
  pkill -KILL -f "$work/dev/pgdata" 2>/dev/null || true
}
trap 'cleanup' EXIT

leftovers() {
  local found=""
  kill -0 "$run_pid" 2>/dev/null && found+=" maven($run_pid)"
  pgrep -f "domains/carnet-$HTTP_PORT/" >/dev/null && found+=" payara"
  pgrep -f "$work/dev/pgdata" >/dev/null && found+=" postgresql"
  local port
  for port in "$HTTP_PORT" "$((HTTP_PORT - 32))" "$((HTTP_PORT + 25))" "$DB_PORT"; do
    port_in_use "$port" && found+=" port:$port"
  done
  printf '%s' "$found"
}

# Starts the run command exactly as README says, in its own process group with SIGINT
# deliverable (a background job of a script otherwise ignores it).
start_run() {
  log="$work/run-$1.log"
  env --default-signal=INT setsid ./mvnw -Prun -Dcarnet.http.port="$HTTP_PORT" \
    -Dcarnet.db.port="$DB_PORT" >"$log" 2>&1 </dev/null &
  run_pid=$!
  local begin=$SECONDS
  until curl -sf "http://localhost:$HTTP_PORT/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$run_pid" 2>/dev/null || fail "./mvnw -Prun exited before /health answered UP"
    [ $((SECONDS - begin)) -lt "$START_BOUND" ] || fail "/health not UP after ${START_BOUND}s"
    sleep 1
  done
  # Maven's output reaches a file in blocks: give the banner a moment to land after /health.
  local banner=$SECONDS
  until grep -q "Carnet is running" "$log"; do
    [ $((SECONDS - banner)) -lt 30 ] || fail "the run command did not print its URLs"
    sleep 1
  done
  say "run $1: /health UP $((SECONDS - begin))s after ./mvnw -Prun ($(grep -o 'started in [0-9]* s' "$log"))"
}

stop_run() {
  local signal=$1 begin=$SECONDS
  kill "-$signal" -- "-$run_pid"
  while [ -n "$(leftovers)" ]; do
    [ $((SECONDS - begin)) -lt "$STOP_BOUND" ] || fail "after SIG$signal, still running:$(leftovers)"
    sleep 1
  done
  say "SIG$signal: everything stopped in $((SECONDS - begin))s (Maven, Payara, PostgreSQL, ports)"
  run_pid=""
}

token() {
  ./mvnw -q -pl config compile exec:java@token -Drole="$1" 2>>"$work/token.log" ||
    fail "the README's token command failed (see $work/token.log)"
}

create_record() {
  curl -s -o "$work/created.json" -w '%{http_code}' -X POST "http://localhost:$HTTP_PORT/api/v1/records" \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"ins": {"number": "285057505612338", "oid": "1.2.250.1.213.1.4.8"},
         "traits": {"birthName": "DUPONT", "firstNames": "MARIE CLAIRE", "birthDate": "1985-05-12",
                    "sex": "F", "birthPlace": "75056"},
         "contact": {"email": "marie.dupont@example.org"}, "open": false}'
}

pick_ports || fail "no free set of ports found"
say "HTTP port $HTTP_PORT, database port $DB_PORT, fresh dev folder $CARNET_DEV_DIR"

start_run 1
ADMIN=$(token admin)
[ "$(printf '%s' "$ADMIN" | tr -cd '.' | wc -c)" = 2 ] || fail "the token command printed no JWT"
status=$(create_record "$ADMIN")
[ "$status" = 201 ] || fail "creating the README's first record answered $status: $(cat "$work/created.json")"
say "the README's first record: 201 $(cat "$work/created.json")"
PATIENT=$(token patient)
mine=$(curl -s "http://localhost:$HTTP_PORT/api/v1/records/mine" -H "Authorization: Bearer $PATIENT")
grep -q '"state":"PENDING"' <<<"$mine" || fail "records/mine answered: $mine"
say "the patient's own record: $mine"
# The README's first console password: in the dev folder, readable by its owner only, never logged.
password_file="$CARNET_DEV_DIR/admin-password"
[ -s "$password_file" ] || fail "no first administrator password in $password_file"
[ "$(stat -c %a "$password_file")" = 600 ] || fail "$password_file is not rw------- ($(stat -c %a "$password_file"))"
server_log=$(sed -n 's/^  Server log //p' "$log")
! grep -qF "$(cat "$password_file")" "$server_log" || fail "the first administrator password is in the server log"
login=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$HTTP_PORT/console/")
case "$login" in 200|302) ;; *) fail "the console answered $login" ;; esac
say "the console answers ($login); the first password is in an owner-only file and not in the log"
openapi=$(curl -sf "http://localhost:$HTTP_PORT/openapi") || fail "/openapi did not answer"
grep -q "/records/lookup" <<<"$openapi" || fail "the OpenAPI document lacks the API's paths"
# The README's offline verifier on what this run witnessed: a head published now, the key from the
# API, then the heads file checked with that public key alone (no export).
AUDITOR=$(token auditor)
curl -sf -o /dev/null -X POST "http://localhost:$HTTP_PORT/api/v1/audit/tree-heads" \
  -H "Authorization: Bearer $AUDITOR" || fail "publishing a tree head failed"
curl -sf -o "$work/tree-key.json" "http://localhost:$HTTP_PORT/api/v1/audit/tree-heads/key" \
  -H "Authorization: Bearer $AUDITOR" || fail "the tree heads' key did not answer"
verified=$(./mvnw -q -pl verifier compile exec:java -Dheads="$CARNET_DEV_DIR/witness/tree-heads.jsonl" \
  -Dkey="$work/tree-key.json" 2>>"$work/verifier.log") || fail "the README's verifier command failed: $verified"
grep -q '^VERIFIED: ' <<<"$verified" || fail "the verifier said: $verified"
say "the offline verifier on the witnessed heads: $verified"
# The patient's history export, verified offline against the same heads file and key; then the
# auditors' trail export (the heads file copied first, as the README says) with the runnable jar.
record_id=$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' "$work/created.json")
[ -n "$record_id" ] || fail "no record id in $(cat "$work/created.json")"
curl -sf -o "$work/history.json" "http://localhost:$HTTP_PORT/api/v1/records/$record_id/access-history/export" \
  -H "Authorization: Bearer $PATIENT" || fail "the patient's history export did not answer"
verified=$(./mvnw -q -pl verifier compile exec:java -Dheads="$CARNET_DEV_DIR/witness/tree-heads.jsonl" \
  -Dkey="$work/tree-key.json" -Dexport="$work/history.json" -Dretention=P3Y -Dtolerance=PT10M \
  2>>"$work/verifier.log") || fail "the verifier on the patient's history export failed: $verified"
grep -q '^VERIFIED: ' <<<"$verified" || fail "the verifier said of the history export: $verified"
say "the offline verifier on the patient's history export: $verified"
cp "$CARNET_DEV_DIR/witness/tree-heads.jsonl" "$work/tree-heads.jsonl"
curl -sf -o "$work/trail.ndjson" "http://localhost:$HTTP_PORT/api/v1/audit/tree/leaves" \
  -H "Authorization: Bearer $AUDITOR" || fail "the auditors' trail export did not answer"
./mvnw -q -pl verifier package >>"$work/verifier.log" 2>&1 || fail "the verifier's jar did not build (see $work/verifier.log)"
verified=$(java -jar verifier/target/carnet-verifier.jar --heads "$work/tree-heads.jsonl" \
  --key "$work/tree-key.json" --export "$work/trail.ndjson" 2>>"$work/verifier.log") ||
  fail "the verifier's jar on the trail export failed: $verified"
grep -q '^VERIFIED: ' <<<"$verified" || fail "the verifier's jar said of the trail export: $verified"
say "the verifier's jar on the auditors' trail export: $verified"
stop_run INT

start_run 2
status=$(create_record "$(token admin)")
[ "$status" = 409 ] || fail "the second run lost the data: enrolling again answered $status"
say "second run on the same folder kept the data (409 RECORD_ALREADY_EXISTS)"
stop_run TERM
say "run command smoke test passed in $(($(date +%s) - smoke_begin))s"

# The cluster command, smoke-tested the same way (start, /health through HAProxy, both instances
# behind it, Ctrl-C, nothing left), by its own script.
.ci/smoke-cluster.sh || fail "the cluster command's smoke test failed"

if [ "${CARNET_SMOKE_BENCH:-0}" = 1 ]; then
  log="$work/bench.log"
  begin=$SECONDS
  ./mvnw -Pbench -Dbench.seconds=2 -Dbench.warmup-seconds=1 -Dbench.results="$work/results" \
    >"$log" 2>&1 </dev/null || fail "the bench command failed"
  report="$work/results/performance-latest.md"
  [ -f "$report" ] || fail "the bench wrote no report"
  grep -q "push 10 KB PDF" "$report" || fail "the bench report has no push row"
  grep -q '^- \*\*Server: .* req/s' "$report" || fail "the bench report has no server floor"
  grep -q '^- \*\*Database: .* transactions/s' "$report" || fail "the bench report has no database floor"
  grep -q "^## PostgreSQL's time per request, by statement" "$report" \
    || fail "the bench report has no statements section"
  generator=$(sed -n 's/^Generator: \([^,]*\),.*/\1/p' "$report")
  # Where the bench may install Debian's wrk (root with apt-get, as in CI), it must have.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    grep -q '^Generator: wrk ' "$report" || fail "the bench did not install or use wrk: $generator"
  fi
  say "bench command smoke test passed in $((SECONDS - begin))s (generator $generator; report $report)"
fi
rm -rf "$work"
