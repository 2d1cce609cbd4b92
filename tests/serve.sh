#!/bin/sh
# The report and the HTTP server as people and clients meet them: the server
# on a free loopback port; /health, /extract, keys, bad requests of every
# kind (each a 4xx, the server still up after), the report from the command
# and from /report opened in headless Chromium (no console errors, the map
# and timeline drawn, the table there without JavaScript, a screenshot that
# is not blank); then the server is stopped.  Then the store: the server
# with --db over SQLite and over a PostgreSQL started here, its endpoints
# against `sitrep query`, bad requests that change nothing in the store,
# POST /ingest with a key, the store's report in the browser.
# usage: serve.sh SITREP
set -u
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
pass=0; fail=0
tmp=$(mktemp -d)
ok() { pass=$((pass + 1)); echo "serve $1: ok"; }
ko() { fail=$((fail + 1)); echo "serve $1: FAILED ($2)"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else ko "$name" "$*"; fi; }
pid=""
pgdir=$tmp/pg
. "$root/tests/pglib.sh"
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; pg_stop; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

for tool in curl python3 chromium; do
    command -v $tool > /dev/null 2>&1 || { ko "tools" "$tool missing: run scripts/setup.sh test"; echo "serve: $pass passed, $fail failed"; exit 1; }
done

# ---- the report from the command ------------------------------------------------
# Records of articles written for this test; each event that happened is an incident.
"$bin" extract -j 1 "$root/tests/serve/articles.jsonl" > "$tmp/rec.jsonl" 2> "$tmp/e"
check extract-records [ "$(wc -l < "$tmp/rec.jsonl")" -eq 6 ]
"$bin" report --records "$tmp/rec.jsonl" -o "$tmp/report.html" 2> "$tmp/e"; rc=$?
check report-exit [ $rc -eq 0 ]
# as many incidents as asserted events in the records, and a row, a detail and (with coordinates) a dot each
python3 - "$tmp/rec.jsonl" "$tmp/report.html" > "$tmp/counts" << 'EOF'
import json, re, sys
ev = geo = 0
for line in open(sys.argv[1]):
    for e in json.loads(line).get("events", []):
        if not e["negated"] and e["modality"] == "asserted":
            ev += 1
            geo += bool(e.get("location") and e["location"].get("lat") is not None)
