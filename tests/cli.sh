#!/bin/sh
# The sitrep command as users meet it: help, exit codes, FILE:BYTE errors,
# batches that survive bad documents, standard input, -o, compression, and
# (when ../shared is beside the repo) the seed article.
# usage: cli.sh SITREP
set -u
bin=$1
pass=0; fail=0
tmp=$(mktemp -d)
ok() { pass=$((pass + 1)); echo "cli $1: ok"; }
ko() { fail=$((fail + 1)); echo "cli $1: FAILED ($2)"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else ko "$name" "$*"; fi; }

"$bin" --help > "$tmp/h" 2>&1; rc=$?
check help-exit [ $rc -eq 0 ]
check help-text grep -q "extract" "$tmp/h"
"$bin" extract --help > "$tmp/h" 2>&1; rc=$?
check extract-help [ $rc -eq 0 ]
for opt in --output --pretty --summary --format --no-text --tokens --max-doc-bytes "FILE:BYTE"; do
    check "extract-help-$opt" grep -q -- "$opt" "$tmp/h"
done
"$bin" --version | grep -q "sitrep/1"; check version [ $? -eq 0 ]
"$bin" frobnicate > /dev/null 2>&1; check unknown-command [ $? -eq 1 ]
"$bin" extract --bogus > /dev/null 2>&1; check unknown-option [ $? -eq 1 ]
"$bin" extract --format xml x > /dev/null 2>&1; check bad-format [ $? -eq 1 ]
"$bin" extract -o > /dev/null 2>&1; check missing-value [ $? -eq 1 ]

# A missing file is reported and the other files are still read.
"$bin" extract /nonexistent.txt examples/sample.txt > "$tmp/o" 2> "$tmp/e"; rc=$?
check missing-file-exit [ $rc -eq 2 ]
check missing-file-msg grep -q "^/nonexistent.txt:0: cannot open" "$tmp/e"
check missing-file-rest [ "$(wc -l < "$tmp/o")" -eq 1 ]

# events: a bad line is reported, the other documents' events still come
"$bin" events tests/golden/batch.jsonl > "$tmp/o" 2> "$tmp/e"; rc=$?
check events-bad-line-exit [ $rc -eq 2 ]
check events-bad-line-msg grep -qE "^tests/golden/batch.jsonl:[0-9]+: invalid JSON" "$tmp/e"
check events-bad-line-rest grep -q "^b3-v" "$tmp/o"
"$bin" events --format xml x > /dev/null 2>&1; check events-bad-format [ $? -eq 1 ]
"$bin" events --help | grep -q -- "--format gdelt"; check events-help [ $? -eq 0 ]

# A bad JSONL line: FILE:BYTE on stderr, an error record in its place.
"$bin" extract tests/golden/batch.jsonl > "$tmp/o" 2> "$tmp/e"; rc=$?
check bad-line-exit [ $rc -eq 2 ]
check bad-line-msg grep -qE "^tests/golden/batch.jsonl:[0-9]+: invalid JSON" "$tmp/e"
check bad-line-count [ "$(wc -l < "$tmp/o")" -eq 3 ]
check bad-line-record grep -q '"id":"tests/golden/batch.jsonl#2","error"' "$tmp/o"
check bad-line-next grep -q '"id":"b3"' "$tmp/o"
# The byte offset points inside the bad line.
line2=$(head -n 1 tests/golden/batch.jsonl | wc -c)
off=$(sed -E 's/^[^:]*:([0-9]+):.*/\1/' "$tmp/e")
check bad-line-offset [ "$off" -ge "$line2" ]

