#!/usr/bin/env bash
# Credence score-path benchmark: one command, repeatable, against the running dev stack.
#
#   bench/score-bench.sh            # seed (idempotent), baseline, full path, half load, revocation,
#                                   # record-to-score; prints results, adds them to docs/benchmarks.md
#
# Env knobs (defaults in brackets): N [200] persons, K [20] revocation samples, R [20, at most K] record-to-score
# samples, DURATION [20s], WARMUP [30s: the least warm-up of each measured endpoint; each is then
# warmed on in 10 s windows until the last three windows are within STEADY_PCT [10] % of each
# other, or WARMUP_MAX [240s] is reached: a fresh scoring JVM needs 80 s to minutes of full load to
# settle, and a fixed 30 s measured it at half its steady throughput], FULL_WARMUP [90s: the score
# path's least warm-up], THREADS [2], CONNS [64], PURPOSE [CREDIT_APPLICATION],
# SKIP_SEED [0], NO_DOC [0] (do not append to docs/benchmarks.md).
# REVOCATION_ONLY [0]: only the revocation and record-to-score phase, printed, not appended.
# LOAD_DELAY_MS [unset]: run that phase under a paced background score load (wrk -c8, this mean pause
# per connection between requests, CREDIT_APPLICATION over the N persons), and report its answers.
#
# Needs: the dev stack up (./credence up), bash, curl, jq, openssl, java, wrk (apt-get install -y wrk).
# Note: every CREDIT_APPLICATION score is a HARD inquiry on that bench person's file (the benchmark
# adds tens of thousands of them to bench-0001..N; they feed the hard_inquiries_12m feature).
# Revocation and record-to-score use ACCOUNT_REVIEW (soft inquiries).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" bench.log

N=${N:-200} K=${K:-20} R=${R:-20}
DURATION=${DURATION:-20s} WARMUP=${WARMUP:-30s} THREADS=${THREADS:-2} CONNS=${CONNS:-64}
FULL_WARMUP=${FULL_WARMUP:-90s} # the score path's least warm-up (its JIT takes minutes to settle)
WARMUP_MAX=${WARMUP_MAX:-240s} STEADY_PCT=${STEADY_PCT:-10}
PURPOSE=${PURPOSE:-CREDIT_APPLICATION} SKIP_SEED=${SKIP_SEED:-0} NO_DOC=${NO_DOC:-0}
REVOCATION_ONLY=${REVOCATION_ONLY:-0} LOAD_DELAY_MS=${LOAD_DELAY_MS:-}
BASE_HTTP=8099 BASE_HTTPS=8098

say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
die() { say "ERROR: $*"; exit 1; }
ms() { echo $(($(date +%s%N) / 1000000)); }
for c in curl jq openssl java wrk; do command -v "$c" >/dev/null || die "missing $c (wrk: apt-get install -y wrk)"; done
[[ -f "$STATE/secrets.env" ]] || die "no dev stack state in $STATE (run ./credence up)"
KC_ADMIN_PASSWORD=$(grep '^KC_ADMIN_PASSWORD=' "$STATE/secrets.env" | cut -d= -f2-)

uname4() { printf 'bench-%04d' "$1"; }
subject_uuid() { printf 'be0c0000-0000-4000-8000-%012d' "$1"; }
national_id() { printf 'BENCH-%04d' "$1"; }

admin_token() {
  curl -sf --max-time 10 -d grant_type=password -d client_id=admin-cli -d username=admin \
    -d "password=$KC_ADMIN_PASSWORD" "$KC/realms/master/protocol/openid-connect/token" | jq -er .access_token
}
score_body() { jq -cn --arg id "$1" --arg p "$2" '{subject: {identifierType: "NATIONAL_ID", identifier: $id}, purpose: $p}'; }
# score_code TOKEN IDENTIFIER PURPOSE -> HTTP status only (fast path for polling)
score_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$CA" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' -d "$(score_body "$2" "$3")" "$SCORING/v1/scores" || echo 000
}
pct() { # pct P < numbers (one a line) -> nearest-rank percentile
  sort -n | awk -v p="$1" '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit} i=int((p/100)*NR+0.999999); if (i<1) i=1; if (i>NR) i=NR; print a[i]}'
}

# ---------------------------------------------------------------------------------------------------
# 1. seed

