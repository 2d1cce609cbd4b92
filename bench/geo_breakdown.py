#!/usr/bin/env python3
"""What the ACLED place figure misses, by cause (not a test; figures for docs).

usage: geo_breakdown.py GOLD.jsonl RECORDS.jsonl [--show CAUSE N]

RECORDS: sitrep's records of the notes, as ../shared/eval/run_dev.sh acled
writes them (${TMPDIR:-/tmp}/sitrep-dev/acled.jsonl).  The best event of a
note is the one score_acled.py picks; its place is right within 25, 50 or
100 km of ACLED's point by geo_precision 1, 2, 3.  Each note is counted
once, under the first cause that fits:

  right           the best event's place is right
  no event        no event at all
  no place        the best event has no place
  other entity    the event's place is wrong, but one of the note's placed
                  entities (towns, districts, regions) lies within the radius
  unplaced name   none lies within it, and a place-like name of the note
                  (GPE or LOC) has no place: mostly villages the gazetteer lacks
  wrong place     none lies within it, every place-like name is placed

The held-out share is the place figure on every 5th note (the 5th, 10th,
...), the notes tools/geo_train.c holds out of training.
"""
import json, math, sys


def km(a, b, c, d):
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, x)))


def judge(g, ev):
    ac = ev.get('acled') or {}
    loc = ev.get('location') or {}
    radius = {1: 25, 2: 50, 3: 100}.get(int(g.get('geo_precision') or 1), 25)
    place = (loc.get('lat') is not None and
             km(float(loc['lat']), float(loc['lon']), g['latitude'], g['longitude']) <= radius)
    date = str((ev.get('date') or {}).get('value') or '') == g['event_date']
    deaths = int((ev.get('fatalities') or {}).get('min') or 0) == int(g.get('fatalities') or 0)
    return (ac.get('event_type') == g['event_type'], ac.get('sub_event_type') == g['sub_event_type'],
            place, date, deaths)


def load(gold_path, records_path):
    """The gold notes, and our records by id."""
    gold = [json.loads(l) for l in open(gold_path, encoding='utf-8') if l.strip()]
    recs = {}
    for l in open(records_path, encoding='utf-8'):
        if l.strip():
            r = json.loads(l)
            recs[str(r['id'])] = r
    return gold, recs


def main():
    gold, recs = load(sys.argv[1], sys.argv[2])
    show = sys.argv[sys.argv.index('--show') + 1] if '--show' in sys.argv else None
    nshow = int(sys.argv[sys.argv.index('--show') + 2]) if show else 0
    causes = ['right', 'no event', 'no place', 'other entity', 'unplaced name', 'wrong place']
    tot = dict.fromkeys(causes, 0)
    by_prec = {}
    held = held_ok = 0
    for i, g in enumerate(gold):
        r = recs.get(str(g['id'])) or {}
        evs = r.get('events') or []
        radius = {1: 25, 2: 50, 3: 100}.get(int(g.get('geo_precision') or 1), 25)
        if not evs:
            cause = 'no event'
        else:
            js = [(judge(g, ev), ev) for ev in evs]
            best = max(js, key=lambda x: x[0])[1]
            loc = best.get('location')
            if loc and loc.get('lat') is not None and \
                    km(loc['lat'], loc['lon'], g['latitude'], g['longitude']) <= radius:
                cause = 'right'
            elif not loc or loc.get('lat') is None:
                cause = 'no place'
            else:
                ents = r.get('entities') or []
                near = any(e.get('geo') and e['geo'].get('lat') is not None and e['geo']['feature'] != 'country'
                           and km(e['geo']['lat'], e['geo']['lon'], g['latitude'], g['longitude']) <= radius
                           for e in ents)
                unplaced = any(e['type'] in ('GPE', 'LOC') and not e.get('geo') for e in ents)
                cause = 'other entity' if near else 'unplaced name' if unplaced else 'wrong place'
        tot[cause] += 1
        gp = int(g.get('geo_precision') or 1)
        by_prec.setdefault(gp, dict.fromkeys(causes, 0))[cause] += 1
        if i % 5 == 4:
            held += 1
            held_ok += cause == 'right'
        if show == cause and nshow > 0:
            nshow -= 1
            ev = None
            if evs:
                ev = max(((judge(g, e), e) for e in evs), key=lambda x: x[0])[1]
            loc = (ev or {}).get('location') or {}
            print('%s gp%d %s [%s/%s/%s] ours: %s %s | %s' % (
                g['id'], gp, g['location'], g.get('admin1'), g.get('admin2'), g['country'],
                loc.get('name'), loc.get('precision'), g['notes'][:220].replace('\n', ' ')))
    n = len(gold)
    print('notes %d; place right %.1f%% (held out, every 5th: %.1f%% of %d)' %
          (n, 100 * tot['right'] / n, 100 * held_ok / max(held, 1), held))
    for c in causes[1:]:
        print('  %-14s %5.1f%%   by geo_precision %s' % (c, 100 * tot[c] / n, '  '.join(
            '%d: %.1f%%' % (p, 100 * by_prec[p][c] / n) for p in sorted(by_prec))))


if __name__ == '__main__':
    main()
