-- wrk script for docs/benchmarks.md: authenticated GETs with the bearer
-- token in $TOKEN, each connection pausing $DELAY_MS milliseconds between
-- requests, so that C connections offer about C*1000/DELAY_MS requests per
-- second (20 connections, 10 ms: about 2,000/s) and the latency is measured
-- at that rate instead of at saturation.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local d = tonumber(os.getenv("DELAY_MS") or "10")
function delay()
  return d
end
