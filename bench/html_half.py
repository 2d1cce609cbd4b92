#!/usr/bin/env python3
"""Writes one half of the HTML evaluation set, split as tools/html_train.c
splits it (FNV-1a, 32 bits, of the page id's bytes: even or odd), so the
block classifier, trained on the even half, is scored on pages it never saw.

    python3 bench/html_half.py even|odd OUT.jsonl.gz [--data FILE]
    python3 ../shared/eval/score_html_segments.py --bin build/sitrep --data OUT.jsonl.gz

Standard library only.
"""
import argparse, gzip, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "eval", "data", "trafilatura_eval.jsonl.gz")


def fnv1a(b):
    h = 2166136261
    for c in b:
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("half", choices=("even", "odd"))
    ap.add_argument("out")
    ap.add_argument("--data", default=DATA)
    a = ap.parse_args()
    want = 0 if a.half == "even" else 1
    import json
    n = 0
    with gzip.open(a.data, "rt", encoding="utf-8") as f, gzip.open(a.out, "wt", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            if fnv1a(json.loads(line)["id"].encode("utf-8")) & 1 == want:
                out.write(line)
                n += 1
    print(f"{a.out}: {n} pages ({a.half} half)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
