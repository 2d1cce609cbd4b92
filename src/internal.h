/*
 * internal.h: types shared by the pipeline stages.  Not installed.
 *
 * Every stage is a plain function over an sr_doc.  All memory a stage needs
 * for a document comes from the document's arena (sr_arena), which the
 * extractor resets between documents: no stage calls malloc per token.
 * Every extracted item carries byte offsets [start, end) into doc->text, the
 * document text exactly as read.
 */
#ifndef SR_INTERNAL_H
#define SR_INTERNAL_H

#define SITREP_BUILDING 1
#include "sitrep.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* ---- arena (arena.c) ----------------------------------------------------- */

typedef struct sr_arena_block sr_arena_block;
typedef struct sr_arena {
    sr_arena_block *head;  /* current block; older blocks follow ->next */
    size_t total;          /* bytes held in all blocks */
} sr_arena;

void sr_arena_init(sr_arena *a);
/* Returns `n` bytes aligned to 16, or NULL when out of memory. */
void *sr_arena_alloc(sr_arena *a, size_t n);
void *sr_arena_calloc(sr_arena *a, size_t count, size_t size);
/* Grows an arena array of `old_n` items of `size` to `new_n` (copying). */
void *sr_arena_grow(sr_arena *a, void *p, size_t old_n, size_t new_n, size_t size);
/* Gives back the tail of the arena's last allocation p (old_n bytes,
 * keeping new_n); does nothing when p is not the last allocation. */