page = open(sys.argv[2]).read()
rows = len(re.findall(r'<tr data-inc="inc-\d+"', page))
details = len(re.findall(r'<article id="inc-\d+"', page))
dots = len(re.findall(r'<circle ', page))
print(ev, geo, rows, details, dots)
EOF
read -r nev ngeo nrows ndet ndots < "$tmp/counts"
check report-has-incidents [ "$nev" -gt 5 ]
check report-rows [ "$nrows" -eq "$nev" ]
check report-details [ "$ndet" -eq "$nev" ]
check report-dots [ "$ndots" -eq "$ngeo" ]
# the annotated text: the trigger of an incident links to its type, a count of the killed to its fatalities
check report-trigger-link grep -q 'class="m trg this" href="#inc-1-type"' "$tmp/report.html"
check report-killed-link grep -q 'href="#inc-1-fatalities"' "$tmp/report.html"
check report-anchors-exist python3 - "$tmp/report.html" << 'EOF'
import re, sys
page = open(sys.argv[1]).read()
ids = set(re.findall(r' id="([^"]+)"', page))
hrefs = set(re.findall(r' href="#([^"]+)"', page))
missing = hrefs - ids
sys.exit(1 if missing or len(hrefs) < 20 else 0)
EOF
check report-self-contained python3 - "$tmp/report.html" << 'EOF'
import re, sys
page = open(sys.argv[1]).read()
# nothing loaded from anywhere: no src= or stylesheet links, a policy that forbids it
bad = re.findall(r'<(?:script|img|iframe|link)[^>]*(?:src|href)=', page)
sys.exit(1 if bad or "default-src 'none'" not in page else 0)
EOF
# filters: only Iraq's incidents; a quote and a tag in a value are data, escaped
"$bin" report --records "$tmp/rec.jsonl" --country Iraq -o "$tmp/iraq.html"
n_iraq=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) for e in json.loads(l)["events"] if e["modality"]=="asserted" and not e["negated"] and (e.get("location") or {}).get("country")=="IQ"))' "$tmp/rec.jsonl")
check report-filter-country [ "$(grep -c '<tr data-inc=' "$tmp/iraq.html")" -eq "$n_iraq" ]
check report-filter-some [ "$n_iraq" -gt 0 ]
# markup and SQL in a filter are refused (no name is spelled with them); an
# apostrophe and an ampersand are parts of names, shown escaped
"$bin" report --records "$tmp/rec.jsonl" --q "<script>alert(1)</script>" -o "$tmp/x.html" 2> "$tmp/e"
check report-refuses-markup [ $? -eq 1 ]
check report-refuses-markup-says grep -q "holds '<'" "$tmp/e"
"$bin" report --records "$tmp/rec.jsonl" --country "Iraq'; DROP TABLE x;--" -o "$tmp/x.html" 2> /dev/null
check report-refuses-sql [ $? -eq 1 ]
"$bin" report --records "$tmp/rec.jsonl" --location "Cote d'Ivoire & Co" -o "$tmp/inj.html"
check report-escapes-values grep -q "Cote d&#39;Ivoire &amp; Co" "$tmp/inj.html"
check report-name-as-data grep -q 'No incident matches' "$tmp/inj.html"
"$bin" report --records "$tmp/rec.jsonl" --limit 0 -o "$tmp/x.html" 2> /dev/null; check report-bad-limit [ $? -eq 1 ]
"$bin" report --records "$tmp/rec.jsonl" --frobnicate 1 -o "$tmp/x.html" 2> /dev/null; check report-unknown-option [ $? -eq 1 ]
# incidents in the documented shape, with their reports pointing into the records
python3 - "$tmp/rec.jsonl" > "$tmp/inc.jsonl" << 'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
r = recs[0]; e = r["events"][0]
print(json.dumps({"id": "merged-1", "event_type": "Battles", "sub_event_type": "Armed clash",
    "date": "2017-03-01", "date_precision": "day", "country": "Iraq", "admin1": "Nineveh",
    "location": "Mosul", "lat": 36.335, "lon": 43.119, "geo_precision": 1,
    "fatalities": {"best": 14, "low": 12, "high": 16}, "actors": ["Iraqi troops", "Islamic State"],
    "sources": 2, "articles": 2, "first_reported": "2017-03-02", "last_reported": "2017-03-03",
    "reports": [{"doc_id": r["id"], "event_id": e["id"], "source": "Reuters",
                 "evidence": {"start": e["start"], "end": e["end"]}, "trigger": {"start": e["trigger"]["start"], "end": e["trigger"]["end"]}},
                {"doc_id": "not-loaded", "event_id": "v1"}]}))
print("this line is not JSON")
EOF
"$bin" report --incidents "$tmp/inc.jsonl" --records "$tmp/rec.jsonl" -o "$tmp/inc.html" 2> "$tmp/e"; rc=$?
check incidents-bad-line-exit [ $rc -eq 2 ]
check incidents-bad-line-msg grep -q "inc.jsonl:2: not a JSON object" "$tmp/e"
check incidents-one [ "$(grep -c '<tr data-inc=' "$tmp/inc.html")" -eq 1 ]
check incidents-range grep -q '14 <small>(12&#8211;16)</small>' "$tmp/inc.html"
check incidents-evidence grep -q 'class="m trg this" href="#inc-1-type"' "$tmp/inc.html"
check incidents-missing-doc grep -q 'its record is not in this report' "$tmp/inc.html"

