#!/bin/sh
# The recipes of docs/scale.md, run here: `sitrep extract` as a pure filter
# under GNU parallel (one host with --pipe-part; "remote" hosts through a
# stand-in for ssh (tests/scale/fakessh): shards on a shared filesystem with
# --joblog and --resume-failed after a host fails, and hosts with disks of
# their own with --transferfile/--return), and a Slurm job array's script
# run task by task.  Each must give exactly
# the records of one process, in input order.  Then ingest: two workers
# under GNU parallel (--pipe-part) into one SQLite corpus, and the Slurm
# ingest array's tasks in any order into one corpus, must hold the
# documents and incidents of one process (tests/corpus/canon.py takes out
# the row numbers, which follow arrival order).  tests/ingest_parallel.sh
# does the same into PostgreSQL.
# usage: scale.sh SITREP
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
pass=0; fail=0
tmp=$(mktemp -d)
ok() { pass=$((pass + 1)); echo "scale $1: ok"; }
ko() { fail=$((fail + 1)); echo "scale $1: FAILED ($2)"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else ko "$name" "$*"; fi; }

corpus=$top/../shared/corpus/reuters21578.jsonl
if [ -f "$corpus" ]; then
    head -n 3000 "$corpus" > "$tmp/in.jsonl"
else # CI has ../shared; without it, a batch of our own
    for i in $(seq 1 3000); do
        printf '{"id":"d%d","text":"Police said %d people were hurt in Nairobi on Monday."}\n' "$i" "$i"
    done > "$tmp/in.jsonl"
fi
"$bin" extract -j 1 "$tmp/in.jsonl" > "$tmp/one.jsonl"; check one-process [ $? -eq 0 ]
n=$(wc -l < "$tmp/in.jsonl")
check one-process-count [ "$(wc -l < "$tmp/one.jsonl")" -eq "$n" ]

if command -v parallel > /dev/null 2>&1; then
    # One host, all cores: blocks of whole lines, output kept in order.
    parallel --will-cite --pipe-part -a "$tmp/in.jsonl" --block 400k --keep-order -j 2 \
        "$bin" extract -j 1 - > "$tmp/pp.jsonl"
    check parallel-pipe-part cmp -s "$tmp/one.jsonl" "$tmp/pp.jsonl"

    # Many hosts (stand-ins for ssh) on a shared filesystem: the input cut
    # into line-aligned shards, one job a shard, each writing its own part;
    # a host that fails leaves its jobs in the joblog with a non-zero exit,
    # and --resume-failed runs just those again.
    export FAKESSH_LOG="$tmp/hosts.log" FAKESSH_ROOT="$tmp/hosts"
    mkdir -p "$tmp/shards" "$tmp/hosts"
    (cd "$tmp/shards" && split -d -a 4 -n l/12 ../in.jsonl part-)
    parallel --will-cite --ssh "$here/scale/fakessh" -S 1/host-a,1/bad-host --joblog "$tmp/jobs.log" \
        "$bin extract -j 1 {} > {}.jsonl.tmp && mv {}.jsonl.tmp {}.jsonl" ::: "$tmp"/shards/part-???? 2> /dev/null
    failed=$(awk 'NR > 1 && $7 != 0' "$tmp/jobs.log" | wc -l)
    check parallel-failed-logged [ "$failed" -gt 0 ]
    parallel --will-cite --ssh "$here/scale/fakessh" -S 1/host-a,1/host-b --joblog "$tmp/jobs.log" --resume-failed \
        "$bin extract -j 1 {} > {}.jsonl.tmp && mv {}.jsonl.tmp {}.jsonl" ::: "$tmp"/shards/part-????
    cat "$tmp"/shards/part-????.jsonl > "$tmp/resumed.jsonl"
    check parallel-resume-failed cmp -s "$tmp/one.jsonl" "$tmp/resumed.jsonl"
    check parallel-hosts-used [ "$(sort -u "$tmp/hosts.log" | wc -l)" -eq 3 ]

    # Hosts with disks of their own: each shard sent, its part sent back.
    rm -rf "$tmp/shards" "$tmp/hosts" && mkdir -p "$tmp/shards" "$tmp/hosts"
    (cd "$tmp/shards" && split -d -a 4 -n l/6 ../in.jsonl part-)
    if command -v rsync > /dev/null 2>&1; then
        (cd "$tmp" && parallel --will-cite --ssh "$here/scale/fakessh" -S 1/host-a,1/host-b \
            --transferfile {} --return {}.jsonl --cleanup "$bin extract -j 1 {} > {}.jsonl" ::: shards/part-????)
        cat "$tmp"/shards/part-????.jsonl > "$tmp/returned.jsonl"
        check parallel-transfer-return cmp -s "$tmp/one.jsonl" "$tmp/returned.jsonl"
        check parallel-cleanup [ -z "$(find "$tmp/hosts" -type f)" ]
    else
        ko parallel-transfer "rsync missing (scripts/setup.sh test installs it)"
    fi
