#!/usr/bin/env bash
# Credence collect-outage check: a COLLECT revocation made while the way from consent-service to
# ingestion is broken must stop the furnisher's records within ingestion's consent-state max lag
# (5 s; docs/ingestion.md, "Consent state: fail closed while consent-service is not heard").
#
#   bench/collect-outage-bench.sh     # against the running dev stack, after bench/score-bench.sh has seeded
#
# For each of K [3] bench persons (bench-0181.., away from the score and consent-outage benches'):
#   1. the person grants demo-furnisher a COLLECT consent (FURNISHING, TRADELINE and PAYMENT); wait
#      until a new tradeline of theirs is ACCEPTED;
#   2. freeze the Kafka broker (SIGSTOP: it holds its connections and answers nothing);
#   3. the person revokes the consent: consent-service commits and answers, its event cannot leave;
#   4. post a new tradeline (a new furnisherRecordId each time) back to back until the first one
#      that is not ACCEPTED: ms from the revoke call returning, its reason, and how many were
#      accepted after the revocation returned;
#   5. keep the broker frozen until FREEZE [10] s have passed since step 2, resume it (SIGCONT), and
#      check that the person's records are then refused CONSENT_REQUIRED and that every record
#      of the person this bench got accepted has been erased by the revocation (none left ACTIVE).
# Run it once as is and once with ingestion started with CREDENCE_INGESTION_CONSENT_STATE_ENFORCE=false
# to see the difference (LABEL names the run). Appends to docs/benchmarks.md unless NO_DOC=1.
#
# Needs: the dev stack up (./credence up) and seeded (bench/score-bench.sh once), curl, jq, psql, pgrep.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work/collect-outage" outage.log
K=${K:-3} FREEZE=${FREEZE:-10} NO_DOC=${NO_DOC:-0} LABEL=${LABEL:-enforced}
FIRST=181

source "$BENCH/outage-lib.sh"
for c in curl jq psql pgrep; do command -v "$c" >/dev/null || die "missing $c"; done
[[ -f "$STATE/secrets.env" ]] || die "no dev stack state in $STATE (run ./credence up)"

# post_tradeline FURNISHER_TOKEN NATIONAL_ID -> "OUTCOME REASON" of one new tradeline
post_tradeline() {
  local body out
  body=$(jq -cn --arg nid "$2" --arg id "collect-outage-$2-$(date +%s%N)" --arg today "$(date -u +%F)" \
    '{records: [{furnisherRecordId: $id, category: "TRADELINE", subject: {identifierType: "NATIONAL_ID", identifier: $nid},
      data: {accountType: "REVOLVING", openedOn: "2020-01-01", creditLimit: 1000, currentBalance: 100,
             accountStatus: "11", paymentHistoryProfile: "000000000000000000000000", reportedOn: $today}}]}')
  out=$(curl -s --max-time 10 -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$body" \
    "$INGEST/v1/records") || out='{}'
  jq -r '(.results[0].outcome // "ERROR") + " " + (.results[0].reason.code // "-")' <<<"$out"
}

# grant_collect USER_INDEX FURNISHER_TOKEN -> consent id, once a record under it is ACCEPTED
grant_collect() {
  local t r cid old t0
  t=$(token_person "$(uname4 "$1")")
  r=$(call GET "$CONSENT/v1/consents?status=ACTIVE" "$t")
  for old in $(jq -r '.[] | select(.direction == "COLLECT" and .granteeId == "demo-furnisher") | .id' <<<"${r#* }"); do
    call POST "$CONSENT/v1/consents/$old/revoke" "$t" '{}' >/dev/null
  done
  r=$(call POST "$CONSENT/v1/consents" "$t" \
    '{"granteeId":"demo-furnisher","direction":"COLLECT","purpose":"FURNISHING","categories":["TRADELINE","PAYMENT"]}')
  [[ ${r%% *} == 201 ]] || die "granting COLLECT for $(uname4 "$1"): $r"
  cid=$(jq -r .id <<<"${r#* }")
  t0=$(ms)
  until [[ $(post_tradeline "$2" "$(national_id "$1")") == ACCEPTED* ]]; do
    (($(ms) - t0 < 30000)) || die "$(uname4 "$1"): no record accepted 30 s after the grant"
  done
  echo "$cid"
}

active_left() { # NATIONAL_ID -> this bench's records of that person still ACTIVE: the revocation erases them
  psql -h 127.0.0.1 -U postgres -d credence_ingestion -Atc \
    "select count(*) from furnished_record where furnisher_record_id like 'collect-outage-$1-%' and status = 'ACTIVE'"
}

furnisher=$(token_cc demo-furnisher "$FURNISHER_SECRET")
STARTED=$(date -u +'%Y-%m-%d %H:%M UTC')
say "collect-outage run ($LABEL) $STARTED: K=$K, broker pid $BROKER frozen for $FREEZE s each time"
ROWS=""
for ((k = 0; k < K; k++)); do
  i=$((FIRST + k)) nid=$(national_id $((FIRST + k)))
  cid=$(grant_collect "$i" "$furnisher")
  t=$(token_person "$(uname4 "$i")")
  sleep 1
  revoke_while_frozen "$cid" "$t" 'ACCEPTED*' post_tradeline "$furnisher" "$nid"
  accepted=$passed
  after=$(post_tradeline "$furnisher" "$nid")
  until [[ $after == "REJECTED CONSENT_REQUIRED" ]]; do # the revocation's own event, now delivered
    (($(ms) - t_cont < 60000)) || die "$nid: still '$after' 60 s after the broker resumed"
    sleep 0.2
    after=$(post_tradeline "$furnisher" "$nid")
  done
  back_ms=$(($(ms) - t_cont))
  t0=$(ms)
  left=$(active_left "$nid")
  until [[ $left == 0 ]] || (($(ms) - t0 > 10000)); do sleep 0.2; left=$(active_left "$nid"); done
  say "  $(uname4 "$i"): first refusal $refused_ms ms after the revoke returned ($answer); $accepted records accepted after it; broker back -> CONSENT_REQUIRED after $back_ms ms; this person's bench records still active: $left"
  ROWS+="| $(uname4 "$i") | $refused_ms | ${answer/ /, } | $accepted | $back_ms | $left |"$'\n'
done

SUMMARY="$(printf '**%s** (%s): broker frozen %s s per sample; K=%s.\n\n| person | revoke returned → first record refused (ms) | refusal | records accepted after the revoke returned | broker resumed → CONSENT_REQUIRED (ms) | bench records of the person left active |\n|---|---|---|---|---|---|\n%s' \
  "$LABEL" "$STARTED" "$FREEZE" "$K" "$ROWS")"
printf '\n%s\n' "$SUMMARY" | tee -a "$LOG"
if [[ $NO_DOC != 1 ]]; then
  printf '\n%s\n' "$SUMMARY" >>"$ROOT/docs/benchmarks.md"
  say "appended to docs/benchmarks.md"
fi
