#!/bin/sh
# Many ingest workers into one PostgreSQL (docs/scale.md, docs/corpus.md),
# on a server this script starts on loopback (tests/pglib.sh).  Input: the
# first 2,000 Reuters articles of ../shared/corpus plus the test corpus
# tests/corpus/incidents.jsonl.  Checks:
#   - `ingest -j 2` stores what `-j 1` stores: `sitrep query` gives the same
#     bytes, in SQLite and in PostgreSQL;
#   - two workers under GNU parallel, the input dealt to them in
#     interleaved blocks (--pipe --round-robin), give exactly the documents,
#     near-duplicates and incidents of one process (the query outputs with
#     row numbers, which the database hands out in arrival order, taken out
#     by tests/corpus/canon.py), three times over with other batch sizes;
#   - two workers given overlapping input (the test corpus in both shards)
#     store each document once;
#   - a batch the server aborts for a deadlock is run again: a psql session
#     holds the corpus's link lock and waits on the ingest's insert, the
#     server breaks the deadlock by aborting the ingest's batch, the ingest
#     runs it again and stores everything.
# Prints the 2-worker run's time against one process's.
# usage: ingest_parallel.sh SITREP
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../shared
pass=0; fail=0
tmp=$(mktemp -d /tmp/sitrep-ingestj.XXXXXX)
chmod 755 "$tmp"
ok() { pass=$((pass + 1)); echo "ingest_parallel $1: ok"; }
ko() { fail=$((fail + 1)); echo "ingest_parallel $1: FAILED ($2)"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else ko "$name" "$*"; fi; }
note() { echo "ingest_parallel: $*"; }

