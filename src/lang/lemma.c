/*
 * lemma.c: stage "lemma".  Input: tokens with tags.  Output: doc->lemmas.
 *
 * WordNet's morphology: a word's lemma for its part of speech (from the
 * tag: NN* noun, VB* verb, JJ* adjective, RB* adverb) is, in order, its
 * entry in the exception lists (oxen -> ox, went -> go), the word itself
 * when WordNet lists it, or the first form that the detachment rules make
 * and WordNet lists (-ies -> -y, -ing -> -e / -, ...).  Other words, and
 * words WordNet does not know, are their own lemma, lower-cased (proper
 * nouns keep their case).  Lemmas point into the model's strings: no
 * allocation per token.  Words in the tagger's lexicon arrive with their
 * lemma already (the model compiler ran these rules on them); only unknown
 * words are looked up here.
 */
#include "lang/lang.h"

typedef struct rule { const char *suf, *rep; } rule;

static const rule noun_rules[] = {{"s", ""},     {"ses", "s"},   {"xes", "x"}, {"zes", "z"},
                                  {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
                                  {NULL, NULL}};
static const rule verb_rules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                  {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""},
                                  {NULL, NULL}};
static const rule adj_rules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL}};

enum { WN_NOUN = 1, WN_VERB = 2, WN_ADJ = 4, WN_ADV = 8 };

static int pos_of(const char *tag, char *letter)
{
    if (tag[0] == 'N' && tag[1] == 'N') { *letter = 'n'; return WN_NOUN; }
    if (tag[0] == 'V' && tag[1] == 'B') { *letter = 'v'; return WN_VERB; }
    if (tag[0] == 'J' && tag[1] == 'J') { *letter = 'a'; return WN_ADJ; }
    if (tag[0] == 'R' && tag[1] == 'B') { *letter = 'r'; return WN_ADV; }
    return 0;
}

/* The model string for a lemma key, when WordNet lists it for `pos`. */
static const char *indexed(const sitrep_model *m, const char *w, size_t n, int pos)
{
    uint32_t bits;
    const char *stored;
    if (!sr_hash_lookup(&m->wn_index, w, n, &bits, &stored) || !(bits & (uint32_t)pos))
        return NULL;
    return stored;
}

static const char *morphy(const sitrep_model *m, const char *w, size_t n, int pos, char letter)
{
    char key[72];
    if (n + 2 >= sizeof key)
        return NULL;
    key[0] = letter;
    key[1] = ':';
    memcpy(key + 2, w, n);
    uint32_t off;
    if (sr_hash_find(&m->wn_exc, key, n + 2, &off) && off < m->nstrs)
        return m->strs + off;
    const char *hit = indexed(m, w, n, pos);
    if (hit)
        return hit;
    const rule *r = pos == WN_NOUN ? noun_rules : pos == WN_VERB ? verb_rules
                  : pos == WN_ADJ ? adj_rules : NULL;
    for (; r && r->suf; r++) {
        size_t ls = strlen(r->suf), lr = strlen(r->rep);
        if (n <= ls || memcmp(w + n - ls, r->suf, ls) != 0)
            continue;
        char cand[72];
        memcpy(cand, w, n - ls);
        memcpy(cand + n - ls, r->rep, lr);
        if ((hit = indexed(m, cand, n - ls + lr, pos)))
            return hit;
    }
    return NULL;
}

/* A plural WordNet does not know ("airstrikes", "shootouts"), made
 * singular by the English rules, in the document's arena; NULL when no
 * rule applies ("news", "bus"). */
static const char *singular(sr_doc *d, const char *low, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if ((low[k] < 'a' || low[k] > 'z') && low[k] != '-')
            return NULL;
    if (n < 4 || low[n - 1] != 's' || low[n - 2] == 's' || low[n - 2] == 'u' || low[n - 2] == 'i')
        return NULL;
    size_t keep = n - 1;
    const char *add = "";
    if (n > 4 && low[n - 2] == 'e' && low[n - 3] == 'i') {
        keep = n - 3; /* "-ies" -> "-y" */
        add = "y";
    } else if (low[n - 2] == 'e' && (low[n - 3] == 'x' || low[n - 3] == 'z' ||
                                     (low[n - 3] == 'h' && (low[n - 4] == 'c' || low[n - 4] == 's')) ||
                                     low[n - 3] == 's'))
        keep = n - 2;
    char *out = sr_arena_alloc(d->arena, keep + strlen(add) + 1);
    if (!out)
        return NULL;
    memcpy(out, low, keep);
    memcpy(out + keep, add, strlen(add) + 1);
    return out;
}

