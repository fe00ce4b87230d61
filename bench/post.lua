-- wrk script: POST an event with callpop's bearer token (TOKEN) and, if set, the user's CRM token
-- (CRM_TOKEN). BODY is the JSON; with UNIQUE_NUMBERS=1 every request asks for a new caller number
-- (a cold look-up), replacing NUMBER in BODY, counting from NUMBER_BASE (so a measured run does not
-- reuse the numbers its warm-up already cached).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local crm_token = os.getenv("CRM_TOKEN")
if crm_token and crm_token ~= "" then
  wrk.headers["X-CRM-Token"] = crm_token
end
local body = os.getenv("BODY")
local unique = os.getenv("UNIQUE_NUMBERS") == "1"
local counter = tonumber(os.getenv("NUMBER_BASE") or "0")

request = function()
  if unique then
    counter = counter + 1
    return wrk.format(nil, nil, nil, (body:gsub("NUMBER", string.format("+14152%06d", counter))))
  end
  return wrk.format(nil, nil, nil, (body:gsub("NUMBER", "+14155550100")))
end
