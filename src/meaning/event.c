/*
 * event.c: stage "event".  Input: tokens, tags, lemmas, entities and groups,
 * times, quantities, quotes.  Output: doc->events.
 *
 * Triggers are the event words of the lexicons (kind event, looked up by
 * the lemmas of one to four words: "opened fire" -> "open fire", "air
 * strikes" -> "air strike"), verbs or nouns as the entry allows, outside
 * names.  For each one, within its sentence:
 *   source   active verb: the nearest actor on its left that is no object
 *            of a preposition or a verb; passive ("was seized by"): the
 *            actor after "by"; noun: a possessive before it ("its capture"),
 *            else the subject of the verb that governs it ("France launched
 *            air strikes")
 *   target   the first actor on its right, directly or after on, against,
 *            at, for, of; passive: the subject
 *   pronouns and definite descriptions resolve backwards: it, its, the
 *            group -> the latest organization; they, their -> the latest
 *            group or organization; he, she -> the latest person; "the
 *            army" -> the latest actor of that sector with a country
 *   location the place after in, at, near, outside, of, on ... nearest the
 *            trigger; "the city", "the town", "there" -> the city most
 *            talked about so far; else the place of the event before in
 *            the same paragraph; else the dateline's
 *   date     the sentence's time expression nearest the trigger; else the
 *            one before in the paragraph when the verb is in a past tense;
 *            else the publication date (basis "published")
 *   deaths   casualty counts of the sentence (killed, dead), the lowest when
 *            two counts count the same noun; "a man was killed" is one
 *   modality negation (not, never, no, failed to, denied), intent (will,
 *            vowed to, plans to: AGREE when the act cooperates, THREATEN
 *            when it is violent), hypothesis (if, could, might); such
 *            events are never said to have happened
 *   reported the speaker of the quote or reported speech around it
 * Triggers of one sentence that tell the same kind of act ("attacked ...
 * killing five") are one event.  The ACLED type follows from the word's
 * class, refined by the target (civilians or armed men), the weapons named
 * and what happened around a protest.
 */
#include "meaning/event_gate.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

#define MAX_TRIGGER_TOKENS 4
#define DOC_CUES 7 /* the classes of doc_cue_words */

const char *const sr_acled_type_names[SR_ACLED_T__COUNT] = {
    NULL, "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
    "Riots", "Strategic developments"};

const char *const sr_acled_sub_names[SR_ACLED_S__COUNT] = {
    NULL,
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
};

const char *const sr_event_modality_names[SR_MOD__COUNT] = {
    "asserted", "negated", "intended", "threatened", "hypothetical", "required", "attempted"};

/* An actor in the text: an entity mention or a group noun phrase. */
typedef struct actor_ref {
    uint32_t tok, n;  /* tokens */
    int32_t entity;   /* -1 */
    int32_t group;    /* -1 */
} actor_ref;

typedef struct ectx {
    sr_doc *d;
    const sitrep_model *m;
    int32_t *ment_at;  /* per token: mention index, or -1 */
    int32_t *group_at; /* per token: group index, or -1 */
    int32_t *time_at;  /* per token: time index, or -1 */
    int32_t *quote_at; /* per token: innermost quote index, or -1 */
    /* Running indexes, built in one pass over the document so that no
     * look-back rescans it; per position p (n + 1 of them), about the
     * tokens before p: */
    int32_t *city_before;    /* the city most talked about, or -1 */
    int32_t *person_before;  /* the latest person, or -1 */
    int32_t *org_before;     /* the token of the latest organization, or -1 */
    int32_t *country_before; /* the token of the latest country that can act, or -1 */
    int32_t *plural_before;  /* the token of the latest group phrase, organization or NORP */
    int32_t *group_prev;     /* per group: the latest group before it of its sector with a
                              * country, or -1 */
    uint8_t *protest_cues;   /* per token: PC_* cues from it to the paragraph's end */
    uint32_t cues_lo;        /* the paragraph protest_cues holds, or UINT32_MAX */
    const unsigned char *gate_w; /* the EVTW weights, or NULL */
    float gate_threshold;
    const unsigned char *type_w; /* the incident types' weights, or NULL */
    const unsigned char *type_n; /* per type: its training examples */
    uint32_t para_lo;  /* the current paragraph's first token */
    uint32_t para_hi;  /* the token after the current paragraph */
    int32_t last_loc_entity; /* the latest event's place in this paragraph */
    uint32_t last_loc_start, last_loc_end; /* the words naming it */
    int32_t last_date_time;  /* the latest dated time expression in this paragraph */
    bool parse_on_demand;    /* parse the sentences of conflict events the pipeline did not */
    uint16_t cue[DOC_CUES];  /* per class of doc_cue_words: its words in the document */
    uint16_t means[3];       /* the article's words of air strikes, of shelling, of close fighting */
    uint32_t words;          /* the document's words */
    uint32_t *ntraced;       /* candidates handed to the trace so far */
} ectx;

/* ---- words ---------------------------------------------------------------------- */

static bool is(const ectx *c, uint32_t i, const char *w) { return sr_tok_is(c->d, i, w); }

static bool is_any(const ectx *c, uint32_t i, const char *const *ws)
{
    /* the token's text found once, then compared with each word */
    const sr_doc *d = c->d;
    if (i >= d->tokens.n)
        return false;
    const sr_token *t = &d->tokens.v[i];
    uint32_t n = t->nend - t->nstart;
    const char *s = d->norm + t->nstart;
    for (int k = 0; n && ws[k]; k++)
        if (sr_same_word(s, n, ws[k]))
            return true;
    return false;
}

static const char *tag(const ectx *c, uint32_t i)
{
    return c->d->tags && c->m ? sr_tag_name(c->m, c->d->tags[i]) : "";
}

static bool is_verb(const ectx *c, uint32_t i)
{
    const char *t = tag(c, i);
    return t[0] == 'V' && t[1] == 'B';
}

static bool is_noun(const ectx *c, uint32_t i)
{
    const char *t = tag(c, i);
    return t[0] == 'N' && t[1] == 'N';
}

/* Token i's lemma as stored (sr_lemma_view), cut as sr_lemma_of cuts it
 * into 64 bytes. */
static const char *lemma_view(const ectx *c, uint32_t i, size_t *n)
{
    const char *s = sr_lemma_view(c->d, i, n);
    if (*n > 63)
        *n = 63;
    return s;
}

static bool lemma_is(const ectx *c, uint32_t i, const char *w)
{
    size_t n;
    const char *s = lemma_view(c, i, &n);
    return sr_same_word(s, n, w);
}

/* The index in `ws` of token i's lemma, or -1: the lemma found once, then
 * compared in place with each word (no copy, no strlen). */
static int lemma_in(const ectx *c, uint32_t i, const char *const *ws)
{
    size_t n;
    const char *s = lemma_view(c, i, &n);
    for (int k = 0; ws[k]; k++)
        if (sr_same_word(s, n, ws[k]))
            return k;
    return -1;
}

static bool sentence_end(const ectx *c, uint32_t i)
{
    return is(c, i, ".") || is(c, i, ";") || is(c, i, "!") || is(c, i, "?");
}

static const char *const be_forms[] = {"was", "were", "been", "being", "is", "are", "be", "got",
                                       "get", "gets", "'s", NULL};
static const char *const loc_preps[] = {"in", "at", "near", "outside", "around", "across", "inside",
                                        "into", "on", "of", "from", "to", "toward", "towards",
                                        "through", "along", "between", "within", NULL};
/* Nouns a name before which is no place: "Grad missiles", "the Moi tribe" */
static const char *const not_place_heads[] = {"missile", "missiles", "rocket", "rockets",
                                              "launcher", "launchers", "tribe", "tribesmen",
                                              "clan", "farmers", "herders", NULL};
static const char *const area_words[] = {"central", "northern", "southern", "eastern", "western",
                                         "downtown", "north", "south", "east", "west", "greater",
                                         "rural", "suburban", "outer", "inner", NULL};
static const char *const town_words[] = {"town", "city", "village", "township", "municipality",
                                         "district", "county", "commune", "locality", NULL};
static const char *const obj_preps[] = {"of", "in", "at", "near", "from", "with", "to", "for",
                                        "on", "against", "by", "into", "outside", "around", "among",
                                        "across", "inside", "through", "including", "like", NULL};

/* ---- actors ---------------------------------------------------------------------- */

/* The actor item covering token i, if any. */
static bool actor_at(const ectx *c, uint32_t i, actor_ref *a)
{
    const sr_doc *d = c->d;
    if (i >= d->tokens.n)
        return false;
    int32_t g = c->group_at[i];
    if (g >= 0) {
        const sr_group *gr = &d->groups.v[g];
        *a = (actor_ref){gr->tok_first, gr->tok_n, gr->entity, g};
        return true;
    }
    int32_t mi = c->ment_at[i];
    if (mi >= 0) {
        const sr_mention *mn = &d->mentions.v[mi];
        if (mn->src == SR_MSRC_PREFIX)
            return false; /* "US-backed": a modifier, not the one who acts */
        *a = (actor_ref){mn->tok_first, mn->tok_n, (int32_t)mn->entity, -1};
        return true;
    }
    return false;
}

static bool is_place_entity(const ectx *c, int32_t e)
{
    if (e < 0)
        return false;
    int t = c->d->entities.v[e].type;
    return t == SR_ENT_GPE || t == SR_ENT_LOC || t == SR_ENT_FAC;
}

/* A place that is only a place (a town, a region, a river), not a country
 * that can act. */
static bool is_mere_place(const ectx *c, int32_t e)
{
    if (e < 0)
        return false;
    const sr_entity *en = &c->d->entities.v[e];
    if (en->type == SR_ENT_LOC || en->type == SR_ENT_FAC)
        return true;
    if (en->type != SR_ENT_GPE)
        return false;
    if (en->place != UINT32_MAX && c->m) {
        const sr_place_rec *p = sr_geo_place(c->m, en->place);
        return p && p->feature != SR_FEATURE_COUNTRY;
    }
    return !en->has_actor;
}

/* "Berlin rejected", "Beirut again rejected": a country's capital as the
 * one who acts stands for its government.  Fills out from the actor item
 * and says whether it is such a capital. */
static bool capital_government(const ectx *c, const actor_ref *a, sr_event_arg *out)
{
    if (a->group >= 0 || a->entity < 0 || !c->m || !c->m->place_flags)
        return false;
    const sr_entity *en = &c->d->entities.v[a->entity];
    if (en->type != SR_ENT_GPE || en->place == UINT32_MAX)
        return false;
    const sr_place_rec *p = sr_geo_place(c->m, en->place);
    if (!p || p->feature != SR_FEATURE_CITY || !(c->m->place_flags[en->place] & SR_PLACE_CAPITAL))
        return false;
    const char *c3 = sr_geo_iso3(c->m, p->cc);
    if (!c3 || !c3[0])
        return false;
    out->entity = a->entity;
    out->start = c->d->tokens.v[a->tok].start;
    out->end = c->d->tokens.v[a->tok + a->n - 1].end;
    out->has_actor = true;
    memset(&out->actor, 0, sizeof out->actor);
    memcpy(out->actor.country, c3, 3);
    memcpy(out->actor.sector, "GOV", 4);
    snprintf(out->actor.code, sizeof out->actor.code, "%.3sGOV", c3);
    return true;
}

/* "the city", "the town", "there": the city most talked about before
 * token `before` (the latest of those talked about as much). */
static int32_t salient_city(const ectx *c, uint32_t before) { return c->city_before[before]; }

/* The entity of the mention at token i. */
static int32_t entity_at(const ectx *c, int32_t i)
{
    return (int32_t)c->d->mentions.v[c->ment_at[i]].entity;
}

/* The first token of the sentence holding token i (back = 1: of the one
 * before it). */
static uint32_t sentence_start(const ectx *c, uint32_t i, int back)
{
    const sr_doc *d = c->d;
    uint32_t a = 0, b = d->sentences.n;
    while (a < b) { /* the last sentence starting at or before i */
        uint32_t mid = (a + b) / 2;
        if (d->sentences.v[mid].tok_first <= i)
            a = mid + 1;
        else
            b = mid;
    }
    if (a == 0)
        return 0;
    uint32_t s = a - 1;
    s = s >= (uint32_t)back ? s - (uint32_t)back : 0;
    return d->sentences.v[s].tok_first;
}

/* The latest group noun phrase or organization before token i, for "they". */
static bool latest_plural(const ectx *c, uint32_t i, sr_event_arg *out)
{
    int32_t k = c->plural_before[i];
    if (k < 0)
        return false;
    int32_t g = c->group_at[k];
    if (g >= 0) {
        const sr_group *gr = &c->d->groups.v[g];
        out->entity = gr->entity;
        out->actor = gr->actor;
        out->has_actor = true;
        out->start = gr->start; /* the words it stands for */
        out->end = gr->end;
        return true;
    }
    const sr_entity *en = &c->d->entities.v[entity_at(c, k)];
    out->entity = entity_at(c, k);
    out->has_actor = en->has_actor;
    if (en->has_actor)
        out->actor = en->actor;
    return true;
}

/* "it", "its", "the group": an organization of this sentence or the one
 * before; else a country of this sentence ("Hungary said it will"; not
 * for "the group"); else the latest organization. */
static int32_t latest_org(const ectx *c, uint32_t i, bool det)
{
    int32_t o = c->org_before[i], g = c->country_before[i];
    if (o >= 0 && (uint32_t)o >= sentence_start(c, i, 1))
        return entity_at(c, o);
    if (!det && g >= 0 && (uint32_t)g >= sentence_start(c, i, 0))
        return entity_at(c, g);
    return o >= 0 ? entity_at(c, o) : -1;
}

static void fill_arg(const ectx *c, const actor_ref *a, sr_event_arg *out);

static const char *const speech_verbs[] = {"said", "says", "told", "added", "stated", "announced",
                                           "reported", "claimed", "confirmed", "alleged", NULL};

/* "former hostages said ... them": the plural noun that speaks, just
 * before a verb of saying earlier in token i's sentence (at most 24 tokens
 * back), or UINT32_MAX. */
static uint32_t speaker_before(const ectx *c, uint32_t i)
{
    uint32_t lo = sentence_start(c, i, 0);
    for (uint32_t k = i; k > lo + 1 && k + 24 > i; k--) {
        uint32_t v = k - 1;
        if (!is_any(c, v, speech_verbs) || !is_verb(c, v))
            continue;
        const char *t = tag(c, v - 1);
        if (strcmp(t, "NNS") == 0 || strcmp(t, "NNPS") == 0)
            return v - 1;
        return UINT32_MAX;
    }
    return UINT32_MAX;
}

static bool find_source_left(const ectx *c, uint32_t ti, uint32_t lo, sr_event_arg *out, bool places);
static bool crosses_clause(const ectx *c, uint32_t i, uint32_t ti);
static bool is_pronoun_ref(const ectx *c, uint32_t i);
static bool passive(const ectx *c, uint32_t ti, uint32_t lo);
static uint32_t token_at(const sr_doc *d, uint32_t b);

/* Can the argument be what pronoun i stands for: he and she a person or
 * people, it no person and no plural, they no single person? */
static bool pronoun_fits(const ectx *c, uint32_t i, const sr_event_arg *a)
{
    const sr_doc *d = c->d;
    bool person = a->entity >= 0 && d->entities.v[a->entity].type == SR_ENT_PERSON;
    uint32_t last = token_at(d, a->end - 1);
    const char *t = last < d->tokens.n ? tag(c, last) : "";
    bool plural = strcmp(t, "NNS") == 0 || strcmp(t, "NNPS") == 0;
    if (is(c, i, "he") || is(c, i, "his") || is(c, i, "she") || is(c, i, "her"))
        return person || (a->entity < 0 && !plural && a->has_actor);
    if (is(c, i, "it") || is(c, i, "its"))
        return !person && !plural;
    return !person; /* they, their */
}

/* What a pronoun binds to in its own clause: the speaker whose words it
 * starts ("Iraq said it would allow", "the union announced Thursday that
 * it has called off"), the subject of the verb whose object it owns
 * ("the ILO reiterated its demand", "fundamentalists continued their
 * hunger strike"). */
static bool bound_ref(const ectx *c, uint32_t i, sr_event_arg *out)
{
    uint32_t lo = sentence_start(c, i, 0);
    bool poss = is(c, i, "its") || is(c, i, "their") || is(c, i, "his") || is(c, i, "her");
    uint32_t v = UINT32_MAX;
    if (!poss) {
        /* the subject of what is said: back over "that" and a time */
        for (uint32_t k = i; k > lo && k + 6 > i; k--) {
            uint32_t p = k - 1;
            if (is_any(c, p, speech_verbs) && is_verb(c, p)) {
                v = p;
                break;
            }
            if (!(is(c, p, "that") || is(c, p, "on") || c->time_at[p] >= 0))
                break;
        }
    } else if (i > lo && is_verb(c, i - 1) && !passive(c, i - 1, lo)) {
        v = i - 1;
    } else if (i > lo + 1 && tag(c, i - 1)[0] == 'R' && is_verb(c, i - 2) && !passive(c, i - 2, lo)) {
        v = i - 2;
    }
    if (v == UINT32_MAX)
        return false;
    sr_event_arg a = {.entity = -1};
    if (!find_source_left(c, v, lo, &a, true) || !(a.has_actor || a.entity >= 0) || !pronoun_fits(c, i, &a))
        return false;
    *out = a;
    out->start = c->d->tokens.v[i].start; /* the pronoun, standing for it */
    out->end = c->d->tokens.v[i].end;
    if (a.entity < 0) { /* a group: the words it stands for */
        out->start = a.start;
        out->end = a.end;
    }
    return true;
}

/* "the group", "the coalition", "the city", "it", "they": what they stand
 * for.  `place` prefers a place for "it" (what is captured). */
static bool resolve_ref(const ectx *c, uint32_t i, sr_event_arg *out, bool place)
{
    if (!(place && is(c, i, "it")) && is_pronoun_ref(c, i) && bound_ref(c, i, out))
        return true;
    static const char *const org_nouns[] = {"group", "organization", "organisation", "movement",
                                            "militia", "jihadists", "extremists", "militants",
                                            "insurgents", "network", NULL};
    static const char *const town_nouns[] = {"city", "town", "village", "capital", NULL};
    bool det = is(c, i, "the") && i + 1 < c->d->tokens.n;
    uint32_t h = det ? i + 1 : i;
    int32_t e = -1;
    out->has_actor = false;
    if (det && is_any(c, h, town_nouns) && !(c->d->tokens.v[h].flags & SR_TF_CAP) &&
        !is(c, h + 1, "of") && !is(c, h + 1, "'s") &&
        !(c->ment_at[h + 1] >= 0 && h + 1 < c->d->tokens.n))
        e = salient_city(c, i);
    else if (is(c, i, "it") && place)
        e = salient_city(c, i);
    else if (det && is_noun(c, h) && (e = sr_entity_named_by(c->d, i, h, -1)) >= 0)
        ;
    else if (is(c, i, "it") || is(c, i, "its") || (det && is_any(c, h, org_nouns)))
        e = latest_org(c, i, det);
    else if (is(c, i, "they") || is(c, i, "their") || is(c, i, "them")) {
        /* "former hostages said X imprisoned them": in what people
         * say, "they" are the speakers; a group of them, or none of the
         * actors (not the latest organization) */
        uint32_t sv = speaker_before(c, i);
        if (sv != UINT32_MAX) {
            int32_t g = c->group_at[sv];
            if (g < 0)
                return false;
            const sr_group *gr = &c->d->groups.v[g];
            actor_ref ga = {gr->tok_first, gr->tok_n, gr->entity, g};
            fill_arg(c, &ga, out);
            if (out->entity >= 0) { /* a named group: the pronoun; else the words it stands for */
                out->start = c->d->tokens.v[i].start;
                out->end = c->d->tokens.v[i].end;
            }
            return true;
        }
        if (!latest_plural(c, i, out))
            return false;
        if (out->entity >= 0) {
            out->start = c->d->tokens.v[i].start;
            out->end = c->d->tokens.v[i].end;
        }
        return true;
    } else if (is(c, i, "he") || is(c, i, "his") || is(c, i, "she") || is(c, i, "her"))
        e = c->person_before[i];
    if (e < 0)
        return false;
    out->entity = e;
    out->start = c->d->tokens.v[i].start;
    out->end = c->d->tokens.v[h].end;
    const sr_entity *en = &c->d->entities.v[e];
    if (en->has_actor) {
        out->actor = en->actor;
        out->has_actor = true;
    }
    return true;
}

static bool is_pronoun_ref(const ectx *c, uint32_t i)
{
    static const char *const p[] = {"it", "its", "they", "their", "them", "he", "his", "she",
                                    "her", NULL};
    return is_any(c, i, p);
}

/* Fills an argument from an actor item; a group of a sector with no
 * country ("the army") takes the latest actor before of that sector that
 * has one ("the Syrian army"). */
static void fill_arg(const ectx *c, const actor_ref *a, sr_event_arg *out)
{
    const sr_doc *d = c->d;
    out->entity = a->entity;
    out->start = d->tokens.v[a->tok].start;
    out->end = d->tokens.v[a->tok + a->n - 1].end;
    out->has_actor = false;
    if (a->group >= 0) {
        out->actor = d->groups.v[a->group].actor;
        out->has_actor = true;
    } else if (a->entity >= 0 && d->entities.v[a->entity].has_actor) {
        out->actor = d->entities.v[a->entity].actor;
        out->has_actor = true;
    }
    /* "Palestinians", "Iraqi Kurds": the people of a nation, named by a
     * plural nationality word, are its civilians */
    const char *lt = tag(c, a->tok + a->n - 1);
    if (out->has_actor && a->group < 0 && a->entity >= 0 && d->entities.v[a->entity].type == SR_ENT_NORP &&
        out->actor.country[0] && !out->actor.sector[0] && strcmp(out->actor.code, out->actor.country) == 0 &&
        (strcmp(lt, "NNPS") == 0 || strcmp(lt, "NNS") == 0)) {
        memcpy(out->actor.sector, "CVL", 4);
        snprintf(out->actor.code, sizeof out->actor.code, "%sCVL", out->actor.country);
    }
    if (out->has_actor && !out->actor.country[0] && out->actor.sector[0] && a->group >= 0 &&
        d->groups.v[a->group].entity < 0 && a->tok > 0 && is(c, a->tok - 1, "the") &&
        c->group_prev[a->group] >= 0) {
        const sr_group *p = &d->groups.v[c->group_prev[a->group]];
        out->actor = p->actor;
        out->entity = p->entity;
    }
}

/* The actor that holds a town, by the text: a mention of it after an
 * actor's possessive and up to three adjectives and lower-case nouns
 * ("Islamic State's Syrian stronghold Raqqa", "the militants' remaining
 * positions in Raqqa"), or an apposition after it that an actor's
 * possessive starts ("Raqqa, Islamic State's de facto capital").  What
 * is attacked or taken there is the holder's.
 * Looks at the town's first eight mentions, a fixed window each. */
static bool place_holder(const ectx *c, int32_t e, actor_ref *out)
{
    const sr_doc *d = c->d;
    if (e < 0 || !is_mere_place(c, e))
        return false;
    const sr_entity *en = &d->entities.v[e];
    for (uint32_t q = 0; q < en->nmentions && q < 8; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        /* after it: "Raqqa, Islamic State's de facto capital" */
        uint32_t nx = mn->tok_first + mn->tok_n;
        actor_ref a;
        if (nx + 2 < d->tokens.n && is(c, nx, ",") && actor_at(c, nx + 1, &a) && a.tok == nx + 1 &&
            a.tok + a.n < d->tokens.n && strcmp(tag(c, a.tok + a.n), "POS") == 0 &&
            (a.group >= 0 || (!is_place_entity(c, a.entity) &&
                              (a.entity < 0 || d->entities.v[a.entity].type != SR_ENT_PERSON)))) {
            *out = a;
            return true;
        }
        uint32_t k = mn->tok_first;
        if (k > 0 && is(c, k - 1, "in"))
            k--;
        uint32_t words = 0;
        while (k > 0 && words < 3 && d->tokens.v[k - 1].kind == SR_TOK_WORD &&
               (tag(c, k - 1)[0] == 'J' ||
                (!(d->tokens.v[k - 1].flags & SR_TF_CAP) &&
                 ((tag(c, k - 1)[0] == 'N' && tag(c, k - 1)[2] != 'P') || strcmp(tag(c, k - 1), "VBG") == 0))))
            k--, words++;
        if (k < 2 || strcmp(tag(c, k - 1), "POS") != 0)
            continue;
        if (!actor_at(c, k - 2, &a) || (a.group < 0 && is_place_entity(c, a.entity)) ||
            (a.group < 0 && a.entity >= 0 && d->entities.v[a.entity].type == SR_ENT_PERSON))
            continue;
        *out = a;
        return true;
    }
    return false;
}

/* Is the actor item at tokens [tok, tok+n) the object of a preposition or
 * of a verb before it (so no subject)? */
static bool governed(const ectx *c, uint32_t tok, uint32_t lo)
{
    uint32_t k = tok;
    /* determiners and adjectives between: "on the Syrian army" */
    while (k > lo) {
        const char *t = tag(c, k - 1);
        if (t[0] == 'D' || t[0] == 'J' || strcmp(t, "PRP$") == 0 || strcmp(t, "CD") == 0 ||
            strcmp(t, "POS") == 0)
            k--;
        else
            break;
    }
    if (k == lo)
        return false;
    return is_any(c, k - 1, obj_preps) || is_verb(c, k - 1);
}

/* ---- the lexicon -------------------------------------------------------------------- */

/* The longest event entry starting at token i; its length in tokens. */
static const sr_lex_rec *trigger_at(const ectx *c, uint32_t i, uint32_t hi, uint32_t *len)
{
    const sr_doc *d = c->d;
    char key[256];
    size_t kl = 0;
    const sr_lex_rec *best = NULL;
    for (uint32_t k = 0; k < MAX_TRIGGER_TOKENS && i + k < hi; k++) {
        size_t ln;
        const char *lb = sr_lemma_view(d, i + k, &ln);
        if (ln > 63) /* as cut into 64 bytes */
            ln = 63;
        if (!ln || kl + ln + 2 >= sizeof key)
            break;
        if (k)
            key[kl++] = ' ';
        for (size_t q = 0; q < ln; q++)
            key[kl++] = (lb[q] >= 'A' && lb[q] <= 'Z') ? (char)(lb[q] + 32) : lb[q];
        if (k == 0) {
            uint32_t h = sr_hash_bytes(key, kl) & 0xFFFF;
            if (!(c->m->lex_first[h >> 6] & (1ull << (h & 63))))
                return NULL;
        }
        /* the part of speech that decides: the first word of a verb
         * phrase ("open fire"), the last of a noun phrase ("air strike") */
        int pos = is_verb(c, i) ? SR_POS_VERB : is_noun(c, i + k) ? SR_POS_NOUN : 0;
        bool more = false;
        const sr_lex_rec *r = sr_lex_find_event(c->m, key, kl, pos, &more);
        if (r) {
            best = r;
            *len = k + 1;
        }
        if (!more)
            break;
    }
    return best;
}

/* ---- arguments ------------------------------------------------------------------------ */

static bool passive(const ectx *c, uint32_t ti, uint32_t lo)
{
    if (strcmp(tag(c, ti), "VBN") != 0)
        return false;
    for (uint32_t k = ti; k > lo && k + 4 > ti; k--) {
        if (is_any(c, k - 1, be_forms))
            return true;
        const char *t = tag(c, k - 1);
        if (t[0] != 'R' && t[0] != 'V')
            break;
    }
    /* "a convoy seized by rebels": a participle after its noun */
    return ti + 1 < c->d->tokens.n && is(c, ti + 1, "by");
}



