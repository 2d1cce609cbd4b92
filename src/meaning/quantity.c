/*
 * quantity.c: stage "quantity".  Input: tokens, tags, lemmas, times.
 * Output: doc->quantities, counts with what they count:
 *   "more than 130 people"   value 130, min 130, approx, unit people
 *   "300-400 fighters"       min 300, max 400, unit fighter
 *   "between 300 and 400"    min 300, max 400
 *   "dozens of civilians"    min 12 (ACLED's reading), approx, unit civilian
 *   "five soldiers"          5, unit soldier
 * and the casualty word that goes with them (killed, dead, wounded,
 * injured, missing, abducted, arrested), kept for the event stage.
 * Numbers inside time expressions (dates, durations) are no quantities.
 */
#include "meaning/meaning.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

typedef struct qctx {
    sr_doc *d;
    const sitrep_model *m;
    uint32_t lo, hi; /* the sentence */
    uint8_t *in_time;
} qctx;

static const char *qw(const qctx *c, uint32_t i, uint32_t *n)
{
    const sr_token *t = &c->d->tokens.v[i];
    *n = t->nend - t->nstart;
    return c->d->norm + t->nstart;
}

static bool is(const qctx *c, uint32_t i, const char *w)
{
    if (i >= c->hi)
        return false;
    uint32_t n;
    const char *s = qw(c, i, &n);
    /* the first letter first: most calls fail there */
    return n && (s[0] | 0x20) == w[0] && strncasecmp(s, w, n) == 0 && w[n] == 0;
}

static const char *const small[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                    "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                                    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                                    "nineteen", "twenty"};
static const char *const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
                                   "seventy", "eighty", "ninety"};

/* A number written in one token: "1,200", "3.5", "twenty", "twenty-five". */
static bool token_number(const qctx *c, uint32_t i, double *v)
{
    if (i >= c->hi)
        return false;
    uint32_t n;
    const char *s = qw(c, i, &n);
    if (n && s[0] >= '0' && s[0] <= '9') {
        char buf[32];
        uint32_t o = 0;
        for (uint32_t k = 0; k < n && o + 1 < sizeof buf; k++) {
            if (s[k] == ',')
                continue;
            if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '.'))
                return false;
            buf[o++] = s[k];
        }
        buf[o] = 0;
        *v = strtod(buf, NULL);
        return true;
    }
    if (!n)
        return false;
    char first = (char)(s[0] | 0x20); /* the words listed are in lower case */
    for (int k = 0; k <= 20; k++)
        if (small[k][0] == first && n == strlen(small[k]) && strncasecmp(s, small[k], n) == 0) {
            *v = k;
            return true;
        }
    for (int t = 2; t < 10; t++) {
        if (tens[t][0] != first)
            continue;
        size_t l = strlen(tens[t]);
        if (n == l && strncasecmp(s, tens[t], n) == 0) {
            *v = t * 10;
            return true;
        }
        if (n > l + 1 && strncasecmp(s, tens[t], l) == 0 && s[l] == '-')
            for (int u = 1; u < 10; u++)
                if (n - l - 1 == strlen(small[u]) && strncasecmp(s + l + 1, small[u], n - l - 1) == 0) {
                    *v = t * 10 + u;
                    return true;
                }
    }
    return false;
}

/* A number of one or more tokens: "1.5 million", "two hundred", "a dozen";
 * returns the tokens used, 0 if none. */
static uint32_t number(const qctx *c, uint32_t i, double *v)
{
    uint32_t k = i;
    if (is(c, k, "a") && (is(c, k + 1, "dozen") || is(c, k + 1, "hundred") ||
                          is(c, k + 1, "thousand") || is(c, k + 1, "million"))) {
        *v = 1;
        k++;
    } else if (!token_number(c, k, v)) {
        return 0;
    } else {
        k++;
    }
    for (;;) {
        if (is(c, k, "dozen"))
            *v *= 12;
        else if (is(c, k, "hundred"))
            *v *= 100;
        else if (is(c, k, "thousand"))
            *v *= 1000;
        else if (is(c, k, "million") || is(c, k, "mln"))
            *v *= 1e6;
        else if (is(c, k, "billion") || is(c, k, "bln"))
            *v *= 1e9;
        else
            break;
        k++;
    }
    return k - i;
}

