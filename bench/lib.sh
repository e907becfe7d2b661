# bench/lib.sh: sourced by bench/score-bench.sh and bench/fault-bench.sh. Where things are, the
# dev stack's endpoints (./credence up) and its local-only demo secrets, and the scripts' logging.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"; bench_work DIR LOGNAME
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
STATE="$ROOT/.credence/dev"
KC=http://127.0.0.1:8180
TOKEN_URL="$KC/realms/credence/protocol/openid-connect/token"
CONSENT=http://127.0.0.1:8081
INGEST=http://127.0.0.1:8082
SCORING=https://127.0.0.1:8443
CA="$STATE/tls/ca.pem"
LENDER_SECRET=local-demo-lender-secret # the launcher's local-only demo secrets
FURNISHER_SECRET=local-demo-furnisher-secret
AUDITOR_SECRET=local-demo-auditor-secret
BENCH_PASSWORD=bench-local-only # local-only password of the bench-NNNN users

# bench_work DIR LOGNAME: the run's work directory and an emptied log in it ($WORK, $LOG)
bench_work() {
  WORK=$1
  mkdir -p "$WORK"
  LOG="$WORK/$2"
  : >"$LOG"
}

# token_cc CLIENT SECRET: a client-credentials access token
token_cc() {
  curl -sf --max-time 10 -d grant_type=client_credentials -d "client_id=$1" -d "client_secret=$2" "$TOKEN_URL" |
    jq -er .access_token
}
# token_person USER: a bench person's access token (password grant, local-only demo client)
token_person() {
  curl -sf --max-time 10 -d grant_type=password -d client_id=credence-cli -d "username=$1" \
    -d "password=$BENCH_PASSWORD" -d scope=openid "$TOKEN_URL" | jq -er .access_token
}
# call METHOD URL TOKEN [JSON] -> prints "STATUS BODY" (body on one line)
call() {
  local args=(-sS -X "$1" -o - -w '\n%{http_code}' --max-time 30 -H 'Accept: application/json')
  [[ -n $3 ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  [[ $2 == https://* ]] && args+=(--cacert "$CA")
  local out
  out=$(curl "${args[@]}" "$2" 2>>"$LOG") || out=$'\n000'
  printf '%s %s\n' "${out##*$'\n'}" "$(tr -d '\n' <<<"${out%$'\n'*}")"
}

# autovacuum_for_run: when this PostgreSQL runs with autovacuum=off (this machine's does), turn it on
# for the script's duration (ALTER SYSTEM + reload; PostgreSQL's default naptime and thresholds),
# as production PostgreSQL runs; the caller resets it on exit with restore_autovacuum (its trap).
# Sets AUTOVACUUM_OFF=1 when it did. Why: bench/score-bench.sh's comment above its call.
# autovacuum_by_hand "vacuum analyze"|analyze: what autovacuum would have done by now, on the
# services' databases (only when it was off).
AUTOVACUUM_OFF=0
autovacuum_for_run() {
  [[ $(psql -h 127.0.0.1 -U postgres -Atc 'show autovacuum' 2>/dev/null) == off ]] || return 0
  AUTOVACUUM_OFF=1
  psql -h 127.0.0.1 -U postgres -qc 'alter system set autovacuum = on' -c 'select pg_reload_conf()' \
    >/dev/null 2>>"$LOG" || { say "ERROR: could not turn autovacuum on for the run"; exit 1; }
  say "autovacuum: on for this run (this PostgreSQL runs with it off; reset on exit)"
}
restore_autovacuum() {
  ((AUTOVACUUM_OFF)) || return 0
  psql -h 127.0.0.1 -U postgres -qc 'alter system reset autovacuum' -c 'select pg_reload_conf()' \
    >/dev/null 2>>"$LOG" || say "WARNING: could not reset autovacuum (psql -U postgres -c 'alter system reset autovacuum')"
}
autovacuum_by_hand() {
  ((AUTOVACUUM_OFF)) || return 0
  for db in credence_scoring credence_consent credence_ingestion; do
    psql -h 127.0.0.1 -U postgres -d "$db" -qc "$1" 2>>"$LOG" || say "WARNING: $1 of $db failed"
  done
  say "$1: the services' databases (this PostgreSQL runs with autovacuum=off)"
}
