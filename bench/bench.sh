#!/bin/sh
# Throughput and peak memory of `sitrep extract`, on one core (JOBS=1, the
# default: pinned to core 0) or on JOBS threads (JOBS=2: -j 2, unpinned).
# usage: bench.sh SITREP [FILE.jsonl]   (default: ../shared/corpus/reuters21578.jsonl)
# Runs the whole pipeline as it stands (read, text view, segment, JSON
# records to /dev/null) RUNS times and reports the best run: documents/s,
# MB/s of input, and peak RSS.  Not a test: figures vary with the machine.
set -eu
bin=$1
in=${2:-../shared/corpus/reuters21578.jsonl}
# UNTIL=segment measures read + segment alone (the foundation's figure)
until=${UNTIL:+--until $UNTIL}
runs=${RUNS:-5}
[ -f "$in" ] || { echo "bench: no input file $in (give a JSONL file)" >&2; exit 1; }
jobs=${JOBS:-1}
pin=""
[ "$jobs" -eq 1 ] && command -v taskset > /dev/null 2>&1 && pin="taskset -c 0"
bytes=$(wc -c < "$in")
docs=$(grep -c . "$in" || true)
best=""
rss=0
tf=$(mktemp)
i=0
while [ $i -lt "$runs" ]; do
    t0=$(date +%s%N)
    /usr/bin/time -o "$tf" -f "%M" $pin "$bin" extract -j "$jobs" $until -o /dev/null "$in" 2>/dev/null || true
    t1=$(date +%s%N)
    m=$(tail -n 1 "$tf")
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    if [ -z "$best" ] || [ "$(echo "$t < $best" | awk '{print ($1 < $3)}')" = 1 ]; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
    i=$((i + 1))
done
rm -f "$tf"
where="one core"
[ "$jobs" -eq 1 ] || where="$jobs threads (-j $jobs)"
awk -v w="$where" -v u="${UNTIL:-all}" -v b="$bytes" -v d="$docs" -v t="$best" -v r="$rss" -v f="$in" 'BEGIN {
    if (t <= 0) t = 0.005;
    printf "input:       %s (%d documents, %.1f MB), stages: %s\n", f, d, b / 1e6, u;
    printf "best of runs: %.4f s on %s (wall clock, whole process)\n", t, w;
    printf "throughput:  %.0f documents/s, %.1f MB/s\n", d / t, b / 1e6 / t;
    printf "peak RSS:    %.1f MB\n", r / 1024;
}'