/* The subject: the nearest actor on the left that is not governed. */
static bool find_source_left(const ectx *c, uint32_t ti, uint32_t lo, sr_event_arg *out, bool places)
{
    for (uint32_t k = ti; k > lo; k--) {
        uint32_t i = k - 1;
        if (is(c, i, ";") || is(c, i, ":"))
            break;
        /* who speaks is not who acts: "he said the attackers burned it" */
        if (i + 1 < ti && is_any(c, i, speech_verbs))
            break;
        actor_ref a;
        if (actor_at(c, i, &a)) {
            /* "in Tlaxco, Tlaxcala, the director was shot": a place set off
             * by commas sets the scene, it is no subject */
            bool scene = a.group < 0 && is_mere_place(c, a.entity) && a.tok + a.n < ti &&
                         is(c, a.tok + a.n, ",");
            if (governed(c, a.tok, lo) || scene ||
                (!places && a.group < 0 && is_mere_place(c, a.entity))) {
                /* a capital right before its verb: its government */
                /* (or that opens the sentence, no verb before the trigger:
                 * "Washington along with its allies demanded") */
                bool opens = a.tok == lo || (a.tok == lo + 1 && is(c, lo, "the"));
                for (uint32_t q = a.tok + a.n; opens && q < ti; q++)
                    if (is_verb(c, q))
                        opens = false;
                if (!governed(c, a.tok, lo) && !scene && !places && !crosses_clause(c, a.tok + a.n - 1, ti) &&
                    (a.tok + a.n + 2 >= ti || opens) && capital_government(c, &a, out))
                    return true;
                k = a.tok + 1;
                continue;
            }
            fill_arg(c, &a, out);
            return true;
        }
        if (is_pronoun_ref(c, i) || (is(c, i, "the") && i + 1 < ti && !governed(c, i, lo))) {
            if (resolve_ref(c, i, out, false))
                return true;
        }
    }
    return false;
}

static bool finite_verb(const ectx *c, uint32_t i)
{
    const char *t = tag(c, i);
    return strcmp(t, "VBD") == 0 || strcmp(t, "VBZ") == 0 || strcmp(t, "VBP") == 0 ||
           strcmp(t, "MD") == 0 || strcmp(t, "VB") == 0;
}

/* The object: the first actor on the right within a few words.  Places
 * count when `places_ok` (what is attacked or taken). */
static bool find_target_right(const ectx *c, uint32_t from, uint32_t hi, sr_event_arg *out,
                              bool places_ok)
{
    actor_ref owner;
    bool has_owner = false, noun_seen = false;
    for (uint32_t i = from; i < hi && i < from + 9; i++) {
        if (sentence_end(c, i) || is(c, i, ",") || is(c, i, ";") ||
            (is(c, i, "and") && i > from && is_verb(c, i + 1)))
            break;
        /* "threatened to break relations with Russia": the verb after
         * "to" is no new clause */
        if (i > from && finite_verb(c, i) && !(strcmp(tag(c, i), "VB") == 0 && is(c, i - 1, "to") && !noun_seen))
            break;
        /* only right after the trigger, its adverbs and times: not
         * "firing gunshots to disperse the crowd" */
        if (!(tag(c, i)[0] == 'R' || c->time_at[i] >= 0 || is(c, i, "to") || is(c, i, "on")))
            noun_seen = true;
        actor_ref a;
        if (actor_at(c, i, &a)) {
            /* "Syria's Raqqa": the possessor is no object; "rejected
             * North Korea's demand": with no actor after it, it is */
            if (a.tok + a.n < hi && is(c, a.tok + a.n, "'s")) {
                if (!has_owner && !is_mere_place(c, a.entity))
                    owner = a, has_owner = true;
                i = a.tok + a.n;
                continue;
            }
            if (a.group < 0 && is_mere_place(c, a.entity) &&
                (!places_ok || (a.tok > from && is(c, a.tok - 1, "in")))) {
                i = a.tok + a.n - 1;
                continue;
            }
            actor_ref holder;
            if (a.group < 0 && places_ok && place_holder(c, a.entity, &holder))
                a = holder;
            fill_arg(c, &a, out);
            return true;
        }
        if ((is(c, i, "it") || is(c, i, "them") || is(c, i, "him") || is(c, i, "her")) &&
            resolve_ref(c, i, out, places_ok))
            return true;
        if (is(c, i, "the") && i + 1 < hi && resolve_ref(c, i, out, places_ok))
            return true;
    }
    if (has_owner) {
        fill_arg(c, &owner, out);
        return true;
    }
    return false;
}

/* A place on the map: placed by the gazetteer, with coordinates. */
static bool geocoded(const ectx *c, int32_t e)
{
    const sr_place_rec *p = is_place_entity(c, e) ? sr_entity_place(c->d, c->m, e) : NULL;
    return p && p->has_coords;
}

/* How far token i is from the trigger at ti: words on its right count
 * once, on its left twice (news puts the place after the act). */
static uint32_t distance(uint32_t i, uint32_t ti)
{
    return i > ti ? i - ti : (ti - i) * 2;
}

/* Is there a comma or semicolon between tokens i and ti? */
static bool crosses_clause(const ectx *c, uint32_t i, uint32_t ti)
{
    /* commas inside brackets ("(Bologna, Emilia-Romagna)") part no
     * clauses */
    int depth = 0;
    bool comma = false;
    for (uint32_t k = i < ti ? i : ti; k < (i < ti ? ti : i); k++) {
        if (is(c, k, "("))
            depth++;
        else if (is(c, k, ")")) {
            if (depth)
                depth--;
            else
                comma = false; /* the commas so far were inside the brackets it started in */
        } else if (is(c, k, ";"))
            return true;
        else if (is(c, k, ",") && !depth)
            comma = true;
    }
    return comma;
}

/* A place named as a part of a town, which the gazetteer's town of that
 * name is not: "in colonia Bethania", "Lavapes community", "Rogers Park",
 * "Quito - Eloy Alfaro". */
static bool part_of_town(const ectx *c, const sr_mention *mn, uint32_t lo, uint32_t hi)
{
    static const char *const part[] = {"neighborhood", "neighbourhood", "community", "square",
                                       "park", "street", "avenue", "road", "canton", "ward",
                                       "parish", "barrio", "colony", "market", "camp",
                                       "station", "hospital", "school", "university",
                                       "stadium", "bridge", "area", "sector", "quarter",
                                       "compound", "estate", "slum", "settlement", NULL};
    static const char *const part_first[] = {"colonia", "barangay", "barrio", "morro",
                                             "vila", "favela", "comuna", "kampung", NULL};
    uint32_t f = mn->tok_first, nx = f + mn->tok_n;
    return (nx < hi && is_any(c, nx, part)) || is_any(c, f, part_first) ||
           (f > lo && is_any(c, f - 1, part_first)) || (mn->tok_n > 1 && is_any(c, nx - 1, part)) ||
           (f > lo + 1 && (is(c, f - 1, "-") || is(c, f - 1, "--")) && c->ment_at[f - 2] >= 0);
}

/* The "(" whose brackets hold token f, at most 16 tokens back, or
 * UINT32_MAX. */
static uint32_t bracket_open(const ectx *c, uint32_t f, uint32_t lo)
{
    for (uint32_t k = f; k > lo && k + 16 > f; k--) {
        if (is(c, k - 1, ")"))
            break;
        if (is(c, k - 1, "("))
            return k - 1;
    }
    return UINT32_MAX;
}

/* The entity named right before the brackets opening at token b ("in
 * Mbombela (City of Mbombela, Ehlanzeni, Mpumalanga)", "Pyay town (...)"),
 * or -1. */
static int32_t bracket_owner(const ectx *c, uint32_t b, uint32_t lo)
{
    uint32_t t = b;
    if (t > lo + 1 && is_any(c, t - 1, town_words))
        t--;
    return t > lo && c->ment_at[t - 1] >= 0 ? (int32_t)c->d->mentions.v[c->ment_at[t - 1]].entity : -1;
}

/* Whether the brackets opening at token b hold a place on the map. */
static bool bracket_has_place(const ectx *c, uint32_t b, uint32_t hi)
{
    for (uint32_t k = b + 1; k < hi && k < b + 16 && !is(c, k, ")"); k++)
        if (c->ment_at[k] >= 0 && geocoded(c, (int32_t)c->d->mentions.v[c->ment_at[k]].entity))
            return true;
    return false;
}

/* How far the place named by the mention mn (at token i) is from the
 * trigger at ti, weighed by how it is named: after a preposition of place,
 * opening the sentence, with its region, in brackets, a part of a town, a
 * region or a country, across a clause.  False when it names no scene. */
static bool place_distance(const ectx *c, const sr_mention *mn, uint32_t ti, uint32_t lo,
                           uint32_t hi, const sr_event_arg *src, uint32_t *out)
{
    uint32_t i = mn->tok_first, nx = mn->tok_first + mn->tok_n;
    int32_t e = (int32_t)mn->entity;
    if (!geocoded(c, e) || mn->src == SR_MSRC_PREFIX)
        return false;
    if (src && src->entity == e && i < ti)
        return false; /* "France launched ...": the actor, not the place */
    if (nx + 1 < hi && is(c, nx, "'s") && c->ment_at[nx + 1] >= 0)
        return false; /* "Syria's Raqqa": Raqqa */
    if (nx < hi && is_any(c, nx, not_place_heads))
        return false;
    /* the preposition before it, over "central", "northern" ... */
    uint32_t pv = i;
    if (pv > lo && is_any(c, pv - 1, area_words))
        pv--;
    bool prep = pv > lo && is_any(c, pv - 1, loc_preps);
    uint32_t dist = distance(i, ti);
    if (prep)
        dist /= 2;
    else
        dist += 10; /* "Raqqa's fall", "the Raqqa front", "(Tokyo - Minato)" */
    bool part = part_of_town(c, mn, lo, hi);
    if (part)
        dist += 40;
    /* "On 3 May, in X (Region), ...", "in Pyay town (...)": a place
     * that opens the sentence is the scene of all of it */
    uint32_t nx2 = nx < hi && is_any(c, nx, town_words) ? nx + 1 : nx;
    /* ("people from X," tell who, not where) */
    bool scene = prep && !is(c, pv - 1, "from") && i <= lo + 12 && nx2 < hi &&
                 (is(c, nx2, ",") || is(c, nx2, "(") || is(c, nx2, "-") || is(c, nx2, "--"));
    /* a town given with its region ("in Ipiau (Bahia)", "Pervomaisk,
     * Luhansk") is the place the text means */
    if (nx + 1 < hi && ((is(c, nx, ",") && c->ment_at[nx + 1] >= 0 &&
                         geocoded(c, (int32_t)c->d->mentions.v[c->ment_at[nx + 1]].entity)) ||
                        (is(c, nx, "(") && bracket_has_place(c, nx, hi))))
        dist = dist < 2 ? dist : 2;
    /* ... and the places in its brackets are where that town lies,
     * not the scene */
    uint32_t open = bracket_open(c, i, lo);
    int32_t owner = open != UINT32_MAX ? bracket_owner(c, open, lo) : -1;
    bool contains_town = owner >= 0 && owner != e && geocoded(c, owner) &&
                         sr_entity_place(c->d, c->m, owner)->feature == SR_FEATURE_CITY;
    if (contains_town)
        dist += 8;
    /* the town before its region: "in Pervomaisk, Luhansk" */
    const sr_place_rec *pl = sr_geo_place(c->m, c->d->entities.v[e].place);
    if (pl->feature == SR_FEATURE_ADMIN1)
        dist += 45;
    else if (pl->feature == SR_FEATURE_COUNTRY) {
        /* "Myanmar military forces", "the Nigerian army": a country
         * naming who, not where */
        if (!prep && nx < hi && !(c->d->tokens.v[nx].flags & SR_TF_CAP) &&
            (tag(c, nx)[0] == 'N' || tag(c, nx)[0] == 'J'))
            return false;
        dist += 100;
    }
    if (crosses_clause(c, i, ti))
        dist += 20;
    /* the district or region in brackets after the scene: the scene's
     * too ("in Myaing township (Pakokku district, Magway region)") */
    bool bracket_scene = open != UINT32_MAX && open + 4 >= i && open <= lo + 14;
    if (scene)
        dist = part ? 40 : 0; /* a part of a town stays a part */
    else if (bracket_scene && !part && !contains_town)
        dist = dist < 4 ? dist : 4; /* whatever clauses lie between */
    *out = dist;
    return true;
}

/* "there" (not "there was", "there will"), "in the city", "at the
 * village" (not "the City Council", "the city of X"): the town talked
 * about. */
static bool town_ref(const ectx *c, uint32_t i, uint32_t lo, uint32_t hi)
{
    static const char *const not_there[] = {"had", "have", "to", "will", "would", "has", NULL};
    static const char *const town[] = {"city", "town", "village", NULL};
    if (is(c, i, "there"))
        return i > lo && !is_any(c, i + 1, be_forms) && !is_any(c, i + 1, not_there);
    return is(c, i, "the") && i + 1 < hi && is_any(c, i + 1, town) &&
           !(c->d->tokens.v[i + 1].flags & SR_TF_CAP) &&
           !(i + 2 < hi && (c->d->tokens.v[i + 2].flags & SR_TF_CAP)) && !is(c, i + 2, "of") &&
           i > lo && is_any(c, i - 1, loc_preps);
}

/* Does the mention at token i follow "coded as" or "coded to" (at most
 * three lower-case words or a comma between: "coded to zone capital,
 * Shambu"), the words with which a monitor's note names the place the
 * event is coded at? */
static bool coded_at(const ectx *c, uint32_t i, uint32_t lo)
{
    uint32_t k = i;
    for (int skip = 0; skip < 3 && k > lo + 2; skip++) {
        if (is(c, k - 1, "as") || is(c, k - 1, "to"))
            break;
        if (!is(c, k - 1, ",") && (c->d->tokens.v[k - 1].flags & SR_TF_CAP))
            return false;
        k--;
    }
    return k > lo + 1 && (is(c, k - 1, "as") || is(c, k - 1, "to")) &&
           (is(c, k - 2, "coded") || is(c, k - 2, "Coded"));
}

/* The place where it happened, in the sentence [lo, hi): the one named
 * nearest the trigger by place_distance, the place a note says it is
 * coded at first. */
static int32_t find_location(const ectx *c, uint32_t ti, uint32_t lo, uint32_t hi, const sr_event_arg *src,
                             uint8_t *precision, bool *by_prep, uint32_t span[2])
{
    int32_t best = -1;
    bool bp = false;
    uint32_t bestd = UINT32_MAX, dist;
    *precision = 1;
    span[0] = span[1] = 0;
    for (uint32_t i = lo; i < hi; i++) {
        int32_t mi = c->ment_at[i];
        if (mi >= 0) {
            const sr_mention *mn = &c->d->mentions.v[mi];
            if (mn->tok_first != i || !place_distance(c, mn, ti, lo, hi, src, &dist))
                continue;
            if (coded_at(c, i, lo))
                dist = 0;
            if (dist >= bestd)
                continue;
            uint32_t nx = mn->tok_first + mn->tok_n;
            bestd = dist;
            best = (int32_t)mn->entity;
            span[0] = mn->start, span[1] = mn->end;
            /* "Raqqa's fall": a possessor, no place something happened */
            bp = !(nx < hi && is(c, nx, "'s"));
            *precision = i > lo && (is(c, i - 1, "near") || is(c, i - 1, "outside") ||
                                    is(c, i - 1, "around"))
                             ? 2
                             : 1;
        } else if (town_ref(c, i, lo, hi)) {
            dist = distance(i, ti) + (crosses_clause(c, i, ti) ? 20 : 0);
            int32_t e;
            if (dist < bestd && (e = salient_city(c, i)) >= 0) {
                bestd = dist;
                best = e;
                bp = true;
                *precision = 1;
                span[0] = c->d->tokens.v[i].start; /* "there", "the city" */
                span[1] = c->d->tokens.v[is(c, i, "there") ? i : i + 1].end;
            }
        }
    }
    if (by_prep)
        *by_prep = bp;
    return best;
}

/* ---- modality -------------------------------------------------------------------------- */

/* The verb of the few words before token i, or UINT32_MAX. */
static uint32_t verb_before(const ectx *c, uint32_t i, uint32_t lo)
{
    for (uint32_t v = i; v > lo && v + 5 > i; v--)
        if (is_verb(c, v - 1))
            return v - 1;
    return UINT32_MAX;
}

/* "to X" at token `to` that tells a capacity, a move or a permission,
 * not an act: a noun of them before it ("a move by bankworkers to
 * occupy", "the capability to strike"), or a verb that enables, asks or
 * orders with its object between ("would enable Iran to strike", "urged
 * them to protest"). */
static bool unreal_to(const ectx *c, uint32_t to, uint32_t lo)
{
    static const char *const nouns[] = {"move", "plan", "bid", "attempt", "effort", "ability",
                                        "capability", "capacity", "decision", "right", "power",
                                        "chance", "means", "order", "authority", "permission",
                                        "threat", "call", "readiness", "way", "strategy", "weapon",
                                        "missile", "pressure", "incentive", "freedom", "licence",
                                        "license", "mandate", "proposal", NULL};
    static const char *const verbs[] = {"enable", "allow", "permit", "order", "ask", "urge", "force",
                                        "authorize", "authorise", "help", "encourage", "invite",
                                        "tell", "instruct", "need", "empower", "persuade", "pressure",
                                        "press", "want", "expect", "call", NULL};
    if (to == lo)
        return false;
    if (is_noun(c, to - 1) && lemma_in(c, to - 1, nouns) >= 0)
        return true;
    for (uint32_t k = to; k > lo && k + 5 > to; k--) {
        if (is_verb(c, k - 1))
            return k - 1 < to - 1 && lemma_in(c, k - 1, verbs) >= 0;
        if (is(c, k - 1, ",") || is(c, k - 1, "that"))
            return false;
    }
    return false;
}

/* The modality the verb group ending before token `from` gives: "did not
 * attack", "has never been seized", "no attack", "vowed to attack",
 * "tried to seize", "will strike", "could". */
static int verb_group_modality(const ectx *c, uint32_t from, uint32_t lo, uint32_t *stop,
                               bool *definite)
{
    static const char *const neg[] = {"not", "n't", "never", "no", "nor", "without", NULL};
    static const char *const intent[] = {"vow", "plan", "pledge", "promise", "threaten", "intend",
                                         "aim", "want", "seek", "prepare", "agree", "offer",
                                         "decide", "vote", "hope", "expect", "warn", "schedule",
                                         "due", NULL};
    static const char *const attempt[] = {"try", "attempt", NULL};
    int mod = SR_MOD_ASSERTED;
    uint32_t k;
    *definite = true;
    for (k = from; k > lo && k + 6 > from; k--) {
        uint32_t i = k - 1;
        if (is(c, i, ",") || is(c, i, ";"))
            break;
        const char *t = tag(c, i);
        if (!(t[0] == 'R' || t[0] == 'V' || strcmp(t, "MD") == 0 || strcmp(t, "TO") == 0 ||
              is(c, i, "no") || is(c, i, "not") || is(c, i, "n't")))
            break;
        if ((is_any(c, i, neg) && !is(c, i + 1, "only")) || lemma_is(c, i, "deny") ||
            lemma_is(c, i, "fail") || lemma_is(c, i, "refuse"))
            return SR_MOD_NEGATED;
        if (is(c, i, "must") || is(c, i, "should") || (is(c, i, "to") && k - 1 > lo && lemma_is(c, i - 1, "have")))
            return SR_MOD_REQUIRED; /* "Libya must hand over": a demand */
        if (is(c, i, "to") && k - 1 > lo &&
            (is(c, i - 1, "willing") || is(c, i - 1, "ready") || is(c, i - 1, "prepared")))
            return SR_MOD_INTENDED;
        if (is(c, i, "to") && k - 1 > lo) {
            if (lemma_in(c, i - 1, attempt) >= 0)
                return SR_MOD_ATTEMPTED; /* "tried to seize the town" */
            int w = lemma_in(c, i - 1, intent);
            if (w >= 0)
                return !strcmp(intent[w], "threaten") || !strcmp(intent[w], "warn") ? SR_MOD_THREATENED
                                                                                    : SR_MOD_INTENDED;
        }
        if (is(c, i, "to") && k == from && k - 1 > lo && strcmp(tag(c, from), "VB") == 0 &&
            unreal_to(c, i, lo))
            return SR_MOD_HYPOTHETICAL; /* "enable Iran to strike", "any move by bankworkers to occupy" */
        if (is(c, i, "will") || is(c, i, "'ll") || is(c, i, "shall") || is(c, i, "would") ||
            (is(c, i, "going") && is(c, i + 1, "to")))
            mod = SR_MOD_INTENDED;
        if (is(c, i, "could") || is(c, i, "might") || is(c, i, "may") || is(c, i, "should"))
            mod = SR_MOD_HYPOTHETICAL;
    }
    *stop = k;
    *definite = false; /* "will", "could": unless a condition says more */
    return mod;
}

/* Verbs that govern an event word, and what they make of it: "foiled an
 * attack", "the attack was thwarted", "denied that police shot", "planned
 * attacks", "expects that protesters will", "called for a ceasefire". */
enum { GOV_NONE, GOV_NEGATE, GOV_PLAN, GOV_FEAR, GOV_CALL };
static int governor(const ectx *c, uint32_t v)
{
    static const struct {
        const char *lemma;
        uint8_t gov;
    } table[] = {{"deny", GOV_NEGATE},   {"foil", GOV_NEGATE},     {"thwart", GOV_NEGATE},
                 {"prevent", GOV_NEGATE}, {"avert", GOV_NEGATE},   {"fail", GOV_NEGATE},
                 {"refute", GOV_NEGATE}, {"plan", GOV_PLAN},       {"plot", GOV_PLAN},
                 {"schedule", GOV_PLAN}, {"prepare", GOV_PLAN},    {"intend", GOV_PLAN},
                 {"propose", GOV_PLAN},  {"expect", GOV_PLAN},     {"hope", GOV_PLAN},
                 {"fear", GOV_FEAR},     {"rumour", GOV_FEAR},     {"rumor", GOV_FEAR},
                 {"call", GOV_CALL},     {"urge", GOV_CALL},       {"demand", GOV_CALL},
                 {"appeal", GOV_CALL},   {"ask", GOV_CALL},        {"seek", GOV_CALL}};
    if (v == UINT32_MAX || !is_verb(c, v))
        return GOV_NONE;
    char buf[64];
    size_t n = sr_lemma_of(c->d, c->m, v, buf, sizeof buf);
    for (size_t k = 0; k < sizeof table / sizeof *table; k++)
        if (strlen(table[k].lemma) == n && strncasecmp(buf, table[k].lemma, n) == 0)
            return table[k].gov;
    return GOV_NONE;
}

static int governed_modality(int gov)
{
    return gov == GOV_NEGATE ? SR_MOD_NEGATED
           : gov == GOV_PLAN ? SR_MOD_INTENDED
           : gov == GOV_FEAR ? SR_MOD_HYPOTHETICAL
                             : SR_MOD_ASSERTED;
}

/* A subject that says no one: "No one was killed", "nobody was hurt",
 * "none of the students were hurt", "no civilians were injured". */
static uint32_t nobody_at(const ectx *c, uint32_t k, uint32_t lo)
{
    static const char *const none[] = {"nobody", "none", "no", "neither", NULL};
    for (uint32_t i = k; i > lo && i + 5 > k; i--) {
        const char *t = tag(c, i - 1);
        if (is_any(c, i - 1, none))
            return i - 1;
        if (!(t[0] == 'N' || t[0] == 'J' || t[0] == 'D' || strcmp(t, "CD") == 0 || is(c, i - 1, "of") ||
              is(c, i - 1, "one")))
            break;
    }
    return UINT32_MAX;
}

static bool nobody_before(const ectx *c, uint32_t k, uint32_t lo) { return nobody_at(c, k, lo) != UINT32_MAX; }

static int modality_at(const ectx *c, uint32_t ti, uint32_t tn, uint32_t lo, uint32_t hi, bool *call,
                       int depth);

/* Whether verb v of a parsed sentence has a subject or an auxiliary of
 * its own ("and the police fired": a clause of its own, not a conjunct
 * that shares its head's). */
static bool own_clause(const sr_doc *d, uint32_t v, uint32_t lo, uint32_t hi)
{
    for (uint32_t k = lo; k < hi; k++) {
        if (d->heads[k] != v)
            continue;
        uint8_t r = d->deprels[k];
        if (r == SR_DEP_NSUBJ || r == SR_DEP_NSUBJ_PASS || r == SR_DEP_NSUBJ_OUTER || r == SR_DEP_AUX ||
            r == SR_DEP_AUX_PASS || r == SR_DEP_CSUBJ || r == SR_DEP_EXPL)
            return true;
    }
    return false;
}

/* In a parsed sentence, the verb the trigger depends on lends it its
 * frame.  A conjunct with no subject or auxiliary of its own shares its
 * head's whole modality, whatever gives it: a modal ("would surround the
 * town, burn the market and kill the chief"), a negation ("did not attack
 * the post or burn the trucks"), an attempt or a plan ("tried to seize the
 * town and kill"), a denial ("denied that police shot and killed"); a
 * complement or adverbial clause of a verb with a modal ("would respond
 * ... by hitting the base") takes the modal: will, would, shall:
 * intended; could, might, may: hypothetical. */
static int parse_modality(const ectx *c, uint32_t ti, uint32_t lo, uint32_t hi, int depth)
{
    const sr_doc *d = c->d;
    if (!sr_parsed(d, ti))
        return SR_MOD_ASSERTED;
    uint32_t cur = ti;
    for (int step = 0; step < 3; step++) {
        uint8_t rel = d->deprels[cur];
        uint32_t h = d->heads[cur];
        if ((rel != SR_DEP_CONJ && rel != SR_DEP_XCOMP && rel != SR_DEP_ADVCL) || h == SR_NO_HEAD ||
            h < lo || h >= hi || !is_verb(c, h))
            break;
        if (rel == SR_DEP_CONJ) {
            if (own_clause(d, cur, lo, hi))
                break;
            if (depth < 4) {
                bool call;
                return modality_at(c, h, 1, lo, hi, &call, depth + 1);
            }
        }
        uint32_t a = h > lo + 6 ? h - 6 : lo;
        for (uint32_t k = a; k < h; k++) {
            if (d->heads[k] != h || d->deprels[k] != SR_DEP_AUX)
                continue;
            if (is(c, k, "would") || is(c, k, "will") || is(c, k, "shall") || is(c, k, "'ll"))
                return SR_MOD_INTENDED;
            if (is(c, k, "could") || is(c, k, "might") || is(c, k, "may"))
                return SR_MOD_HYPOTHETICAL;
        }
        cur = h;
    }
    return SR_MOD_ASSERTED;
}

/* Before the parse: whether the verb at ti, with no verb group of its
 * own, may be a conjunct whose head's frame it shares ("would surround
 * the town, burn the market"): it follows a comma or a coordinator, and
 * a modal, a negation, a "to" or a governing verb comes before it in its
 * sentence.  Such a sentence is parsed so that parse_modality can read
 * it. */
static bool frame_conjunct(const ectx *c, uint32_t ti, uint32_t lo)
{
    static const char *const coord[] = {",", "and", "or", "nor", "then", NULL};
    static const char *const neg[] = {"not", "n't", "never", NULL};
    /* a base form or a participle: a finite verb after a comma has a
     * tense of its own ("..., said a spokesman") */
    const char *t = tag(c, ti);
    if (!is_verb(c, ti) || (t[2] != '\0' && t[2] != 'N'))
        return false;
    uint32_t k = ti;
    while (k > lo && k + 2 > ti && tag(c, k - 1)[0] == 'R')
        k--;
    if (k == lo || !is_any(c, k - 1, coord))
        return false;
    for (uint32_t i = lo; i + 1 < k; i++)
        if (strcmp(tag(c, i), "MD") == 0 || is_any(c, i, neg) || strcmp(tag(c, i), "TO") == 0 ||
            governor(c, i) != GOV_NONE)
            return true;
    return false;
}

/* A base-form verb right after a comma or a coordinator ("planned to
 * bomb the embassy and abduct diplomats", "would surround the town, burn
 * the market") is the conjunct of the base-form verb before it and shares
 * its modality, when the parse does not tie it to a verb (no parse, or
 * attached to a noun): a base form with no subject or auxiliary of its
 * own is no clause of its own.  A finite verb between ends the search. */
static int bare_conjunct_modality(const ectx *c, uint32_t ti, uint32_t lo, uint32_t hi, int depth)
{
    const sr_doc *d = c->d;
    if (strcmp(tag(c, ti), "VB") != 0 || !frame_conjunct(c, ti, lo))
        return SR_MOD_ASSERTED;
    if (sr_parsed(d, ti) && d->heads[ti] != SR_NO_HEAD && d->heads[ti] < d->tokens.n &&
        is_verb(c, d->heads[ti]))
        return SR_MOD_ASSERTED; /* the parse has said */
    uint32_t k = ti;
    while (k > lo && tag(c, k - 1)[0] == 'R')
        k--;
    for (uint32_t j = k - 1; j > lo && j + 14 > ti; j--) {
        uint32_t v = j - 1;
        const char *t = tag(c, v);
        if (is(c, v, ";") || is(c, v, ":") || strcmp(t, "VBD") == 0 || strcmp(t, "VBZ") == 0 ||
            strcmp(t, "MD") == 0 || strcmp(t, "WDT") == 0 || strcmp(t, "WP") == 0)
            break;
        if (strcmp(t, "VB") == 0 || strcmp(t, "VBP") == 0) {
            bool call;
            return modality_at(c, v, 1, lo, hi, &call, depth + 1);
        }
    }
    return SR_MOD_ASSERTED;
}

