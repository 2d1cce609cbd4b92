/*
 * lang/lang.h: the language stages: the normalized view, tokens and
 * sentences, tags, lemmas and WordNet, lexicon matches, the name tagger,
 * and opening a model for them.  Uses base and model.
 */
#ifndef SR_LANG_H
#define SR_LANG_H

#include "model/model.h"

/* ---- pipeline stages ------------------------------------------------------ */

/* text.c: validates UTF-8 (one warning per invalid byte, capped) and builds
 * the normalized view.  Returns SITREP_OK or SITREP_ENOMEM. */
sitrep_status sr_text_run(sr_doc *d);

/* segment.c: tokens and sentences over the body and title blocks. */
sitrep_status sr_segment_run(sr_doc *d, const sitrep_model *m);

/* tag.c: checks and caches the tagger tables. */
bool sr_tag_model_load(sitrep_model *m, char *err, size_t errn);
/* tag.c: Penn Treebank tags for every token. */
sitrep_status sr_tag_run(sr_doc *d, const sitrep_model *m);
/* A tag's name ("NNP"), "?" for none: inline, the later stages ask it of
 * nearly every token they look at. */
static inline const char *sr_tag_name(const sitrep_model *m, uint8_t tag)
{
    return tag < m->ntags ? m->tag_names[tag] : "?";
}
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
/* Token i's lemma where it is stored, without a copy: the lemma string, or
 * the token's own text (in its case, where sr_lemma_of lower-cases all but
 * proper nouns); its length in *n.  For comparisons that ignore case
 * (sr_same_word): the hot loops of the later stages. */
static inline const char *sr_lemma_view(const sr_doc *d, uint32_t i, size_t *n)
{
    const char *l = d->lemmas ? d->lemmas[i] : NULL;
    if (l && l != sr_lemma_self) {
        *n = strlen(l);
        return l;
    }
    const sr_token *t = &d->tokens.v[i];
    *n = t->nend - t->nstart;
    return d->norm + t->nstart;
}

/* match.c: lexicon phrases found in the text, longest first. */
typedef struct sr_match {
    uint32_t start, end;       /* in text */
    uint32_t tok_first, tok_n;
    const struct sr_lex_rec *rec;
    const char *strs;          /* the string pool rec's offsets point into */
} sr_match;
sitrep_status sr_match_run(sr_doc *d, const sitrep_model *m);

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

/* model_open.c: the tables of every stage checked and made ready. */
sitrep_status sitrep_model_open_memory(const void *data, size_t len, sitrep_model **out);

#include "lang/parse.h" /* the dependency parser */

#endif /* SR_LANG_H */
