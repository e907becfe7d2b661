-- wrk script for bench/score-bench.sh: POST /v1/scores rotating over the seeded identifiers.
-- Env: TOKEN (demo-lender bearer), IDS_FILE (one identifier a line), PURPOSE (default
-- CREDIT_APPLICATION), DELAY_MS (optional: mean per-connection pause between requests, for the
-- approximate fixed-rate run; 0 = closed loop as fast as possible).
-- Every response that is not 200 is counted and printed in done(), so errors cannot inflate req/s,
-- with a tally by status and problem type (non200_kinds=[503 consent-state-unavailable:328 ...]), so
-- a refusal under load says why (a 503 on a freshly started stack once went unexplained).

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
  kinds = {}
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
    -- the problem type's last segment (RFC 9457 body), or "-" for a body without one
    local ptype = body and body:match('"type"%s*:%s*"([^"]*)"') or nil
    local kind = status .. " " .. (ptype and ptype:match("([^/]+)$") or "-")
    kinds[kind] = (kinds[kind] or 0) + 1
  end
end

function done(summary, latency, requests)
  local ok, bad, seen, tally = 0, 0, "", {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok200")
    bad = bad + t:get("non200")
    seen = seen .. t:get("statuses")
    for kind, n in pairs(t:get("kinds")) do tally[kind] = (tally[kind] or 0) + n end
  end
  local names = {}
  for kind, n in pairs(tally) do names[#names + 1] = kind:gsub(" ", "_") .. ":" .. n end
  table.sort(names)
  io.write(string.format("STATUS ok200=%d non200=%d socket_errors=%d first_non200=[%s] non200_kinds=[%s]\n",
    ok, bad, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout, seen, table.concat(names, ",")))
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
