# The store's endpoints of `sitrep serve --db` against `sitrep query` on the
# same store: every filter selects what the command selects (the same rows,
# in the same order, the same JSON objects, the same ACLED CSV bytes),
# pages add up to the whole, an incident's reports point at the words of
# their documents; bad requests of every kind are each a 4xx.
# usage: store_check.py read|bad|ingest BASE_URL SITREP DB [KEY]
# Prints "ok NAME" or "FAILED NAME (why)" a line.
import http.client, json, socket, subprocess, sys, time, urllib.parse

mode, base, sitrep, db = sys.argv[1:5]
key = sys.argv[5] if len(sys.argv) > 5 else ""
u = urllib.parse.urlsplit(base)
host, port = u.hostname, u.port


def report(name, good, why=""):
    print(("ok %s" % name) if good else ("FAILED %s (%s)" % (name, why)))
    sys.stdout.flush()


def get(path, method="GET", body=None, headers=None):
    c = http.client.HTTPConnection(host, port, timeout=30)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    hdr = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, hdr, data


def query(*args):
    return subprocess.run([sitrep, "query", "--db", db] + list(args), check=True, capture_output=True).stdout


def jsonl(b):
    return [json.loads(l) for l in b.decode().splitlines() if l.strip()]


def api(path):
    st, hdr, data = get(path)
    if st != 200:
        raise RuntimeError("%s: %d %s" % (path, st, data[:200]))
    return json.loads(data), hdr


def ids(rows, incidents):
    return [r["incident"] if incidents else r["event_id"] for r in rows]


