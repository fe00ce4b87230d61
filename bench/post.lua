-- wrk script: POST an event with callpop's bearer token (TOKEN) and, if set, the user's CRM token
-- (CRM_TOKEN). BODY is the JSON; with UNIQUE_NUMBERS=1 every request asks for a new caller number
-- (a cold look-up), replacing NUMBER in BODY, counting from NUMBER_BASE (so a measured run does not
-- reuse the numbers its warm-up already cached). With UNIQUE_SESSIONS=1 every request replaces SESSION in BODY
-- with a new telephony session id from the same counter (a call log callpop has not written yet).
-- EXPECT, if set, is text every answer must contain (a 200 naming the match, say; EXPECT_STATUS, if not 200):
-- a scenario whose answers are not what it claims to measure (fallbacks of an open breaker, errors, a log that
-- already existed) is reported, and run.sh voids it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local crm_token = os.getenv("CRM_TOKEN")
if crm_token and crm_token ~= "" then
  wrk.headers["X-CRM-Token"] = crm_token
end
local body = os.getenv("BODY")
local unique = os.getenv("UNIQUE_NUMBERS") == "1"
local unique_sessions = os.getenv("UNIQUE_SESSIONS") == "1"
local counter = tonumber(os.getenv("NUMBER_BASE") or "0")
local expect = os.getenv("EXPECT")
if expect == "" then
  expect = nil
end
local expect_status = tonumber(os.getenv("EXPECT_STATUS") or "200")

request = function()
  local text = body
  if unique or unique_sessions then
    counter = counter + 1
  end
  if unique_sessions then
    text = text:gsub("SESSION", string.format("bench-%07d", counter))
  end
  if unique then
    return wrk.format(nil, nil, nil, (text:gsub("NUMBER", string.format("+14152%06d", counter))))
  end
  return wrk.format(nil, nil, nil, (text:gsub("NUMBER", "+14155550100")))
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

answered = 0
unexpected = 0
if expect then
  response = function(status, headers, answer)
    answered = answered + 1
    if status ~= expect_status or not string.find(answer, expect, 1, true) then
      unexpected = unexpected + 1
    end
  end
end

done = function(summary, latency, requests)
  if expect then
    local total, bad = 0, 0
    for _, thread in ipairs(threads) do
      total = total + thread:get("answered")
      bad = bad + thread:get("unexpected")
    end
    io.write(string.format("answers not as expected: %d of %d\n", bad, total))
  end
end
