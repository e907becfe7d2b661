#!/usr/bin/env bash
# Credence consent-outage check: a revocation made while the way from consent-service to scoring is
# broken must still stop disclosures within about a second (docs/scoring.md, "Fail closed while the
# consent state is stale").
#
#   bench/consent-outage-bench.sh     # against the running dev stack, after bench/score-bench.sh has seeded
#
# For each of K [5] bench persons (bench-0191.., away from score-bench's revocation persons 1..20):
#   1. the person grants demo-lender an ACCOUNT_REVIEW consent; wait until the score is 200;
#   2. freeze the Kafka broker (SIGSTOP: it holds its connections and answers nothing, like a broker
#      behind a dead network);
#   3. the person revokes the consent: consent-service commits and answers, but its event cannot leave;
#   4. poll POST /v1/scores for that person back to back (one curl each, new TLS connection) until
#      the first answer that is not 200: ms from the revoke call returning, which answer, and how many
#      scores were still released after the revocation returned;
#   5. keep the broker frozen until FREEZE [6] s have passed since step 2, then resume it (SIGCONT)
#      and measure ms until a control person's score (bench-0190, consent kept) is 200 again, and
#      check the revoked person then gets 403 consent-required.
# Run it once as is and once with scoring started with CREDENCE_SCORING_CONSENT_STATE_ENFORCE=false to
# see the difference (LABEL names the run in the output). Appends to docs/benchmarks.md unless NO_DOC=1.
#
# Needs: the dev stack up (./credence up) and seeded (bench/score-bench.sh once), curl, jq, pgrep.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work/consent-outage" outage.log
K=${K:-5} FREEZE=${FREEZE:-6} NO_DOC=${NO_DOC:-0} LABEL=${LABEL:-enforced}
FIRST=191 CONTROL=190

source "$BENCH/outage-lib.sh"
for c in curl jq pgrep; do command -v "$c" >/dev/null || die "missing $c"; done
[[ -f "$STATE/secrets.env" ]] || die "no dev stack state in $STATE (run ./credence up)"

score_body() { jq -cn --arg id "$1" '{subject: {identifierType: "NATIONAL_ID", identifier: $id}, purpose: "ACCOUNT_REVIEW"}'; }
# score STATUS and problem type (or "-") of one ACCOUNT_REVIEW score request
score() {
  local out
  out=$(curl -s --max-time 10 --cacert "$CA" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -w '\n%{http_code}' -d "$(score_body "$2")" "$SCORING/v1/scores") || out=$'\n000'
  printf '%s %s\n' "${out##*$'\n'}" "$(jq -r '.type // "-"' <<<"${out%$'\n'*}" 2>/dev/null | sed 's|.*/problems/||')"
}

# grant_usable USER_INDEX LENDER_TOKEN -> consent id, once a score for the person is 200
grant_usable() {
  local t r cid cid_old t0
  t=$(token_person "$(uname4 "$1")")
  r=$(call GET "$CONSENT/v1/consents?status=ACTIVE" "$t")
  for cid_old in $(jq -r '.[] | select(.direction == "DISCLOSE" and .purpose == "ACCOUNT_REVIEW" and .granteeId == "demo-lender") | .id' <<<"${r#* }"); do
    call POST "$CONSENT/v1/consents/$cid_old/revoke" "$t" '{}' >/dev/null
  done
  r=$(call POST "$CONSENT/v1/consents" "$t" \
    '{"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"ACCOUNT_REVIEW","categories":["TRADELINE","PAYMENT"]}')
  [[ ${r%% *} == 201 ]] || die "granting ACCOUNT_REVIEW for $(uname4 "$1"): $r"
  cid=$(jq -r .id <<<"${r#* }")
  t0=$(ms)
  until [[ $(score "$2" "$(national_id "$1")") == 200* ]]; do
    (($(ms) - t0 < 30000)) || die "$(uname4 "$1"): no score 30 s after the grant"
  done
  echo "$cid"
}

lender=$(token_cc demo-lender "$LENDER_SECRET")
STARTED=$(date -u +'%Y-%m-%d %H:%M UTC')
say "consent-outage run ($LABEL) $STARTED: K=$K, broker pid $BROKER frozen for $FREEZE s each time"
grant_usable "$CONTROL" "$lender" >/dev/null
: >"$WORK/$LABEL-refusal-ms.txt"; : >"$WORK/$LABEL-released.txt"; : >"$WORK/$LABEL-recovery-ms.txt"
ROWS=""
for ((k = 0; k < K; k++)); do
  i=$((FIRST + k)) nid=$(national_id $((FIRST + k)))
  cid=$(grant_usable "$i" "$lender")
  t=$(token_person "$(uname4 "$i")")
  sleep 1
  revoke_while_frozen "$cid" "$t" '200*' score "$lender" "$nid"
  released=$passed
  until [[ $(score "$lender" "$(national_id $CONTROL)") == 200* ]]; do
    (($(ms) - t_cont < 60000)) || die "control person: no score 60 s after the broker resumed"
  done
  recovery_ms=$(($(ms) - t_cont))
  after=$(score "$lender" "$nid")
  t0=$(ms)
  until [[ $after == "403 consent-required" ]]; do # the revocation's own event, now delivered
    (($(ms) - t0 < 30000)) || die "$nid: still '$after' 30 s after the broker resumed"
    after=$(score "$lender" "$nid")
  done
  say "  $(uname4 "$i"): revoke took $((t_rev - t_freeze)) ms; first refusal after $refused_ms ms ($answer), $released scores released after the revoke returned; broker back -> control scored after $recovery_ms ms; revoked person: $after"
  [[ $refused_ms == ">"* ]] || echo "$refused_ms" >>"$WORK/$LABEL-refusal-ms.txt"
  echo "$released" >>"$WORK/$LABEL-released.txt"
  echo "$recovery_ms" >>"$WORK/$LABEL-recovery-ms.txt"
  ROWS+="| $(uname4 "$i") | $refused_ms | ${answer/ /, } | $released | $recovery_ms |"$'\n'
done

SUMMARY="$(printf '**%s** (%s): broker frozen %s s per sample; K=%s.\n\n| person | revoke returned → first refusal (ms) | refusal | scores released after the revoke returned | broker resumed → control person scored (ms) |\n|---|---|---|---|---|\n%s' \
  "$LABEL" "$STARTED" "$FREEZE" "$K" "$ROWS")"
printf '\n%s\n' "$SUMMARY" | tee -a "$LOG"
if [[ $NO_DOC != 1 ]]; then
  printf '\n%s\n' "$SUMMARY" >>"$ROOT/docs/benchmarks.md"
  say "appended to docs/benchmarks.md"
fi
