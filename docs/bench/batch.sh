#!/bin/sh
# The batch-extraction runs of docs/benchmarks.md ("Batch extraction"): four
# 4 s clips (122 frames each: the first 4 s of the cat-cow, child's pose,
# pelvic tilt and thread-the-needle videos of testdata/media), the full
# model, `stretchwise extract ... -j N` for each N given, in turn, ROUNDS
# times. Per run it prints the wall seconds, the CPU seconds per frame of the
# browsers (extract's summary line), the share of all cores busy over the
# run (from /proc/stat: on a machine busy with other work it says nothing
# about the batch), the load average before, and the peak proportional set
# size (PSS) of the command and its processes, sampled every second,
# with the most browsers seen at once.
#
#   docs/bench/batch.sh [ROUNDS] [N...]      # default: 1 round, N = 1 2 4
#
# Run from the repository root after `make build`. Needs Debian's chromium
# and ffmpeg, and Linux's /proc.
set -eu
rounds=${1:-1}
[ $# -gt 0 ] && shift
jobs=${*:-1 2 4}
bin=${STRETCHWISE:-bin/stretchwise}
dir=$(mktemp -d)
clips=
for v in cat_cow_quadruped_side_view childs_pose_kneeling pelvic_tilt_supine thread_the_needle_quadruped_thoracic_rotation; do
	ffmpeg -v error -y -t 4 -i "testdata/media/polybag_$v.mp4" -an -c:v copy "$dir/${v%%_*}.mp4"
	clips="$clips $dir/${v%%_*}.mp4"
done
echo "$(nproc) cores; $(grep MemAvailable /proc/meminfo)"

# busy prints the busy and the total jiffies of all cores.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# sample PID: while PID runs, every second the PSS (kB) of it and its
# descendants and the browsers among them (chromium processes without
# --type=); prints the peaks. One ps and one awk per sample.
sample() {
	sp=$1 peak=0 most=0
	while ps -o stat= -p "$sp" | grep -qv Z; do # until it ends (a zombie until waited for)
		set -- $(ps -e -o pid=,ppid=,args= | awk -v root="$sp" '
			{ parent[$1] = $2; browser[$1] = $3 ~ /chrom/ && $0 !~ /--type=/ }
			END { for (p in parent) { q = p; while (q > 1 && q != root) q = parent[q]
				if (q == root) { files = files " /proc/" p "/smaps_rollup"; n += browser[p] } }
				print n + 0, files }')
		n=$1
		shift
		kb=$(cat "$@" 2>/dev/null | awk '/^Pss:/ { s += $2 } END { print s + 0 }')
		[ "$kb" -gt "$peak" ] && peak=$kb
		[ "$n" -gt "$most" ] && most=$n
		sleep 1
	done
	echo "$peak $most"
}

r=1
while [ "$r" -le "$rounds" ]; do
	for j in $jobs; do
		rm -rf "$dir/out"
		load=$(cut -d' ' -f1 /proc/loadavg)
		set -- $(busy)
		b0=$1 t0=$2
		start=$(date +%s.%N)
		# shellcheck disable=SC2086
		"$bin" extract $clips -o "$dir/out" -j "$j" --model full 2>"$dir/log" &
		pid=$!
		set -- $(sample "$pid")
		peak=$1 most=$2
		wait "$pid" || { cat "$dir/log"; exit 1; }
		end=$(date +%s.%N)
		set -- $(busy)
		awk -v j="$j" -v w="$(echo "$end - $start" | bc)" -v b="$(($1 - b0))" -v t="$(($2 - t0))" -v l="$load" -v p="$peak" -v n="$most" '
			/ videos, / { for (i = 1; i <= NF; i++) if ($i == "CPU") c = $(i-1) }
			END { printf "-j %s: wall %.1f s, %s CPU s per frame, cores busy %.0f %%, load %s before, peak PSS %.0f MB with %d browsers (%.0f MB each)\n", j, w, c, 100 * b / t, l, p / 1024, n, p / 1024 / (n ? n : 1) }' "$dir/log"
	done
	r=$((r + 1))
done
rm -rf "$dir"