# Standard input, -o, --no-text, --format.
"$bin" extract - < examples/sample.txt > "$tmp/o"; check stdin [ $? -eq 0 ]
check stdin-id grep -q '"id":"-"' "$tmp/o"
"$bin" extract -o "$tmp/out.jsonl" examples/sample.txt; check output-file [ -s "$tmp/out.jsonl" ]
"$bin" extract --no-text examples/sample.txt > "$tmp/o"
check no-text python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit("text" in r or "blocks" not in r)' "$tmp/o"
"$bin" extract --format text tests/golden/page.html | grep -q '"kind":"title"'; check force-format [ $? -eq 1 ]
"$bin" extract --summary examples/sample.txt > "$tmp/o"; check summary grep -q "title:" "$tmp/o"
gzip -c tests/golden/batch.jsonl | "$bin" extract > "$tmp/o" 2>/dev/null; check gzip-stdin [ "$(wc -l < "$tmp/o")" -eq 3 ]
"$bin" extract --max-doc-bytes 100 examples/sample.txt > "$tmp/o" 2> "$tmp/e"; rc=$?
check limit-exit [ $rc -eq 2 ]
check limit-msg grep -q "size limit" "$tmp/e"

# The model: described when valid, refused by name when not.
"$bin" model info > "$tmp/o" 2>&1; check model-info [ $? -eq 0 ]
check model-info-text grep -q "LEXH" "$tmp/o"
head -c 4000 build/sitrep.model > "$tmp/bad.model"
"$bin" model info "$tmp/bad.model" > /dev/null 2> "$tmp/e"; check model-bad-exit [ $? -eq 2 ]
check model-bad-msg grep -q "bad.model: bad model file (size differs" "$tmp/e"
"$bin" extract --model "$tmp/bad.model" examples/sample.txt > /dev/null 2> "$tmp/e"
check extract-bad-model [ $? -eq 2 ]
check extract-bad-model-msg grep -q "bad model file" "$tmp/e"
"$bin" extract --tokens examples/sample.txt | grep -q '"tag":"VBD","lemma":"say"'
check tokens-tagged [ $? -eq 0 ]

# --until: stop after a stage; read and segment need no model.
"$bin" extract --until segment --tokens examples/sample.txt > "$tmp/o"; check until-exit [ $? -eq 0 ]
check until-no-tags [ "$(grep -c '"tag"' "$tmp/o")" -eq 0 ]
check until-sentences grep -q '"sentences":\[{' "$tmp/o"
"$bin" extract --until read examples/sample.txt | grep -q '"sentences":\[\]'; check until-read [ $? -eq 0 ]
SITREP_MODEL=/nonexistent.model "$bin" extract --until segment examples/sample.txt > /dev/null
check until-without-model [ $? -eq 0 ]
"$bin" extract --until nosuchstage examples/sample.txt > /dev/null 2>&1; check until-bad [ $? -eq 1 ]

# A large JSONL stream runs in constant memory (one line held at a time).
case "$bin" in *asan*) sanitized=1 ;; *) sanitized=0 ;; esac
if [ $sanitized -eq 0 ] && command -v /usr/bin/time > /dev/null 2>&1; then
    awk 'BEGIN { for (i = 0; i < 40000; i++) printf "{\"id\":\"%d\",\"text\":\"Troops entered the town of Tal Afar on Monday, officials said. Residents fled.\"}\n", i }' > "$tmp/big.jsonl"
    head -n 1 "$tmp/big.jsonl" > "$tmp/one.jsonl"
    /usr/bin/time -f "%M" "$bin" extract -o /dev/null "$tmp/big.jsonl" 2> "$tmp/rss"
    /usr/bin/time -f "%M" "$bin" extract -o /dev/null "$tmp/one.jsonl" 2> "$tmp/rss1"
    rss=$(tail -n 1 "$tmp/rss"); rss1=$(tail -n 1 "$tmp/rss1")
    # 40,000 documents may not take more than 8 MB over one document
    check constant-memory [ $((rss - rss1)) -lt 8192 ]
fi

