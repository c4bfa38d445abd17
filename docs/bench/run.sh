#!/bin/sh
# The load runs of docs/benchmarks.md ("stretchwise serve: API under load").
# Run from the repository root: docs/bench/run.sh [DIR] (default /tmp/swbench).
# Needs wrk and curl. Prints wrk's output, the server's CPU time per
# request (from /proc), and the load average before each run.
set -e
dir=${1:-/tmp/swbench}
port=18089
mkdir -p "$dir"
go build -o "$dir/stretchwise" ./cmd/stretchwise
go run docs/bench/genrec.go -frames 1800 > "$dir/random60.jsonl"
"$dir/stretchwise" synth --exercise bird-dog --view rear-left --duration 60 -o "$dir/synth60.jsonl" 2>/dev/null
TOKEN=$(docs/bench/setup.sh "$dir/stretchwise" "$dir" $port --uploads-per-minute 1000000)
export TOKEN
pid=$(cat "$dir/server.pid")
# A run stores gigabytes (every upload is kept): the data goes when the
# server does, unless KEEP_DATA=1.
trap 'kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; [ "$KEEP_DATA" = 1 ] || rm -rf "$dir/data"' EXIT
B=http://127.0.0.1:$port
curl -sf -o /dev/null -XPOST $B/api/v1/recordings -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/x-ndjson' --data-binary @"$dir/synth60.jsonl"
cpu() { awk '{print $14+$15}' /proc/$pid/stat; } # user+system ticks (1/100 s)
measure() { # name, then the wrk command
	name=$1; shift
	echo "== $name ($(uptime | sed 's/.*load/load/'))"
	c0=$(cpu)
	"$@" | tee "$dir/wrk.out"
	c1=$(cpu)
	n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$dir/wrk.out")
	echo "server CPU: $(( (c1 - c0) * 10 )) ms for $n requests = $(( (c1 - c0) * 10000 / n )) us/request"
}
measure "report reads, saturated" wrk -t2 -c16 -d20s --latency -s docs/bench/report.lua $B/api/v1/recordings/1/report
measure "report reads, paced at about 2,000/s" env DELAY_MS=10 wrk -t2 -c26 -d20s --latency -s docs/bench/report_paced.lua $B/api/v1/recordings/1/report
measure "uploads, synthetic 60 s bird dog (stretchwise synth)" env RECORDING="$dir/synth60.jsonl" wrk -t2 -c4 -d30s --timeout 20s --latency -s docs/bench/upload.lua $B/api/v1/recordings
measure "uploads, random 60 s recording (docs/bench/genrec.go)" env RECORDING="$dir/random60.jsonl" wrk -t2 -c4 -d30s --timeout 20s --latency -s docs/bench/upload.lua $B/api/v1/recordings
ls -l "$dir/data"
