#!/bin/sh
# The pose-extraction runs of docs/benchmarks.md ("Pose extraction"): the
# pipeline before (--engine webgl: the MediaPipe Pose graph in software
# WebGL, a seek per frame) and the present one (--engine cpu: MediaPipe
# Tasks on the CPU, playing from frame to frame), in turn (webgl, cpu,
# webgl, cpu, ...) so both see the same machine, with the lite and the full
# model; then the live camera page with each engine.
#
#   docs/bench/extract.sh VIDEO [ROUNDS] [DIR]
#
# Run from the repository root after `make build`. Needs Debian's chromium
# and ffmpeg. Prints one line per run (frames, wall seconds, CPU seconds of
# Chromium's processes from /proc, start-up included, and frames per CPU
# second; then the CPU seconds to start and do the first frame, and per
# frame after it), the medians per engine and model, and the median of the
# per-round ratios cpu/webgl. The progress bar's time estimates (at 10 %,
# 20 %, ... of the frames) are checked against the time that really
# remained: each and the largest error are printed. With ROUNDS=2 and the
# 4 s clip of docs/benchmarks.md it should take 10-12 minutes on an idle
# 2-core machine (estimated from the webgl engine's 1.0-1.35 CPU s per
# frame, which is most of it; not yet run idle).
set -eu
video=${1:?usage: docs/bench/extract.sh VIDEO [ROUNDS] [DIR]}
rounds=${2:-3}
dir=${3:-$(mktemp -d)}
bin=${STRETCHWISE:-bin/stretchwise}
mkdir -p "$dir"
echo "video: $video ($(ffprobe -v error -select_streams v:0 -show_entries stream=width,height,r_frame_rate,nb_frames -of csv=p=0 "$video")); $(uptime | sed 's/.*load/load/')"

# run ENGINE MODEL ROUND: one extraction; prints "ENGINE MODEL frames N
# wall S cpu S frames/cpu-s F start S then S/frame steady-frames/cpu-s F":
# the whole run (start-up included), then the CPU seconds to start and do the
# first frame and the CPU seconds per frame after it (extract's "cpu:" line).
run() {
	log="$dir/$1.$2.$3.log"
	start=$(date +%s.%N)
	"$bin" extract "$video" -o "$dir/$1.$2.jsonl" --model "$2" --engine "$1" 2>"$log" | cat
	end=$(date +%s.%N)
	awk -v e="$1" -v m="$2" -v w="$(echo "$end - $start" | bc)" '
		/CPU s per frame/ { for (i = 1; i <= NF; i++) { if (!f && $i == "frames" && $(i-1) ~ /^[0-9]+$/) f = $(i-1); if ($i == "CPU") c = $(i-1) } }
		/^cpu: / { s = $2; p = $(NF-3) }
		END { printf "%s %s frames %d wall %.1f cpu %.1f frames/cpu-s %.2f start %.2f then %.4f steady-frames/cpu-s %.2f\n", e, m, f, w, c * f, 1 / c, s, p, 1 / p }' "$log"
}

# eta ENGINE MODEL: runs once with the progress lines timestamped and prints
# the error of each estimate against the time that really remained (from
# when the line was written to the end of the command), where at least a
# second remained, and the largest. The run's timeline (when the driver saw
# frames done) goes to DIR/eta.ENGINE.MODEL.timeline, in the format of
# cmd/stretchwise/testdata/progress, where TestProgressEstimate replays such
# runs.
eta() {
	log="$dir/eta.$1.$2.log"
	"$bin" extract "$video" -o "$dir/eta.$1.$2.jsonl" --model "$2" --engine "$1" --timeline "$dir/eta.$1.$2.timeline" 2>&1 |
		while IFS= read -r line; do echo "$(date +%s.%N) $line"; done >"$log"
	end=$(date +%s.%N)
	awk -v end="$end" -v e="$1" -v m="$2" '
	# secs parses a Go duration as extract prints it: 1m2s, 4.5s, 700ms.
	function secs(d,   t, n, u) { t = 0
		while (match(d, /^[0-9.]+(h|ms|m|s)/)) { n = substr(d, 1, RLENGTH); u = n; sub(/^[0-9.]+/, "", u); n += 0
			t += u == "h" ? 3600 * n : u == "m" ? 60 * n : u == "ms" ? n / 1000 : n; d = substr(d, RLENGTH + 1) }
		return t }
	/ ETA / && !/ETA –/ && !/100%/ {
		est = secs($NF); left = end - $1
		if (left < 1) next
		err = (est - left) / left * 100; if (err < 0) err = -err
		printf "  eta %s %s at %s: estimate %.1f s, took %.1f s (%.0f%%)\n", e, m, $(NF-2), est, left, err
		if (err > worst) worst = err
	} END { printf "eta %s %s: largest error %.0f%%\n", e, m, worst }' "$log"
}

for model in lite full; do
	: >"$dir/$model.runs"
	r=1
	while [ "$r" -le "$rounds" ]; do
		run webgl "$model" "$r" | tee -a "$dir/$model.runs"
		run cpu "$model" "$r" | tee -a "$dir/$model.runs"
		r=$((r + 1))
	done
	# Fields: 1 engine, 2 model, 4 frames, 6 wall s, 8 CPU s, 10 frames per
	# CPU second, 12 start-up CPU s, 14 CPU s per frame after it, 16 frames
	# per CPU second after it.
	awk -v m="$model" '{ k = $1; n[k]++; for (f = 4; f <= 16; f += 2) v[k, f, n[k]] = $f }
	function median(k, f, c,   i, j, t, x) { for (i = 1; i <= c; i++) x[i] = v[k, f, i]
		for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
		return c % 2 ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2 }
	function ratio(f,   i) { for (i = 1; i <= n["cpu"]; i++) v["ratio", f, i] = v["cpu", f, i] / v["webgl", f, i]; return median("ratio", f, n["cpu"]) }
	END { for (k in n) printf "median %s %s: %.2f frames/cpu-s (wall %.1f s, CPU %.1f s; start-up %.2f CPU s, then %.4f CPU s per frame = %.2f frames/cpu-s)\n", k, m, median(k, 10, n[k]), median(k, 6, n[k]), median(k, 8, n[k]), median(k, 12, n[k]), median(k, 14, n[k]), median(k, 16, n[k])
		printf "median ratio cpu/webgl, %s: %.1fx frames per CPU second (start-up included), %.1fx after the first frame\n", m, ratio(10), ratio(16) }' "$dir/$model.runs"
done
# ETA_ROUNDS (default 1) rounds of the progress estimates, lite then full.
r=1
while [ "$r" -le "${ETA_ROUNDS:-1}" ]; do
	eta cpu lite
	eta cpu full
	r=$((r + 1))
done

# The live camera page: the video as the fake camera (y4m, 30 fps).
ffmpeg -v error -y -t 6 -i "$video" -vf scale=540:-2 -r 30 -pix_fmt yuv420p "$dir/camera.y4m"
for engine in webgl cpu; do
	go run docs/bench/livefps.go -engine "$engine" -camera "$dir/camera.y4m" -seconds 10
done
