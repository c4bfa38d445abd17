#!/usr/bin/env bash
# Measures `stretchwise extract` on every video in a directory: the share of
# frames with a person found and the time per frame. Prints a Markdown table
# (one row per video) for docs/validation.md and docs/benchmarks.md.
#
#   web/scripts/measure-extract.sh MODEL [MEDIA_DIR] [OUT_DIR]
#
# MODEL is lite or full; EXTRACT_FLAGS adds flags (e.g. "--fps 5"). Needs a built binary at bin/stretchwise (make build)
# or STRETCHWISE=path, the built web app and Debian's chromium.
set -euo pipefail
model=${1:?usage: measure-extract.sh lite|full [media dir] [out dir]}
media=${2:-testdata/media}
out=${3:-$(mktemp -d)}
bin=${STRETCHWISE:-bin/stretchwise}
mkdir -p "$out"
echo "| video | size | fps | frames | person found | s/frame (wall) | s/frame (MediaPipe) | CPU s/frame (Chromium) |"
echo "|---|---|---|---|---|---|---|---|"
for v in "$media"/*.mp4; do
	name=$(basename "$v" .mp4)
	size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$v")
	log="$out/$name.$model.log"
	if ! "$bin" extract "$v" -o "$out/$name.$model.jsonl" --model "$model" ${EXTRACT_FLAGS:-} 2>"$log"; then
		echo "| $name | $size | | | failed: $(tail -n 1 "$log") | | | |"
		continue
	fi
	# The summary: "<out>: N frames at F fps, a person in D (P%), W s per frame (M s in MediaPipe), T s in all, C CPU s per frame"
	line=$(grep ' frames at ' "$log" | tail -n 1)
	frames=$(sed -E 's/.*: ([0-9]+) frames.*/\1/' <<<"$line")
	fps=$(sed -E 's/.* at ([0-9.]+) fps.*/\1/' <<<"$line")
	found=$(sed -E 's/.*a person in ([0-9]+) \(([0-9.]+%)\).*/\1 (\2)/' <<<"$line")
	wall=$(sed -E 's/.*, ([0-9.]+) s per frame.*/\1/' <<<"$line")
	mp=$(sed -E 's/.*\(([0-9.]+) s in MediaPipe\).*/\1/' <<<"$line")
	cpu=$(sed -nE 's/.*, ([0-9.]+) CPU s per frame.*/\1/p' <<<"$line")
	echo "| $name | $size | $fps | $frames | $found | $wall | $mp | ${cpu:-} |"
done
