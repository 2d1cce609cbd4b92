#!/bin/sh
# Runs every cmocka unit test binary in a folder.
# usage: run_unit.sh DIR
set -u
pass=0; fail=0
log=$(mktemp)
for t in "$1"/test_*; do
    case "$t" in *.log) continue ;; esac
    [ -x "$t" ] || continue
    if "$t" > "$log" 2>&1; then
        pass=$((pass + 1)); echo "unit $(basename "$t"): ok ($(grep -o '[0-9]* test(s) run' "$log"))"
    else
        fail=$((fail + 1)); echo "unit $(basename "$t"): FAILED"; grep -E "ERROR|FAIL|LINE|runtime error|Sanitizer" "$log" | head -n 20
    fi
done
rm -f "$log"
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
