#!/usr/bin/env python3
"""Geocoding check on ACLED's own coding (not a test; figures for docs).

usage: geo_acled.py SITREP [ACLED_DEV.jsonl]

Runs `sitrep extract` on the notes of ../shared/eval/data/acled_dev.jsonl
(as score_acled.py --input gives them) and counts the events for which one
of the places sitrep put on the map (towns and regions, not countries) lies
within 25, 50 and 100 km of the location ACLED coded.
"""
import json, math, subprocess, sys

def km(a, b, c, d):
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(x))

def main():
    sitrep = sys.argv[1]
    gold_path = sys.argv[2] if len(sys.argv) > 2 else "../shared/eval/data/acled_dev.jsonl"
    gold, lines = {}, []
    for l in open(gold_path, encoding="utf-8"):
        g = json.loads(l)
        gold[str(g["id"])] = g
        lines.append(json.dumps({"id": str(g["id"]), "text": g["notes"]}, ensure_ascii=False))
    out = subprocess.run([sitrep, "extract", "--format", "jsonl", "--no-text", "-"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    n, hits = 0, {25: 0, 50: 0, 100: 0}
    for l in out.splitlines():
        r = json.loads(l)
        g = gold[r["id"]]
        n += 1
        ds = [km(g["latitude"], g["longitude"], e["geo"]["lat"], e["geo"]["lon"])
              for e in r.get("entities", []) if e.get("geo") and e["geo"].get("lat") is not None
              and e["geo"]["feature"] != "country"]
        for k in hits:
            if ds and min(ds) <= k:
                hits[k] += 1
    print("ACLED notes: %d; a town or region of ours within 25 km: %.1f%%, 50 km: %.1f%%, 100 km: %.1f%%"
          % (n, 100 * hits[25] / n, 100 * hits[50] / n, 100 * hits[100] / n))

if __name__ == "__main__":
    main()