static bool token_in_time(const qctx *c, uint32_t i) { return c->in_time && c->in_time[i]; }

/* The counted noun after tokens ending at i: skips adjectives, numbers'
 * words and "of" ("dozens of civilians", "2 former policemen"). */
static uint32_t counted_noun(const qctx *c, uint32_t i)
{
    const sr_doc *d = c->d;
    if (!d->tags || !c->m)
        return UINT32_MAX;
    uint32_t k = i;
    if (is(c, k, "of"))
        k++;
    if (is(c, k, "the") || is(c, k, "them") || is(c, k, "their"))
        return UINT32_MAX; /* "three of the soldiers": counted later */
    for (uint32_t lim = k + 4; k < c->hi && k < lim; k++) {
        const char *tag = sr_tag_name(c->m, d->tags[k]);
        if (tag[0] == 'N' && tag[1] == 'N')
            return k;
        if (tag[0] == 'J' || strcmp(tag, "VBN") == 0 || strcmp(tag, "VBG") == 0 ||
            (d->tokens.v[k].flags & SR_TF_HYPHEN))
            continue; /* "armed", "wounded", "pro-government" */
        break;
    }
    return UINT32_MAX;
}

static const char *const casualty_words[] = {"killed", "dead", "died", "wounded", "injured",
                                             "hurt", "missing", "abducted", "kidnapped",
                                             "arrested", "detained", "displaced", "fatalities",
                                             "deaths", "casualties", "executed", "massacred",
                                             "slain", NULL};

/* The casualty word within the clause near a count: "killed 130 people",
 * "130 people were killed", "at least 12 dead". */
static const char *casualty_near(const qctx *c, uint32_t a, uint32_t b)
{
    bool blocked[2] = {false, false}; /* a sentence or clause end on that side */
    for (uint32_t dist = 0; dist < 6; dist++) {
        int64_t idx[2] = {(int64_t)b + dist, (int64_t)a - 1 - dist};
        for (int s = 0; s < 2; s++) {
            int64_t i = idx[s];
            if (blocked[s] || i < (int64_t)c->lo || i >= (int64_t)c->hi)
                continue;
            uint32_t n;
            const char *w = qw(c, (uint32_t)i, &n);
            if (n == 1 && (w[0] == '.' || w[0] == ';')) {
                blocked[s] = true;
                continue;
            }
            /* the words listed are in lower case: the first letter first */
            char first = n ? (char)(w[0] | 0x20) : 0;
            for (int k = 0; casualty_words[k]; k++)
                if (casualty_words[k][0] == first && n == strlen(casualty_words[k]) &&
                    strncasecmp(w, casualty_words[k], n) == 0)
                    return casualty_words[k];
            /* "killing three people", "wounding nine": the participle's act */
            static const char *const ing[][2] = {{"killing", "killed"}, {"wounding", "wounded"},
                                                 {"injuring", "injured"}, {"kills", "killed"},
                                                 {"abducting", "abducted"}, {"kidnapping", "kidnapped"},
                                                 {"arresting", "arrested"}, {"detaining", "detained"}};
            for (size_t k = 0; s == 1 && k < sizeof ing / sizeof ing[0]; k++)
                if (ing[k][0][0] == first && n == strlen(ing[k][0]) && strncasecmp(w, ing[k][0], n) == 0)
                    return ing[k][1];
        }
    }
    return NULL;
}

