#!/usr/bin/env bash
# Account review: how long POST /v1/scores:batch takes for a full batch, against the running dev
# stack. Grants (once, idempotently) an ACCOUNT_REVIEW consent to demo-lender for the first ITEMS
# bench persons, then sends REPEAT batches of those ITEMS persons one after the other (each item is
# released: a disclosure and a soft inquiry each) and prints the latency percentiles and the items
# released per second. Nothing is written to docs/.
#
#   bench/batch-bench.sh           # ITEMS [100, the batch limit], REPEAT [50], WARMUP [20 batches]
#
# Needs: ./credence up and the bench persons seeded (bench/score-bench.sh ran once), curl, jq.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" batch.log
ITEMS=${ITEMS:-100} REPEAT=${REPEAT:-50} WARMUP=${WARMUP:-20}
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }

for ((i = 1; i <= ITEMS; i++)); do
  t=$(token_person "$(printf 'bench-%04d' "$i")") || { say "no token for bench-$i (seed first)"; exit 1; }
  active=$(call GET "$CONSENT/v1/consents?status=ACTIVE" "$t")
  if ! jq -e 'any(.[]; .direction == "DISCLOSE" and .purpose == "ACCOUNT_REVIEW" and .granteeId == "demo-lender")' \
    <<<"${active#* }" >/dev/null; then
    r=$(call POST "$CONSENT/v1/consents" "$t" \
      '{"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"ACCOUNT_REVIEW","categories":["TRADELINE","PAYMENT"]}')
    [[ ${r%% *} == 201 ]] || { say "granting ACCOUNT_REVIEW for bench-$i: $r"; exit 1; }
  fi
done
body=$(for ((i = 1; i <= ITEMS; i++)); do printf 'BENCH-%04d\n' "$i"; done |
  jq -R '{reference: ., subject: {identifierType: "NATIONAL_ID", identifier: .}}' | jq -cs '{items: .}')
lender=$(token_cc demo-lender "$LENDER_SECRET")
batch() { # -> "ms released"
  curl -sf --max-time 60 --cacert "$CA" -H "Authorization: Bearer $lender" \
    -H 'Content-Type: application/json' -d "$body" -o "$WORK/batch.json" \
    -w '%{time_total}' "$SCORING/v1/scores:batch" | awk '{printf "%d", $1 * 1000}'
  printf ' %s\n' "$(jq '.scored + .noScore' "$WORK/batch.json")"
}
# the consents granted above reach scoring through Kafka: wait until every item is released
for ((t = 0; t < 60; t++)); do
  read -r _ released < <(batch)
  ((released == ITEMS)) && break
  sleep 1
done
((released == ITEMS)) || { say "only $released of $ITEMS items released"; exit 1; }
for ((i = 0; i < WARMUP; i++)); do batch >/dev/null; done
: >"$WORK/batch-ms.txt"
t0=$(date +%s%N)
for ((i = 0; i < REPEAT; i++)); do
  read -r took released < <(batch)
  ((released == ITEMS)) || say "WARNING: a batch released $released of $ITEMS"
  echo "$took" >>"$WORK/batch-ms.txt"
done
secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {print (b - a) / 1e9}')
sort -n "$WORK/batch-ms.txt" | awk -v n="$REPEAT" -v items="$ITEMS" -v s="$secs" \
  '{a[NR] = $1} END {printf "batch of %d items, %d batches in a row: p50 %d ms, p90 %d ms, max %d ms; %.0f items released/s\n",
    items, n, a[int(n * 0.5 + 0.5)], a[int(n * 0.9 + 0.5)], a[n], n * items / s}' | tee -a "$LOG"
