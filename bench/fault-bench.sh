#!/usr/bin/env bash
# Credence fault-injection check: "nothing lost, nothing counted twice" (the brief's quality bar).
#
#   bench/fault-bench.sh      # against the running dev stack, after bench/score-bench.sh has seeded
#
# For DURATION [120] seconds it runs three loads at once against the dev stack:
#   - records: batches of BATCH [20] new tradelines for the seeded bench persons (POST /v1/records);
#   - consents: TENANT_SCREENING consents granted to demo-lender by bench persons, half revoked;
#   - scores: paced CREDIT_APPLICATION score requests (wrk, -c4), each one a disclosure;
# and injects three faults (while a supervisor restarts any service whose liveness check stays DOWN,
# as Kubernetes does): at 20 s scoring-service is killed (kill -9, its consumers die mid-stream)
# and started again; at 45 s scoring's database alone refuses connections for DB_CUT [15] seconds
# and its sessions are ended (a failover of one service's database: ingestion and consent-service
# keep producing, so scoring's consumers meet the outage with events in hand and must wait, not
# skip them); at 70 s the Kafka broker is killed (kill -9) and started again; at 95 s PostgreSQL
# is stopped for PG_DOWN [15] seconds and started again (every service loses every connection, and
# none gets a new one while it is down; PG_DOWN=0 restarts it at once). Then it waits until every outbox
# is drained and the projections stop changing, and compares, by id:
#   - every record ingestion stored in the run  == scoring's record projection (none lost, none extra);
#   - every record ingestion answered ACCEPTED is stored;
#   - every consent of the run: consent-service's status and sequence == scoring's consent projection;
#   - every disclosure scoring stored in the run == consent-service's access log (one entry each);
# repeating the comparison until all agree or CONVERGE [300] s have passed, and appends the result to
# docs/benchmarks.md (NO_DOC=1 to skip). VERIFY_CHAIN=1 also verifies the access log's hash chain
# (slow on a large log). Exit 1 when anything still differs.
#
# Needs: the dev stack up (./credence up) and seeded (bench/score-bench.sh once), curl, jq, psql,
# wrk, pg_ctlcluster (Debian's PostgreSQL), root (to restart PostgreSQL).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work/fault" fault.log
DURATION=${DURATION:-120} BATCH=${BATCH:-20} PERSONS=${PERSONS:-200} NO_DOC=${NO_DOC:-0}
PG_CLUSTER=${PG_CLUSTER:-15 main} PG_DOWN=${PG_DOWN:-15} DB_CUT=${DB_CUT:-15}
RUN=$(date -u +%Y%m%d%H%M%S)

say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
die() { say "ERROR: $*"; exit 1; }
now() { date +%s; }
psql_at() { psql -h 127.0.0.1 -U postgres -d "$1" -AtX -F, -c "$2"; }
# never leave scoring's database refusing connections, whatever stops the script
trap 'psql_at postgres "alter database credence_scoring allow_connections true" >/dev/null 2>&1 || true' EXIT
for c in curl jq psql wrk pg_ctlcluster; do command -v "$c" >/dev/null || die "missing $c"; done
[[ -f "$STATE/secrets.env" ]] || die "no dev stack state in $STATE (run ./credence up)"
[[ -s "$BENCH/.work/ids.txt" ]] || die "no seeded bench persons (run bench/score-bench.sh once)"


START=$(date -u +%FT%T.%6NZ)
say "fault run $RUN: ${DURATION}s of records, consents and scores; faults at 20 s (scoring), 45 s (scoring's database), 70 s (Kafka), 95 s (PostgreSQL)"