# ---- the server --------------------------------------------------------------------
printf '# keys for the test\nk-0123456789abcdef-first\n\nk-fedcba9876543210-second\n' > "$tmp/keys"
: > "$tmp/log"
"$bin" serve --listen 127.0.0.1:0 --keys "$tmp/keys" --timeout 2 --max-body 65536 --max-header 8192 \
    --threads 2 --records "$tmp/rec.jsonl" 2> "$tmp/log" &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on .*(port \([0-9]*\)).*/\1/p' "$tmp/log")
    [ -n "$port" ] && break
    sleep 0.1
done
check started [ -n "$port" ]
[ -n "$port" ] || { cat "$tmp/log"; echo "serve: $pass passed, $fail failed"; exit 1; }
u=http://127.0.0.1:$port
# status of a request: code [curl args...]
code() { curl -s -o "$tmp/body" -w '%{http_code}' "$@"; }
check listens-on-loopback sh -c "grep -q 'listening on 127.0.0.1:0' '$tmp/log'"

check health [ "$(code "$u/health")" = 200 ]
check health-json grep -q '"status":"ok"' "$tmp/body"

# /extract: a text written here; the record's offsets point at the words
text='Police arrested 30 protesters in Lagos on Friday, officials said.'
check extract [ "$(code -H 'Content-Type: text/plain' --data-binary "$text" "$u/extract")" = 200 ]
check extract-record python3 - "$tmp/body" << 'EOF'
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[0])
t = r["text"].encode()
ev = [e for e in r["events"] if t[e["trigger"]["start"]:e["trigger"]["end"]] == b"arrested"]
q = [x for x in r["quantities"] if t[x["start"]:x["end"]].startswith(b"30")]
lagos = [e for e in r["entities"] if e["name"] == "Lagos"]
sys.exit(0 if ev and q and q[0]["value"] == 30 and lagos else 1)
EOF
printf '{"id":"a1","text":"Soldiers killed 3 rebels near Goma on Monday."}\n{"id":"a2","text":"Hundreds protested in Dhaka."}\n' > "$tmp/two.jsonl"
check extract-jsonl [ "$(code -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/two.jsonl" "$u/extract")" = 200 ]
check extract-jsonl-two [ "$(grep -c '"schema":"sitrep/1"' "$tmp/body")" -eq 2 ]
check extract-html [ "$(code -H 'Content-Type: text/html' --data-binary '<html><body><h1>Strike</h1><p>A drone strike hit Marib on Sunday.</p></body></html>' "$u/extract")" = 200 ]
check extract-html-text grep -q 'A drone strike hit Marib' "$tmp/body"
check extract-empty [ "$(code -X POST --data-binary '' "$u/extract")" = 400 ]
check extract-bad-jsonl [ "$(code -H 'Content-Type: application/x-ndjson' --data-binary '{"id":' "$u/extract")" = 422 ]
check extract-no-params [ "$(code --data-binary "$text" "$u/extract?x=1")" = 400 ]
head -c 70000 /dev/zero | tr '\0' 'a' > "$tmp/big"
check body-too-large [ "$(code -H 'Content-Type: text/plain' --data-binary @"$tmp/big" "$u/extract")" = 413 ]
check body-too-large-chunked [ "$(code -H 'Transfer-Encoding: chunked' -H 'Content-Type: text/plain' --data-binary @"$tmp/big" "$u/extract")" = 413 ]

# keys: none, a wrong one, a right one (no store yet: 503)
check ingest-no-key [ "$(code --data-binary "$text" "$u/ingest")" = 401 ]
check ingest-401-json grep -q '"status":401' "$tmp/body"
check ingest-wrong-key [ "$(code -H 'Authorization: Bearer k-0123456789abcdef-firsT' --data-binary "$text" "$u/ingest")" = 401 ]
check ingest-prefix-key [ "$(code -H 'X-API-Key: k-0123456789abcdef' --data-binary "$text" "$u/ingest")" = 401 ]
check ingest-key [ "$(code -H 'Authorization: Bearer k-fedcba9876543210-second' --data-binary "$text" "$u/ingest")" = 503 ]
check ingest-no-store grep -q 'no store' "$tmp/body"