static bool add(qctx *c, uint32_t first, uint32_t last, double value, double min, double max,
                bool approx, uint32_t unit_tok)
{
    sr_doc *d = c->d;
    sr_quantity *q = SR_VEC_PUSH(d->arena, &d->quantities);
    if (!q)
        return false;
    q->start = d->tokens.v[first].start;
    q->end = d->tokens.v[last].end;
    q->value = value;
    q->min = min;
    q->max = max;
    q->approx = approx;
    q->unit = NULL;
    if (unit_tok != UINT32_MAX) {
        char lemma[64];
        size_t n = sr_lemma_of(d, c->m, unit_tok, lemma, sizeof lemma);
        for (size_t k = 0; k < n; k++)
            if (lemma[k] >= 'A' && lemma[k] <= 'Z')
                lemma[k] = (char)(lemma[k] + 32);
        /* "people" stays people (WordNet would give person) */
        uint32_t wn;
        const char *w = qw(c, unit_tok, &wn);
        if (wn == 6 && strncasecmp(w, "people", 6) == 0)
            n = 6, memcpy(lemma, "people", 6);
        q->unit = sr_arena_strndup(d->arena, lemma, n);
        if (!q->unit)
            return false;
        q->unit_start = d->tokens.v[unit_tok].start;
        q->unit_end = d->tokens.v[unit_tok].end;
    }
    q->casualty = casualty_near(c, first, (unit_tok != UINT32_MAX ? unit_tok : last) + 1);
    return true;
}

/* Words that can start a quantity (besides numbers). */
static sr_wordfilter starters;
__attribute__((constructor)) static void init_starters(void)
{
    static const char *const w[] = {"about", "around", "nearly", "almost", "approximately",
                                    "roughly", "some", "estimated", "over", "more", "fewer",
                                    "less", "at", "up", "as", "dozens", "scores", "hundreds",
                                    "thousands", "tens", "millions", "between", "a", NULL};
    for (int k = 0; w[k]; k++)
        sr_wordfilter_add(&starters, w[k]);
    for (int k = 0; k <= 20; k++)
        sr_wordfilter_add(&starters, small[k]);
    for (int k = 2; k < 10; k++)
        sr_wordfilter_add(&starters, tens[k]);
}

static bool may_start(const qctx *c, uint32_t i)
{
    uint32_t n;
    const char *s = qw(c, i, &n);
    if (!n)
        return false;
    if (s[0] >= '0' && s[0] <= '9')
        return true;
    const char *h = memchr(s, '-', n); /* "twenty-five" */
    return sr_wordfilter_has(&starters, s, h ? (size_t)(h - s) : n);
}

