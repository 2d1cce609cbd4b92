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
i=0
while [ $i -lt "$runs" ]; do
    t0=$(date +%s%N)
    $pin "$bin" extract --format html --until read "$tmp"/*.html > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    t=$(( (t1 - t0) / 1000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    i=$((i + 1))
done
awk -v b="$bytes" -v p="$pages" -v t="$best" 'BEGIN {
    s = t / 1e6
    printf "html: %d pages, %.1f MB of HTML in %.2f s (best of runs): %.1f MB/s, %.0f pages/s\n", p, b / 1e6, s, b / 1e6 / s, p / s
}'