# --- loads ------------------------------------------------------------------------------------
records_load() { # writes every response line (outcome per record) to records.ndjson
  local end=$1 seq=0 tok status body
  tok=$(token_cc demo-furnisher "$FURNISHER_SECRET")
  : >"$WORK/records.ndjson"; : >"$WORK/records-failed.txt"
  while (($(now) < end)); do
    seq=$((seq + 1))
    body=$(jq -cn --arg run "$RUN" --argjson seq "$seq" --argjson n "$BATCH" --argjson persons "$PERSONS" \
      --arg today "$(date -u +%F)" '{records: [range(0; $n) as $k | {
        furnisherRecordId: "fault-\($run)-\($seq)-\($k)", category: "TRADELINE",
        subject: {identifierType: "NATIONAL_ID", identifier: ("BENCH-" + ((($seq * 7 + $k) % $persons + 1) | tostring | ("0000" + .)[-4:]))},
        data: {accountType: "REVOLVING", openedOn: "2023-05-01", creditLimit: 1000, currentBalance: 400,
               accountStatus: "11", reportedOn: $today}}]}')
    status=$(curl -s -o "$WORK/resp.json" -w '%{http_code}' --max-time 15 -H "Authorization: Bearer $tok" \
      -H 'Content-Type: application/json' --data-binary "$body" "$INGEST/v1/records" || echo 000)
    if [[ $status == 200 ]]; then
      jq -c '.results[]' "$WORK/resp.json" >>"$WORK/records.ndjson"
    else
      echo "$seq $status" >>"$WORK/records-failed.txt"
      sleep 0.5
    fi
  done
}

consents_load() { # grants (and revokes half of) TENANT_SCREENING consents; ids in consents.txt
  local end=$1 i=0 p t r id code
  declare -A tok
  : >"$WORK/consents.txt"; : >"$WORK/consents-failed.txt"
  for p in $(seq 1 20); do tok[$p]=$(token_person "$(printf 'bench-%04d' "$p")"); done
  while (($(now) < end)); do
    i=$((i + 1)); p=$((i % 20 + 1)); t=${tok[$p]}
    r=$(curl -s -w '\n%{http_code}' --max-time 15 -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
      -d '{"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"TENANT_SCREENING","categories":["TRADELINE"]}' \
      "$CONSENT/v1/consents" || printf '\n000')
    code=${r##*$'\n'}
    if [[ $code != 201 ]]; then echo "grant $code" >>"$WORK/consents-failed.txt"; sleep 0.5; continue; fi
    id=$(jq -r .id <<<"${r%$'\n'*}")
    echo "$id" >>"$WORK/consents.txt"
    if ((i % 2 == 0)); then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 -H "Authorization: Bearer $t" \
        -H 'Content-Type: application/json' -d '{}' "$CONSENT/v1/consents/$id/revoke" || echo 000)
      [[ $code == 200 || $code == 204 ]] || echo "revoke $code" >>"$WORK/consents-failed.txt"
    fi
  done
}

scores_load() { # ~40 req/s of CREDIT_APPLICATION scores; wrk output in wrk.txt
  local tok
  tok=$(token_cc demo-lender "$LENDER_SECRET")
  TOKEN="$tok" IDS_FILE="$BENCH/.work/ids.txt" PURPOSE=CREDIT_APPLICATION DELAY_MS=100 \
    wrk -t1 -c4 -d"${DURATION}s" --timeout 10s -s "$BENCH/score.lua" "$SCORING/v1/scores" >"$WORK/wrk.txt" 2>&1 || true
}