/* What a group does, not an act: a relative clause in the present
 * progressive ("the contra rebels, who have been fighting the Managua
 * government for six years", "rebel groups that are fighting to
 * overthrow"). */
static bool generic_relative(const ectx *c, uint32_t ti, uint32_t lo)
{
    static const char *const rel[] = {"who", "that", "which", NULL};
    if (strcmp(tag(c, ti), "VBG") != 0 || ti < lo + 2)
        return false;
    uint32_t k = ti - 1;
    if (!(is(c, k, "are") || is(c, k, "is") || is(c, k, "been")))
        return false;
    if (is(c, k, "been")) {
        if (k < lo + 2 || !(is(c, k - 1, "have") || is(c, k - 1, "has")))
            return false;
        k--;
    }
    return k > lo && is_any(c, k - 1, rel);
}

/* Whether it happened, from the clause structure: the verb group of the
 * trigger (for a noun, before its determiner), a subject that says no
 * one, the verb that governs a noun ("foiled an attack", "the attack was
 * foiled") or the clause ("denied that"), a condition, a question.
 * `call`: a noun governed by a call ("called for a ceasefire"). */
static int modality_at(const ectx *c, uint32_t ti, uint32_t tn, uint32_t lo, uint32_t hi, bool *call,
                       int depth)
{
    static const char *const hyp[] = {"if", "unless", "whether", NULL};
    *call = false;
    bool noun = !is_verb(c, ti);
    uint32_t from = ti, stop;
    if (noun) /* "there will be a protest", "no attack" */
        while (from > lo && !is(c, from - 1, "no") &&
               (tag(c, from - 1)[0] == 'D' || tag(c, from - 1)[0] == 'J' ||
                strcmp(tag(c, from - 1), "PRP$") == 0 || strcmp(tag(c, from - 1), "CD") == 0) &&
               from + 4 > ti)
            from--;
    bool definite;
    int mod = verb_group_modality(c, from, lo, &stop, &definite);
    if (definite)
        return mod;
    if (mod == SR_MOD_ASSERTED && !noun && stop < ti && nobody_before(c, stop, lo))
        return SR_MOD_NEGATED;
    if (mod == SR_MOD_ASSERTED && noun) {
        /* "any attack", "any outbreaks of rioting", "rumours of race riots",
         * "the threat of attacks": none happened */
        static const char *const unreal[] = {"rumour", "rumor", "threat", "fear", "risk", "danger",
                                             "possibility", "prospect", "spectre", "specter",
                                             "likelihood", "chance", "plan", "plot", "call",
                                             "demand", "deterrent", "warning", NULL};
        for (uint32_t k = from; k < ti; k++)
            if (is(c, k, "any"))
                return SR_MOD_HYPOTHETICAL;
        uint32_t of = from; /* "rumours of race riots": over the compound */
        while (of > lo && of + 3 > from && is_noun(c, of - 1) && c->ment_at[of - 1] < 0)
            of--;
        if (of > lo + 1 && is(c, of - 1, "of")) {
            uint32_t h = of - 2;
            if (lemma_in(c, h, unreal) >= 0)
                return lemma_is(c, h, "plan") || lemma_is(c, h, "plot") ? SR_MOD_INTENDED
                                                                       : SR_MOD_HYPOTHETICAL;
            for (uint32_t k = h + 1; k > lo && k + 3 > h; k--)
                if (is(c, k - 1, "any"))
                    return SR_MOD_HYPOTHETICAL;
        }
        uint32_t v = verb_before(c, ti, lo);
        int g = v != UINT32_MAX && v + 1 >= from - 2 ? governor(c, v) : GOV_NONE;
        if (g == GOV_CALL) {
            *call = true;
            return SR_MOD_ASSERTED;
        }
        if (g != GOV_NONE)
            return governed_modality(g);
        /* "the attack was foiled", "a plot that failed" */
        for (uint32_t k = ti + tn; k < hi && k < ti + tn + 3; k++) {
            if (is_any(c, k, be_forms) || tag(c, k)[0] == 'R')
                continue;
            if (governor(c, k) == GOV_NEGATE)
                return SR_MOD_NEGATED;
            break;
        }
    }
    /* the verb before the clause's "that": "denied that officers shot" */
    for (uint32_t k = ti; mod == SR_MOD_ASSERTED && k > lo && k + 15 > ti; k--) {
        if (is(c, k - 1, ";") || is(c, k - 1, ":"))
            break;
        if (is(c, k - 1, "that") && k - 1 > lo) {
            int g = governor(c, k - 2);
            if (g == GOV_NONE && k - 2 > lo && tag(c, k - 2)[0] == 'R')
                g = governor(c, k - 3); /* "denied outright that" */
            if (g != GOV_NONE && g != GOV_CALL)
                return governed_modality(g);
            break;
        }
    }
    for (uint32_t i = lo; i < ti; i++)
        if (is_any(c, i, hyp))
            return SR_MOD_HYPOTHETICAL;
    if (hi > lo && is(c, hi - 1, "?"))
        return SR_MOD_HYPOTHETICAL; /* a question asserts nothing */
    if (mod == SR_MOD_ASSERTED && !noun && generic_relative(c, ti, lo))
        return SR_MOD_HYPOTHETICAL;
    if (mod == SR_MOD_ASSERTED && !noun)
        mod = parse_modality(c, ti, lo, hi, depth);
    if (mod == SR_MOD_ASSERTED && !noun && depth < 4)
        mod = bare_conjunct_modality(c, ti, lo, hi, depth);
    return mod;
}

static int modality(const ectx *c, uint32_t ti, uint32_t tn, uint32_t lo, uint32_t hi, bool *call)
{
    return modality_at(c, ti, tn, lo, hi, call, 0);
}

/* ---- ACLED -------------------------------------------------------------------------------- */

/* What the sectors of actors are (docs/actors.md). */
enum {
    SEC_ARMED = 1,  /* armed men: soldiers, rebels, police, spies, gunmen, insurgents */
    SEC_STATE = 2,  /* the state's forces: the military (MIL is a state's), police */
    SEC_PEOPLE = 4, /* people who can be victims: civilians, opposition, refugees ... */
    SEC_CROWD = 8,  /* a crowd whose violence is a mob's */
};
static const struct {
    char name[4];
    uint8_t flags;
} sector_table[] = {
    {"MIL", SEC_ARMED | SEC_STATE}, {"COP", SEC_ARMED | SEC_STATE}, {"REB", SEC_ARMED},
    {"SPY", SEC_ARMED},             {"INS", SEC_ARMED},             {"UAF", SEC_ARMED | SEC_PEOPLE},
    {"CVL", SEC_PEOPLE | SEC_CROWD}, {"OPP", SEC_PEOPLE | SEC_CROWD}, {"REF", SEC_PEOPLE},
    {"EDU", SEC_PEOPLE},            {"LAB", SEC_PEOPLE},            {"MED", SEC_PEOPLE},
    {"HLH", SEC_PEOPLE},            {"ELI", SEC_PEOPLE},            {"CRM", SEC_PEOPLE},
    {"JRN", SEC_PEOPLE},
};

static unsigned sector_is(const sr_event_arg *a, unsigned flags)
{
    if (!a->has_actor)
        return 0;
    for (size_t k = 0; k < sizeof sector_table / sizeof *sector_table; k++)
        if (strcmp(a->actor.sector, sector_table[k].name) == 0)
            return sector_table[k].flags & flags;
    return 0;
}

static bool armed(const sr_event_arg *a) { return sector_is(a, SEC_ARMED); }

/* Words of armed men and their places: "attacked a military base",
 * "fired at the positions of", "against Ethiopian forces". */
static const char *const armed_nouns[] = {"force", "troop", "soldier", "military", "army", "police",
                                          "policeman", "policemen", "base", "checkpoint", "post",
                                          "position", "station", "outpost", "barrack", "militia",
                                          "militiaman", "militant", "fighter", "rebel", "insurgent",
                                          "guard", "patrol", "convoy", "officer", "personnel", "unit",
                                          "battalion", "brigade", "camp", "gendarme", "gendarmerie",
                                          "jihadist", "combatant", "member", NULL};

/* The state's forces: the military (MIL is a state's; rebels are REB),
 * police, and a government with a country. */
static bool state_forces(const sr_event_arg *a)
{
    return sector_is(a, SEC_STATE) ||
           (a->has_actor && strcmp(a->actor.sector, "GOV") == 0 && a->actor.country[0]);
}

/* A word of the list, by lemma, in tokens [lo, hi). */
static bool sentence_has(const ectx *c, uint32_t lo, uint32_t hi, const char *const *lemmas)
{
    for (uint32_t i = lo; i < hi; i++)
        if (lemma_in(c, i, lemmas) >= 0)
            return true;
    return false;
}

/* Two-word cues: "tear gas", "water cannon", "live ammunition". */
static bool sentence_has_pair(const ectx *c, uint32_t lo, uint32_t hi, const char *a, const char *b)
{
    for (uint32_t i = lo; i + 1 < hi; i++)
        if (is(c, i, a) && lemma_is(c, i + 1, b))
            return true;
    return false;
}

/* A word of the list in [lo, hi) outside the trigger's tokens. */
static bool around_has(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi,
                       const char *const *lemmas)
{
    for (uint32_t i = lo; i < hi; i++)
        if ((i < ev->trig_tok || i >= ev->trig_tok + ev->trig_n) && lemma_in(c, i, lemmas) >= 0)
            return true;
    return false;
}

static bool person_noun(const ectx *c, uint32_t a, uint32_t b);

/* A noun for people as the subject or object of the trigger: from the
 * clause's start or the verb before, to the verb or subordinate clause
 * after ("the industry hit a problem when dealers ...": no one). */
static bool person_around(const ectx *c, uint32_t ti, uint32_t tn, uint32_t ca, uint32_t cb)
{
    static const char *const subord[] = {"when", "while", "after", "before", "because", "as", "if",
                                         "since", "that", "which", "who", "where", NULL};
    uint32_t a = ti, b = ti + tn;
    while (a > ca && !is_verb(c, a - 1) && !is_any(c, a - 1, subord))
        a--;
    while (b < cb && !(is_verb(c, b) && strcmp(tag(c, b), "VBN") != 0 && strcmp(tag(c, b), "VBG") != 0) &&
           !is_any(c, b, subord))
        b++;
    return person_noun(c, a, ti) || person_noun(c, ti + tn, b);
}

static bool people(const ectx *c, const sr_event_arg *a)
{
    return (a->entity >= 0 && c->d->entities.v[a->entity].type == SR_ENT_PERSON) ||
           sector_is(a, SEC_PEOPLE);
}

/* What happened to a protest, told in it or after it ("Police dispersed
 * them."): cues of each token, with the paragraph's end `hi`. */
enum {
    PC_KILL = 1,      /* killed, shot, dead */
    PC_PEOPLE = 2,    /* protesters, demonstrators */
    PC_LIVE = 4,      /* live ammunition, live rounds */
    PC_VIOLENT = 8,   /* they threw, burned, looted ...; set fire */
    PC_INTERVENE = 16 /* dispersed, arrested; tear gas, water cannon, rubber bullets */
};

/* "burning effigies", "burned candles": a protest's own act */
static const char *const burnt_in_protest[] = {"effigy", "candle", "flag", "passport", NULL};

static unsigned protest_cue(const ectx *c, uint32_t i, uint32_t hi)
{
    static const char *const killwords[] = {"kill", "shoot", "dead", NULL};
    static const char *const peopleish[] = {"protester", "demonstrator", "protestor", NULL};
    static const char *const teargas[] = {"teargas", NULL};
    /* verbs: "police dispersed", "protesters pelted"; a noun of the list
     * ("the attack") says nothing of what they did */
    static const char *const violent[] = {"clash", "throw", "hurl", "burn", "torch", "vandalize",
                                          "vandalise", "loot", "riot", "smash", "pelt", "attack",
                                          "ransack", "storm", "stone", "assault", "beat", NULL};
    static const char *const intervene[] = {"disperse", "arrest", "detain", "intervene",
                                            "baton-charge", "lathi-charge", "evict", "kettle",
                                            "tear-gas", NULL};
    static const struct {
        const char *a, *b;
        unsigned cue;
    } pairs[] = {{"live", "ammunition", PC_LIVE}, {"live", "round", PC_LIVE},
                 {"set", "fire", PC_VIOLENT},     {"set", "ablaze", PC_VIOLENT},
                 {"set", "alight", PC_VIOLENT},   {"tear", "gas", PC_INTERVENE},
                 {"water", "cannon", PC_INTERVENE}, {"rubber", "bullet", PC_INTERVENE}};
    unsigned cue = 0;
    if (lemma_in(c, i, killwords) >= 0)
        cue |= PC_KILL;
    if (lemma_in(c, i, peopleish) >= 0)
        cue |= PC_PEOPLE;
    if (lemma_in(c, i, teargas) >= 0)
        cue |= PC_INTERVENE;
    if (is_verb(c, i) && !(i > 0 && is(c, i - 1, "to"))) { /* "asked them to disperse": not done */
        int k = lemma_in(c, i, violent);
        if (k >= 0 && !(strcmp(violent[k], "burn") == 0 && i + 1 < hi &&
                        lemma_in(c, i + 1, burnt_in_protest) >= 0))
            cue |= PC_VIOLENT;
        if (lemma_in(c, i, intervene) >= 0)
            cue |= PC_INTERVENE;
    }
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
        if (i + 1 < hi && is(c, i, pairs[k].a) && lemma_is(c, i + 1, pairs[k].b))
            cue |= pairs[k].cue;
    return cue;
}

/* The cues in tokens [lo, hi).  Up to the paragraph's end, as a protest
 * asks, they come from a table of the paragraph made once: what each
 * token to its end holds. */
static unsigned protest_cues_scan(const ectx *c, uint32_t lo, uint32_t hi)
{
    unsigned cue = 0;
    for (uint32_t i = lo; i < hi; i++)
        cue |= protest_cue(c, i, hi);
    return cue;
}

static unsigned protest_cues(ectx *c, uint32_t lo, uint32_t hi)
{
    if (hi != c->para_hi || lo < c->para_lo)
        return protest_cues_scan(c, lo, hi);
    if (c->cues_lo != c->para_lo) {
        if (!c->protest_cues &&
            !(c->protest_cues = sr_arena_alloc(c->d->arena, c->d->tokens.n)))
            return protest_cues_scan(c, lo, hi);
        uint8_t after = 0;
        for (uint32_t i = hi; i > c->para_lo; i--)
            c->protest_cues[i - 1] = after = (uint8_t)(after | protest_cue(c, i - 1, hi));
        c->cues_lo = c->para_lo;
    }
    return c->protest_cues[lo];
}

/* The ACLED type and sub-type of each class the type needs nothing more
 * for. */
static const uint8_t class_type[SR_AC__MAX][2] = {
    [SR_AC_AIR] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_AIR},
    [SR_AC_SHELL] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_SHELLING},
    [SR_AC_IED] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_IED},
    [SR_AC_GRENADE] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_GRENADE},
    [SR_AC_SUICIDE] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_SUICIDE},
    [SR_AC_CHEMICAL] = {SR_ACLED_T_EXPLOSIONS, SR_ACLED_S_CHEMICAL},
    [SR_AC_ABDUCT] = {SR_ACLED_T_VAC, SR_ACLED_S_ABDUCTION},
    [SR_AC_SEXUAL] = {SR_ACLED_T_VAC, SR_ACLED_S_SEXUAL},
    [SR_AC_RIOT] = {SR_ACLED_T_RIOTS, SR_ACLED_S_VIOLENT_DEMO},
    [SR_AC_MOB] = {SR_ACLED_T_RIOTS, SR_ACLED_S_MOB},
    [SR_AC_ARREST] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_ARRESTS},
    [SR_AC_LOOT] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_LOOTING},
    [SR_AC_AGREE] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_AGREEMENT},
    [SR_AC_BASE] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_BASE},
    [SR_AC_TRANSFER] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_TRANSFER},
    [SR_AC_DISRUPT] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_DISRUPTED},
    [SR_AC_CHANGE] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_CHANGE},
    [SR_AC_OTHER] = {SR_ACLED_T_STRATEGIC, SR_ACLED_S_OTHER},
};

/* Violence made specific by the weapon the clause names, the first that
 * applies: a suicide bomb, an air strike, shelling, a grenade, a bomb
 * (a bomb in a clash is still a clash). */
static const char *const air_means[] = {"airstrike", "warplane", "drone", "aircraft", "jet",
                                        "helicopter", "gunship", "plane", "bomber", NULL};
static const char *const shell_means[] = {"shell", "shelling", "artillery", "mortar", "rocket",
                                          "missile", "howitzer", "bombardment", "gunboat", "warship",
                                          "frigate", "torpedo", "destroyer", "battleship", NULL};
/* the means of fighting at close quarters */
static const char *const direct_means[] = {"gun", "gunman", "gunmen", "rifle", "pistol", "shoot",
                                           "shooting", "gunfire", "stab", "knife", "machete",
                                           "ambush", "storm", "board", "gunfight", "firefight", NULL};

/* Token i is a word of a name: of an organization or a person, or a
 * proper noun inside its sentence ("a Shell staff member"; a capital
 * after a full stop may open a headline's sentence: "U.S. Warships
 * shelled"). */
static bool in_name(const ectx *c, uint32_t i)
{
    const sr_doc *d = c->d;
    if (strncmp(tag(c, i), "NNP", 3) == 0 && i > 0 && d->tokens.v[i - 1].end > d->tokens.v[i - 1].start &&
        !strchr(".!?:\"'", d->text[d->tokens.v[i - 1].end - 1]))
        return true;
    if (c->ment_at[i] < 0)
        return false;
    int32_t e = entity_at(c, (int32_t)i);
    return e >= 0 && (d->entities.v[e].type == SR_ENT_ORG || d->entities.v[e].type == SR_ENT_PERSON);
}

/* A weapon of the list, by lemma, in tokens [lo, hi), not in a name. */
static bool weapon_has(const ectx *c, uint32_t lo, uint32_t hi, const char *const *lemmas)
{
    for (uint32_t i = lo; i < hi; i++)
        if (lemma_in(c, i, lemmas) >= 0 && !in_name(c, i))
            return true;
    return false;
}

static int weapon_class(const ectx *c, int cls, uint32_t lo, uint32_t hi)
{
    static const char *const ied[] = {"ied", "landmine", "mine", "explosive", "bomb", "detonate",
                                      "explode", "blast", "explosion", NULL};
    static const char *const grenade[] = {"grenade", NULL};
    static const char *const suicide[] = {"suicide", NULL};
    static const struct {
        const char *const *words, *const *also; /* both lists, when `also` */
        const char *pair[2];                    /* or the two words */
        int cls;
        bool not_in_clash;
    } weapons[] = {
        {suicide, ied, {NULL, NULL}, SR_AC_SUICIDE, false},
        {air_means, NULL, {"air", "strike"}, SR_AC_AIR, false},
        {NULL, NULL, {"air", "raid"}, SR_AC_AIR, false},
        {shell_means, NULL, {NULL, NULL}, SR_AC_SHELL, false},
        {grenade, NULL, {NULL, NULL}, SR_AC_GRENADE, false},
        {ied, NULL, {NULL, NULL}, SR_AC_IED, true},
    };
    for (size_t k = 0; k < sizeof weapons / sizeof *weapons; k++) {
        if (weapons[k].not_in_clash && cls == SR_AC_CLASH)
            break;
        if ((weapons[k].words && weapon_has(c, lo, hi, weapons[k].words) &&
             (!weapons[k].also || weapon_has(c, lo, hi, weapons[k].also))) ||
            (weapons[k].pair[0] && sentence_has_pair(c, lo, hi, weapons[k].pair[0], weapons[k].pair[1])))
            return weapons[k].cls;
    }
    return cls;
}

/* Men of an armed party, by the noun that names them: "a police
 * sergeant", "two Ukrainian soldiers", "a Gulf Clan member" is not one
 * (a member of anything). */
static const char *const fighter_nouns[] = {
    "soldier", "troop", "force", "police", "policeman", "policemen", "officer", "militant", "fighter",
    "rebel", "insurgent", "militiaman", "militiamen", "militia", "gendarme", "combatant", "jihadist",
    "personnel", "serviceman", "servicemen", "sergeant", "commander", "marine", "paratrooper",
    "guerrilla", "guerilla", "army", "military", "infantryman", "conscript", "legionnaire", NULL};

/* The noun phrase ending right before token `end` (back over its
 * determiners, numbers, adjectives and nouns, at most 6 tokens) names
 * fighters. */
static bool fighters_before(const ectx *c, uint32_t end, uint32_t lo)
{
    for (uint32_t k = end; k > lo && k + 6 > end; k--) {
        const char *t = tag(c, k - 1);
        if (t[0] == 'N' && lemma_in(c, k - 1, fighter_nouns) >= 0)
            return true;
        if (t[0] != 'N' && t[0] != 'J' && strcmp(t, "CD") != 0 && strcmp(t, "DT") != 0 &&
            strcmp(t, "POS") != 0 && strcmp(t, "PRP$") != 0 && t[0] != 'V')
            return false;
        if (t[0] == 'V' && strcmp(t, "VBN") != 0 && strcmp(t, "VBG") != 0)
            return false; /* "armed", "ruling" as adjectives only */
    }
    return false;
}

/* The victims of a killing, wounding or shooting are fighters: the
 * subject of a passive or of "died" ("a police sergeant was shot dead",
 * "two officers died", "one Ukrainian soldier was wounded"), else the
 * nouns after the verb up to the next verb or clause mark ("killing 2
 * police and injuring ..."); or a people named only by their nation
 * ("killed thousands of Iranians") hit by the forces of another state: an
 * enemy's soldiers in a war between states. */
static bool fighter_victims(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    uint32_t ti = ev->trig_tok, k = ti;
    /* a participle right after its noun: "200 of its personnel killed or wounded" */
    bool reduced = strcmp(tag(c, ti), "VBN") == 0 && ti > lo &&
                   (is_noun(c, ti - 1) || is(c, ti - 1, "or") || is(c, ti - 1, "and"));
    if (lemma_is(c, ti, "die") || reduced || passive(c, ti, lo)) {
        /* back over the verb group and the verbs coordinated with the
         * trigger: "troops had been killed, wounded or captured" */
        while (k > lo && (is_any(c, k - 1, be_forms) || tag(c, k - 1)[0] == 'R' || tag(c, k - 1)[0] == 'M' ||
                          is(c, k - 1, "have") || is(c, k - 1, "has") || is(c, k - 1, "had") ||
                          strcmp(tag(c, k - 1), "VBN") == 0 || is(c, k - 1, "or") || is(c, k - 1, "and") ||
                          (is(c, k - 1, ",") && k > lo + 1 && strcmp(tag(c, k - 2), "VBN") == 0)))
            k--;
        if (k < ti && fighters_before(c, k, lo))
            return true;
        if (k < ti || lemma_is(c, ti, "die"))
            return false;
    }
    if (!is_verb(c, ti))
        return false;
    if (armed(&ev->source) && ev->target.has_actor && ev->target.entity >= 0 &&
        c->d->entities.v[ev->target.entity].type == SR_ENT_NORP && ev->target.actor.country[0] &&
        strcmp(ev->target.actor.country, ev->source.actor.country) != 0 &&
        ev->target.end > ev->target.start && c->d->text[ev->target.end - 1] == 's')
        return true; /* "Iranians", not "an Iranian assault" */
    for (uint32_t j = ti + ev->trig_n; j < hi && j < ti + ev->trig_n + 8; j++) {
        const char *t = tag(c, j);
        if (is(c, j, ",") || is(c, j, ";") || (t[0] == 'V' && strcmp(t, "VBN") != 0) || strcmp(t, "IN") == 0 ||
            strcmp(t, "WDT") == 0 || strcmp(t, "WP") == 0) {
            if (!(strcmp(t, "IN") == 0 && is(c, j, "of")))
                break;
            continue;
        }
        if (t[0] == 'N' && lemma_in(c, j, fighter_nouns) >= 0)
            return true;
        /* "thousands of Iranians": a nation's people, their state not the attacker's */
        if (strcmp(t, "NNPS") == 0 && c->ment_at[j] >= 0 && state_forces(&ev->source) &&
            ev->source.actor.country[0]) {
            int32_t e = entity_at(c, (int32_t)j);
            const sr_entity *en = &c->d->entities.v[e];
            if (en->type == SR_ENT_NORP && !(j + 1 < hi && is_noun(c, j + 1)))
                return true;
        }
    }
    return false;
}

/* A bare attack ("attacked an oil platform", "the 18th ship hit this
 * year", "Friday's attack") whose clause names no weapon, on no armed
 * men, in an article whose means are remote (air strikes, missiles,
 * shelling, warships: two words of them at least and more than twice the
 * words of close fighting, guns, knives, boarding): the article's means,
 * air strikes or shelling, whichever it names more. */
static int article_means(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const bare[] = {"attack", "hit", "strike", "raid", "target", NULL};
    unsigned air = c->means[0], shell = c->means[1], close = c->means[2];
    if (lemma_in(c, ev->trig_tok, bare) < 0 || air + shell < 2 || air + shell <= 2 * close ||
        armed(&ev->target) || fighter_victims(c, ev, lo, hi))
        return SR_AC_ATTACK;
    return air > shell ? SR_AC_AIR : SR_AC_SHELL;
}

/* A crowd named right before the verb: "mourners clashed", "thousands
 * of students battled". */
static bool crowd_before(const ectx *c, uint32_t ti, uint32_t lo)
{
    static const char *const w[] = {"mourner", "demonstrator", "protester", "protestor", "student",
                                    "farmer", "worker", "striker", "youth", "rioter", "crowd",
                                    "resident", "villager", "supporter", "fan", "mob", "peasant",
                                    "miner", "demonstration", NULL};
    for (uint32_t k = ti; k > lo && k + 4 > ti; k--)
        if (is_noun(c, k - 1))
            return lemma_in(c, k - 1, w) >= 0;
    return false;
}

/* A clash of demonstrators, with the police or with others: the
 * sentence names demonstrators (or a demonstration) and, on the other
 * side, police or no armed party at all ("demonstrating cadres clashed
 * with a team of police", "police clashed with demonstrators", "clashes
 * between demonstrators and counter-demonstrators"). */
static bool demonstrators(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const demo[] = {"demonstrator", "protester", "protestor", "rioter",
                                       "counter-demonstrator", "demonstration", "protest",
                                       "demonstrate", "mourner", NULL};
    return around_has(c, ev, lo, hi, demo);
}

static bool demonstrators_clash(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    if (!demonstrators(c, ev, lo, hi))
        return false;
    const sr_event_arg *side[2] = {&ev->source, &ev->target};
    for (int k = 0; k < 2; k++)
        if (armed(side[k]) && strcmp(side[k]->actor.sector, "COP") != 0)
            return false; /* soldiers or rebels: a battle, whoever else */
    return true;
}

/* The event's ACLED type and sub-type, from its class, its clause [lo,
 * hi) and its sentence [slo, shi) (the weapon may be named in another
 * clause of it: "fired artillery rounds at the village, injuring a
 * kid", "destroyed a truck with a bomb"), and after_hi the paragraph's
 * end. */