void sr_arena_shrink_last(sr_arena *a, void *p, size_t old_n, size_t new_n);
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
char *sr_arena_printf(sr_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Frees all blocks but the largest one, which is kept for the next document. */
void sr_arena_reset(sr_arena *a);
void sr_arena_free(sr_arena *a);

/* A growable array in an arena: `SR_VEC(sr_token) toks;` then
 * `sr_token *t = SR_VEC_PUSH(arena, &toks);` (NULL when out of memory). */
#define SR_VEC(T) struct { T *v; uint32_t n, cap; }
void *sr_vec_push_(sr_arena *a, void **v, uint32_t *n, uint32_t *cap, size_t size);
#define SR_VEC_PUSH(arena, vec)                                                          \
    __extension__({                                                                      \
        __typeof__((vec)->v) p_ = (vec)->n < (vec)->cap                                  \
            ? &(vec)->v[(vec)->n++]                                                      \
            : (__typeof__((vec)->v))sr_vec_push_((arena), (void **)&(vec)->v, &(vec)->n, \
                                                 &(vec)->cap, sizeof(*(vec)->v));        \
        if (p_)                                                                          \
            memset(p_, 0, sizeof *p_);                                                   \
        p_;                                                                              \
    })

/* ---- growable heap buffer (buf.c), for text we create ---------------------- */

typedef struct sr_buf {
    char *p;
    size_t n, cap;
    bool failed; /* an allocation failed; further appends are ignored */
} sr_buf;

void sr_buf_init(sr_buf *b);
bool sr_buf_reserve(sr_buf *b, size_t extra);
void sr_buf_put(sr_buf *b, const void *p, size_t n);
void sr_buf_putc(sr_buf *b, char c);
void sr_buf_puts(sr_buf *b, const char *s);
void sr_buf_printf(sr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sr_buf_free(sr_buf *b);

/* ---- documents ------------------------------------------------------------ */

typedef struct sr_span { uint32_t start, end; } sr_span;

/* Block kinds, in the order of their JSON names (ORDER BLOCK). */
typedef enum sr_block_kind {
    SR_BLOCK_SECTION,
    SR_BLOCK_TITLE,
    SR_BLOCK_META,
    SR_BLOCK_BODY,
    SR_BLOCK_BOILERPLATE,
    SR_BLOCK__COUNT
} sr_block_kind;
extern const char *const sr_block_kind_names[SR_BLOCK__COUNT];

typedef struct sr_block {
    uint32_t start, end;
    uint8_t kind;      /* sr_block_kind */
    uint32_t skip;     /* bytes at the start that are not sentence text
                          (a dateline such as "RAQQA, Syria (Reuters) - ") */
} sr_block;

/* Token kinds (ORDER TOK). */
typedef enum sr_tok_kind {
    SR_TOK_WORD,    /* letters, digits inside words, hyphens: US-backed */
    SR_TOK_NUMBER,  /* 1,200  3.5  300-400  15th  2017-10-15 */
    SR_TOK_PUNCT,   /* . , ; : ! ? ... -- ( ) [ ] quotes */
    SR_TOK_SYMBOL,  /* $ % & @ # and other symbols */
    SR_TOK_URL,     /* http://...  www....  name@host.org */
    SR_TOK__COUNT
} sr_tok_kind;
extern const char *const sr_tok_kind_names[SR_TOK__COUNT];

enum {
    SR_TF_CAP = 1 << 0,       /* first letter upper case */
    SR_TF_ALLCAPS = 1 << 1,   /* two or more letters, all upper case */
    SR_TF_ABBREV = 1 << 2,    /* word with its abbreviation period: Col. U.S. */
    SR_TF_TITLEABBR = 1 << 3, /* abbreviation that precedes a name: Mr. Gen. */
    SR_TF_RANGE = 1 << 4,     /* number range 300-400 */
    SR_TF_QUOTE = 1 << 5,     /* a quotation mark, ' or " in the view */
    SR_TF_OPEN = 1 << 6,      /* opening quote or bracket */
    SR_TF_CLOSE = 1 << 7,     /* closing quote or bracket */
    SR_TF_CLITIC = 1 << 8,    /* 's 're n't ... split from the word before */
    SR_TF_HYPHEN = 1 << 9,    /* word with an inner hyphen */
    SR_TF_INITIAL = 1 << 10,  /* one capital letter and a period: J. */
    SR_TF_SENT_END = 1 << 11, /* . ! ? ... that can end a sentence */
    SR_TF_NONASCII = 1 << 12  /* contains non-ASCII letters */
};

typedef struct sr_token {
    uint32_t start, end;   /* in doc->text */
    uint32_t nstart, nend; /* in the normalized view */
    uint16_t kind;         /* sr_tok_kind */
    uint16_t flags;        /* SR_TF_* */
} sr_token;

typedef struct sr_sentence {
    uint32_t start, end;       /* in doc->text */
    uint32_t tok_first, tok_n; /* tokens [tok_first, tok_first + tok_n) */
} sr_sentence;

typedef struct sr_warning {
    const char *code;    /* static: "utf8", "limit", "meta" ... */
    const char *message; /* arena */
    int64_t start;       /* byte offset in text, or -1 */
} sr_warning;

/* Metadata fields; every string is arena-owned and NUL-terminated. */
typedef struct sr_meta {
    const char *title, *section, *published, *updated, *byline, *dateline,
        *agency, *url, *language;
} sr_meta;

typedef struct sr_doc {
    sr_arena *arena;
    const char *id;
    const char *text; /* the document text exactly as read */
    uint32_t len;
    sitrep_format format;

    sr_meta meta;
    SR_VEC(sr_block) blocks;
    SR_VEC(sr_token) tokens;
    SR_VEC(sr_sentence) sentences;
    SR_VEC(sr_warning) warnings;

    /* The normalized view (text.c): curly quotes and apostrophes folded to
     * ' and ", dashes to - or --, odd spaces to ' ', NFC.  map[i] is the
     * byte offset in text of view byte i (map[nlen] == len).  When the text
     * needs no change, norm == text and map == NULL (identity). */
    const char *norm;
    uint32_t nlen;
    const uint32_t *map;
    uint32_t n_invalid_utf8; /* invalid bytes seen by sr_text_run */

    /* tag.c and lemma.c: per token, parallel to tokens (NULL before the
     * stage runs).  lemmas[i] NULL means the token's own text (lower-cased
     * unless it is a proper noun). */
    uint8_t *tags;
    const char **lemmas; /* sr_lemma_self: known, the text is the lemma */
    SR_VEC(struct sr_match) matches; /* match.c */
    struct sr_lexcache *lexcache; /* the extractor's, or NULL */
    uint8_t *ner; /* ner.c: a BIO label per token (sr_ner_label_names) */
    /* entity.c */
    SR_VEC(struct sr_mention) mentions;
    SR_VEC(struct sr_entity) entities;
    SR_VEC(struct sr_group) groups;
    uint32_t *match_start, *match_cover; /* per token: match index + 1, or 0 */
    SR_VEC(struct sr_timex) times; /* time.c */
    SR_VEC(struct sr_quantity) quantities; /* quantity.c */
    SR_VEC(struct sr_quote) quotes;        /* quote.c */
    SR_VEC(struct sr_event) events;        /* event.c */

    /* Error record: set when the document could not be read. */
    const char *error;
    int64_t error_offset;
} sr_doc;

/* Does token i read w (any case)?  False past the last token. */
static inline bool sr_tok_is(const sr_doc *d, uint32_t i, const char *w)
{
    if (i >= d->tokens.n)
        return false;
    const sr_token *t = &d->tokens.v[i];
    uint32_t n = t->nend - t->nstart;
    const char *s = d->norm + t->nstart;
    /* the first letter first: most calls fail there */
    return n && (s[0] | 0x20) == (w[0] | 0x20) && strncasecmp(s, w, n) == 0 && w[n] == 0;
}

/* Maps a view offset back to doc->text. */
static inline uint32_t sr_doc_orig(const sr_doc *d, uint32_t noff)
{
    return d->map ? d->map[noff] : noff;
}

/* Adds a warning; `start` may be -1.  Returns false when out of memory. */
bool sr_doc_warn(sr_doc *d, const char *code, int64_t start, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends a block; returns false when out of memory. */
bool sr_doc_add_block(sr_doc *d, uint32_t start, uint32_t end, sr_block_kind kind);

/* ---- the model (model.c) -------------------------------------------------- */

/* Abbreviation classes, from data/lexicons/abbreviations.txt. */
enum {
    SR_ABBR_NONE = 0,
    SR_ABBR_TITLE,  /* precedes a name, never ends a sentence: Col. Mr. */
    SR_ABBR_OTHER,  /* may end a sentence: Inc. etc. */
    SR_ABBR_MONTH,  /* Jan. Sept. */
    SR_ABBR_NUMBER  /* an abbreviation only before a number: No. 5 */
};

/* A hashed string table inside the model (see model_format.h). */
typedef struct sr_hash_view {
    uint32_t nbuckets, nentries;
    const uint32_t *buckets;
    const struct sr_hash_entry *entries;
    const char *strs;
} sr_hash_view;
bool sr_hash_find(const sr_hash_view *v, const char *key, size_t n, uint32_t *value);
/* Checks a hashed string table's bytes (over the strings strs[0..nstrs))
 * and makes a view of it; false when anything is out of bounds. */
bool sr_hash_view_init(sr_hash_view *v, const unsigned char *p, size_t len, const char *strs,
                       size_t nstrs);
/* As sr_hash_find; also gives the key as stored (NUL-terminated, in STRS). */
bool sr_hash_lookup(const sr_hash_view *v, const char *key, size_t n, uint32_t *value,
                    const char **stored);

#define SR_MAX_TAGS 64

/* A lexicon as matched (from the model's sections or a user's file). */
typedef struct sr_lexview {
    sr_hash_view keys;
    const uint32_t *lists;
    size_t nlists;
    const struct sr_lex_rec *recs;
    size_t nrecs;
    const char *strs;
    size_t nstrs;
} sr_lexview;
#define SR_MAX_OVERLAYS 8

/* ner.c: the name tagger.  Labels: O, then B-/I- for PER, ORG, LOC, MISC
 * (label l has type (l + 1) / 2: 1 PER, 2 ORG, 3 LOC, 4 MISC). */
#define SR_NER_NLABELS 9
#define SR_NER_VERSION 2u /* of the feature templates; weights must match */
#define SR_NER_MAXFEAT 96
/* NERW layout 1: the fingerprints apart from the weights, so that a
 * feature the model lacks costs a probe in a small array. */
#define SR_NERW_LAYOUT 1u

struct sitrep_model {
    const unsigned char *base; /* the file, mmap'ed (or the caller's memory) */
    size_t size;
    bool mapped;
    const struct sr_model_section *sections;
    uint32_t nsections;
    const char *strs; /* the STRS section */
    size_t nstrs;
    sr_hash_view lex, suffix, wn_index, wn_exc;
    sr_hash_view wn_pert, wn_nv, wn_vn; /* pertainyms, derivations */
    /* tagger tables (tag.c) */
    uint32_t ntags;
    const char (*tag_names)[8];
    const float *trans;      /* [prev * ntags + cur] log P(cur | prev) */
    const float *start;      /* [cur] log P(cur | sentence start) */
    const uint32_t *emis;    /* emission records, see tag.c */
    size_t nemis;
    int8_t t_vbn, t_vbd, t_nn, t_cc, t_wdt, t_wp; /* tag indexes the rules use */
    /* gazetteer (geo.c) */
    const struct sr_place_rec *places;
    uint32_t nplaces;
    const uint32_t *place_lists;
    size_t nplace_lists;
    sr_hash_view place_keys, country_codes;
    const uint64_t *place_first; /* PLFW, or NULL */
    const uint64_t *place_last;  /* PLLW, or NULL */
    char iso3[26 * 26][4];       /* ISO 3166-1 alpha-3 by alpha-2 (sr_cc_index) */
    /* lexicons: ours, compiled in; users', added at run time (last wins) */
    sr_lexview lexicon;
    sr_lexview overlays[SR_MAX_OVERLAYS];
    void *overlay_mem[SR_MAX_OVERLAYS];
    int noverlays;
    /* bit (hash of a key's first word) & 0xFFFF set for every lexicon key:
     * most tokens start no phrase and are skipped without a lookup */
    uint64_t lex_first[1024];
    /* name tagger weights (ner.c); ner_nfeat 0 when the model has none */
    uint32_t ner_nfeat, ner_mask;
    float ner_scale;
    const uint32_t *ner_fps; /* per slot: the feature's fingerprint, 0 when empty */
    const int16_t *ner_w;    /* per slot: SR_NER_NLABELS weights */
    /* the summed weights of the features with few values, made at load */
    int32_t ner_pos[3][256][SR_NER_NLABELS];   /* tag before, own, after */
    int32_t ner_case[17][SR_NER_NLABELS];      /* bias + document case; 16: no word */
    int32_t ner_prev[10][10][SR_NER_NLABELS];  /* labels y2 + 1, y1 + 1 */
    int32_t ner_hist[5][SR_NER_NLABELS];       /* types given before */
};
void sr_lex_first_words(sitrep_model *m, const sr_lexview *v);

/* The bytes of a section, or NULL. */
const void *sr_model_get_section(const sitrep_model *m, const char tag[4], size_t *len);
/* Validates a model held in memory (for tests and fuzzing). */
sitrep_status sitrep_model_open_memory(const void *data, size_t len, sitrep_model **out);
/* tag.c: checks and caches the tagger tables. */
bool sr_tag_model_load(sitrep_model *m, char *err, size_t errn);

/* Looks up a word (without its period, any case) in the abbreviation list. */
int sr_model_abbrev(const sitrep_model *m, const char *w, size_t n);
/* True for common words that start sentences (The, He, But ...), used to
 * decide whether an abbreviation also ends its sentence. */
bool sr_model_sentence_starter(const sitrep_model *m, const char *w, size_t n);

/* ---- pipeline stages ------------------------------------------------------ */

/* text.c: validates UTF-8 (one warning per invalid byte, capped) and builds
 * the normalized view.  Returns SITREP_OK or SITREP_ENOMEM. */
sitrep_status sr_text_run(sr_doc *d);
/* Decodes one UTF-8 code point at s[*i] (n bytes); returns -1 for an invalid
 * sequence (advancing one byte). */
int32_t sr_utf8_decode(const char *s, size_t n, size_t *i);
/* Encodes `c` into out (4 bytes at most); returns the length. */
size_t sr_utf8_encode(int32_t c, char *out);

/* segment.c: tokens and sentences over the body and title blocks. */
sitrep_status sr_segment_run(sr_doc *d, const sitrep_model *m);

/* A direct-mapped cache of lexicon lookups, kept by an extractor across
 * documents (frequent words dominate news text). */
#define SR_LEXCACHE_SIZE 32768
typedef struct sr_lexcache_entry {
    uint32_t hash, rec; /* rec: lexicon record, or none */
    uint32_t unk;       /* unknown words: 1 + the suffix record, 0 not yet */
    uint8_t len;
    char key[19];
} sr_lexcache_entry;
/* Gazetteer lookups (ner.c, entity.c), keyed by a hash of the name as
 * written: the place list found (its index in the model's lists + 1, or 0
 * for none). */
#define SR_GEOCACHE_SIZE 262144
typedef struct sr_geocache_entry {
    uint64_t key;
    uint32_t at;
    bool longer; /* names of several words start with this one */
    bool ends;   /* ... or end with it */
    uint8_t cls; /* the first place's sr_geo_class */
} sr_geocache_entry;
/* The name tagger's summed weights of a word's own features (ner.c). */
#define SR_NERCACHE_SIZE 32768
typedef struct sr_nercache_entry {
    uint64_t key;
    int32_t v[5][9]; /* [part][label] */
} sr_nercache_entry;
typedef struct sr_lexcache {
    sr_lexcache_entry e[SR_LEXCACHE_SIZE];
    sr_geocache_entry g[SR_GEOCACHE_SIZE];
    sr_nercache_entry n[SR_NERCACHE_SIZE];
} sr_lexcache;
extern const char sr_lemma_self[];

/* tag.c: Penn Treebank tags for every token. */
sitrep_status sr_tag_run(sr_doc *d, const sitrep_model *m);
const char *sr_tag_name(const sitrep_model *m, uint8_t tag);
/* The shape class of a word for the unknown-word model (D H A C L). */
char sr_shape_class(const char *w, size_t n);
int sr_tag_find(const sitrep_model *m, const char *name);

/* lemma.c: WordNet lemmas for every tagged token. */
sitrep_status sr_lemma_run(sr_doc *d, const sitrep_model *m);
/* WordNet: the class (lexicographer file) of a lemma's first sense in a
 * part of speech ('n', 'v', 'a'), or -1; its name ("noun.person").
 * Lemmas are lower case with '_' for spaces, as WordNet writes them. */
int sr_wn_class(const sitrep_model *m, const char *lemma, size_t n, char pos);
const char *sr_wn_class_name(int cls);
/* Pertainym of an adjective (syrian -> syria); derivationally related verb
 * of a noun (seizure -> seize) and noun of a verb; NULL when none. */
const char *sr_wn_pertainym(const sitrep_model *m, const char *adj, size_t n);
const char *sr_wn_noun_to_verb(const sitrep_model *m, const char *noun, size_t n);
const char *sr_wn_verb_to_noun(const sitrep_model *m, const char *verb, size_t n);
/* The lemma of token i into buf (at least 64 bytes); returns its length. */
size_t sr_lemma_of(const sr_doc *d, const sitrep_model *m, uint32_t i, char *buf, size_t cap);

/* geo.c: the gazetteer.  sr_geo_lookup gives the places a name may be,
 * best first (countries, regions, then towns by population); *ids points
 * into the model. */
bool sr_geo_load(sitrep_model *m);
uint32_t sr_geo_lookup(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids);
/* As sr_geo_lookup for one word; *longer tells whether names of several
 * words start with it, *ends whether some end with it (so that a longer
 * lookup is worth making). */
uint32_t sr_geo_lookup_word(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids,
                            bool *longer, bool *ends);
/* A lookup through the extractor's cache (d->lexcache, may be NULL): of a
 * name (sr_geo_lookup), or of one word (sr_geo_lookup_word, which also
 * fills longer and ends).  at: the place list's index in m->place_lists,
 * 0 for none. */
sr_geocache_entry sr_geo_lookup_cached(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                                       bool word);
/* sr_geo_lookup through the extractor's cache. */
uint32_t sr_geo_lookup_doc(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                           const uint32_t **ids);
const struct sr_place_rec *sr_geo_place(const sitrep_model *m, uint32_t id);
/* A place's feature and size for the name tagger: feature * 5 + the
 * population's order (0 none, 1 < 10,000 .. 4 a million or more). */
uint8_t sr_geo_class(const sitrep_model *m, uint32_t id);
/* The region a place lies in (a town's) or is (a region's), or NULL. */
const char *sr_geo_admin1_name(const sitrep_model *m, const struct sr_place_rec *p);
/* The gazetteer place of entity e (-1: none), or NULL. */
const struct sr_place_rec *sr_entity_place(const struct sr_doc *d, const sitrep_model *m, int32_t e);
/* ISO 3166-1 alpha-3 of an alpha-2 code ("SY" -> "SYR"), or NULL. */
const char *sr_geo_iso3(const sitrep_model *m, const char cc[2]);
static inline int sr_cc_index(const char cc[2])
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}
/* A country by ISO 3166-1 alpha-2 or alpha-3 code. */
const struct sr_place_rec *sr_geo_country(const sitrep_model *m, const char *code, size_t n);

/* match.c: lexicon phrases found in the text, longest first. */
typedef struct sr_match {
    uint32_t start, end;       /* in text */
    uint32_t tok_first, tok_n;
    const struct sr_lex_rec *rec;
    const char *strs;          /* the string pool rec's offsets point into */
} sr_match;
sitrep_status sr_match_run(sr_doc *d, const sitrep_model *m);
/* The lexicon entry of kind `kind` for the phrase s[0..n) (as written in
 * text), users' lexicons first; *strs gets its string pool.  NULL if none. */
/* The event entry of a lemma key for a part of speech (SR_POS_*; 0: any),
 * users' lexicons first; *more: whether longer keys start with it. */
const struct sr_lex_rec *sr_lex_find_event(const sitrep_model *m, const char *key, size_t n, int pos,
                                           bool *more);
const struct sr_lex_rec *sr_lex_find(const sitrep_model *m, const char *s, size_t n, int kind,
                                     const char **strs);
/* Validates lexicon sections and makes a view of them. */
bool sr_lexview_init(sr_lexview *v, const char *strs, size_t nstrs, const void *hash, size_t nhash,
                     const uint32_t *lists, size_t nlists, const void *recs, size_t nrecs_bytes);

/* placekey.c: the matching key of a place name ("Ar Raqqah" -> "raka");
 * returns its length (out is NUL-terminated). */
size_t sr_place_key(const char *name, size_t n, char *out, size_t cap);

extern const char *const sr_ner_label_names[SR_NER_NLABELS];
typedef struct sr_nerprep sr_nerprep;
bool sr_ner_load(sitrep_model *m);
sitrep_status sr_ner_run(sr_doc *d, const sitrep_model *m);
/* For the trainer (tools/ner_train.c), which must compute exactly the
 * features the tagger uses.  sr_ner_prepare allocates in `a`; the static
 * features read the document, the dynamic ones (previous labels y1, y2,
 * -1 at a unit's start; the document's history) only the prepared state. */
sr_nerprep *sr_ner_prepare(sr_arena *a, const sr_doc *d, const sitrep_model *m);
uint32_t sr_ner_ntokens(const sr_nerprep *p);
uint32_t sr_ner_unit_start(const sr_nerprep *p, uint32_t i);
uint32_t sr_ner_static(const sr_nerprep *p, uint32_t i, uint64_t *f);
uint32_t sr_ner_dynamic(const sr_nerprep *p, uint32_t i, int y1, int y2, uint64_t *f);
void sr_ner_observe(sr_nerprep *p, uint32_t i, int label);
void sr_ner_forget(sr_nerprep *p); /* clears the history */
/* Adds the model's weights of features f to score[SR_NER_NLABELS] one by
 * one (the tagger itself reads the common ones from tables). */
void sr_ner_add_scores(const sitrep_model *m, const uint64_t *f, uint32_t n, int32_t *score);
bool sr_ner_allowed(int prev, int label);
/* Is token i labelled O without scoring (y1: the label before, -1 at a
 * unit's start)? */
bool sr_ner_skip(const sr_nerprep *p, uint32_t i, int y1);

/* entity.c: mentions, entities, actors and places. */
enum { SR_ENT_PERSON, SR_ENT_ORG, SR_ENT_GPE, SR_ENT_LOC, SR_ENT_NORP, SR_ENT_FAC, SR_ENT__COUNT };
extern const char *const sr_ent_type_names[SR_ENT__COUNT];
/* Where a mention came from. */
enum { SR_MSRC_NAME, SR_MSRC_LEXICON, SR_MSRC_PREFIX, SR_MSRC_ACRONYM };
typedef struct sr_actor {
    char code[16];   /* CAMEO-style: SYRMIL, IMGMOSSUNREB, REB */
    char country[4]; /* ISO 3166-1 alpha-3, or "" */
    char sector[4];  /* MIL, REB, GOV ..., or "" */
} sr_actor;
typedef struct sr_mention {
    uint32_t start, end; /* in text */
    uint32_t tok_first, tok_n;
    uint32_t entity;
    uint8_t type; /* SR_ENT_* */
    uint8_t src;  /* SR_MSRC_* */
} sr_mention;
typedef struct sr_entity {
    uint8_t type;
    bool name_acronym, has_actor;
    const char *name; /* in the view: the longest mention */
    uint32_t name_len;
    uint32_t *mentions, nmentions;
    sr_span *aliases; /* view offsets of other names */
    uint32_t naliases;
    const char *title, *role; /* model strings, or NULL */
    char sector[4];           /* a person's, from title or role */
    int32_t affiliation;      /* entity index, or -1 */
    sr_actor actor;
    uint32_t place; /* gazetteer place, or UINT32_MAX */
} sr_entity;
typedef struct sr_group {
    uint32_t start, end, tok_first, tok_n;
    sr_actor actor;
    int32_t entity; /* the named group it belongs to, or -1 */
} sr_group;
sitrep_status sr_entity_run(sr_doc *d, const sitrep_model *m);
/* The latest entity mentioned before token `before` whose name ends with
 * the word at token w ("the coalition" -> "the US-led coalition"), of
 * type `type` (SR_ENT_*, or -1 for any); -1 when none. */
int32_t sr_entity_named_by(const sr_doc *d, uint32_t before, uint32_t w, int type);

/* A set of lower-case words as a 64K-bit filter (false positives possible,
 * no false negatives): a fast "could this token start something?". */
typedef struct sr_wordfilter {
    uint64_t bits[1024];
} sr_wordfilter;
static inline uint32_t sr_wordfilter_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= 16777619u;
    }
    return h & 0xFFFF;
}
static inline void sr_wordfilter_add(sr_wordfilter *f, const char *w)
{
    uint32_t h = sr_wordfilter_hash(w, strlen(w));
    f->bits[h >> 6] |= (uint64_t)1 << (h & 63);
}
/* Any case in s[0..n) */
static inline bool sr_wordfilter_has(const sr_wordfilter *f, const char *s, size_t n)
{
    uint32_t h = sr_wordfilter_hash(s, n);
    return (f->bits[h >> 6] >> (h & 63)) & 1;
}

