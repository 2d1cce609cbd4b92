#!/bin/sh
# Golden tests: each input in tests/golden/ (articles we wrote, one per
# format) against its .expected.json, the pretty record with tokens.
# Compressed copies (gzip, zstd) of each input must give the same record.
# usage: golden.sh SITREP [--update]
set -u
bin=$1; update=${2:-}
pass=0; fail=0
tmp=$(mktemp -d)
for in in tests/golden/*.txt tests/golden/*.html tests/golden/*.jsonl; do
    exp=$in.expected.json
    "$bin" extract --pretty --tokens "$in" > "$tmp/out.json" 2>"$tmp/err"
    if [ "$update" = "--update" ]; then
        cp "$tmp/out.json" "$exp"; echo "updated $exp"; continue
    fi
    if diff -u "$exp" "$tmp/out.json" > "$tmp/diff"; then
        pass=$((pass + 1)); echo "golden $in: ok"
    else
        fail=$((fail + 1)); echo "golden $in: FAILED"; head -n 40 "$tmp/diff"
    fi
    # The same document compressed: identical record but for the id.
    for z in gz zst; do
        base=$(basename "$in")
        if [ $z = gz ]; then gzip -c "$in" > "$tmp/$base.$z"; else zstd -q -c "$in" > "$tmp/$base.$z"; fi
        "$bin" extract --pretty --tokens "$tmp/$base.$z" 2>/dev/null | sed '/"id": /d' > "$tmp/z.json"
        sed '/"id": /d' "$exp" > "$tmp/e.json"
        if cmp -s "$tmp/z.json" "$tmp/e.json"; then
            pass=$((pass + 1)); echo "golden $in.$z: ok"
        else
            fail=$((fail + 1)); echo "golden $in.$z: FAILED"; diff -u "$tmp/e.json" "$tmp/z.json" | head -n 20
        fi
    done
done
rm -rf "$tmp"
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
