#!/bin/sh
# The corpus (docs/corpus.md): sitrep ingest and sitrep query on SQLite and
# on a real PostgreSQL server this script starts itself (Debian's
# postgresql-15: initdb + pg_ctl in a temporary directory, a private port on
# 127.0.0.1; as root the server runs as `nobody`, since postgres refuses
# root).  Checks: incidents told by several articles merge and others stay
# apart, merging does not depend on arrival order, ingest is idempotent and
# updates a changed document, SQLite and PostgreSQL give the same incidents
# and query results, a SIGKILL mid-batch loses nothing committed and leaves
# no half document, exports load (ACLED's 31 columns, GDELT's 61 and 16,
# valid SQLDATEs, GeoJSON), the hand-judged near-duplicate pairs, and false
# merges over the 7,636 ACLED dev notes (>= 97% of incidents of one note).
# usage: corpus.sh SITREP
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../shared
pass=0; fail=0
tmp=$(mktemp -d /tmp/sitrep-corpus.XXXXXX)
chmod 755 "$tmp"
ok() { pass=$((pass + 1)); echo "corpus $1: ok"; }
ko() { fail=$((fail + 1)); echo "corpus $1: FAILED ($2)"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else ko "$name" "$*"; fi; }
note() { echo "corpus: $*"; }

