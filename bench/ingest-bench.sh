#!/usr/bin/env bash
# Credence ingestion benchmark: one command, repeatable, against a running ingestion-service.
#
#   bench/ingest-bench.sh          # seeds bench subjects + COLLECT consents (idempotent), streams
#                                  # RECORDS generated TRADELINE records through POST /v1/records/stream,
#                                  # prints records/s, outcomes and the service's peak RSS and heap
#
# Env knobs [defaults]: RECORDS [1000000], WARMUP_RECORDS [300000], SUBJECTS [300], INGEST [http://127.0.0.1:8082],
# INGEST_DB [credence_ingestion] (the database that service uses; seeded with psql as postgres),
# STATE [<repo>/.credence/dev] (for the identifier key), CREDENCE_IDENTIFIER_KEY (else read from
# $STATE/secrets.env), KC [http://127.0.0.1:8180], SERVICE_PID (else found by the port).
#
# Needs: the dev stack up (./credence up) — or any ingestion-service with the same identifier key —,
# bash, curl, jq, psql, java 17+. The records are real: they stay in the database and their
# record.accepted events go to the records topic (scoring consumes them); each run uses new
# furnisher record ids (bench-<run>-<n>), so every record is ACCEPTED, not DUPLICATE.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
WORK="$BENCH/.work"
mkdir -p "$WORK"
RECORDS=${RECORDS:-1000000} WARMUP_RECORDS=${WARMUP_RECORDS:-300000} SUBJECTS=${SUBJECTS:-300}
INGEST=${INGEST:-http://127.0.0.1:8082} INGEST_DB=${INGEST_DB:-credence_ingestion}
STATE=${STATE:-$ROOT/.credence/dev} KC=${KC:-http://127.0.0.1:8180}
FURNISHER=demo-furnisher FURNISHER_SECRET=local-demo-furnisher-secret # local-only demo values

say() { printf '%s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
for c in curl jq psql java awk; do command -v "$c" >/dev/null || die "missing $c"; done

if [[ -z ${CREDENCE_IDENTIFIER_KEY:-} ]]; then
  [[ -f $STATE/secrets.env ]] || die "no CREDENCE_IDENTIFIER_KEY and no $STATE/secrets.env (run ./credence up)"
  CREDENCE_IDENTIFIER_KEY=$(grep '^CREDENCE_IDENTIFIER_KEY=' "$STATE/secrets.env" | cut -d= -f2-)
fi
export CREDENCE_IDENTIFIER_KEY

port=${INGEST##*:}; port=${port%%/*}
SERVICE_PID=${SERVICE_PID:-$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)}
[[ -n $SERVICE_PID ]] || die "no process listens on port $port (is ingestion-service running?)"
curl -sf --max-time 5 "$INGEST/q/health/ready" >/dev/null || die "$INGEST is not ready"

# compile the generator once (a class file is faster to start than the source launcher)
if [[ ! -f $WORK/IngestBench.class || $BENCH/IngestBench.java -nt $WORK/IngestBench.class ]]; then
  javac -d "$WORK" "$BENCH/IngestBench.java"
fi
gen() { java -Xmx64m -cp "$WORK" IngestBench "$@"; }

# The records are not through until their events are on Kafka: the outbox relay publishes them
# after the stream has answered, and on a slow or bloated outbox it falls behind (2026-11-30: a
# backlog of 837,500 events when a 7,684 records/s stream ended). unpublished: rows waiting in
# ingestion's outbox; drain: wait until none waits (at most DRAIN_MAX seconds).
DRAIN_MAX=${DRAIN_MAX:-900}
unpublished() {
  psql -h 127.0.0.1 -U postgres -d "$INGEST_DB" -Atc 'select count(*) from outbox_event where published_at is null'
}
drain() {
  local waited=0
  while (($(unpublished) > 0)); do
    ((waited < DRAIN_MAX * 2)) || die "ingestion's outbox did not drain in $DRAIN_MAX s"
    sleep 0.5
    waited=$((waited + 1))
  done
}

say "seeding $SUBJECTS bench persons with COLLECT consents of $FURNISHER into $INGEST_DB"
gen seed "$SUBJECTS" "$FURNISHER" | psql -q -h 127.0.0.1 -U postgres -d "$INGEST_DB" -v ON_ERROR_STOP=1 >/dev/null

token=$(curl -sf --max-time 10 -d grant_type=client_credentials -d client_id=$FURNISHER \
  -d client_secret=$FURNISHER_SECRET "$KC/realms/credence/protocol/openid-connect/token" | jq -er .access_token) ||
  die "no token for $FURNISHER from $KC"

# warm-up, not counted: the connection pool and the JIT. 20,000 records (the default until
# 2026-11-29 18:30) left a freshly started service's first measured run ~20% below its later ones
# (8,726 against 10,415 and 10,783 records/s); 300,000 is about half a minute here.
say "waiting for ingestion's outbox to drain ($(unpublished) events waiting)"
drain
run="w$(date +%s)"
say "warm-up ($WARMUP_RECORDS records)"
gen generate "$WARMUP_RECORDS" "$SUBJECTS" "$run" |
  curl -sS --fail -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
    -X POST -T - "$INGEST/v1/records/stream" | tail -1 >&2

# peak memory: reset the process's RSS high-water mark, then sample RSS while the stream runs
echo 5 >"/proc/$SERVICE_PID/clear_refs" 2>/dev/null || say "(could not reset VmHWM; peak RSS is since start)"
rss_log="$WORK/rss.log"; : >"$rss_log"
( while kill -0 "$SERVICE_PID" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status" >>"$rss_log"; sleep 1
  done ) & sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVICE_PID/stat"; }
drain # the warm-up's events, so that the measured run starts with an empty outbox
run="r$(date +%s)"
say "streaming $RECORDS records (run $run)"
cpu_start=$(cpu_ticks)
start=$(date +%s%N)
gen generate "$RECORDS" "$SUBJECTS" "$run" |
  curl -sS --fail -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
    -X POST -T - "$INGEST/v1/records/stream" |
  awk '/"outcome":"ACCEPTED"/ {a++} /"outcome":"REJECTED"/ {r++} /"outcome":"DUPLICATE"/ {d++}
       /"summary"/ {s=$0} END {printf "accepted=%d rejected=%d duplicate=%d\n%s\n", a, r, d, s}' >"$WORK/outcomes.txt"
end=$(date +%s%N)
cpu_end=$(cpu_ticks)
backlog=$(unpublished)
drain
published=$(date +%s%N)
kill $sampler 2>/dev/null || true
cpu_s=$(((cpu_end - cpu_start) / $(getconf CLK_TCK)))

elapsed_ms=$(((end - start) / 1000000))
rate=$((RECORDS * 1000 / (elapsed_ms > 0 ? elapsed_ms : 1)))
kafka_ms=$(((published - start) / 1000000))
kafka_rate=$((RECORDS * 1000 / (kafka_ms > 0 ? kafka_ms : 1)))
peak_sampled=$(sort -n "$rss_log" | tail -1)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVICE_PID/status")
heap=$(jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | head -3 | tr -s ' ' | tr '\n' ' ' || echo n/a)
xmx=$(tr '\0' ' ' <"/proc/$SERVICE_PID/cmdline" | grep -o -- '-Xmx[^ ]*' || echo "default")
cat <<REPORT
records            $RECORDS (run $run, $SUBJECTS subjects)
elapsed            $elapsed_ms ms
throughput         $rate records/s (answered by the stream)
through Kafka      $kafka_rate records/s ($kafka_ms ms until the outbox held no unpublished event; $backlog were waiting when the stream ended)
service CPU        ${cpu_s} s for the run ($((RECORDS / (cpu_s > 0 ? cpu_s : 1))) records per service CPU-second; PostgreSQL, Kafka and the client not included)
outcomes           $(head -1 "$WORK/outcomes.txt")
service peak RSS   $((hwm / 1024)) MB (VmHWM since reset); sampled max $((${peak_sampled:-0} / 1024)) MB; $xmx
service heap       $heap
machine            $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)
REPORT
tail -1 "$WORK/outcomes.txt" >&2
