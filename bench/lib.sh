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

# The load runs, shared by bench/score-bench.sh and bench/write-floor.sh. They need $WORK, $LOG,
# $THREADS, $CONNS, $WARMUP_MAX, $STEADY_PCT and the caller's say/die.
# run_wrk LABEL DURATION CONNS SCRIPT URL [env...] -> prints the RESULT/STATUS lines, keeps full output
run_wrk() {
  local label=$1 d=$2 c=$3 script=$4 url=$5 out; shift 5
  out="$WORK/wrk-$label.txt"
  env "$@" wrk -t"$THREADS" -c"$c" -d"$d" --latency -s "$script" "$url" >"$out" 2>&1 || true
  cat "$out" >>"$LOG"
  grep -E '^(RESULT|STATUS)' "$out" || { cat "$out" >&2; die "wrk run $label failed"; }
}
field() { grep -o "$2=[^ ]*" <<<"$1" | head -1 | cut -d= -f2; } # field TEXT NAME
# warm_up LABEL LEAST SCRIPT URL [env...]: runs the load in 10 s windows for at least LEAST, then on
# until the last three windows are within STEADY_PCT % of each other (highest against lowest), or
# WARMUP_MAX is reached; leaves "LABEL: N s (req/s per window: ...)" in WARMED_<LABEL> for the
# report. A fixed warm-up measured a freshly started scoring JVM at half its steady throughput
# (docs/benchmarks.md, "The bench warms until steady"); two windows in a row proved too weak a test
# on a slower machine, where a JVM still compiling made 167, 236, 243 req/s and then 1,900
# ("Three windows, and a longer least warm-up for the score path").
warm_up() {
  local label=$1 least=${2%s} script=$3 url=$4 elapsed=0 rps windows=() steady=no
  shift 4
  while ((elapsed < ${WARMUP_MAX%s})); do
    rps=$(field "$(run_wrk "$label-warm" 10s "$CONNS" "$script" "$url" "$@")" rps)
    elapsed=$((elapsed + 10))
    windows+=("${rps%.*}")
    if ((elapsed >= least && ${#windows[@]} >= 3)) && printf '%s\n' "${windows[@]: -3}" |
      awk -v p="$STEADY_PCT" 'NR == 1 {lo = hi = $1} {if ($1 < lo) lo = $1; if ($1 > hi) hi = $1}
        END {exit !(lo > 0 && 100 * (hi - lo) / lo < p)}'; then
      steady=yes
      break
    fi
  done
  local summary="${elapsed} s ($([[ $steady == yes ]] && echo steady || echo "not steady by WARMUP_MAX"); req/s per 10 s window: ${windows[*]})"
  printf -v "WARMED_${label//-/_}" '%s' "$summary"
  say "warm-up $label: $summary"
}
check_clean() { # every response 200, no socket errors
  local bad sock
  bad=$(field "$2" non200) sock=$(field "$2" socket_errors)
  [[ $bad == 0 && $sock == 0 ]] || say "WARNING: $1 had non200=$bad socket_errors=$sock ($(grep -o 'first_non200=.*' <<<"$2"))"
}

# CPU per request, from /proc, around a measured run (not a sampling tool: exact tick counts).
# cpu_ticks PARTS...: "NAME TICKS" lines of user + system clock ticks so far: the machine (every
# core's busy time: user, nice, system, irq, softirq, steal), PostgreSQL (every postgres process
# alive at the time; its pooled backends live through a run), and each PART given as NAME=PID: the
# whole process group when PID leads one (./credence starts each component in its own, so
# Keycloak's java under kc.sh counts), else that process alone.
cpu_ticks() {
  awk '/^cpu / {print "machine", $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
  local f line comm rest pid ppid pgrp ut st pg=0 kv
  local -A group=() own=()
  for f in /proc/[0-9]*/stat; do
    line=$(<"$f") || continue
    pid=${line%% *} comm=${line#*(} comm=${comm%)*} rest=${line##*) }
    # after the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
    read -r _ ppid pgrp _ _ _ _ _ _ _ _ ut st _ <<<"$rest"
    [[ $comm == postgres ]] && pg=$((pg + ut + st))
    group[$pgrp]=$((${group[$pgrp]:-0} + ut + st))
    own[$pid]=$((ut + st))
  done 2>/dev/null
  echo "postgresql $pg"
  for kv in "$@"; do
    pid=${kv#*=}
    if [[ -n ${group[$pid]:-} ]]; then echo "${kv%%=*} ${group[$pid]}"; else echo "${kv%%=*} ${own[$pid]:-0}"; fi
  done
}
# cpu_per_request BEFORE AFTER REQUESTS: "machine 0.551 ms (scoring 0.190, postgresql 0.201, ...,
# other 0.090)": ms of CPU per request, each part's and the machine's; "other" is the machine's
# less the parts named (wrk, and anything else that ran).
cpu_per_request() {
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
    NR == FNR {before[$1] = $2; next}
    {d = $2 - before[$1]; if (d < 0) d = 0; ms[$1] = 1000 * d / hz / n; order[++k] = $1}
    END {
      parts = 0; list = ""
      for (i = 1; i <= k; i++) if (order[i] != "machine") {
        list = list sprintf("%s%s %.3f", list == "" ? "" : ", ", order[i], ms[order[i]]); parts += ms[order[i]]
      }
      other = ms["machine"] - parts; if (other < 0) other = 0
      printf "machine %.3f ms (%s, other %.3f)", ms["machine"], list, other
    }' "$1" "$2"
}
# stack_parts: NAME=PID for each process of the dev stack that ./credence started and runs
stack_parts() {
  "$ROOT/credence" status | awk 'NR > 1 && $4 ~ /^[0-9]+$/ {printf "%s=%s ", $1, $4}'
}
