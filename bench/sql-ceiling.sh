#!/usr/bin/env bash
# The database's own ceiling for the score path on this machine: bench/score-path.pgbench (the SQL
# of one released person score -- consent gate, records + hard inquiries, and the one-statement
# release) run by pgbench against a copy of the dev stack's scoring tables. No HTTP, TLS, token,
# JSON or JVM: whatever the services do around it can only be slower.
#
#   bench/sql-ceiling.sh            # after bench/score-bench.sh has seeded the bench persons
#
# Env: CLIENTS [8 16], DURATION [15] seconds, PGHOST [127.0.0.1], PGUSER [postgres].
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
CLIENTS=${CLIENTS:-8 16} DURATION=${DURATION:-15}
SRC=credence_scoring COPY=credence_sql_ceiling
for c in pgbench pg_dump psql; do command -v "$c" >/dev/null || { echo "missing $c" >&2; exit 1; }; done
[[ $(psql -Atc "select count(*) from pg_database where datname = '$SRC'") == 1 ]] ||
  { echo "no $SRC database: start the dev stack (./credence up) and seed it (bench/score-bench.sh)" >&2; exit 1; }
# a copy, so that the pgbench disclosures never reach the outbox relay, Kafka or the access log
psql -qc "drop database if exists $COPY" -c "create database $COPY" >/dev/null
pg_dump -d "$SRC" -t consent_view -t subject_record -t inquiry -t disclosure -t outbox_event -t record_dispute -O -x |
  psql -q -d "$COPY" >/dev/null
psql -d "$COPY" -qc 'vacuum analyze' # as autovacuum would have (it is off on this machine)
persons=$(psql -d "$COPY" -Atc "select count(distinct subject_id) from consent_view where subject_id like 'be0c0000-%'")
((persons >= 200)) || { echo "only $persons bench persons in $SRC: run bench/score-bench.sh first" >&2; exit 1; }
for c in $CLIENTS; do
  out=$(pgbench -n -M prepared -c "$c" -j 2 -T "$DURATION" -f "$ROOT/bench/score-path.pgbench" "$COPY" 2>&1)
  tps=$(grep -o 'tps = [0-9.]*' <<<"$out" | head -1 | cut -d' ' -f3)
  lat=$(grep -o 'latency average = [0-9.]*' <<<"$out" | cut -d' ' -f4)
  failed=$(grep -o 'number of failed transactions: [0-9]*' <<<"$out" | awk '{print $NF}')
  echo "RESULT clients=$c tps=$tps latency_avg_ms=$lat failed=${failed:-0}"
done
psql -qc "drop database $COPY" >/dev/null
