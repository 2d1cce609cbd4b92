#!/bin/sh
# HTML reading speed: `sitrep extract --format html --until read` over the
# pages of the HTML evaluation set (unpacked to a temporary folder for the
# run, never kept), best of RUNS runs on one core: MB/s of HTML and pages/s.
# usage: html.sh SITREP [EVAL.jsonl.gz]   (default: ../shared/eval/data/trafilatura_eval.jsonl.gz)
# Not a test: figures vary with the machine.
set -eu
bin=$1
in=${2:-../shared/eval/data/trafilatura_eval.jsonl.gz}
runs=${RUNS:-3}
[ -f "$in" ] || { echo "html bench: no evaluation set $in" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$in" "$tmp" <<'PY'
import gzip, json, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    for i, line in enumerate(f):
        if line.strip():
            with open(f"{sys.argv[2]}/page{i:05d}.html", "w", encoding="utf-8", newline="") as out:
                out.write(json.loads(line)["html"])
PY
pin=""
command -v taskset > /dev/null 2>&1 && pin="taskset -c 0"
bytes=$(cat "$tmp"/*.html | wc -c)
pages=$(ls "$tmp" | wc -l)
best=""
cpu=""
tf=$tmp/time.txt
i=0
while [ $i -lt "$runs" ]; do
    t0=$(date +%s%N)
    /usr/bin/time -o "$tf" -f "%U %S" $pin "$bin" extract --format html --until read "$tmp"/*.html > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    t=$(( (t1 - t0) / 1000 ))
    c=$(awk '{ printf "%d", ($1 + $2) * 1e6 }' "$tf")
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    if [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; then cpu=$c; fi
    i=$((i + 1))
done
# CPU time (user + system) is the figure to compare: wall time also counts
# what other processes on a shared machine take.
awk -v b="$bytes" -v p="$pages" -v t="$best" -v c="$cpu" 'BEGIN {
    s = t / 1e6; u = c / 1e6
    printf "html: %d pages, %.1f MB of HTML: %.2f s CPU, %.1f MB/s (%.0f pages/s); wall %.2f s, %.1f MB/s (best of runs)\n", p, b / 1e6, u, b / 1e6 / u, p / u, s, b / 1e6 / s
}'