if mode == "read":
    all_inc = jsonl(query())
    all_ev = jsonl(query("--events"))
    report("store-has-incidents", len(all_inc) >= 5, "%d" % len(all_inc))
    # the whole, as JSON: the objects of `sitrep query`, total and header
    for path, rows in (("/incidents", all_inc), ("/events", all_ev)):
        o, hdr = api(path + "?limit=5000")
        report("json%s-same-as-query" % path.replace("/", "-"), o["data"] == rows,
               "%d vs %d rows" % (len(o["data"]), len(rows)))
        report("json%s-total" % path.replace("/", "-"),
               o["total"] == len(rows) and hdr.get("x-total-count") == str(len(rows)) and o["count"] == len(rows),
               "%s %s" % (o["total"], hdr.get("x-total-count")))
    # the default page and its envelope
    o, _ = api("/incidents")
    report("json-envelope", o["status"] == 200 and o["success"] is True and o["page"] == 1 and o["limit"] == 500,
           str({k: o[k] for k in o if k != "data"}))
    # CSV: ACLED's columns, byte for byte what `sitrep query --format acled` writes
    for path, args in (("/incidents", []), ("/events", ["--events"])):
        st, hdr, data = get(path + "?format=csv&limit=5000")
        want = query("--format", "acled", *args)
        report("csv%s-same-as-query" % path.replace("/", "-"),
               st == 200 and data == want and hdr["content-type"].startswith("text/csv"),
               "%d, %d vs %d bytes" % (st, len(data), len(want)))
    # GeoJSON: the same features
    st, hdr, data = get("/incidents?format=geojson&limit=5000")
    g = json.loads(data)
    want = json.loads(query("--format", "geojson"))
    report("geojson-same-as-query", st == 200 and g["type"] == "FeatureCollection" and
           g["features"] == want["features"] and g["total"] == len(all_inc) and
           hdr["content-type"] == "application/geo+json", "%d features" % len(g.get("features", [])))
    # every filter, named as ACLED's API names it, against the command's option
    filters = [
        ("country=Nigeria", ["--country", "Nigeria"]),
        ("country=NGA", ["--country", "NGA"]),
        ("country=ke", ["--country", "ke"]),
        ("admin1=nairobi+county", ["--admin1", "Nairobi County"]),
        ("location=Idlib", ["--location", "Idlib"]),
        ("event_type=battles", ["--event-type", "Battles"]),
        ("sub_event_type=Armed%20clash", ["--sub-event-type", "Armed clash"]),
        ("actor=shabaab", ["--actor", "shabaab"]),
        ("source=reuters", ["--source", "Reuters"]),
        ("q=market", ["--text", "market"]),
        ("fatalities=10", ["--min-fatalities", "10"]),
        ("event_date=2020-01-01|2021-04-30&event_date_where=BETWEEN", ["--from", "2020-01-01", "--to", "2021-04-30"]),
        ("event_date=2021-03", ["--from", "2021-03", "--to", "2021-03"]),
        ("year=2019", ["--from", "2019", "--to", "2019"]),
        ("bbox=30,-10,50,10", ["--bbox", "-10,30,10,50"]),
        ("country=Kenya&event_type=Protests", ["--country", "Kenya", "--event-type", "Protests"]),
    ]
    for qs, args in filters:
        for path, extra, rows_all in (("/incidents", [], all_inc), ("/events", ["--events"], all_ev)):
            want = ids(jsonl(query(*(args + extra))), path == "/incidents")
            o, _ = api("%s?%s&limit=5000" % (path, qs))
            got = ids(o["data"], path == "/incidents")
            name = "filter%s-%s" % (path.replace("/", "-"), qs.split("&")[0].split("=")[0])
            # a filter that selects something and not everything (else it proves little)
            some = 0 < len(want) < len(rows_all) or path == "/events"
            report(name + ("" if "&" not in qs else "-" + qs.split("&")[1].split("=")[0]),
                   got == want and o["total"] == len(want) and some, "%s: %s vs %s" % (qs, got, want))
    # alternatives: the union of each value's rows, in the store's order
    a = set(ids(jsonl(query("--country", "Nigeria")), True)) | set(ids(jsonl(query("--country", "Kenya")), True))
    o, _ = api("/incidents?country=Nigeria|Kenya&limit=5000")
    report("filter-alternatives", set(ids(o["data"], True)) == a and len(a) > 2, "%s vs %s" % (ids(o["data"], True), a))
    # fatalities with its _where: at most 8 (unknown counts as 0, as ACLED's)
    o, _ = api("/incidents?fatalities=8&fatalities_where=%3C%3D&limit=5000")
    want = [r["incident"] for r in all_inc if (r["fatalities"] or {}).get("conservative", 0) <= 8]
    report("filter-fatalities-where", ids(o["data"], True) == want and want, "%s vs %s" % (ids(o["data"], True), want))
    # an apostrophe is part of a name: data, matching nothing here
    o, _ = api("/incidents?country=C%C3%B4te%20d%27Ivoire&actor=People%27s%20Army")
    report("apostrophe-is-data", o["total"] == 0 and o["data"] == [], str(o["total"]))
    # pages: limit and page add up to the whole, each with the same total
    whole = ids(all_inc, True)
    got, pages = [], (len(whole) + 2) // 3
    totals = set()
    for p in range(1, pages + 1):
        o, hdr = api("/incidents?limit=3&page=%d" % p)
        got += ids(o["data"], True)
        totals.add((o["total"], hdr["x-total-count"], o["page"], o["limit"]) == (len(whole), str(len(whole)), p, 3))
    report("pages-add-up", got == whole and totals == {True}, "%s vs %s" % (got, whole))
    o, _ = api("/incidents?limit=3&page=%d" % (pages + 1))
    report("page-past-the-end", o["data"] == [] and o["total"] == len(whole) and o["count"] == 0, str(o["count"]))
    o, _ = api("/events?limit=2&page=2&country=Syria")
    wantp = ids(jsonl(query("--events", "--country", "Syria")), False)[2:4]
    report("pages-with-filter", ids(o["data"], False) == wantp and wantp, "%s vs %s" % (ids(o["data"], False), wantp))
    st, hdr, data = get("/events?format=csv&limit=1&page=2")
    lines = data.decode().splitlines()
    report("csv-page", st == 200 and len(lines) == 2 and hdr["x-total-count"] == str(sum(1 for e in all_ev if e["report"]["event_type"])),
           "%d lines, total %s" % (len(lines), hdr.get("x-total-count")))
    # GET /incidents/{id}: the object of the list; each report's evidence and
    # trigger are the words at those offsets of its document's record
    checked = 0
    texts = {}
    for inc in all_inc:
        o, _ = api("/incidents/%d" % inc["incident"])
        if o != inc:
            report("incident-%d-same-as-query" % inc["incident"], False, "differs")
            break
        for r in o["reports"]:
            if r["doc_id"] not in texts:
                d, _ = api("/documents/" + urllib.parse.quote(r["doc_id"], safe=""))
                texts[r["doc_id"]] = d["record"]["text"].encode()
            t = texts[r["doc_id"]]
            ev = t[r["start"]:r["end"]].decode()
            trig = t[r["trigger"]["start"]:r["trigger"]["end"]].decode()
            if ev != r["evidence"] or not trig or trig not in ev:
                report("incident-evidence", False, "%s: %r vs %r" % (r["doc_id"], ev, r["evidence"]))
                break
            checked += 1
    multi = [i for i in all_inc if len(i["reports"]) >= 3]
    report("incidents-by-id", checked >= len(all_inc) and multi, "%d reports checked" % checked)
    report("incident-why", all(len(i["why"]) >= 1 for i in multi), str([len(i["why"]) for i in multi]))
    # GET /documents/{id}: the stored fields, the events as stored, the record
    d, _ = api("/documents/" + urllib.parse.quote(multi[0]["reports"][0]["doc_id"], safe=""))
    rec = d["record"]
    report("document-record", rec["schema"] == "sitrep/1" and rec["id"] == d["document"]["id"] and
           d["record_text_is_stored_text"] and len(rec["text"].encode()) == d["document"]["length"] and
           rec["entities"] and rec["events"], d["document"]["id"])
    report("document-events-as-stored",
           [(e["event"], e["evidence"]["start"], e["evidence"]["end"]) for e in d["events"]] ==
           [(e["id"], e["start"], e["end"]) for e in rec["events"]] and
           all(e["incident"] for e in d["events"] if e["happened"]), str(d["events"])[:200])
    for path, want in (("/incidents/999999", 404), ("/incidents/abc", 400), ("/incidents/0", 400),
                       ("/documents/no-such-doc", 404)):
        st, _, data = get(path)
        report("not-found" + path.replace("/", "-"), st == want and json.loads(data)["status"] == want, "%d" % st)
    o, _ = api("/health")
    report("health-says-store", o["store"] is True, str(o))