# ---- a private PostgreSQL ----------------------------------------------------
pgdir=$tmp/pg
. "$here/pglib.sh"
cleanup() { pg_stop; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
pg_start
check postgres-started [ $pg_up -eq 1 ]

q() { sqlite3 "$1" "$2"; }
corpus=$here/corpus/incidents.jsonl

# ---- true merges on the test corpus -------------------------------------------------
db=$tmp/t.db
"$bin" ingest --db "$db" "$corpus" 2> "$tmp/e"; check ingest-exit [ $? -eq 0 ]
check ingest-no-progress-off-terminal [ "$(tr -cd '\r' < "$tmp/e" | wc -c)" -eq 0 ]
# the incidents each article's first event (its lead) belongs to
members() { # db prefix -> the distinct incidents of the leads of that prefix's articles
    q "$1" "SELECT count(DISTINCT e.incident) FROM event e JOIN document d ON d.id = e.doc WHERE d.doc_id LIKE '$2-%' AND e.ord = 1"
}
articles() { # db doc_id -> articles in the incident of its lead
    q "$1" "SELECT i.num_articles FROM incident i JOIN event e ON e.incident = i.id JOIN document d ON d.id = e.doc WHERE d.doc_id = '$2' AND e.ord = 1"
}
merged=0
[ "$(members "$db" a)" = 1 ] && [ "$(articles "$db" a-wire)" = 4 ] && merged=$((merged + 1))
[ "$(q "$db" "SELECT count(DISTINCT e.incident) FROM event e JOIN document d ON d.id = e.doc WHERE d.doc_id IN ('b-wire', 'b-local') AND e.ord = 1")" = 1 ] &&
    [ "$(articles "$db" b-wire)" = 2 ] && merged=$((merged + 1))
[ "$(members "$db" c)" = 1 ] && [ "$(articles "$db" c-wire)" = 3 ] && merged=$((merged + 1))
[ "$(members "$db" d)" = 1 ] && merged=$((merged + 1))
note "true merges: $merged of 4 incidents told by several articles merge whole"
check true-merges [ $merged -ge 3 ]
check market-attack-whole [ "$(articles "$db" a-wire)" = 4 ]
check idlib-strike-whole [ "$(articles "$db" c-wire)" = 3 ]
check teachers-protest-whole [ "$(articles "$db" b-wire)" = 2 ]
# same town, same day, another type or other actors: apart
check arrests-apart [ "$(articles "$db" b-other)" = 1 ]
check drivers-apart [ "$(articles "$db" b-drivers)" = 1 ]
# the market attack: ACLED's conservative toll is the latest day's lowest (19, the
# update), with the lowest (10, the local paper) and the highest (19) and who said them
inc=$(q "$db" "SELECT e.incident FROM event e JOIN document d ON d.id = e.doc WHERE d.doc_id = 'a-wire' AND e.ord = 1")
check toll-conservative [ "$(q "$db" "SELECT fatalities || ' ' || fat_low || ' ' || fat_low_by || ' ' || fat_high FROM incident WHERE id = $inc")" = "19 10 dailytrust.example.ng 19" ]
check first-last-reported [ "$(q "$db" "SELECT first_reported || ' ' || last_reported FROM incident WHERE id = $inc")" = "2021-03-14T18:20 2021-03-16T10:40" ]
# two of the four articles are Reuters' (their datelines say so): three sources
check sources-counted [ "$(q "$db" "SELECT num_sources || ' ' || sources FROM incident WHERE id = $inc")" = "3 Reuters; army.example.gov.ng; dailytrust.example.ng" ]
check why-kept [ "$(q "$db" "SELECT count(*) FROM merge_link WHERE incident = $inc AND reason LIKE '%Boko Haram%'")" -ge 2 ]
"$bin" query --db "$db" --actor "boko haram" > "$tmp/j"; check query-exit [ $? -eq 0 ]
python3 - "$tmp/j" << 'PY' > "$tmp/py" 2>&1; r=$?; check incident-json [ $r -eq 0 ]; [ $r -eq 0 ] || cat "$tmp/py"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
big = [r for r in rows if r["num_articles"] == 4]
assert len(big) == 1, rows
r = big[0]
assert r["fatalities"] == {"conservative": 19, "lowest": 10, "lowest_by": "dailytrust.example.ng", "highest": 19, "highest_by": "Reuters"}, r["fatalities"]
assert r["location"]["name"].lower() == "maiduguri" and r["date"]["value"] == "2021-03-14", r
assert {x["value"] for x in r["support"]["fatalities"]} == {10, 11, 12, 19}, r["support"]
for rep in r["reports"]:
    assert rep["start"] < rep["end"] and rep["evidence"], rep
assert r["why"] and all(w["reason"] for w in r["why"]), r["why"]
PY

# ---- merging does not depend on the order articles arrive in --------------------
partition() { # db -> one line per incident: its reports, sorted
    q "$1" "SELECT d.doc_id || '#' || e.ord, e.incident FROM event e JOIN document d ON d.id = e.doc WHERE e.incident IS NOT NULL" |
        sort -t'|' -k2,2n -k1,1 | awk -F'|' '{ if ($2 != p && NR > 1) print s; if ($2 != p) s = ""; s = s " " $1; p = $2 } END { print s }' |
        sed 's/^ //' | while read -r l; do echo "$l" | tr ' ' '\n' | sort | tr '\n' ' '; echo; done | sort
}
tac "$corpus" > "$tmp/rev.jsonl"
"$bin" ingest -q --db "$tmp/rev.db" "$tmp/rev.jsonl"
partition "$db" > "$tmp/p1"; partition "$tmp/rev.db" > "$tmp/p2"
check order-independent cmp -s "$tmp/p1" "$tmp/p2"
check same-summary [ "$(q "$db" "SELECT fatalities, fat_low, fat_high, num_sources, actor1, location, date FROM incident ORDER BY 1, 2, 3, 4, 5, 6, 7")" = \
    "$(q "$tmp/rev.db" "SELECT fatalities, fat_low, fat_high, num_sources, actor1, location, date FROM incident ORDER BY 1, 2, 3, 4, 5, 6, 7")" ]

# ---- idempotent, and a changed document replaces its old version -------------------
"$bin" ingest --db "$db" "$corpus" 2> "$tmp/e"
check reingest-unchanged grep -q " 0 new, 0 updated, 13 unchanged" "$tmp/e"
check reingest-once [ "$(q "$db" "SELECT count(*) FROM document")" = 13 ]
n_ev=$(q "$db" "SELECT count(*) FROM event")
grep '"id": "c-monitor"' "$corpus" | sed 's/killed 12 civilians/killed 15 civilians/' > "$tmp/upd.jsonl"
"$bin" ingest --db "$db" "$tmp/upd.jsonl" 2> "$tmp/e"
check update-counted grep -q " 0 new, 1 updated" "$tmp/e"
check update-not-doubled [ "$(q "$db" "SELECT count(*) FROM document")" = 13 ]
check update-version [ "$(q "$db" "SELECT version FROM document WHERE doc_id = 'c-monitor'")" = 2 ]
check update-events-replaced [ "$(q "$db" "SELECT count(*) FROM event")" = "$n_ev" ]
check update-support [ "$(q "$db" "SELECT fat_high FROM incident i JOIN event e ON e.incident = i.id JOIN document d ON d.id = e.doc WHERE d.doc_id = 'c-monitor'")" = 15 ]
check update-still-merged [ "$(articles "$db" c-wire)" = 3 ]

# ---- a bad document is reported as FILE:BYTE and skipped -------------------------
{ head -n 2 "$corpus"; echo '{"id": "broken", "text": '; sed -n 3p "$corpus"; } > "$tmp/bad.jsonl"
"$bin" ingest --db "$tmp/bad.db" "$tmp/bad.jsonl" 2> "$tmp/e"; rc=$?
check bad-doc-exit [ $rc -eq 2 ]
check bad-doc-reported grep -qE "^$tmp/bad.jsonl:[0-9]+: " "$tmp/e"
check bad-doc-skipped [ "$(q "$tmp/bad.db" "SELECT count(*) FROM document")" = 3 ]

# ---- exports users load without fixing them -------------------------------------------
"$bin" query --db "$db" --format acled > "$tmp/acled.csv"; check acled-exit [ $? -eq 0 ]
"$bin" query --db "$db" --events --format acled > "$tmp/acled_ev.csv"
"$bin" query --db "$db" --format gdelt > "$tmp/gdelt.tsv"
"$bin" query --db "$db" --format gdelt-mentions > "$tmp/mentions.tsv"
"$bin" query --db "$db" --format geojson > "$tmp/geo.json"
"$bin" query --db "$db" --events --format plover > "$tmp/plover.jsonl"
python3 - "$tmp" "$corpus" << 'PY' > "$tmp/py" 2>&1; r=$?; check exports-load [ $r -eq 0 ]; [ $r -eq 0 ] || cat "$tmp/py"
import csv, datetime, json, sys
t, corpus = sys.argv[1], sys.argv[2]
cols = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
        "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
        "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
        "tags timestamp").split()
