# bench/outage-lib.sh: sourced by bench/consent-outage-bench.sh and bench/collect-outage-bench.sh
# (after lib.sh and bench_work). Logging, bench person names, and the step both share: freeze the
# Kafka broker, revoke a consent, probe until the first answer that is no longer let through.
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
die() { say "ERROR: $*"; resume_broker; exit 1; }
ms() { echo $(($(date +%s%N) / 1000000)); }
uname4() { printf 'bench-%04d' "$1"; }
national_id() { printf 'BENCH-%04d' "$1"; }

BROKER=$(pgrep -f 'kafka.Kafka' | head -n 1) || die "no Kafka broker running"
resume_broker() { kill -CONT "$BROKER" 2>/dev/null || true; }
trap resume_broker EXIT

# revoke_while_frozen CONSENT_ID PERSON_TOKEN PASS_PATTERN PROBE_COMMAND...
# Freezes the broker (SIGSTOP: it holds its connections and answers nothing, like a broker behind a
# dead network), revokes the consent (consent-service commits and answers; its event cannot leave),
# runs PROBE_COMMAND back to back while its output matches PASS_PATTERN, keeps the broker frozen
# until FREEZE s have passed, then resumes it. Sets: passed (probes let through after the revoke
# returned), answer (the first one that was not, or "none while frozen"), refused_ms (ms from the
# revoke returning to that answer, or "> N" when none came), t_freeze, t_rev and t_cont (ms when
# the broker was frozen, the revoke returned, the broker resumed).
revoke_while_frozen() {
  local cid=$1 person=$2 pattern=$3 r
  shift 3
  t_freeze=$(ms)
  kill -STOP "$BROKER"
  r=$(call POST "$CONSENT/v1/consents/$cid/revoke" "$person" '{}')
  t_rev=$(ms)
  [[ ${r%% *} == 200 || ${r%% *} == 204 ]] || die "revoking $cid: $r"
  passed=0 answer=""
  while :; do
    answer=$("$@")
    # shellcheck disable=SC2053 # PASS_PATTERN is a glob
    [[ $answer == $pattern ]] || break
    passed=$((passed + 1))
    (($(ms) - t_freeze < FREEZE * 1000)) || { answer="none while frozen"; break; }
  done
  refused_ms=$(($(ms) - t_rev))
  [[ $answer == "none while frozen" ]] && refused_ms="> $((FREEZE * 1000 - (t_rev - t_freeze)))"
  sleep "$(awk -v r=$((FREEZE * 1000 - ($(ms) - t_freeze))) 'BEGIN {print (r > 0 ? r / 1000 : 0)}')"
  kill -CONT "$BROKER"
  t_cont=$(ms)
}
