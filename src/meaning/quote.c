/*
 * quote.c: stage "quote".  Input: tokens (quote marks flagged open or
 * closed by the segmenter), tags, entities.  Output: doc->quotes.
 *
 * Direct quotes: text between double quote marks, in the orders news uses:
 *   "...," said X        "...," X said        X said: "..."
 *   "...," X, a spokesman, said        "...," said a statement by X
 *   a quote split around its cue, and a quote running over paragraphs
 *   (each paragraph opens again and only the last one closes).
 * A short quoted phrase with no cue (“caliphate”, single-quoted ‘final
 * assault’) is no speech.  Reported speech (direct = false): "X said
 * (that) ...", "according to X, ...", "... , X said", with the verbs of
 * saying, claiming and estimating.  The speaker is the entity the speaker's
 * words mention (he, she and they: the latest person or group before).
 */
#include "meaning/meaning.h"

#include <stdlib.h>
#include <strings.h>

static const char *const speech_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "declared",
    "announced", "announces", "explained", "warned", "warns", "insisted", "noted", "wrote",
    "asked", "replied", "claimed", "claims", "estimated", "estimates", "described", "reported",
    "reports", "confirmed", "confirms", "denied", "denies", "argued", "urged", "predicted",
    "acknowledged", "admitted", "alleged", "tweeted", "quoted", NULL};

/* How far "he said" looks back token by token for its speaker before it
 * asks the running indexes (the answer is the same either way). */
#define NEAR_SPEAKER 256

typedef struct qtx {
    sr_doc *d;
    const sitrep_model *m;
    uint32_t *ent_at; /* per token: entity index + 1 of a mention there, or 0 */
    uint8_t *src_at;  /* per token: the mention's source */
    /* per token i, made on first use: 1 + the latest token before i in a
     * person's (last_person) or an organization's (last_org) mention, or 0;
     * "he said" finds its speaker without a scan back through the text */
    uint32_t *last_person, *last_org;
    bool nomem;
} qtx;

static bool is(const qtx *c, uint32_t i, const char *w) { return sr_tok_is(c->d, i, w); }

static sr_wordfilter verbs;
__attribute__((constructor)) static void init_verbs(void)
{
    for (int k = 0; speech_verbs[k]; k++)
        sr_wordfilter_add(&verbs, speech_verbs[k]);
}

/* A verb of saying at token i: one of the list, used as a verb — never
 * inside a name ("United States"), never tagged or parsed as a noun or
 * adjective ("the states", "a noted author"). */
static bool speech_verb(const qtx *c, uint32_t i)
{
    const sr_doc *d = c->d;
    if (i >= d->tokens.n)
        return false;
    const sr_token *t = &d->tokens.v[i];
    if (!sr_wordfilter_has(&verbs, d->norm + t->nstart, t->nend - t->nstart))
        return false;
    bool listed = false;
    for (int k = 0; speech_verbs[k] && !listed; k++)
        listed = is(c, i, speech_verbs[k]);
    if (!listed || c->ent_at[i])
        return false;
    if (sr_parsed(d, i))
        return d->upos[i] == SR_UPOS_VERB;
    return !d->tags || !c->m || sr_tag_name(c->m, d->tags[i])[0] == 'V';
}

/* Does the verb of saying at v introduce a clause — is it what reports
 * speech, not "added recording abilities" or "announced a dividend"?
 * From the parse when the sentence was parsed: v heads a clause (ccomp,
 * parataxis) or is the parataxis of one ("..., X said"); a noun object
 * and no clause is no speech.  Else (and where the parse says neither)
 * from the tags: "that", or a finite verb (or a modal) after at most
 * eight words before the clause ends. */
