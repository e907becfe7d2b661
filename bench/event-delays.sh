#!/usr/bin/env bash
# Where an event's time goes between its producer and scoring's consumer, for the last MINUTES [15]:
#
#   bench/event-delays.sh [MINUTES]      # against the dev stack, e.g. right after bench/score-bench.sh
#
# Joins, by event id: the producers' outbox rows (consent-service's consent changes, ingestion's
# records; published_at is when the relay's transaction started), the Kafka record's CreateTime (when
# the relay's producer sent it) and scoring's processed_event row (processed_at, when the consumer's
# transaction started). Prints the percentiles of the whole way and every event slower than 500 ms
# split into relay -> Kafka and Kafka -> consumer.
#
# Needs: the dev stack up (./credence up), psql, python3, java (the Kafka tools from the launcher's
# Kafka jars).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work/delays" delays.log
MINUTES=${1:-15}
KAFKA_LIBS="${CREDENCE_CACHE_DIR:-$HOME/.cache/credence}/kafka-4.1.2/libs"
psql_rows() { psql -h 127.0.0.1 -U postgres -d "$1" -AtX -F'|' -c "$2"; }

for db in credence_consent credence_ingestion; do
  psql_rows "$db" "select payload->>'eventId', type, extract(epoch from published_at) from outbox_event
    where created_at > now() - interval '$MINUTES minutes' and published_at is not null"
done >"$WORK/outbox.txt"
psql_rows credence_scoring "select event_id, extract(epoch from processed_at) from processed_event
  where processed_at > now() - interval '$MINUTES minutes'" >"$WORK/processed.txt"
for topic in credence.consent.v1 credence.records.v1; do
  timeout 300 java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server 127.0.0.1:9092 --topic "$topic" --from-beginning --timeout-ms 8000 \
    --property print.timestamp=true 2>/dev/null || true
done >"$WORK/kafka.txt"

python3 - "$WORK" <<'PY' | tee -a "$LOG"
import json, re, sys, time
work = sys.argv[1]
outbox = {}
for line in open(f"{work}/outbox.txt"):
    f = line.rstrip("\n").split("|")
    if len(f) == 3 and f[0]:
        outbox[f[0]] = (f[1], float(f[2]))
processed = {}
for line in open(f"{work}/processed.txt"):
    f = line.rstrip("\n").split("|")
    if len(f) == 2:
        processed[f[0]] = float(f[1])
sent = {}
for line in open(f"{work}/kafka.txt"):
    m = re.match(r"CreateTime:(\d+)\s+(.*)", line)
    if m:
        try:
            sent[json.loads(m.group(2)).get("eventId")] = int(m.group(1)) / 1000.0
        except ValueError:
            pass
rows = sorted(
    (published, kind, sent[i] - published, processed[i] - sent[i], processed[i] - published)
    for i, (kind, published) in outbox.items() if i in processed and i in sent)
if not rows:
    sys.exit("no event found in all three places")
total = sorted(r[4] * 1000 for r in rows)
pct = lambda p: total[min(len(total) - 1, int(len(total) * p / 100))]
print(f"{len(rows)} events, producer relay -> scoring's consumer: p50 {pct(50):.0f} ms,"
      f" p90 {pct(90):.0f} ms, p99 {pct(99):.0f} ms, max {total[-1]:.0f} ms")
slow = [r for r in rows if r[4] > 0.5]
print(f"{len(slow)} slower than 500 ms")
for published, kind, to_kafka, to_consumer, whole in slow:
    print(f"  {time.strftime('%H:%M:%S', time.gmtime(published))} {kind}: relay -> Kafka"
          f" {to_kafka * 1000:.0f} ms, Kafka -> consumer {to_consumer * 1000:.0f} ms,"
          f" in all {whole * 1000:.0f} ms")
PY