static void classify(ectx *c, sr_event *ev, int cls, uint32_t lo, uint32_t hi, uint32_t slo, uint32_t shi,
                     uint32_t after_hi)
{
    static const char *const mob[] = {"mob", "lynch", "vigilante", NULL};
    uint8_t t = 0, s = 0;

    /* where the weapon may be named: the clause; with the clauses before
     * it when the trigger is a participle of theirs ("fired artillery
     * rounds at the village, injuring a kid"); with those after it when
     * they have no verb of their own ("attacked the military, ..., with
     * mines"); never another clause's act ("after militants killed 130
     * people in Paris, France launched air strikes") */
    uint32_t wlo = lo, whi = hi;
    if (strcmp(tag(c, ev->trig_tok), "VBG") == 0)
        wlo = slo;
    bool verbless = true;
    for (uint32_t k = hi; k < shi && verbless; k++)
        verbless = !finite_verb(c, k);
    if (verbless)
        whi = shi;
    if (cls == SR_AC_LOOT && is_verb(c, ev->trig_tok) &&
        !lemma_is(c, ev->trig_tok, "loot") && !lemma_is(c, ev->trig_tok, "steal") &&
        !lemma_is(c, ev->trig_tok, "rob")) { /* "airstrikes damaged a school": the strike */
        int w = weapon_class(c, SR_AC_CLASH, wlo, whi);
        if (w != SR_AC_CLASH)
            cls = w;
    }
    if (cls == SR_AC_CLASH || cls == SR_AC_ATTACK || cls == SR_AC_IED) {
        cls = weapon_class(c, cls, wlo, whi);
        if (cls == SR_AC_ATTACK && sentence_has(c, lo, hi, mob))
            cls = SR_AC_MOB;
        if (cls == SR_AC_ATTACK)
            cls = article_means(c, ev, lo, hi);
    }
    /* violence by a crowd, villagers or residents: mob violence */
    if ((cls == SR_AC_ATTACK || cls == SR_AC_CLASH) && sector_is(&ev->source, SEC_CROWD) &&
        !ev->source.actor.country[0] &&
        !(ev->source.start == ev->target.start && ev->source.end == ev->target.end)) /* "people were killed" */
        cls = SR_AC_MOB;
    /* a crowd fighting the police ("thousands of farmers battled police",
     * "mourners clashed with police"): a violent demonstration */
    bool crowd = ev->source.has_actor
                     ? !armed(&ev->source) && strcmp(ev->source.actor.sector, "GOV") != 0 && !ev->source.actor.country[0]
                     : ev->source.entity < 0 && crowd_before(c, ev->trig_tok, lo);
    if (!crowd && ev->source.has_actor && !armed(&ev->source) && ev->source.actor.country[0])
        crowd = sector_is(&ev->source, SEC_PEOPLE) || strcmp(ev->source.actor.sector, "AGR") == 0;
    /* property burnt or wrecked by a crowd, or by demonstrators ("students
     * damaged university windows", "army aspirants damaged public property
     * during demonstrations"): a violent demonstration */
    if (cls == SR_AC_LOOT && is_verb(c, ev->trig_tok) && !lemma_is(c, ev->trig_tok, "loot") &&
        !lemma_is(c, ev->trig_tok, "steal") && !lemma_is(c, ev->trig_tok, "rob") && !armed(&ev->source) &&
        ((crowd && (!ev->source.has_actor || sector_is(&ev->source, SEC_PEOPLE | SEC_CROWD))) ||
         demonstrators(c, ev, lo, hi)) &&
        !(ev->trig_tok + ev->trig_n + 1 < shi &&
          (lemma_in(c, ev->trig_tok + ev->trig_n, burnt_in_protest) >= 0 ||
           lemma_in(c, ev->trig_tok + ev->trig_n + 1, burnt_in_protest) >= 0))) {
        ev->acled_type = SR_ACLED_T_RIOTS;
        ev->acled_sub = SR_ACLED_S_VIOLENT_DEMO;
        return;
    }
    if (((cls == SR_AC_CLASH || cls == SR_AC_ATTACK || cls == SR_AC_MOB) && crowd && ev->target.has_actor &&
         strcmp(ev->target.actor.sector, "COP") == 0) ||
        (cls == SR_AC_CLASH && demonstrators_clash(c, ev, slo, shi))) {
        ev->acled_type = SR_ACLED_T_RIOTS;
        ev->acled_sub = SR_ACLED_S_VIOLENT_DEMO;
        return;
    }
    /* the dead of a battle the sentence tells ("an infantry brigade
     * launched the attack and fierce fighting raged ..., leaving 220 men
     * killed") */
    static const char *const battle[] = {"fighting", "battle", "clash", "offensive", "counteroffensive",
                                         "counter-offensive", "battlefield", "front", NULL};
    if (cls == SR_AC_ATTACK && is_verb(c, ev->trig_tok) &&
        (lemma_is(c, ev->trig_tok, "kill") || lemma_is(c, ev->trig_tok, "wound")) &&
        around_has(c, ev, slo, shi, battle) && sentence_has(c, slo, shi, armed_nouns))
        cls = SR_AC_CLASH;
    switch (cls) {
    case SR_AC_CLASH:
    case SR_AC_ATTACK:
        /* armed men on the other side, or a place taken by armed men */
        if (cls == SR_AC_CLASH || armed(&ev->target) ||
            (armed(&ev->source) && is_mere_place(c, ev->target.entity)) ||
            (!ev->target.has_actor && ev->trig_tok + ev->trig_n < hi &&
             sentence_has(c, ev->trig_tok + ev->trig_n, hi < ev->trig_tok + 10 ? hi : ev->trig_tok + 10,
                          armed_nouns)) ||
            fighter_victims(c, ev, lo, hi))
            t = SR_ACLED_T_BATTLES, s = SR_ACLED_S_ARMED_CLASH;
        else
            t = SR_ACLED_T_VAC, s = SR_ACLED_S_ATTACK;
        break;
    case SR_AC_PROTEST: {
        unsigned cue = protest_cues(c, lo, after_hi > hi ? after_hi : hi);
        t = SR_ACLED_T_PROTESTS, s = SR_ACLED_S_PEACEFUL;
        if ((cue & PC_KILL && cue & PC_PEOPLE) || cue & PC_LIVE)
            s = SR_ACLED_S_EXCESSIVE;
        else if (cue & PC_VIOLENT)
            t = SR_ACLED_T_RIOTS, s = SR_ACLED_S_VIOLENT_DEMO;
        else if (cue & PC_INTERVENE)
            s = SR_ACLED_S_INTERVENTION;
        break;
    }
    case SR_AC_CAPTURE:
        if (ev->target.has_actor && !is_mere_place(c, ev->target.entity) &&
            !(ev->target.entity >= 0 && c->d->entities.v[ev->target.entity].type == SR_ENT_GPE)) {
            /* people taken, not ground: an arrest by the state, else an abduction */
            if (state_forces(&ev->source))
                t = SR_ACLED_T_STRATEGIC, s = SR_ACLED_S_ARRESTS;
            else
                t = SR_ACLED_T_VAC, s = SR_ACLED_S_ABDUCTION;
            break;
        }
        t = SR_ACLED_T_BATTLES;
        s = state_forces(&ev->source) ? SR_ACLED_S_GOV_REGAINS : SR_ACLED_S_NSA_OVERTAKES;
        break;
    default:
        if (cls > 0 && cls < SR_AC__MAX)
            t = class_type[cls][0], s = class_type[cls][1];
        break;
    }
    ev->acled_type = t;
    ev->acled_sub = s;

}

/* ---- dates and deaths ------------------------------------------------------------------------ */

static bool dated(const sr_timex *t)
{
    return t->value && t->type != SR_TX_DURATION && t->type != SR_TX_SET && t->value[0] >= '0' &&
           t->value[0] <= '9' && strlen(t->value) >= 4;
}

static void set_date_from(sr_event *ev, const char *v, bool text)
{
    size_t n = strlen(v);
    ev->date_basis = text ? SR_DATE_TEXT : SR_DATE_PUBLISHED;
    if (n >= 10 && v[4] == '-' && v[7] == '-') {
        memcpy(ev->date, v, 10);
        ev->date[10] = 0;
        ev->date_precision = SR_PREC_DAY;
    } else if (n >= 7 && v[4] == '-' && v[5] == 'W') {
        /* a week: its month, as ACLED's coarser precision */
        int y = atoi(v), w = atoi(v + 6);
        int64_t jan4 = sr_days_from_civil(y, 1, 4);
        int64_t wd = ((jan4 + 3) % 7 + 7) % 7; /* 0 = Monday */
        int64_t thu = jan4 - wd + (w - 1) * 7 + 3;
        int yy, mm, dd;
        sr_civil_from_days(thu, &yy, &mm, &dd);
        snprintf(ev->date, sizeof ev->date, "%04d-%02d", yy % 10000, mm % 100);
        ev->date_precision = SR_PREC_MONTH;
    } else if (n >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '9') {
        memcpy(ev->date, v, 7);
        ev->date[7] = 0;
        ev->date_precision = SR_PREC_MONTH;
    } else {
        memcpy(ev->date, v, 4);
        ev->date[4] = 0;
        ev->date_precision = SR_PREC_YEAR;
    }
}


/* The clause around tokens [ti, ti+tn): between the commas or semicolons
 * around it, within the sentence. */
static void clause_of(const ectx *c, uint32_t ti, uint32_t tn, uint32_t lo, uint32_t hi, uint32_t *a,
                      uint32_t *b)
{
    uint32_t x = ti;
    while (x > lo && !is(c, x - 1, ",") && !is(c, x - 1, ";"))
        x--;
    uint32_t y = ti + tn;
    while (y < hi && !is(c, y, ",") && !is(c, y, ";"))
        y++;
    *a = x;
    *b = y;
}

/* Is token i, before the trigger at ti, inside a relative clause that
 * closes before ti: "who" / "which" / "that", its verb, then i, then the
 * trigger? */
static bool in_relative(const ectx *c, uint32_t i, uint32_t ti, uint32_t lo)
{
    static const char *const rel[] = {"who", "which", "whose", "whom", NULL};
    for (uint32_t k = i; k > lo && k + 10 > i; k--) {
        if (is(c, k - 1, ",") || is(c, k - 1, ";"))
            return false;
        if (is_any(c, k - 1, rel)) {
            for (uint32_t v = k; v < i; v++)
                if (is_verb(c, v))
                    return !is_verb(c, ti) || ti > i + 1; /* the trigger is past the clause */
            return false;
        }
    }
    return false;
}

/* A time told by a clock alone: "12 pm", "7:45 p.m.", "0930". */
static bool clock_only(const sr_doc *d, const sr_timex *t)
{
    if (t->type != SR_TX_TIME)
        return false;
    for (uint32_t b = t->start; b < t->end; b++)
        if (!strchr("0123456789:. apmAPM", d->text[b]))
            return false;
    return true;
}

static void find_date(ectx *c, sr_event *ev, uint32_t ti, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    int32_t best = -1;
    uint32_t bestd = UINT32_MAX;
    uint32_t ca, cb;
    clause_of(c, ti, 1, lo, hi, &ca, &cb);
    for (uint32_t i = lo; i < hi; i++) {
        int32_t t = c->time_at[i];
        if (t < 0 || (i > lo && c->time_at[i - 1] == t) || !dated(&d->times.v[t]))
            continue;
        uint32_t e = i;
        while (e + 1 < hi && c->time_at[e + 1] == t)
            e++;
        /* "the 2019 conflicts", "Local 2015", "PRIDE 2022": a year naming
         * something dates nothing */
        if (strlen(d->times.v[t].value) == 4 &&
            ((e + 1 < hi && (is_noun(c, e + 1) || strncmp(tag(c, e + 1), "JJ", 2) == 0)) ||
             (i > lo && (d->tokens.v[i - 1].flags & SR_TF_CAP) && !is(c, i - 1, "In") &&
              !is(c, i - 1, "Since"))))
            continue;
        /* a clock time ("at around 12 pm", "at 7:45") tells the hour, not
         * the day: its day is only the publication's */
        if (clock_only(d, &d->times.v[t]))
            continue;
        uint32_t dist = i > ti ? i - ti : ti - i;
        if (i >= ca && i < cb)
            dist /= 4; /* its own clause first */
        /* a date that opens the sentence ("On 18 June 2022, ...") dates
         * what the sentence tells */
        if (i <= lo + 2 && e + 1 < hi && is(c, e + 1, ","))
            dist = dist < 3 ? dist : 3;
        /* a date in a relative clause before the trigger dates that
         * clause ("relatives of reporters who were killed ten years ago
         * demonstrated") */
        if (i < ti && in_relative(c, i, ti, lo))
            dist += 30;
        if (dist < bestd)
            bestd = dist, best = t;
    }
    if (best >= 0) {
        set_date_from(ev, d->times.v[best].value, true);
        ev->date_start = d->times.v[best].start, ev->date_end = d->times.v[best].end;
        return;
    }
    /* no date of its own: a past event in a paragraph that dated one */
    const char *tg = tag(c, ti);
    bool past = !(strcmp(tg, "VBZ") == 0 || strcmp(tg, "VBP") == 0 || strcmp(tg, "VB") == 0);
    if (past && c->last_date_time >= 0) {
        set_date_from(ev, d->times.v[c->last_date_time].value, true);
        ev->date_start = d->times.v[c->last_date_time].start;
        ev->date_end = d->times.v[c->last_date_time].end;
        return;
    }
    if (d->meta.published && strlen(d->meta.published) >= 10) {
        /* what happened long before (had captured) is no news of the day */
        bool perfect = ti > lo && (is(c, ti - 1, "had") || (ti > lo + 1 && is(c, ti - 2, "had")));
        if (!perfect)
            set_date_from(ev, d->meta.published, false);
    }
}

static void set_deaths(const sr_doc *d, sr_event *ev, int32_t n, uint32_t x, uint32_t y)
{
    ev->fat_min = ev->fat_max = n;
    ev->fat_start = d->tokens.v[x].start;
    ev->fat_end = d->tokens.v[y].end;
    ev->has_fatalities = true;
}

/* A word for a person, whatever its tag: "one civilian" (JJ). */
static bool person_word(const ectx *c, uint32_t i)
{
    char buf[64];
    size_t n = sr_lemma_of(c->d, c->m, i, buf, sizeof buf);
    return n && sr_wn_class(c->m, buf, n, 'n') == 18; /* noun.person */
}

/* One dead told without a count: "a man was killed", "killing a
 * soldier", "shot dead a farmer". */
static void one_dead(const ectx *c, sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const one[] = {"a", "an", "one", NULL};
    static const char *const dying[] = {"kill", "dead", "murder", "behead", "lynch", "die", NULL};
    for (uint32_t i = lo; i < hi; i++) {
        if (lemma_in(c, i, dying) < 0)
            continue;
        /* "no one was killed", "nobody died": none */
        uint32_t stop;
        bool definite;
        if (verb_group_modality(c, i, lo, &stop, &definite) == SR_MOD_ASSERTED && stop < i &&
            nobody_before(c, stop, lo)) {
            set_deaths(c->d, ev, 0, nobody_at(c, stop, lo), i);
            return;
        }
        /* "Both were killed", "One died on the spot" */
        uint32_t p = i;
        while (p > lo && (is_any(c, p - 1, be_forms) || tag(c, p - 1)[0] == 'R'))
            p--;
        if (p > lo && (is(c, p - 1, "both") || is(c, p - 1, "Both") ||
                       ((is(c, p - 1, "one") || is(c, p - 1, "One")) && (p - 1 == lo || !is_noun(c, p - 2))))) {
            set_deaths(c->d, ev, is(c, p - 1, "one") || is(c, p - 1, "One") ? 1 : 2, p - 1, i);
            return;
        }
        /* "the director was shot and killed": "was" says one */
        for (uint32_t k = i > lo + 4 ? i - 4 : lo; k < i; k++)
            if (is(c, k, "was")) {
                set_deaths(c->d, ev, 1, i, i);
                return;
            }
        /* the verb's object one person: "killed the mayor", "shot dead
         * his brother", "killing one and injuring the other" */
        if (is_verb(c, i) && strcmp(tag(c, i), "VBN") != 0) {
            uint32_t j = i + 1;
            if (j < hi && is(c, j, "dead"))
                j++;
            if (j < hi && is(c, j, "one") && (j + 1 >= hi || !is_noun(c, j + 1))) {
                set_deaths(c->d, ev, 1, i, j);
                return;
            }
            if (j < hi && (is(c, j, "the") || strcmp(tag(c, j), "PRP$") == 0)) {
                uint32_t k = j + 1;
                while (k < hi && k < j + 4 && (tag(c, k)[0] == 'J' || is_noun(c, k)))
                    k++;
                if (k > j + 1 && strcmp(tag(c, k - 1), "NN") == 0 && person_word(c, k - 1)) {
                    set_deaths(c->d, ev, 1, i, k - 1);
                    return;
                }
            }
        }
        for (uint32_t k = i > lo + 6 ? i - 6 : lo; k < i + 5 && k < hi; k++)
            if (is_any(c, k, one) && k + 1 < hi &&
                (is_noun(c, k + 1 + (k + 2 < hi && !is_noun(c, k + 1))) || person_word(c, k + 1))) {
                uint32_t x = k < i ? k : i, y = k < i ? i : k + 1;
                set_deaths(c->d, ev, 1, x, y < hi ? y : hi - 1);
                return;
            }
    }
}

/* What a count counts: the dead or the hurt. */
enum { CAS_DEAD, CAS_HURT };
static bool casualty_is(const char *cas, int kind)
{
    static const char *const dead[] = {"killed", "dead", "died", "fatalities", "deaths", "bodies", NULL};
    static const char *const hurt[] = {"wounded", "injured", "hurt", NULL};
    const char *const *w = kind == CAS_DEAD ? dead : hurt;
    for (int k = 0; cas && w[k]; k++)
        if (strcmp(cas, w[k]) == 0)
            return true;
    return false;
}

/* The token holding byte b (the last starting at or before it). */
static uint32_t token_at(const sr_doc *d, uint32_t b)
{
    uint32_t x = 0, y = d->tokens.n;
    while (x < y) {
        uint32_t mid = (x + y) / 2;
        if (d->tokens.v[mid].start <= b)
            x = mid + 1;
        else
            y = mid;
    }
    return x ? x - 1 : 0;
}

/* A number that names a thing: "flight 17", "aged 56", "at the age of
 * 56", "Route 9". */
static bool naming_number(const ectx *c, uint32_t t, uint32_t lo)
{
    static const char *const w[] = {"flight", "aged", "age", "model", "route", "highway", "bus",
                                    "train", "resolution", "article", "section", "chapter",
                                    "page", "room", "gate", "platform", "no", "number", NULL};
    return t > lo && (is_any(c, t - 1, w) || (t > lo + 1 && is(c, t - 1, "of") && is(c, t - 2, "age")));
}

/* The killers counted: "two gunmen killed a man", "two individuals opened
 * fire and killed": a count that is the subject of an active verb with an
 * object. */
static bool doers(const ectx *c, uint32_t first, uint32_t last, uint32_t hi, uint32_t lo)
{
    if (first > lo && is(c, first - 1, "by"))
        return true; /* the agent: "was killed by two armed individuals" */
    if (first > lo && (is_verb(c, first - 1) || strcmp(tag(c, first - 1), "IN") == 0 ||
                       strcmp(tag(c, first - 1), "TO") == 0))
        return false; /* an object: "killed 14 villagers", "attack on 3 posts" */
    bool noun_seen = false;
    for (uint32_t k = last + 1; k < hi && k < last + 6; k++) {
        const char *t = tag(c, k);
        if (t[0] == 'R')
            continue;
        if (!noun_seen && (t[0] == 'J' || t[0] == 'N' || is(c, k, "-") || strcmp(t, "VBN") == 0) &&
            !is_any(c, k, be_forms)) { /* the counted noun: "two unidentified attackers shot" */
            noun_seen = t[0] == 'N';
            continue;
        }
        if (noun_seen && t[0] == 'N')
            continue;
        if (is_any(c, k, be_forms) || !is_verb(c, k) || strcmp(t, "VBN") == 0 || strcmp(t, "VBG") == 0)
            return false;
        if (k + 2 < hi && is(c, k + 1, "and") && is_verb(c, k + 2))
            k += 2; /* "shot and killed a man" */
        const char *o = k + 1 < hi ? tag(c, k + 1) : ".";
        return o[0] == 'D' || o[0] == 'N' || strcmp(o, "CD") == 0 || strcmp(o, "PRP$") == 0;
    }
    return false;
}

/* A death toll: "the death toll rose to 40", "bringing the number of dead
 * to 40": the count is all of them. */
static bool toll_before(const ectx *c, uint32_t first, uint32_t lo)
{
    static const char *const dead[] = {"dead", "death", "fatality", "casualty", "victim", "kill", NULL};
    for (uint32_t k = first; k > lo && k + 8 > first; k--) {
        if (is(c, k - 1, ",") || is(c, k - 1, ";"))
            return false;
        if (lemma_is(c, k - 1, "toll"))
            return true;
        /* "Unknown fatalities coded as 3", "casualties put at 12" */
        if ((lemma_is(c, k - 1, "code") || lemma_is(c, k - 1, "put") || lemma_is(c, k - 1, "estimate")) &&
            k < first && (is(c, k, "as") || is(c, k, "to") || is(c, k, "at")))
            for (uint32_t j = k - 1; j > lo && j + 8 > k; j--)
                if (lemma_in(c, j - 1, dead) >= 0)
                    return true;
        if (lemma_is(c, k - 1, "number") && k < first && is(c, k, "of") && k + 1 < first &&
            lemma_in(c, k + 1, dead) >= 0)
            return true;
    }
    return false;
}

/* What the words right after a count say of it ("14 others were left
 * injured", "six died"), else the casualty word found near it. */
static const char *after_count(const ectx *c, uint32_t last, uint32_t hi, const char *cas)
{
    static const char *const words[] = {"killed", "dead", "died", "wounded", "injured", "hurt", NULL};
    static const char *const filler[] = {"left", "reportedly", "also", "later", "seriously",
                                         "critically", "severely", "slightly", NULL};
    for (uint32_t k = last + 1; k < hi && k < last + 5; k++) {
        if (is_any(c, k, be_forms) || is_any(c, k, filler))
            continue;
        for (int w = 0; words[w]; w++)
            if (is(c, k, words[w]))
                return words[w];
        break;
    }
    return cas;
}

/* Are quantities x and y joined as one list: "12 soldiers and 4
 * volunteers", "a woman, her son and three children"? */
static bool joined(const sr_doc *d, const sr_quantity *x, const sr_quantity *y)
{
    uint32_t i = x->end;
    while (i < y->start && (d->text[i] == ' ' || d->text[i] == ','))
        i++;
    if (i + 3 <= y->start && memcmp(d->text + i, "and", 3) == 0)
        i += 3;
    while (i < y->start && d->text[i] == ' ')
        i++;
    return i == y->start;
}

/* The count of the dead (or hurt) told near the trigger: counts of one
 * noun are one group (the lowest), of other nouns disjoint groups (added:
 * "a woman and three children" 4); a count listed before one that has its
 * casualty word shares it; a death toll is all; counts that name things
 * or count the killers are none.  True when one was found. */
static bool count_casualties(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi, int kind,
                             int32_t *n, uint32_t *fs, uint32_t *fe)
{
    const sr_doc *d = c->d;
    uint32_t a = d->tokens.v[lo].start, b = d->tokens.v[hi - 1].end;
    /* counts near the trigger: another act's dead are its own (no
     * trigger: a sentence adding the toll) */
    if (ev) {
        uint32_t ta = d->tokens.v[ev->trig_tok].start, tb = d->tokens.v[ev->trig_tok + ev->trig_n - 1].end;
        if (ta > a + 90)
            a = ta - 90;
        if (b > tb + 90)
            b = tb + 90;
    }
    double total = 0, units_min[8], toll = -1;
    const char *units[8];
    int nu = 0;
    bool any = false;
    /* quantities come in text order: the first at or after a by
     * bisection, then on to b */
    uint32_t q0 = 0, q1 = d->quantities.n;
    while (q0 < q1) {
        uint32_t mid = (q0 + q1) / 2;
        if (d->quantities.v[mid].start < a)
            q0 = mid + 1;
        else
            q1 = mid;
    }
    for (uint32_t q = q0; q < d->quantities.n && d->quantities.v[q].start <= b; q++) {
        const sr_quantity *x = &d->quantities.v[q];
        if (x->end > b)
            continue;
        uint32_t first = token_at(d, x->start), last = token_at(d, x->end - 1);
        bool is_toll = kind == CAS_DEAD && !x->casualty && toll_before(c, first, lo);
        const char *cas = after_count(c, last, hi, x->casualty);
        /* "leading to the death of 5 armed men" */
        bool death_of = kind == CAS_DEAD && first > lo + 1 && is(c, first - 1, "of") &&
                        (lemma_is(c, first - 2, "death") || lemma_is(c, first - 2, "killing"));
        bool counted = casualty_is(cas, kind) || is_toll || death_of;
        for (uint32_t r = q + 1; !counted && !x->casualty && r < d->quantities.n &&
                                 d->quantities.v[r].end <= b && joined(d, &d->quantities.v[r - 1], &d->quantities.v[r]);
             r++)
            counted = casualty_is(d->quantities.v[r].casualty, kind);
        if (!counted || naming_number(c, first, lo) || doers(c, first, last, hi, lo) ||
            (c->ment_at[first] >= 0 && d->mentions.v[c->ment_at[first]].type != SR_ENT_NORP))
            continue; /* a number in a name: "Barrio 18" */
        double v = !isnan(x->value) ? x->value : !isnan(x->min) ? x->min : NAN;
        if (isnan(v))
            continue;
        if (is_toll) {
            toll = v > toll ? v : toll;
        } else {
            int k;
            for (k = 0; k < nu; k++)
                if (units[k] && x->unit && strcmp(units[k], x->unit) == 0)
                    break;
            if (k < nu) { /* two counts of the same: the lowest */
                if (v < units_min[k])
                    units_min[k] = v;
            } else if (nu < 8) {
                units[nu] = x->unit;
                units_min[nu++] = v;
            }
        }
        if (!any)
            *fs = x->start;
        *fe = x->end;
        any = true;
    }
    if (!any)
        return false;
    for (int k = 0; k < nu; k++)
        total += units_min[k];
    if (toll >= 0)
        total = toll;
    *n = (int32_t)(total < 2e9 ? total : 2e9);
    return true;
}

/* The dead and hurt of the clause [lo, hi), else of the sentence [slo,
 * shi) ("As a result of the shelling, four civilians died"). */
static void find_deaths(const ectx *c, sr_event *ev, uint32_t lo, uint32_t hi, uint32_t slo, uint32_t shi)
{
    int32_t n;
    uint32_t fs = 0, fe = 0;
    /* the sentence after the trigger only: what comes before is another
     * act's ("the attacks that killed 130, and France launched air
     * strikes") */
    slo = ev->trig_tok + ev->trig_n > slo ? ev->trig_tok + ev->trig_n : slo;
    if (count_casualties(c, ev, lo, hi, CAS_DEAD, &n, &fs, &fe) ||
        (slo < shi && count_casualties(c, ev, slo, shi, CAS_DEAD, &n, &fs, &fe))) {
        ev->fat_min = ev->fat_max = n;
        ev->fat_start = fs, ev->fat_end = fe;
        ev->has_fatalities = true;
    } else
        one_dead(c, ev, lo, hi);
    if (count_casualties(c, ev, lo, hi, CAS_HURT, &n, &fs, &fe) ||
        (slo < shi && count_casualties(c, ev, slo, shi, CAS_HURT, &n, &fs, &fe))) {
        ev->inj_min = ev->inj_max = n;
        ev->inj_start = fs, ev->inj_end = fe;
        ev->has_injuries = true;
    }
}

/* ---- the stage ------------------------------------------------------------------------------- */

static bool violent_type(const sr_event *ev)
{
    return strcmp(ev->plover, "ASSAULT") == 0;
}

/* A later trigger of the same act in the sentence joins the first:
 * "attacked the village, killing five". */
static sr_event *same_act(const ectx *c, uint32_t first_event, const sr_event *ev)
{
    sr_doc *d = c->d;
    for (uint32_t k = first_event; k < d->events.n; k++) {
        sr_event *o = &d->events.v[k];
        if (o->modality != ev->modality)
            continue;
        /* one clause, or a participle after it: "shelled the town, killing
         * three" */
        bool comma = false;
        for (uint32_t t = o->trig_tok + o->trig_n; t < ev->trig_tok && !comma; t++)
            comma = is(c, t, ",") || is(c, t, ";");
        if (comma && strcmp(tag(c, ev->trig_tok), "VBG") != 0)
            continue;
        if (strcmp(o->plover, ev->plover) == 0 &&
            (!ev->source.has_actor || !o->source.has_actor ||
             strcmp(o->source.actor.code, ev->source.actor.code) == 0))
            return o;
        if (violent_type(o) && violent_type(ev) && !ev->source.has_actor)
            return o;
    }
    return NULL;
}

