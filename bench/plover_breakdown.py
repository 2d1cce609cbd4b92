#!/usr/bin/env python3
"""Why PLOVER dev records miss: a breakdown of score_plover.py's misses.

usage: plover_breakdown.py GOLD.jsonl RECORDS.jsonl [--half 0|1] [--show CLASS] [--n N]

Scores as ../shared/eval/score_plover.py does (a role counts only on an event
of the expected type) and classifies each miss:
  type:  no event | wrong type (the types got, and their triggers)
  role (source, target), on the best event of the right type:
    missing      no actor on any right-type event
    wrong span   an actor whose text does not overlap the gold actor's text
    no country   the right span, code without the gold country
    sector       the right country, the sector missing or another
--half k keeps the records whose FNV-1a(id) % 2 == k (for learning from one half).
--show CLASS prints the records of one class (e.g. type:wrong, source:missing).
"""
import json
import sys
from collections import Counter, defaultdict

RENAME = {'DEMAND': 'REQUEST', 'DISAPPROVE': 'ACCUSE', 'FIGHT': 'ASSAULT', 'INVESTIGATE': 'ACCUSE'}


def fnv(s):
    h = 0x811c9dc5
    for b in s.encode():
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def actor_ok(got, want):
    if not want:
        return True
    code = str((got or {}).get('code') or '')
    for w in want:
        c, s = (w.get('code') or ''), (w.get('sector') or '')
        if c and code.startswith(c) and (not s or s in code[len(c):]):
            return True
        if not c and s and s in code:
            return True
    return False


def overlap(a, b):
    a, b = a.lower(), b.lower()
    return a and b and (a in b or b in a)


def role_class(evs, role, want):
    if actor_ok(None, want) and not want:
        return 'ok'
    got = [e.get(role) for e in evs if e.get(role)]
    if any(actor_ok(g, want) for g in got):
        return 'ok'
    if not got:
        return 'missing'
    for g in got:
        for w in want:
            if overlap(g.get('text') or '', w.get('text') or ''):
                code, c = str(g.get('code') or ''), w.get('code') or ''
                if c and not code.startswith(c):
                    return 'no country' if not g.get('country') else 'wrong country'
                return 'sector'
    return 'wrong span'


def main():
    gold = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
    recs = {}
    for l in open(sys.argv[2], encoding='utf-8'):
        if l.strip():
            r = json.loads(l)
            recs[str(r.get('id'))] = r
    half = int(sys.argv[sys.argv.index('--half') + 1]) if '--half' in sys.argv else None
    show = sys.argv[sys.argv.index('--show') + 1] if '--show' in sys.argv else None
    nshow = int(sys.argv[sys.argv.index('--n') + 1]) if '--n' in sys.argv else 1000
    if half is not None:
        gold = [g for g in gold if fnv(str(g['id'])) % 2 == half]
    cls = Counter()
    conf = Counter()
    shown = 0
    tot = Counter()
    for g in gold:
        evs = (recs.get(str(g['id'])) or {}).get('events') or []
        exp = g['expected'][0]
        want = RENAME.get(exp['event'], exp['event'])
        typed = [e for e in evs if (e.get('plover') or {}).get('type') == want]
        tot['n'] += 1
        out = []
        if not evs:
            out.append('type:no event')
        elif not typed:
            out.append('type:wrong')
            conf[(want, ','.join(sorted({(e.get('plover') or {}).get('type') or '-' for e in evs})))] += 1
        else:
            tot['type'] += 1
            for role in ('source', 'target'):
                k = role_class(typed, role, exp[role])
                if k == 'ok':
                    tot[role] += 1
                else:
                    out.append(role + ':' + k)
        for o in out:
            cls[o] += 1
        if show and show in out and shown < nshow:
            shown += 1
            got = [((e.get('plover') or {}).get('type'), (e.get('trigger') or {}).get('text'),
                    (e.get('source') or {}).get('text'), (e.get('source') or {}).get('code'),
                    (e.get('target') or {}).get('text'), (e.get('target') or {}).get('code')) for e in evs]
            ws = [(w.get('text'), w.get('code'), w.get('sector')) for w in exp['source']]
            wt = [(w.get('text'), w.get('code'), w.get('sector')) for w in exp['target']]
            print('%s want %s src %s tgt %s\n   %s\n   got %s' % (g['id'], want, ws, wt, g['text'], got))
    n = tot['n'] or 1
    print('records %d: type %.1f source %.1f target %.1f' % (
        tot['n'], 100.0 * tot['type'] / n, 100.0 * tot['source'] / n, 100.0 * tot['target'] / n))
    for k, v in sorted(cls.items()):
        print('  %-22s %d' % (k, v))
    print('wrong types (want -> got):')
    for (w, gt), v in conf.most_common(25):
        print('  %-10s -> %-30s %d' % (w, gt, v))


if __name__ == '__main__':
    main()