/* time.c: TIMEX3 time expressions. */
enum { SR_TX_DATE, SR_TX_TIME, SR_TX_DURATION, SR_TX_SET, SR_TX__COUNT };
extern const char *const sr_timex_type_names[SR_TX__COUNT];
typedef struct sr_timex {
    uint32_t start, end; /* in text */
    uint8_t type;        /* SR_TX_* */
    const char *value;   /* TIMEX3 value; unknown parts X ("XXXX-WXX") */
} sr_timex;
sitrep_status sr_time_run(sr_doc *d, const sitrep_model *m);

/* quantity.c: counts and what they count. */
typedef struct sr_quantity {
    uint32_t start, end;         /* in text: the count and its noun */
    double value, min, max;      /* NAN when not given */
    bool approx;                 /* about, more than, dozens of ... */
    const char *unit;            /* the counted noun's lemma, or NULL */
    uint32_t unit_start, unit_end;
    const char *casualty;        /* killed, wounded ... near it, or NULL (static) */
} sr_quantity;
sitrep_status sr_quantity_run(sr_doc *d, const sitrep_model *m);

/* quote.c: direct quotes and reported speech with their speakers. */
typedef struct sr_quote {
    uint32_t start, end; /* the quoted words, without the marks */
    bool direct, has_cue;
    int32_t speaker;     /* entity index, or -1 */
    uint32_t speaker_start, speaker_end; /* the words naming the speaker */
    uint32_t cue_start, cue_end;
} sr_quote;
sitrep_status sr_quote_run(sr_doc *d, const sitrep_model *m);