seed_users() {
  local admin role existing i name uid body code loc
  admin=$(admin_token) || die "no Keycloak admin token (master realm, admin-cli)"
  role=$(curl -sf -H "Authorization: Bearer $admin" "$KC/admin/realms/credence/roles/individual") ||
    die "realm role individual not found"
  existing=$(curl -sf -H "Authorization: Bearer $admin" \
    "$KC/admin/realms/credence/roles/individual/users?first=0&max=100000&briefRepresentation=true" | jq -r '.[].username')
  local created=0 fetched=$SECONDS
  for ((i = 1; i <= N; i++)); do
    name=$(uname4 "$i")
    grep -qx "$name" <<<"$existing" && continue
    # master admin tokens live 60 s, and seeding a user can take seconds on a busy machine
    if ((SECONDS - fetched > 20)); then admin=$(admin_token) && fetched=$SECONDS; fi
    body=$(jq -cn --arg u "$name" --arg s "$(subject_uuid "$i")" --arg p "$BENCH_PASSWORD" '{
      username: $u, enabled: true, emailVerified: true, firstName: "Bench", lastName: $u,
      email: ($u + "@bench.credence.local"), attributes: {subject_id: [$s]}, requiredActions: [],
      credentials: [{type: "password", value: $p, temporary: false, userLabel: "LOCAL BENCHMARK ONLY"}]}')
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "$body" "$KC/admin/realms/credence/users")
    [[ $code == 201 || $code == 409 ]] || die "creating Keycloak user $name: HTTP $code"
    uid=$(curl -sf -H "Authorization: Bearer $admin" \
      "$KC/admin/realms/credence/users?username=$name&exact=true" | jq -er '.[0].id')
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "[$role]" "$KC/admin/realms/credence/users/$uid/role-mappings/realm")
    [[ $code == 204 ]] || die "granting realm role individual to $name: HTTP $code"
    created=$((created + 1))
  done
  say "keycloak: $created bench users created, $((N - created)) already there"
}

ensure_consent() { # TOKEN GRANTEE DIRECTION PURPOSE ACTIVE_LIST_JSON
  if jq -e --arg g "$2" --arg d "$3" --arg p "$4" \
    'any(.[]; .status == "ACTIVE" and .granteeId == $g and .direction == $d and .purpose == $p)' <<<"$5" >/dev/null; then
    return 0
  fi
  local r
  r=$(call POST "$CONSENT/v1/consents" "$1" "$(jq -cn --arg g "$2" --arg d "$3" --arg p "$4" \
    '{granteeId: $g, direction: $d, purpose: $p, categories: ["TRADELINE", "PAYMENT"]}')")
  [[ ${r%% *} == 201 ]] || { echo "consent $3/$4: $r"; return 1; }
}

records_json() { # INDEX CARD_BALANCE
  local nid; nid=$(national_id "$1")
  jq -cn --arg nid "$nid" --arg p "$(uname4 "$1")" --arg today "$(date -u +%F)" --argjson bal "$2" '{records: [
    {furnisherRecordId: ($p + "-card-1"), category: "TRADELINE",
     subject: {identifierType: "NATIONAL_ID", identifier: $nid},
     data: {accountType: "REVOLVING", openedOn: "2018-04-01", creditLimit: 6000, currentBalance: $bal,
            accountStatus: "11", paymentHistoryProfile: "000000000000000000000000", reportedOn: $today}},
    {furnisherRecordId: ($p + "-loan-1"), category: "TRADELINE",
     subject: {identifierType: "NATIONAL_ID", identifier: $nid},
     data: {accountType: "INSTALLMENT", openedOn: "2021-09-15", originalAmount: 12000, currentBalance: 7000,
            accountStatus: "11", paymentHistoryProfile: "000000000000000000000000", reportedOn: $today}}]}'
}

