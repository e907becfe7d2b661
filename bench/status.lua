-- wrk script for the baseline GET /hello: the same status counting and result line as score.lua,
-- so the load generator does the same per-response work on both sides of the comparison.
-- Env: TOKEN (optional): sent as a bearer token, for the one-read reference on scoring.

if os.getenv("TOKEN") then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.headers["Accept"] = "application/json"
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok200 = 0
  non200 = 0
end

function response(status, headers, body)
  if status == 200 then ok200 = ok200 + 1 else non200 = non200 + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok200")
    bad = bad + t:get("non200")
  end
  io.write(string.format("STATUS ok200=%d non200=%d socket_errors=%d first_non200=[]\n", ok, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout))
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
