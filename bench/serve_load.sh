#!/bin/sh
# A bounded load test of `sitrep serve --db` on loopback (not part of the
# test run): N requests (default 20,000) from C concurrent clients (default
# 50) on a store of tests/corpus/incidents.jsonl (SQLite), mixed, in twelve
# slots: 3 extracts of a short article (POST /extract), 4 queries (/incidents
# and /events with filters, as JSON, ACLED CSV and GeoJSON, a later page), an
# incident by id, a document by id (its record made again), the report of
# Kenya's incidents, /health, and a bad request that must be refused (400).
# Prints requests/s, p50/p90/p99 latency by kind, and counts every request
# that got another status than it should (the exit status is 1 if any did).
# usage: bench/serve_load.sh [SITREP]   (N=20000 C=50 THREADS=2 to change it)
# Needs python3 (the client: standard library only).  Sends traffic only
# to 127.0.0.1 and stops by itself (at most N requests, 30 s each).
set -u
bin=${1:-build/sitrep}
N=${N:-20000}
C=${C:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" ingest -q --db "$tmp/store.db" "$root/tests/corpus/incidents.jsonl"
"$bin" serve --listen 127.0.0.1:0 --db "$tmp/store.db" --max-connections 512 \
    ${THREADS:+--threads $THREADS} 2> "$tmp/log" &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on .*(port \([0-9]*\)).*/\1/p' "$tmp/log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "serve_load: the server did not start"; cat "$tmp/log"; exit 1; }
printf 'Rebels attacked an army post near Goma on Monday, killing four soldiers, the army said.' \
    > "$tmp/article.txt"

cat > "$tmp/client.py" << 'PY'
# C threads, each on a connection of its own kept alive (opened again when
# the server closes it); one line a request: kind, status, seconds.
import http.client, sys, threading, time
port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
article = open(sys.argv[4], "rb").read()
mix = [("extract", "POST", "/extract"),
       ("query", "GET", "/incidents?country=Kenya|Nigeria&limit=50"),
       ("query", "GET", "/events?event_type=Battles&format=csv"),
       ("extract", "POST", "/extract"),
       ("query", "GET", "/incidents?fatalities=5&format=geojson"),
       ("incident", "GET", "/incidents/1"),
       ("query", "GET", "/events?event_date=2021-03-01|2021-05-31&event_date_where=BETWEEN&limit=5&page=2"),
       ("extract", "POST", "/extract"),
       ("document", "GET", "/documents/a-wire"),
       ("report", "GET", "/report?country=Kenya"),
       ("health", "GET", "/health"),
       ("bad", "GET", "/incidents?country=x%27%3B%20DROP%20TABLE%20incident%3B--")]
out, lock = [], threading.Lock()
def client(k):
    conn, rows = None, []
    for i in range(k, n, c):
        kind, method, path = mix[i % len(mix)]
        body = article if method == "POST" else None
        hdrs = {"Content-Type": "text/plain"} if body else {}
        t = time.perf_counter()
        status = -1
        for attempt in range(2):  # a kept connection the server closed: once more
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(method, path, body=body, headers=hdrs)
                r = conn.getresponse()
                r.read()
                status = r.status
                if (r.getheader("Connection") or "").lower() == "close":
                    conn.close()
                    conn = None
                break
            except (http.client.HTTPException, OSError):
                if conn:
                    conn.close()
                conn = None
        rows.append("%s %d %.6f" % (kind, status, time.perf_counter() - t))
    with lock:
        out.extend(rows)
ts = [threading.Thread(target=client, args=(k,)) for k in range(c)]
t0 = time.perf_counter()
for t in ts:
    t.start()
for t in ts:
    t.join()
print("# %.3f" % (time.perf_counter() - t0))
print("\n".join(out))
PY
python3 "$tmp/client.py" "$port" "$N" "$C" "$tmp/article.txt" > "$tmp/results"
if ! kill -0 "$pid" 2> /dev/null; then echo "serve_load: the server died:"; grep -v "^sitrep serve: 127.0.0.1 " "$tmp/log" | tail -40; fi
kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; pid=""

python3 - "$tmp/results" "$C" "$tmp/log" << 'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
secs = float(lines[0].split()[1])
rows = [l.split() for l in lines[1:] if l.strip()]
kinds = ("extract", "query", "incident", "document", "report", "health", "bad")
want = {k: "200" for k in kinds}
want["bad"] = "400"
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100.0 * len(v)))] * 1000 if v else 0
print("serve_load: %d requests from %s clients in %.1f s: %.0f requests/s" %
      (len(rows), sys.argv[2], secs, len(rows) / secs))
failed = 0
for k in kinds + ("all",):
    t = [float(r[2]) for r in rows if k == "all" or r[0] == k]
    bad = [r for r in rows if (k == "all" or r[0] == k) and r[1] != want[r[0]]]
    if k != "all":
        failed += len(bad)
    print("  %-8s %6d  p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  wrong status %d" %
          (k, len(t), pct(t, 50), pct(t, 90), pct(t, 99), len(bad)))
codes = {}
for r in rows:
    codes[r[1]] = codes.get(r[1], 0) + 1
print("  statuses:", " ".join("%s:%d" % kv for kv in sorted(codes.items())))
# the server's own time per request (its log), apart from the client's
srv = {}
for l in open(sys.argv[3]):
    if not l.startswith("sitrep serve: 127.0.0.1 "):
        continue
    f = l.split()
    uri, ms = f[4], float(f[7].rstrip("ms"))
    k = "extract" if uri.startswith('"/extract') else "health" if uri.startswith('"/health') else \
        "report" if uri.startswith('"/report') else "document" if uri.startswith('"/documents') else \
        "incident" if uri.startswith('"/incidents/') else "bad" if "DROP" in uri else "query"
    srv.setdefault(k, []).append(ms / 1000)
print("  server log lines: %d; the server's own time per request:" % sum(len(v) for v in srv.values()))
for k in kinds:
    t = srv.get(k, [])
    print("  %-8s %6d  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms" % (k, len(t), pct(t, 50), pct(t, 90), pct(t, 99)))
sys.exit(1 if failed else 0)
PY