# bad requests: each a 4xx that says what was wrong
bad() { # name expected-status path [curl args]
    n=$1; want=$2; p=$3; shift 3
    got=$(code --path-as-is "$@" "$u$p")
    if [ "$got" = "$want" ] && grep -q '"status":'"$want" "$tmp/body"; then ok "$n"; else ko "$n" "$p: got $got, want $want: $(head -c 200 "$tmp/body")"; fi
}
bad unknown-param 400 '/incidents?country=Iraq&colour=red'
bad unknown-param-says 400 '/incidents?colour=red'
check unknown-param-named grep -q '"parameter":"colour"' "$tmp/body"
bad malformed-escape 400 '/incidents?country=Ir%zzaq'
bad truncated-escape 400 '/incidents?country=Iraq%2'
bad no-value 400 '/incidents?country'
bad empty-value 400 '/incidents?country='
bad twice 400 '/incidents?country=Iraq&country=Syria'
bad empty-alternative 400 '/incidents?country=Iraq||Syria'
bad invalid-utf8 400 '/incidents?location=%ff%fe'
bad overlong-utf8 400 '/incidents?location=%c0%af'
bad surrogate-utf8 400 '/incidents?location=%ed%a0%80'
bad control-char 400 '/incidents?location=a%00b'
bad invalid-utf8-name 400 '/incidents?%ff=1'
bad limit-zero 400 '/incidents?limit=0'
bad limit-huge 400 '/incidents?limit=999999'
bad limit-text 400 '/incidents?limit=ten'
bad page-negative 400 '/incidents?page=-1'
bad date-impossible 400 '/incidents?event_date=2017-02-30'
bad date-garbage 400 '/incidents?event_date=yesterday'
bad date-between-one 400 '/incidents?event_date=2017-01-01&event_date_where=BETWEEN'
bad date-two-no-between 400 '/incidents?event_date=2017-01-01|2017-02-01'
bad date-where-bad 400 '/incidents?event_date=2017-01-01&event_date_where=LIKE'
bad bbox-short 400 '/incidents?bbox=1,2,3'
bad bbox-range 400 '/incidents?bbox=-200,0,10,10'
bad bbox-inverted 400 '/incidents?bbox=10,10,0,0'
bad bbox-exponent 400 '/incidents?bbox=1e2,0,10,10'
bad format-bad 400 '/incidents?format=xml'
bad report-no-format 400 '/report?format=csv'
bad health-no-params 400 '/health?verbose=1'
# SQL meta-characters: in a number, a date or a box they are malformed (400) ...
bad sql-fatalities 400 "/incidents?fatalities=1%20OR%201%3D1"
bad sql-limit 400 "/incidents?limit=10;DROP%20TABLE%20incidents"
bad sql-date 400 "/incidents?event_date=2017-01-01'--"
bad sql-bbox 400 "/incidents?bbox=0,0,1,1);--"
bad sql-where 400 "/incidents?fatalities=1&fatalities_where=%3E%3D%200%20OR%201"
# ... and in a name they are refused too (no name holds ';', '"', '=' or "--"),
# while an apostrophe is part of a name: data that matches nothing, escaped
for f in country admin1 location event_type sub_event_type source actor q; do
    g=$(code --path-as-is "$u/incidents?$f=x%27%3B%20DROP%20TABLE%20incidents%3B--%20%22%20OR%201%3D1")
    if [ "$g" = 400 ] && grep -q "\"parameter\":\"$f\"" "$tmp/body"; then ok "sql-text-$f"; else ko "sql-text-$f" "got $g"; fi
    g=$(code --path-as-is "$u/report?$f=x%27%3B%20DROP%20TABLE%20incidents%3B--%20%22%20OR%201%3D1")
    if [ "$g" = 400 ]; then ok "sql-report-$f"; else ko "sql-report-$f" "got $g"; fi
    g=$(code --path-as-is "$u/report?$f=C%C3%B4te%20d%27Ivoire")
    if [ "$g" = 200 ] && grep -q 'No incident matches' "$tmp/body" && grep -q "Côte d&#39;Ivoire" "$tmp/body"; then
        ok "apostrophe-report-$f"; else ko "apostrophe-report-$f" "got $g"; fi