sitrep_status sr_lemma_run(sr_doc *d, const sitrep_model *m)
{
    if (!d->tags || !d->lemmas || !m->wn_index.nbuckets)
        return SITREP_OK;
    char low[64];
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        const sr_token *t = &d->tokens.v[i];
        /* Known words got their lemma from the lexicon with their tag. */
        if (t->kind != SR_TOK_WORD || d->lemmas[i])
            continue;
        const char *tag = sr_tag_name(m, d->tags[i]);
        char letter;
        int pos = pos_of(tag, &letter);
        if (!pos || (tag[2] == 'P' && tag[3] != 'S')) /* NNP: a name is its own lemma */
            continue;
        size_t n = t->nend - t->nstart;
        if (n >= sizeof low)
            continue;
        const char *w = d->norm + t->nstart;
        for (size_t k = 0; k < n; k++)
            low[k] = (w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] + 32) : w[k];
        const char *lem = morphy(m, low, n, pos, letter);
        if (lem && !(strlen(lem) == n && memcmp(lem, low, n) == 0))
            d->lemmas[i] = lem;
        else if (!lem && strcmp(tag, "NNS") == 0)
            d->lemmas[i] = singular(d, low, n);
    }
    return SITREP_OK;
}

size_t sr_lemma_of(const sr_doc *d, const sitrep_model *m, uint32_t i, char *buf, size_t cap)
{
    const sr_token *t = &d->tokens.v[i];
    if (d->lemmas && d->lemmas[i] && d->lemmas[i] != sr_lemma_self) {
        size_t n = strlen(d->lemmas[i]);
        if (n >= cap)
            n = cap - 1;
        memcpy(buf, d->lemmas[i], n);
        buf[n] = 0;
        return n;
    }
    size_t n = t->nend - t->nstart;
    if (n >= cap)
        n = cap - 1;
    const char *w = d->norm + t->nstart;
    const char *tag = d->tags ? sr_tag_name(m, d->tags[i]) : "";
    bool proper = tag[0] == 'N' && tag[1] == 'N' && tag[2] == 'P';
    for (size_t k = 0; k < n; k++)
        buf[k] = (!proper && w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] + 32) : w[k];
    buf[n] = 0;
    return n;
}

/* ---- WordNet classes and relations -------------------------------------- */

static const char *const lexnames[] = {
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
    "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
    "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather",
    "adj.ppl",
};

const char *sr_wn_class_name(int cls)
{
    return cls >= 0 && (size_t)cls < sizeof lexnames / sizeof *lexnames ? lexnames[cls] : NULL;
}

int sr_wn_class(const sitrep_model *m, const char *lemma, size_t n, char pos)
{
    int shift = pos == 'n' ? 4 : pos == 'v' ? 10 : pos == 'a' ? 16 : -1;
    uint32_t bits;
    if (shift < 0 || !sr_hash_find(&m->wn_index, lemma, n, &bits))
        return -1;
    int v = (int)((bits >> shift) & 63);
    return v ? v - 1 : -1;
}

static const char *relation(const sr_hash_view *h, const sitrep_model *m, const char *w, size_t n)
{
    uint32_t off;
    if (!h->nbuckets || !sr_hash_find(h, w, n, &off) || off >= m->nstrs)
        return NULL;
    return m->strs + off;
}

const char *sr_wn_pertainym(const sitrep_model *m, const char *adj, size_t n)
{
    return relation(&m->wn_pert, m, adj, n);
}

const char *sr_wn_noun_to_verb(const sitrep_model *m, const char *noun, size_t n)
{
    return relation(&m->wn_nv, m, noun, n);
}

const char *sr_wn_verb_to_noun(const sitrep_model *m, const char *verb, size_t n)
{
    return relation(&m->wn_vn, m, verb, n);
}
