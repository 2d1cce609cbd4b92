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
# event or a mention of one): an event is right when it is real (label Y or
# V) and sitrep's acled.event_type is the type judged by hand in the
# fixture's 5th column (its sub-type is reported, not required); wrong when
# it is of another type, not ACLED's kind (R, or a Y or V line re-judged
# "-") or no event (N).  The share right must not fall below the floor each
# draw names below.  Prints, per draw, judged / still asserted / right /
# wrong type / not ACLED's kind / no event, the share of label Y (the old
# rule, which trusted the label of the day), and the wrong types as
# (sitrep -> judged) pairs, most common first.
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
from collections import Counter
# the floor of each draw: its precision at the commit that last raised it.
# Until 2026-12-01 an event counted as right when its label was Y (the type
# right on the day it was judged), whatever type sitrep had given it since:
# floors 0.41, 0.50, 0.53, 0.40, measured 42, 51, 54 and 40% on ed668bb.
# Since 2026-12-01 it is right only when its label is Y or V and sitrep's
# acled.event_type is the type judged by hand in the fixture's 5th column;
# the floors are the precision measured so on the build of ed668bb (16 of
# 36, 30 of 55, 33 of 65, 36 of 90), rounded down.
# Raised 2026-12-02 to the typer's measure (wt-typer: weapons, fighters as
# victims, crowds fighting police): 18 of 36, 31 of 55, 34 of 65, 40 of 90.
# Lowered for draws 2 and 4 on 2026-12-02 (one event each) when the typer met
# the incident joins of wt-acled6 (a common-noun doer may be the one named
# before; a toll with no act goes to the act before): a joined mention takes
# its incident's type, in these two a wrong one:
# 18 of 36, 30 of 55, 34 of 65, 39 of 90.
# Lowered for draw 2 on 2026-12-02 (wt-ner6: the name tagger retrained on
# the current tree with context aggregation): three of its events change
# with the names around them ("F-4 Phantom" now a person's name, the
# target; "Cano Limon" and "U.S. Warships" organizations, the events no
# longer asserted), while draws 3 and 4 gain (35 of 65, 39 of 88); over
# the four draws 119 of 242 right, 49.2%, as before (121 of 246):
# 18 of 36, 27 of 53, 35 of 65, 39 of 88.
# Raised 2026-12-02 (wt-event6: modality through coordination, the
# article's remote means for a bare attack, weights regenerated):
# 20 of 36, 34 of 57, 34 of 60 (a shuttle's explosion after takeoff an
# accident), 43 of 82.
# Set 2026-12-02 on the merge of that with the retrained name tagger, the
# actors' new lexicon entries and the conflict-sense weights regenerated on
# them (and a trigger naming its means of war, "air strikes", needing no
# sense test): 18 of 35, 37 of 61, 34 of 62, 43 of 87 (132 of 245, 53.9%;
# 55.7% on wt-event6's tree, 49.2% on 800da85's). Each floor is above
# 800da85's. Raised the same day when a finite verb after a comma stopped
# asking for a parse (it has a tense of its own): 18 of 33, 36 of 58,
# 34 of 61, 44 of 85 (132 of 237, 55.7%).
floor = {'event_precision.tsv': 0.54, 'event_precision2.tsv': 0.62, 'event_precision3.tsv': 0.55,
         'event_precision4.tsv': 0.51}
etypes = ('Explosions/Remote violence', 'Violence against civilians', 'Strategic developments',
          'Battles', 'Protests', 'Riots')
def split_type(t):
    for e in etypes:
        if t.startswith(e + '/'):
            return e, t[len(e) + 1:]
    sys.exit('event_precision: unknown ACLED type %r' % t)
kept = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    for e in r.get('events') or []:
        if e.get('modality') == 'asserted' and e.get('acled'):
            a = e['acled']
            for m in e.get('mentions') or [e]:
                kept.setdefault((r['id'], m['trigger']['start']),
                                (a.get('event_type') or '', a.get('sub_event_type') or ''))
passed = failed = 0
confusions = Counter()
for f in sys.argv[2:]:
    labels = {}
    for l in open(f):
        if l.strip() and not l.startswith('#'):
            i, s, e, lab, judged = l.rstrip('\n').split('\t')
            told = lab
            if lab in 'YV' and judged != '-':
                judged = split_type(judged)
            elif lab in 'YV':
                lab = 'R'   # re-judged: a real event ACLED does not code
            labels[(i, int(s))] = (lab, judged, told)
    got = [(lab, judged, kept[k], told) for k, (lab, judged, told) in labels.items() if k in kept]
    right = sub = wrong = 0
    for lab, judged, have, _ in got:
        if lab in 'YV':
            if have[0] == judged[0]:
                right += 1
                sub += have[1] == judged[1]
            else:
                wrong += 1
                confusions['%s -> %s' % (have[0], judged[0])] += 1
    prec = right / max(len(got), 1)
    old = sum(told == 'Y' for _, _, _, told in got) / max(len(got), 1)
    name = f.split('/')[-1]
    print('%s: judged %d, still asserted %d: %d right (%.0f%%; %d of them of the right sub-type), '
          '%d wrong type, %d not ACLED\'s kind, %d no event (old rule, label Y: %.0f%%)'
          % (name, len(labels), len(got), right, 100 * prec, sub, wrong,
             sum(g[0] == 'R' for g in got), sum(g[0] == 'N' for g in got), 100 * old))
    if prec >= floor[name] and got:
        passed += 1
    else:
        failed += 1
if confusions:
    print('wrong types (sitrep -> judged): ' +
          ', '.join('%s %d' % c for c in sorted(confusions.items(), key=lambda c: (-c[1], c[0]))))
print('event_precision: %d passed, %d failed' % (passed, failed))
sys.exit(0 if not failed else 1)
PY
st=$?
rm -rf "$tmp"
exit $st