seed_person() { # INDEX FURNISHER_TOKEN
  local i=$1 t r active deadline
  [[ -f $WORK/seeded/$i ]] && return 0 # seeded by an earlier run (rm -r bench/.work/seeded to redo)
  t=$(token_person "$(uname4 "$i")") || { echo "person $i: no token"; return 1; }
  r=$(call PUT "$CONSENT/v1/subjects/me" "$t" "$(jq -cn --arg n "$(national_id "$i")" '{nationalId: $n}')")
  [[ ${r%% *} == 200 || ${r%% *} == 201 ]] || { echo "person $i enrol: $r"; return 1; }
  r=$(call GET "$CONSENT/v1/consents?status=ACTIVE" "$t")
  [[ ${r%% *} == 200 ]] || { echo "person $i consents: $r"; return 1; }
  active=${r#* }
  ensure_consent "$t" demo-furnisher COLLECT FURNISHING "$active" || return 1
  ensure_consent "$t" demo-lender DISCLOSE CREDIT_APPLICATION "$active" || return 1
  deadline=$(($(date +%s) + 60))
  while true; do
    r=$(call POST "$INGEST/v1/records" "$2" "$(records_json "$i" $((1000 + i)))")
    [[ ${r%% *} == 200 ]] || { echo "person $i records: $r"; return 1; }
    # seeded on an earlier day (reportedOn differs): the record is there already; ingestion now takes
    # the newer reportedOn as a correction (SUPERSEDED) and an older one as STALE_VERSION
    if jq -e 'all(.results[]; .outcome == "ACCEPTED" or .outcome == "DUPLICATE" or .outcome == "SUPERSEDED" or .reason.code == "STALE_VERSION" or .reason.code == "RECORD_ID_REUSED")' \
      <<<"${r#* }" >/dev/null; then
      touch "$WORK/seeded/$i"
      return 0
    fi
    (($(date +%s) < deadline)) || { echo "person $i records rejected: $r"; return 1; }
    sleep 1 # the COLLECT consent reaches ingestion asynchronously
  done
}
export -f seed_person token_person call ensure_consent records_json uname4 national_id
export TOKEN_URL CONSENT INGEST CA LOG BENCH_PASSWORD WORK

seed() {
  local t0 furnisher fails
  t0=$(ms)
  seed_users
  furnisher=$(token_cc demo-furnisher "$FURNISHER_SECRET") || die "no demo-furnisher token"
  fails="$WORK/seed-failures.txt"
  mkdir -p "$WORK/seeded"
  seq 1 "$N" | xargs -P 4 -I{} bash -c 'seed_person "$1" "$2" || true' _ {} "$furnisher" >"$fails" 2>&1
  [[ -s $fails ]] && { cat "$fails" >&2; die "seeding failed for some persons (see above)"; }
  say "seeded $N persons (enrolment, COLLECT + DISCLOSE consents, 2 tradelines each) in $(($(ms) - t0)) ms"
}

wait_scoreable() { # the last consent/record events reach scoring through Kafka
  local t i code deadline=$(($(date +%s) + 90))
  t=$(token_cc demo-lender "$LENDER_SECRET")
  for i in 1 "$N"; do
    while code=$(score_code "$t" "$(national_id "$i")" CREDIT_APPLICATION) && [[ $code != 200 ]]; do
      (($(date +%s) < deadline)) || die "person $i still not scoreable (HTTP $code); if the stack was reset: rm -r $WORK/seeded"
      sleep 1
    done
  done
}

# ---------------------------------------------------------------------------------------------------
# 2. baseline

BASE_PID=
stop_baseline() {
  if [[ -n $BASE_PID ]]; then kill "$BASE_PID" 2>/dev/null || true; wait "$BASE_PID" 2>/dev/null || true; fi
  BASE_PID=
}
trap stop_baseline EXIT

start_baseline() {
  local jar="$BENCH/baseline/target/quarkus-app/quarkus-run.jar" i
  if [[ ! -f $jar || -n $(find "$BENCH/baseline/src" "$BENCH/baseline/pom.xml" -newer "$jar" 2>/dev/null) ]]; then
    say "building the baseline app (bench/baseline)"
    "$ROOT/mvnw" -B -q -f "$BENCH/baseline/pom.xml" package -DskipTests >>"$LOG" 2>&1 || die "baseline build failed (see $LOG)"
  fi
  if [[ ! -f $WORK/baseline.p12 ]]; then # throwaway self-signed RSA 2048 in PKCS#12, like scoring's dev keystore
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
      -keyout "$WORK/baseline-key.pem" -out "$WORK/baseline-cert.pem" >>"$LOG" 2>&1
    openssl pkcs12 -export -in "$WORK/baseline-cert.pem" -inkey "$WORK/baseline-key.pem" -out "$WORK/baseline.p12" \
      -passout pass:bench-local-only >>"$LOG" 2>&1
  fi
  # same heap cap as the services (the launcher runs them with -Xmx384m)
  java -Xmx384m -Dquarkus.tls.key-store.p12.path="$WORK/baseline.p12" \
    -Dquarkus.tls.key-store.p12.password=bench-local-only -jar "$jar" >>"$WORK/baseline.log" 2>&1 &
  BASE_PID=$!
  for ((i = 0; i < 60; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$BASE_HTTP/hello" && curl -skf -o /dev/null "https://127.0.0.1:$BASE_HTTPS/hello" &&
      return 0
    sleep 0.5
  done
  die "baseline app did not start (see $WORK/baseline.log)"
}

# run_wrk, field, warm_up, check_clean: bench/lib.sh

# ---------------------------------------------------------------------------------------------------
# 5. revocation -> refusal, record -> score

revocation_and_freshness() {
  local lender i j t nid r cid code t_rev t_first_ok t_now grant_ms hash0 hash1 t_post n
  : >"$WORK/revocation-ms.txt"; : >"$WORK/grant-ms.txt"; : >"$WORK/record-ms.txt"; : >"$WORK/polls.txt"
  : >"$WORK/refused-503.txt"
  lender=$(token_cc demo-lender "$LENDER_SECRET")
  for ((i = 1; i <= K; i++)); do
    nid=$(national_id "$i")
    t=$(token_person "$(uname4 "$i")")
    # leftovers of an interrupted run: revoke any ACTIVE ACCOUNT_REVIEW disclosure to demo-lender
    r=$(call GET "$CONSENT/v1/consents?status=ACTIVE" "$t")
    for cid in $(jq -r '.[] | select(.direction == "DISCLOSE" and .purpose == "ACCOUNT_REVIEW" and .granteeId == "demo-lender") | .id' <<<"${r#* }"); do
      call POST "$CONSENT/v1/consents/$cid/revoke" "$t" '{}' >/dev/null
    done
    # grant a fresh ACCOUNT_REVIEW consent and wait until it is usable
    t_now=$(ms)
    r=$(call POST "$CONSENT/v1/consents" "$t" \
      '{"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"ACCOUNT_REVIEW","categories":["TRADELINE","PAYMENT"]}')
    [[ ${r%% *} == 201 ]] || die "granting ACCOUNT_REVIEW for $nid: $r"
    cid=$(jq -r .id <<<"${r#* }")
    t_rev=$(ms)
    while code=$(score_code "$lender" "$nid" ACCOUNT_REVIEW) && [[ $code != 200 ]]; do
      (($(ms) - t_rev < 30000)) || die "$nid: ACCOUNT_REVIEW score still HTTP $code 30 s after the grant"
    done
    grant_ms=$(($(ms) - t_rev)); echo "$grant_ms" >>"$WORK/grant-ms.txt"

    # record -> score, for the first R persons (before the revocation, while the consent is usable)
    if ((i <= R)); then
      r=$(curl -s --max-time 10 --cacert "$CA" -H "Authorization: Bearer $lender" -H 'Content-Type: application/json' \
        -d "$(score_body "$nid" ACCOUNT_REVIEW)" "$SCORING/v1/scores")
      hash0=$(jq -r .snapshotHash <<<"$r")
      local furnisher; furnisher=$(token_cc demo-furnisher "$FURNISHER_SECRET")
      # a NEW revolving tradeline (a new furnisherRecordId, not a correction of an existing one);
      # it changes revolving_utilisation and open_accounts. Each run adds one record to these R files.
      r=$(call POST "$INGEST/v1/records" "$furnisher" "$(jq -cn --arg nid "$nid" --arg id "$(uname4 "$i")-extra-$(date +%s%N)" \
        --arg today "$(date -u +%F)" '{records: [{furnisherRecordId: $id, category: "TRADELINE",
          subject: {identifierType: "NATIONAL_ID", identifier: $nid},
          data: {accountType: "REVOLVING", openedOn: "2024-01-10", creditLimit: 2000, currentBalance: 1500,
                 accountStatus: "11", reportedOn: $today}}]}')")
      t_post=$(ms)
      jq -e '.results[0].outcome == "ACCEPTED"' <<<"${r#* }" >/dev/null || die "$nid: changed record not accepted: $r"
      hash1=$hash0; n=0
      while [[ $hash1 == "$hash0" ]]; do
        (($(ms) - t_post < 30000)) || die "$nid: snapshotHash unchanged 30 s after the new record"
        hash1=$(curl -s --max-time 10 --cacert "$CA" -H "Authorization: Bearer $lender" -H 'Content-Type: application/json' \
          -d "$(score_body "$nid" ACCOUNT_REVIEW)" "$SCORING/v1/scores" | jq -r '.snapshotHash // empty')
        [[ -n $hash1 ]] || hash1=$hash0; n=$((n + 1))
      done
      echo "$(($(ms) - t_post))" >>"$WORK/record-ms.txt"
    fi

    # revoke, then poll until the score request is refused
    r=$(call POST "$CONSENT/v1/consents/$cid/revoke" "$t" '{}')
    t_rev=$(ms)
    [[ ${r%% *} == 200 || ${r%% *} == 204 ]] || die "revoking $cid: $r"
    n=0
    while code=$(score_code "$lender" "$nid" ACCOUNT_REVIEW) && [[ $code != 403 ]]; do
      # 503: the consent state was not proven fresh (nothing released); keep polling for the 403
      [[ $code == 503 ]] && { echo "$nid" >>"$WORK/refused-503.txt"; continue; }
      [[ $code == 200 ]] || die "$nid: unexpected HTTP $code while waiting for the refusal"
      (($(ms) - t_rev < 30000)) || die "$nid: still 200 30 s after revocation"
      n=$((n + 1))
    done
    echo "$(($(ms) - t_rev))" >>"$WORK/revocation-ms.txt"
    echo "$n" >>"$WORK/polls.txt"
  done
}

summary_of() { # FILE -> "n=.. p50=.. p95=.. p99=.. max=.."
  printf 'n=%s p50=%s p95=%s p99=%s max=%s' "$(wc -l <"$1")" "$(pct 50 <"$1")" "$(pct 95 <"$1")" \
    "$(pct 99 <"$1")" "$(pct 100 <"$1")"
}

# ---------------------------------------------------------------------------------------------------
# main

cd "$ROOT"
STARTED=$(date -u +'%Y-%m-%d %H:%M UTC')
[[ $SKIP_SEED == 1 ]] || seed
wait_scoreable
seq 1 "$N" | while read -r i; do national_id "$i"; echo; done >"$WORK/ids.txt"

revocation_phase() {
  local bg_pid=""
  say "revocation -> refusal ($K persons) and record -> score ($R persons), ACCOUNT_REVIEW (soft)${LOAD_DELAY_MS:+, under a background load (-c8, mean pause $LOAD_DELAY_MS ms)}"
  if [[ -n $LOAD_DELAY_MS ]]; then
    env TOKEN="$(token_cc demo-lender "$LENDER_SECRET")" IDS_FILE="$WORK/ids.txt" PURPOSE=CREDIT_APPLICATION \
      DELAY_MS="$LOAD_DELAY_MS" wrk -t1 -c8 -d280s --latency -s "$BENCH/score.lua" "$SCORING/v1/scores" \
      >"$WORK/wrk-background.txt" 2>&1 &
    bg_pid=$!
    sleep 5
  fi
  revocation_and_freshness
  if [[ -n $bg_pid ]]; then
    kill -INT "$bg_pid" 2>/dev/null || true
    wait "$bg_pid" 2>/dev/null || true
    BACKGROUND=$(grep -E '^(RESULT|STATUS)' "$WORK/wrk-background.txt" | tr '\n' ' ')
    say "background load: $BACKGROUND"
  fi
}
if [[ $REVOCATION_ONLY == 1 ]]; then
  revocation_phase
  say "revocation -> refusal (ms): $(summary_of "$WORK/revocation-ms.txt")"
  say "record -> score (ms): $(summary_of "$WORK/record-ms.txt")"
  say "grant -> first score (ms): $(summary_of "$WORK/grant-ms.txt")"
  say "503 consent-state-unavailable while polling for a refusal: $(wc -l <"$WORK/refused-503.txt")"
  exit 0
fi

# This machine's PostgreSQL runs with autovacuum=off (`show autovacuum`), so insert-heavy tables
# (every score adds a disclosure, an inquiry and an outbox row) never get their visibility map set
# and index-only scans turn into heap fetches that slow every later run; nor are they re-analysed
# as they grow, so on a fresh database the planner keeps the statistics of a near-empty table and
# plans the inquiry -> disclosure foreign-key check as a sequential scan: every insert then reads
# the whole disclosure table (measured 2026-11-29: the group-commit insert at 150-500 ms instead
# of ~7 ms, throughput falling run after run). Production PostgreSQL (CloudNativePG, k8s/)
# vacuums and analyses on its own; do here what autovacuum would have done, before the runs and
# again after the warm-up (the tables grow by tens of thousands of rows in it).
#
# The statistics still go stale *during* a run: the inquiry table grows ~20-fold in a full run, the
# generic plan of the hard-inquiry count (estimated at ~9 rows a subject) became a bitmap scan that
# reads every one of a bench person's ~1,700 hard inquiries, and the relay's scan of the unpublished
# outbox rows walked tens of thousands of dead index entries (measured 2026-11-29: 584-700 req/s
# before a `vacuum analyze`, 840-950 after). So when autovacuum is off, the bench also turns it on
# for its own duration (ALTER SYSTEM + reload; autovacuum is a reload-time setting, with
# PostgreSQL's default naptime and thresholds) and resets it on exit, whatever the exit.
autovacuum_for_run # bench/lib.sh
if ((AUTOVACUUM_OFF)); then trap 'stop_baseline; restore_autovacuum' EXIT; fi
autovacuum_by_hand 'vacuum analyze'

start_baseline
say "baseline: warm-up at least $WARMUP until steady, then $DURATION (-t$THREADS -c$CONNS)"
warm_up base-http "$WARMUP" "$BENCH/status.lua" "http://127.0.0.1:$BASE_HTTP/hello"
B_HTTP=$(run_wrk base-http "$DURATION" "$CONNS" "$BENCH/status.lua" "http://127.0.0.1:$BASE_HTTP/hello")
check_clean "baseline http" "$B_HTTP"
warm_up base-https "$WARMUP" "$BENCH/status.lua" "https://127.0.0.1:$BASE_HTTPS/hello"
cpu_ticks "baseline=$BASE_PID" >"$WORK/cpu-base-https-0.txt"
B_HTTPS=$(run_wrk base-https "$DURATION" "$CONNS" "$BENCH/status.lua" "https://127.0.0.1:$BASE_HTTPS/hello")
cpu_ticks "baseline=$BASE_PID" >"$WORK/cpu-base-https-1.txt"
CPU_BASE=$(cpu_per_request "$WORK/cpu-base-https-0.txt" "$WORK/cpu-base-https-1.txt" "$(field "$B_HTTPS" requests)")
check_clean "baseline https" "$B_HTTPS"
stop_baseline
say "baseline http : $B_HTTP"
say "baseline https: $B_HTTPS"

say "full path: POST $SCORING/v1/scores ($PURPOSE), $N subjects, warm-up at least $FULL_WARMUP until steady, then $DURATION"
TOKEN=$(token_cc demo-lender "$LENDER_SECRET") # tokens live 300 s: WARMUP_MAX must stay below
warm_up full "$FULL_WARMUP" "$BENCH/score.lua" "$SCORING/v1/scores" \
  TOKEN="$TOKEN" IDS_FILE="$WORK/ids.txt" PURPOSE="$PURPOSE"
autovacuum_by_hand analyze
TOKEN=$(token_cc demo-lender "$LENDER_SECRET") # fresh: tokens live 300 s
read -ra PARTS <<<"$(stack_parts)"
cpu_ticks "${PARTS[@]}" >"$WORK/cpu-full-0.txt"
FULL=$(run_wrk full "$DURATION" "$CONNS" "$BENCH/score.lua" "$SCORING/v1/scores" \
  TOKEN="$TOKEN" IDS_FILE="$WORK/ids.txt" PURPOSE="$PURPOSE")
cpu_ticks "${PARTS[@]}" >"$WORK/cpu-full-1.txt"
CPU_FULL=$(cpu_per_request "$WORK/cpu-full-0.txt" "$WORK/cpu-full-1.txt" "$(field "$FULL" requests)")
check_clean "full path" "$FULL"
say "full path     : $FULL"
say "full path CPU per request: $CPU_FULL"

# the reference between the two: the same HTTPS server, the same lender token and token check, and
# one indexed PostgreSQL read (GET /v1/disclosures/{id} of a disclosure just released), no write.
# It shows what one database round trip per request costs on these cores, before any of the score's
# own work: the goal's 40% cannot be reached by a design that is slower than this.
TOKEN=$(token_cc demo-lender "$LENDER_SECRET")
READ_ID=$(curl -sf --cacert "$CA" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"$(head -1 "$WORK/ids.txt")\"},\"purpose\":\"$PURPOSE\"}" \
  "$SCORING/v1/scores" | jq -er .disclosureId) || die "no disclosure to read for the one-read reference"
say "one-read reference: GET $SCORING/v1/disclosures/{id}, warm-up at least $WARMUP until steady, then $DURATION"
warm_up read "$WARMUP" "$BENCH/status.lua" "$SCORING/v1/disclosures/$READ_ID" TOKEN="$TOKEN"
TOKEN=$(token_cc demo-lender "$LENDER_SECRET")
cpu_ticks "${PARTS[@]}" >"$WORK/cpu-read-0.txt"
READ=$(run_wrk read "$DURATION" "$CONNS" "$BENCH/status.lua" "$SCORING/v1/disclosures/$READ_ID" TOKEN="$TOKEN")
cpu_ticks "${PARTS[@]}" >"$WORK/cpu-read-1.txt"
CPU_READ=$(cpu_per_request "$WORK/cpu-read-0.txt" "$WORK/cpu-read-1.txt" "$(field "$READ" requests)")
check_clean "one-read reference" "$READ"
say "one read      : $READ"

# approximate fixed rate at half the full-path throughput (wrk2 is not packaged here): wrk's delay()
# hook pauses each of HALF_CONNS connections so that the offered rate is ~ target; calibrated twice.
FULL_RPS=$(field "$FULL" rps)
TARGET=$(awk -v r="$FULL_RPS" 'BEGIN {printf "%.0f", r / 2}')
HALF_CONNS=${HALF_CONNS:-16}
DELAY=$(awk -v c="$HALF_CONNS" -v t="$TARGET" 'BEGIN {d = c * 1000 / t; printf "%.0f", d}')
# two 8 s calibration passes: the service time grows with the rate, so one correction from a
# first pass at a lower rate undershoots (2026-11-29 10:45: 454 req/s for a 502 target)
for pass in 1 2; do
  TOKEN=$(token_cc demo-lender "$LENDER_SECRET")
  CAL=$(run_wrk "half-cal-$pass" 8s "$HALF_CONNS" "$BENCH/score.lua" "$SCORING/v1/scores" \
    TOKEN="$TOKEN" IDS_FILE="$WORK/ids.txt" PURPOSE="$PURPOSE" DELAY_MS="$DELAY")
  # cycle per connection = delay + service time; correct the delay by the measured service time
  DELAY=$(awk -v c="$HALF_CONNS" -v t="$TARGET" -v r="$(field "$CAL" rps)" -v d="$DELAY" \
    'BEGIN {svc = c * 1000 / r - d; if (svc < 0) svc = 0; nd = c * 1000 / t - svc; if (nd < 1) nd = 1; printf "%.0f", nd}')
  say "half-load calibration $pass: $(field "$CAL" rps) req/s; mean delay now $DELAY ms"
done
TOKEN=$(token_cc demo-lender "$LENDER_SECRET")
HALF=$(run_wrk half "$DURATION" "$HALF_CONNS" "$BENCH/score.lua" "$SCORING/v1/scores" \
  TOKEN="$TOKEN" IDS_FILE="$WORK/ids.txt" PURPOSE="$PURPOSE" DELAY_MS="$DELAY")
check_clean "half load" "$HALF"
say "half load     : target ${TARGET} req/s, -c$HALF_CONNS, mean delay ${DELAY} ms: $HALF"

revocation_phase
REV=$(summary_of "$WORK/revocation-ms.txt")
GRANT=$(summary_of "$WORK/grant-ms.txt")
REC=$(summary_of "$WORK/record-ms.txt")
POLL_MS=$(awk '{s+=$1} END {if (NR) printf "%.1f", s/NR; else print "n/a"}' "$WORK/polls.txt")

B_RPS=$(field "$B_HTTP" rps) BS_RPS=$(field "$B_HTTPS" rps)
RATIO_HTTP=$(awk -v a="$FULL_RPS" -v b="$B_RPS" 'BEGIN {printf "%.1f", 100 * a / b}')
RATIO_HTTPS=$(awk -v a="$FULL_RPS" -v b="$BS_RPS" 'BEGIN {if (b > 0) printf "%.1f", 100 * a / b; else print "n/a"}')
RATIO_READ=$(awk -v a="$(field "$READ" rps)" -v b="$BS_RPS" 'BEGIN {if (b > 0) printf "%.1f", 100 * a / b; else print "n/a"}')
RATIO_FULL_READ=$(awk -v a="$FULL_RPS" -v b="$(field "$READ" rps)" 'BEGIN {if (b > 0) printf "%.1f", 100 * a / b; else print "n/a"}')
NCORES=$(nproc)
# the goal's CPU budget per score: the machine's busy CPU during the full-path run, spread over
# 40% of the HTTPS baseline's requests per second
FULL_MS=$(awk '{print $2}' <<<"$CPU_FULL")
BUDGET_MS=$(awk -v m="$FULL_MS" -v f="$FULL_RPS" -v b="$BS_RPS" 'BEGIN {if (b > 0) printf "%.3f", m * f / (0.4 * b); else print "n/a"}')
verdict() { if awk -v x="$1" -v l="$2" "BEGIN {exit !(x $3 l)}"; then echo MET; else echo MISSED; fi; }
HALF_P99=$(field "$HALF" p99_ms)
REV_P99=$(pct 99 <"$WORK/revocation-ms.txt")
REC_P99=$(pct 99 <"$WORK/record-ms.txt")

# the non-200 answers of the score-path runs, by status and problem type (bench/score.lua)
NON200_KINDS=$(for run in full half; do
  k=$(grep -o 'non200_kinds=\[[^]]*\]' "$WORK/wrk-$run.txt" 2>/dev/null | head -1 | sed 's/^non200_kinds=\[//; s/\]$//')
  if [[ -n $k ]]; then printf '%s: %s; ' "$run" "${k//,/, }"; fi
done | sed 's/; $//')

REPORT=$(cat <<EOF
### Run $STARTED

Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; wrk, PostgreSQL, Kafka, Keycloak and the three services all on these cores.
Settings: N=$N subjects, wrk -t$THREADS -c$CONNS -d$DURATION after a warm-up of at least $WARMUP ($FULL_WARMUP for the score path) continued in 10 s windows until the last three were within $STEADY_PCT% of each other (at most $WARMUP_MAX), purpose $PURPOSE, K=$K, R=$R.
Warm-up: baseline HTTP $WARMED_base_http; baseline HTTPS $WARMED_base_https; full path $WARMED_full; one-read reference $WARMED_read.

| measurement | req/s | p50 ms | p90 ms | p99 ms | max ms | non-200 / socket errors (incl. 2 s timeouts) |
|---|---|---|---|---|---|---|
| baseline GET /hello, HTTP | $B_RPS | $(field "$B_HTTP" p50_ms) | $(field "$B_HTTP" p90_ms) | $(field "$B_HTTP" p99_ms) | $(field "$B_HTTP" max_ms) | $(field "$B_HTTP" non200) / $(field "$B_HTTP" socket_errors) |
| baseline GET /hello, HTTPS | $BS_RPS | $(field "$B_HTTPS" p50_ms) | $(field "$B_HTTPS" p90_ms) | $(field "$B_HTTPS" p99_ms) | $(field "$B_HTTPS" max_ms) | $(field "$B_HTTPS" non200) / $(field "$B_HTTPS" socket_errors) |
| full path POST /v1/scores, HTTPS | $FULL_RPS | $(field "$FULL" p50_ms) | $(field "$FULL" p90_ms) | $(field "$FULL" p99_ms) | $(field "$FULL" max_ms) | $(field "$FULL" non200) / $(field "$FULL" socket_errors) |
| reference: GET /v1/disclosures/{id}, HTTPS (token check + one indexed read, no write) | $(field "$READ" rps) | $(field "$READ" p50_ms) | $(field "$READ" p90_ms) | $(field "$READ" p99_ms) | $(field "$READ" max_ms) | $(field "$READ" non200) / $(field "$READ" socket_errors) |
| full path at ~half load (target $TARGET req/s, -c$HALF_CONNS, paced) | $(field "$HALF" rps) | $(field "$HALF" p50_ms) | $(field "$HALF" p90_ms) | $HALF_P99 | $(field "$HALF" max_ms) | $(field "$HALF" non200) / $(field "$HALF" socket_errors) |

| goal | measured | verdict |
|---|---|---|
| full path ≥ 40% of bare Quarkus JSON | ${RATIO_HTTPS}% of the HTTPS baseline (${RATIO_HTTP}% of HTTP) | $(verdict "$RATIO_HTTPS" 40 '>=') (HTTPS) / $(verdict "$RATIO_HTTP" 40 '>=') (HTTP) |
| p99 < 50 ms at half load | $HALF_P99 ms at $(field "$HALF" rps) req/s | $(verdict "$HALF_P99" 50 '<') |
| revocation → next disclosure refused, p99 < 1 s | ms from revoke returning to first 403: $REV | $(verdict "$REV_P99" 1000 '<') |
| record → next score, p99 < 2 s | ms from the ingestion POST returning to a changed snapshotHash: $REC | $(verdict "$REC_P99" 2000 '<') |

The one-read reference made ${RATIO_READ}% of the HTTPS baseline's req/s; the full path made ${RATIO_FULL_READ}% of the reference's.

CPU per request (ms of CPU over each measured run, from /proc; the machine's ${NCORES} cores give ${NCORES} ms of CPU per ms; "other" is wrk and the rest): baseline HTTPS: $CPU_BASE. Full path: $CPU_FULL. One-read reference: $CPU_READ. At 40% of the baseline's rate, with the machine as busy as in the full-path run, a score could spend ${BUDGET_MS} ms of CPU in all; the full path spent ${FULL_MS} ms.

${NON200_KINDS:+Responses other than 200 by status and problem type: $NON200_KINDS.
}Grant → first successful score (ms): $GRANT. Polls per revocation before the 403 (mean): $POLL_MS.
${BACKGROUND:+The revocation and record-to-score phase ran under a background score load (wrk -c8, mean pause $LOAD_DELAY_MS ms): $BACKGROUND}
EOF
)
printf '\n%s\n' "$REPORT"
if [[ $NO_DOC != 1 ]]; then
  # the score path's results go at the end of its own section, before the ingestion section
  REPORT="$REPORT" python3 - "$ROOT/docs/benchmarks.md" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
marker = "\n## Ingestion:"
at = text.find(marker)
block = "\n" + os.environ["REPORT"].strip("\n") + "\n"
text = text.rstrip("\n") + "\n" + block if at < 0 else text[:at].rstrip("\n") + "\n" + block + text[at:]
open(path, "w").write(text)
PY
  say "added to docs/benchmarks.md (end of the score-path results)"
fi
