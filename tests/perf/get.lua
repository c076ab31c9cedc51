-- wrk script: GET with a bearer token (HC_PATH).
local token = os.getenv("HC_TOKEN")
local path = os.getenv("HC_PATH")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
dofile("tests/perf/report.lua")