/* time.c: the proleptic Gregorian calendar, days since 1970-01-01. */
int64_t sr_days_from_civil(int y, int m, int d);
void sr_civil_from_days(int64_t z, int *y, int *m, int *d);

/* event.c: who did what to whom, where, when. */
enum {
    SR_ACLED_T_NONE, SR_ACLED_T_BATTLES, SR_ACLED_T_EXPLOSIONS, SR_ACLED_T_VAC,
    SR_ACLED_T_PROTESTS, SR_ACLED_T_RIOTS, SR_ACLED_T_STRATEGIC, SR_ACLED_T__COUNT
};
enum {
    SR_ACLED_S_NONE, SR_ACLED_S_ARMED_CLASH, SR_ACLED_S_GOV_REGAINS, SR_ACLED_S_NSA_OVERTAKES,
    SR_ACLED_S_CHEMICAL, SR_ACLED_S_AIR, SR_ACLED_S_SUICIDE, SR_ACLED_S_SHELLING, SR_ACLED_S_IED,
    SR_ACLED_S_GRENADE, SR_ACLED_S_SEXUAL, SR_ACLED_S_ATTACK, SR_ACLED_S_ABDUCTION,
    SR_ACLED_S_PEACEFUL, SR_ACLED_S_INTERVENTION, SR_ACLED_S_EXCESSIVE, SR_ACLED_S_VIOLENT_DEMO,
    SR_ACLED_S_MOB, SR_ACLED_S_AGREEMENT, SR_ACLED_S_ARRESTS, SR_ACLED_S_CHANGE,
    SR_ACLED_S_DISRUPTED, SR_ACLED_S_BASE, SR_ACLED_S_LOOTING, SR_ACLED_S_TRANSFER,
    SR_ACLED_S_OTHER, SR_ACLED_S__COUNT
};
extern const char *const sr_acled_type_names[SR_ACLED_T__COUNT];
extern const char *const sr_acled_sub_names[SR_ACLED_S__COUNT];
enum { SR_MOD_ASSERTED, SR_MOD_NEGATED, SR_MOD_INTENDED, SR_MOD_THREATENED, SR_MOD_HYPOTHETICAL,
       SR_MOD_REQUIRED, SR_MOD__COUNT };
