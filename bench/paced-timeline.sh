#!/usr/bin/env bash
# Where the half-load tail comes from: POST /v1/scores at a fixed rate, every request's latency
# logged with its start time, next to what each process and autovacuum did in the same seconds.
# bench/score-bench.sh measures the half-load p99 with wrk's delay() (a closed loop, 20 s); this
# script paces with h2load's --rps (each client sends on a timer, catching up after a slow answer)
# for longer, and prints the p99 of every 10 s window, the slow requests per second beside each
# process's CPU, the CPU per request by process, and which tables autovacuum worked on when.
#
#   bench/paced-timeline.sh            # RATE [256 req/s in all] CLIENTS [16] DURATION [60 s]
#
# One subject (the first bench person) and purpose CREDIT_APPLICATION for every request: h2load
# posts one body. Prints a report; writes nothing to docs/. Needs: ./credence up with the bench
# persons seeded (bench/score-bench.sh ran once), h2load (apt-get install nghttp2-client), pidstat
# (sysstat), python3. Like bench/score-bench.sh, it turns autovacuum on for its duration when this
# PostgreSQL runs with it off (AUTOVACUUM=as-is leaves it alone).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_work "$BENCH/.work" timeline.log
RATE=${RATE:-256} CLIENTS=${CLIENTS:-16} DURATION=${DURATION:-60} AUTOVACUUM=${AUTOVACUUM:-on}
say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }
for tool in h2load pidstat python3; do
  command -v "$tool" >/dev/null || { say "needs $tool"; exit 1; }
done
(( RATE % CLIENTS == 0 )) || { say "RATE must be a multiple of CLIENTS (h2load paces per client)"; exit 1; }
if [[ $AUTOVACUUM == on ]]; then
  autovacuum_for_run
  trap restore_autovacuum EXIT
fi

printf '{"subject":{"identifierType":"NATIONAL_ID","identifier":"BENCH-0001"},"purpose":"CREDIT_APPLICATION"}' \
  >"$WORK/timeline-body.json"
"$ROOT/credence" status | awk '$4 ~ /^[0-9]+$/ {print $4, $1}' >"$WORK/timeline-pids.txt"
rm -f "$WORK/timeline-requests.tsv"
SAMPLES=$((DURATION + 5))
(
  for _ in $(seq "$SAMPLES"); do
    printf '%s|%s\n' "$(date -u +%T)" "$(psql -h 127.0.0.1 -U postgres -Atc "select string_agg(datname || ' ' || query, ', ')
      from pg_stat_activity where backend_type = 'autovacuum worker'" 2>>"$LOG")"
    sleep 1
  done >"$WORK/timeline-autovacuum.txt"
) &
LC_ALL=C TZ=UTC pidstat -u 1 "$SAMPLES" >"$WORK/timeline-pidstat.txt" &
say "paced: $RATE req/s ($CLIENTS clients × $((RATE / CLIENTS)) req/s) for $DURATION s, $(date -u +%FT%TZ)"
h2load --h1 -c"$CLIENTS" -m1 --rps=$((RATE / CLIENTS)) -D "$DURATION" --warm-up-time=3 \
  -d "$WORK/timeline-body.json" -H 'content-type: application/json' \
  -H "authorization: Bearer $(token_cc demo-lender "$LENDER_SECRET")" \
  --log-file="$WORK/timeline-requests.tsv" "$SCORING/v1/scores" >"$WORK/timeline-h2load.txt" 2>&1
wait

python3 - "$WORK" "$RATE" <<'PY' | tee -a "$LOG"
import collections, sys, time
work, rate = sys.argv[1], float(sys.argv[2])
rows = []
for line in open(f"{work}/timeline-requests.tsv"):
    f = line.split("\t")
    if len(f) >= 3:
        rows.append((int(f[0]) / 1e6, int(f[1]), int(f[2]) / 1e3))
if not rows:
    sys.exit("no requests logged: see timeline-h2load.txt")
rows.sort()
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]
t0, t1 = rows[0][0], rows[-1][0]
lat = [r[2] for r in rows]
print(f"requests {len(rows)}, {len(rows) / max(t1 - t0, 1e-9):.1f} req/s, non-200 {sum(1 for r in rows if r[1] != 200)};"
      f" p50 {pct(lat, .5):.1f} ms, p90 {pct(lat, .9):.1f} ms, p99 {pct(lat, .99):.1f} ms, max {max(lat):.1f} ms")
print("p99 by 10 s window (ms):", " ".join(
    f"{pct([r[2] for r in rows if w <= r[0] - t0 < w + 10], .99):.0f}"
    for w in range(0, int(t1 - t0) + 1, 10) if any(w <= r[0] - t0 < w + 10 for r in rows)))

names = dict(line.split() for line in open(f"{work}/timeline-pids.txt"))
cpu = collections.defaultdict(collections.Counter)
for line in open(f"{work}/timeline-pidstat.txt"):
    f = line.split()
    if len(f) < 10 or not f[2].isdigit() or f[0] == "Average:":
        continue
    who = names.get(f[2]) or ("postgresql" if f[9].startswith("postgres") else
                              "h2load" if f[9] == "h2load" else "other")
    cpu[f[0]][who] += float(f[7])
busy = [s for s in cpu if cpu[s]["h2load"] > 0]
total = collections.Counter()
for s in busy:
    total.update(cpu[s])
if busy:
    print("CPU while paced (% of one core; 200% = both) and per request:")
    for who, v in total.most_common():
        print(f"  {who:12s} {v / len(busy):6.1f}%  {v / len(busy) / 100 / rate * 1000:.2f} ms")
    print(f"  {'all':12s} {sum(total.values()) / len(busy):6.1f}%  {sum(total.values()) / len(busy) / 100 / rate * 1000:.2f} ms")

slow = collections.Counter(time.strftime("%H:%M:%S", time.gmtime(r[0])) for r in rows if r[2] > 50)
av = {}
for line in open(f"{work}/timeline-autovacuum.txt"):
    s, _, what = line.rstrip("\n").partition("|")
    if what:
        av[s] = what.replace("autovacuum: ", "")
print("seconds with requests over 50 ms, beside the CPU of that second and autovacuum's work:")
for s in sorted(set(slow) | set(av)):
    c = cpu.get(s, {})
    parts = " ".join(f"{k}={c[k]:.0f}" for k in ("scoring", "postgresql", "consent", "kafka", "other") if c.get(k))
    print(f"  {s} slow={slow.get(s, 0):3d}  {parts}  {av.get(s, '')}")
PY