static bool introduces_clause(const qtx *c, uint32_t v, uint32_t hi)
{
    const sr_doc *d = c->d;
    if (sr_parsed(d, v)) {
        if (d->deprels[v] == SR_DEP_PARATAXIS || d->deprels[v] == SR_DEP_CCOMP ||
            sr_parse_dependent(d, v, SR_DEP_CCOMP) != UINT32_MAX ||
            sr_parse_dependent(d, v, SR_DEP_PARATAXIS) != UINT32_MAX)
            return true;
        /* a noun object and nothing clausal: "added recording abilities" */
        uint32_t o = sr_parse_object(d, v);
        if (o != UINT32_MAX && d->upos[o] == SR_UPOS_NOUN && o + 1 < hi && !is(c, o + 1, "that"))
            return false;
    }
    if (!d->tags || !c->m)
        return true;
    uint32_t i = v + 1;
    if (i < hi && (is(c, i, "that") || is(c, i, ":") || is(c, i, ",") || (d->tokens.v[i].flags & SR_TF_QUOTE)))
        return true;
    for (uint32_t k = i; k < hi && k < i + 9; k++) {
        const char *tg = sr_tag_name(c->m, d->tags[k]);
        if (is(c, k, ",") || is(c, k, ";") || (d->tokens.v[k].flags & SR_TF_SENT_END))
            return false;
        if (k > i && (strcmp(tg, "VBD") == 0 || strcmp(tg, "VBZ") == 0 || strcmp(tg, "VBP") == 0 ||
                      strcmp(tg, "MD") == 0))
            return true;
    }
    return false;
}

static bool dq(const qtx *c, uint32_t i)
{
    const sr_token *t = &c->d->tokens.v[i];
    return (t->flags & SR_TF_QUOTE) && c->d->norm[t->nstart] == '"';
}

/* The sentence bounds (token range) around token i: stops at a sentence end
 * outside quotes, or a line break. */
static bool line_break(const sr_doc *d, uint32_t i)
{
    return i > 0 && memchr(d->text + d->tokens.v[i - 1].end, '\n',
                           d->tokens.v[i].start - d->tokens.v[i - 1].end) != NULL;
}

/* Fills c->last_person and c->last_org in one pass over the tokens. */
static bool latest_mentions(qtx *c)
{
    const sr_doc *d = c->d;
    uint32_t n = d->tokens.n;
    c->last_person = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->last_person);
    c->last_org = sr_arena_alloc(d->arena, (n + 1) * sizeof *c->last_org);
    if (!c->last_person || !c->last_org) {
        c->last_person = c->last_org = NULL;
        c->nomem = true;
        return false;
    }
    uint32_t p = 0, o = 0;
    for (uint32_t i = 0; i < n; i++) {
        c->last_person[i] = p;
        c->last_org[i] = o;
        if (c->ent_at[i]) {
            int ty = d->entities.v[c->ent_at[i] - 1].type;
            if (ty == SR_ENT_PERSON)
                p = i + 1;
            else if (ty == SR_ENT_ORG)
                o = i + 1;
        }
    }
    c->last_person[n] = p;
    c->last_org[n] = o;
    return true;
}

/* The speaker in tokens [a, b): the first person's entity, else any
 * entity, else a pronoun resolved backwards, else none (-1). */
static int32_t speaker_in(qtx *c, uint32_t a, uint32_t b, uint32_t before)
{
    const sr_doc *d = c->d;
    int32_t any = -1;
    /* "a statement by X", "a spokesman for X": X */
    for (uint32_t i = a; i < b; i++) {
        if (!c->ent_at[i] || (c->src_at[i] == SR_MSRC_PREFIX))
            continue; /* "US-backed militias": the militias speak, not the US */
        /* "leaders from Raqqa": a modifier of the speaker, not the speaker */
        if (i > a && (is(c, i - 1, "from") || is(c, i - 1, "of") || is(c, i - 1, "in") ||
                      is(c, i - 1, "at")))
            continue;
        int32_t e = (int32_t)c->ent_at[i] - 1;
        /* "the airline's chief executive": the possessor is no speaker
         * (nor "the U.S. envoy"'s country) when a noun follows it */
        uint32_t end = i;
        while (end + 1 < b && c->ent_at[end + 1] == c->ent_at[i])
            end++;
        if (end + 2 < b && (is(c, end + 1, "'s") || is(c, end + 1, "'")) && !c->ent_at[end + 2]) {
            i = end;
            continue;
        }
        if (end + 1 < b && !c->ent_at[end + 1] && d->entities.v[e].type != SR_ENT_PERSON && d->tags &&
            c->m && sr_tag_name(c->m, d->tags[end + 1])[0] == 'N' &&
            !(d->tokens.v[end + 1].flags & SR_TF_CAP)) {
            i = end; /* "Iraqi officials", "a U.S. envoy": a modifier */
            continue;
        }
        if (d->entities.v[e].type == SR_ENT_PERSON)
            return e;
        if (any < 0 && d->entities.v[e].type != SR_ENT_NORP)
            any = e;
    }
    if (any >= 0)
        return any;
    /* "the coalition" after "the US-led coalition", "the group" is not
     * resolved here: a definite noun that ends an earlier name */
    if (b > a + 1 && is(c, b - 2, "the")) {
        int32_t e = sr_entity_named_by(d, before, b - 1, SR_ENT_ORG);
        if (e >= 0)
            return e;
    }
    bool person = false, group = false;
    for (uint32_t i = a; i < b; i++) {
        person |= is(c, i, "he") || is(c, i, "she");
        group |= is(c, i, "they") || is(c, i, "it");
    }
    if (!person && !group)
        return -1;
    /* the latest token before `before` in a mention of the wanted type:
     * near, by a short look back; farther, from the running indexes */
    for (uint32_t i = before; i > 0 && i + NEAR_SPEAKER > before; i--) {
        if (!c->ent_at[i - 1])
            continue;
        int32_t e = (int32_t)c->ent_at[i - 1] - 1;
        int ty = d->entities.v[e].type;
        if ((person && ty == SR_ENT_PERSON) || (group && ty == SR_ENT_ORG))
            return e;
    }
    if (before <= NEAR_SPEAKER)
        return -1; /* all looked at */
    if (!c->last_person && !latest_mentions(c))
        return -1;
    uint32_t at = 0;
    if (person)
        at = c->last_person[before];
    if (group && c->last_org[before] > at)
        at = c->last_org[before];
    return at ? (int32_t)c->ent_at[at - 1] - 1 : -1;
}

