-- wrk script for bench/score-bench.sh: POST /v1/scores rotating over the seeded identifiers.
-- Env: TOKEN (demo-lender bearer), IDS_FILE (one identifier a line), PURPOSE (default
-- CREDIT_APPLICATION), DELAY_MS (optional: mean per-connection pause between requests, for the
-- approximate fixed-rate run; 0 = closed loop as fast as possible).
-- Every response that is not 200 is counted and printed in done(), so errors cannot inflate req/s.

local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local purpose = os.getenv("PURPOSE") or "CREDIT_APPLICATION"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local bodies = {}
for i, id in ipairs(ids) do
  bodies[i] = '{"subject":{"identifierType":"NATIONAL_ID","identifier":"' .. id ..
    '"},"purpose":"' .. purpose .. '"}'
end

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok200 = 0
  non200 = 0
  statuses = ""
  counter = (id or 0) * 7919
  math.randomseed(os.time() + (id or 0))
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end

function delay()
  if delay_ms > 0 then
    return math.random(0, 2 * delay_ms) -- mean delay_ms, jittered so connections do not march in step
  end
  return 0
end

function response(status, headers, body)
  if status == 200 then
    ok200 = ok200 + 1
  else
    non200 = non200 + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end

function done(summary, latency, requests)
  local ok, bad, seen = 0, 0, ""
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok200")
    bad = bad + t:get("non200")
    seen = seen .. t:get("statuses")
  end
  io.write(string.format("STATUS ok200=%d non200=%d socket_errors=%d first_non200=[%s]\n",
    ok, bad, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout, seen))
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