extern const char *const sr_event_modality_names[SR_MOD__COUNT];
enum { SR_DATE_NONE, SR_DATE_TEXT, SR_DATE_PUBLISHED };
enum { SR_PREC_DAY, SR_PREC_MONTH, SR_PREC_YEAR };
typedef struct sr_event_arg {
    int32_t entity;      /* -1 when none */
    uint32_t start, end; /* the words naming it, in text (0, 0: none) */
    bool has_actor;
    sr_actor actor;
} sr_event_arg;
typedef struct sr_event {
    uint32_t start, end;           /* evidence: the sentence */
    uint32_t trig_start, trig_end; /* the trigger, in text */
    uint32_t trig_tok, trig_n;
    char cameo[5];
    const char *plover, *mode; /* static or model strings; mode may be NULL */
    uint8_t acled_type, acled_sub; /* SR_ACLED_T_*, SR_ACLED_S_* */
    uint8_t modality;              /* SR_MOD_* */
    bool negated;                  /* not asserted as having happened */
    sr_event_arg source, target;
    int32_t location;              /* entity, or -1 */
    uint8_t loc_precision;         /* 1 town, 2 near a town, 3 region or country */
    char date[11];                 /* "2017-10-14", "2017-10", "2017" or "" */
    uint8_t date_precision, date_basis; /* SR_PREC_*, SR_DATE_* */
    bool has_fatalities;
    int32_t fat_min, fat_max;
    uint32_t fat_start, fat_end;
    int32_t reported_by;           /* entity, or -1 */
    float confidence;
} sr_event;
sitrep_status sr_event_run(sr_doc *d, const sitrep_model *m);

