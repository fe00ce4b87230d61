-- wrk script for bench/faults.sh: POSTs BODY with callpop's bearer TOKEN and, when set, the user's CRM token
-- (CRM_TOKEN) and API URL (CRM_API_URL); with UNIQUE_NUMBERS=1 every request asks for a new number (no cache),
-- in the area code NUMBER_AREA (default 415), so that each phase of bench/faults.sh asks for numbers of its own, and
-- SESSION in BODY becomes a session id of its own (a call log's sessionId);
-- METHOD=GET sends plain GETs instead; DELAY_MS paces each connection.
-- Counts the answers by status and prints one line: RESULT requests=… p50=… p99=… max=… (ms) status_200=…
wrk.method = os.getenv("METHOD") or "POST"
if wrk.method == "POST" then
  wrk.headers["Content-Type"] = "application/json"
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
for header, variable in pairs({ ["X-CRM-Token"] = "CRM_TOKEN", ["X-CRM-Api-Url"] = "CRM_API_URL" }) do
  local value = os.getenv(variable)
  if value and value ~= "" then
    wrk.headers[header] = value
  end
end
local body = os.getenv("BODY") or ""
-- DELAY_MS: each connection waits this long after an answer before its next request, like an agent's
-- client that reports one call at a time, so the load is a rate rather than as fast as answers come.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local unique = os.getenv("UNIQUE_NUMBERS") == "1"
local area = os.getenv("NUMBER_AREA") or "415"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  math.randomseed(os.time() * 1000 + id)
end

function request()
  if wrk.method == "GET" then
    return wrk.format()
  end
  if unique then
    counter = counter + 1
    local filled = body:gsub("NUMBER", string.format("+1%s%d%06d", area, 2 + id, counter % 1000000))
    filled = filled:gsub("SESSION", string.format("bench-%s-%d-%d-%d", area, os.time(), id, counter))
    return wrk.format(nil, nil, nil, filled)
  end
  return wrk.format(nil, nil, nil, (body:gsub("NUMBER", "+14155550100")))
end

-- Jittered (0.5x to 1.5x), so that hundreds of connections do not fire in lockstep.
function delay()
  return pause * (0.5 + math.random())
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  io.write(string.format("RESULT requests=%d p50=%.1f p99=%.1f max=%.1f socket_errors=%d", summary.requests,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for status, count in pairs(counts) do
    io.write(string.format(" status_%d=%d", status, count))
  end
  io.write("\n")
end