# --- faults -------------------------------------------------------------------------------------
java_pid() { pgrep -f "$1" | head -n 1; }
restart_stack() { # ./credence up starts whatever is not running, from the jars as built
  local t0; t0=$(now)
  CREDENCE_NO_BUILD=1 "$ROOT/credence" up >>"$WORK/credence-up.log" 2>&1 || say "WARNING: ./credence up failed (see $WORK/credence-up.log)"
  say "  back up after $(($(now) - t0)) s"
}
faults() {
  local t0=$1 pid
  sleep $((t0 + 20 - $(now)))
  pid=$(java_pid scoring-service/target) || true
  say "fault 1 at $(($(now) - t0)) s: kill -9 scoring-service (pid ${pid:-none})"
  echo "$(($(now) - t0))" >"$WORK/fault-times.txt"
  [[ -n ${pid:-} ]] && kill -9 "$pid"
  restart_stack
  # before the broker is killed: afterwards the consumers take up to a session timeout to rejoin
  # their group, and one that is not consuming cannot meet the outage
  sleep $((t0 + 45 - $(now) > 0 ? t0 + 45 - $(now) : 0)) # later if the restart took longer
  say "fault 2 at $(($(now) - t0)) s: scoring's database refuses connections for $DB_CUT s"
  echo "$(($(now) - t0))" >>"$WORK/fault-times.txt"
  psql_at postgres "alter database credence_scoring allow_connections false" >/dev/null
  psql_at postgres "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = 'credence_scoring'" >/dev/null
  sleep "$DB_CUT"
  psql_at postgres "alter database credence_scoring allow_connections true" >/dev/null
  say "  scoring's database back"
  sleep $((t0 + 70 - $(now) > 0 ? t0 + 70 - $(now) : 0))
  pid=$(pgrep -f 'kafka.Kafka' | head -n 1) || true
  say "fault 3 at $(($(now) - t0)) s: kill -9 the Kafka broker (pid ${pid:-none})"
  echo "$(($(now) - t0))" >>"$WORK/fault-times.txt"
  [[ -n ${pid:-} ]] && kill -9 "$pid"
  sleep 2
  restart_stack
  sleep $((t0 + 95 - $(now) > 0 ? t0 + 95 - $(now) : 0))
  say "fault 4 at $(($(now) - t0)) s: stop PostgreSQL ($PG_CLUSTER) for $PG_DOWN s"
  echo "$(($(now) - t0))" >>"$WORK/fault-times.txt"
  if ((PG_DOWN > 0)); then
    pg_ctlcluster $PG_CLUSTER stop
    sleep "$PG_DOWN"
    pg_ctlcluster $PG_CLUSTER start
  else
    pg_ctlcluster $PG_CLUSTER restart
  fi
  say "  PostgreSQL back"
}

# messages in the dead-letter topic (its end offsets summed over partitions)
KAFKA_LIBS="${CREDENCE_CACHE_DIR:-$HOME/.cache/credence}/kafka-4.1.2/libs"
dlq_count() {
  timeout 60 java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.GetOffsetShell \
    --bootstrap-server 127.0.0.1:9092 --topic credence.dead-letter.v1 2>/dev/null |
    awk -F: '{n += $3} END {printf "%d", n}' || echo "?"
}

# credence_consumer_retries_total of one service (since its last start), all consumers summed
retries_of() {
  curl -sf --max-time 5 "http://127.0.0.1:$1/q/metrics" |
    awk '/^credence_consumer_retries_total/ {n += $NF} END {printf "%d", n}' || echo "?"
}

