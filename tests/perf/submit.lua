-- wrk script: POST a JSON repair request with a bearer token, rotating categories and buildings.
local token = os.getenv("HC_TOKEN")
local centre = os.getenv("HC_CENTRE") or "xintangpu"
local categories = {}
for id in string.gmatch(os.getenv("HC_CATEGORIES") or "1", "[^,]+") do categories[#categories + 1] = id end
local n = 0

request = function()
  n = n + 1
  local category = categories[(n % #categories) + 1]
  local body = string.format('{"description":"load test %d","categoryId":%s,"location":{"building":"%d","unit":"1","room":"101"}}', n, category, (n % 40) + 1)
  return wrk.format("POST", "/api/c/" .. centre .. "/repair/requests",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

dofile("tests/perf/report.lua")
