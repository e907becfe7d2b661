#!/usr/bin/env bash
# Where PostgreSQL's CPU goes under score load: each PostgreSQL process's CPU (user and system,
# from /proc) over a window of POST /v1/scores load, grouped by what pg_stat_activity says the
# backend is (database, application name, backend type), and, when pg_stat_statements is loaded,
# the statements that took the most time in the same window, with how often each was planned.
# Found the release insert being parsed and planned on every execution (docs/benchmarks.md, "The
# release insert kept prepared").
#
#   bench/pg-backends.sh            # RATE [352 req/s, paced; 0 = unpaced] CLIENTS [16] DURATION [30 s]
#
# One subject (the first bench person) and purpose CREDIT_APPLICATION for every request, as
# bench/paced-timeline.sh. Prints a report; writes nothing to docs/. Needs: ./credence up with the
# bench persons seeded (bench/score-bench.sh ran once), h2load (apt-get install nghttp2-client),
# python3, and to be run as a user that may read PostgreSQL's /proc entries (root here).
# pg_stat_statements is optional; to load it for a measurement (and put it back afterwards):
#   psql -U postgres -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
#   pg_ctlcluster 15 main restart
#   psql -U postgres -c "alter system set pg_stat_statements.track_planning = on" -c "select pg_reload_conf()"
#   psql -U postgres -d credence_scoring -c "create extension if not exists pg_stat_statements"
#   ... and afterwards: drop extension, alter system reset both settings, restart.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" pg-backends.log
RATE=${RATE:-352} CLIENTS=${CLIENTS:-16} DURATION=${DURATION:-30}
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
command -v h2load >/dev/null || { say "needs h2load (apt-get install nghttp2-client)"; exit 1; }
if ((RATE > 0)); then
  ((RATE % CLIENTS == 0)) || { say "RATE must be a multiple of CLIENTS (h2load paces per client)"; exit 1; }
  PACING=(--rps=$((RATE / CLIENTS)))
else
  PACING=()
fi
pg() { psql -h 127.0.0.1 -U postgres -AtF'|' "$@"; }
statements=0
if [[ $(pg -d credence_scoring -c "select count(*) from pg_extension where extname = 'pg_stat_statements'") == 1 ]] &&
  pg -d credence_scoring -c "select pg_stat_statements_reset()" >/dev/null 2>>"$LOG"; then
  statements=1
fi

printf '{"subject":{"identifierType":"NATIONAL_ID","identifier":"BENCH-0001"},"purpose":"CREDIT_APPLICATION"}' \
  >"$WORK/pg-backends-body.json"
snapshot() { # pid utime stime of every PostgreSQL process
  for pid in $(pgrep -x postgres); do
    awk -v p="$pid" '{print p, $14, $15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}
say "score load: ${RATE} req/s (0 = unpaced), $CLIENTS clients, $DURATION s measured after 5 s, $(date -u +%FT%TZ)"
h2load --h1 -c"$CLIENTS" -m1 "${PACING[@]}" -D $((DURATION + 5)) \
  -d "$WORK/pg-backends-body.json" -H 'content-type: application/json' \
  -H "authorization: Bearer $(token_cc demo-lender "$LENDER_SECRET")" \
  "$SCORING/v1/scores" >"$WORK/pg-backends-h2load.txt" 2>&1 &
LOAD=$!
sleep 5
pg -c "select pid, coalesce(datname, '-'), coalesce(nullif(application_name, ''), '-'), backend_type
  from pg_stat_activity" >"$WORK/pg-backends-activity.txt"
[[ $statements == 1 ]] && pg -d credence_scoring -c "select pg_stat_statements_reset()" >/dev/null
snapshot >"$WORK/pg-backends-before.txt"
sleep "$DURATION"
snapshot >"$WORK/pg-backends-after.txt"
wait "$LOAD" || true
grep -E '^finished|^requests:' "$WORK/pg-backends-h2load.txt" | tee -a "$LOG"

python3 - "$WORK" "$DURATION" "$(getconf CLK_TCK)" <<'PY' | tee -a "$LOG"
import collections, sys
work, seconds, hz = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def load(name):
    rows = {}
    for line in open(f"{work}/pg-backends-{name}.txt"):
        pid, user, system = line.split()
        rows[pid] = (int(user), int(system))
    return rows
before, after = load("before"), load("after")
what = {}
for line in open(f"{work}/pg-backends-activity.txt"):
    fields = line.rstrip("\n").split("|")
    if len(fields) == 4:
        what[fields[0]] = f"{fields[1]} · {fields[2]} · {fields[3]}"
user, system = collections.Counter(), collections.Counter()
for pid, (u, s) in after.items():
    if pid in before:
        key = what.get(pid, "(not in pg_stat_activity: postmaster, or a backend that came later)")
        user[key] += u - before[pid][0]
        system[key] += s - before[pid][1]
pct = lambda ticks: 100 * ticks / hz / seconds
print("PostgreSQL CPU by backend (% of one core; user + system):")
for key in sorted(user, key=lambda k: -(user[k] + system[k])):
    if user[key] + system[key]:
        print(f"  {pct(user[key] + system[key]):5.1f}%  ({pct(user[key]):4.1f} + {pct(system[key]):4.1f})  {key}")
print(f"  {pct(sum(user.values()) + sum(system.values())):5.1f}%  all")
PY
if [[ $statements == 1 ]]; then
  say "statements by time (pg_stat_statements, every database, the same window):"
  psql -h 127.0.0.1 -U postgres -d credence_scoring -P pager=off -c "
    select d.datname as database, calls, rows, plans,
      round(total_plan_time::numeric, 0) as plan_ms, round(total_exec_time::numeric, 0) as exec_ms,
      round(((total_plan_time + total_exec_time) / greatest(calls, 1))::numeric, 3) as ms_per_call,
      left(regexp_replace(query, '\s+', ' ', 'g'), 70) as statement
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    order by total_plan_time + total_exec_time desc limit 12" | tee -a "$LOG"
else
  say "(pg_stat_statements is not loaded: no statement list; see the comment at the top)"
fi
