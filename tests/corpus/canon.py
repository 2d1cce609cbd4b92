"""The output of `sitrep query` with what depends on the order documents were
stored in taken out, so that two stores holding the same documents and
incidents give the same text: row numbers (incident and event ids, which
databases hand out in arrival order) dropped, rows sorted, an incident's
reports sorted and its merge reasons taken as unordered pairs.
usage: canon.py FORMAT < query-output > canonical   (FORMAT: jsonl, events, acled, tsv)"""
import csv, json, sys

fmt = sys.argv[1]
rows = []
if fmt == "jsonl":  # incidents
    for line in sys.stdin:
        r = json.loads(line)
        r.pop("incident")
        r["reports"].sort(key=lambda x: (x["doc_id"] or "", x["event"]))
        r["why"] = sorted((sorted([w["event"], w["with"]]), w["reason"]) for w in r["why"])
        rows.append(json.dumps(r, sort_keys=True))
elif fmt == "events":
    for line in sys.stdin:
        r = json.loads(line)
        r.pop("event_id")
        r["incident"] = r["incident"] is not None
        rows.append(json.dumps(r, sort_keys=True))
elif fmt == "acled":
    rd = csv.reader(sys.stdin)
    head = next(rd)
    print(",".join(head[1:]))
    rows = [json.dumps(r[1:]) for r in rd]
elif fmt == "tsv":  # GDELT events or mentions: the first column is our number
    rows = [l.rstrip("\n").split("\t", 1)[1] for l in sys.stdin]
for r in sorted(rows):
    print(r)