for f in ("acled.csv", "acled_ev.csv"):
    rows = list(csv.reader(open(f"{t}/{f}", newline="")))
    assert rows[0] == cols, rows[0]
    assert len(rows) > 5 and all(len(r) == 31 for r in rows), f
    for r in rows[1:]:
        d = dict(zip(cols, r))
        datetime.date.fromisoformat(d["event_date"])
        assert d["year"] == d["event_date"][:4] and d["time_precision"] in "123", d
        assert int(d["interaction"]) in {int(a) * 10 + int(b) for a in "012345678" for b in "012345678"}, d
        int(d["fatalities"]); int(d["timestamp"])
acled = list(csv.DictReader(open(f"{t}/acled.csv", newline="")))
m = [r for r in acled if r["location"].lower() == "maiduguri" and r["event_type"] == "Violence against civilians"]
assert m and m[0]["fatalities"] == "19" and m[0]["iso"] == "566" and m[0]["country"] == "Nigeria", m
assert m[0]["disorder_type"] == "Political violence" and m[0]["civilian_targeting"] == "Civilian targeting", m
assert "Reuters" in m[0]["source"] and m[0]["event_id_cnty"].startswith("NGA"), m
ev = [l.rstrip("\n").split("\t") for l in open(f"{t}/gdelt.tsv")]
assert ev and all(len(r) == 61 for r in ev), {len(r) for r in ev}
for r in ev:
    if r[1]:
        datetime.datetime.strptime(r[1], "%Y%m%d")
        assert r[2] == r[1][:6] and r[3] == r[1][:4]
    int(r[0]); float(r[30]); int(r[31]); int(r[32]); int(r[33])
# the market attack: 4 articles from 3 sources; NumMentions counts every
# sentence that tells it (GDELT counts several references in one document),
# so at least one an article and more where an article tells it twice
big = [r for r in ev if r[33] == "4"]
assert big and big[0][32] == "3" and int(big[0][31]) > 4, [r[31:34] for r in ev]
texts = {json.loads(l)["url"]: json.loads(l)["text"].encode() for l in open(corpus)}
men = [l.rstrip("\n").split("\t") for l in open(f"{t}/mentions.tsv")]
assert men and all(len(r) == 16 for r in men), {len(r) for r in men}
for r in men:
    txt = texts[r[5]]
    off = int(r[9])
    assert 0 <= off < len(txt) and int(r[12]) == len(txt), r
g = json.load(open(f"{t}/geo.json"))
assert g["type"] == "FeatureCollection" and g["features"], g
for f in g["features"]:
    assert f["type"] == "Feature" and (f["geometry"] is None or len(f["geometry"]["coordinates"]) == 2)
