#!/usr/bin/env bash
# The floor of any design for POST /v1/scores on this machine, measured beside the bare baseline:
# what the least conceivable score endpoint makes when it reads one row, or writes one durable row,
# or both, per request (bench/write-floor: no token check, no consent rule, no model, no event, no
# access log, one index). Whatever the real path does can only cost more, so each figure here is an
# upper bound for it. docs/benchmarks.md, "The floor of any design".
#
#   ./credence down && bench/write-floor.sh     # best with nothing else running but PostgreSQL
#
# Env knobs (defaults in brackets): DURATION [20s] per measured run, ROUNDS [2] (each round measures
# the baseline and the three probes in turn), WARMUP [30s] least warm-up of each, then on in 10 s
# windows until the last three are within STEADY_PCT [10] % or WARMUP_MAX [240s], THREADS [2],
# CONNS [64], WRITERS and READERS [2, as scoring's group commit]: inserts and grouped reads in flight
# at once. Prints a report (also in bench/.work/floor/report.md).
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), java, openssl, wrk, psql.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work/floor" floor.log
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
die() { say "ERROR: $*"; exit 1; }

DURATION=${DURATION:-20s} ROUNDS=${ROUNDS:-2} WARMUP=${WARMUP:-30s} WARMUP_MAX=${WARMUP_MAX:-240s}
STEADY_PCT=${STEADY_PCT:-10} THREADS=${THREADS:-2} CONNS=${CONNS:-64} WRITERS=${WRITERS:-2} READERS=${READERS:-2}
BASE_HTTPS=8098 FLOOR_HTTPS=8096 DB=credence_write_floor N=200
export PGHOST=127.0.0.1 PGUSER=postgres
for c in wrk java openssl psql curl; do command -v "$c" >/dev/null || die "missing $c"; done
if curl -sk -o /dev/null --max-time 2 https://127.0.0.1:8443/q/health/live; then
  say "WARNING: the dev stack is up; its idle services share the cores (./credence down for a clean floor)"
fi

# the probe's database: the bench identifiers' subjects, and an empty disclosure table
psql -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
psql -q -d "$DB" >/dev/null <<SQL
create table floor_subject (identifier_hash text primary key, subject_id text not null);
insert into floor_subject
  select encode(sha256(convert_to(format('BENCH-%s', lpad(i::text, 4, '0')), 'UTF8')), 'hex'),
         format('be0c0000-0000-4000-8000-%s', lpad(i::text, 12, '0'))
  from generate_series(1, $N) i;
create table floor_disclosure (
  id uuid primary key, lender_id text not null, subject_id text not null, purpose text not null,
  score integer, reason_codes jsonb not null, features jsonb not null, snapshot_hash text not null,
  computed_at timestamptz not null);
vacuum analyze;
SQL
seq 1 "$N" | while read -r i; do printf 'BENCH-%04d\n' "$i"; done >"$WORK/ids.txt"

