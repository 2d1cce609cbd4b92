#!/bin/sh
# Checks that the committed name tagger weights (data/ner/) are what
# `make ner-train` makes from this tree: retrains them into build/ and
# compares the bytes (make ner-check).  Needs the CoNLL-2003 training set
# (../shared/eval/data); without it the check is skipped.
# usage: ner_weights.sh
set -u
train=${NER_TRAIN:-../shared/eval/data/conll2003_train.jsonl}
if [ ! -r "$train" ]; then
    echo "ner weights: no training set at $train, skipped"
    echo "ner weights: 0 passed, 0 failed"
    exit 0
fi
if make -s ner-check NER_TRAIN="$train" > build/ner_check.log 2>&1; then
    echo "ner weights: ok (make ner-train gives the committed file)"
    echo "ner weights: 1 passed, 0 failed"
else
    tail -n 3 build/ner_check.log
    echo "ner weights: FAILED: the committed weights are not what this tree trains; run make ner-train and commit data/ner/"
    echo "ner weights: 0 passed, 1 failed"
    exit 1
fi