static int acled_rank(uint8_t sub)
{
    /* the more specific ACLED class wins when two triggers merge */
    switch (sub) {
    case SR_ACLED_S_SUICIDE: return 9;
    case SR_ACLED_S_AIR: return 8;
    case SR_ACLED_S_SHELLING: return 7;
    case SR_ACLED_S_IED: return 6;
    case SR_ACLED_S_GRENADE: return 6;
    case SR_ACLED_S_ABDUCTION: return 5;
    case SR_ACLED_S_SEXUAL: return 5;
    case SR_ACLED_S_GOV_REGAINS: case SR_ACLED_S_NSA_OVERTAKES: return 4;
    case SR_ACLED_S_ARMED_CLASH: return 3;
    case SR_ACLED_S_ATTACK: return 2;
    default: return sub ? 1 : 0;
    }
}

static void merge(sr_event *o, const sr_event *ev)
{
    if (!o->source.has_actor && ev->source.has_actor)
        o->source = ev->source;
    if (!o->target.has_actor && ev->target.has_actor)
        o->target = ev->target;
    if (o->location < 0 && ev->location >= 0) {
        o->location = ev->location, o->loc_precision = ev->loc_precision;
        o->loc_start = ev->loc_start, o->loc_end = ev->loc_end;
    }
    if (ev->has_fatalities && (!o->has_fatalities || ev->fat_min > o->fat_min)) {
        o->fat_min = ev->fat_min, o->fat_max = ev->fat_max;
        o->fat_start = ev->fat_start, o->fat_end = ev->fat_end;
        o->has_fatalities = true;
    }
    if (acled_rank(ev->acled_sub) > acled_rank(o->acled_sub)) {
        o->acled_type = ev->acled_type;
        o->acled_sub = ev->acled_sub;
        memcpy(o->cameo, ev->cameo, sizeof o->cameo);
        o->mode = ev->mode;
    }
}

static void index_tokens(ectx *c)
{
    sr_doc *d = c->d;
    uint32_t n = d->tokens.n;
    for (uint32_t i = 0; i < n; i++)
        c->ment_at[i] = c->group_at[i] = c->time_at[i] = c->quote_at[i] = -1;
    for (uint32_t k = 0; k < d->mentions.n; k++)
        for (uint32_t j = 0; j < d->mentions.v[k].tok_n; j++)
            c->ment_at[d->mentions.v[k].tok_first + j] = (int32_t)k;
    for (uint32_t k = 0; k < d->groups.n; k++)
        for (uint32_t j = 0; j < d->groups.v[k].tok_n; j++)
            c->group_at[d->groups.v[k].tok_first + j] = (int32_t)k;
    /* times and quotes are byte spans: walk tokens and spans together */
    uint32_t t = 0;
    for (uint32_t i = 0; i < n && t < d->times.n; i++) {
        while (t < d->times.n && d->times.v[t].end <= d->tokens.v[i].start)
            t++;
        if (t < d->times.n && d->times.v[t].start <= d->tokens.v[i].start &&
            d->tokens.v[i].end <= d->times.v[t].end)
            c->time_at[i] = (int32_t)t;
    }
    for (uint32_t q = 0; q < d->quotes.n; q++) {
        const sr_quote *x = &d->quotes.v[q];
        /* tokens are sorted: find the first by bisection */
        uint32_t a = 0, b = n;
        while (a < b) {
            uint32_t mid = (a + b) / 2;
            if (d->tokens.v[mid].start < x->start)
                a = mid + 1;
            else
                b = mid;
        }
        for (uint32_t i = a; i < n && d->tokens.v[i].end <= x->end; i++)
            c->quote_at[i] = (int32_t)q; /* later (inner) quotes overwrite */
    }
}

static bool is_city(const ectx *c, uint32_t e)
{
    const sr_entity *en = &c->d->entities.v[e];
    if (en->type != SR_ENT_GPE || en->place == UINT32_MAX)
        return false;
    const sr_place_rec *p = sr_geo_place(c->m, en->place);
    return p && p->feature == SR_FEATURE_CITY;
}

/* The city most talked about before each position: one walk over the
 * tokens with each city's count of mentions begun so far and its latest
 * token.  Counts and positions only grow, so the leader changes only to
 * a city that just grew. */
static sitrep_status index_cities(ectx *c)
{
    sr_doc *d = c->d;
    uint32_t n = d->tokens.n, ne = d->entities.n, nm = 0;
    for (uint32_t e = 0; e < ne; e++)
        if (is_city(c, e))
            nm += d->entities.v[e].nmentions;
    int32_t *head = sr_arena_alloc(d->arena, n * sizeof *head);
    int32_t *next = sr_arena_alloc(d->arena, (nm + 1) * sizeof *next);
    int32_t *who = sr_arena_alloc(d->arena, (nm + 1) * sizeof *who);
    uint32_t *count = sr_arena_calloc(d->arena, ne + 1, sizeof *count);
    int32_t *last = sr_arena_alloc(d->arena, (ne + 1) * sizeof *last);
    bool *city = sr_arena_calloc(d->arena, ne + 1, sizeof *city);
    if (!head || !next || !who || !count || !last || !city)
        return SITREP_ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        head[i] = -1;
    uint32_t k = 0;
    for (uint32_t e = 0; e < ne; e++) {
        last[e] = -1;
        if (!(city[e] = is_city(c, e)))
            continue;
        const sr_entity *en = &d->entities.v[e];
        for (uint32_t q = 0; q < en->nmentions; q++) {
            uint32_t f = d->mentions.v[en->mentions[q]].tok_first;
            who[k] = (int32_t)e;
            next[k] = head[f];
            head[f] = (int32_t)k++;
        }
    }
    int32_t best = -1;
#define LEADS(e) (last[e] >= 0 && (best < 0 || count[e] > count[best] || \
                                   (count[e] == count[best] && last[e] > last[best])))
    for (uint32_t i = 0; i < n; i++) {
        c->city_before[i] = best;
        for (int32_t q = head[i]; q >= 0; q = next[q]) {
            int32_t e = who[q];
            count[e]++;
            if (LEADS(e))
                best = e;
        }
        if (c->ment_at[i] >= 0 && city[entity_at(c, (int32_t)i)]) {
            int32_t e = entity_at(c, (int32_t)i);
            last[e] = (int32_t)i;
            if (LEADS(e))
                best = e;
        }
    }
#undef LEADS
    c->city_before[n] = best;
    return SITREP_OK;
}

/* For each group, the latest group before it of its sector that has a
 * country: a table from sector to the latest such group, filled as the
 * groups go by. */
static sitrep_status index_groups(ectx *c)
{
    sr_doc *d = c->d;
    uint32_t size = 16;
    while (size < 2 * d->groups.n)
        size *= 2;
    int32_t *slot = sr_arena_alloc(d->arena, size * sizeof *slot);
    if (!slot)
        return SITREP_ENOMEM;
    for (uint32_t k = 0; k < size; k++)
        slot[k] = -1;
    for (uint32_t g = 0; g < d->groups.n; g++) {
        const char *sec = d->groups.v[g].actor.sector;
        uint32_t h = sr_hash_bytes(sec, strlen(sec)) & (size - 1);
        while (slot[h] >= 0 && strcmp(d->groups.v[slot[h]].actor.sector, sec) != 0)
            h = (h + 1) & (size - 1);
        c->group_prev[g] = slot[h];
        if (d->groups.v[g].actor.country[0])
            slot[h] = (int32_t)g;
    }
    return SITREP_OK;
}

/* The latest person, organization, acting country and plural before each
 * position. */
static void index_latest(ectx *c)
{
    const sr_doc *d = c->d;
    int32_t person = -1, org = -1, country = -1, plural = -1;
    for (uint32_t i = 0;; i++) {
        c->person_before[i] = person;
        c->org_before[i] = org;
        c->country_before[i] = country;
        c->plural_before[i] = plural;
        if (i == d->tokens.n)
            break;
        if (c->group_at[i] >= 0)
            plural = (int32_t)i;
        int32_t mi = c->ment_at[i];
        if (mi < 0 || d->mentions.v[mi].src == SR_MSRC_PREFIX)
            continue;
        int32_t e = (int32_t)d->mentions.v[mi].entity;
        int t = d->entities.v[e].type;
        if (t == SR_ENT_PERSON)
            person = e;
        else if (t == SR_ENT_ORG)
            org = plural = (int32_t)i;
        else if (t == SR_ENT_NORP)
            plural = (int32_t)i;
        else if (t == SR_ENT_GPE && !is_mere_place(c, e))
            country = (int32_t)i;
    }
}

/* Words that say what the whole article is about, by class: armed men,
 * weapons, violence, protest, markets, accidents and disasters, labour.
 * Sorted (C locale) for bisection. */
static const struct cue_word {
    const char *lemma;
    char cls;
} doc_cue_words[] = {
        {"accident", 'x'}, {"airstrike", 'w'}, {"ammunition", 'w'}, {"army", 'a'}, {"artillery",
        'w'}, {"assault", 'v'}, {"attack", 'v'}, {"bank", 'm'}, {"battle", 'v'}, {"blaze", 'x'},
        {"bomb", 'w'}, {"bombing", 'v'}, {"bond", 'm'}, {"bullet", 'w'}, {"casualty", 'v'},
        {"clash", 'v'}, {"collision", 'x'}, {"commando", 'a'}, {"company", 'm'}, {"crash", 'x'},
        {"currency", 'm'}, {"cyclone", 'x'}, {"dead", 'v'}, {"demonstration", 'p'},
        {"demonstrator", 'p'}, {"derail", 'x'}, {"die", 'v'}, {"dividend", 'm'}, {"dlr", 'm'},
        {"dlrs", 'm'}, {"dollar", 'm'}, {"dynamite", 'w'}, {"earnings", 'm'}, {"earthquake", 'x'},
        {"employer", 'l'}, {"explosive", 'w'}, {"extremist", 'a'}, {"factory", 'x'}, {"fight",
        'v'}, {"fighter", 'a'}, {"flood", 'x'}, {"force", 'a'}, {"futures", 'm'}, {"grenade", 'w'},
        {"guerilla", 'a'}, {"guerrilla", 'a'}, {"gun", 'w'}, {"gunboat", 'a'}, {"gunman", 'a'},
        {"hostage", 'v'}, {"hurricane", 'x'}, {"injure", 'v'}, {"insurgent", 'a'}, {"investor",
        'm'}, {"jihadist", 'a'}, {"kidnap", 'v'}, {"kill", 'v'}, {"landmine", 'w'}, {"march", 'p'},
        {"market", 'm'}, {"massacre", 'v'}, {"militant", 'a'}, {"military", 'a'}, {"militia", 'a'},
        {"miner", 'x'}, {"missile", 'w'}, {"mortar", 'w'}, {"navy", 'a'},
        {"offensive", 'v'}, {"pct", 'm'}, {"picket", 'p'}, {"plant", 'x'}, {"police", 'a'},
        {"policeman", 'a'}, {"price", 'm'}, {"profit", 'm'}, {"protest", 'p'}, {"protester", 'p'},
        {"protestor", 'p'}, {"quake", 'x'}, {"raid", 'v'}, {"rally", 'p'}, {"rebel", 'a'},
        {"refinery", 'x'}, {"rescue", 'x'}, {"revenue", 'm'}, {"rifle", 'w'}, {"riot", 'p'},
        {"rocket", 'w'}, {"separatist", 'a'}, {"share", 'm'}, {"shell", 'w'}, {"shoot", 'v'},
        {"sink", 'x'}, {"soldier", 'a'}, {"stock", 'm'}, {"stoppage", 'l'}, {"storm", 'x'},
        {"strike", 'l'}, {"striker", 'l'}, {"terrorist", 'a'}, {"tonne", 'm'}, {"trade", 'm'},
        {"trap", 'x'}, {"troop", 'a'}, {"typhoon", 'x'}, {"union", 'l'}, {"violence", 'v'},
        {"wage", 'l'}, {"walkout", 'l'}, {"war", 'v'}, {"warplane", 'w'}, {"warship", 'a'},
        {"weapon", 'w'}, {"worker", 'l'}, {"wound", 'v'},
};
static const char doc_cue_classes[DOC_CUES + 1] = "awvpmxl";
/* Per first byte: the words of doc_cue_words that start with it,
 * [cue_lo, cue_hi). */
static uint8_t cue_lo[256], cue_hi[256];
__attribute__((constructor)) static void init_cue_ranges(void)
{
    size_t n = sizeof doc_cue_words / sizeof *doc_cue_words;
    _Static_assert(sizeof doc_cue_words / sizeof *doc_cue_words < 256, "cue ranges are bytes");
    for (size_t k = n; k-- > 0;) {
        unsigned char f = (unsigned char)doc_cue_words[k].lemma[0];
        if (!cue_hi[f])
            cue_hi[f] = (uint8_t)(k + 1);
        cue_lo[f] = (uint8_t)k;
    }
}

/* The class of doc_cue_words token i's lemma is of (an index into
 * doc_cue_classes), or -1. */
static int cue_class(const ectx *c, uint32_t i)
{
    size_t n;
    const char *s = sr_lemma_view(c->d, i, &n);
    if (n > 31) /* as cut into 32 bytes */
        n = 31;
    if (!n)
        return -1;
    /* the binary search, among the words of the first letter, compares
     * the lower case in place */
    unsigned char f = (unsigned char)s[0];
    f = (unsigned char)(f >= 'A' && f <= 'Z' ? f + 32 : f);
    size_t a = cue_lo[f], b = cue_hi[f];
    while (a < b) {
        size_t mid = (a + b) / 2;
        const char *l = doc_cue_words[mid].lemma;
        int cmp = 0;
        for (size_t j = 0;; j++) {
            unsigned char x = j < n ? (unsigned char)s[j] : 0, y = (unsigned char)l[j];
            x = (unsigned char)(x >= 'A' && x <= 'Z' ? x + 32 : x);
            if (x != y || !x) {
                cmp = (int)x - (int)y;
                break;
            }
        }
        if (!cmp)
            return (int)(strchr(doc_cue_classes, doc_cue_words[mid].cls) - doc_cue_classes);
        if (cmp < 0)
            b = mid;
        else
            a = mid + 1;
    }
    return -1;
}

/* How much of the article is about violence, protest, markets ...: the
 * words of each class of doc_cue_words, counted in one pass. */
static void index_cues(ectx *c)
{
    const sr_doc *d = c->d;
    memset(c->cue, 0, sizeof c->cue);
    memset(c->means, 0, sizeof c->means);
    c->words = 0;
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        if (d->tokens.v[i].kind != SR_TOK_WORD)
            continue;
        c->words++;
        if (!is_noun(c, i) && !is_verb(c, i) && strncmp(tag(c, i), "JJ", 2) != 0)
            continue;
        int q = cue_class(c, i);
        if (q >= 0 && c->cue[q] < UINT16_MAX)
            c->cue[q]++;
        if ((is_noun(c, i) || is_verb(c, i)) && !in_name(c, i)) {
            int m = lemma_in(c, i, air_means) >= 0     ? 0
                    : lemma_in(c, i, shell_means) >= 0 ? 1
                    : lemma_in(c, i, direct_means) >= 0 ? 2
                                                        : -1;
            if (m >= 0 && c->means[m] < UINT16_MAX)
                c->means[m]++;
        }
    }
}

static sitrep_status index_doc(ectx *c)
{
    sr_doc *d = c->d;
    uint32_t n = d->tokens.n;
    c->ment_at = sr_arena_alloc(d->arena, n * sizeof *c->ment_at);
    c->group_at = sr_arena_alloc(d->arena, n * sizeof *c->group_at);
    c->time_at = sr_arena_alloc(d->arena, n * sizeof *c->time_at);
    c->quote_at = sr_arena_alloc(d->arena, n * sizeof *c->quote_at);
    c->city_before = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->city_before);
    c->person_before = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->person_before);
    c->org_before = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->org_before);
    c->country_before = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->country_before);
    c->plural_before = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->plural_before);
    c->group_prev = sr_arena_alloc(d->arena, (d->groups.n + 1) * sizeof *c->group_prev);
    if (!c->ment_at || !c->group_at || !c->time_at || !c->quote_at || !c->city_before ||
        !c->person_before || !c->org_before || !c->country_before || !c->plural_before ||
        !c->group_prev)
        return SITREP_ENOMEM;
    index_tokens(c);
    index_latest(c);
    index_cues(c);
    sitrep_status st = index_cities(c);
    return st == SITREP_OK ? index_groups(c) : st;
}

static bool para_break(const sr_doc *d, uint32_t i)
{
    return i > 0 && memchr(d->text + d->tokens.v[i - 1].end, '\n',
                           d->tokens.v[i].start - d->tokens.v[i - 1].end) != NULL;
}

/* Verbs whose object noun is the event: "launched air strikes". */
static bool support_verb(const ectx *c, uint32_t v)
{
    static const char *const w[] = {"launch", "carry", "conduct", "stage", "mount", "begin",
                                    "start", "continue", "intensify", "escalate", "wage", "order",
                                    "unleash", "resume", "lead", "hold", "organize", "organise",
                                    "step", "announce", "claim", "commit", "perpetrate", "make",
                                    "take", "join", "call", "end", "halt", "sign", "reach", "give", "grant",
                                    "impose", "declare", "issue", "deliver", "send", "open",
                                    "tighten", "extend", "renew", "offer", "voice", "express", NULL};
    return lemma_in(c, v, w) >= 0;
}

/* Killers that are no actors, anywhere in the sentence: "Floods killed 40
 * people", "40 people died in a landslide", "a quake hit Japan, killing
 * two people". */
static bool natural_cause(const ectx *c, uint32_t ca, uint32_t ti, uint32_t after, uint32_t cb)
{
    static const char *const w[] = {"flood", "flooding", "earthquake", "quake", "storm",
                                    "landslide", "mudslide", "accident", "crash", "collision",
                                    "cyclone", "hurricane", "typhoon", "tornado", "avalanche",
                                    "drought", "heatwave", "lightning", "disease", "virus",
                                    "epidemic", "outbreak", "covid-19", "cholera", "famine",
                                    "wildfire", "blaze", "tsunami", "eruption", "rain", "snow",
                                    "derailment", "capsize", "shipwreck", "drowning", NULL};
    return sentence_has(c, ca, ti, w) || sentence_has(c, after, cb, w);
}

/* A noun for people in the clause (WordNet's noun.person, or a crowd):
 * violence is done by or to someone. */
static bool person_noun(const ectx *c, uint32_t a, uint32_t b)
{
    static const char *const crowds[] = {"mob", "gang", "crowd", "militia", "group", "people",
                                         "person", "union", "community", "public", NULL};
    for (uint32_t i = a; i < b; i++) {
        if (!is_noun(c, i))
            continue;
        char buf[64];
        size_t n = sr_lemma_of(c->d, c->m, i, buf, sizeof buf);
        if (sr_wn_class(c->m, buf, n, 'n') == 18 /* noun.person */ || lemma_in(c, i, crowds) >= 0)
            return true;
    }
    return false;
}


/* Is this a conflict event ACLED would code, or the same words in other
 * news ("the industry hit a problem", "profit fell to 150 mln", a trade
 * agreement, "engaged in gas gathering")?  Violence wants an armed man,
 * a victim, a place attacked, or words of harm; a capture wants a place,
 * people or an armed taker; an agreement armed parties or a truce;
 * destruction someone who did it. */
static bool conflict_context(const ectx *c, const sr_event *ev, int cls, uint32_t ca, uint32_t cb,
                             uint32_t lo, uint32_t hi)
{
    static const char *const harm[] = {"kill", "dead", "die", "wound", "injure", "shoot", "gun",
                                       "gunman", "bullet", "weapon", "bomb", "explosive", "rifle",
                                       "machete", "knife", "stab", "casualty", "fatality", "body",
                                       "soldier", "troop", "militant", "rebel", "fighter", "police",
                                       "army", "military", "artillery", "mortar", "rocket",
                                       "missile", "airstrike", "drone", "grenade", "victim",
                                       "civilian", "hostage", NULL};
    static const char *const truce[] = {"ceasefire", "cease-fire", "truce", "peace", "armistice",
                                        "rebel", "militia", "insurgent", "militant", NULL};
    static const char *const fights[] = {"clash", "skirmish", "gunfight", "firefight", "shootout",
                                         "shoot-out", "exchange", "gunfire", "crossfire", NULL};
    static const char *const other_senses[] = {"rally", "gather", "assemble", "march", "block",
                                               "demonstration", "unrest", "picket", NULL};
    bool place_target = ev->target.entity >= 0 && is_mere_place(c, ev->target.entity);
    switch (cls) {
    case SR_AC_CLASH:
        if (lemma_in(c, ev->trig_tok, fights) >= 0)
            return true; /* a clash is a clash */
        /* "engaged in gas gathering", "fight inflation": as attacks */
        __attribute__((fallthrough));
    case SR_AC_ATTACK:
    case SR_AC_MOB:
        return armed(&ev->source) || armed(&ev->target) || people(c, &ev->target) ||
               people(c, &ev->source) || (place_target && ev->source.has_actor) ||
               sentence_has(c, ca, cb, harm) || person_around(c, ev->trig_tok, ev->trig_n, ca, cb) ||
               (sentence_has(c, lo, hi, harm) && person_noun(c, lo, hi));
    case SR_AC_CAPTURE:
        return place_target || armed(&ev->source) || people(c, &ev->target) ||
               (ev->target.has_actor && !strcmp(ev->target.actor.sector, "MIL")) ||
               sentence_has(c, lo, hi, harm) ||
               (ev->reported_by >= 0 && c->d->entities.v[ev->reported_by].type == SR_ENT_PERSON &&
                c->d->entities.v[ev->reported_by].title); /* "We took the airport," said Colonel X */
    case SR_AC_AGREE:
        return armed(&ev->source) || armed(&ev->target) || sentence_has(c, lo, hi, truce);
    case SR_AC_LOOT:
        return ev->source.has_actor || ev->source.entity >= 0 || person_noun(c, lo, hi) ||
               sentence_has(c, lo, hi, harm);
    case SR_AC_PROTEST:
    case SR_AC_RIOT:
        /* people protest: "sterling rallied", "a rally in soybean prices",
         * "trucks assembled at Fort Wayne" are no protests (words of other
         * common senses need people around them) */
        return lemma_in(c, ev->trig_tok, other_senses) < 0 || people(c, &ev->source) ||
               ev->source.has_actor || ev->source.entity >= 0 || person_noun(c, lo, hi);
    default:
        return true;
    }
}

/* Words whose sense the context decides: "fired" at something (not "fired
 * the manager"), "gathered" (not "gathered evidence"). */
static bool context_fits(const ectx *c, const sr_lex_rec *r, uint32_t i, uint32_t tn, uint32_t hi)
{
    static const char *const fire_ctx[] = {"at", "on", "upon", "toward", "towards", "into", "in",
                                           "shots", "rounds", "bullets", "artillery", "mortars",
                                           "mortar", "missiles", "missile", "rockets", "rocket",
                                           "shells", "shell", "weapons", "guns", "back", "from",
                                           "grenades", "warning", "tear", NULL};
    if (tn == 1 && lemma_is(c, i, "fire") && strcmp(r->code, "193") == 0) {
        for (uint32_t k = i + 1; k < hi && k < i + 7; k++)
            if (is_any(c, k, fire_ctx))
                return true;
        return false;
    }
    if (tn == 1 && lemma_is(c, i, "demonstrate") && i + 1 < hi) {
        /* "demonstrates compliance": to show, not to protest */
        const char *t = tag(c, i + 1);
        bool cap = (c->d->tokens.v[i + 1].flags & SR_TF_CAP) != 0;
        return !((t[0] == 'D' && !cap) || (t[0] == 'N' && !cap) || strcmp(t, "PRP$") == 0 ||
                 is(c, i + 1, "that") || is(c, i + 1, "how"));
    }
    if (tn == 1 && (lemma_is(c, i, "gather") || lemma_is(c, i, "assemble") || lemma_is(c, i, "converge"))) {
        /* "delegates gathered for the opening meeting", "experts
         * gathering ahead of a meeting": a meeting, no protest */
        static const char *const meeting[] = {"meeting", "conference", "talk", "session", "congress",
                                              "summit", "seminar", "forum", "symposium", "negotiation",
                                              NULL};
        const char *t = i + 1 < hi ? tag(c, i + 1) : ".";
        bool purpose = i + 1 < hi && (is(c, i + 1, "for") || (is(c, i + 1, "ahead") && is(c, i + 2, "of")));
        return !(t[0] == 'D' || t[0] == 'N' || t[0] == 'J' || strcmp(t, "PRP$") == 0) &&
               !(purpose && sentence_has(c, i + 1, hi < i + 10 ? hi : i + 10, meeting));
    }
    return true;
}

/* "dozens of captured soldiers", "the seized weapons": a participle used as
 * an adjective tells no event. */
static bool attributive(const ectx *c, uint32_t i, uint32_t lo, uint32_t hi)
{
    const char *t = tag(c, i);
    if (strcmp(t, "VBN") != 0 && strcmp(t, "VBG") != 0)
        return false;
    if (i == lo || i + 1 >= hi)
        return false;
    const char *p = tag(c, i - 1), *n = tag(c, i + 1);
    bool before = p[0] == 'D' || strcmp(p, "IN") == 0 || strcmp(p, "CD") == 0 ||
                  strcmp(p, "PRP$") == 0 || strcmp(p, "POS") == 0;
    bool after = (n[0] == 'N' || n[0] == 'J') && !is(c, i + 1, "in");
    return before && after && !is(c, i - 1, "to") && !is(c, i - 1, "by") && !is(c, i - 1, "that");
}

/* The event entry that token i starts, when the words around it use it
 * in that sense; its length in tokens. */
static const sr_lex_rec *trigger_here(const ectx *c, uint32_t i, uint32_t lo, uint32_t hi,
                                      uint32_t *tn)
{
    const sr_doc *d = c->d;
    if (c->ment_at[i] >= 0 && d->mentions.v[c->ment_at[i]].type != SR_ENT_NORP)
        return NULL; /* "Democratic Forces", "Protest Movement": names */
    bool adj = strncmp(tag(c, i), "JJ", 2) == 0; /* "martial law", "joint exercise" */
    if (i > lo && (d->tokens.v[i].flags & SR_TF_CAP) && !(d->tokens.v[i].flags & SR_TF_ALLCAPS) &&
        d->tokens.v[i - 1].kind == SR_TOK_WORD)
        return NULL; /* a capital inside a sentence: a name or a month ("a March increase") */
    if ((!is_verb(c, i) && !is_noun(c, i) && !adj) || c->time_at[i] >= 0)
        return NULL; /* "18 March 2022" is no march */
    *tn = 0;
    const sr_lex_rec *r = trigger_at(c, i, hi, tn);
    if (!r || (adj && *tn < 2))
        return NULL;
    bool verbal = is_verb(c, i);
    if (verbal && attributive(c, i, lo, hi))
        return NULL;
    if (verbal && i > lo && is(c, i - 1, "as") && strcmp(tag(c, i), "VBN") == 0)
        return NULL; /* "as agreed", "as planned" */
    if (strcmp(r->plover, "REJECT") == 0 && is(c, i + *tn, "to"))
        return NULL; /* "refused to release": the release, refused */
    if (verbal && !context_fits(c, r, i, *tn, hi))
        return NULL;
    return r;
}

static void event_init(const ectx *c, const sr_lex_rec *r, uint32_t i, uint32_t tn, sr_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->source.entity = ev->target.entity = -1;
    ev->location = -1;
    ev->reported_by = -1;
    ev->trig_tok = i;
    ev->trig_n = tn;
    if (c->quote_at[i] >= 0)
        ev->reported_by = c->d->quotes.v[c->quote_at[i]].speaker;
    memcpy(ev->cameo, r->code, sizeof ev->cameo - 1);
    ev->plover = r->plover;
    ev->mode = r->mode[0] ? r->mode : NULL;
}

/* The agent after "by" within a few words: "was seized by the rebels". */
static void by_agent(const ectx *c, uint32_t after, uint32_t hi, sr_event_arg *out)
{
    for (uint32_t k = after; k < hi && k < after + 6; k++)
        if (is(c, k, "by")) {
            find_target_right(c, k + 1, hi, out, false);
            return;
        }
}

/* ---- arguments from the parse ------------------------------------------------------------ */

/* The case word ("by", "on", "of") of a nominal k of the sentence [lo, hi),
 * or UINT32_MAX. */
static uint32_t case_of(const ectx *c, uint32_t k, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    for (uint32_t j = k > lo + 4 ? k - 4 : lo; j < k && j < hi; j++)
        if (d->heads[j] == k && d->deprels[j] == SR_DEP_CASE)
            return j;
    return UINT32_MAX;
}

