#!/bin/sh
# Every test: the layering check, unit tests and golden/CLI/serve tests on the plain build and on the
# ASan+UBSan build, valgrind, and a short libFuzzer run of every target.
# Prints one line per suite and a closing "N passed, N failed" over all
# checks; exits non-zero when anything failed.
set -u
B=${B:-build}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
log=$(mktemp)
status=0
suite() {
    name=$1; shift
    echo "== $name"
    if "$@" > "$log" 2>&1; then :; else status=1; fi
    grep -v ': ok' "$log"
    # each suite closes with "<name>: N passed, M failed"
    line=$(tail -n 1 "$log")
    p=$(echo "$line" | sed -nE 's/.* ([0-9]+) passed, ([0-9]+) failed$/\1/p')
    f=$(echo "$line" | sed -nE 's/.* ([0-9]+) passed, ([0-9]+) failed$/\2/p')
    if [ -z "$p" ]; then status=1; f=1; p=0; echo "$name: no summary line"; fi
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}
total_pass=0; total_fail=0
suite "layers" sh tests/layers.sh "$B/obj"
suite "unit tests" sh tests/run_unit.sh "$B/tests"
suite "unit tests (ASan+UBSan)" sh tests/run_unit.sh "$B/asan/tests"
suite "golden" sh tests/golden.sh "$B/sitrep"
suite "golden (ASan+UBSan)" sh tests/golden.sh "$B/asan/sitrep"
suite "cli" sh tests/cli.sh "$B/sitrep"
suite "patho_html" sh tests/patho_html.sh "$B/sitrep"
suite "cli (ASan+UBSan)" sh tests/cli.sh "$B/asan/sitrep"
suite "parse" sh tests/parse.sh "$B/sitrep"
suite "corpus" sh tests/corpus.sh "$B/sitrep"
suite "serve" sh tests/serve.sh "$B/sitrep"
suite "serve (ASan+UBSan)" sh tests/serve.sh "$B/asan/sitrep"
suite "long and pathological documents" sh tests/patho_long.sh "$B/sitrep"
suite "event precision" sh tests/event_precision.sh "$B/sitrep"
suite "ner weights" sh tests/ner_weights.sh
suite "valgrind" sh tests/leakcheck.sh "$B/sitrep"
suite "scale" sh tests/scale.sh "$B/sitrep"
suite "ingest_parallel" sh tests/ingest_parallel.sh "$B/sitrep"
suite "fuzz" sh tests/fuzz_run.sh "$B/fuzz" "${FUZZ_SECONDS:-5}"
rm -f "$log"
echo
echo "total: $total_pass passed, $total_fail failed"
exit $status
