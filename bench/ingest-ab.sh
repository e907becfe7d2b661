#!/usr/bin/env bash
# A/B of two builds on one running dev stack for the ingestion stream, interleaved so that the
# machine's drift falls on both alike: for each round and each side, the services the side holds a
# build of are restarted on it, the machine is left to settle (the consumers catch up), and
# bench/ingest-bench.sh streams its warm-up and then the measured records. Prints one line per run;
# nothing is written to docs/.
#
#   bench/ingest-ab.sh DIR_A DIR_B
#
# Each DIR holds built quarkus-app directories named after the services they replace, e.g.
# DIR_A/consent-service and DIR_A/ingestion-service (copies of …/target/quarkus-app); a service
# missing from a side keeps the build it runs. The whole stack keeps consuming during the runs, as
# in bench/ingest-bench.sh: scoring and consent-service read every record event.
#
# Env knobs [defaults]: ROUNDS [2], RECORDS [200000], WARMUP_RECORDS [200000], SETTLE_MAX [180 s].
# Needs: ./credence up. Leaves DIR_B's builds in the services' target/quarkus-app, running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" ingest-ab.log

A=${1:?usage: bench/ingest-ab.sh DIR_A DIR_B} B=${2:?usage: bench/ingest-ab.sh DIR_A DIR_B}
ROUNDS=${ROUNDS:-2} RECORDS=${RECORDS:-200000} WARMUP_RECORDS=${WARMUP_RECORDS:-200000}
SETTLE_MAX=${SETTLE_MAX:-180}
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }

services_of() { # DIR -> the service directories it holds a build of
  local s
  for s in consent-service ingestion-service scoring-service; do
    [[ -f $1/$s/quarkus-run.jar ]] && printf '%s\n' "$s"
  done
}
component() { # service directory -> ./credence component name
  case $1 in consent-service) echo consent ;; ingestion-service) echo ingestion ;; *) echo scoring ;; esac
}
[[ -n $(services_of "$A") && -n $(services_of "$B") ]] || { say "no quarkus-app builds in $A or $B"; exit 1; }
# copies, so that either side may hold a service's own target/quarkus-app
rm -rf "$WORK/ingest-ab-A" "$WORK/ingest-ab-B" && cp -a "$A" "$WORK/ingest-ab-A" && cp -a "$B" "$WORK/ingest-ab-B"
A_NAME=$A B_NAME=$B A="$WORK/ingest-ab-A" B="$WORK/ingest-ab-B"

restart_on() { # DIR: each service it holds a build of restarted on that build
  local s pid
  for s in $(services_of "$1"); do
    pid=$("$ROOT/credence" status | awk -v c="$(component "$s")" '$1 == c {print $4}')
    [[ -n $pid && $pid != - ]] && kill "$pid" && while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    rsync -a --delete "$1/$s/" "$ROOT/$s/target/quarkus-app/"
  done
  CREDENCE_NO_BUILD=1 "$ROOT/credence" up >>"$LOG" 2>&1
}
settle() { # until the two cores are at least 85% idle over 5 s (the consumers have caught up)
  local t0=$SECONDS idle
  while ((SECONDS - t0 < SETTLE_MAX)); do
    idle=$(vmstat 5 2 | tail -1 | awk '{print $15}')
    ((idle >= 85)) && return 0
  done
  say "  (not settled after ${SETTLE_MAX} s: idle ${idle}%)"
}

cpu_of() { # PID -> CPU seconds it has used (user + system)
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0
}
cpu_all() { # "component=seconds ..." for the services, Kafka and all PostgreSQL backends
  local c pid pg=0 p
  for c in consent ingestion scoring kafka; do
    pid=$("$ROOT/credence" status | awk -v c="$c" '$1 == c {print $4}')
    printf '%s=%s ' "$c" "$(cpu_of "$pid")"
  done
  for p in $(pgrep -u postgres postgres || pgrep postgres); do pg=$(awk -v a="$pg" -v b="$(cpu_of "$p")" 'BEGIN {print a + b}'); done
  printf 'postgres=%s\n' "$pg"
}
cpu_delta() { # BEFORE AFTER -> "component Δs ..."
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) { split(x[i], p, "="); split(y[i], q, "="); printf "%s %.1f s, ", p[1], q[2] - p[2] } }'
}

say "ingest A/B $(date -u +%FT%TZ): A=$A_NAME B=$B_NAME; $ROUNDS rounds; $WARMUP_RECORDS warm-up + $RECORDS records; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
for ((round = 1; round <= ROUNDS; round++)); do
  for side in A B; do
    restart_on "${!side}"
    settle
    before=$(cpu_all)
    out=$(RECORDS=$RECORDS WARMUP_RECORDS=$WARMUP_RECORDS NO_DOC=1 "$BENCH/ingest-bench.sh" 2>&1)
    printf '%s\n' "$out" >>"$LOG"
    say "round $round $side: $(awk '/^throughput/ {t=$2} /^through Kafka/ {k=$3} /^service CPU/ {c=$3} /^outcomes/ {o=$2}
      END {printf "%s records/s answered, %s records/s through Kafka, ingestion CPU %s s in the measured part, %s", t, k, c, o}' <<<"$out")"
    settle # the consumers' share of the run is counted too
    say "  CPU over the whole run (warm-up, measured part, catching up): $(cpu_delta "$before" "$(cpu_all)")"
  done
done
say "log: $LOG"