done
# paths: traversal, encoded separators, unknown, wrong methods
bad traversal 400 '/documents/../etc/passwd'
bad traversal-encoded 400 '/documents/%2e%2e/etc/passwd'
bad traversal-dot 400 '/documents/./x'
bad encoded-slash 400 '/documents/a%2Fb'
bad backslash 400 '/documents/..%5c..%5cetc'
bad report-traversal 400 '/report/../health'
bad path-utf8 400 '/documents/%ff'
bad unknown-path 404 '/etc/passwd'
bad root 404 '/'
bad trailing-slash 404 '/health/'
bad no-store-document 503 '/documents/r1'
bad no-store-incident 503 '/incidents/42'
bad delete 405 '/health' -X DELETE
bad post-health 405 '/health' -X POST --data x
bad get-extract 405 '/extract'
check allow-header sh -c "curl -s -i -X DELETE '$u/health' | grep -qi '^Allow: GET, HEAD'"
# oversized request line and headers
long=$(head -c 20000 /dev/zero | tr '\0' 'a')
g=$(code -H "X-Filler: $long" "$u/health")
case $g in 4[0-9][0-9]) ok "header-too-large ($g)" ;; *) ko header-too-large "got $g" ;; esac
g=$(code "$u/report?q=$long")
case $g in 4[0-9][0-9]) ok "uri-too-large ($g)" ;; *) ko uri-too-large "got $g" ;; esac
# a slow, partial request is cut after the idle limit (2 s here) while others are served
check slow-partial python3 - "$port" << 'EOF'
import socket, sys, time, urllib.request
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
t0 = time.time()
# meanwhile another client is answered at once
with urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=2) as r:
    if r.status != 200 or time.time() - t0 > 1.5:
        sys.exit(1)
s.settimeout(8)
try:
    data = s.recv(100)
except socket.timeout:
    sys.exit(1)
took = time.time() - t0
# closed (nothing, or an error status), after the limit and not long after it
sys.exit(0 if (data == b"" or data.startswith(b"HTTP/1.1 4")) and 1.5 < took < 6 else 1)
EOF
check up-after-bad-requests [ "$(code "$u/health")" = 200 ]

# ---- /report in a browser ---------------------------------------------------------
check report-get [ "$(code "$u/report")" = 200 ]
cp "$tmp/body" "$tmp/served.html"
check report-served-extracted grep -q 'Police arrested 30 protesters' "$tmp/served.html"
check report-csp-header sh -c "curl -s -I '$u/report' | grep -qi \"^Content-Security-Policy: default-src 'none'\""
browse() { # name url
    n=$1; url=$2
    timeout 90 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1400 \
        --enable-logging=stderr --v=0 --user-data-dir="$tmp/chrome-$n" --dump-dom "$url" \
        > "$tmp/$n.dom" 2> "$tmp/$n.console"
    check "$n-no-console-errors" sh -c "! grep -q 'CONSOLE' '$tmp/$n.console'"
    check "$n-script-ran" grep -q 'data-js="ok"' "$tmp/$n.dom"
    check "$n-no-script-error" sh -c "! grep -q 'data-js-error=\"1\"' '$tmp/$n.dom'"
    check "$n-map" python3 -c '
import re, sys
d = open(sys.argv[1]).read()
m = re.search(r"<svg[^>]*id=\"map-svg\".*?</svg>", d, re.S)
ok = m and len(re.findall(r"<path", m.group(0))) > 5 and len(re.findall(r"<circle", m.group(0))) > 0
sys.exit(0 if ok else 1)' "$tmp/$n.dom"
    check "$n-timeline" python3 -c '
import re, sys
d = open(sys.argv[1]).read()
m = re.search(r"<svg[^>]*id=\"timeline-svg\".*?</svg>", d, re.S)
sys.exit(0 if m and len(re.findall(r"<rect", m.group(0))) > 2 else 1)' "$tmp/$n.dom"
    check "$n-filter-shown" sh -c "grep -q 'id=\"shown\">[0-9]* of [0-9]* shown<' '$tmp/$n.dom'"
    timeout 90 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1400 \
        --user-data-dir="$tmp/chrome-$n" --screenshot="$tmp/$n.png" "$url" > /dev/null 2>&1
    python3 "$root/tests/serve/png.py" colours "$tmp/$n.png" > "$tmp/$n.colours" 2>&1
    read -r ncol share < "$tmp/$n.colours"
    check "$n-screenshot-not-blank" python3 -c 'import sys; sys.exit(0 if int(sys.argv[1]) > 40 and float(sys.argv[2]) < 0.97 else 1)' "${ncol:-0}" "${share:-1}"
    [ -n "${SERVE_KEEP:-}" ] && cp "$tmp/$n.png" "$SERVE_KEEP-$n.png"
}
browse file "file://$tmp/report.html"
browse served "$u/report"
# without JavaScript (the page with its script taken out: headless Chromium
# needs scripts on to dump or draw) the table and the annotated text are
# there, and the filter form stays hidden
python3 -c '
import re, sys
p = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(re.sub(r"<script>.*?</script>", "", p, flags=re.S))' "$tmp/report.html" "$tmp/nojs.html"
timeout 90 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/chrome-nojs" \
    --dump-dom "file://$tmp/nojs.html" > "$tmp/nojs.dom" 2> /dev/null