# Entities on our own sample article: one place however the tagger typed
# each mention ("the old city of Tal Afar"), people with titles and roles.
"$bin" extract examples/sample.txt > "$tmp/sample.jsonl"
check sample-entities python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
e = {x["name"]: x for x in r["entities"]}
ta = e["Tal Afar"]
assert ta["type"] == "GPE" and ta["geo"]["country"] == "IQ" and len(ta["mentions"]) == 5, ta
assert sum(1 for x in r["entities"] if x["name"] == "Tal Afar") == 1
y = e["Yahya Rasool"]
assert y["title"] == "Brig. Gen." and y["role"] == "spokesman" and y["actor"]["sector"] == "MIL", y
assert e["Mosul"]["geo"]["country"] == "IQ"
assert e["Islamic State"]["actor"]["code"] == "IMGMOSSUNREB"
' "$tmp/sample.jsonl"

# Every core: -j N gives the records of -j 1, in input order, with the bad
# line reported and in its place; events too.
for j in 2 3; do
    "$bin" extract -j 1 tests/golden/batch.jsonl > "$tmp/j1" 2> "$tmp/e1"
    "$bin" extract -j $j tests/golden/batch.jsonl > "$tmp/jn" 2> "$tmp/en"; rc=$?
    check "jobs-$j-exit" [ $rc -eq 2 ]
    check "jobs-$j-same" cmp -s "$tmp/j1" "$tmp/jn"
    check "jobs-$j-errors" cmp -s "$tmp/e1" "$tmp/en"
done
corpus=../shared/corpus/reuters21578.jsonl
if [ -f "$corpus" ]; then
    head -n 1500 "$corpus" > "$tmp/r.jsonl"
    "$bin" extract -j 1 "$tmp/r.jsonl" > "$tmp/j1"
    "$bin" extract -j 2 "$tmp/r.jsonl" > "$tmp/j2"; check jobs-corpus-exit [ $? -eq 0 ]
    check jobs-corpus-same cmp -s "$tmp/j1" "$tmp/j2"
    "$bin" events -j 1 "$tmp/r.jsonl" > "$tmp/v1"
    "$bin" events -j 2 "$tmp/r.jsonl" > "$tmp/v2"
    check jobs-events-same cmp -s "$tmp/v1" "$tmp/v2"
    # A record does not depend on the documents before it: the corpus read
    # backwards gives the same records.
    tac "$tmp/r.jsonl" > "$tmp/rev.jsonl"
    "$bin" extract -j 2 "$tmp/rev.jsonl" | tac > "$tmp/jr"
    check jobs-order-free cmp -s "$tmp/j1" "$tmp/jr"
fi
"$bin" extract -j 0 x > /dev/null 2>&1; check jobs-bad [ $? -eq 1 ]

# The seed article (read from ../shared when it is there).
seed=../shared/seeds/000_a078ef960d8e8806.txt
if [ -f "$seed" ]; then
    "$bin" extract "$seed" > "$tmp/seed.jsonl"; check seed-exit [ $? -eq 0 ]
    if command -v python3 > /dev/null 2>&1; then
        python3 - "$tmp/seed.jsonl" <<'PY' && ok seed-fields || ko seed-fields "see above"
import json, sys
r = json.loads(open(sys.argv[1]).read())
t = r["text"].encode()
m = r["meta"]
assert m["section"] == "Islamic State", m
assert m["title"].startswith("Fighters backed by US begin"), m
assert m["published"] == "2017-10-15T21:37" and m["updated"] == "2017-10-15T22:50", m
bp = [t[b["start"]:b["end"]].decode() for b in r["blocks"] if b["kind"] == "boilerplate"]
assert len(bp) == 2 and bp[0].startswith("Syrian rebel group") and bp[1].startswith("Trump is ending"), bp
body = [b for b in r["blocks"] if b["kind"] == "body"]
assert len(body) == 22, len(body)
sents = [t[s["start"]:s["end"]].decode() for s in r["sentences"]]
assert sents[0].startswith("US-backed militias") and sents[0].endswith("last stand."), sents[0]
assert "Dillon said on Sunday: “We may not always fully agree with our partners at times." in sents
assert "But the group is now in disarray." in sents
assert not any("Trump is ending" in s for s in sents)
PY
        python3 - "$tmp/seed.jsonl" <<'PY' && ok seed-entities || ko seed-entities "see above"