/* The speaker of the verb of saying at v, its words in [a, b): from the
 * parse when the sentence was parsed — the verb's subject, resolved (a
 * name's entity; a pronoun as speaker_in resolves it; a noun that names
 * no entity, "the airline's chief executive", none) — else speaker_in. */
static int32_t speaker_of(qtx *c, uint32_t v, uint32_t a, uint32_t b, uint32_t before)
{
    const sr_doc *d = c->d;
    if (v != UINT32_MAX && sr_parsed(d, v)) {
        uint32_t s = sr_parse_subject(d, v);
        if (s != UINT32_MAX && s < d->tokens.n) {
            if (c->ent_at[s] && c->src_at[s] != SR_MSRC_PREFIX)
                return (int32_t)c->ent_at[s] - 1;
            if (d->upos[s] == SR_UPOS_PRON)
                return speaker_in(c, s, s + 1, before);
            if (d->upos[s] == SR_UPOS_NOUN) /* "the coalition": a name it ends */
                return speaker_in(c, s > 0 && is(c, s - 1, "the") ? s - 1 : s, s + 1, before);
        }
    }
    return speaker_in(c, a, b, before);
}

static bool add_quote(qtx *c, uint32_t s_tok, uint32_t e_tok, bool direct, int32_t speaker,
                      uint32_t sp_a, uint32_t sp_b, uint32_t cue)
{
    sr_doc *d = c->d;
    if (e_tok < s_tok)
        return true;
    sr_quote *q = SR_VEC_PUSH(d->arena, &d->quotes);
    if (!q)
        return false;
    q->start = d->tokens.v[s_tok].start;
    q->end = d->tokens.v[e_tok].end;
    q->direct = direct;
    q->speaker = speaker;
    q->speaker_start = sp_b > sp_a ? d->tokens.v[sp_a].start : 0;
    q->speaker_end = sp_b > sp_a ? d->tokens.v[sp_b - 1].end : 0;
    q->cue_start = cue != UINT32_MAX ? d->tokens.v[cue].start : 0;
    q->cue_end = cue != UINT32_MAX ? d->tokens.v[cue].end : 0;
    q->has_cue = cue != UINT32_MAX;
    return true;
}

/* The end of a speaker phrase starting at token i: up to a comma,
 * sentence end, quote or line break, at most 12 tokens. */
static uint32_t phrase_end(const qtx *c, uint32_t i)
{
    const sr_doc *d = c->d;
    uint32_t k = i;
    while (k < d->tokens.n && k < i + 12 && !(d->tokens.v[k].flags & (SR_TF_QUOTE | SR_TF_SENT_END)) &&
           !is(c, k, ",") && !is(c, k, ";") && !(k > i && line_break(d, k)))
        k++;
    return k;
}

/* Attribution after a closing quote at token q: ", said X" / ", X said" /
 * ", X, a spokesman, said".  Fills the speaker phrase and cue. */
