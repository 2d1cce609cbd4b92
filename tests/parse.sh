#!/bin/sh
# The dependency parser scored on UD English EWT dev with its own words:
# `sitrep parse --conllu` on the dev file, compared word by word with the
# gold file (multiword-token ranges and empty nodes skipped on both sides).
# Every word counts, punctuation included.  UAS: right head; LAS: right
# head and relation, the whole relation (nsubj:pass is not nsubj); ULAS:
# right head and universal relation (the part before ':', as the CoNLL
# 2018 scorer counts LAS).  Fails under the floors below, or when the
# default beam does not beat greedy decoding (--beam 1) by a point of UAS.
# usage: parse.sh BIN [DEV.conllu]
set -u
bin=${1:-build/sitrep}
dev=${2:-../shared/eval/data/ud/en_ewt-ud-dev.conllu}
cd "$(dirname "$0")/.." || exit 1
pass=0; fail=0
check() { # name, command...
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); echo "parse $name: ok"; else fail=$((fail + 1)); echo "parse $name: FAILED"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" parse --conllu "$dev" > "$tmp/pred" 2> "$tmp/err"
check runs [ $? -eq 0 ]
# one line per word: upos head deprel
words() { awk -F'\t' 'NF == 10 && $1 ~ /^[0-9]+$/ { print $4 "\t" $7 "\t" $8 }' "$1"; }
words "$dev" > "$tmp/gold.w"
words "$tmp/pred" > "$tmp/pred.w"
check same-words [ "$(wc -l < "$tmp/gold.w")" -eq "$(wc -l < "$tmp/pred.w")" ]
score() { # pred words -> "n upos uas las ulas"
    paste "$tmp/gold.w" "$1" | awk -F'\t' '
        { n++; if ($1 == $4) u++
          if ($2 == $5) { uas++; if ($3 == $6) las++
                          a = $3; sub(/:.*/, "", a); b = $6; sub(/:.*/, "", b); if (a == b) ulas++ } }
        END { printf "%d %.2f %.2f %.2f %.2f\n", n, 100 * u / n, 100 * uas / n, 100 * las / n, 100 * ulas / n }'
}
score "$tmp/pred.w" > "$tmp/score"
read -r n upos uas las ulas < "$tmp/score"
echo "parse: EWT dev, $n words: UPOS $upos  UAS $uas  LAS $las  (universal relations: LAS $ulas)"
# The floors: the figures the committed weights reach, less a margin.
atleast() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
check upos atleast "$upos" 94.5
check uas atleast "$uas" 85.6
check las atleast "$las" 82.1
# The beam (the default width) against greedy decoding of the same weights.
"$bin" parse --beam 1 --conllu "$dev" > "$tmp/pred1" 2> "$tmp/err"
words "$tmp/pred1" > "$tmp/pred1.w"
score "$tmp/pred1.w" > "$tmp/score1"
read -r n1 upos1 uas1 las1 ulas1 < "$tmp/score1"
echo "parse: the same, greedy (--beam 1): UAS $uas1  LAS $las1"
check beam-beats-greedy atleast "$uas" "$(awk -v a="$uas1" 'BEGIN { print a + 1 }')"
# A sentence of our own: the subject, the object and the root.
printf '1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n2\tseized\t_\t_\t_\t_\t_\t_\t_\t_\n3\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n4\ttown\t_\t_\t_\t_\t_\t_\t_\t_\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$tmp/own.conllu"
"$bin" parse --conllu "$tmp/own.conllu" > "$tmp/own.out"
check own-sentence [ "$(awk -F'\t' 'NF == 10 { printf "%s:%s ", $7, $8 }' "$tmp/own.out")" = "2:nsubj 0:root 4:det 2:obj 2:punct " ]
printf '1\tbad\n\n' > "$tmp/bad.conllu"
"$bin" parse --conllu "$tmp/bad.conllu" > /dev/null 2>&1
check malformed-exit [ $? -eq 2 ]
echo "parse: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