elif mode == "bad":
    # each a 4xx with a JSON error, the server up after each
    bad = []
    inj = ["x'; DROP TABLE incident;--", "1 OR 1=1", "\" OR \"\"=\"", "1); DELETE FROM event; --",
           "%' OR '1'='1", "x' UNION SELECT * FROM document --", "*/; UPDATE document SET text=''/*"]
    params = ["country", "admin1", "location", "event_type", "sub_event_type", "source", "actor", "q",
              "event_date", "year", "fatalities", "bbox", "limit", "page", "format"]
    for p in params:
        for v in inj:
            bad.append("?%s=%s" % (p, urllib.parse.quote(v, safe="")))
    for v in inj:
        bad.append("?event_date=2021-01-01&event_date_where=%s" % urllib.parse.quote(v, safe=""))
        bad.append("?fatalities=1&fatalities_where=%s" % urllib.parse.quote(v, safe=""))
    bad += ["?colour=red", "?country", "?country=", "?country=Kenya&country=Kenya", "?country=a||b",
            "?country=Ir%zzaq", "?country=Iraq%2", "?location=%ff%fe", "?location=%c0%af", "?location=%ed%a0%80",
            "?location=a%00b", "?%ff=1", "?limit=0", "?limit=5001", "?page=0", "?event_date=2021-02-30",
            "?event_date=2021-01-01|2021-02-01", "?bbox=1,2,3", "?bbox=1e2,0,10,10", "?format=xml",
            "?actor=" + "a" * 300, "?country=" + "|".join(["x"] * 17)]
    n = 0
    for path in ("/events", "/incidents", "/report"):
        for qs in bad:
            if path == "/report" and qs.startswith("?format="):
                qs = "?format=csv"  # the report takes no format at all
            st, _, data = get(path + qs)
            try:
                good = 400 <= st < 500 and json.loads(data)["status"] == st
            except ValueError:
                good = False
            if not good:
                report("bad%s%s" % (path.replace("/", "-"), qs[:40]), False, "%d %s" % (st, data[:120]))
            n += 1
    report("bad-queries-all-4xx (%d)" % n, True)
    # too many values in all: more than a statement takes
    many = "&".join("%s=%s" % (p, "|".join("v%d" % i for i in range(16)))
                    for p in ("country", "admin1", "location", "event_type", "sub_event_type", "actor"))
    st, _, data = get("/incidents?" + many)
    report("too-many-values", st == 400 and b"too many values" in data, "%d %s" % (st, data[:100]))
    # paths: traversal, encoded separators, ids that are no ids
    for path in ("/documents/../etc/passwd", "/documents/%2e%2e/etc/passwd", "/documents/./x",
                 "/documents/a%2Fb", "/documents/..%5c..%5cetc", "/incidents/1%20OR%201=1",
                 "/incidents/1;DROP%20TABLE%20incident", "/documents/x'%20OR%20'1'='1", "/documents/%ff",
                 "/incidents/..", "/events/../documents/a-wire", "/documents/", "/documents//x"):
        st, _, data = get(path)
        report("bad-path " + path, 400 <= st < 500, "%d" % st)
    # a raw request line with bytes no URL has
    s = socket.create_connection((host, port))
    s.sendall(b"GET /documents/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    resp = s.recv(200)
    s.close()
    report("bad-raw-bytes", resp.startswith(b"HTTP/1.1 4"), resp[:40])
    # headers too large
    st, _, _ = get("/incidents", headers={"X-Filler": "a" * 20000})
    report("bad-header-too-large", 400 <= st < 500, "%d" % st)
    st, _, _ = get("/incidents?q=" + "a" * 20000)
    report("bad-uri-too-large", 400 <= st < 500, "%d" % st)
    # POST /ingest: no key, a wrong one, a prefix of one; a key with a body too
    # large, one that is no document, one with parameters: all refused
    art = b'{"id":"never-stored","text":"Police killed 3 protesters in Lagos on Friday."}\n'
    for name, hdrs, body, want, path in (
            ("no-key", {}, art, 401, "/ingest"),
            ("wrong-key", {"Authorization": "Bearer " + key[:-1] + "X"}, art, 401, "/ingest"),
            ("prefix-key", {"X-API-Key": key[:-3]}, art, 401, "/ingest"),
            ("empty-key", {"Authorization": "Bearer "}, art, 401, "/ingest"),
            ("too-large", {"Authorization": "Bearer " + key}, b"a" * 70000, 413, "/ingest"),
            ("not-a-document", {"Authorization": "Bearer " + key, "Content-Type": "application/x-ndjson"},
             b'{"id":', 422, "/ingest"),
            ("params", {"Authorization": "Bearer " + key}, art, 400, "/ingest?country=x"),
            ("get", {"Authorization": "Bearer " + key}, None, 405, "/ingest")):
        st, hdr, data = get(path, method="GET" if body is None else "POST", body=body, headers=hdrs)
        report("ingest-refused-" + name, st == want, "%d %s" % (st, data[:100]))
    # read-only everywhere else: no other method or path writes
    for m, path in (("POST", "/incidents"), ("PUT", "/documents/a-wire"), ("DELETE", "/incidents/1"),
                    ("POST", "/report"), ("PATCH", "/events")):
        st, _, _ = get(path, method=m, body=b"x" if m != "DELETE" else None)
        report("read-only %s %s" % (m, path), st == 405, "%d" % st)
    # a slow, partial request is cut after the idle limit while others are served
    s = socket.create_connection((host, port))
    s.sendall(b"GET /incidents?country=Ken")
    t0 = time.time()
    st, _, _ = get("/incidents?country=Kenya")
    fast = st == 200 and time.time() - t0 < 1.5
    s.settimeout(10)
    try:
        data = s.recv(100)
    except socket.timeout:
        data = b"timeout"
    took = time.time() - t0
    report("slow-partial-cut", fast and (data == b"" or data.startswith(b"HTTP/1.1 4")) and took < 8,
           "%s after %.1f s" % (data[:20], took))
    st, _, _ = get("/health")
    report("up-after-bad-requests", st == 200, "%d" % st)

elif mode == "ingest":
    before, _ = api("/incidents?limit=1")
    # two reports of one attack, written for this test
    arts = (b'{"id":"t-ingest-1","url":"https://news.example.org/goma-attack","title":"M23 rebels kill four soldiers '
            b'in Goma","published":"2022-06-06T09:00","text":"GOMA, Congo (Reuters) - M23 rebels attacked an army post '
            b'in Goma on Monday, killing four soldiers, the army said. The attack came a day after clashes in the town '
            b'of Rutshuru."}\n'
            b'{"id":"t-ingest-2","url":"https://radio.example.cd/goma","title":"Army post attacked in Goma",'
            b'"published":"2022-06-06T11:30","text":"Four soldiers were killed on Monday when M23 rebels attacked an '
            b'army post in Goma, an army spokesman said."}\n')
    hdrs = {"Authorization": "Bearer " + key, "Content-Type": "application/x-ndjson"}
    st, _, data = get("/ingest", method="POST", body=arts, headers=hdrs)
    o = json.loads(data) if st == 200 else {}
    report("ingest-stores", st == 200 and o.get("new") == 2 and o.get("read") == 2 and o.get("events", 0) >= 2,
           "%d %s" % (st, data[:300]))
    docs = o.get("documents", [])
    incs = {e["incident"] for d in docs for e in d["events"] if e["incident"]}
    report("ingest-answers-what-was-stored",
           [d["id"] for d in docs] == ["t-ingest-1", "t-ingest-2"] and all(d["status"] == "new" for d in docs) and incs,
           str(docs)[:300])
    # both reports of the attack are one incident, given back by its id
    one = [i for i in incs if all(any(e["incident"] == i for e in d["events"]) for d in docs)]
    report("ingest-merged", len(one) == 1, str(docs))
    if one:
        inc, _ = api("/incidents/%d" % one[0])
        report("ingest-incident-readable",
               sorted(r["doc_id"] for r in inc["reports"]) == ["t-ingest-1", "t-ingest-2"] and
               (inc["location"] or {}).get("iso3") == "COD", str(inc)[:300])
    d, _ = api("/documents/t-ingest-2")
    report("ingest-document-readable", d["document"]["url"] == "https://radio.example.cd/goma" and
           d["record"]["text"].startswith("Four soldiers"), str(d["document"]))
    after, _ = api("/incidents?limit=1")
    report("ingest-total-grows", after["total"] > before["total"], "%d -> %d" % (before["total"], after["total"]))
    # the same again: unchanged; plain text with the other header
    st, _, data = get("/ingest", method="POST", body=arts, headers=hdrs)
    o = json.loads(data) if st == 200 else {}
    report("ingest-again-unchanged", st == 200 and o.get("unchanged") == 2 and o.get("new") == 0, data[:200])
    st, _, data = get("/ingest", method="POST", body=b"Hundreds of teachers marched in Kampala on Tuesday.",
                      headers={"X-API-Key": key, "Content-Type": "text/plain"})
    o = json.loads(data) if st == 200 else {}
    report("ingest-text", st == 200 and o.get("new") == 1, "%d %s" % (st, data[:200]))
