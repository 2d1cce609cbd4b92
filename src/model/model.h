/*
 * model/model.h: the model file (read, checked, written), lexicons, the
 * gazetteer and place keys.  Uses base.
 */
#ifndef SR_MODEL_H
#define SR_MODEL_H

#include "base/base.h"
#include "model/model_format.h"

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
/* The value of a key in a lexicon view (0 when absent). */
static inline uint32_t sr_lexview_value(const sr_lexview *v, const char *key, size_t n)
{
    uint32_t val;
    if (!v->keys.nbuckets || !sr_hash_find(&v->keys, key, n, &val))
        return 0;
    return val;
}

/* ner.c: the name tagger.  Labels: O, then B-/I- for PER, ORG, LOC, MISC
 * (label l has type (l + 1) / 2: 1 PER, 2 ORG, 3 LOC, 4 MISC). */
#define SR_NER_NLABELS 9
#define SR_NER_VERSION 3u /* of the feature templates; weights must match */
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
    sr_hash_view place_keys_ext; /* PLKX: the geocoder's wider keys (nentries 0: none) */
    sr_hash_view place_keys_loose; /* PLKL: loose keys (sr_place_key_loose; nentries 0: none) */
    const uint64_t *place_first; /* PLFW, or NULL */
    const uint64_t *place_last;  /* PLLW, or NULL */
    const uint8_t *place_flags;  /* PLFL (SR_PLACE_*), or NULL */
    const uint32_t *place_adm2;  /* PLA2: a town's district, or NULL */
    const float *geo_weights;    /* GEOW: the candidate ranking's weights, or NULL */
    uint32_t ngeo_weights;
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
    const unsigned char *parw; size_t parw_len; /* parser weights (parse.c), or NULL */
};
void sr_lex_first_words(sitrep_model *m, const sr_lexview *v);

/* The bytes of a section, or NULL. */
const void *sr_model_get_section(const sitrep_model *m, const char tag[4], size_t *len);
/* Validates a model held in memory (for tests and fuzzing). */
sitrep_status sitrep_model_open_memory(const void *data, size_t len, sitrep_model **out);

/* Looks up a word (without its period, any case) in the abbreviation list. */
int sr_model_abbrev(const sitrep_model *m, const char *w, size_t n);
/* True for common words that start sentences (The, He, But ...), used to
 * decide whether an abbreviation also ends its sentence. */
bool sr_model_sentence_starter(const sitrep_model *m, const char *w, size_t n);

/* Checks a mapped or in-memory model (header, sections, checksums, hash
 * tables, gazetteer, lexicons) and makes its views; false with a message
 * in err when anything is wrong.  The stages' own tables are checked by
 * their loaders (lang.h). */
bool sr_model_check(sitrep_model *m, const char *path, char *err, size_t errn);

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
    uint8_t word; /* 1 a word's lookup (with longer and ends), 0 a name's,
                   * 2 a name's in the geocoder's wider gazetteer (PLKX) */
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
/* The geocoder's lookup through the extractor's cache: as sr_geo_lookup,
 * but with the places cities500 and the districts add (PLKX) when the key
 * has them. */
uint32_t sr_geo_lookup_doc(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                           const uint32_t **ids);
/* The places whose names share the name's loose key (PLKL), for a name
 * the other lookups find nothing for; 0 when none. */
uint32_t sr_geo_lookup_loose(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids);
const struct sr_place_rec *sr_geo_place(const sitrep_model *m, uint32_t id);
/* A place's feature and size for the name tagger: feature * 5 + the
 * population's order (0 none, 1 < 10,000 .. 4 a million or more). */
uint8_t sr_geo_class(const sitrep_model *m, uint32_t id);
/* The region a place lies in (a town's) or is (a region's), or NULL. */
const char *sr_geo_admin1_name(const sitrep_model *m, const struct sr_place_rec *p);
/* What GeoNames says of a place (SR_PLACE_*), 0 when unknown. */
uint8_t sr_geo_flags(const sitrep_model *m, uint32_t id);
/* The district (admin2) a town lies in, or UINT32_MAX. */
uint32_t sr_geo_district(const sitrep_model *m, uint32_t id);
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
/* The loose key of a place key (sr_place_key's): the romanizations of one
 * name that the key still tells apart made one ("Staromykhaylivka" and
 * "Staromykhailivka", "Faiz Abad" and "Faizabad", "Akhnoor" and
 * "Akhnur"); for names the key finds nothing for.  Returns its length. */
size_t sr_place_key_loose(const char *key, size_t n, char *out, size_t cap);

/* lexicon.c: the key of a phrase as lexicons write it (lower case, one
 * space between tokens; *ntok its tokens), the name of a lexicon kind,
 * and the names of the ACLED actor classes. */
size_t sr_lex_key(const char *s, size_t n, char *out, size_t cap, int *ntok);
const char *sr_lex_kind_name(int kind);
extern const char *const sr_acled_class_names[SR_AC__MAX];

#endif /* SR_MODEL_H */
