#!/usr/bin/env python3
"""How often sitrep's meta agrees with the HTML evaluation set's `meta`.

    python3 bench/html_meta.py [--bin build/sitrep] [--data FILE] [--records FILE]

Runs `sitrep extract --format html --until read` on every page of
../shared/eval/data/trafilatura_eval.jsonl.gz (pages written to a
temporary folder, never kept), or reads records saved by
score_html_segments.py --save-records, and compares, on the pages whose
expected value is not empty:
  title   equal after white space is squashed
  date    the same day (meta.published, its first 10 characters)
  author  one contains the other (case folded, white space squashed)
Prints agreement per field.  Standard library only.
"""
import argparse, gzip, json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "eval", "data", "trafilatura_eval.jsonl.gz")


def squash(s):
    if isinstance(s, list):  # a few pages list their authors
        s = "; ".join(x for x in s if isinstance(x, str))
    return re.sub(r"\s+", " ", s or "").strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/sitrep")
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--records")
    a = ap.parse_args()
    with gzip.open(a.data, "rt", encoding="utf-8") as f:
        pages = [json.loads(l) for l in f if l.strip()]
    recs = {}
    if a.records:
        src = open(a.records, encoding="utf-8").read().split("\n")
    else:
        tmp = tempfile.mkdtemp(prefix="html_meta_")
        try:
            paths = []
            for i, p in enumerate(pages):
                path = os.path.join(tmp, f"page{i:05d}.html")
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(p["html"])
                paths.append(path)
            out = subprocess.run([a.bin, "extract", "--format", "html", "--until", "read"] + paths,
                                 capture_output=True)
            src = out.stdout.decode("utf-8", "replace").split("\n")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    for line in src:
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        m = re.search(r"page(\d+)\.html$", r.get("id", ""))
        if m:
            recs[int(m.group(1))] = r.get("meta") or {}
    stats = {k: [0, 0, 0] for k in ("title", "date", "author")}  # agree, pages, sitrep gave none
    for i, p in enumerate(pages):
        exp, got = p.get("meta") or {}, recs.get(i, {})
        if squash(exp.get("title")):
            s = stats["title"]; s[1] += 1
            s[0] += squash(got.get("title")) == squash(exp["title"])
            s[2] += not got.get("title")
        if squash(exp.get("date")):
            s = stats["date"]; s[1] += 1
            s[0] += (got.get("published") or "")[:10] == exp["date"][:10]
            s[2] += not got.get("published")
        if squash(exp.get("author")):
            s = stats["author"]; s[1] += 1
            e, g = squash(exp["author"]).casefold(), squash(got.get("byline")).casefold()
            # every expected name (";"-separated) found in the byline, or the byline in it
            names = [x.strip() for x in e.split(";") if x.strip()]
            s[0] += bool(g) and (all(x in g for x in names) or g in e)
            s[2] += not g
    for k, (ok, n, none) in stats.items():
        print(f"{k:7} {ok:4} of {n:4} agree ({100 * ok / max(n, 1):.1f}%); sitrep gave none on {none}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
