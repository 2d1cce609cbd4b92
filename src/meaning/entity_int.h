/*
 * entity_int.h: what the entity stage's two files share: entity.c
 * (mentions, entities, actors, group actors) and place.c (places on the
 * map).  Internal to src/meaning; the stage's interface is meaning.h.
 */
#ifndef SR_ENTITY_INT_H
#define SR_ENTITY_INT_H

#include "meaning/meaning.h"

typedef struct ectx {
    sr_doc *d;
    const sitrep_model *m;
    uint32_t *cover;    /* per token: mention index + 1, or 0 */
    int32_t *parent;    /* per mention: union-find over mentions */
    int32_t *acro;      /* per mention: the mention its acronym defines, or -1 */
} ectx;

/* ---- entity.c's helpers, used by place.c ----------------------------------- */

bool sr_ent_in_list(const char *s, size_t n, const char *const *list);
bool sr_ent_is_acronym(const char *s, uint32_t n);
/* The mention listed right after token nx - 1: ", Y", or "(Y" when `open`
 * ("X (Y, Z)", "X, Y"); -1 when none. */
int32_t sr_ent_listed_after(const sr_doc *d, uint32_t nx, bool open);
/* The mention that starts at token tok, or -1. */
int32_t sr_ent_mention_at_tok(const sr_doc *d, uint32_t tok);
/* The text of a mention in the view. */
const char *sr_ent_mtext(const sr_doc *d, const sr_mention *mn, uint32_t *n);
/* Is the token range a region or country the gazetteer knows? */
bool sr_ent_region_at(ectx *x, uint32_t first, uint32_t n);
/* The places a name may be: a country's code (US, U.S., UAE), our other
 * names of places (places.lex), else the gazetteer. *one holds a single
 * id when the answer is one country. */
uint32_t sr_ent_resolve_name(ectx *x, const char *name, uint32_t len, const uint32_t **ids, uint32_t *one);
void sr_ent_set_actor(sr_actor *a, const char *country, const char *group, const char *sector,
                      const char *code);
bool sr_ent_tok_is(const sr_doc *d, uint32_t tok, const char *w);
bool sr_ent_tok_is_ci(const sr_doc *d, uint32_t tok, const char *w);
/* ---- helpers ---------------------------------------------------------------- */
const char *sr_ent_tv(const sr_doc *d, uint32_t tok, uint32_t *n);
/* Entity type classes that may share one referent: people; organizations
 * and groups; places. */
int sr_ent_type_class(int type);

/* ---- place.c ---------------------------------------------------------------- */

/* Names the text itself puts on the map (after "in", in brackets after a
 * name, beside a known region) are retyped as places. */
void sr_ent_places_by_context(ectx *x);
/* Every place entity placed on the map, using the document's other places. */
void sr_ent_geocode(ectx *x);

#endif /* SR_ENTITY_INT_H */