static bool after_cue(const qtx *c, uint32_t q, uint32_t *sa, uint32_t *sb, uint32_t *cue)
{
    const sr_doc *d = c->d;
    uint32_t i = q + 1;
    if (i < d->tokens.n && line_break(d, i))
        return false;
    if (is(c, i, ","))
        i++;
    if (speech_verb(c, i)) {
        *cue = i;
        *sa = i + 1;
        *sb = phrase_end(c, i + 1);
        return *sb > *sa;
    }
    /* NP then verb: the verb within 12 tokens, before any sentence end */
    for (uint32_t k = i; k < d->tokens.n && k < i + 12; k++) {
        if ((d->tokens.v[k].flags & (SR_TF_SENT_END | SR_TF_QUOTE)) || (k > i && line_break(d, k)))
            break;
        if (speech_verb(c, k)) {
            *cue = k;
            *sa = i;
            /* "X, a spokesman for Y, said": the name before the apposition */
            uint32_t e = k;
            while (e > i && is(c, e - 1, ","))
                e--;
            *sb = e;
            return k > i;
        }
    }
    return false;
}

/* Attribution before an opening quote at token q: "X said: ..." or
 * "X said, ...". */
static bool before_cue(const qtx *c, uint32_t q, uint32_t lo, uint32_t *sa, uint32_t *sb, uint32_t *cue,
                       bool need_punct)
{
    if (q == 0 || line_break(c->d, q))
        return false;
    uint32_t i = q;
    if (i > lo && (is(c, i - 1, ":") || is(c, i - 1, ",")))
        i--;
    else if (need_punct)
        return false; /* "declared a “caliphate”": a word, not speech */
    /* the verb, maybe followed by "on Sunday": within 4 tokens */
    for (uint32_t k = i; k > lo && k + 5 > i; k--) {
        if (!speech_verb(c, k - 1))
            continue;
        *cue = k - 1;
        uint32_t a = k - 1;
        while (a > lo && a + 10 > k && !is(c, a - 1, ",") && !line_break(c->d, a) &&
               !(c->d->tokens.v[a - 1].flags & (SR_TF_QUOTE | SR_TF_SENT_END)))
            a--;
        *sa = a;
        *sb = k - 1;
        return true;
    }
    return false;
}

/* Is there a line break between tokens a and b? */
static bool line_break_between(const sr_doc *d, uint32_t a, uint32_t b)
{
    for (uint32_t k = a + 1; k <= b && k < d->tokens.n; k++)
        if (line_break(d, k))
            return true;
    return false;
}

/* What each token is to the direct-quote pass. */
enum { Q_NONE, Q_DIRECT, Q_SCARE, Q_CUE };

static bool direct_quotes(qtx *c, uint32_t lo, uint32_t hi, uint8_t *quoted)
{
    sr_doc *d = c->d;
    int32_t carry = -1; /* a speaker that runs on over paragraphs */
    int32_t prev_speaker = -1;
    uint32_t prev_end = 0;
    for (uint32_t i = lo; i < hi; i++) {
        const sr_token *t = &d->tokens.v[i];
        if (!dq(c, i) || !(t->flags & SR_TF_OPEN))
            continue;
        /* the closing mark, or the paragraph's end */
        uint32_t j = i + 1;
        while (j < hi && !(dq(c, j) && (d->tokens.v[j].flags & SR_TF_CLOSE)) && !line_break(d, j))
            j++;
        bool closed = j < hi && dq(c, j) && !line_break(d, j);
        uint32_t last = closed ? j - 1 : j - 1;
        /* trailing punctuation inside the marks is not the quote's */
        while (last > i && (is(c, last, ",") || is(c, last, ".")))
            last--;
        if (last <= i) {
            i = j;
            continue;
        }
        for (uint32_t k = i; k <= j && k < hi; k++)
            quoted[k] = Q_DIRECT;
        uint32_t sa = 0, sb = 0, cue = UINT32_MAX;
        bool shortq = last - i <= 3;
        bool found = (closed && after_cue(c, j, &sa, &sb, &cue)) ||
                     before_cue(c, i, lo, &sa, &sb, &cue, shortq);
        int32_t sp = found ? speaker_of(c, cue, sa, sb, i) : -1;
        if (!found && carry >= 0 && line_break(d, i))
            sp = carry; /* a paragraph that goes on quoting */
        /* a quote split around its cue: "...," X said. "..." - the second
         * part, in the same paragraph, is X's too */
        if (!found && sp < 0 && prev_speaker >= 0 && !shortq && !line_break_between(d, prev_end, i) &&
            i > 0 && (d->tokens.v[i - 1].flags & (SR_TF_SENT_END | SR_TF_CLOSE))) {
            sp = prev_speaker;
            found = true;
        }
        /* scare quotes: a short phrase with no cue */
        if (!found && sp < 0 && shortq) {
            for (uint32_t k = i; k <= j && k < hi; k++)
                quoted[k] = Q_SCARE; /* may yet be a partial quote in reported speech */
            i = j;
            continue;
        }
        if (!add_quote(c, i + 1, last, true, sp, sa, sb, cue))
            return false;
        if (cue != UINT32_MAX)
            quoted[cue] = Q_CUE;
        prev_speaker = sp;
        prev_end = j;
        carry = closed ? (found ? -1 : carry) : sp;
        if (!closed && found)
            carry = sp;
        i = closed ? j : j - 1;
    }
    return true;
}