import json, sys
r = json.loads(open(sys.argv[1]).read())
t = r["text"].encode()
ents = r["entities"]
def one(name):
    hits = [e for e in ents if e["name"] == name]
    assert len(hits) == 1, (name, [e["name"] for e in ents])
    return hits[0]
# every mention's bytes read as a name of its entity
for e in ents:
    for m in e["mentions"]:
        s = t[m["start"]:m["end"]].decode()
        assert s == e["name"] or s in e.get("aliases", []), (e["name"], s)
d = one("Ryan Dillon")
assert d["type"] == "PERSON" and d["title"] == "Colonel" and d["role"] == "spokesman", d
assert "Dillon" in d["aliases"] and len(d["mentions"]) == 2, d
coal = [e for e in ents if e["id"] == d.get("affiliation")]
assert coal and coal[0]["actor"]["code"] == "IGOWSTMIL", coal
isl = one("Islamic State")
assert isl["type"] == "ORG" and "IS" in isl.get("aliases", []) and isl["actor"]["country"] is None, isl
assert len(isl["mentions"]) >= 10, isl
rq = one("Raqqa")
assert rq["type"] == "GPE" and rq["geo"]["country"] == "SY" and abs(rq["geo"]["lat"] - 35.95) < 0.2, rq
assert len(rq["mentions"]) >= 9, rq
assert one("al-Mayadin")["geo"]["country"] == "SY"
assert one("Paris")["geo"]["country"] == "FR"
assert one("Syria")["actor"]["code"] == "SYR"
assert one("Mostafa Bali")["role"] == "spokesman"
sdf = one("Syrian Democratic Forces")
assert "SDF" in sdf.get("aliases", []) and sdf["actor"]["code"] == "SYRREB" and len(sdf["mentions"]) >= 7, sdf
assert one("Mostafa Bali")["affiliation"] == sdf["id"]
# nothing from the links to other articles
links = [b for b in r["blocks"] if b["kind"] == "boilerplate"]
for e in ents:
    for m in e["mentions"]:
        assert not any(b["start"] <= m["start"] < b["end"] for b in links), (e["name"], m)
# times, numbers and speech
tm = {t[x["start"]:x["end"]].decode(): x["value"] for x in r["times"]}
assert tm.get("yesterday") == "2017-10-14" and tm.get("January 2014") == "2014-01", tm
assert tm.get("June that year") == "2014-06" and tm.get("four months") == "P4M", tm
qs = {t[x["start"]:x["end"]].decode(): x for x in r["quantities"]}
assert qs["about 300-400 fighters"]["min"] == 300 and qs["about 300-400 fighters"]["max"] == 400, qs
assert qs["more than 130 people"]["unit"] == "people" and qs["more than 130 people"]["casualty"] == "killed", qs
names = {e["id"]: e["name"] for e in ents}
sp = {t[x["start"]:x["end"]].decode()[:20]: names.get(x["speaker"]) for x in r["quotes"] if x["direct"]}
assert sp.get("We still expect ther") == "Ryan Dillon" and sp.get("We may not always fu") == "Ryan Dillon", sp
assert sp.get("The battle will conti") is None and sp.get("The battle will conti"[:20]) == "Syrian Democratic Forces", sp
assert not any(t[x["start"]:x["end"]].decode() == "caliphate" for x in r["quotes"])
acts = {a["text"]: a["actor"]["code"] for a in r["actors"]}
assert acts.get("Syrian army") == "SYRMIL" and acts.get("US-backed militias") == "REB", acts
assert acts.get("Islamic State fighters") == "IMGMOSSUNREB", acts
PY
        python3 - "$tmp/seed.jsonl" <<'PY' && ok seed-events || ko seed-events "see above"