/* export.c: events as ACLED-style CSV rows and GDELT 2.0 event rows. */
int sr_cameo_root(const char *cameo);
int sr_cameo_quad(const char *cameo);
double sr_cameo_goldstein(const char *cameo);
void sr_write_events_csv_header(sr_buf *b);
void sr_write_events_csv(const sr_doc *d, const sitrep_model *m, sr_buf *b);
void sr_write_events_gdelt(const sr_doc *d, const sitrep_model *m, sr_buf *b);

/* read_txt.c: blocks and metadata of a plain-text article.  With
 * `header` false (JSONL with a title given) no title/section/meta lines are
 * looked for at the top. */
sitrep_status sr_read_txt_layout(sr_doc *d, bool header);

/* read_html.c: turns an HTML page into text, blocks and metadata. */
sitrep_status sr_read_html(sr_doc *d, const char *html, size_t len);

/* metadate.c: parses a date as news pages write it ("Sunday, 15 October,
 * 2017, 9:37pm", "2017-10-15T21:37:00+08:00", "Oct. 15, 2017 at 10:50 a.m.
 * EDT").  On success writes ISO 8601 into out (at least 32 bytes) and
 * returns the number of input bytes used; 0 when no date was found. */
size_t sr_metadate_parse(const char *s, size_t n, char out[static 32]);

