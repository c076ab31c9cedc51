-- Shared by the wrk scripts (run from the repository root): the first body of each failing status on stderr, and one
-- RESULT line per run.
local reported = {}
response = function(status, headers, body)
  if status >= 400 and not reported[status] then
    reported[status] = true
    io.stderr:write(string.format("status %d: %s\n", status, string.sub(body or "", 1, 300)))
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