# What Kubernetes does (k8s/base: liveness /q/health/live every 10 s, restart after 3 failures): a
# service whose liveness check answers DOWN three times in a row is killed and started again. The
# consumers wait out a database outage in place (ConsumerRetry), so a run should need no restart;
# the supervisor is there for what else would stop a channel, and the report lists its restarts.
supervise() {
  local svc port code
  declare -A down=()
  : >"$WORK/restarts.txt"
  while [[ ! -f $WORK/stop-supervisor ]]; do
    for svc in consent:8081 ingestion:8082 scoring:8080; do
      port=${svc#*:} svc=${svc%%:*}
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/q/health/live" || echo 000)
      if [[ $code == 503 ]]; then down[$svc]=$((${down[$svc]:-0} + 1)); else down[$svc]=0; fi
      if ((${down[$svc]} >= 3)); then
        say "liveness: $svc-service DOWN 3 times in a row: restarting it (as the kubelet would)"
        echo "$svc $(($(now) - T0))" >>"$WORK/restarts.txt"
        pkill -9 -f "$svc-service/target" || true
        restart_stack
        down[$svc]=0
      fi
    done
    sleep 10
  done
}

DLQ_BEFORE=$(dlq_count)
T0=$(now)
END=$((T0 + DURATION))
rm -f "$WORK/stop-supervisor"
supervise &
SUP=$!
records_load "$END" &
RP=$!
consents_load "$END" &
CP=$!
scores_load &
SP=$!
faults "$T0"
wait "$RP" "$CP" "$SP" || true
say "loads done at $(($(now) - T0)) s"

# --- converge and compare ---------------------------------------------------------------------
# Not "quiet for a while": a consumer whose broker was killed can sit idle for its session timeout
# before it rejoins. The check repeats until every comparison agrees or CONVERGE [300] s have passed,
# and reports how long that took.
compare() {
  psql_at credence_ingestion "select id from furnished_record where furnisher_record_id like 'fault-$RUN-%'" | sort >"$WORK/ingested.txt"
  psql_at credence_scoring "select record_id from subject_record where furnisher_record_id like 'fault-$RUN-%'" | sort >"$WORK/projected.txt"
  jq -r 'select(.outcome == "ACCEPTED") | .recordId' "$WORK/records.ndjson" | sort >"$WORK/accepted.txt"
  REC_STORED=$(wc -l <"$WORK/ingested.txt")
  REC_ACCEPTED=$(wc -l <"$WORK/accepted.txt")
  REC_LOST=$(comm -23 "$WORK/ingested.txt" "$WORK/projected.txt" | wc -l)
  REC_EXTRA=$(comm -13 "$WORK/ingested.txt" "$WORK/projected.txt" | wc -l)
  REC_DUP=$(uniq -d "$WORK/projected.txt" | wc -l)
  ACC_MISSING=$(comm -23 "$WORK/accepted.txt" "$WORK/ingested.txt" | wc -l)
  local ids
  ids=$(paste -sd, <(sed "s/.*/'&'/" "$WORK/consents.txt"))
  [[ -n $ids ]] || ids="'00000000-0000-0000-0000-000000000000'"
  psql_at credence_consent "select id, status, sequence from consent where id in ($ids) order by 1" >"$WORK/consent-truth.txt"
  psql_at credence_scoring "select consent_id, status, sequence from consent_view where consent_id in ($ids) order by 1" >"$WORK/consent-projection.txt"
  CON_N=$(wc -l <"$WORK/consent-truth.txt")
  CON_REVOKED=$(grep -c ',REVOKED,' "$WORK/consent-truth.txt" || true)
  CON_DIFF=$(diff "$WORK/consent-truth.txt" "$WORK/consent-projection.txt" | grep -c '^[<>]' || true)
  psql_at credence_scoring "select id from disclosure where computed_at >= '$START'" | sort >"$WORK/disclosed.txt"
  psql_at credence_consent "select disclosure_id from access_log_entry where disclosed_at >= '$START'" | sort >"$WORK/logged.txt"
  DIS_N=$(wc -l <"$WORK/disclosed.txt")
  DIS_LOST=$(comm -23 "$WORK/disclosed.txt" "$WORK/logged.txt" | wc -l)
  DIS_EXTRA=$(comm -13 "$WORK/disclosed.txt" "$WORK/logged.txt" | wc -l)
  DIFFS=$((REC_LOST + REC_EXTRA + REC_DUP + ACC_MISSING + CON_DIFF + DIS_LOST + DIS_EXTRA))
}
LOADS_DONE=$(now)
deadline=$((LOADS_DONE + ${CONVERGE:-300}))
while :; do
  if compare 2>>"$LOG" && ((DIFFS == 0)); then break; fi
  if (($(now) >= deadline)); then say "WARNING: still differing ${CONVERGE:-300} s after the loads"; break; fi
  sleep 2
done
CONVERGED=$(($(now) - LOADS_DONE))
RETRIES_SCORING=$(retries_of 8080) RETRIES_CONSENT=$(retries_of 8081) RETRIES_INGESTION=$(retries_of 8082)
DLQ_TOTAL=$(dlq_count)
DLQ_RUN=$((DLQ_TOTAL - DLQ_BEFORE))
touch "$WORK/stop-supervisor"
wait "$SUP" 2>/dev/null || true
RESTARTS=$(awk '{printf "%s%s-service at %d s", (NR > 1 ? ", " : ""), $1, $2} END {if (!NR) printf "none"}' "$WORK/restarts.txt")
REC_FAILED=$(wc -l <"$WORK/records-failed.txt")
CON_FAILED=$(wc -l <"$WORK/consents-failed.txt")
OK=$DIFFS
say "compared ${CONVERGED} s after the loads ended: $DIFFS differences"
# the hash chain over the whole access log (minutes once the score bench has filled it): opt-in
CHAIN="not run (VERIFY_CHAIN=1 runs it)"
if [[ ${VERIFY_CHAIN:-0} == 1 ]]; then
  CHAIN=$(curl -sf --max-time 900 -H "Authorization: Bearer $(token_cc demo-auditor "$AUDITOR_SECRET")" \
    "$CONSENT/v1/access-log/verify" | jq -c . || echo "failed")
fi
WRK_LINE=$(grep -E '^STATUS|Requests/sec' "$WORK/wrk.txt" | tr '\n' ' ')

verdict() { [[ $1 == 0 ]] && echo "MET" || echo "MISSED"; }
mapfile -t FT <"$WORK/fault-times.txt"
REPORT=$(cat <<EOF

### Fault run $(date -u '+%Y-%m-%d %H:%M') UTC (\`bench/fault-bench.sh\`, DURATION=${DURATION}s)

Faults: scoring-service killed (kill -9) at ${FT[0]:-?} s, scoring's database refusing connections for
${DB_CUT} s at ${FT[1]:-?} s, the Kafka broker killed (kill -9) at ${FT[2]:-?} s, PostgreSQL stopped for ${PG_DOWN} s at
${FT[3]:-?} s (each planned for 20, 45, 70 and 95 s, later when bringing the previous one back took
longer); each brought back at once. Events retried in place by the consumers
(\`credence_consumer_retries_total\`, since each service's last start): scoring $RETRIES_SCORING,
consent-service $RETRIES_CONSENT, ingestion $RETRIES_INGESTION; in the dead-letter topic:
$DLQ_TOTAL in all, $DLQ_RUN of them written during this run. Restarts by the liveness supervisor (as the kubelet
would): $RESTARTS. Requests refused or failed while a fault lasted:
$REC_FAILED record batches, $CON_FAILED consent calls (the clients did not retry; what they were told
failed is not expected anywhere).

| check | count | differences | verdict |
|---|---|---|---|
| records stored by ingestion → scoring's record projection (by record id) | $REC_STORED stored, $REC_ACCEPTED answered ACCEPTED | lost $REC_LOST, extra $REC_EXTRA, twice $REC_DUP; ACCEPTED but not stored $ACC_MISSING | $(verdict $((REC_LOST + REC_EXTRA + REC_DUP + ACC_MISSING))) |
| consents of the run: consent-service status and sequence → scoring's consent projection | $CON_N ($CON_REVOKED revoked) | $CON_DIFF differing lines | $(verdict "$CON_DIFF") |
| disclosures stored by scoring → consent-service's access log (by disclosure id) | $DIS_N | lost $DIS_LOST, extra $DIS_EXTRA | $(verdict $((DIS_LOST + DIS_EXTRA))) |

Everything agreed ${CONVERGED} s after the loads ended (the check repeats every 2 s; the consumers
whose broker was killed rejoin their group only after it notices them gone). Score load (wrk -c4,
paced; connection errors while scoring was down): $WRK_LINE. Access-log chain check after the run:
\`$CHAIN\`.
EOF
)
say "$REPORT"
if [[ $NO_DOC != 1 ]]; then
  printf '%s\n' "$REPORT" >>"$ROOT/docs/benchmarks.md"
  say "added to docs/benchmarks.md"
fi
((OK == 0)) || exit 1
