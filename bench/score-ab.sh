#!/usr/bin/env bash
# A/B of two scoring-service builds on one running dev stack, interleaved, so that the machine's
# drift falls on both alike: for each round and each build, scoring is restarted on that build,
# warmed up under full load, then measured at full load (wrk -c64) and at one fixed pacing for
# both builds (wrk -c16, the same mean pause per connection), the same way bench/score-bench.sh
# measures them. Prints one line per measurement; nothing is written to docs/.
#
#   bench/score-ab.sh DIR_A DIR_B     # each a built quarkus-app directory (…/target/quarkus-app)
#
# Env knobs [defaults]: ROUNDS [2], WARMUP [240s], DURATION [20s], CONNS [64], HALF_CONNS [16],
# DELAY_MS [34: the pacing, the same for both builds], N [200 seeded bench persons].
# Like bench/score-bench.sh, it turns autovacuum on for its duration when this PostgreSQL runs
# with it off, and vacuums and analyses before each warm-up and analyses after it.
# Needs: ./credence up with the bench persons seeded (bench/score-bench.sh ran once), wrk.
# Leaves DIR_B's build in scoring-service/target/quarkus-app (the last one measured), running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" ab.log

A=${1:?usage: bench/score-ab.sh DIR_A DIR_B} B=${2:?usage: bench/score-ab.sh DIR_A DIR_B}
ROUNDS=${ROUNDS:-2} WARMUP=${WARMUP:-240s} DURATION=${DURATION:-20s} CONNS=${CONNS:-64}
HALF_CONNS=${HALF_CONNS:-16} DELAY_MS=${DELAY_MS:-34} N=${N:-200}
APP="$ROOT/scoring-service/target/quarkus-app"
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
[[ -f $A/quarkus-run.jar && -f $B/quarkus-run.jar ]] || { say "not quarkus-app directories"; exit 1; }
# copies, so that either may be scoring-service/target/quarkus-app itself
rm -rf "$WORK/ab-A" "$WORK/ab-B" && cp -a "$A" "$WORK/ab-A" && cp -a "$B" "$WORK/ab-B"
A_NAME=$A B_NAME=$B A="$WORK/ab-A" B="$WORK/ab-B"
seq 1 "$N" | while read -r i; do printf 'BENCH-%04d\n' "$i"; done >"$WORK/ids.txt"

restart_on() { # DIR: scoring restarted on that build (the launcher's own environment)
  local pid
  pid=$("$ROOT/credence" status | awk '$1 == "scoring" {print $4}')
  [[ -n $pid && $pid != - ]] && kill "$pid" && while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rsync -a --delete "$1/" "$APP/"
  CREDENCE_NO_BUILD=1 "$ROOT/credence" up >>"$LOG" 2>&1
}
measure() { # NAME DURATION CONNS [DELAY] -> "req/s p50 p99 non200"
  local out
  out=$(TOKEN="$(token_cc demo-lender "$LENDER_SECRET")" IDS_FILE="$WORK/ids.txt" \
    PURPOSE=CREDIT_APPLICATION DELAY_MS="${4:-0}" \
    wrk -t2 -c"$3" -d"$2" --latency -s "$BENCH/score.lua" "$SCORING/v1/scores" 2>&1)
  printf '%s\n' "$out" >>"$LOG"
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /^STATUS/ {for (i = 1; i <= NF; i++) if ($i ~ /^non200=/) n=substr($i, 8)}
    END {printf "%s req/s, p50 %s, p99 %s, non-200 %s", r, p50, p99, n}' <<<"$out"
}

autovacuum_for_run # as bench/score-bench.sh: production PostgreSQL vacuums and analyses
if ((AUTOVACUUM_OFF)); then trap restore_autovacuum EXIT; fi
say "A/B $(date -u +%FT%TZ): A=$A_NAME B=$B_NAME; $ROUNDS rounds; warm-up $WARMUP; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
for ((round = 1; round <= ROUNDS; round++)); do
  for side in A B; do
    dir=${!side}
    restart_on "$dir"
    autovacuum_by_hand 'vacuum analyze' >/dev/null
    measure warm "$WARMUP" "$CONNS" >/dev/null
    autovacuum_by_hand analyze >/dev/null
    say "round $round $side full load (-c$CONNS): $(measure full "$DURATION" "$CONNS")"
    say "round $round $side paced (-c$HALF_CONNS, mean pause $DELAY_MS ms): $(measure paced "$DURATION" "$HALF_CONNS" "$DELAY_MS")"
  done
done