/* The actor a nominal of the parse stands for: the actor item on its head
 * word; a pronoun or definite description resolved ("they", "the
 * group"); else what it is of or whose it is ("the militants' remaining
 * positions", "positions of the rebels"), an apposition, a first conjunct.
 * Mere places count when `places`, and then last. */
static bool actor_of_head(const ectx *c, uint32_t h, uint32_t lo, uint32_t hi, bool places,
                          sr_event_arg *out, int depth)
{
    const sr_doc *d = c->d;
    actor_ref a;
    if (h == UINT32_MAX || h < lo || h >= hi)
        return false;
    if (actor_at(c, h, &a)) {
        if (a.group < 0 && is_mere_place(c, a.entity) && !places)
            return depth == 0 && d->deprels[h] == SR_DEP_NSUBJ && capital_government(c, &a, out);
        actor_ref holder;
        if (a.group < 0 && places && place_holder(c, a.entity, &holder))
            a = holder; /* the assault on Raqqa, Islamic State's stronghold */
        fill_arg(c, &a, out);
        return true;
    }
    if (is_pronoun_ref(c, h) || is(c, h, "him"))
        return resolve_ref(c, h, out, places);
    if (h > lo && is(c, h - 1, "the") && is_noun(c, h) && resolve_ref(c, h - 1, out, places))
        return true;
    if (depth >= 2)
        return false;
    /* the dependents of the head, whose or of what it is first */
    /* not an adjective: "the first big Syrian city" is no Syria */
    static const sr_dep order[] = {SR_DEP_NMOD_POSS, SR_DEP_COMPOUND, SR_DEP_NMOD, SR_DEP_APPOS,
                                   SR_DEP_CONJ};
    uint32_t a0 = h > lo + 12 ? h - 12 : lo, b0 = h + 12 < hi ? h + 12 : hi;
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (uint32_t k = a0; k < b0; k++) {
            if (d->heads[k] != h || d->deprels[k] != order[o])
                continue;
            if (order[o] == SR_DEP_NMOD) { /* of a thing or people, not in a place */
                uint32_t cs = case_of(c, k, lo, hi);
                if (cs == UINT32_MAX || !(is(c, cs, "of") || is(c, cs, "'s")))
                    continue;
            }
            sr_event_arg t = *out;
            if (actor_of_head(c, k, lo, hi, false, &t, depth + 1)) {
                *out = t;
                return true;
            }
        }
    return false;
}

/* The first oblique of v whose case word is one of `cases` ("fired on",
 * "clashed with"), or UINT32_MAX. */
static uint32_t oblique(const ectx *c, uint32_t v, uint32_t lo, uint32_t hi, const char *const *cases)
{
    const sr_doc *d = c->d;
    for (uint32_t k = v + 1; k < hi && k < v + 12; k++)
        if (d->heads[k] == v && (d->deprels[k] == SR_DEP_OBL || d->deprels[k] == SR_DEP_NMOD)) {
            uint32_t cs = case_of(c, k, lo, hi);
            if (cs != UINT32_MAX && is_any(c, cs, cases))
                return k;
        }
    return UINT32_MAX;
}

static const char *const target_cases[] = {"on", "against", "at", "upon", "with", "to", NULL};

/* Is the nominal t the source's own: a possessive pronoun or possessor
 * on it that stands for the source ("its troops", "the army's
 * positions" when the army acts)? */
static bool owned_by_source(const ectx *c, uint32_t t, uint32_t lo, uint32_t hi, const sr_event_arg *src)
{
    const sr_doc *d = c->d;
    for (uint32_t k = t > lo + 4 ? t - 4 : lo; k < t && k < hi; k++) {
        if (d->heads[k] != t || d->deprels[k] != SR_DEP_NMOD_POSS)
            continue;
        sr_event_arg o = {.entity = -1};
        if (!actor_of_head(c, k, lo, hi, false, &o, 1))
            return false;
        return (o.entity >= 0 && o.entity == src->entity) || (o.start == src->start && o.end == src->end) ||
               (o.has_actor && src->has_actor && strcmp(o.actor.code, src->actor.code) == 0);
    }
    return false;
}

/* When the object names no one: whom the act goes to ("provided aid to
 * Macedonia", "granted asylum to 18 Rwandan rebels"), else the one the
 * verb it controls acts on ("threatened to break relations with Russia",
 * "refused to meet Jordan's King").  2 when found. */
static int further_target(const ectx *c, sr_event *ev, uint32_t v, uint32_t obj, bool places, uint32_t lo,
                          uint32_t hi)
{
    static const char *const to_for[] = {"to", "for", NULL};
    const sr_doc *d = c->d;
    uint32_t last = v + ev->trig_n - 1;
    uint32_t t = oblique(c, last, lo, hi, to_for);
    if (t == UINT32_MAX && obj != UINT32_MAX)
        t = oblique(c, obj, lo, hi, to_for); /* "aid to Mozambique" */
    for (uint32_t k = last + 1; t == UINT32_MAX && k < hi && k < last + 8; k++)
        if (d->heads[k] == last && is_verb(c, k) &&
            (d->deprels[k] == SR_DEP_XCOMP || (d->deprels[k] == SR_DEP_ADVCL && is(c, k - 1, "to")))) {
            t = sr_parse_object(d, k);
            sr_event_arg x = ev->target;
            if (t != UINT32_MAX && actor_of_head(c, t, lo, hi, places, &x, 0)) {
                ev->target = x;
                return 2;
            }
            t = oblique(c, k, lo, hi, target_cases);
            if (t == UINT32_MAX && sr_parse_object(d, k) != UINT32_MAX)
                t = oblique(c, sr_parse_object(d, k), lo, hi, target_cases);
        }
    sr_event_arg x = ev->target;
    if (t != UINT32_MAX && actor_of_head(c, t, lo, hi, places, &x, 0) &&
        !(x.start == ev->source.start && x.end == ev->source.end)) {
        ev->target = x;
        return 2;
    }
    return 0;
}

/* Source and target of a verb trigger from the parse; which were found
 * (1 source, 2 target). */
static int parse_verb_args(const ectx *c, sr_event *ev, bool places, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    uint32_t v = ev->trig_tok;
    int got = 0;
    uint32_t s, t;
    if (sr_parse_is_passive(d, v)) {
        s = sr_parse_agent(d, v);
        t = sr_parse_subject(d, v);
    } else {
        s = sr_parse_subject(d, v);
        t = sr_parse_object(d, v);
        if (t == UINT32_MAX)
            t = oblique(c, v + ev->trig_n - 1, lo, hi, target_cases);
        if (t == UINT32_MAX && ev->trig_n > 1)
            t = oblique(c, v, lo, hi, target_cases);
    }
    sr_event_arg a = ev->source, b = ev->target;
    if (actor_of_head(c, s, lo, hi, false, &a, 0))
        ev->source = a, got |= 1;
    /* "offered its troops to Lebanon", "withdraw its troops from
     * Lebanon": an object the source owns is no target; the one it goes
     * to or from is */
    static const char *const to_from[] = {"to", "from", NULL};
    if (t != UINT32_MAX && (ev->source.entity >= 0 || ev->source.has_actor) &&
        owned_by_source(c, t, lo, hi, &ev->source)) {
        uint32_t o = oblique(c, v + ev->trig_n - 1, lo, hi, to_from);
        if (o == UINT32_MAX)
            o = oblique(c, t, lo, hi, to_from);
        if (o == UINT32_MAX) {
            /* the parse found none: "to" or "from" soon after the object */
            ev->target = (sr_event_arg){.entity = -1};
            for (uint32_t k = t + 1; k < hi && k < t + 4; k++)
                if (is_any(c, k, to_from)) {
                    find_target_right(c, k + 1, hi, &ev->target, places);
                    break;
                }
        }
        t = o;
    }
    if (actor_of_head(c, t, lo, hi, places, &b, 0) &&
        !(b.start == ev->source.start && b.end == ev->source.end)) /* no one acts on himself */
        ev->target = b, got |= 2;
    if (!(got & 2) && !sr_parse_is_passive(d, v))
        got |= further_target(c, ev, v, t, places, lo, hi);
    return got;
}

/* Source and target of a noun trigger from the parse: "X's attack on Y",
 * "the capture of Mosul by IS", "air strikes by the coalition", "the SDF
 * offensive", the subject of a support verb ("France launched air
 * strikes"). */
static int parse_noun_args(const ectx *c, sr_event *ev, bool places, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    uint32_t n = ev->trig_tok + ev->trig_n - 1; /* the head of "air strikes" */
    int got = 0;
    uint32_t a0 = n > lo + 12 ? n - 12 : lo, b0 = n + 12 < hi ? n + 12 : hi;
    for (uint32_t k = a0; k < b0; k++) {
        if (d->heads[k] != n || (k >= ev->trig_tok && k <= n))
            continue;
        sr_dep r = d->deprels[k];
        sr_event_arg x = {.entity = -1};
        if (r == SR_DEP_NMOD_POSS || (r == SR_DEP_COMPOUND && k < ev->trig_tok)) {
            if (!(got & 1) && actor_of_head(c, k, lo, hi, false, &x, 1))
                ev->source = x, got |= 1;
        } else if (r == SR_DEP_NMOD || r == SR_DEP_ACL) {
            uint32_t cs = case_of(c, k, lo, hi);
            if (cs == UINT32_MAX)
                continue;
            if (is(c, cs, "by")) {
                if (actor_of_head(c, k, lo, hi, false, &x, 1))
                    ev->source = x, got |= 1;
            } else if (!(got & 2) && (is(c, cs, "of") || is(c, cs, "on") || is(c, cs, "against") ||
                                      is(c, cs, "at") || is(c, cs, "upon"))) {
                if (actor_of_head(c, k, lo, hi, places, &x, 1))
                    ev->target = x, got |= 2;
            }
        }
    }
    /* the object of a support verb: its subject acts */
    if (!(got & 1) && d->deprels[n] == SR_DEP_OBJ && d->heads[n] != SR_NO_HEAD &&
        support_verb(c, d->heads[n])) {
        sr_event_arg x = {.entity = -1};
        if (actor_of_head(c, sr_parse_subject(d, d->heads[n]), lo, hi, false, &x, 0))
            ev->source = x, got |= 1;
    }
    return got;
}

/* "offered its troops to Lebanon", "withdraw its troops from Lebanon",
 * without the parse: a target right after a possessive pronoun that
 * stands for the source is the source's own; the one after "to" or
 * "from" a few words on is the target, else none. */
static void own_object(const ectx *c, sr_event *ev, uint32_t hi, bool places)
{
    const sr_doc *d = c->d;
    if ((!ev->target.has_actor && ev->target.entity < 0) ||
        (!ev->source.has_actor && ev->source.entity < 0))
        return;
    uint32_t t = token_at(d, ev->target.start);
    if (t == 0 || t >= d->tokens.n || !(is(c, t - 1, "its") || is(c, t - 1, "their") || is(c, t - 1, "his") ||
                                       is(c, t - 1, "her")))
        return;
    sr_event_arg o = {.entity = -1};
    if (!resolve_ref(c, t - 1, &o, false) ||
        !((o.entity >= 0 && o.entity == ev->source.entity) ||
          (o.has_actor && ev->source.has_actor && strcmp(o.actor.code, ev->source.actor.code) == 0)))
        return;
    uint32_t e = token_at(d, ev->target.end - 1);
    ev->target = (sr_event_arg){.entity = -1};
    for (uint32_t k = e + 1; k < hi && k < e + 4; k++)
        if (is(c, k, "to") || is(c, k, "from")) {
            find_target_right(c, k + 1, hi, &ev->target, places);
            break;
        }
}

/* Who did it and to whom, for a verb. */
static void verb_args(const ectx *c, sr_event *ev, const sr_lex_rec *r, uint32_t lo, uint32_t hi)
{
    uint32_t i = ev->trig_tok, after = i + ev->trig_n;
    actor_ref before;
    bool has_before = i > lo && actor_at(c, i - 1, &before);
    const char *vt = tag(c, i);
    bool vbn = strcmp(vt, "VBN") == 0, participle = vbn || strcmp(vt, "VBG") == 0;
    bool pass = passive(c, i, lo);
    /* what is attacked or taken may be a place */
    bool places = r->acled == SR_AC_CAPTURE || r->acled == SR_AC_AIR || r->acled == SR_AC_SHELL ||
                  r->acled == SR_AC_ATTACK || r->acled == SR_AC_CLASH || r->acled == SR_AC_LOOT;
    if (vbn && has_before && !pass &&
        (after >= hi || !(is_noun(c, after) || tag(c, after)[0] == 'D' || c->ment_at[after] >= 0))) {
        /* "Yazidi women captured in Iraq": a passive after its noun */
        fill_arg(c, &before, &ev->target);
        by_agent(c, after, hi, &ev->source);
    } else if (participle && has_before && !pass) {
        /* "the coalition backing the militias": the noun before acts */
        fill_arg(c, &before, &ev->source);
        find_target_right(c, after, hi, &ev->target, places);
    } else if (pass) {
        /* "was seized by the rebels", "the army supported by Russia" */
        if (has_before && vbn)
            fill_arg(c, &before, &ev->target);
        by_agent(c, after, hi, &ev->source);
        if (!ev->target.has_actor && ev->target.entity < 0)
            find_source_left(c, i, lo, &ev->target, true);
    } else {
        find_source_left(c, i, lo, &ev->source, r->inverse);
        find_target_right(c, after, hi, &ev->target, places);
        own_object(c, ev, hi, places);
    }
    if (sr_parsed(c->d, i)) /* the parse, where there is one, knows better */
        parse_verb_args(c, ev, places, lo, hi);
}

/* Who did it, for a noun: "its capture", "the SDF offensive", "US-led air
 * strikes", "Syria's offensive", else the subject of its support verb
 * ("France launched air strikes"). */
static void noun_source(const ectx *c, sr_event *ev, uint32_t lo)
{
    const sr_doc *d = c->d;
    uint32_t k = ev->trig_tok;
    while (k > lo && (strncmp(tag(c, k - 1), "JJ", 2) == 0 || is_noun(c, k - 1)) &&
           c->ment_at[k - 1] < 0 && c->group_at[k - 1] < 0)
        k--;
    actor_ref a;
    int32_t pm = k > lo ? c->ment_at[k - 1] : -1;
    /* "they would boycott", "decided to boycott": a word read as a noun
     * right after a modal, or after "to" after a verb, is the verb */
    if (k == ev->trig_tok && k > lo &&
        (strcmp(tag(c, k - 1), "MD") == 0 || (is(c, k - 1, "to") && k - 1 > lo && is_verb(c, k - 2)))) {
        find_source_left(c, k, lo, &ev->source, false);
        return;
    }
    if (k > lo && (is(c, k - 1, "its") || is(c, k - 1, "their") || is(c, k - 1, "his") ||
                   is(c, k - 1, "her")))
        resolve_ref(c, k - 1, &ev->source, false);
    else if (k > lo && actor_at(c, k - 1, &a))
        fill_arg(c, &a, &ev->source);
    else if (pm >= 0 && d->mentions.v[pm].src == SR_MSRC_PREFIX) {
        const sr_mention *mn = &d->mentions.v[pm];
        a = (actor_ref){mn->tok_first, mn->tok_n, (int32_t)mn->entity, -1};
        fill_arg(c, &a, &ev->source);
    } else if (k > lo + 1 && is(c, k - 1, "'s") && actor_at(c, k - 2, &a))
        fill_arg(c, &a, &ev->source);
    else {
        uint32_t v = k;
        while (v > lo && !is_verb(c, v - 1) && k - v < 4)
            v--;
        if (v > lo && is_verb(c, v - 1) && support_verb(c, v - 1))
            find_source_left(c, v - 1, lo, &ev->source, false);
    }
}

/* Does a noun phrase start at token i ("war-torn Mozambique", "the
 * rebels"), not a verb ("to disperse the crowd")? */
static bool noun_phrase_at(const ectx *c, uint32_t i, uint32_t hi)
{
    if (i >= hi)
        return false;
    const char *t = tag(c, i);
    if (t[0] == 'D' || t[0] == 'N' || strcmp(t, "CD") == 0 || strcmp(t, "PRP$") == 0 || c->ment_at[i] >= 0)
        return true;
    /* an adjective, or a hyphened word the tagger may read as a verb */
    return (t[0] == 'J' || (c->d->tokens.v[i].flags & SR_TF_HYPHEN)) && i + 1 < hi &&
           (tag(c, i + 1)[0] == 'N' || c->ment_at[i + 1] >= 0);
}

/* Who did it and to whom, for a noun; whether a verb before it makes the
 * noun the event ("launched air strikes", "heard gunfire"). */
static bool noun_args(const ectx *c, sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const seen[] = {"observe", "report", "hear", NULL};
    static const char *const preps[] = {"on", "against", "of", "for", "at", "by", "in", "between",
                                        "to", NULL};
    uint32_t v = verb_before(c, ev->trig_tok, lo);
    bool support = v != UINT32_MAX && (support_verb(c, v) || lemma_in(c, v, seen) >= 0);
    noun_source(c, ev, lo);
    uint32_t p = ev->trig_tok + ev->trig_n, k = ev->trig_tok;
    if (k > lo && (strcmp(tag(c, k - 1), "MD") == 0 || (is(c, k - 1, "to") && k - 1 > lo && is_verb(c, k - 2)))) {
        /* read as a verb (noun_source): its object follows */
        find_target_right(c, p, hi, &ev->target, false);
    } else if (p < hi && is_any(c, p, preps) && (!is(c, p, "to") || noun_phrase_at(c, p + 1, hi))) {
        /* "aid to Mozambique"; not "gunshots to disperse the crowd" */
        bool by = is(c, p, "by");
        find_target_right(c, p + 1, hi, by ? &ev->source : &ev->target, !is(c, p, "in") && !by);
    }
    if (sr_parsed(c->d, ev->trig_tok))
        parse_noun_args(c, ev, true, lo, hi);
    return support;
}

/* What PLOVER types are, for recoding them. */
enum {
    PL_COOPERATIVE = 1, /* relations a verb can cut ("ended mediation efforts") */
    PL_THREAT = 2,      /* intended, a threat ("will strike", "vowed to sanction") */
    PL_STANCE = 4,      /* intended, still itself ("will protest", "plans to demand") */
    PL_DEMAND = 8,      /* what protesters demand, denounce or reject, they do in protest */
};
static const struct {
    const char *name;
    uint8_t flags;
} plover_table[] = {
    {"CONSULT", PL_COOPERATIVE}, {"COOPERATE", PL_COOPERATIVE}, {"AID", PL_COOPERATIVE},
    {"AGREE", PL_COOPERATIVE},   {"ASSAULT", PL_THREAT},        {"COERCE", PL_THREAT},
    {"SANCTION", PL_THREAT},     {"MOBILIZE", PL_THREAT},       {"PROTEST", PL_THREAT | PL_STANCE},
    {"REJECT", PL_THREAT | PL_STANCE | PL_DEMAND},              {"THREATEN", PL_STANCE},
    {"ACCUSE", PL_STANCE | PL_DEMAND},                          {"REQUEST", PL_STANCE | PL_DEMAND},
};

static unsigned plover_is(const char *plover, unsigned flags)
{
    for (size_t k = 0; k < sizeof plover_table / sizeof *plover_table; k++)
        if (strcmp(plover, plover_table[k].name) == 0)
            return plover_table[k].flags & flags;
    return 0;
}

static void recode(sr_event *ev, const char *plover, const char *cameo)
{
    ev->plover = plover;
    memcpy(ev->cameo, cameo, 4);
    ev->mode = NULL;
}

/* "ended mediation efforts", "cancelled a planned visit", "reduced food
 * supplies": relations cut. */
static void relations_cut(const ectx *c, sr_event *ev, uint32_t lo)
{
    static const char *const cut[] = {"end", "halt", "suspend", "cancel", "cut", "reduce",
                                      "freeze", "stop", "postpone", "abandon", "scrap", NULL};
    if (!plover_is(ev->plover, PL_COOPERATIVE))
        return;
    uint32_t v = verb_before(c, ev->trig_tok, lo);
    if (v != UINT32_MAX && lemma_in(c, v, cut) >= 0)
        recode(ev, "SANCTION", "160");
}

/* Where it happened: the place taken, else the place the sentence names
 * nearest, else the place taken or attacked, else the paragraph's.
 * Whether a preposition of place introduced it. */
static bool place_event(const ectx *c, sr_event *ev, const sr_lex_rec *r, uint32_t lo, uint32_t hi)
{
    uint8_t prec = 1;
    bool loc_prep = false;
    uint32_t span[2] = {0, 0};
    if (r->acled == SR_AC_CAPTURE && geocoded(c, ev->target.entity) && is_mere_place(c, ev->target.entity))
        ev->location = ev->target.entity;
    else
        ev->location = find_location(c, ev->trig_tok, lo, hi, &ev->source, &prec, &loc_prep, span);
    /* "captured the city of al-Mayadin": the place taken is the place */
    if (ev->location < 0 && geocoded(c, ev->target.entity))
        ev->location = ev->target.entity;
    if (ev->location == ev->target.entity && ev->location >= 0)
        span[0] = ev->target.start, span[1] = ev->target.end;
    if (ev->location < 0 && c->last_loc_entity >= 0) {
        ev->location = c->last_loc_entity, prec = 2;
        span[0] = c->last_loc_start, span[1] = c->last_loc_end;
    }
    ev->loc_precision = prec;
    ev->loc_start = span[0], ev->loc_end = span[1];
    return loc_prep;
}

/* Whether the event happened, and what an unasserted one is: a demand
 * ("must hand over"), a threat ("threatened to attack", "will strike"), a
 * promise ("will release"), a refusal ("refused to withdraw"). */
static bool apply_modality(const ectx *c, sr_event *ev, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    uint32_t i = ev->trig_tok;
    bool call;
    ev->modality = (uint8_t)modality(c, i, ev->trig_n, lo, hi, &call);
    ev->negated = ev->modality != SR_MOD_ASSERTED;
    if (call) { /* "called for a ceasefire": a demand made, not the act */
        recode(ev, "REQUEST", "100");
        return false;
    }
    bool conditional = false; /* "will withdraw ... unless ..." */
    for (uint32_t k = i + ev->trig_n; k < hi && !conditional; k++)
        conditional = is(c, k, "unless") || (is(c, k, "if") && !is(c, k + 1, "necessary"));
    if (ev->modality == SR_MOD_REQUIRED) {
        /* "X said Libya must hand over the suspects": X demands it */
        recode(ev, "REQUEST", "100");
        ev->modality = SR_MOD_ASSERTED;
        ev->negated = false;
        ev->target = ev->source;
        memset(&ev->source, 0, sizeof ev->source);
        ev->source.entity = -1;
        if (ev->reported_by >= 0) { /* the speaker demands it */
            const sr_entity *en = &d->entities.v[ev->reported_by];
            ev->source.entity = ev->reported_by;
            ev->source.has_actor = en->has_actor;
            if (en->has_actor)
                ev->source.actor = en->actor;
        } else {
            /* "Rwandan rebels announced that President Kagame must agree":
             * the one who says so, the subject of the verb of saying
             * before the clause */
            for (uint32_t k = i; k > lo + 1; k--)
                if (is_any(c, k - 1, speech_verbs) && is_verb(c, k - 1)) {
                    sr_event_arg a = {.entity = -1};
                    if (find_source_left(c, k - 1, lo, &a, false) && (a.has_actor || a.entity >= 0) &&
                        a.start != ev->target.start)
                        ev->source = a;
                    break;
                }
        }
    }
    bool intended = ev->modality == SR_MOD_INTENDED;
    if (ev->modality == SR_MOD_THREATENED ||
        (intended && (plover_is(ev->plover, PL_THREAT) ||
                      (conditional && strcmp(ev->plover, "RETREAT") == 0))))
        recode(ev, "THREATEN", "130");
    else if (intended && !plover_is(ev->plover, PL_STANCE))
        recode(ev, "AGREE", "030"); /* "said they will release", "promised to continue aid" */
    else if (ev->modality == SR_MOD_NEGATED && i > lo &&
             (lemma_is(c, i - 1, "refuse") || (i > lo + 1 && lemma_is(c, i - 2, "refuse")))) {
        recode(ev, "REJECT", "120");
        ev->modality = SR_MOD_ASSERTED; /* the refusal happened */
        ev->negated = false;
    }
    return true;
}

/* ---- conflict sense, learned (event_gate.h) ------------------------------------------- */

static sr_event_trace_fn trace_fn;
static void *trace_ctx;

void sr_event_set_trace(sr_event_trace_fn fn, void *ctx)
{
    trace_fn = fn;
    trace_ctx = ctx;
}

