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
# second), the medians per engine and model, and the median of the
# per-round ratios cpu/webgl of frames per CPU second. The progress bar's
# time estimates (at 10 %, 20 %, ... of the frames) are checked against
# the time the run actually took: the largest error is printed per run.
set -eu
video=${1:?usage: docs/bench/extract.sh VIDEO [ROUNDS] [DIR]}
rounds=${2:-3}
dir=${3:-$(mktemp -d)}
bin=${STRETCHWISE:-bin/stretchwise}
mkdir -p "$dir"
echo "video: $video ($(ffprobe -v error -select_streams v:0 -show_entries stream=width,height,r_frame_rate,nb_frames -of csv=p=0 "$video")); $(uptime | sed 's/.*load/load/')"

# run ENGINE MODEL ROUND: one extraction; prints
# "ENGINE MODEL frames wall cpu frames/cpu-s eta-error%".
run() {
	log="$dir/$1.$2.$3.log"
	start=$(date +%s.%N)
	"$bin" extract "$video" -o "$dir/$1.$2.jsonl" --model "$2" --engine "$1" 2>"$log" | cat
	end=$(date +%s.%N)
	# Non-terminal progress lines: "extract NAME: D/T frames P% ETA 1m2s", one
	# per tenth; each is stamped with the time it was read.
	tail -n 1 "$log" | awk -v e="$1" -v m="$2" -v w="$(echo "$end - $start" | bc)" '{
		for (i = 1; i <= NF; i++) { if (!f && $i == "frames" && $(i-1) ~ /^[0-9]+$/) f = $(i-1); if ($i == "CPU") c = $(i-1) }
		printf "%s %s frames %d wall %.1f cpu %.1f frames/cpu-s %.2f\n", e, m, f, w, c * f, 1 / c
	}'
}

# eta ENGINE MODEL: runs once with the progress lines timestamped and prints
# the largest error of the estimate against the time that remained.
eta() {
	log="$dir/eta.$1.$2.log"
	"$bin" extract "$video" -o "$dir/eta.$1.$2.jsonl" --model "$2" --engine "$1" 2>&1 |
		while IFS= read -r line; do echo "$(date +%s.%N) $line"; done >"$log"
	end=$(tail -n 1 "$log" | cut -d' ' -f1)
	awk -v end="$end" -v e="$1" -v m="$2" '/ ETA / && !/ETA –/ && !/100%/ {
		s = $NF; est = 0
		if (match(s, /[0-9.]+h/)) est += 3600 * substr(s, RSTART, RLENGTH - 1)
		if (match(s, /[0-9.]+m[0-9]/) || match(s, /[0-9.]+m$/)) est += 60 * substr(s, RSTART, index(substr(s, RSTART), "m") - 1)
		if (match(s, /[0-9.]+s$/)) est += substr(s, RSTART, RLENGTH - 1)
		left = end - $1
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
	awk '{ k = $1 " " $2; v[k, ++n[k]] = $NF; w[k, n[k]] = $6 }
	function median(a, k, c,   i, j, t, x) { for (i = 1; i <= c; i++) x[i] = a[k, i]
		for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
		return c % 2 ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2 }
	END { for (k in n) printf "median %s: %.2f frames/cpu-s, wall %.1f s\n", k, median(v, k, n[k]), median(w, k, n[k])
		m = substr(k, index(k, " ") + 1)
		for (i = 1; i <= n["cpu " m]; i++) r["x", i] = v["cpu " m, i] / v["webgl " m, i]
		printf "median ratio cpu/webgl, %s: %.1fx frames per CPU second\n", m, median(r, "x", n["cpu " m]) }' "$dir/$model.runs"
done
eta cpu lite
eta cpu full

# The live camera page: the video as the fake camera (y4m, 30 fps).
ffmpeg -v error -y -t 6 -i "$video" -vf scale=540:-2 -r 30 -pix_fmt yuv420p "$dir/camera.y4m"
for engine in webgl cpu; do
	go run docs/bench/livefps.go -engine "$engine" -camera "$dir/camera.y4m" -seconds 10
done
