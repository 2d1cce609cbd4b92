#!/bin/sh
# valgrind over the golden inputs and the sample: no leak, no invalid read
# or write, no use of uninitialized memory.
# usage: leakcheck.sh SITREP
set -u
bin=$1
pass=0; fail=0
for in in examples/sample.txt tests/golden/*.txt tests/golden/*.html tests/golden/*.jsonl; do
    if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$bin" extract --pretty --tokens "$in" > /dev/null 2> /tmp/leakcheck.$$; [ $? -ne 99 ]; then
        pass=$((pass + 1)); echo "valgrind $in: ok"
    else
        fail=$((fail + 1)); echo "valgrind $in: FAILED"; head -n 30 /tmp/leakcheck.$$
    fi
done
rm -f /tmp/leakcheck.$$
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