/* A feature: a prefix and a string, hashed (FNV-1a). */
static uint32_t feat(const char *pfx, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (const char *p = pfx; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    h = (h ^ 0xff) * 16777619u;
    for (size_t k = 0; k < n; k++) {
        uint8_t b = (uint8_t)s[k];
        h = (h ^ (b >= 'A' && b <= 'Z' ? b + 32 : b)) * 16777619u;
    }
    return h;
}

/* Token i as a feature word: its lemma; a name as its entity type, a
 * group phrase as its sector; numbers, dates and punctuation nothing
 * (n = 0). */
static size_t feature_word(const ectx *c, uint32_t i, char *buf, size_t cap)
{
    const sr_doc *d = c->d;
    if (c->group_at[i] >= 0)
        return (size_t)snprintf(buf, cap, "<%s>", d->groups.v[c->group_at[i]].actor.sector);
    if (c->ment_at[i] >= 0)
        return (size_t)snprintf(buf, cap, "<e%d>", d->mentions.v[c->ment_at[i]].type);
    if (c->time_at[i] >= 0 || d->tokens.v[i].kind != SR_TOK_WORD)
        return 0;
    return sr_lemma_of(d, c->m, i, buf, cap);
}

static void arg_features(const ectx *c, const sr_event_arg *a, const char *pfx, uint32_t *f, int *n)
{
    char buf[32];
    int k = 0;
    if (a->has_actor)
        k = snprintf(buf, sizeof buf, "s%s%s", a->actor.sector, a->actor.country[0] ? "+c" : "");
    else if (a->entity >= 0)
        k = snprintf(buf, sizeof buf, "t%d", c->d->entities.v[a->entity].type);
    else
        k = snprintf(buf, sizeof buf, "none");
    f[(*n)++] = feat(pfx, buf, (size_t)k);
}

static void parse_heads(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi, uint32_t *sub,
                        uint32_t *obj);

/* A head word of the parse (what acts, what is acted on, the verb above
 * the trigger) as features: the word (a name as its entity type), with
 * the trigger's word, and a common noun's WordNet class; "-" when none. */
static void head_features(const ectx *c, uint32_t h, const char *pfx, const char *tl, uint32_t *f, int *n)
{
    char buf[64], p2[64];
    snprintf(p2, sizeof p2, "%s%s", tl, pfx);
    size_t k = h == UINT32_MAX ? 0 : feature_word(c, h, buf, sizeof buf);
    if (!k) {
        f[(*n)++] = feat(pfx, "-", 1);
        f[(*n)++] = feat(p2, "-", 1);
        return;
    }
    f[(*n)++] = feat(pfx, buf, k);
    f[(*n)++] = feat(p2, buf, k);
    if (is_noun(c, h) && c->ment_at[h] < 0 && c->group_at[h] < 0) {
        int wc = sr_wn_class(c->m, buf, k, 'n');
        if (wc >= 0) {
            int w = snprintf(buf, sizeof buf, "n%d", wc);
            f[(*n)++] = feat(pfx, buf, (size_t)w);
            f[(*n)++] = feat(p2, buf, (size_t)w);
        }
    }
}

/* What the article is about (its words of armed men, weapons, violence,
 * protest, markets, accidents, labour, the trigger's own left out, in
 * buckets), and the parse around the trigger: its subject and object
 * heads and its relation to the word it depends on. */
static void context_features(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi, const char *tl,
                             uint32_t *f, int *n)
{
    const sr_doc *d = c->d;
    uint32_t i = ev->trig_tok;
    int own = cue_class(c, i);
    unsigned conflict = 0, other = 0;
    char buf[16];
    for (int q = 0; q < DOC_CUES; q++) {
        unsigned v = c->cue[q] - (q == own && c->cue[q] > 0);
        int b = v == 0 ? 0 : v < 3 ? 1 : v < 8 ? 2 : 3;
        int w = snprintf(buf, sizeof buf, "%c%d", doc_cue_classes[q], b);
        f[(*n)++] = feat("D", buf, (size_t)w);
        if (q < 4)
            conflict += v;
        else if (q == 4)
            other += v;
    }
    const char *tone = conflict == 0 ? "calm" : conflict < 3 ? "few" : other > 2 * conflict ? "mixed" : "conflict";
    f[(*n)++] = feat("DT", tone, strlen(tone));
    char p2[64];
    snprintf(p2, sizeof p2, "%sDT", tl);
    f[(*n)++] = feat(p2, tone, strlen(tone));
    if (c->quote_at[i] >= 0)
        f[(*n)++] = feat("Q", "", 0);
    if (!sr_parsed(d, i)) {
        f[(*n)++] = feat("X", "unparsed", 8);
        return;
    }
    uint32_t sub, obj;
    parse_heads(c, ev, lo, hi, &sub, &obj);
    head_features(c, sub, "SH", tl, f, n);
    head_features(c, obj, "OH", tl, f, n);
    uint32_t h = ev->trig_tok + ev->trig_n - 1;
    const char *rel = sr_dep_names[d->deprels[h]];
    f[(*n)++] = feat("DR", rel, strlen(rel));
}

/* The features of the trigger of ev in its clause [ca, cb) of the
 * sentence [lo, hi). */
static int gate_features(const ectx *c, const sr_event *ev, int cls, uint32_t ca, uint32_t cb,
                         uint32_t lo, uint32_t hi, bool context, uint32_t *f)
{
    char buf[64], tl[32];
    int n = 0;
    uint32_t i = ev->trig_tok, tn = ev->trig_n;
    size_t k = sr_lemma_of(c->d, c->m, i, buf, sizeof buf);
    snprintf(tl, sizeof tl, "T%.*s:", (int)k, buf); /* words with the trigger: its senses */
    f[n++] = feat("B", "", 0);
    f[n++] = feat("T", buf, k);
    f[n++] = feat("P", ev->plover, strlen(ev->plover));
    f[n++] = feat("C", ev->cameo, strlen(ev->cameo));
    f[n++] = feat("A", sr_acled_class_names[cls], strlen(sr_acled_class_names[cls]));
    f[n++] = feat("G", tag(c, i), strlen(tag(c, i)));
    arg_features(c, &ev->source, "S", f, &n);
    arg_features(c, &ev->target, "O", f, &n);
    for (int off = -4; off <= 4; off++) {
        if (off == 0)
            continue;
        int64_t j = off < 0 ? (int64_t)i + off : (int64_t)(i + tn - 1) + off;
        if (j < (int64_t)lo || j >= (int64_t)hi)
            continue;
        k = feature_word(c, (uint32_t)j, buf, sizeof buf);
        if (!k)
            continue;
        char pfx[48];
        snprintf(pfx, sizeof pfx, "W%d", off);
        f[n++] = feat(pfx, buf, k);
        f[n++] = feat(off < 0 ? "L" : "R", buf, k);
        if (off == -1 || off == 1) {
            strncat(pfx, tl, sizeof pfx - strlen(pfx) - 1);
            f[n++] = feat(pfx, buf, k);
        }
    }
    if (context)
        context_features(c, ev, lo, hi, tl, f, &n);
    for (uint32_t j = ca; j < cb && n + 3 < SR_EVF_MAX; j++) {
        if (j >= i && j < i + tn)
            continue;
        k = feature_word(c, j, buf, sizeof buf);
        if (!k)
            continue;
        f[n++] = feat("K", buf, k);
        f[n++] = feat(tl, buf, k);
        if (is_noun(c, j) && c->ment_at[j] < 0) {
            int wc = sr_wn_class(c->m, buf, k, 'n');
            if (wc >= 0) {
                int w = snprintf(buf, sizeof buf, "%d", wc);
                f[n++] = feat("N", buf, (size_t)w);
            }
        }
    }
    return n;
}

/* Whether the word is used in its conflict sense here; true when the
 * model has no weights. */
static bool conflict_sense(const ectx *c, const sr_event *ev, int cls, uint32_t ca, uint32_t cb,
                           uint32_t lo, uint32_t hi)
{
    if (!c->gate_w && !trace_fn)
        return true;
    uint32_t f[SR_EVF_MAX];
    int n = gate_features(c, ev, cls, ca, cb, lo, hi, true, f);
    if (trace_fn) {
        trace_fn(trace_ctx, c->d, ev, false, f, n);
        (*c->ntraced)++;
    }
    if (!c->gate_w)
        return true;
    float score = 0;
    for (int k = 0; k < n; k++) {
        float w;
        memcpy(&w, c->gate_w + 4 * (size_t)(f[k] & (SR_EVTW_SLOTS - 1)), 4);
        score += w;
    }
    return score >= c->gate_threshold;
}

/* CAMEO 18-20: assault, fight, mass violence. */
static bool cameo_violent(const char *cameo)
{
    return (cameo[0] == '1' && (cameo[1] == '8' || cameo[1] == '9')) ||
           (cameo[0] == '2' && cameo[1] == '0');
}

static void open_gate(ectx *c)
{
    size_t len = 0;
    const unsigned char *p = sr_model_get_section(c->m, "EVTW", &len);
    uint32_t h[2], t[2];
    size_t gate = 12 + 4 * (size_t)SR_EVTW_SLOTS;
    if (!p || len != gate + 8 + 4 * ((size_t)SR_EVTT_SLOTS + 1) * SR_ACLED_S__COUNT)
        return;
    memcpy(h, p, 8);
    memcpy(t, p + gate, 8);
    if (h[0] != SR_EVTW_MAGIC || h[1] != SR_EVTW_SLOTS || t[0] != SR_EVTT_SLOTS ||
        t[1] != SR_ACLED_S__COUNT)
        return;
    memcpy(&c->gate_threshold, p + 8, 4);
    c->gate_w = p + 12;
    c->type_w = p + gate + 8;
    c->type_n = c->type_w + 4 * (size_t)SR_EVTT_SLOTS * SR_ACLED_S__COUNT;
}

/* A noun that is what a protest is about: "to denounce the arrest of",
 * "against the killing of", "over a group clash", "justice for the
 * murder", "the anniversary of the massacre". */
static bool topic_of_protest(const ectx *c, uint32_t i, uint32_t lo)
{
    static const char *const about[] = {"denounce", "condemn", "protest", "decry", "demand",
                                        "mourn", "commemorate", "mark", "remember", "against",
                                        "over", "anniversary", "justice", "denunciation",
                                        "condemnation", NULL};
    for (uint32_t k = i; k > lo && k + 4 > i; k--) {
        const char *t = tag(c, k - 1);
        if (lemma_in(c, k - 1, about) >= 0)
            return true;
        if (!(t[0] == 'D' || t[0] == 'J' || strcmp(t, "PRP$") == 0 || strcmp(t, "IN") == 0 ||
              strcmp(t, "CD") == 0 || is_noun(c, k - 1)))
            return false;
    }
    return false;
}

/* ---- the sense of the word from its arguments (the parse) --------------------------------- */

/* Words of markets and what is traded on them: as the subject or object of
 * a word of violence or protest they make it a figure of speech ("silver
 * prices rallied", "the dollar was hit", "a rally in bonds").  Not "market"
 * itself: a market is also a place that is attacked. */
static bool market_word(const ectx *c, uint32_t h)
{
    static const char *const w[] = {
        "price", "share", "stock", "bond", "dollar", "yen", "mark", "franc", "sterling",
        "currency", "future", "futures", "index", "profit", "earnings", "rate", "yield",
        "commodity", "gold", "silver", "copper", "platinum", "crude", "cattle", "hog", "belly",
        "cotton", "sugar", "wheat", "corn", "soybean", "coffee", "cocoa", "grain", "equity",
        "inflation", "deficit", "dlr", "dlrs", "pct", NULL};
    if (h == UINT32_MAX || c->ment_at[h] >= 0 || c->group_at[h] >= 0 || !is_noun(c, h))
        return false;
    return lemma_in(c, h, w) >= 0; /* not WordNet's noun.quantity: "dozens of students" */
}

/* Workers as the ones who strike: "23,000 engineering workers struck". */
static bool labour_word(const ectx *c, uint32_t h)
{
    static const char *const w[] = {"worker", "employee", "miner", "docker", "dockworker", "union",
                                    "staff", "teacher", "nurse", "driver", "pilot", "seafarer",
                                    "unionist", "labourer", "laborer", "workforce", "crew", NULL};
    return h != UINT32_MAX && lemma_in(c, h, w) >= 0;
}

/* Killers that are no actors, as the subject: "a fire which killed one
 * miner", "the blaze destroyed the conveyor", "a prolonged dry spell has
 * damaged crops" (with no bomb, arson or attack told in the sentence). */
static bool accident_subject(const ectx *c, uint32_t h, uint32_t lo, uint32_t hi)
{
    static const char *const w[] = {"fire", "blaze", "explosion", "blast", "spell", "storm",
                                    "weather", "drought", "frost", "flood", "hurricane", "crash",
                                    "accident", "leak", "collapse", "disease", "virus", NULL};
    static const char *const violence[] = {"bomb", "arson", "attack", "rebel", "guerrilla",
                                           "gunman", "militant", "terrorist", "sabotage",
                                           "grenade", "explosive", "missile", "rocket", "shell",
                                           "insurgent", "mine", "landmine", "ied", "device",
                                           "militia", "soldier", "army", "troops", NULL};
    return h != UINT32_MAX && c->ment_at[h] < 0 && lemma_in(c, h, w) >= 0 &&
           !sentence_has(c, lo, hi, violence);
}

/* The head words of what acts and what is acted on, from the parse: for a
 * verb its subject and object (a passive's agent and subject), for a noun
 * its possessor or "by" phrase, and what it is "of" or "in" ("a rally in
 * silver"). */
static void parse_heads(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi, uint32_t *sub,
                        uint32_t *obj)
{
    const sr_doc *d = c->d;
    uint32_t v = ev->trig_tok;
    *sub = *obj = UINT32_MAX;
    if (is_verb(c, v)) {
        bool pass = sr_parse_is_passive(d, v);
        *sub = pass ? sr_parse_agent(d, v) : sr_parse_subject(d, v);
        *obj = pass ? sr_parse_subject(d, v) : sr_parse_object(d, v);
        return;
    }
    uint32_t n = ev->trig_tok + ev->trig_n - 1;
    uint32_t a0 = n > lo + 12 ? n - 12 : lo, b0 = n + 12 < hi ? n + 12 : hi;
    for (uint32_t k = a0; k < b0; k++) {
        if (d->heads[k] != n || (k >= ev->trig_tok && k <= n))
            continue;
        if (d->deprels[k] == SR_DEP_NMOD_POSS || (d->deprels[k] == SR_DEP_COMPOUND && k < n))
            *sub = *sub == UINT32_MAX ? k : *sub;
        else if (d->deprels[k] == SR_DEP_NMOD) {
            uint32_t cs = case_of(c, k, lo, hi);
            if (cs != UINT32_MAX && (is(c, cs, "in") || is(c, cs, "of")) && *obj == UINT32_MAX)
                *obj = k;
        }
    }
    if (d->deprels[n] == SR_DEP_NSUBJ && d->heads[n] != SR_NO_HEAD && *obj == UINT32_MAX)
        *obj = UINT32_MAX; /* "the rally was led by": nothing more */
}

/* An article with no word of armed men, weapons, violence or protest but
 * the trigger's own: its words of violence are figures of speech more
 * often than not. */
static bool calm_article(const ectx *c, const sr_event *ev)
{
    unsigned n = 0;
    for (int q = 0; q < 4; q++) /* a, w, v, p */
        n += c->cue[q];
    int own = cue_class(c, ev->trig_tok);
    return n <= (own >= 0 && own < 4 ? 1u : 0u);
}

/* A common noun for an act, a quality, an idea, a message, a feeling, a
 * motive, possessions, relations or times (WordNet's
 * lexicographer classes): what no one attacks, targets, executes,
 * intercepts, arrests or blocks in the sense of violence ("attacked the
 * press reports", "targeting income support payments", "killing their
 * appetite", "arrest the dollar's fall", "demonstrating unwillingness").
 * Acts that are done to people are not of them: a protest, a meeting, a
 * patrol. */
static bool abstract_noun(const ectx *c, uint32_t h)
{
    static const char *const done_to[] = {
        "protest", "demonstration", "rally", "march", "meeting", "gathering", "funeral", "wedding",
        "ceremony", "procession", "vigil", "strike", "sit-in", "campaign", "election", "patrol",
        "operation", "raid", "offensive", "attack", "assault", "advance", "exercise", "mission",
        "convoy", "service", "prayer", "festival", "concert", "match", "game", "party", "race",
        "celebration", "event", "crowd", "market", "school", "class", "worship", "mass", "rescue",
        "search", "escort", "delivery", "distribution", "work", "construction", "checkpoint",
        "position", "post", "outpost", "front", "line", NULL};
    if (h == UINT32_MAX || !is_noun(c, h) || c->ment_at[h] >= 0 || c->group_at[h] >= 0)
        return false;
    char buf[64];
    size_t n = sr_lemma_of(c->d, c->m, h, buf, sizeof buf);
    int wc = sr_wn_class(c->m, buf, n, 'n');
    bool abstract = wc == 4 || wc == 7 || wc == 9 || wc == 10 || wc == 12 || wc == 16 || wc == 21 ||
                    wc == 24 || wc == 28;
    return abstract && lemma_in(c, h, done_to) < 0;
}

/* A common noun for a made thing: "the equipment demonstrated", "trucks
 * assembled". */
static bool artifact_noun(const ectx *c, uint32_t h)
{
    if (h == UINT32_MAX || !is_noun(c, h) || c->ment_at[h] >= 0 || c->group_at[h] >= 0)
        return false;
    char buf[64];
    size_t n = sr_lemma_of(c->d, c->m, h, buf, sizeof buf);
    return sr_wn_class(c->m, buf, n, 'n') == 6;
}

/* The word's sense from its arguments, in a parsed sentence: -1 no event
 * (an accident or disaster), 0 another sense (markets), 1 a labour strike,
 * 2 as it stands. */
static int parse_sense(const ectx *c, const sr_event *ev, const sr_lex_rec *r, uint32_t lo, uint32_t hi)
{
    if (!sr_parsed(c->d, ev->trig_tok))
        return 2;
    uint32_t sub, obj;
    parse_heads(c, ev, lo, hi, &sub, &obj);
    bool violent = r->acled != SR_AC_NONE && r->acled != SR_AC_PROTEST && r->acled != SR_AC_ARREST &&
                   r->acled != SR_AC_AGREE;
    if ((violent || r->acled == SR_AC_PROTEST) && (market_word(c, sub) || market_word(c, obj)))
        return 0;
    /* in an article that tells no violence or protest but this word: an
     * abstract thing acted on ("attacked the reports", "arrest the
     * dollar's fall", "killing their appetite"), or a made thing
     * protesting ("the equipment demonstrated") */
    if ((violent || r->acled == SR_AC_PROTEST || r->acled == SR_AC_ARREST) && is_verb(c, ev->trig_tok) &&
        calm_article(c, ev) &&
        ((r->acled != SR_AC_PROTEST && abstract_noun(c, obj) &&
          (obj < ev->trig_tok || obj >= ev->trig_tok + ev->trig_n)) ||
         (r->acled == SR_AC_PROTEST && artifact_noun(c, sub))))
        return 0;
    if (violent && is_verb(c, ev->trig_tok) && accident_subject(c, sub, lo, hi))
        return -1;
    if (r->acled == SR_AC_ATTACK && is_verb(c, ev->trig_tok) && lemma_is(c, ev->trig_tok, "strike") &&
        (labour_word(c, sub) || (ev->source.has_actor && strcmp(ev->source.actor.sector, "LAB") == 0)) &&
        obj == UINT32_MAX)
        return 1;
    return 2;
}

/* Weapons that do an act of war themselves: its subject ("a rocket hit")
 * or, but for "mine" and "explosive" ("a mine strike" is miners'), the
 * word before a noun trigger ("mortar attack"). */
static const char *const war_weapons[] = {"rocket", "missile", "shell", "mortar", "bomb", "grenade",
                                          "drone", "warplane", "jet", "helicopter", "gunship",
                                          "artillery", "airstrike", "landmine", "ied", "mine",
                                          "explosive", NULL};
enum { N_WEAPON_MODIFIERS = 15 }; /* the first 15 of war_weapons */

/* A weapon right before the verb, as its subject: "a rocket hit", "the
 * shells struck", "a bomb has destroyed". */
static bool weapon_subject(const ectx *c, uint32_t i, uint32_t lo)
{
    const char *const *w = war_weapons;
    if (!is_verb(c, i))
        return false;
    for (uint32_t k = i; k > lo && k + 4 > i; k--) {
        if (is_noun(c, k - 1))
            return lemma_in(c, k - 1, w) >= 0;
        const char *t = tag(c, k - 1);
        if (t[0] != 'R' && t[0] != 'V' && t[0] != 'M')
            return false;
    }
    return false;
}


/* A noun trigger that names the means of war it is done with: the word
 * before its head, inside the trigger or right before it, is a weapon or
 * "air" ("air strikes", "drone strike", "mortar attack", "rocket fire"):
 * like a weapon that does it, its sense needs no test. */
static bool weapon_trigger(const ectx *c, const sr_event *ev)
{
    static const char *const more[] = {"air", "tank", "naval", NULL};
    uint32_t h = ev->trig_tok + ev->trig_n - 1;
    if (!is_noun(c, h) || h == 0 || in_name(c, h - 1))
        return false;
    int k = lemma_in(c, h - 1, war_weapons);
    return (k >= 0 && k < N_WEAPON_MODIFIERS) || lemma_in(c, h - 1, more) >= 0;
}

/* "fire" as a blaze, not shooting: no "opened/set/exchange of fire",
 * nothing fired "on" or "at". */
static bool blaze_at(const ectx *c, uint32_t i, uint32_t lo, uint32_t hi)
{
    static const char *const before[] = {"open", "set", "exchange", "come", "under", "gun", "heavy",
                                         "return", "cease", "live", "sniper", "rocket", "mortar", NULL};
    if (!is_noun(c, i) || !lemma_is(c, i, "fire"))
        return false;
    if (i > lo && (lemma_in(c, i - 1, before) >= 0 || (i > lo + 1 && lemma_in(c, i - 2, before) >= 0)))
        return false;
    return !(i + 1 < hi && (is(c, i + 1, "on") || is(c, i + 1, "at") || is(c, i + 1, "upon")));
}

/* An accident, a disaster or an illness, and no one who did it: words of
 * them in the sentence (outside the trigger) and no armed men, weapons
 * or attack ("an explosion in a flax factory killed 45 workers", "died of
 * a heart attack", "one miner was killed and 56 trapped underground");
 * or an article with no word of armed men or weapons at all that tells of
 * accidents, and a trigger no one does.  Never ACLED's political
 * violence. */
static bool accident(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const mishap[] = {
        "accident", "crash", "collision", "derailment", "derail", "capsize", "shipwreck",
        "drown", "drowning", "blaze", "wildfire", "flood", "flooding", "earthquake", "quake",
        "storm", "hailstorm", "hail", "gale", "landslide", "mudslide", "avalanche", "cyclone",
        "hurricane", "typhoon", "tornado", "lightning", "disease", "virus", "epidemic", "illness",
        "cancer", "heart", "stroke", "suicide", "overdose", "factory", "plant", "refinery",
        "colliery", "miner", "furnace", "boiler", "elevator", "liftoff", "lift-off",
        "satellite", "airliner", "ferry", "pier", "trap", "rescuer", "disaster", "leak", "fume",
        "gas", "dam", "collapse", "derailed", "rockfall", "underground", "shaft", "sink",
        "takeoff", "take-off", "shuttle", NULL};
    static const char *const violence[] = {
        "bomb", "bombing", "bomber", "explosive", "grenade", "landmine", "ied", "device",
        "gunman", "rebel", "guerrilla", "guerilla", "militant", "terrorist", "insurgent",
        "extremist", "separatist", "soldier", "troop", "army", "military", "attack", "attacker",
        "assailant", "sabotage", "saboteur", "arson", "arsonist", "rocket", "missile", "shell",
        "mortar", "artillery", "gun", "rifle", "shoot", "raid", "war", "warplane", "warship",
        "navy", "jihadist", "militia", "kidnap", "hostage", "riot", "mob", "dynamite", "police",
        "protester", "demonstrator", "gunfire", "shot", "sniper", "fighter", "armed", "weapon",
        "machinegun", "perpetrator", "clash", "rioter", "gang", "thief", "robber", "suspect",
        "airstrike", "demonstrate", "youth", "stone", "anti-tank", NULL};
    uint32_t t = ev->trig_tok;
    if (lemma_is(c, t, "strike"))
        for (uint32_t k = lo; k < t; k++)
            if (labour_word(c, k))
                return false; /* "workers struck at 90 plants": the parse tells the strike */
    bool compound = t > lo && lemma_in(c, t - 1, mishap) >= 0; /* "a heart attack" */
    if (compound ? around_has(c, ev, lo, hi, violence) : sentence_has(c, lo, hi, violence))
        return false;
    for (uint32_t k = lo; k < hi; k++) /* "Russian forces", not "was forced" */
        if (is_noun(c, k) && lemma_is(c, k, "force"))
            return false;
    if (ev->source.has_actor && (sector_is(&ev->source, SEC_ARMED)))
        return false;
    if (around_has(c, ev, lo, hi, mishap))
        return true;
    for (uint32_t i = lo; i < hi; i++)
        if (blaze_at(c, i, lo, hi) && (i < ev->trig_tok || i >= ev->trig_tok + ev->trig_n))
            return true;
    /* the article: accidents told, no armed men or weapons, no one doing it */
    return c->cue[1] == 0 && c->cue[0] == 0 && c->cue[5] > 0 && !ev->source.has_actor &&
           ev->source.entity < 0;
}

/* Killed themselves: "killed himself by drinking insecticide". */
static bool reflexive(const ectx *c, uint32_t i, uint32_t hi)
{
    static const char *const self[] = {"himself", "herself", "themselves", "itself", "myself", NULL};
    return i < hi && is_any(c, i, self);
}

/* A state protesting, by its name: a diplomatic protest (CAMEO's), no demonstration ("France protested over Canada's
 * decision", "a law enacted by the U.S. to protest apartheid"). */
static bool state_protest(const ectx *c, const sr_event *ev)
{
    const sr_event_arg *a = &ev->source;
    return a->entity >= 0 && c->d->entities.v[a->entity].type == SR_ENT_GPE &&
           !is_mere_place(c, a->entity) && !person_noun(c, ev->trig_tok > 12 ? ev->trig_tok - 12 : 0,
                                                         ev->trig_tok + ev->trig_n);
}

/* Arrests for crimes of business and common law, with nothing political
 * about them: "arrested for fraud", "charges of cocaine possession",
 * "defaulters on bank loans". */
static bool ordinary_crime(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const crime[] = {
        "fraud", "defraud", "embezzle", "embezzlement", "tax", "evasion", "bribery", "bribe",
        "forgery", "falsify", "swindle", "insider", "cocaine", "heroin", "possession", "theft",
        "robbery", "steal", "default", "defaulter", "loan", "debt", "bankrupt", "bankruptcy",
        "laundering", "smuggling", "dlrs", "yen", "fare", "securities", "shareholder",
        "manipulation", "speculation", "trafficking", NULL};
    static const char *const political[] = {
        "protest", "protester", "demonstrator", "activist", "opposition", "rebel", "militant",
        "guerrilla", "terrorist", "terrorism", "coup", "political", "dissident", "journalist",
        "riot", "separatist", "extremist", "spy", "espionage", "insurgent", "sedition",
        "treason", "subversion", "militia", "soldier", "army", NULL};
    return around_has(c, ev, lo, hi, crime) && !around_has(c, ev, lo, hi, political);
}

/* A strike shown in the street: protest words beside it (ACLED codes a
 * strike only with its demonstration). */
static bool demonstration(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const demo[] = {"protest", "demonstrate", "demonstration", "demonstrator",
                                       "rally", "march", "picket", "sit-in", "gather", "assemble",
                                       "block", "banner", "slogan", "chant", "protester", NULL};
    return around_has(c, ev, lo, hi, demo);
}

/* A strike told in the sentence, and this protest its reason: "the
 * strikes began in protest at plans for 800 redundancies", "220 men
 * stopped work in an unofficial protest". */
static bool work_stoppage(const ectx *c, const sr_event *ev, uint32_t lo, uint32_t hi)
{
    static const char *const strike[] = {"strike", "walkout", "stoppage", "striker", NULL};
    if (around_has(c, ev, lo, hi, strike))
        return true;
    for (uint32_t i = lo; i + 1 < hi; i++)
        if (lemma_is(c, i, "stop") && is(c, i + 1, "work"))
            return true;
    return false;
}

/* A word after a protest of its sentence and after what the protest is
 * about: "marched through London to mark the anniversary of the deaths
 * ... during the attacks", "held a demonstration to oppose sexual
 * violence", "decried increased insecurity ... attacks".  The protest
 * is the event; these its topic. */
static bool protest_topic(const ectx *c, uint32_t i, uint32_t lo)
{
    static const char *const about[] = {"denounce", "condemn", "decry", "oppose", "mourn",
                                        "commemorate", "mark", "remember", "against", "over",
                                        "denunciation", "condemnation", "highlight", "draw",
                                        "demand", "protest", "criticize", "criticise", NULL};
    const sr_doc *d = c->d;
    for (uint32_t k = d->events.n; k > 0; k--) {
        const sr_event *e = &d->events.v[k - 1];
        if (e->trig_tok < lo)
            break;
        if (e->trig_tok >= i || e->modality != SR_MOD_ASSERTED || e->acled_type != SR_ACLED_T_PROTESTS)
            continue;
        for (uint32_t j = e->trig_tok + e->trig_n; j < i; j++)
            if (lemma_in(c, j, about) >= 0)
                return true;
    }
    return false;
}

/* The event's ACLED class in its context, or -1 when the words tell no
 * event at all ("floods killed 40 people", "profit fell to 150 mln"). */
static int acled_class(const ectx *c, sr_event *ev, const sr_lex_rec *r, uint32_t ca,
                       uint32_t cb, uint32_t lo, uint32_t hi)
{
    uint32_t i = ev->trig_tok;
    if (violent_type(ev) && !ev->source.has_actor && ev->source.entity < 0 &&
        natural_cause(c, lo, i, i + ev->trig_n, hi))
        return -1; /* no one did it */
    int cls = r->acled;
    bool harm = cls != SR_AC_NONE && cls != SR_AC_PROTEST && cls != SR_AC_ARREST && cls != SR_AC_AGREE;
    if ((harm || violent_type(ev)) && (accident(c, ev, lo, hi) || reflexive(c, i + ev->trig_n, hi)))
        return -1; /* "an explosion at a colliery", "died of a heart attack", "killed himself" */
    if ((cls == SR_AC_PROTEST || strcmp(ev->plover, "PROTEST") == 0) && state_protest(c, ev))
        cls = SR_AC_NONE; /* a diplomatic protest */
    if ((cls == SR_AC_ARREST || cls == SR_AC_CAPTURE) && ordinary_crime(c, ev, lo, hi))
        cls = SR_AC_NONE; /* "arrested for fraud": no political arrest */
    if (!is_verb(c, i) && topic_of_protest(c, i, lo))
        return SR_AC_NONE; /* "to denounce the arrest", "against the killing": the cause, not the act */
    if (cls != SR_AC_PROTEST && cls != SR_AC_NONE && protest_topic(c, i, lo))
        return SR_AC_NONE; /* "marched to mark the anniversary of the deaths during the attacks" */
    if (cls == SR_AC_NONE && is_verb(c, i) && ev->source.has_actor &&
        strcmp(ev->source.actor.sector, "OPP") == 0 && plover_is(ev->plover, PL_DEMAND) &&
        c->cue[3] > 0) /* in an article of protests: "the opposition called for reforms" is none */
        cls = SR_AC_PROTEST;
    if (cls == SR_AC_CAPTURE && !conflict_context(c, ev, cls, ca, cb, lo, hi))
        return -1; /* "a takeover by a partnership" */
    int sense = parse_sense(c, ev, r, lo, hi);
    if (sense < 0)
        return -1; /* "a fire killed one miner" */
    if (sense == 0)
        return cameo_violent(ev->cameo) ? -1 : SR_AC_NONE; /* "silver prices rallied" */
    if (sense == 1) { /* "workers struck": a strike */
        recode(ev, "PROTEST", "143");
        ev->mode = "boycott";
        cls = SR_AC_PROTEST;
    }
    if (cls == SR_AC_PROTEST &&
        (strcmp(ev->cameo, "143") == 0 || (!is_verb(c, i) && lemma_is(c, i, "protest") && i > lo + 1 &&
                                           (is(c, i - 1, "in") || is(c, i - 2, "in") || is(c, i - 3, "in")) &&
                                           work_stoppage(c, ev, lo, hi))) &&
        !demonstration(c, ev, lo, hi))
        return SR_AC_NONE; /* a strike, no demonstration: ACLED codes none */
    if (sense == 1)
        return cls;
    if (!conflict_context(c, ev, cls, ca, cb, lo, hi))
        cls = SR_AC_NONE; /* "the industry hit a problem", a trade agreement */
    /* "Shares shot up", "fought back a bid", "a takeover battle": the
     * learned test of the word's sense in its context; a weapon that does
     * it ("a rocket hit the market") needs none, and armed men who do it
     * ("militias launched their final assault", "the army had captured the
     * city") pass it whatever its score (the test still learns from them) */
    if ((r->acled != SR_AC_NONE || cameo_violent(ev->cameo)) && !weapon_subject(c, i, lo) && !weapon_trigger(c, ev) &&
        !conflict_sense(c, ev, r->acled, ca, cb, lo, hi) && !armed(&ev->source)) {
        if (cameo_violent(ev->cameo))
            return -1;
        cls = SR_AC_NONE;
    }
    return cls;
}

/* A later trigger of the same act joins the event the sentence has;
 * others are new events. */
static sitrep_status add_event(ectx *c, uint32_t first_event, const sr_event *ev)
{
    sr_doc *d = c->d;
    sr_event *o = same_act(c, first_event, ev);
    if (o) {
        merge(o, ev);
        return SITREP_OK;
    }
    sr_event *slot = SR_VEC_PUSH(d->arena, &d->events);
    if (!slot)
        return SITREP_ENOMEM;
    *slot = *ev;
    return SITREP_OK;
}

/* What this sentence placed and dated stands for what follows: its
 * events' place, else the town it names first; its latest date. */
static void carry_context(ectx *c, uint32_t first_event, uint32_t lo, uint32_t hi)
{
    const sr_doc *d = c->d;
    bool placed = false;
    for (uint32_t k = first_event; k < d->events.n; k++)
        if (d->events.v[k].location >= 0) {
            c->last_loc_entity = d->events.v[k].location, placed = true;
            c->last_loc_start = d->events.v[k].loc_start, c->last_loc_end = d->events.v[k].loc_end;
        }
    if (!placed && c->last_loc_entity < 0) {
        uint8_t prec;
        uint32_t span[2];
        int32_t e = find_location(c, lo, lo, hi, NULL, &prec, NULL, span);
        if (e >= 0)
            c->last_loc_entity = e, c->last_loc_start = span[0], c->last_loc_end = span[1];
    }
    for (uint32_t i = lo; i < hi; i++)
        if (c->time_at[i] >= 0 && dated(&d->times.v[c->time_at[i]]) &&
            d->times.v[c->time_at[i]].value[4] != 0 && !clock_only(d, &d->times.v[c->time_at[i]]))
            c->last_date_time = c->time_at[i];
}

/* Told as background: in the past perfect ("had seized"), or dated more
 * than 90 days before publication (the end of its day, month or year). */
static bool history(const ectx *c, const sr_event *ev, uint32_t lo)
{
    uint32_t i = ev->trig_tok;
    if ((i > lo && is(c, i - 1, "had")) || (i > lo + 1 && is(c, i - 2, "had")))
        return true;
    const char *pub = c->d->meta.published;
    if (ev->date_basis != SR_DATE_TEXT || !pub || strlen(pub) < 10 || pub[4] != '-' || pub[7] != '-')
        return false;
    int y = atoi(ev->date), m = 12, dd = 31;
    if (ev->date_precision != SR_PREC_YEAR)
        m = atoi(ev->date + 5);
    int64_t end;
    if (ev->date_precision == SR_PREC_DAY)
        dd = atoi(ev->date + 8), end = sr_days_from_civil(y, m, dd);
    else
        end = sr_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
    int64_t p = sr_days_from_civil(atoi(pub), atoi(pub + 5), atoi(pub + 8));
    return end + 90 < p;
}

/* The event told by the trigger at token i (entry r, tn tokens), into ev;
 * false when the words tell none. */
static bool read_event(ectx *c, const sr_lex_rec *r, uint32_t i, uint32_t tn, uint32_t lo,
                       uint32_t hi, sr_event *ev)
{
    const sr_doc *d = c->d;
    event_init(c, r, i, tn, ev);
    bool verbal = is_verb(c, i), support = false;
    if (verbal)
        verb_args(c, ev, r, lo, hi);
    else {
        support = noun_args(c, ev, lo, hi);
        relations_cut(c, ev, lo);
    }
    if (r->inverse) {
        sr_event_arg tmp = ev->source;
        ev->source = ev->target;
        ev->target = tmp;
    }
    bool loc_prep = place_event(c, ev, r, lo, hi);
    /* nouns with nothing around them ("months of battle") tell no event */
    if (!verbal && !ev->source.has_actor && !ev->target.has_actor && ev->source.entity < 0 &&
        ev->target.entity < 0 &&
        !(r->acled != SR_AC_NONE && (support || loc_prep)))
        return false;
    bool act = apply_modality(c, ev, lo, hi);
    uint32_t ca, cb;
    clause_of(c, i, tn, lo, hi, &ca, &cb);
    int cls = acled_class(c, ev, r, ca, cb, lo, hi);
    if (cls < 0)
        return false;
    if (ev->modality == SR_MOD_ASSERTED && act)
        classify(c, ev, cls, ca, cb, lo, hi, c->para_hi);
    find_date(c, ev, i, lo, hi);
    ev->history = history(c, ev, lo);
    if (r->acled != SR_AC_NONE && ev->modality == SR_MOD_ASSERTED)
        find_deaths(c, ev, ca, cb, lo, hi);
    ev->start = d->tokens.v[lo].start;
    ev->end = d->tokens.v[hi - 1].end;
    ev->trig_start = d->tokens.v[i].start;
    ev->trig_end = d->tokens.v[i + tn - 1].end;
    ev->confidence = 0.4f + 0.2f * ev->source.has_actor +
                     0.2f * (ev->target.has_actor || ev->target.entity >= 0) +
                     0.1f * (ev->location >= 0) + 0.1f * (ev->date_basis == SR_DATE_TEXT);
    return true;
}

static sitrep_status sentence_pass(ectx *c, uint32_t first_event, uint32_t lo, uint32_t hi)
{
    for (uint32_t i = lo; i < hi; i++) {
        uint32_t tn;
        const sr_lex_rec *r = trigger_here(c, i, lo, hi, &tn);
        if (!r)
            continue;
        sr_event ev;
        if (!read_event(c, r, i, tn, lo, hi, &ev))
            continue;
        sitrep_status st = add_event(c, first_event, &ev);
        if (st != SITREP_OK)
            return st;
        i += tn - 1;
    }
    return SITREP_OK;
}

/* Events the parse must check: asserted conflict events (an ACLED type,
 * or CAMEO 18-20), and asserted verbs that may be conjuncts sharing a
 * frame (frame_conjunct). */
static bool needs_parse(const ectx *c, uint32_t first_event, uint32_t lo)
{
    for (uint32_t k = first_event; k < c->d->events.n; k++) {
        const sr_event *e = &c->d->events.v[k];
        if (e->modality == SR_MOD_ASSERTED &&
            (e->acled_type != SR_ACLED_T_NONE || cameo_violent(e->cameo) || frame_conjunct(c, e->trig_tok, lo)))
            return true;
    }
    return false;
}

/* A sentence that tells no event but a death toll ("Unknown fatalities
 * coded as 3.", "The death toll rose to 40.") gives it to the latest
 * asserted conflict event of its paragraph, when that has fewer. */
static void carry_toll(ectx *c, uint32_t lo, uint32_t hi)
{
    sr_doc *d = c->d;
    if (!d->events.n)
        return;
    sr_event *e = &d->events.v[d->events.n - 1];
    if (e->trig_tok < c->para_lo || e->modality != SR_MOD_ASSERTED || e->acled_type == SR_ACLED_T_NONE ||
        !violent_type(e))
        return;
    int32_t n;
    uint32_t fs = 0, fe = 0;
    bool toll = false;
    for (uint32_t i = lo; i < hi && !toll; i++)
        toll = lemma_is(c, i, "toll") || lemma_is(c, i, "fatality") || lemma_is(c, i, "casualty");
    /* a count of the dead with no act of its own ("Ten soldiers died.")
     * is the toll of the act before, when that told none */
    if (count_casualties(c, NULL, lo, hi, CAS_DEAD, &n, &fs, &fe) &&
        (!e->has_fatalities || (toll && n > e->fat_min))) {
        e->fat_min = e->fat_max = n;
        e->fat_start = fs, e->fat_end = fe;
        e->has_fatalities = true;
    }
}

/* The events of one sentence.  When the pipeline did not parse it and it
 * tells a conflict event, it is parsed and read again: arguments from the
 * parse, the word's sense from them.  Only those few sentences pay for
 * the parser. */
static sitrep_status sentence_events(ectx *c, uint32_t lo, uint32_t hi)
{
    uint32_t first_event = c->d->events.n, traced = *c->ntraced;
    sitrep_status st = sentence_pass(c, first_event, lo, hi);
    if (st != SITREP_OK)
        return st;
    if (c->parse_on_demand && sr_parse_available(c->m) && !sr_parsed(c->d, lo) &&
        hi - lo <= SR_PARSE_MAXLEN && needs_parse(c, first_event, lo)) {
        if ((st = sr_parse_sentence(c->d, c->m, lo, hi - lo)) != SITREP_OK)
            return st;
        c->d->events.n = first_event;
        if (trace_fn && *c->ntraced > traced) /* the first reading's candidates, forgotten */
            trace_fn(trace_ctx, c->d, NULL, false, NULL, -(int)(*c->ntraced - traced));
        *c->ntraced = traced;
        if ((st = sentence_pass(c, first_event, lo, hi)) != SITREP_OK)
            return st;
    }
    if (c->d->events.n == first_event)
        carry_toll(c, lo, hi);
    carry_context(c, first_event, lo, hi);
    return SITREP_OK;
}

/* ---- one incident, one event ------------------------------------------------------------ */

#define INCIDENT_LOOKBACK 8 /* open incidents an event may join, the latest first */

static bool incident_event(const sr_event *e)
{
    return e->modality == SR_MOD_ASSERTED && e->acled_type != SR_ACLED_T_NONE;
}

/* Violence (battles, explosions, violence against civilians), unrest
 * (protests, riots), or a strategic development, which joins either. */
static int family(uint8_t t)
{
    return t == SR_ACLED_T_STRATEGIC ? 0 : t == SR_ACLED_T_PROTESTS || t == SR_ACLED_T_RIOTS ? 2 : 1;
}

/* Places that can be one scene: the same, one unknown, within 30 km, or
 * a region or country holding the other (same country). */
static bool places_agree(const ectx *c, int32_t a, int32_t b)
{
    if (a < 0 || b < 0 || a == b)
        return true;
    const sr_place_rec *p = sr_entity_place(c->d, c->m, a), *q = sr_entity_place(c->d, c->m, b);
    if (!p || !q || memcmp(p->cc, q->cc, 2) != 0)
        return false;
    if (p->feature != SR_FEATURE_CITY || q->feature != SR_FEATURE_CITY)
        return true;
    double dy = (p->lat - q->lat) * 111.0, dx = (p->lon - q->lon) * 111.0 * cos(p->lat * 3.14159265 / 180);
    return dx * dx + dy * dy < 30.0 * 30.0;
}

static bool dates_agree(const sr_event *a, const sr_event *b)
{
    if (a->date_basis != SR_DATE_TEXT || b->date_basis != SR_DATE_TEXT)
        return true;
    size_t n = strlen(a->date) < strlen(b->date) ? strlen(a->date) : strlen(b->date);
    return strncmp(a->date, b->date, n) == 0;
}

static bool same_actor(const sr_event_arg *a, const sr_event_arg *b)
{
    return (a->entity >= 0 && a->entity == b->entity) ||
           (a->has_actor && b->has_actor && strcmp(a->actor.code, b->actor.code) == 0);
}

static bool named(const sr_event_arg *a) { return a->has_actor || a->entity >= 0; }

/* Actors of one incident: one side acting in both, or the other side
 * hitting back ("X attacked Y ... Y returned fire"); not two doers apart
 * ("IS attacked Paris"; "France struck Raqqa"). */
static bool sides_agree(const sr_event *h, const sr_event *e, bool close)
{
    if (!named(&h->source) || !named(&e->source))
        return true;
    /* a doer told by a common noun only ("protesters", "the attackers")
     * may be the one named a few sentences before, in an act of the same
     * kind */
    if (close && family(h->acled_type) && family(h->acled_type) == family(e->acled_type) &&
        (h->source.entity < 0 || e->source.entity < 0))
        return true;
    return same_actor(&h->source, &e->source) || same_actor(&h->target, &e->source) ||
           same_actor(&h->source, &e->target);
}

/* Can mention e (in sentence se) join incident h (whose latest mention is
 * in sentence sh)?  Of one kind, background or not alike, dates and
 * places agreeing; a mention the text does not date or a strategic
 * development only close after it (three sentences). */
static bool same_incident(const ectx *c, const sr_event *h, const sr_event *e, uint32_t sh, uint32_t se)
{
    if (se == sh && h->acled_type != e->acled_type)
        return false; /* acts of one sentence that same_act kept apart: of one type only */
    bool close = se <= sh + 3;
    bool kind = family(h->acled_type) == family(e->acled_type) ||
                (close && (!family(h->acled_type) || !family(e->acled_type)));
    bool undated = h->date_basis != SR_DATE_TEXT || e->date_basis != SR_DATE_TEXT;
    /* the arrests a protest's intervention tells ("staged a protest ...
     * 11 people were arrested by the police") are its own, whoever the
     * sides named */
    bool intervened = close && ((h->acled_sub == SR_ACLED_S_INTERVENTION && e->acled_sub == SR_ACLED_S_ARRESTS) ||
                                (e->acled_sub == SR_ACLED_S_INTERVENTION && h->acled_sub == SR_ACLED_S_ARRESTS));
    return kind && (close || !undated) && h->history == e->history && dates_agree(h, e) &&
           places_agree(c, h->location, e->location) && (intervened || sides_agree(h, e, close));
}

/* The sentence holding byte b. */
static uint32_t sentence_of(const sr_doc *d, uint32_t b)
{
    uint32_t t = token_at(d, b), x = 0, y = d->sentences.n;
    while (x < y) {
        uint32_t mid = (x + y) / 2;
        if (d->sentences.v[mid].tok_first <= t)
            x = mid + 1;
        else
            y = mid;
    }
    return x ? x - 1 : 0;
}

static bool is_city_place(const ectx *c, int32_t e)
{
    const sr_place_rec *p = sr_entity_place(c->d, c->m, e);
    return p && p->feature == SR_FEATURE_CITY;
}

/* The incident h takes what the mention e adds: the place (a town over a
 * region), the date (from the text, the finer), the dead and hurt (the
 * highest count a mention gives), the actors it lacks. */
static void join_incident(const ectx *c, sr_event *h, const sr_event *e)
{
    if (e->location >= 0 && (h->location < 0 || (!is_city_place(c, h->location) && is_city_place(c, e->location)))) {
        h->location = e->location, h->loc_precision = e->loc_precision;
        h->loc_start = e->loc_start, h->loc_end = e->loc_end;
    }
    if (e->date_basis == SR_DATE_TEXT &&
        (h->date_basis != SR_DATE_TEXT || e->date_precision < h->date_precision)) {
        memcpy(h->date, e->date, sizeof h->date);
        h->date_precision = e->date_precision, h->date_basis = e->date_basis;
        h->date_start = e->date_start, h->date_end = e->date_end;
    }
    if (e->has_fatalities && (!h->has_fatalities || e->fat_min > h->fat_min)) {
        h->fat_min = e->fat_min, h->fat_max = e->fat_max;
        h->fat_start = e->fat_start, h->fat_end = e->fat_end;
        h->has_fatalities = true;
    }
    if (e->has_injuries && (!h->has_injuries || e->inj_min > h->inj_min)) {
        h->inj_min = e->inj_min, h->inj_max = e->inj_max;
        h->inj_start = e->inj_start, h->inj_end = e->inj_end;
        h->has_injuries = true;
    }
    if (!h->source.has_actor && h->source.entity < 0)
        h->source = e->source;
    if (!h->target.has_actor && h->target.entity < 0)
        h->target = e->target;
    if (e->confidence > h->confidence)
        h->confidence = e->confidence;
}

/* The ACLED type of each sub-event type. */
static uint8_t type_of_sub(uint8_t s)
{
    switch (s) {
    case SR_ACLED_S_ARMED_CLASH: case SR_ACLED_S_GOV_REGAINS: case SR_ACLED_S_NSA_OVERTAKES:
        return SR_ACLED_T_BATTLES;
    case SR_ACLED_S_CHEMICAL: case SR_ACLED_S_AIR: case SR_ACLED_S_SUICIDE: case SR_ACLED_S_SHELLING:
    case SR_ACLED_S_IED: case SR_ACLED_S_GRENADE:
        return SR_ACLED_T_EXPLOSIONS;
    case SR_ACLED_S_SEXUAL: case SR_ACLED_S_ATTACK: case SR_ACLED_S_ABDUCTION:
        return SR_ACLED_T_VAC;
    case SR_ACLED_S_PEACEFUL: case SR_ACLED_S_INTERVENTION: case SR_ACLED_S_EXCESSIVE:
        return SR_ACLED_T_PROTESTS;
    case SR_ACLED_S_VIOLENT_DEMO: case SR_ACLED_S_MOB:
        return SR_ACLED_T_RIOTS;
    case SR_ACLED_S_NONE:
        return SR_ACLED_T_NONE;
    default:
        return SR_ACLED_T_STRATEGIC;
    }
}

/* The features of one mention of an incident: its trigger's, and the
 * sub-type the rules gave it (the first mention's apart). */
static int mention_features(const ectx *c, const sr_event *e, bool first, uint32_t *f, int cap)
{
    const sr_doc *d = c->d;
    if (cap < SR_EVF_MAX + 10)
        return 0;
    uint32_t lo = token_at(d, e->start), hi = token_at(d, e->end - 1) + 1, ca, cb;
    clause_of(c, e->trig_tok, e->trig_n, lo, hi, &ca, &cb);
    int n = gate_features(c, e, 0, ca, cb, lo, hi, false, f);
    const char *sub = sr_acled_sub_names[e->acled_sub] ? sr_acled_sub_names[e->acled_sub] : "";
    f[n++] = feat("R", sub, strlen(sub));
    if (first)
        f[n++] = feat("R0", sub, strlen(sub));
    f[n++] = feat("F", e->has_fatalities ? (e->fat_min ? "dead" : "none") : "-", e->has_fatalities ? 4 : 1);
    if (e->acled_type == SR_ACLED_T_PROTESTS || e->acled_type == SR_ACLED_T_RIOTS) {
        /* what happened to a protest, told in it or in the few sentences
         * after it in its paragraph */
        uint32_t s = sentence_of(d, e->start), end = hi;
        for (uint32_t q = s + 1; q < d->sentences.n && q <= s + 4 && !para_break(d, d->sentences.v[q].tok_first); q++)
            end = d->sentences.v[q].tok_first + d->sentences.v[q].tok_n;
        unsigned cue = protest_cues_scan(c, lo, end);
        for (int b = 0; b < 5; b++)
            if (cue & (1u << b)) {
                char k = (char)('0' + b);
                f[n++] = feat("PC", &k, 1);
            }
    }
    return n;
}

/* Violence with one armed side told: no armed target, no word of
 * fighting between sides (clash, fight, battle, exchange of fire ...). */
static bool one_sided(const ectx *c, const sr_event *e)
{
    static const char *const fighting[] = {"clash", "fight", "fighting", "battle", "engage", "skirmish",
                                           "exchange", "gunfight", "firefight", "combat", "offensive",
                                           "counteroffensive", "hostilities", NULL};
    return !armed(&e->target) && lemma_in(c, e->trig_tok, fighting) < 0;
}

#define TYPE_SURE 0.5  /* the weights' type at least this likely */
#define TYPE_DOUBT 0.15 /* and the rules' at most this */
#define TYPE_MIN_EXAMPLES 50

/* The incident h with its mentions [mentions..] (events of d, joined by
 * next[]), typed by the learned weights (and traced for training). */
static void type_incident(ectx *c, sr_event *h, uint32_t hi_idx, const int32_t *next)
{
    if (!c->type_w && !trace_fn)
        return;
    uint32_t f[SR_INF_MAX];
    int n = mention_features(c, h, true, f, SR_INF_MAX);
    for (int32_t j = next[hi_idx]; j >= 0; j = next[j])
        n += mention_features(c, &c->d->events.v[j], false, f + n, SR_INF_MAX - n);
    if (trace_fn)
        trace_fn(trace_ctx, c->d, h, true, f, n);
    if (!c->type_w)
        return;
    float score[SR_ACLED_S__COUNT] = {0};
    for (int k = 0; k < n; k++) {
        const unsigned char *row = c->type_w + 4 * (size_t)(f[k] & (SR_EVTT_SLOTS - 1)) * SR_ACLED_S__COUNT;
        for (int s = 1; s < SR_ACLED_S__COUNT; s++) {
            float w;
            memcpy(&w, row + 4 * (size_t)s, 4);
            score[s] += w;
        }
    }
    int best = 1;
    for (int s = 2; s < SR_ACLED_S__COUNT; s++)
        if (score[s] > score[best])
            best = s;
    /* the rules' type stands unless the weights are sure it is wrong */
    double z = 0;
    for (int s = 1; s < SR_ACLED_S__COUNT; s++)
        z += exp(score[s] - score[best]);
    double p_best = 1 / z, p_rule = h->acled_sub ? exp(score[h->acled_sub] - score[best]) / z : 0;
    if (p_best < TYPE_SURE || p_rule > TYPE_DOUBT)
        return;
    /* ... where the weights learned from enough examples of both types */
    float n_best, n_rule = 0;
    memcpy(&n_best, c->type_n + 4 * (size_t)best, 4);
    if (h->acled_sub)
        memcpy(&n_rule, c->type_n + 4 * (size_t)h->acled_sub, 4);
    if (n_best < TYPE_MIN_EXAMPLES || (h->acled_sub && n_rule < TYPE_MIN_EXAMPLES))
        return;
    /* what the text says was done to a protest (dispersed, fired on,
     * violent) stands */
    if (h->acled_type == SR_ACLED_T_PROTESTS && h->acled_sub != SR_ACLED_S_PEACEFUL)
        return;
    /* ... and remote violence that no mention's sentence names a weapon
     * of, typed from the article's means (article_means), which the
     * weights, learned from single notes, do not see */
    if ((h->acled_sub == SR_ACLED_S_SHELLING || h->acled_sub == SR_ACLED_S_AIR) &&
        type_of_sub((uint8_t)best) != SR_ACLED_T_EXPLOSIONS && one_sided(c, h)) {
        bool sided = true;
        for (int32_t j = next[hi_idx]; j >= 0 && sided; j = next[j])
            sided = one_sided(c, &c->d->events.v[j]);
        if (sided)
            return;
    }
    /* ... and within the kind of act its mentions tell (violence, unrest),
     * or a type one of them has */
    bool told = best == SR_ACLED_S_MOB || family(type_of_sub((uint8_t)best)) == family(h->acled_type);
    for (int32_t j = next[hi_idx]; j >= 0 && !told; j = next[j])
        told = c->d->events.v[j].acled_sub == best;
    if (!told)
        return;
    h->acled_sub = (uint8_t)best;
    h->acled_type = type_of_sub((uint8_t)best);
}

/* The mentions of one incident in an article become one event listing
 * them: each asserted event with an ACLED type joins the latest of the
 * last few incidents it agrees with (kind, date, place, background or
 * not), else opens one. */
static sitrep_status merge_incidents(ectx *c)
{
    sr_doc *d = c->d;
    uint32_t n = d->events.n;
    if (!n)
        return SITREP_OK;
    int32_t *head = sr_arena_alloc(d->arena, n * sizeof *head);
    uint32_t *count = sr_arena_calloc(d->arena, n, sizeof *count);
    if (!head || !count)
        return SITREP_ENOMEM;
    uint32_t open[INCIDENT_LOOKBACK], latest[INCIDENT_LOOKBACK], nopen = 0;
    for (uint32_t i = 0; i < n; i++) {
        sr_event *e = &d->events.v[i];
        head[i] = -1;
        if (!incident_event(e))
            continue;
        uint32_t se = sentence_of(d, e->trig_start), slot = 0;
        for (uint32_t k = nopen; k > 0 && nopen - k < INCIDENT_LOOKBACK; k--) {
            slot = (k - 1) % INCIDENT_LOOKBACK;
            if (same_incident(c, &d->events.v[open[slot]], e, latest[slot], se)) {
                head[i] = (int32_t)open[slot];
                break;
            }
        }
        if (head[i] >= 0) {
            join_incident(c, &d->events.v[head[i]], e);
            count[head[i]]++;
            latest[slot] = se;
        } else {
            open[nopen % INCIDENT_LOOKBACK] = i;
            latest[nopen++ % INCIDENT_LOOKBACK] = se;
        }
    }
    /* the heads list their mentions (a list through next[], in text
     * order), are typed, and the mentions that joined go */
    int32_t *next = sr_arena_alloc(d->arena, n * sizeof *next), *tail = sr_arena_alloc(d->arena, n * sizeof *tail);
    if (!next || !tail)
        return SITREP_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        next[i] = -1, tail[i] = (int32_t)i;
        if (head[i] >= 0)
            next[tail[head[i]]] = (int32_t)i, tail[head[i]] = (int32_t)i;
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < n; i++) {
        sr_event *e = &d->events.v[i];
        if (head[i] >= 0)
            continue;
        if (incident_event(e))
            type_incident(c, e, i, next);
        if (count[i]) {
            sr_event_mention *m = sr_arena_alloc(d->arena, (count[i] + 1) * sizeof *m);
            if (!m)
                return SITREP_ENOMEM;
            m[0] = (sr_event_mention){e->start, e->end, e->trig_start, e->trig_end, e->reported_by};
            uint32_t k = 1;
            for (int32_t j = next[i]; j >= 0; j = next[j]) {
                const sr_event *x = &d->events.v[j];
                m[k++] = (sr_event_mention){x->start, x->end, x->trig_start, x->trig_end, x->reported_by};
            }
            e->mentions = m;
            e->nmentions = k;
        }
        d->events.v[w++] = *e;
    }
    d->events.n = w;
    return SITREP_OK;
}