else
    ko parallel "GNU parallel missing (scripts/setup.sh test installs it)"
fi

# The Slurm array's script, task by task as Slurm would run it (any order).
for task in 3 0 2 1; do
    SITREP=$bin SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=0 \
        SLURM_CPUS_PER_TASK=1 sh "$top/scripts/scale/slurm-extract.sbatch" "$tmp/in.jsonl" "$tmp/slurm"
done
cat "$tmp/slurm"/part-*.jsonl > "$tmp/slurm.jsonl"
check slurm-array cmp -s "$tmp/one.jsonl" "$tmp/slurm.jsonl"
check slurm-no-temp [ -z "$(ls "$tmp/slurm" | grep tmp)" ]

# ---- ingest: many workers into one corpus ------------------------------------------
head -n 1000 "$tmp/in.jsonl" > "$tmp/ing.jsonl"
cat "$here/corpus/incidents.jsonl" >> "$tmp/ing.jsonl"
ndocs=$(wc -l < "$tmp/ing.jsonl")
store() { # DB OUT: what the corpus holds, whatever the order it was stored in
    "$bin" query --db "$1" | python3 "$here/corpus/canon.py" jsonl > "$2"
    "$bin" query --db "$1" --events | python3 "$here/corpus/canon.py" events >> "$2"
    sqlite3 "$1" "SELECT d.doc_key, d.hash, o.doc_key FROM document d LEFT JOIN document o ON o.id = d.dup_of" | sort >> "$2"
}
"$bin" ingest -q -j 1 --db "$tmp/one.db" "$tmp/ing.jsonl"; check ingest-one [ $? -eq 0 ]
store "$tmp/one.db" "$tmp/one.store"
check ingest-one-documents [ "$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM document")" -eq "$ndocs" ]
if command -v parallel > /dev/null 2>&1; then
    parallel --will-cite --pipe-part -a "$tmp/ing.jsonl" --block 100k -j 2 \
        "$bin" ingest -q -j 1 --batch 20 --db "$tmp/pp.db" - ; check ingest-parallel-exit [ $? -eq 0 ]
    store "$tmp/pp.db" "$tmp/pp.store"
    check ingest-parallel-same cmp -s "$tmp/one.store" "$tmp/pp.store"
fi
for task in 2 0 1; do
    SITREP=$bin SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 \
        SLURM_CPUS_PER_TASK=2 sh "$top/scripts/scale/slurm-ingest.sbatch" "$tmp/ing.jsonl" "$tmp/slurm.db" 2> /dev/null
done
store "$tmp/slurm.db" "$tmp/slurm.store"
check slurm-ingest-same cmp -s "$tmp/one.store" "$tmp/slurm.store"
# a task run again stores nothing twice
SITREP=$bin SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 \
    sh "$top/scripts/scale/slurm-ingest.sbatch" "$tmp/ing.jsonl" "$tmp/slurm.db" 2> "$tmp/rerun.err"
check slurm-ingest-rerun grep -q " 0 new, 0 updated, [0-9]* unchanged" "$tmp/rerun.err"
store "$tmp/slurm.db" "$tmp/slurm2.store"
check slurm-ingest-rerun-same cmp -s "$tmp/one.store" "$tmp/slurm2.store"

rm -rf "$tmp"
echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
