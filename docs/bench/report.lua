-- wrk script for docs/benchmarks.md: authenticated GETs with the bearer
-- token in $TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