sitrep_status sr_event_run(sr_doc *d, const sitrep_model *m)
{
    if (!d->tokens.n || !d->sentences.n || !m || !d->tags)
        return SITREP_OK;
    uint32_t ntraced = 0;
    ectx c = {.d = d, .m = m, .last_loc_entity = -1, .last_date_time = -1, .cues_lo = UINT32_MAX,
              .parse_on_demand = true, .ntraced = &ntraced};
    open_gate(&c);
    sitrep_status st = index_doc(&c);
    if (st != SITREP_OK)
        return st;
    bool had_parse = d->deprels != NULL;
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        const sr_sentence *se = &d->sentences.v[s];
        if (!se->tok_n)
            continue;
        if (s == 0 || para_break(d, se->tok_first)) {
            c.para_lo = se->tok_first;
            c.last_loc_entity = -1;
            c.last_date_time = -1;
            uint32_t q = s + 1;
            while (q < d->sentences.n && !para_break(d, d->sentences.v[q].tok_first))
                q++;
            c.para_hi = d->sentences.v[q - 1].tok_first + d->sentences.v[q - 1].tok_n;
        }
        st = sentence_events(&c, se->tok_first, se->tok_first + se->tok_n);
        if (st != SITREP_OK)
            return st;
    }
    if (!had_parse) /* the parse the stage made for itself is no output */
        d->upos = NULL, d->heads = NULL, d->deprels = NULL;
    return merge_incidents(&c);
}