# the two apps, built when their sources changed, on one throwaway self-signed keystore
build() { # DIR
  local jar="$BENCH/$1/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f $jar || -n $(find "$BENCH/$1/src" "$BENCH/$1/pom.xml" -newer "$jar" 2>/dev/null) ]]; then
    say "building bench/$1"
    "$ROOT/mvnw" -B -q -f "$BENCH/$1/pom.xml" package -DskipTests >>"$LOG" 2>&1 || die "build of bench/$1 failed (see $LOG)"
  fi
}
build baseline
build write-floor
if [[ ! -f $WORK/floor.p12 ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK/floor-key.pem" -out "$WORK/floor-cert.pem" >>"$LOG" 2>&1
  openssl pkcs12 -export -in "$WORK/floor-cert.pem" -inkey "$WORK/floor-key.pem" -out "$WORK/floor.p12" \
    -passout pass:bench-local-only >>"$LOG" 2>&1
fi
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap stop_all EXIT
launch() { # DIR [JVM options]: the same heap cap as the services (the launcher runs them with -Xmx384m)
  local dir=$1; shift
  java -Xmx384m "$@" -Dquarkus.tls.key-store.p12.path="$WORK/floor.p12" \
    -Dquarkus.tls.key-store.p12.password=bench-local-only -jar "$BENCH/$dir/target/quarkus-app/quarkus-run.jar" \
    >>"$WORK/$dir.log" 2>&1 &
  PIDS+=($!)
}
BASE_URL="https://127.0.0.1:$BASE_HTTPS/hello"
FLOOR_URL="https://127.0.0.1:$FLOOR_HTTPS/v1/floor"
launch baseline
launch write-floor -Dfloor.writers="$WRITERS" -Dfloor.readers="$READERS"
for ((i = 0; i < 60; i++)); do
  curl -skf -o /dev/null "$BASE_URL" 2>/dev/null && curl -skf -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d '{"subject":{"identifierType":"NATIONAL_ID","identifier":"BENCH-0001"},"purpose":"CREDIT_APPLICATION"}' \
    "$FLOOR_URL/read-write" 2>/dev/null && break
  sleep 0.5
done
((i < 60)) || die "the apps did not start (see $WORK/baseline.log, $WORK/write-floor.log)"

# cpu_busy: the machine's busy share over the last run, from /proc/stat (all cores, 100% = all busy)
cpu_mark() { read -r _ u n s i w q sq st _ </proc/stat; CPU0=("$((u + n + s + q + sq + st))" "$((i + w))"); }
cpu_busy() {
  local u n s i w q sq st busy idle
  read -r _ u n s i w q sq st _ </proc/stat
  busy=$((u + n + s + q + sq + st - CPU0[0])) idle=$((i + w - CPU0[1]))
  awk -v b="$busy" -v i="$idle" 'BEGIN {printf "%.0f", 100 * b / (b + i)}'
}

declare -A NAME=([base]="bare GET /hello" [read]="POST /v1/floor/read: one read" \
  [write]="POST /v1/floor/write: one durable row (group commit)" [read-write]="POST /v1/floor/read-write: both" \
  [batched-read]="POST /v1/floor/batched-read: one read, batched across requests" \
  [batched-read-write]="POST /v1/floor/batched-read-write: both, the read batched")
url_of() { if [[ $1 == base ]]; then echo "$BASE_URL"; else echo "$FLOOR_URL/$1"; fi; }
script_of() { if [[ $1 == base ]]; then echo "$BENCH/status.lua"; else echo "$BENCH/score.lua"; fi; }
KINDS=(base read batched-read write read-write batched-read-write)
for k in "${KINDS[@]}"; do
  warm_up "$k" "$WARMUP" "$(script_of "$k")" "$(url_of "$k")" TOKEN=none IDS_FILE="$WORK/ids.txt"
done
ROWS=""
declare -A SUM=()
for ((r = 1; r <= ROUNDS; r++)); do
  base_rps=
  for k in "${KINDS[@]}"; do
    cpu_mark
    res=$(run_wrk "$k-$r" "$DURATION" "$CONNS" "$(script_of "$k")" "$(url_of "$k")" TOKEN=none IDS_FILE="$WORK/ids.txt")
    busy=$(cpu_busy)
    check_clean "$k" "$res"
    rps=$(field "$res" rps)
    [[ $k == base ]] && base_rps=$rps
    ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN {printf "%.1f", 100 * a / b}')
    SUM[$k]="${SUM[$k]:-} $ratio"
    say "round $r $k: $res (cpu ${busy}%)"
    ROWS+="| $r | ${NAME[$k]} | $rps | $(field "$res" p50_ms) | $(field "$res" p99_ms) | $ratio% | ${busy}% | $(field "$res" non200) |"$'\n'
  done
done
rows_written=$(psql -d "$DB" -Atc 'select count(*) from floor_disclosure')
per_commit=$(psql -d "$DB" -Atc "select round(count(*)::numeric / greatest(1, count(distinct xmin::text)), 1) from floor_disclosure")

REPORT=$(
  cat <<MD
### Floor run $(date -u '+%Y-%m-%d %H:%M UTC') (\`bench/write-floor.sh\`)

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); commit $(git -C "$ROOT" rev-parse --short HEAD).
wrk -t$THREADS -c$CONNS, $DURATION a run, $ROUNDS rounds, $WRITERS inserts and $READERS grouped reads in flight at most, each endpoint warmed until steady first;
HTTPS throughout; CPU = the machine's busy share during the run (2 cores = 100%).
Warm-up: $(for k in "${KINDS[@]}"; do v="WARMED_${k//-/_}"; printf '%s %s; ' "$k" "${!v}"; done)

| round | endpoint | req/s | p50 ms | p99 ms | % of bare HTTPS | CPU | non-200 |
|---|---|---|---|---|---|---|---|
${ROWS}
Rows written: $rows_written, $per_commit a commit on average (rows per distinct writing transaction).
MD
)
printf '%s\n' "$REPORT" | tee "$WORK/report.md"
say "report: $WORK/report.md"
stop_all
psql -qc "drop database $DB" >/dev/null
