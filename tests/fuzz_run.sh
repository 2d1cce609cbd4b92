#!/bin/sh
# Runs every libFuzzer target for a fixed short time.
# usage: fuzz_run.sh BUILD_FUZZ_DIR SECONDS
# Seeds come from fuzz/corpus/<target>/ (read only); new inputs go to a
# scratch folder, so the committed corpus stays small.  Fails on any crash,
# hang (-timeout) or memory blow-up (-rss_limit_mb).
set -u
dir=$1; secs=$2
fail=0; n=0
scratch=$(mktemp -d)
for bin in "$dir"/fuzz_*; do
    t=$(basename "$bin"); name=${t#fuzz_}
    seeds=fuzz/corpus/$name
    mkdir -p "$scratch/$name"
    n=$((n + 1))
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -max_len=65536 \
        -dict=fuzz/dict -artifact_prefix="$scratch/" "$scratch/$name" "$seeds" \
        >"$scratch/$name.log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$scratch/$name.log" | awk '{print $2}')
        echo "fuzz $t: ok (${runs:-?} runs in ${secs}s)"
    else
        echo "fuzz $t: FAILED"; tail -n 30 "$scratch/$name.log"
        mkdir -p build/fuzz-artifacts
        for a in "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* "$scratch"/leak-*; do
            [ -f "$a" ] && cp "$a" "build/fuzz-artifacts/$name-$(basename "$a")" &&
                echo "kept build/fuzz-artifacts/$name-$(basename "$a")"
        done
        fail=$((fail + 1))
    fi
done
rm -rf "$scratch"
echo "fuzz: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