check nojs-table [ "$(grep -c '<tr data-inc=' "$tmp/nojs.dom")" -eq "$nrows" ]
check nojs-annotated grep -q 'class="m trg this"' "$tmp/nojs.dom"
check nojs-form-hidden grep -q '<form id="filter" class="filter" hidden' "$tmp/nojs.dom"
check nojs-no-marker sh -c "! grep -q 'data-js=\"ok\"' '$tmp/nojs.dom'"

# ---- stop -------------------------------------------------------------------------------
check up-at-end [ "$(code "$u/health")" = 200 ]
kill "$pid"; wait "$pid"; rc=$?; pid=""
check stops-on-term [ $rc -eq 0 ]
check log-lines [ "$(grep -c '^sitrep serve: 127.0.0.1 [A-Z-]* "' "$tmp/log")" -gt 60 ]
check log-has-status grep -q '^sitrep serve: 127.0.0.1 GET "/health" 200 ' "$tmp/log"

# ---- the store ------------------------------------------------------------------------
# tests/corpus/incidents.jsonl (articles written for the corpus tests: incidents
# told by several reports) ingested into SQLite, and into a PostgreSQL this
# script starts as tests/corpus.sh does; `sitrep serve --db` on each, its
# endpoints checked against `sitrep query` on the same store
# (tests/serve/store_check.py), bad requests that must change nothing (a
# checksum of what `sitrep query` reads, before and after), POST /ingest with a
# key, and the report of the store's incidents in the browser.
key=k-0123456789abcdef-first
store_sum() { # db -> a checksum of all `sitrep query` reads
    { "$bin" query --db "$1"; "$bin" query --db "$1" --events; "$bin" query --db "$1" --format acled
      "$bin" query --db "$1" --events --format gdelt-mentions; } 2>&1 | sha256sum | cut -d' ' -f1
}
runpy() { # label mode -> one check a line of store_check.py
    lbl=$1; mode=$2
    python3 "$root/tests/serve/store_check.py" "$mode" "$su" "$bin" "$dburl" "$key" > "$tmp/py.out" 2>&1
    prc=$?
    while IFS= read -r line; do
        case $line in
            "ok "*) ok "$lbl ${line#ok }" ;;
            "FAILED "*) ko "$lbl ${line#FAILED }" "see above" ;;
            *) echo "  $line" ;;
        esac
    done < "$tmp/py.out"
    [ $prc -eq 0 ] || ko "$lbl-$mode-ran" "store_check.py exit $prc"
}
store_suite() { # label db-url
    lbl=$1; dburl=$2
    "$bin" ingest -q --db "$dburl" "$root/tests/corpus/incidents.jsonl" 2> "$tmp/e"
    check "$lbl-ingest" [ $? -eq 0 ]
    : > "$tmp/log-$lbl"
    "$bin" serve --listen 127.0.0.1:0 --db "$dburl" --keys "$tmp/keys" --timeout 2 --max-body 65536 \
        --max-header 8192 --threads 2 2> "$tmp/log-$lbl" &
    pid=$!
    sport=""
    for _ in $(seq 1 100); do
        sport=$(sed -n 's/.*listening on .*(port \([0-9]*\)).*/\1/p' "$tmp/log-$lbl")
        [ -n "$sport" ] && break
        sleep 0.1
    done
    check "$lbl-started" [ -n "$sport" ]
    [ -n "$sport" ] || { cat "$tmp/log-$lbl"; return; }
    su=http://127.0.0.1:$sport
    runpy "$lbl" read
    sum0=$(store_sum "$dburl")
    runpy "$lbl" bad
    check "$lbl-up-after-bad" [ "$(code "$su/health")" = 200 ]
    sum1=$(store_sum "$dburl")
    check "$lbl-store-unchanged-by-bad-requests" [ "$sum0" = "$sum1" ]
    runpy "$lbl" ingest
    sum2=$(store_sum "$dburl")
    check "$lbl-store-changed-by-ingest" [ "$sum2" != "$sum1" ]
    # the report of the store's incidents: a row each (fewer than the page's 200),
    # the annotated text of each report from the stored records
    ninc=$("$bin" query --db "$dburl" | wc -l)
    check "$lbl-report-get" [ "$(code "$su/report")" = 200 ]
    cp "$tmp/body" "$tmp/$lbl-served.html"
    check "$lbl-report-rows" [ "$(grep -c '<tr data-inc=' "$tmp/$lbl-served.html")" -eq "$ninc" ]
    check "$lbl-report-annotated" [ "$(grep -c 'class="m trg this"' "$tmp/$lbl-served.html")" -ge "$ninc" ]
    check "$lbl-report-texts-there" sh -c "! grep -q 'its record is not in this report' '$tmp/$lbl-served.html'"
    code "$su/report?country=Kenya&limit=2&page=2" > /dev/null
    check "$lbl-report-filtered-page" sh -c "grep -q 'incidents match; this page shows 2 of them, from number 3' '$tmp/body' &&
        [ \$(grep -c '<tr data-inc=' '$tmp/body') -eq 2 ]"
    "$bin" report --db "$dburl" -o "$tmp/$lbl-file.html" 2> "$tmp/e"
    check "$lbl-report-command" [ $? -eq 0 ]
    check "$lbl-report-command-rows" [ "$(grep -c '<tr data-inc=' "$tmp/$lbl-file.html")" -eq "$ninc" ]
    "$bin" report --db "$dburl" --country "Kenya'; DELETE FROM event;--" -o "$tmp/x.html" 2> /dev/null
    check "$lbl-report-command-refuses-sql" [ $? -eq 1 ]
    if [ "$lbl" = sqlite ]; then
        browse store-served "$su/report"
        browse store-file "file://$tmp/$lbl-file.html"
    fi
    kill "$pid"; wait "$pid"; rc=$?; pid=""
    check "$lbl-stops-on-term" [ $rc -eq 0 ]
    check "$lbl-no-store-errors" sh -c "! grep -q 'sitrep serve: store:' '$tmp/log-$lbl'"
}
store_suite sqlite "$tmp/store.db"

# PostgreSQL: a private server (Debian's postgresql-15) on a free port
chmod 755 "$tmp"
pg_start
check postgres-started [ $pg_up -eq 1 ]
[ $pg_up -eq 1 ] && store_suite postgresql "$(pgurl postgres)"

echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