/* json.c: a streaming JSON writer. */
typedef struct sr_json {
    sr_buf *b;
    bool pretty;
    int depth;
    bool first;     /* no member written yet at this depth */
    bool after_key; /* a key was just written; its value follows */
} sr_json;
void sr_json_begin_object(sr_json *j);
void sr_json_end_object(sr_json *j);
void sr_json_begin_array(sr_json *j);
void sr_json_end_array(sr_json *j);
void sr_json_keyn(sr_json *j, const char *key, size_t n);
/* A key given as a string literal (its length known at compile time). */
#define sr_json_key(j, lit) sr_json_keyn((j), "" lit "", sizeof(lit) - 1)
/* A string; invalid UTF-8 bytes are written as '?' so that byte offsets in
 * the decoded string stay equal to offsets in the original bytes. */
void sr_json_string(sr_json *j, const char *s, size_t n);
void sr_json_cstr(sr_json *j, const char *s); /* null when s is NULL */
void sr_json_int(sr_json *j, int64_t v);
/* A number with at most `decimals` decimals (null when not finite). */
void sr_json_fixed(sr_json *j, double v, int decimals);
void sr_json_bool(sr_json *j, bool v);
void sr_json_null(sr_json *j);
/* A compact {"start":s,"end":e[,"kind":kind]} on one line even when
 * pretty; kind may be NULL. */
void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *kind);

/* record.c */
struct sitrep_record {
    sr_doc doc;
    const sitrep_model *model; /* for tag names when writing; may be NULL */
    sr_buf *out;               /* the extractor's output staging buffer */
};
sitrep_status sr_record_write(const sr_doc *d, const sitrep_model *m, sr_buf *out, unsigned flags);

#endif /* SR_INTERNAL_H */
