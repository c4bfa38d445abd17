#!/bin/sh
# The hostile-client run of docs/benchmarks.md ("Hostile clients"): eight
# hostile clients (slow bodies, the largest issue reports, login floods,
# oversize uploads) against a fresh server on SQLite while normal uploads
# and report reads are timed (docs/bench/hostile.go). Run from the
# repository root: docs/bench/hostile.sh [DIR] (default /tmp/swhostile).
set -e
dir=${1:-/tmp/swhostile}
port=${PORT:-18090}
mkdir -p "$dir"
go build -o "$dir/stretchwise" ./cmd/stretchwise
go run docs/bench/genrec.go -frames 1800 > "$dir/rec60.jsonl"
go run docs/bench/genrec.go -seed 2 -frames 8000 > "$dir/rec16m.jsonl"
go build -o "$dir/hostile" docs/bench/hostile.go
docs/bench/setup.sh "$dir/stretchwise" "$dir" $port --behind-proxy --uploads-per-minute 1000000 --signups-per-hour 1000000 >/dev/null
pid=$(cat "$dir/server.pid")
trap 'kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; [ "$KEEP_DATA" = 1 ] || rm -rf "$dir/data"' EXIT
echo "load before: $(uptime | sed 's/.*load/load/')"
"$dir/hostile" -url http://127.0.0.1:$port -pid $pid -recording "$dir/rec60.jsonl" -report-recording "$dir/rec16m.jsonl"
echo "load after: $(uptime | sed 's/.*load/load/')"
grep -c 'level=ERROR' "$dir/server.log" | sed 's/^/server log ERROR lines: /' || true
