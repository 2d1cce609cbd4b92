#!/usr/bin/env python3
"""ACLED dev figures on the whole set and on the notes the learned event
weights did not train on (FNV-1a of the id, modulo 5 == 0: the rule of
tools/event_train.c), through the official scorer, plus the asserted
ACLED-typed rows per note of each.

usage: acled_heldout.py GOLD.jsonl RECORDS.jsonl
  RECORDS: what `sitrep extract --format jsonl` wrote for
  `score_acled.py --input GOLD.jsonl` (run_dev.sh leaves it in
  ${TMPDIR:-/tmp}/sitrep-dev/acled.jsonl).
"""
import json
import os
import subprocess
import sys
import tempfile


def fnv1a(s):
    h = 2166136261
    for b in s.encode('utf-8'):
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def rows_per_note(ids, recs):
    n = 0
    for i in ids:
        for e in (recs.get(i) or {}).get('events') or []:
            if e.get('modality') == 'asserted' and (e.get('acled') or {}).get('event_type'):
                n += 1
    return n / max(len(ids), 1)


def main():
    gold_path, rec_path = sys.argv[1], sys.argv[2]
    scorer = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          '..', '..', 'shared', 'eval', 'score_acled.py')
    if not os.path.exists(scorer):
        scorer = os.path.join(os.path.dirname(gold_path), '..', 'score_acled.py')
    gold = [l for l in open(gold_path, encoding='utf-8') if l.strip()]
    recs = {}
    for l in open(rec_path, encoding='utf-8'):
        if l.strip():
            r = json.loads(l)
            recs[str(r.get('id'))] = r
    held = [l for l in gold if fnv1a(str(json.loads(l)['id'])) % 5 == 0]
    with tempfile.TemporaryDirectory() as tmp:
        hp = os.path.join(tmp, 'held.jsonl')
        with open(hp, 'w', encoding='utf-8') as f:
            f.writelines(held)
        for name, path, lines in (('whole', gold_path, gold), ('held-out', hp, held)):
            out = subprocess.run([sys.executable, scorer, path, rec_path],
                                 capture_output=True, text=True, check=True).stdout
            ids = [str(json.loads(l)['id']) for l in lines]
            figs = dict(x.split(None, 1) for x in out.strip().splitlines())
            print('%-9s rows %-5s ' % (name, figs.get('rows', '?').strip()) +
                  ' '.join('%s %s' % (k, figs[k].strip().rstrip('%'))
                           for k in ('event', 'type', 'subtype', 'place', 'date', 'deaths', 'all')
                           if k in figs) +
                  ' rows/note %.3f' % rows_per_note(ids, recs))


if __name__ == '__main__':
    main()
