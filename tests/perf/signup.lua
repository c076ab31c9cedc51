-- wrk script: each request signs a different approved volunteer up for a different activity (a new pair every time).
local centre = os.getenv("HC_CENTRE") or "xintangpu"
local tokens, activities = {}, {}
for t in string.gmatch(os.getenv("HC_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
for a in string.gmatch(os.getenv("HC_ACTIVITIES") or "", "[^,]+") do activities[#activities + 1] = a end
-- The warm-up takes its pairs from the last third, so the measured run starts on pairs nobody signed up yet.
local offset = os.getenv("HC_WARMUP") and math.floor(#tokens * #activities * 2 / 3) or 0
local threads = 0

setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local n = 0
request = function()
  n = n + 1
  local k = offset + n * 2 + (id or 0)
  local token = tokens[(k % #tokens) + 1]
  local activity = activities[(math.floor(k / #tokens) % #activities) + 1]
  return wrk.format("POST", "/api/c/" .. centre .. "/volunteers/activities/" .. activity .. "/signups",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, "")
end

dofile("tests/perf/report.lua")