static bool sentence(qctx *c)
{
    sr_doc *d = c->d;
    for (uint32_t i = c->lo; i < c->hi; i++) {
        if (token_in_time(c, i) || !may_start(c, i))
            continue;
        uint32_t first = i;
        bool approx = false;
        int bound = 0; /* 1 more than / at least, -1 up to / fewer than */
        /* approximators */
        if (is(c, i, "about") || is(c, i, "around") || is(c, i, "nearly") || is(c, i, "almost") ||
            is(c, i, "approximately") || is(c, i, "roughly") || is(c, i, "some") ||
            is(c, i, "estimated") || is(c, i, "over")) {
            approx = true;
            bound = is(c, i, "over") ? 1 : 0;
            i++;
        } else if ((is(c, i, "more") || is(c, i, "fewer") || is(c, i, "less")) && is(c, i + 1, "than")) {
            approx = true;
            bound = is(c, i, "more") ? 1 : -1;
            i += 2;
        } else if ((is(c, i, "at") && (is(c, i + 1, "least") || is(c, i + 1, "most"))) ||
                   (is(c, i, "up") && is(c, i + 1, "to"))) {
            approx = true;
            bound = is(c, i + 1, "least") ? 1 : -1;
            i += 2;
        } else if (is(c, i, "as") && is(c, i + 1, "many") && is(c, i + 2, "as")) {
            approx = true;
            bound = -1;
            i += 3;
        }
        /* vague counts: "dozens of", "hundreds of", "thousands of", "scores of" */
        static const struct { const char *w; double v; } vague[] = {
            {"dozens", 12}, {"scores", 20}, {"hundreds", 100}, {"thousands", 1000},
            {"tens", 10}, {"millions", 1e6}};
        bool done = false;
        for (size_t k = 0; k < sizeof vague / sizeof *vague && !done; k++)
            if (is(c, i, vague[k].w) && is(c, i + 1, "of")) {
                uint32_t u = counted_noun(c, i + 2);
                if (!add(c, first, u != UINT32_MAX ? u : i, vague[k].v, vague[k].v, NAN, true, u))
                    return false;
                i = u != UINT32_MAX ? u : i + 1;
                done = true;
            }
        if (done)
            continue;
        double v, v2;
        uint32_t n;
        /* "between 300 and 400" */
        if (is(c, i, "between") && (n = number(c, i + 1, &v)) && is(c, i + 1 + n, "and")) {
            uint32_t n2 = number(c, i + 2 + n, &v2);
            if (n2) {
                uint32_t end = i + 2 + n + n2, u = counted_noun(c, end);
                if (!add(c, first, u != UINT32_MAX ? u : end - 1, NAN, v, v2, true, u))
                    return false;
                i = (u != UINT32_MAX ? u : end - 1);
                continue;
            }
        }
        /* a range token "300-400" */
        if (i < c->hi && (d->tokens.v[i].flags & SR_TF_RANGE) && d->tokens.v[i].kind == SR_TOK_NUMBER) {
            uint32_t tn;
            const char *s = qw(c, i, &tn);
            const char *h = memchr(s, '-', tn);
            if (h) {
                double a = strtod(s, NULL), b = strtod(h + 1, NULL);
                uint32_t u = counted_noun(c, i + 1);
                if (!add(c, first, u != UINT32_MAX ? u : i, NAN, a, b, approx, u))
                    return false;
                i = u != UINT32_MAX ? u : i;
                continue;
            }
        }
        n = number(c, i, &v);
        if (!n || token_in_time(c, i)) {
            i = first;
            continue;
        }
        uint32_t end = i + n;
        /* "300 to 400" */
        double max = NAN;
        if ((is(c, end, "to") || is(c, end, "or")) && (number(c, end + 1, &v2))) {
            uint32_t n2 = number(c, end + 1, &v2);
            max = v2;
            end += 1 + n2;
        }
        /* years, percentages and money are other things */
        uint32_t u = counted_noun(c, end);
        if (is(c, end, "%") || is(c, end, "percent") || is(c, end, "per")) {
            i = end - 1;
            continue;
        }
        if (first > c->lo && (is(c, first - 1, "$") || is(c, first - 1, "No.")))
            continue;
        /* "a rival one", "two of them": a number word counts nothing here */
        if (u == UINT32_MAX && d->tokens.v[i].kind == SR_TOK_WORD) {
            i = end - 1;
            continue;
        }
        bool is_max = !isnan(max);
        double lo = is_max ? v : (bound < 0 ? NAN : v), hi = is_max ? max : (bound > 0 ? NAN : v);
        if (!add(c, first, u != UINT32_MAX ? u : end - 1, is_max ? NAN : v, lo, hi, approx, u))
            return false;
        i = u != UINT32_MAX ? u : end - 1;
    }
    return true;
}

sitrep_status sr_quantity_run(sr_doc *d, const sitrep_model *m)
{
    qctx c = {.d = d, .m = m};
    if (d->times.n) {
        c.in_time = sr_arena_calloc(d->arena, d->tokens.n + 1, 1);
        if (!c.in_time)
            return SITREP_ENOMEM;
        uint32_t k = 0;
        for (uint32_t t = 0; t < d->times.n; t++)
            for (; k < d->tokens.n && d->tokens.v[k].start < d->times.v[t].end; k++)
                if (d->tokens.v[k].end > d->times.v[t].start)
                    c.in_time[k] = 1;
    }
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        c.lo = d->sentences.v[s].tok_first;
        c.hi = c.lo + d->sentences.v[s].tok_n;
        if (!sentence(&c))
            return SITREP_ENOMEM;
    }
    return SITREP_OK;
}
