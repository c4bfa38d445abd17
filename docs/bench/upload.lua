-- wrk script for docs/benchmarks.md: POST the recording in $RECORDING as
-- the account of the bearer token in $TOKEN. wrk counts non-2xx answers
-- ("Non-2xx or 3xx responses"); the first few are printed here.
local f = assert(io.open(os.getenv("RECORDING"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/x-ndjson"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local shown = 0
function response(status, headers, body)
  if status ~= 201 and shown < 3 then
    shown = shown + 1
    print("status " .. status .. ": " .. body)
  end
end