/* A word that opens a clause: the subject of a verb of saying starts
 * after it ("... as it declared", "... when the army said"). */
static bool subordinator(const qtx *c, uint32_t i)
{
    static const char *const w[] = {"as", "when", "while", "because", "after", "before",
                                    "since", "if", "although", "though", "whereas", "that",
                                    "which", "who", "where", "whom", NULL};
    for (int k = 0; w[k]; k++)
        if (is(c, i, w[k]))
            return true;
    return false;
}

/* Reported speech over tokens [a, b]; a phrase in quote marks inside it
 * with no cue of its own ("to “minimise civilian casualties”") is a
 * partial direct quote of the same speaker. */
static bool add_reported(qtx *c, const uint8_t *quoted, uint32_t a, uint32_t b, int32_t sp,
                         uint32_t sa, uint32_t sb, uint32_t cue)
{
    if (!add_quote(c, a, b, false, sp, sa, sb, cue))
        return false;
    for (uint32_t k = a; k <= b && k < c->d->tokens.n; k++) {
        if (quoted[k] != Q_SCARE || !dq(c, k) || !(c->d->tokens.v[k].flags & SR_TF_OPEN))
            continue;
        uint32_t e = k + 1;
        while (e <= b && e < c->d->tokens.n && quoted[e] == Q_SCARE && !dq(c, e))
            e++;
        if (e > b || e >= c->d->tokens.n || !dq(c, e) || e == k + 1)
            break;
        if (e == k + 2) {
            k = e; /* one quoted word is a term (a “caliphate”), not speech */
            continue;
        }
        uint32_t last = e - 1;
        while (last > k + 1 && (is(c, last, ",") || is(c, last, ".")))
            last--;
        if (!add_quote(c, k + 1, last, true, sp, sa, sb, cue))
            return false;
        k = e;
    }
    return true;
}

/* A look back from a verb of saying to where its subject starts, within
 * one sentence: the result for the verbs before is kept, so a sentence's
 * tokens are looked at once however many such verbs it holds. */
typedef struct lookback {
    uint32_t at;    /* the last position asked about (the sentence start at first) */
    uint32_t found; /* its answer */
} lookback;

/* The latest k <= v (k > the sentence start) whose token k - 1 is a comma
 * (or, with `clause`, quoted or a subordinator), else the sentence start.
 * Calls for one sentence come with v never decreasing. */
static uint32_t look_back(const qtx *c, lookback *lb, uint32_t v, const uint8_t *quoted, bool clause)
{
    for (uint32_t k = v; k > lb->at; k--)
        if (is(c, k - 1, ",") || (clause && (quoted[k - 1] || subordinator(c, k - 1)))) {
            lb->at = v;
            lb->found = k;
            return k;
        }
    lb->at = v;
    return lb->found;
}

/* Reported speech: "X said (that) ...", "according to X, ...", "..., X
 * said", in sentences whose verb of saying attributes no direct quote. */
