#!/bin/sh
# The upload runs of docs/bench/run.sh alone, for any binary and any
# recordings: docs/benchmarks.md ("Upload path, second round") compares
# builds with it. Run from the repository root:
#
#   [PORT=18089] docs/bench/uploads.sh BINARY DIR SECONDS RECORDING...
#
# Starts a fresh server of BINARY on SQLite in DIR (docs/bench/setup.sh),
# then for each RECORDING: wrk -t2 -c4 uploads for SECONDS, the server's
# CPU time per upload and its peak memory (VmHWM) from /proc, and a check
# that the recording reads back byte for byte. Needs wrk and curl.
set -e
bin=$1; dir=$2; secs=$3; shift 3
port=${PORT:-18089}
TOKEN=$(docs/bench/setup.sh "$bin" "$dir" $port --uploads-per-minute 1000000)
export TOKEN
pid=$(cat "$dir/server.pid")
# A run stores gigabytes (every upload is kept): the data goes when the
# server does, unless KEEP_DATA=1.
trap 'kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; [ "$KEEP_DATA" = 1 ] || rm -rf "$dir/data"' EXIT
B=http://127.0.0.1:$port
cpu() { awk '{print $14+$15}' /proc/$pid/stat; } # user+system ticks (1/100 s)
for f in "$@"; do
	c0=$(cpu)
	RECORDING=$f wrk -t2 -c4 -d${secs}s --timeout 20s --latency -s docs/bench/upload.lua $B/api/v1/recordings > "$dir/wrk.out"
	c1=$(cpu)
	n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$dir/wrk.out")
	rate=$(sed -n 's/^Requests\/sec: *//p' "$dir/wrk.out")
	bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$dir/wrk.out")
	id=$(curl -sf -XPOST $B/api/v1/recordings -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/x-ndjson' --data-binary @"$f" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
	same=differs
	curl -sf $B/api/v1/recordings/$id -H "Authorization: Bearer $TOKEN" | cmp -s - "$f" && same="byte for byte"
	echo "$(basename "$bin") $(basename "$f"): $n uploads in ${secs} s, $rate/s, errors ${bad:-0}," \
		"server CPU $(( (c1 - c0) * 10000 / n )) us/upload, peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status) MB," \
		"read back $same ($(uptime | sed 's/.*load/load/'))"
done
