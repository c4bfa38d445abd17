#!/bin/sh
# Start a fresh `stretchwise serve` for the load runs of docs/benchmarks.md
# and print a bearer token for the wrk scripts. The server's pid goes to
# $DIR/server.pid, its log to $DIR/server.log.
# Usage: docs/bench/setup.sh BINARY DIR PORT [serve flags...]
set -e
bin=$1; dir=$2; port=$3; shift 3
rm -rf "$dir/data"; mkdir -p "$dir"
"$bin" serve --addr 127.0.0.1:$port --data "$dir/data" --log-level warn "$@" > "$dir/server.log" 2>&1 &
echo $! > "$dir/server.pid"
for i in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.1; done
B=http://127.0.0.1:$port
curl -sf -XPOST $B/api/v1/accounts -H 'Content-Type: application/json' \
	-d '{"email":"bench@example.test","password":"bench password","role":"patient"}' >/dev/null
curl -sf -XPOST $B/api/v1/login -H 'Content-Type: application/json' \
	-d '{"email":"bench@example.test","password":"bench password"}' |
	sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