static bool reported(qtx *c, const uint8_t *quoted)
{
    sr_doc *d = c->d;
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        uint32_t lo = d->sentences.v[s].tok_first, hi = lo + d->sentences.v[s].tok_n;
        /* "according to X" */
        for (uint32_t i = lo; i + 2 < hi; i++) {
            if (!is(c, i, "according") || !is(c, i + 1, "to"))
                continue;
            uint32_t pe = phrase_end(c, i + 2);
            int32_t sp = speaker_in(c, i + 2, pe, i);
            uint32_t a = lo, b = hi - 1;
            if (i == lo) /* "According to X, ...": what follows */
                a = pe < hi && is(c, pe, ",") ? pe + 1 : pe;
            else
                b = i > lo && is(c, i - 1, ",") ? i - 2 : i - 1;
            while (b > a && (d->tokens.v[b].flags & SR_TF_SENT_END))
                b--;
            if (!add_reported(c, quoted, a, b, sp, i + 2, pe, i))
                return false;
            goto next;
        }
        lookback comma = {lo, lo}, clause = {lo, lo};
        for (uint32_t v = lo; v < hi; v++) {
            if (!speech_verb(c, v) || is(c, v, "asked") || is(c, v, "quoted") || quoted[v])
                continue;
            /* "X said (on Sunday) (that) CLAUSE" */
            uint32_t a = v + 1;
            uint32_t sa = lo, sb = v;
            if (v > lo && is(c, v - 1, ",")) {
                /* "CLAUSE, X said" does not happen here: the verb follows
                 * its subject; "..., the army said" */
                continue;
            }
            if (v + 1 < hi && is(c, v + 1, ".")) {
                /* "CLAUSE, X said." */
                uint32_t k = look_back(c, &comma, v, quoted, false);
                if (k <= lo + 1)
                    continue;
                int32_t sp = speaker_of(c, v, k, v, k);
                if (!add_reported(c, quoted, lo, k - 2, sp, k, v, v))
                    return false;
                goto next;
            }
            if (!introduces_clause(c, v, hi))
                continue; /* "added recording abilities": no speech */
            while (a < hi && (is(c, a, "on") || is(c, a, "that") || is(c, a, "in") ||
                              (d->tags && c->m && strncmp(sr_tag_name(c->m, d->tags[a]), "RB", 2) == 0) ||
                              (d->tags && c->m && sr_tag_name(c->m, d->tags[a])[0] == 'N' &&
                               !c->ent_at[a] && a == v + 2 && is(c, v + 1, "on"))))
                a++;
            if (a + 2 >= hi)
                continue;
            /* the subject: from the sentence start, the last comma or the
             * end of a quote before it */
            sa = look_back(c, &clause, v, quoted, true);
            if (sa < v && (is(c, sa, "and") || is(c, sa, "but")))
                sa++; /* ", and former hostages said" */
            int32_t sp = speaker_of(c, v, sa, sb, sa);
            if (sp < 0 && !(sb > sa && d->tags && c->m))
                continue;
            uint32_t b = hi - 1;
            while (b > a && (d->tokens.v[b].flags & SR_TF_SENT_END))
                b--;
            if (!add_reported(c, quoted, a, b, sp, sa, sb, v))
                return false;
            goto next;
        }
    next:;
    }
    return true;
}

static int cmp_quote(const void *a, const void *b)
{
    const sr_quote *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

sitrep_status sr_quote_run(sr_doc *d, const sitrep_model *m)
{
    if (!d->tokens.n)
        return SITREP_OK;
    qtx c = {.d = d, .m = m};
    c.ent_at = sr_arena_calloc(d->arena, d->tokens.n + 1, sizeof *c.ent_at);
    uint8_t *quoted = sr_arena_calloc(d->arena, d->tokens.n + 1, 1);
    if (!c.ent_at || !quoted)
        return SITREP_ENOMEM;
    c.src_at = sr_arena_calloc(d->arena, d->tokens.n + 1, 1);
    if (!c.src_at)
        return SITREP_ENOMEM;
    for (uint32_t k = 0; k < d->mentions.n; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        for (uint32_t j = 0; j < mn->tok_n; j++) {
            c.ent_at[mn->tok_first + j] = mn->entity + 1;
            c.src_at[mn->tok_first + j] = mn->src;
        }
    }
    /* body text only: each run of body sentences */
    if (d->sentences.n) {
        uint32_t lo = d->sentences.v[0].tok_first;
        const sr_sentence *last = &d->sentences.v[d->sentences.n - 1];
        if (!direct_quotes(&c, lo, last->tok_first + last->tok_n, quoted))
            return SITREP_ENOMEM;
    }
    if (!reported(&c, quoted) || c.nomem)
        return SITREP_ENOMEM;
    /* in text order */
    if (d->quotes.n > 1)
        qsort(d->quotes.v, d->quotes.n, sizeof *d->quotes.v, cmp_quote);
    return SITREP_OK;
}