pgdir=$tmp/pg
. "$here/pglib.sh"
cleanup() { pg_stop; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
pg_start
check postgres-started [ "$pg_up" -eq 1 ]
have_parallel() { command -v parallel > /dev/null; }
check parallel-installed have_parallel
reuters=$shared/corpus/reuters21578.jsonl
check reuters-present [ -f "$reuters" ]
if [ "$pg_up" -ne 1 ] || [ ! -f "$reuters" ] || ! command -v parallel > /dev/null; then
    echo "ingest_parallel: $pass passed, $fail failed"
    exit 1
fi
psql_() { psql -X -q -At -F'|' "$(pgurl "$1")" -c "$2"; }
canon() { python3 "$here/corpus/canon.py" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

head -n 2000 "$reuters" > "$tmp/in.jsonl"
cat "$here/corpus/incidents.jsonl" >> "$tmp/in.jsonl"
ndocs=$(wc -l < "$tmp/in.jsonl")

# What a store holds, written so that two stores with the same documents and
# incidents give the same text whatever order they were stored in.
snapshot() { # DB OUT
    "$bin" query --db "$1" | canon jsonl > "$2.incidents"
    "$bin" query --db "$1" --events | canon events > "$2.events"
    "$bin" query --db "$1" --format acled | canon acled > "$2.acled"
    "$bin" query --db "$1" --format gdelt-mentions | canon tsv > "$2.mentions"
    case $1 in
    postgresql://*)
        psql -X -q -At -F'|' "$1" -c "SELECT d.doc_key, d.hash, d.version, o.doc_key FROM document d LEFT JOIN document o ON o.id = d.dup_of" | sort > "$2.docs"
        psql -X -q -At -F'|' "$1" -c "SELECT a.doc_key, b.doc_key, n.sim FROM neardup n JOIN document a ON a.id = n.doc JOIN document b ON b.id = n.other" | sort > "$2.neardup" ;;
    *)
        sqlite3 "$1" "SELECT d.doc_key, d.hash, d.version, o.doc_key FROM document d LEFT JOIN document o ON o.id = d.dup_of" | sort > "$2.docs"
        sqlite3 "$1" "SELECT a.doc_key, b.doc_key, n.sim FROM neardup n JOIN document a ON a.id = n.doc JOIN document b ON b.id = n.other" | sort > "$2.neardup" ;;
    esac
}
same_snapshot() { # A B: every part equal and not empty
    for part in incidents events acled mentions docs neardup; do
        [ -s "$1.$part" ] && cmp -s "$1.$part" "$2.$part" || { echo "ingest_parallel: $1.$part and $2.$part differ" >&2; return 1; }
    done
}

# ---- one process: the reference ---------------------------------------------------
createdb_ one
t0=$(now)
"$bin" ingest -q -j 1 --db "$(pgurl one)" "$tmp/in.jsonl"; check one-process [ $? -eq 0 ]
t1=$(now)
one_s=$(secs "$t0" "$t1")
snapshot "$(pgurl one)" "$tmp/one"
check one-documents [ "$(wc -l < "$tmp/one.docs")" -eq "$ndocs" ]
check one-has-incidents [ "$(psql_ one "SELECT count(*) FROM incident WHERE num_articles > 1")" -ge 4 ]
check one-has-neardups [ "$(wc -l < "$tmp/one.neardup")" -ge 20 ]

# ---- -j 2 stores what -j 1 stores: the same bytes ---------------------------------
bytes() { # DB OUT
    for f in "--format jsonl" "--events --format jsonl" "--format acled" "--format gdelt" "--format gdelt-mentions"; do
        # shellcheck disable=SC2086
        "$bin" query --db "$1" $f
    done > "$2"
}
createdb_ two_threads
"$bin" ingest -q -j 2 --db "$(pgurl two_threads)" "$tmp/in.jsonl"; check threads-postgres-exit [ $? -eq 0 ]
bytes "$(pgurl one)" "$tmp/b1"; bytes "$(pgurl two_threads)" "$tmp/b2"
check threads-postgres-same [ -s "$tmp/b1" ] && check threads-postgres-same-bytes cmp -s "$tmp/b1" "$tmp/b2"
"$bin" ingest -q -j 1 --db "$tmp/one.db" "$tmp/in.jsonl"
"$bin" ingest -q -j 2 --db "$tmp/two.db" "$tmp/in.jsonl"; check threads-sqlite-exit [ $? -eq 0 ]
bytes "$tmp/one.db" "$tmp/s1"; bytes "$tmp/two.db" "$tmp/s2"
check threads-sqlite-same-bytes cmp -s "$tmp/s1" "$tmp/s2"
check threads-sqlite-is-postgres cmp -s "$tmp/s1" "$tmp/b1"

# ---- two workers at once into one PostgreSQL: the documents and incidents of one --
# Blocks of N lines dealt to the two workers as they read; small batches so
# that the two commit often and their batches interleave.
round=0
for spec in "50 25" "37 10" "100 50"; do
    round=$((round + 1))
    set -- $spec
    createdb_ "two$round"
    t0=$(now)
    parallel --will-cite --pipe --round-robin -N "$1" -j 2 \
        "$bin" ingest -q -j 1 --batch "$2" --db "$(pgurl "two$round")" - < "$tmp/in.jsonl"
    rc=$?
    t1=$(now)
    check "workers-exit-$round" [ $rc -eq 0 ]
    [ $round -eq 1 ] && two_s=$(secs "$t0" "$t1")
    snapshot "$(pgurl "two$round")" "$tmp/two$round"
    check "workers-documents-$round" [ "$(psql_ "two$round" "SELECT count(*) || ' ' || count(DISTINCT doc_key) FROM document")" = "$ndocs $ndocs" ]
    check "workers-same-as-one-$round" same_snapshot "$tmp/one" "$tmp/two$round"
done
note "2,013 documents into PostgreSQL: one process ${one_s} s, two workers ${two_s} s (wall, on a shared machine)"

# ---- overlapping input: each document stored once ---------------------------------
# Both shards hold the test corpus: the two workers race on the same keys.
createdb_ overlap
split -n r/2 "$tmp/in.jsonl" "$tmp/shard."
for s in "$tmp"/shard.a?; do cat "$here/corpus/incidents.jsonl" >> "$s"; done
parallel --will-cite -j 2 "$bin" ingest -q -j 1 --batch 5 --db "$(pgurl overlap)" ::: "$tmp"/shard.a? 
check overlap-exit [ $? -eq 0 ]
snapshot "$(pgurl overlap)" "$tmp/overlap"
check overlap-once [ "$(psql_ overlap "SELECT count(*) FROM document")" -eq "$ndocs" ]
check overlap-same-as-one same_snapshot "$tmp/one" "$tmp/overlap"

# ---- a deadlock aborts a batch, which is run again -----------------------------------
# psql holds the link lock (SR_LINK_LOCK in corpus.h); the ingest, having
# inserted its documents, waits for it; psql then inserts the ingest's first
# key and waits for the ingest: a cycle, which the ingest's server process
# finds (its deadlock_timeout is the shorter) and breaks by aborting its batch.
createdb_ dl
"$bin" ingest -q --db "$(pgurl dl)" /dev/null
key=$(head -n 1 "$here/corpus/incidents.jsonl" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("url") or d["id"])')
mkfifo "$tmp/psql.in"
psql -X -q "$(pgurl dl)" < "$tmp/psql.in" > "$tmp/psql.out" 2>&1 &
psql_pid=$!
exec 3> "$tmp/psql.in"
echo "SET deadlock_timeout = '60s'; BEGIN; SELECT pg_advisory_xact_lock(7215, 1);" >&3
# the ingest starts only once psql holds the lock (psql may be slow to connect)
held() { [ "$(psql_ dl "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" -ge 1 ]; }
i=0; while [ $i -lt 300 ] && ! held; do sleep 0.1; i=$((i + 1)); done
check deadlock-psql-holds-lock held
PGOPTIONS="-c deadlock_timeout=2000" "$bin" ingest --db "$(pgurl dl)" -j 1 "$here/corpus/incidents.jsonl" 2> "$tmp/dl.err" &
ingest_pid=$!
waited() { [ "$(psql_ dl "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")" -ge 1 ]; }
i=0; while [ $i -lt 300 ] && ! waited; do sleep 0.1; i=$((i + 1)); done
check deadlock-ingest-waits waited
echo "INSERT INTO document(doc_key, doc_id, hash) VALUES('$key', 'psql', 'psql') ON CONFLICT DO NOTHING;" >&3
i=0; while [ $i -lt 300 ] && ! grep -q "running the batch again" "$tmp/dl.err"; do sleep 0.1; i=$((i + 1)); done
echo "ROLLBACK;" >&3
exec 3>&-
wait $ingest_pid; rc=$?
wait $psql_pid
check deadlock-retried grep -q "40P01.*running the batch again (run 2 of" "$tmp/dl.err"
check deadlock-ingest-exit [ $rc -eq 0 ]
check deadlock-summary grep -q "13 new.*; 1 batch runs again" "$tmp/dl.err"
[ $rc -eq 0 ] || cat "$tmp/dl.err"
createdb_ dlref
"$bin" ingest -q --db "$(pgurl dlref)" "$here/corpus/incidents.jsonl"
"$bin" query --db "$(pgurl dl)" | canon jsonl > "$tmp/dl.inc"
"$bin" query --db "$(pgurl dlref)" | canon jsonl > "$tmp/dlref.inc"
check deadlock-stored-whole [ -s "$tmp/dl.inc" ] && check deadlock-same-incidents cmp -s "$tmp/dl.inc" "$tmp/dlref.inc"
check deadlock-no-psql-row [ "$(psql_ dl "SELECT count(*) FROM document WHERE doc_id = 'psql'")" = 0 ]

echo "ingest_parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