import json, sys
r = json.loads(open(sys.argv[1]).read())
t = r["text"].encode()
names = {e["id"]: e["name"] for e in r["entities"]}
def find(trigger, date):
    # the event of the incident one of whose mentions has that trigger
    hits = [e for e in r["events"] if (e["date"] or {}).get("value") == date and
            any(m["trigger"]["text"] == trigger for m in e.get("mentions") or [e])]
    assert len(hits) == 1, (trigger, date, [(e["trigger"]["text"], e["date"]) for e in r["events"]])
    return hits[0]
def actor(arg):
    return (arg or {}).get("code")
def place(ev):
    return names.get((ev["location"] or {}).get("entity"))
# the final assault on Raqqa, yesterday
ev = find("assault", "2017-10-14")
assert ev["acled"]["event_type"] == "Battles" and ev["source"]["text"] == "US-backed militias", ev
# its target the militants who hold the town ("Islamic State's Syrian stronghold Raqqa")
assert place(ev) == "Raqqa" and names.get(ev["target"]["entity"]) == "Islamic State" and not ev["negated"], ev
# the capture of al-Mayadin by the Syrian army, said on Saturday
ev = find("captured", "2017-10-14")
assert ev["acled"]["sub_event_type"] == "Government regains territory" and actor(ev["source"]) == "SYRMIL", ev
assert place(ev) == "al-Mayadin", ev
# the 2014 capture of Raqqa by Islamic State: history keeps its date
ev = find("captured", "2014-01")
assert ev["acled"]["sub_event_type"] == "Non-state actor overtakes territory", ev
assert names.get(ev["source"]["entity"]) == "Islamic State" and place(ev) == "Raqqa", ev
ev = find("capture", "2014-06")
assert names.get(ev["source"]["entity"]) == "Islamic State" and place(ev) == "Mosul", ev
# the Paris attack and the French air strikes of November 2015
ev = find("killed", "2015-11")
assert ev["acled"]["event_type"] == "Violence against civilians" and ev["fatalities"]["min"] == 130, ev
# "killed more than 130 people in Paris": civilians of the country they are in
assert place(ev) == "Paris" and actor(ev["target"]) == "FRACVL", ev
ev = find("air strikes", "2015-11")
assert ev["acled"]["sub_event_type"] == "Air/drone strike" and actor(ev["source"]) == "FRA", ev
assert names.get(ev["target"]["entity"]) == "Islamic State" and place(ev) == "Raqqa", ev
assert ev["fatalities"] is None, ev
# nothing from the links to other articles: every event's evidence is a body sentence
links = [b for b in r["blocks"] if b["kind"] == "boilerplate"]
for e in r["events"]:
    assert not any(b["start"] <= e["start"] < b["end"] for b in links), e
    assert t[e["trigger"]["start"]:e["trigger"]["end"]].decode() == e["trigger"]["text"]
PY
        "$bin" events "$seed" > "$tmp/ev.csv"; check events-exit [ $? -eq 0 ]
        check events-header grep -q "^event_id,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,fatalities,source,notes" "$tmp/ev.csv"
        check events-row grep -q ",2015-11,Explosions/Remote violence,Air/drone strike,France,Islamic State,Syria," "$tmp/ev.csv"
        "$bin" events --format gdelt "$seed" > "$tmp/ev.tsv"; check events-gdelt-exit [ $? -eq 0 ]
        check events-gdelt-columns [ "$(awk -F'\t' '{print NF}' "$tmp/ev.tsv" | sort -u)" = "61" ]
        # air strikes: CAMEO 195, root 19, material conflict, Goldstein -10
        check events-gdelt-codes grep -qP "\t[01]\t195\t195\t19\t4\t-10.0\t" "$tmp/ev.tsv"
        if [ -f ../shared/eval/check_record.py ]; then
            python3 ../shared/eval/check_record.py "$tmp/seed.jsonl" > "$tmp/cr"; check seed-contract [ $? -eq 0 ]
        fi
    fi
fi
rm -rf "$tmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
