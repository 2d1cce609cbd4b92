/*
 * meaning/meaning.h: what the text says: entities, actors and places,
 * times, quantities, quotes and events.  Uses lang and below.
 */
#ifndef SR_MEANING_H
#define SR_MEANING_H

#include "lang/lang.h"

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

/* The gazetteer place of entity e (-1: none), or NULL. */
const struct sr_place_rec *sr_entity_place(const struct sr_doc *d, const sitrep_model *m, int32_t e);

/* time.c: TIMEX3 time expressions. */
enum { SR_TX_DATE, SR_TX_TIME, SR_TX_DURATION, SR_TX_SET, SR_TX__COUNT };
extern const char *const sr_timex_type_names[SR_TX__COUNT];
typedef struct sr_timex {
    uint32_t start, end; /* in text */
    uint8_t type;        /* SR_TX_* */
    const char *value;   /* TIMEX3 value; unknown parts X ("XXXX-WXX") */
    const char *zone;    /* static: the UTC offset the text states ("Z",
                            "-04:00"), else NULL */
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
       SR_MOD_REQUIRED, SR_MOD_ATTEMPTED, SR_MOD__COUNT };
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
    /* evidence of the fields (0, 0: none) and what the issue-12 fields add */
    uint32_t loc_start, loc_end;   /* the words naming the place */
    uint32_t date_start, date_end; /* the time expression dating it */
    bool has_injuries;
    int32_t inj_min, inj_max;
    uint32_t inj_start, inj_end;
    bool history;                  /* well before publication, or told as background */
    const struct sr_event_mention *mentions; /* the incident's mentions, or NULL: this one */
    uint32_t nmentions;
} sr_event;
typedef struct sr_event_mention {
    uint32_t start, end;           /* the sentence */
    uint32_t trig_start, trig_end; /* the trigger */
    int32_t reported_by;           /* entity, or -1 */
} sr_event_mention;
sitrep_status sr_event_run(sr_doc *d, const sitrep_model *m);

/* Training the geocoder (tools/geo_train.c): when sr_geo_trace is set, the
 * place stage hands it each ranked entity's candidates (ids[0 .. n)) and
 * their features (feats[k * nfeat ..]).  NULL in normal use; set it only
 * with one extractor running. */
typedef void (*sr_geo_trace_fn)(void *ctx, const sr_doc *d, uint32_t entity, const uint32_t *ids, uint32_t n,
                                const float *feats, uint32_t nfeat);
extern sr_geo_trace_fn sr_geo_trace;
extern void *sr_geo_trace_ctx;
/* The names of the ranking's features, in their order, and the weights
 * place.c uses when the model has none (*defaults, when not NULL). */
const char *const *sr_geo_feature_names(uint32_t *n, const float **defaults);

#endif /* SR_MEANING_H */
