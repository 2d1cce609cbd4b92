#!/bin/sh
# Long and pathological documents cost what their length says: every stage
# is linear (or n log n) in a document's length, so
#   - the seed article repeated to about 1.4 MB as ONE document takes at
#     most 3 times the time of the same text as 320 separate articles;
#   - a pathological text (5 MB with no sentence punctuation, a 1 MB token,
#     100,000 unbalanced quote marks, 1 MB of capitalized words, 40,000
#     "she said" quotes with no name to resolve them, a megabyte of
#     participles after nouns, a page with 40,000 paragraphs inside its
#     <h1>) takes at most 10 times a normal text of the same size (the seed
#     as separate articles; for the page, the same paragraphs in <body>).
# Each is checked on the whole pipeline, and again stopped after the
# matcher (--until match: reading, text view, segmenter, tagger, lemmas,
# matcher).  Times are CPU seconds (user + system) of the process, compared
# as ratios; a run is stopped well past its limit so that a quadratic stage
# cannot stall the suite.
# usage: patho_long.sh SITREP   (reads ../shared/seeds; run from the repo)
set -u
bin=$1
seed=../shared/seeds/000_a078ef960d8e8806.txt
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "patho_long $1: ok ($2)"; }
ko() { fail=$((fail + 1)); echo "patho_long $1: FAILED ($2)"; }

if [ ! -f "$seed" ]; then
    ko inputs "no $seed (../shared must be beside the repository)"
    echo "patho_long: $pass passed, $fail failed"
    exit 1
fi

# The inputs, written by hand here (the seed is the only one read).
python3 - "$seed" "$tmp" <<'EOF' || { ko inputs "python3 failed"; echo "patho_long: $pass passed, $fail failed"; exit 1; }
import json, random, sys
seed = open(sys.argv[1], encoding='utf-8').read()
out = sys.argv[2]
def one(name, text):
    with open('%s/%s' % (out, name), 'w', encoding='utf-8') as f:
        f.write(json.dumps({'id': name, 'text': text}) + '\n')
def normal(name, size):
    # the seed as separate articles, about `size` bytes of text in all
    k = max(1, round(size / len(seed.encode('utf-8'))))
    with open('%s/%s' % (out, name), 'w', encoding='utf-8') as f:
        for i in range(k):
            f.write(json.dumps({'id': '%s-%d' % (name, i), 'text': seed}) + '\n')
def size(text):
    return len(text.encode('utf-8'))
one('long.jsonl', '\n\n'.join([seed] * 320))
normal('long.norm', size(seed) * 320)
body = seed.split('\n\n', 4)[-1]
words = body.replace('.', ' ').replace('!', ' ').replace('?', ' ').replace(';', ' ').replace(':', ' ').split()
def repeat(ws, n):
    out, k, i = [], 0, 0
    while k < n:
        w = ws[i % len(ws)]
        out.append(w)
        k += len(w.encode('utf-8')) + 1
        i += 1
    return ' '.join(out)
random.seed(18)
caps = [w.capitalize() for w in words if w.isalpha()]
caps_text = []
k = 0
while k < 1_000_000:
    w = random.choice(caps)
    caps_text.append(w)
    k += len(w) + 1
texts = {
    'nopunct': repeat(words, 5_000_000),
    'token': 'a' * 1_000_000,
    'quotes': ' '.join(['"word'] * 100_000),
    'caps': ' '.join(caps_text),
    'pronoun': ' '.join(['\u201cIt is fine,\u201d she said.'] * 40_000),
    'participles': ' '.join(['Police arrested men police arrested men police arrested men'] * 17_000),
}
for name, t in texts.items():
    one(name + '.jsonl', t)
    normal(name + '.norm', size(t))
paras = ''.join('<p>Syria news item %d</p>' % i for i in range(40_000))
with open(out + '/h1.html', 'w') as f:
    f.write('<html><body><h1>' + paras + '</h1><p>The end of it all.</p></body></html>\n')
with open(out + '/h1.norm', 'w') as f:
    f.write('<html><body><h1>News</h1>' + paras + '<p>The end of it all.</p></body></html>\n')
EOF

# cpu FILE LIMIT ARGS...: CPU seconds of one extraction of FILE, given
# $reps times, into $t; "stopped" when it ran more than LIMIT seconds of
# wall clock.
cpu() {
    f=$1; lim=$2; shift 2
    files=""
    i=0
    while [ $i -lt "$reps" ]; do files="$files $f"; i=$((i + 1)); done
    # shellcheck disable=SC2086 # the file names are ours, without spaces
    if /usr/bin/time -f "%U %S" -o "$tmp/time" timeout "$lim" "$bin" extract "$@" $files > /dev/null 2> "$tmp/err"; then
        t=$(awk 'END { printf "%.3f", $1 + $2 }' "$tmp/time")
    elif [ $? -eq 124 ]; then
        t=stopped
    else
        t=error
    fi
}

# check NAME PATHO NORMAL FACTOR ARGS...: PATHO within FACTOR times NORMAL.
check() {
    name=$1; patho=$2; norm=$3; factor=$4; shift 4
    # the normal text: the faster of two runs, at least 20 ms (the
    # stages' time, not the model's loading, is what is compared)
    cpu "$norm" 600 "$@"; n1=$t
    cpu "$norm" 600 "$@"; n2=$t
    case "$n1$n2" in *stopped*|*error*) ko "$name" "normal text: $n1 $n2"; return ;; esac
    base=$(awk -v a="$n1" -v b="$n2" 'BEGIN { m = a < b ? a : b; if (m < 0.02) m = 0.02; print m }')
    # stopped at three times the limit (and at least 5 s of wall clock)
    lim=$(awk -v b="$base" -v f="$factor" 'BEGIN { l = 3 * b * f + 5; printf "%d", l }')
    tries=0
    while :; do
        cpu "$patho" "$lim" "$@"
        tries=$((tries + 1))
        if [ "$t" = stopped ]; then
            ko "$name" "more than ${lim} s against ${base} s, stopped"
            return
        fi
        if [ "$t" = error ]; then
            ko "$name" "sitrep failed: $(head -c 200 "$tmp/err")"
            return
        fi
        r=$(awk -v t="$t" -v b="$base" 'BEGIN { printf "%.2f", t / b }')
        if awk -v r="$r" -v f="$factor" 'BEGIN { exit !(r <= f) }'; then
            ok "$name" "${r}x: $t s against $base s"
            return
        fi
        # one more try before failing: the machine may have been busy
        if [ $tries -ge 2 ]; then
            ko "$name" "${r}x (limit ${factor}x): $t s against $base s"
            return
        fi
    done
}

# The stages up to the matcher are fast: each file is read five times
# there, so that times are well above the clock's 10 ms.
for mode in all match; do
    if [ $mode = all ]; then set --; reps=1; else set -- --until match; reps=5; fi
    check "$mode long-document" "$tmp/long.jsonl" "$tmp/long.norm" 3 "$@"
    for k in nopunct token quotes caps pronoun participles; do
        check "$mode $k" "$tmp/$k.jsonl" "$tmp/$k.norm" 10 "$@"
    done
    check "$mode h1-paragraphs" "$tmp/h1.html" "$tmp/h1.norm" 10 "$@"
done

echo "patho_long: $pass passed, $fail failed"
[ $fail -eq 0 ]
