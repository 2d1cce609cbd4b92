#!/bin/sh
# Precision of asserted ACLED-typed events on general news, against our
# own judgments of random draws of them from the Reuters-21578 corpus
# (ids and trigger offsets with our labels): event_precision.tsv, drawn
# from the output of 8b6d47a (22% right then), event_precision2.tsv, a
# fresh draw from a3e7091 (38% right then), and event_precision3.tsv, a
# fresh draw from 472c138 (40% right then; target 90%),
# event_precision4.tsv, all 96 asserted events of 41736cb that neither the
# other draws nor the training judgments (event_sense.tsv) hold (41% right
# then; the gate's training leaves the articles of all four out).  Runs sitrep on the
# judged articles and counts the judged events it still asserts (as an
# event or a mention of one): the share that are real events of the right
# type must not fall below the floor each draw names below.
# usage: event_precision.sh SITREP
set -u
bin=$1
corpus=../shared/corpus/reuters21578.jsonl
fix="tests/fixtures/event_precision.tsv tests/fixtures/event_precision2.tsv tests/fixtures/event_precision3.tsv tests/fixtures/event_precision4.tsv"
tmp=$(mktemp -d)
python3 - "$corpus" $fix > "$tmp/in.jsonl" <<'PY'
import json, sys
ids = {l.split('\t')[0] for f in sys.argv[2:] for l in open(f) if l.strip() and not l.startswith('#')}
for l in open(sys.argv[1], encoding='utf-8'):
    if json.loads(l)['id'] in ids:
        sys.stdout.write(l)
PY
"$bin" extract --format jsonl -o "$tmp/out.jsonl" < "$tmp/in.jsonl"
python3 - "$tmp/out.jsonl" $fix <<'PY'
import json, sys
# the floor of each draw: its precision at the commit that last raised it
# (event_precision3.tsv: 0.42 since the beam parser, which reads "marched
# ... to protest" as one act: the judged "protest" was that march's second row;
# all four since the gate learns the article's tone, the parse's heads and the
# calm articles of the corpus: 42, 51, 53 and 41% then)
floor = {'event_precision.tsv': 0.41, 'event_precision2.tsv': 0.50, 'event_precision3.tsv': 0.53,
         'event_precision4.tsv': 0.40}
kept = set()
for l in open(sys.argv[1]):
    r = json.loads(l)
    for e in r.get('events') or []:
        if e.get('modality') == 'asserted' and e.get('acled'):
            for m in e.get('mentions') or [e]:
                kept.add((r['id'], m['trigger']['start']))
passed = failed = 0
for f in sys.argv[2:]:
    labels = {}
    for l in open(f):
        if l.strip() and not l.startswith('#'):
            i, s, e, lab = l.rstrip('\n').split('\t')
            labels[(i, int(s))] = lab
    got = [lab for k, lab in labels.items() if k in kept]
    y = sum(lab == 'Y' for lab in got)
    prec = y / max(len(got), 1)
    name = f.split('/')[-1]
    print('%s: judged %d, still asserted %d: %d right (%.0f%%), %d real of another type, %d no event'
          % (name, len(labels), len(got), y, 100 * prec, sum(lab in 'RV' for lab in got),
             sum(lab == 'N' for lab in got)))
    if prec >= floor[name] and got:
        passed += 1
    else:
        failed += 1
print('event_precision: %d passed, %d failed' % (passed, failed))
sys.exit(0 if not failed else 1)
PY
st=$?
rm -rf "$tmp"
exit $st