pl = [json.loads(l) for l in open(f"{t}/plover.jsonl")]
assert pl and all(p["event"] and "date" in p for p in pl)
PY
# a partial date is never an invalid SQLDATE such as 20140000
printf '%s\n' '{"id":"m1","url":"https://x.example/m1","title":"Clashes in March","published":"2014-05-02","text":"Troops clashed with rebels in Aleppo in March 2014, killing 20 fighters, activists said."}' > "$tmp/m.jsonl"
"$bin" ingest -q --db "$tmp/m.db" "$tmp/m.jsonl"
"$bin" query --db "$tmp/m.db" --events --format gdelt > "$tmp/m.tsv"
check sqldate-month [ "$(cut -f2 "$tmp/m.tsv" | head -n 1)" = 20140301 ]
"$bin" query --db "$tmp/m.db" --events --format acled | tail -n 1 | grep -q ",2014-03-01,2014,3,"; check acled-month-precision [ $? -eq 0 ]

# ---- filters ---------------------------------------------------------------------
fq() { d=$1; shift; "$bin" query --db "$d" "$@" | wc -l; }
check filter-country [ "$(fq "$db" --country NGA)" -ge 1 ] && check filter-country-none [ "$(fq "$db" --country Peru)" -eq 0 ]
check filter-text [ "$(fq "$db" --text "market")" -ge 1 ] && check filter-text-none [ "$(fq "$db" --text "volcano")" -eq 0 ]
check filter-fatalities [ "$(fq "$db" --min-fatalities 14)" -eq 2 ]
check filter-bbox [ "$(fq "$db" --bbox 10,12,13,14 --event-type "violence against civilians")" -eq 1 ]
check filter-dates [ "$(fq "$db" --from 2021-05 --to 2021-05-31 --event-type Protests)" -eq 2 ]
check filter-source [ "$(fq "$db" --source dailytrust.example.ng)" -ge 1 ]

# ---- SQLite and PostgreSQL: the same incidents and query results ------------------------
if [ $pg_up -eq 1 ] && [ -f "$shared/eval/data/acled_dev.jsonl" ]; then
    python3 "$shared/eval/score_acled.py" --input "$shared/eval/data/acled_dev.jsonl" > "$tmp/acled_in.jsonl"
    head -n 400 "$tmp/acled_in.jsonl" > "$tmp/mix.jsonl"
    cat "$corpus" >> "$tmp/mix.jsonl"
    createdb_ same
    "$bin" ingest -q --db "$tmp/same.db" "$tmp/mix.jsonl"; check same-sqlite [ $? -eq 0 ]
    "$bin" ingest -q --db "$(pgurl same)" "$tmp/mix.jsonl"; check same-postgres [ $? -eq 0 ]
    same=0; differ=""
    while IFS= read -r args; do
        # shellcheck disable=SC2086
        "$bin" query --db "$tmp/same.db" $args > "$tmp/s1" 2>&1
        # shellcheck disable=SC2086
        "$bin" query --db "$(pgurl same)" $args > "$tmp/s2" 2>&1
        if cmp -s "$tmp/s1" "$tmp/s2" && [ -s "$tmp/s1" ]; then same=$((same + 1)); else differ="$differ [$args]"; fi
    done << 'EOF'
--format jsonl
--events --format jsonl
--format acled
--events --format acled
--format gdelt
--format gdelt-mentions
--events --format plover
--format geojson
--country Nigeria --format acled
--event-type Protests --from 2022-01-02 --to 2022-01-04
--actor police --events
--min-fatalities 1 --format acled
--bbox 0,0,40,60 --format geojson
--text market
--text protest --events --format acled
--source Reuters
--location Maiduguri --format gdelt
EOF
    check same-results [ -z "$differ" ] || echo "corpus: differ:$differ"
    note "SQLite and PostgreSQL agree on $same queries"
    check same-counts [ "$(q "$tmp/same.db" "SELECT count(*), sum(num_articles) FROM incident")" = \
        "$(psql -At -F'|' "$(pgurl same)" -c "SELECT count(*), sum(num_articles) FROM incident")" ]
    # postgres: idempotent too
    "$bin" ingest --db "$(pgurl same)" "$corpus" 2> "$tmp/e"
    check postgres-reingest grep -q " 0 new, 0 updated, 13 unchanged" "$tmp/e"
fi

