#!/bin/sh
# Precision of asserted ACLED-typed events on general news, against our
# own judgments of a random draw of them from the Reuters-21578 corpus
# (tests/fixtures/event_precision.tsv: ids and trigger offsets with our
# labels).  Runs sitrep on the judged articles and counts the judged events
# it still asserts (as an event or a mention of one): the share that are
# real events of the right type must not fall below what it was when the
# draw was judged (22%; target 90%).
# usage: event_precision.sh SITREP
set -u
bin=$1
corpus=../shared/corpus/reuters21578.jsonl
fix=tests/fixtures/event_precision.tsv
tmp=$(mktemp -d)
python3 - "$fix" "$corpus" > "$tmp/in.jsonl" <<'PY'
import json, sys
ids = {l.split('\t')[0] for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')}
for l in open(sys.argv[2], encoding='utf-8'):
    if json.loads(l)['id'] in ids:
        sys.stdout.write(l)
PY
"$bin" extract --format jsonl -o "$tmp/out.jsonl" < "$tmp/in.jsonl"
python3 - "$fix" "$tmp/out.jsonl" <<'PY'
import json, sys
labels = {}
for l in open(sys.argv[1]):
    if l.strip() and not l.startswith('#'):
        i, s, e, lab = l.rstrip('\n').split('\t')
        labels[(i, int(s))] = lab
kept = set()
for l in open(sys.argv[2]):
    r = json.loads(l)
    for e in r.get('events') or []:
        if e.get('modality') == 'asserted' and e.get('acled'):
            for m in e.get('mentions') or [e]:
                kept.add((r['id'], m['trigger']['start']))
got = [lab for k, lab in labels.items() if k in kept]
y = sum(lab == 'Y' for lab in got)
prec = y / max(len(got), 1)
print('judged %d, still asserted %d: %d right (%.0f%%), %d real of another type, %d no event'
      % (len(labels), len(got), y, 100 * prec, sum(lab == 'R' for lab in got), sum(lab == 'N' for lab in got)))
ok = prec >= 0.22 and len(got) <= len(labels)
print('event_precision: %d passed, %d failed' % (int(ok), int(not ok)))
sys.exit(0 if ok else 1)
PY
st=$?
rm -rf "$tmp"
exit $st