# ---- a SIGKILL mid-batch loses nothing committed and leaves no half document ---------
if [ -f "$tmp/acled_in.jsonl" ]; then
    head -n 1500 "$tmp/acled_in.jsonl" > "$tmp/k.jsonl"
    "$bin" ingest -q --db "$tmp/clean.db" "$tmp/k.jsonl"
    "$bin" ingest -q --batch 25 --db "$tmp/k.db" "$tmp/k.jsonl" &
    pid=$!
    i=0
    while [ $i -lt 600 ]; do
        n=$(q "$tmp/k.db" "SELECT count(*) FROM document" 2>/dev/null || echo 0)
        [ "${n:-0}" -ge 200 ] && break
        sleep 0.05; i=$((i + 1))
    done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    n=$(q "$tmp/k.db" "SELECT count(*) FROM document")
    note "killed after $n documents were committed"
    check crash-mid-run [ "$n" -ge 200 ] && check crash-before-end [ "$n" -lt 1500 ]
    check crash-batches-whole [ $((n % 25)) -eq 0 ]
    # every committed document has all its events
    check crash-no-half [ "$(q "$tmp/k.db" "SELECT count(*) FROM event")" = \
        "$(q "$tmp/k.db" "ATTACH '$tmp/clean.db' AS c; SELECT count(*) FROM c.event e JOIN c.document d ON d.id = e.doc WHERE d.doc_id IN (SELECT doc_id FROM main.document)")" ]
    "$bin" ingest -q --batch 25 --db "$tmp/k.db" "$tmp/k.jsonl"; check crash-rerun [ $? -eq 0 ]
    check crash-once [ "$(q "$tmp/k.db" "SELECT count(*), count(DISTINCT doc_key) FROM document")" = "1500|1500" ]
    check crash-events [ "$(q "$tmp/k.db" "SELECT count(*) FROM event")" = "$(q "$tmp/clean.db" "SELECT count(*) FROM event")" ]
    check crash-incidents [ "$(q "$tmp/k.db" "SELECT count(*) FROM incident")" = "$(q "$tmp/clean.db" "SELECT count(*) FROM incident")" ]
fi

# ---- near-duplicates: the pairs judged by hand (tests/fixtures/neardup_judged.tsv) --------
if [ -f "$shared/corpus/reuters21578.jsonl" ]; then
    grep -v '^#' "$here/fixtures/neardup_judged.tsv" | cut -f1,2 | tr '\t' '\n' | sort -u | sed 's/.*/"id": "&",/' > "$tmp/ids"
    grep -F -f "$tmp/ids" "$shared/corpus/reuters21578.jsonl" > "$tmp/nd.jsonl"
    "$bin" ingest -q --db "$tmp/nd.db" "$tmp/nd.jsonl"
    q "$tmp/nd.db" "SELECT a.doc_id || ' ' || b.doc_id FROM neardup n JOIN document a ON a.id = n.doc JOIN document b ON b.id = n.other" | sort > "$tmp/found"
    res=$(grep -v '^#' "$here/fixtures/neardup_judged.tsv" | while IFS="$(printf '\t')" read -r a b _ label _; do
        if grep -qx "$a $b" "$tmp/found"; then echo "found $label"; else echo "missed $label"; fi
    done | sort | uniq -c | tr '\n' ' ')
    note "judged near-duplicate pairs: $res"
    tp=$(echo "$res" | grep -o '[0-9]* found 1' | cut -d' ' -f1); fp=$(echo "$res" | grep -o '[0-9]* found 0' | cut -d' ' -f1)
    tp=${tp:-0}; fp=${fp:-0}
    check neardup-precision [ $((tp * 100)) -ge $(((tp + fp) * 95)) ]
    check neardup-recall [ "$tp" -ge 47 ]
fi

# ---- false merges: the ACLED dev notes are one event each --------------------------------
if [ -f "$tmp/acled_in.jsonl" ]; then
    "$bin" ingest -q --db "$tmp/acled.db" "$tmp/acled_in.jsonl"
    r=$(q "$tmp/acled.db" "SELECT count(*) || ' ' || sum(num_articles = 1) FROM incident")
    set -- $r
    note "ACLED dev notes: $1 incidents, $2 of one note ($((100 * $2 / $1)).$((1000 * $2 / $1 % 10))%)"
    check acled-false-merges [ $((1000 * $2)) -ge $((970 * $1)) ]
fi

echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
