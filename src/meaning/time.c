/*
 * time.c: stage "time".  Input: tokens, tags, meta.published.  Output:
 * doc->times, TIMEX3 expressions with their type and value, relative ones
 * resolved against the publication date (never guessed without one).
 *
 * A table of rules (see `rules` below), tried in order at each token: each
 * rule a sequence of token classes and words with a normalizer that
 * computes the type and value.  The rules cover:
 *   dates     "Oct. 15, 2017", "15 October 2017", "October 2017", "Oct. 15",
 *             "2017-10-15", "10/15/2017", "1989", "fiscal 1989", "the 1990s",
 *             weekdays ("Saturday", "Friday, Oct. 23"), "third-quarter",
 *             "the third quarter of 1989", seasons, "early December";
 *   relative  today, yesterday, tomorrow, tonight, last night, "last year",
 *             "this week", "next month", "earlier this month", "N days
 *             ago", "a year earlier", the weekend;
 *   vague     now, currently, recently, soon, the future, the past;
 *   durations "four months" P4M, "two years" P2Y, "27-year" P27Y, "the past
 *             two months", "weeks" PXW;
 *   times     "5 p.m.", "10:30 a.m.", "Friday morning";
 *   sets      daily, weekly, "every Friday", "each day".
 * Weekdays, months and seasons without a year take the clause's tense
 * (the nearest verb): in a past clause the latest one on or before the
 * publication date, in a future clause the next one, else the nearest.
 */
#include "meaning/meaning.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <strings.h>

const char *const sr_timex_type_names[SR_TX__COUNT] = {"DATE", "TIME", "DURATION", "SET"};

/* ---- calendar ---------------------------------------------------------------- */

/* 1 = Monday ... 7 = Sunday */
static int weekday_of(int64_t z)
{
    int w = (int)((z % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
    return w + 1;
}

static void iso_week(int64_t z, int *wy, int *wn)
{
    int wd = weekday_of(z);
    int64_t thu = z - wd + 4; /* the Thursday of this week decides the year */
    int y, m, d;
    sr_civil_from_days(thu, &y, &m, &d);
    *wy = y;
    *wn = (int)((thu - sr_days_from_civil(y, 1, 1)) / 7 + 1);
}

static int days_in_month(int y, int m)
{
    return (int)(sr_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - sr_days_from_civil(y, m, 1));
}

/* ---- words -------------------------------------------------------------------- */

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};
static const char *const mon_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};
static const char *const numbers[] = {"zero", "one", "two", "three", "four", "five", "six",
                                      "seven", "eight", "nine", "ten", "eleven", "twelve",
                                      "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                      "eighteen", "nineteen", "twenty"};
static const char *const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
                                   "seventy", "eighty", "ninety"};
static const char *const ordinals[] = {"", "first", "second", "third", "fourth"};

typedef struct tctx {
    sr_doc *d;
    const sitrep_model *m;
    bool dct_ok;
    int dy, dm, dd; /* publication date */
    int64_t dz;
    uint32_t ulo, uhi; /* the unit (sentence) being read */
    int last_year;     /* the last year written out in the text, or 0 */
    uint8_t *strong;   /* per token: 0 not yet asked, 1 no strong start word, 2 one */
} tctx;

static const char *tw(const tctx *c, uint32_t i, uint32_t *n)
{
    const sr_token *t = &c->d->tokens.v[i];
    *n = t->nend - t->nstart;
    return c->d->norm + t->nstart;
}

/* Is token i the word w (any case)? */
static bool is(const tctx *c, uint32_t i, const char *w)
{
    if (i >= c->uhi)
        return false;
    uint32_t n;
    const char *s = tw(c, i, &n);
    /* the first letter first: most calls fail there */
    return n && (s[0] | 0x20) == w[0] && strncasecmp(s, w, n) == 0 && w[n] == 0;
}

static int index_in(const tctx *c, uint32_t i, const char *const *list, int count)
{
    if (i >= c->uhi)
        return -1;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!n)
        return -1;
    char f = (char)(s[0] | 0x20);
    for (int k = 0; k < count; k++)
        if (list[k][0] == f && strncasecmp(s, list[k], n) == 0 && list[k][n] == 0)
            return k;
    return -1;
}

/* A month at token i: "October", "Oct.", "Oct", "Sept."; returns 1-12
 * and its length in tokens, or 0. */
static int number_at(const tctx *c, uint32_t i, bool article);

static int month_at(const tctx *c, uint32_t i, uint32_t *len)
{
    int k = index_in(c, i, months, 12);
    if (k >= 0) {
        /* "may" is a month only capitalized */
        uint32_t n;
        const char *s = tw(c, i, &n);
        if (k == 4 && s[0] != 'M')
            return 0;
        /* "Pride March", "Unity March", "May Day": names, not months; "the
         * March for Our Lives" */
        if ((k == 2 || k == 4) && !(i + 1 < c->uhi && number_at(c, i + 1, false) >= 0)) {
            if (i > c->ulo) {
                uint32_t pn;
                const char *p = tw(c, i - 1, &pn);
                bool cap = pn && p[0] >= 'A' && p[0] <= 'Z' && index_in(c, i - 1, months, 12) < 0 &&
                           !is(c, i - 1, "In") && !is(c, i - 1, "On") && !is(c, i - 1, "By") &&
                           !is(c, i - 1, "Since") && !is(c, i - 1, "Until") && !is(c, i - 1, "Early") &&
                           !is(c, i - 1, "Late") && !is(c, i - 1, "Mid") && !is(c, i - 1, "Last") &&
                           !is(c, i - 1, "Next") && !is(c, i - 1, "This");
                if (cap)
                    return 0;
            }
            if (is(c, i + 1, "for") || is(c, i + 1, "against") || is(c, i + 1, "Day") ||
                (k == 2 && is(c, i - 1, "a")))
                return 0;
        }
        *len = 1;
        return k + 1;
    }
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    size_t l = n;
    if (l && s[l - 1] == '.')
        l--;
    if (l == 4 && strncasecmp(s, "sept", 4) == 0) {
        *len = 1;
        return 9;
    }
    if (l != 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, mon_abbr[m], 3) == 0 && m != 4) {
            /* "Mar" or "Mar." ... but "Jun" alone is rare: take it */
            *len = 1;
            return m + 1;
        }
    return 0;
}

/* A number at token i: digits or words up to ninety-nine, "a"/"an" = 1. */
static int number_at(const tctx *c, uint32_t i, bool article)
{
    if (i >= c->uhi)
        return -1;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (n && n <= 4 && s[0] >= '0' && s[0] <= '9')
        return sr_digits(s, (int)n);
    int k = index_in(c, i, numbers, 21);
    if (k >= 0)
        return k;
    k = index_in(c, i, tens, 10);
    if (k >= 2)
        return k * 10;
    /* twenty-five */
    const char *h = memchr(s, '-', n);
    if (h) {
        for (int t = 2; t < 10; t++)
            if (sr_same_word(s, (size_t)(h - s), tens[t]))
                for (int u = 1; u < 10; u++)
                    if ((size_t)(s + n - h - 1) == strlen(numbers[u]) &&
                        strncasecmp(h + 1, numbers[u], strlen(numbers[u])) == 0)
                        return t * 10 + u;
    }
    if (article && (is(c, i, "a") || is(c, i, "an")))
        return 1;
    if (is(c, i, "several") || is(c, i, "few") || is(c, i, "some") || is(c, i, "many"))
        return -2; /* vague: X */
    return -1;
}

/* Time units: 'Y' 'M' 'W' 'D' 'H' 'N' (minute) 'S' 'Q', 'E' decade, 'C'
 * century.  Plural or not; 0 if none. */
static char unit_of(const char *s, size_t n)
{
    static const struct { const char *w; char u; } units[] = {
        {"year", 'Y'}, {"years", 'Y'}, {"month", 'M'}, {"months", 'M'}, {"week", 'W'},
        {"weeks", 'W'}, {"day", 'D'}, {"days", 'D'}, {"hour", 'H'}, {"hours", 'H'},
        {"minute", 'N'}, {"minutes", 'N'}, {"second", 'S'}, {"seconds", 'S'},
        {"quarter", 'Q'}, {"quarters", 'Q'}, {"decade", 'E'}, {"decades", 'E'},
        {"century", 'C'}, {"centuries", 'C'}, {"weekend", 'K'}, {"weekends", 'K'}};
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (sr_same_word(s, n, units[k].w))
            return units[k].u;
    return 0;
}

static char unit_at(const tctx *c, uint32_t i)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    return unit_of(s, n);
}

/* ---- tense -------------------------------------------------------------------- */

enum { T_NONE, T_PAST, T_PRESENT, T_FUTURE };

/* The tense of a verb token, looking at its auxiliaries; T_NONE if it is
 * no verb. */
/* A modal that points ahead: will, shall, would, could, might, may. */
static bool modal_ahead(const tctx *c, uint32_t i)
{
    return is(c, i, "will") || is(c, i, "'ll") || is(c, i, "shall") || is(c, i, "would") ||
           is(c, i, "could") || is(c, i, "might") || is(c, i, "may") || is(c, i, "wo");
}

enum { T_INFINITIVE = 9 }; /* "to meet": no tense of its own */

/* Verbs of intent, agreement or order whose infinitive lies ahead of them:
 * "agreed to buy it in February", "decided to admit them in March",
 * "subpoenaed him to testify on Feb. 10". Matched by stem. */
static bool intent_before(const tctx *c, uint32_t to)
{
    static const char *const stems[] = {"agree", "decid", "plan", "want", "hope", "intend",
                                        "aim", "seek", "sought", "promis", "vow", "pledg",
                                        "threat", "order", "subpoena", "ask", "urg", "invit",
                                        "schedul", "prepar", "offer", "propos"};
    for (uint32_t k = to; k > c->ulo && k + 3 > to; k--) {
        uint32_t v = k - 1, n;
        const char *s = tw(c, v, &n);
        for (size_t j = 0; j < sizeof stems / sizeof stems[0]; j++) {
            size_t l = strlen(stems[j]);
            if (n >= l && strncasecmp(s, stems[j], l) == 0)
                return true;
        }
        const char *tag = sr_tag_name(c->m, c->d->tags[v]);
        if (tag[0] == 'V')
            return false; /* "went to see", "came to mark" */
    }
    return false;
}

static int verb_tense(const tctx *c, uint32_t i)
{
    const char *tag = sr_tag_name(c->m, c->d->tags[i]);
    if (tag[0] != 'V' && strcmp(tag, "MD") != 0)
        return T_NONE;
    if (strcmp(tag, "MD") == 0)
        return modal_ahead(c, i) ? T_FUTURE : T_NONE;
    /* what is scheduled, planned or expected lies ahead */
    if ((tag[2] == 'N' || tag[2] == 'D') &&
        (is(c, i, "scheduled") || is(c, i, "planned") || is(c, i, "slated") || is(c, i, "expected")))
        return T_FUTURE;
    if (is(c, i, "set") && (is(c, i + 1, "for") || is(c, i + 1, "to")))
        return T_FUTURE; /* "a summit set for April" */
    /* the auxiliaries before: will meet, is to meet, plans to meet, has met */
    for (uint32_t k = i; k > c->ulo && k + 4 > i; k--) {
        uint32_t a = k - 1;
        const char *at = sr_tag_name(c->m, c->d->tags[a]);
        if (strcmp(at, "MD") == 0)
            return modal_ahead(c, a) ? T_FUTURE : T_NONE;
        if (is(c, a, "to") && strcmp(tag, "VB") == 0)
            return intent_before(c, a) ? T_FUTURE : T_INFINITIVE;
        if (is(c, a, "has") || is(c, a, "have") || is(c, a, "had") || is(c, a, "was") ||
            is(c, a, "were"))
            return T_PAST;
        if (is(c, a, "be") && a > c->ulo && modal_ahead(c, a - 1))
            return T_FUTURE; /* "will be named" */
        if ((is(c, a, "is") || is(c, a, "are") || is(c, a, "am") || is(c, a, "be")) &&
            strcmp(tag, "VBN") == 0) {
            /* "is expected to", "is scheduled for": ahead; else present */
            if (is(c, i, "expected") || is(c, i, "scheduled") || is(c, i, "slated") ||
                is(c, i, "set") || is(c, i, "planned") || is(c, i, "due"))
                return T_FUTURE;
            return T_PRESENT;
        }
        if (at[0] != 'V' && at[0] != 'R') /* adverbs may stand between */
            break;
    }
    if (strcmp(tag, "VBD") == 0)
        return T_PAST;
    if (strcmp(tag, "VBN") == 0)
        return T_PAST;
    if (strcmp(tag, "VBZ") == 0 || strcmp(tag, "VBP") == 0) {
        if (i + 2 < c->uhi && is(c, i + 1, "going") && is(c, i + 2, "to"))
            return T_FUTURE;
        if (is(c, i, "is") || is(c, i, "are"))
            return T_PRESENT;
        return T_PRESENT;
    }
    return T_NONE;
}

/* The tense of the clause of tokens [a, b): the nearest verb on the left
 * (the one a time expression usually modifies: "said on Saturday", "will
 * meet on Tuesday"), else on the right. */
static int tense_near(const tctx *c, uint32_t a, uint32_t b)
{
    if (!c->d->tags || !c->m)
        return T_NONE;
    /* the words just before say it first: "since Jan. 13", "payable Dec. 7",
     * "effective Feb. 1", "through January", "ended Sept. 30" */
    for (uint32_t k = a, seen = 0; k > c->ulo && seen < 3; k--, seen++) {
        uint32_t p = k - 1;
        if (is(c, p, "since") || is(c, p, "ended") || is(c, p, "ending") || is(c, p, "ago") ||
            is(c, p, "last"))
            return T_PAST;
        if (is(c, p, "payable") || is(c, p, "effective") ||
            is(c, p, "until") || is(c, p, "till") || is(c, p, "by") || is(c, p, "due") ||
            is(c, p, "scheduled") || is(c, p, "expected") || is(c, p, "slated") ||
            is(c, p, "next") || is(c, p, "starting") || is(c, p, "beginning"))
            return T_FUTURE;
        if (!(is(c, p, "on") || is(c, p, "in") || is(c, p, "the") || is(c, p, "early") ||
              is(c, p, "late") || is(c, p, "mid") || is(c, p, "for") || is(c, p, "of")))
            break;
    }
    for (uint32_t k = a; k > c->ulo && k + 15 > a; k--) {
        int t = verb_tense(c, k - 1);
        if (t == T_INFINITIVE)
            continue; /* "to mark ... on Friday": the verb that governs it */
        if (t != T_NONE)
            return t;
        const char *tag = sr_tag_name(c->m, c->d->tags[k - 1]);
        if (tag[0] == 'V' && strcmp(tag, "VBG") != 0)
            break; /* a verb with no tense of its own: "expected"; a participle
                    * clause ("rising to a high in June") takes the tense of
                    * the verb before it */
    }
    for (uint32_t k = b; k < c->uhi && k < b + 15; k++) {
        int t = verb_tense(c, k);
        if (t != T_NONE && t != T_INFINITIVE)
            return t;
    }
    return T_NONE;
}

/* ---- values -------------------------------------------------------------------- */

typedef struct tx {
    uint32_t n; /* tokens */
    int type;
    char value[40];
    const char *zone; /* the UTC offset the text states, or NULL */
} tx;

static bool set_date(tx *r, int y, int m, int d)
{
    if (d)
        snprintf(r->value, sizeof r->value, "%04d-%02d-%02d", y, m, d);
    else if (m)
        snprintf(r->value, sizeof r->value, "%04d-%02d", y, m);
    else
        snprintf(r->value, sizeof r->value, "%04d", y);
    r->type = SR_TX_DATE;
    return true;
}

static void set_day(tx *r, int64_t z)
{
    int y, m, d;
    sr_civil_from_days(z, &y, &m, &d);
    set_date(r, y, m, d);
}

/* A weekday (1-7) resolved by tense against the publication date: in a
 * future clause the next one (today's weekday means today), else the last
 * one on or before the publication date, as news mostly reports. */
static int64_t resolve_weekday(const tctx *c, int wd, int tense)
{
    int diff = wd - weekday_of(c->dz); /* -6 .. 6 */
    if (tense == T_FUTURE)
        return c->dz + (diff >= 0 ? diff : diff + 7);
    if (tense == T_PRESENT && diff > 0 && diff <= 2)
        return c->dz + diff; /* "opens Tuesday": the coming one */
    return c->dz + (diff <= 0 ? diff : diff - 7);
}

/* The year of a month (1-12) and day (0: the whole month) written without
 * one: the occurrence nearest the publication date, unless the clause's
 * tense points the other way by more than a month. */
static int resolve_month_year(const tctx *c, int m, int day, int tense)
{
    int best = c->dy;
    int64_t bestd = INT64_MAX;
    int64_t near[3];
    for (int k = 0; k < 3; k++) {
        int y = c->dy - 1 + k;
        int dd = day ? (day <= days_in_month(y, m) ? day : days_in_month(y, m)) : 15;
        near[k] = sr_days_from_civil(y, m, dd) - c->dz;
        int64_t dist = near[k] < 0 ? -near[k] : near[k];
        if (dist < bestd)
            bestd = dist, best = y;
    }
    int64_t off = near[best - c->dy + 1];
    if (tense == T_PAST && off > 31)
        best--;
    else if (tense == T_NONE && off > 62)
        best--; /* news mostly reports what happened */
    else if (tense == T_FUTURE && off < -31)
        best++;
    return best;
}

static void set_week(tx *r, int64_t z)
{
    int wy, wn;
    iso_week(z, &wy, &wn);
    snprintf(r->value, sizeof r->value, "%04d-W%02d", wy, wn);
    r->type = SR_TX_DATE;
}

static void shift_month(int *y, int *m, int by)
{
    int t = *y * 12 + (*m - 1) + by;
    *y = t / 12;
    *m = t % 12 + 1;
}

static void set_duration(tx *r, int n, char unit)
{
    char num[16];
    if (n == -2)
        snprintf(num, sizeof num, "X");
    else
        snprintf(num, sizeof num, "%d", n);
    switch (unit) {
    case 'H': snprintf(r->value, sizeof r->value, "PT%sH", num); break;
    case 'N': snprintf(r->value, sizeof r->value, "PT%sM", num); break;
    case 'S': snprintf(r->value, sizeof r->value, "PT%sS", num); break;
    case 'E':
        if (n >= 0)
            snprintf(r->value, sizeof r->value, "P%dY", n * 10);
        else
            snprintf(r->value, sizeof r->value, "PXE");
        break;
    case 'C':
        if (n >= 0)
            snprintf(r->value, sizeof r->value, "P%dY", n * 100);
        else
            snprintf(r->value, sizeof r->value, "PXC");
        break;
    case 'K': snprintf(r->value, sizeof r->value, "P%sWE", num); break;
    default: snprintf(r->value, sizeof r->value, "P%s%c", num, unit); break;
    }
    r->type = SR_TX_DURATION;
}

/* The date `n` units before (sign -1) or after (+1) the publication date,
 * at the unit's precision. */
static void set_offset(const tctx *c, tx *r, int n, char unit, int sign)
{
    int y = c->dy, m = c->dm;
    switch (unit) {
    case 'Y': set_date(r, c->dy + sign * n, 0, 0); break;
    case 'E': set_date(r, c->dy + sign * n * 10, 0, 0); break;
    case 'M':
        shift_month(&y, &m, sign * n);
        set_date(r, y, m, 0);
        break;
    case 'W': set_week(r, c->dz + sign * 7 * n); break;
    case 'D': set_day(r, c->dz + sign * n); break;
    case 'Q': {
        int q = (c->dm - 1) / 3 + sign * n, yy = c->dy;
        while (q < 0) q += 4, yy--;
        while (q > 3) q -= 4, yy++;
        snprintf(r->value, sizeof r->value, "%04d-Q%d", yy, q + 1);
        r->type = SR_TX_DATE;
        break;
    }
    default: snprintf(r->value, sizeof r->value, "PAST_REF"); r->type = SR_TX_DATE; break;
    }
}

/* ---- token classes ------------------------------------------------------------ */

/* What a class read at its tokens: the number, month, unit ... in v (and
 * v2, v3 for the classes that read more than one). */
typedef struct cap {
    uint32_t at, n; /* its first token, its tokens */
    int v, v2, v3;
} cap;

/* A four-digit year 1800-2099 at token i (not part of a larger number). */
static uint32_t k_year(const tctx *c, uint32_t i, cap *k)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (n != 4)
        return 0;
    int v = 0;
    for (int j = 0; j < 4; j++) {
        if (s[j] < '0' || s[j] > '9')
            return 0;
        v = v * 10 + (s[j] - '0');
    }
    return (k->v = v) >= 1800 && v <= 2099;
}

/* A year said in words, as transcripts of broadcasts write them:
 * "nineteen ninety-six", "nineteen seventy-nine", "two thousand" (after
 * "the year"), "two thousand and one"; *len its tokens. */
static uint32_t k_yearw(const tctx *c, uint32_t i, cap *y)
{
    if (i + 1 >= c->uhi)
        return 0;
    int hi = index_in(c, i, numbers, 21);
    if (hi >= 17 && hi <= 20) {
        /* "nineteen" + "ninety-six" / "ninety six" / "ninety" / "oh five" */
        uint32_t n;
        const char *s = tw(c, i + 1, &n);
        const char *h = memchr(s, '-', n);
        int lo = -1;
        uint32_t used = 2;
        for (int t = 2; t < 10 && lo < 0; t++) {
            size_t tl = strlen(tens[t]);
            if (h && (size_t)(h - s) == tl && strncasecmp(s, tens[t], tl) == 0) {
                for (int u = 1; u < 10; u++)
                    if ((size_t)(s + n - h - 1) == strlen(numbers[u]) &&
                        strncasecmp(h + 1, numbers[u], strlen(numbers[u])) == 0)
                        lo = t * 10 + u;
            } else if (!h && n == tl && strncasecmp(s, tens[t], tl) == 0) {
                lo = t * 10;
                int u = index_in(c, i + 2, numbers, 10);
                if (u >= 1) {
                    lo += u;
                    used = 3;
                }
            }
        }
        if (lo < 0) {
            int teen = index_in(c, i + 1, numbers, 20);
            if (teen >= 10)
                lo = teen;
        }
        y->v = hi * 100 + lo;
        return lo < 0 ? 0 : used;
    }
    if (hi == 2 && is(c, i + 1, "thousand")) {
        uint32_t k = i + 2;
        if (is(c, k, "and"))
            k++;
        int u = index_in(c, k, numbers, 21);
        y->v = 2000 + (u >= 1 ? u : 0);
        return u >= 1 ? k + 1 - i : 2;
    }
    return 0;
}

static uint32_t k_day(const tctx *c, uint32_t i, cap *d)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    int v = 0;
    uint32_t k = 0;
    for (; k < n && k < 2 && s[k] >= '0' && s[k] <= '9'; k++)
        v = v * 10 + (s[k] - '0');
    if (!k)
        return 0;
    /* 15th, 1st */
    if (k < n && !((n - k == 2) && (strncasecmp(s + k, "st", 2) == 0 || strncasecmp(s + k, "nd", 2) == 0 ||
                                    strncasecmp(s + k, "rd", 2) == 0 || strncasecmp(s + k, "th", 2) == 0)))
        return 0;
    return (d->v = v) >= 1 && v <= 31;
}

/* ---- token classes ------------------------------------------------------------ */

enum {
    K_ISO,      /* 2017-10-15: y m d */
    K_MDY,      /* 10/15/2017: y m d */
    K_DAY,      /* 15, 15th */
    K_MONTH,    /* October, Oct., Sept (1-12) */
    K_MIDMONTH, /* mid-November */
    K_YEAR,     /* 1800-2099 */
    K_YEARW,    /* nineteen ninety-six, two thousand and one */
    K_DECADE,   /* 1990s, mid-1990s: 199 */
    K_WEEKDAY,  /* 0 Monday ... 6 Sunday */
    K_PART,     /* morning afternoon evening night */
    K_SEASON,   /* 0 winter, 1 spring, 2 summer, 3 fall */
    K_QUARTER,  /* third quarter, third-quarter: 1-4 */
    K_CLOCK,    /* 5, 10:30: hour, minute, 1 if written with a colon */
    K_NUMBER,   /* a number in digits or words; -2 vague ("several") */
    K_COUNT,    /* a number as counts are said: "a", "a couple of", "two hundred" */
    K_UNIT,     /* year month week day ...: the unit's letter (see unit_of) */
    K_UNITN,    /* 27-year, two-year: count, unit */
    K_REL,      /* this current present 0, last past previous -1, next coming 1 */
    K_TARGET,   /* what "last", "next", "this" count in: 1 unit, 2 season, 3
                 * weekday, 4 month (no day after it); v2 the unit, season ... */
    K_ZONE,     /* UTC, EDT ... in capitals: its index in zones[] */
    K__N
};

static const char *const part_codes[] = {"MO", "AF", "EV", "NI"};
static const char *const season_codes[] = {"WI", "SP", "SU", "FA"};

/* The token as a C string, cut to `size` - 1 bytes ("" past the unit). */
static uint32_t tok_copy(const tctx *c, uint32_t i, char *s, size_t size)
{
    uint32_t n = 0;
    const char *raw = i < c->uhi ? tw(c, i, &n) : "";
    if (n >= size)
        n = (uint32_t)size - 1;
    memcpy(s, raw, n);
    s[n] = 0;
    return n;
}

static uint32_t k_iso(const tctx *c, uint32_t i, cap *k)
{
    char s[24];
    uint32_t n = tok_copy(c, i, s, sizeof s);
    return n == 10 && sscanf(s, "%4d-%2d-%2d", &k->v, &k->v2, &k->v3) == 3 && k->v2 >= 1 &&
           k->v2 <= 12 && k->v3 >= 1 && k->v3 <= 31 && s[4] == '-' && s[7] == '-';
}

static uint32_t k_mdy(const tctx *c, uint32_t i, cap *k)
{
    char s[24];
    uint32_t n = tok_copy(c, i, s, sizeof s);
    return n >= 8 && n <= 10 && sscanf(s, "%2d/%2d/%4d", &k->v2, &k->v3, &k->v) == 3 &&
           k->v >= 1800 && k->v2 >= 1 && k->v2 <= 12 && k->v3 >= 1 && k->v3 <= 31;
}


static uint32_t k_month(const tctx *c, uint32_t i, cap *k)
{
    uint32_t len = 0;
    return (k->v = month_at(c, i, &len)) ? len : 0;
}

static uint32_t k_midmonth(const tctx *c, uint32_t i, cap *k)
{
    uint32_t n;
    const char *s = i < c->uhi ? tw(c, i, &n) : "";
    if (i >= c->uhi || n <= 5 || strncasecmp(s, "mid-", 4) != 0)
        return 0;
    for (int m = 0; m < 12; m++)
        if (sr_same_word(s + 4, n - 4, months[m])) {
            k->v = m + 1;
            return 1;
        }
    return 0;
}


static uint32_t k_decade(const tctx *c, uint32_t i, cap *k)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n), *q = s;
    if (n >= 9 && strncasecmp(s, "mid-", 4) == 0)
        q = s + 4;
    if ((size_t)(s + n - q) != 5 || q[4] != 's' || q[0] < '1' || q[0] > '2' || q[3] != '0')
        return 0;
    return (k->v = sr_digits(q, 3)) >= 0 && sr_digits(q + 3, 1) == 0;
}

static uint32_t k_weekday(const tctx *c, uint32_t i, cap *k)
{
    return (k->v = index_in(c, i, weekdays, 7)) >= 0;
}

static uint32_t k_part(const tctx *c, uint32_t i, cap *k)
{
    static const char *const parts[] = {"morning", "afternoon", "evening", "night"};
    return (k->v = index_in(c, i, parts, 4)) >= 0;
}

static uint32_t k_season(const tctx *c, uint32_t i, cap *k)
{
    static const char *const words[] = {"winter", "spring", "summer", "fall", "autumn"};
    int s = index_in(c, i, words, 5);
    return (k->v = s > 3 ? 3 : s) >= 0;
}

static uint32_t k_quarter(const tctx *c, uint32_t i, cap *k)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    for (int q = 1; q <= 4; q++) {
        size_t l = strlen(ordinals[q]);
        k->v = q;
        if (n == l && strncasecmp(s, ordinals[q], l) == 0 && is(c, i + 1, "quarter"))
            return 2;
        if (n == l + 8 && strncasecmp(s, ordinals[q], l) == 0 && strncasecmp(s + l, "-quarter", 8) == 0)
            return 1;
    }
    return 0;
}

static uint32_t k_clock(const tctx *c, uint32_t i, cap *k)
{
    char s[8];
    uint32_t n = tok_copy(c, i, s, sizeof s);
    k->v = -1, k->v2 = 0;
    if (n >= 4 && n <= 5 && sscanf(s, "%d:%2d", &k->v, &k->v2) == 2) {
    } else if (n <= 2 && s[0] >= '0' && s[0] <= '9')
        k->v = atoi(s);
    k->v3 = memchr(s, ':', n) != NULL;
    return k->v >= 0 && k->v <= 24 && k->v2 < 60;
}

static uint32_t k_number(const tctx *c, uint32_t i, cap *k)
{
    return (k->v = number_at(c, i, false)) != -1;
}

static uint32_t k_count(const tctx *c, uint32_t i, cap *k)
{
    k->v = 2;
    if (is(c, i, "a") && is(c, i + 1, "couple") && is(c, i + 2, "of"))
        return 3;
    k->v = -2;
    if (is(c, i, "a") && is(c, i + 1, "few"))
        return 2;
    if ((k->v = number_at(c, i, true)) == -1)
        return 0;
    if (k->v >= 0 && (is(c, i + 1, "hundred") || is(c, i + 1, "thousand"))) {
        k->v *= is(c, i + 1, "hundred") ? 100 : 1000;
        return 2;
    }
    return 1;
}

static uint32_t k_unit(const tctx *c, uint32_t i, cap *k)
{
    return (k->v = unit_at(c, i)) != 0;
}

static uint32_t k_unitn(const tctx *c, uint32_t i, cap *k)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n), *h = memchr(s, '-', n);
    char u = h ? unit_of(h + 1, (size_t)(s + n - h - 1)) : 0;
    if (!u || u == 'K')
        return 0;
    int v = -1;
    if (s[0] >= '0' && s[0] <= '9') {
        v = 0;
        for (const char *q = s; q < h && v < 10000; q++)
            v = (*q >= '0' && *q <= '9') ? v * 10 + (*q - '0') : 100000;
    } else
        for (int w = 1; w <= 20; w++)
            if (sr_same_word(s, (size_t)(h - s), numbers[w]))
                v = w;
    k->v = v, k->v2 = u;
    return v > 0 && v < 10000;
}

static uint32_t k_rel(const tctx *c, uint32_t i, cap *k)
{
    static const char *const words[] = {"this", "current", "present", "last", "past",
                                        "previous", "next", "coming"};
    int w = index_in(c, i, words, 8);
    k->v = w < 3 ? 0 : w < 6 ? -1 : 1;
    return w >= 0;
}

static uint32_t k_target(const tctx *c, uint32_t i, cap *k)
{
    uint32_t ml = 0;
    cap s;
    if ((k->v2 = unit_at(c, i)) != 0)
        k->v = 1;
    else if (k_season(c, i, &s))
        k->v = 2, k->v2 = s.v;
    else if ((k->v2 = index_in(c, i, weekdays, 7)) >= 0)
        k->v = 3;
    else if ((k->v2 = month_at(c, i, &ml)) != 0 && !k_day(c, i + ml, &s))
        k->v = 4; /* "last Oct. 23" is that date, not last October */
    else
        return 0;
    return k->v == 4 ? ml : 1;
}

/* Each class with the first three letters of the words it can start with
 * ("0": a digit; NULL: anything), to find the rules worth trying. */
/* Time zones with one meaning, and their UTC offsets */
static const struct {
    const char *name, *offset;
} zones[] = {{"utc", "Z"},       {"gmt", "Z"},       {"bst", "+01:00"}, {"cet", "+01:00"},
             {"cest", "+02:00"}, {"eet", "+02:00"},  {"eest", "+03:00"}, {"msk", "+03:00"},
             {"est", "-05:00"},  {"edt", "-04:00"},  {"cst", "-06:00"}, {"cdt", "-05:00"},
             {"mst", "-07:00"},  {"mdt", "-06:00"},  {"pst", "-08:00"}, {"pdt", "-07:00"},
             {"jst", "+09:00"},  {"hkt", "+08:00"},  {"sgt", "+08:00"}};

static uint32_t k_zone(const tctx *c, uint32_t i, cap *k)
{
    if (i >= c->uhi || !(c->d->tokens.v[i].flags & SR_TF_ALLCAPS))
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    for (k->v = 0; k->v < (int)(sizeof zones / sizeof *zones); k->v++)
        if (sr_same_word(s, n, zones[k->v].name))
            return 1;
    return 0;
}

typedef uint32_t (*class_fn)(const tctx *c, uint32_t i, cap *k);
#define NUMBERS "0 zer one two thr fou fiv six sev eig nin ten ele twe thi fif for few som man"
static const struct {
    const char *name;
    class_fn fn;
    const char *first;
} classes[K__N] = {
    [K_ISO] = {"ISO", k_iso, "0"},
    [K_MDY] = {"MDY", k_mdy, "0"},
    [K_DAY] = {"DAY", k_day, "0"},
    [K_MONTH] = {"MONTH", k_month, "jan feb mar apr may jun jul aug sep oct nov dec"},
    [K_MIDMONTH] = {"MIDMONTH", k_midmonth, "mid"},
    [K_YEAR] = {"YEAR", k_year, "0"},
    [K_YEARW] = {"YEARW", k_yearw, "two sev eig nin twe"},
    [K_DECADE] = {"DECADE", k_decade, "0 mid"},
    [K_WEEKDAY] = {"WEEKDAY", k_weekday, "mon tue wed thu fri sat sun"},
    [K_PART] = {"PART", k_part, "mor aft eve nig"},
    [K_SEASON] = {"SEASON", k_season, "win spr sum fal aut"},
    [K_QUARTER] = {"QUARTER", k_quarter, "fir sec thi fou"},
    [K_CLOCK] = {"CLOCK", k_clock, "0"},
    [K_NUMBER] = {"NUMBER", k_number, NUMBERS},
    [K_COUNT] = {"COUNT", k_count, NUMBERS " a an"},
    [K_UNIT] = {"UNIT", k_unit, "yea mon wee day hou min sec qua dec cen"},
    [K_UNITN] = {"UNITN", k_unitn, NUMBERS},
    [K_REL] = {"REL", k_rel, "thi cur pre las pas nex com"},
    [K_TARGET] = {"TARGET", k_target, NULL},
    [K_ZONE] = {"ZONE", k_zone, NULL},
};

/* ---- the rules ------------------------------------------------------------------ */

/* A match of one rule: where it starts and ends, and what its classes read. */
typedef struct mt {
    uint32_t i, e;
    uint32_t got; /* bit k: class k matched */
    cap k[K__N];
    tx sub;          /* what the @group in the rule matched */
    const char *arg; /* the rule's argument */
} mt;

/* A normalizer fills in the type and value (r->n is the match's length).
 * It returns 1 to take the match, 0 to let the next rule try, NO to say
 * no time expression starts here. */
enum { NO = -1 };
typedef int (*norm_fn)(const tctx *c, const mt *m, tx *r);

static bool has(const mt *m, int k) { return (m->got >> k) & 1; }
static int val(const mt *m, int k) { return has(m, k) ? m->k[k].v : 0; }
static uint32_t at(const mt *m, int k) { return m->k[k].at; }

static bool plural(const tctx *c, uint32_t i, bool upper)
{
    uint32_t l;
    const char *w = tw(c, i, &l);
    return l > 1 && (w[l - 1] == 's' || (upper && w[l - 1] == 'S'));
}

/* A date of year, month and day, of whichever classes the rule has. */
static int n_date(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    int k = has(m, K_ISO) ? K_ISO : has(m, K_MDY) ? K_MDY : -1;
    if (k >= 0)
        return set_date(r, m->k[k].v, m->k[k].v2, m->k[k].v3);
    int y = has(m, K_YEAR) ? val(m, K_YEAR) : val(m, K_YEARW);
    if (has(m, K_YEARW) && !has(m, K_MONTH) && y >= 2000 && !is(c, m->i, "the"))
        return 0; /* "two thousand": a year only after "the year" */
    return set_date(r, y, val(m, K_MONTH), val(m, K_DAY));
}

/* A month (and day) without a year: the one the clause's tense points to. */
static int n_date_near(const tctx *c, const mt *m, tx *r)
{
    if (!c->dct_ok)
        return 0;
    int mo = has(m, K_MIDMONTH) ? val(m, K_MIDMONTH) : val(m, K_MONTH);
    uint32_t a = has(m, K_MIDMONTH) ? at(m, K_MIDMONTH) : at(m, K_MONTH);
    if (has(m, K_DAY) && at(m, K_DAY) < a)
        a = at(m, K_DAY);
    return set_date(r, resolve_month_year(c, mo, val(m, K_DAY), tense_near(c, a, m->e)), mo, val(m, K_DAY));
}

/* A bare month: only written as a name */
static int n_month(const tctx *c, const mt *m, tx *r)
{
    uint32_t n;
    const char *s = tw(c, at(m, K_MONTH), &n);
    return s[0] >= 'A' && s[0] <= 'Z' && n >= 3 ? n_date_near(c, m, r) : 0;
}

/* "June that year": the year last written out */
static int n_that_year(const tctx *c, const mt *m, tx *r)
{
    return c->last_year && set_date(r, c->last_year, val(m, K_MONTH), 0);
}

/* "June last year", "March next year" */
static int n_month_rel(const tctx *c, const mt *m, tx *r)
{
    uint32_t w = at(m, K_MONTH) + 1;
    return c->dct_ok && set_date(r, c->dy + (is(c, w, "last") ? -1 : is(c, w, "next") ? 1 : 0),
                                 val(m, K_MONTH), 0);
}

/* what the rule's @group matched */
static int n_sub(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    r->type = m->sub.type;
    memcpy(r->value, m->sub.value, sizeof r->value);
    return 1;
}

static void add_part(const mt *m, tx *r)
{
    if (has(m, K_PART)) {
        size_t l = strlen(r->value);
        snprintf(r->value + l, sizeof r->value - l, "T%s", part_codes[val(m, K_PART)]);
        r->type = SR_TX_TIME;
    }
}

/* "Friday", "Friday morning": by the clause's tense */
static int n_weekday(const tctx *c, const mt *m, tx *r)
{
    if (!c->dct_ok)
        return 0;
    uint32_t i = m->i;
    int tense = tense_near(c, i, i + 1);
    /* "by Wednesday", "until Thursday": the preposition says nothing of
     * a weekday's side; "Wednesday's ruling" is a thing done */
    if (i > c->ulo && (is(c, i - 1, "by") || is(c, i - 1, "until") || is(c, i - 1, "through")))
        tense = T_NONE;
    if (is(c, i + 1, "'s"))
        tense = T_PAST;
    if (i >= c->ulo + 3 && is(c, i - 3, "as") && (is(c, i - 2, "soon") || is(c, i - 2, "early")) &&
        is(c, i - 1, "as"))
        tense = T_FUTURE; /* "as soon as Tuesday" */
    set_day(r, resolve_weekday(c, val(m, K_WEEKDAY) + 1, tense));
    add_part(m, r);
    return 1;
}

/* "1989", "fiscal 1989"; "1990 people" is a count */
static int n_year(const tctx *c, const mt *m, tx *r)
{
    uint32_t j = at(m, K_YEAR) + 1;
    if (j < c->uhi && c->d->tags && c->m && strncmp(sr_tag_name(c->m, c->d->tags[j]), "NNS", 3) == 0 &&
        !is(c, j, "levels"))
        return NO;
    return set_date(r, val(m, K_YEAR), 0, 0);
}

static int n_decade(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    snprintf(r->value, sizeof r->value, "%d", val(m, K_DECADE));
    r->type = SR_TX_DATE;
    return 1;
}

/* "the third quarter of 1989", "the 1988 second quarter", "third-quarter" */
static int n_quarter(const tctx *c, const mt *m, tx *r)
{
    int q = val(m, K_QUARTER), y = val(m, K_YEAR);
    bool year_first = has(m, K_YEAR) && at(m, K_YEAR) < at(m, K_QUARTER);
    uint32_t b = at(m, K_QUARTER) - 1;
    bool year_back = b >= m->i && (is(c, b, "year-ago") || is(c, b, "year-earlier"));
    if (!y) {
        if (!c->dct_ok)
            return NO;
        int cur = (c->dm - 1) / 3 + 1, tense = tense_near(c, m->i, m->e);
        y = q < cur ? c->dy : (tense == T_FUTURE ? c->dy : c->dy - (q > cur));
        if (q == cur && tense == T_PAST)
            y = c->dy;
    }
    if (year_back && !year_first)
        y--;
    snprintf(r->value, sizeof r->value, "%04d-Q%d", y, q);
    r->type = SR_TX_DATE;
    return 1;
}

/* clock times: "5 p.m.", "10:30", "5 p.m. EST Nov. 9", "9 a.m. Tuesday" */
static int clock_hour(const tctx *c, const mt *m)
{
    uint32_t j = at(m, K_CLOCK) + 1;
    int hh = val(m, K_CLOCK);
    bool pm = is(c, j, "p.m.") || is(c, j, "pm"), am = is(c, j, "a.m.") || is(c, j, "am");
    if (!(pm || am || is(c, j, "o'clock") || m->k[K_CLOCK].v3))
        return -1; /* "5" alone is no time */
    return pm && hh < 12 ? hh + 12 : am && hh == 12 ? 0 : hh;
}

static int n_clock(const tctx *c, const mt *m, tx *r)
{
    int hh = clock_hour(c, m), mm = m->k[K_CLOCK].v2;
    if (hh < 0)
        return 0;
    r->type = SR_TX_TIME;
    r->zone = has(m, K_ZONE) ? zones[val(m, K_ZONE)].offset : NULL;
    if (has(m, K_WEEKDAY)) {
        if (!c->dct_ok)
            return 0;
        int64_t z = resolve_weekday(c, val(m, K_WEEKDAY) + 1, tense_near(c, m->i, m->e));
        int yy, mo, da;
        sr_civil_from_days(z, &yy, &mo, &da);
        snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%02d:%02d", yy, mo, da, hh, mm);
    } else if (m->sub.n) {
        if (strlen(m->sub.value) != 10)
            return 0;
        snprintf(r->value, sizeof r->value, "%.10sT%02u:%02u", m->sub.value, (unsigned)hh % 100u,
                 (unsigned)mm % 100u);
    } else if (!c->dct_ok)
        snprintf(r->value, sizeof r->value, "XXXX-XX-XXT%02d:%02d", hh, mm);
    else
        snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%02d:%02d", c->dy, c->dm, c->dd, hh, mm);
    return 1;
}

/* today, yesterday, tomorrow (morning) */
static int n_day(const tctx *c, const mt *m, tx *r)
{
    r->type = SR_TX_DATE;
    if (!c->dct_ok)
        return !has(m, K_PART); /* value unknown */
    set_day(r, c->dz + (is(c, m->i, "yesterday") ? -1 : is(c, m->i, "tomorrow") ? 1 : 0));
    add_part(m, r);
    return 1;
}

/* tonight, last night */
static int n_night(const tctx *c, const mt *m, tx *r)
{
    r->type = SR_TX_TIME;
    if (c->dct_ok) {
        int y, mo, d;
        sr_civil_from_days(c->dz - (r->n == 2), &y, &mo, &d);
        snprintf(r->value, sizeof r->value, "%04d-%02d-%02dTNI", y, mo, d);
    }
    (void)m;
    return 1;
}

/* "this morning" */
static int n_this_part(const tctx *c, const mt *m, tx *r)
{
    r->type = SR_TX_TIME;
    if (c->dct_ok)
        snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%s", c->dy, c->dm, c->dd,
                 part_codes[val(m, K_PART)]);
    return 1;
}

/* A value written in the rule: PRESENT_REF, PAST_REF, FUTURE_REF */
static int n_ref(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    r->type = SR_TX_DATE;
    snprintf(r->value, sizeof r->value, "%s", m->arg);
    return 1;
}

/* A set written in the rule ("P1D"), or "every Friday", "each week" */
static int n_set(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    r->type = SR_TX_SET;
    char u = (char)val(m, K_UNIT);
    if (has(m, K_WEEKDAY))
        snprintf(r->value, sizeof r->value, "XXXX-WXX-%d", val(m, K_WEEKDAY) + 1);
    else if (u)
        snprintf(r->value, sizeof r->value, "P1%c", u);
    else
        snprintf(r->value, sizeof r->value, "%s", m->arg);
    return !u || u == 'D' || u == 'W' || u == 'M' || u == 'Y';
}

/* "the year-earlier quarter", "the latest period": the quarter a company
 * reports on (arg quarters back) */
static int n_quarter_back(const tctx *c, const mt *m, tx *r)
{
    r->type = SR_TX_DATE;
    if (c->dct_ok)
        set_offset(c, r, atoi(m->arg), 'Q', -1);
    return 1;
}

/* "the past decade", "recent weeks", "the coming years": a span, of some
 * units when plural */
static int n_span(const tctx *c, const mt *m, tx *r)
{
    set_duration(r, plural(c, at(m, K_UNIT), true) ? -2 : 1, (char)val(m, K_UNIT));
    return val(m, K_UNIT) != 'K';
}

/* "recent weeks": some weeks */
static int n_recent(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    set_duration(r, -2, (char)val(m, K_UNIT));
    return 1;
}

/* "the coming months": ahead, unmeasured */
static int n_coming(const tctx *c, const mt *m, tx *r)
{
    r->type = SR_TX_DATE;
    snprintf(r->value, sizeof r->value, "FUTURE_REF");
    return plural(c, at(m, K_UNIT), false);
}

/* "last year", "this week", "next month", "earlier this month", "last
 * Wednesday", "next spring", "the current fiscal year" */
static int n_rel(const tctx *c, const mt *m, tx *r)
{
    uint32_t w = at(m, K_REL);
    bool cur = is(c, w, "current") || is(c, w, "present");
    if (w > m->i && is(c, w - 1, "the") && !cur)
        return 0; /* "the next Friday" */
    if (at(m, K_TARGET) > w + 1 && !(is(c, w, "current") || is(c, w, "this") || is(c, w, "last") ||
                                     is(c, w, "next")))
        return 0; /* "fiscal" after "past": not the year */
    r->type = SR_TX_DATE;
    if (!c->dct_ok)
        return 1;
    int rel = val(m, K_REL), kind = val(m, K_TARGET), x = m->k[K_TARGET].v2;
    if (kind == 1 && x == 'C')
        set_duration(r, 1, 'C');
    else if (kind == 1 && x == 'K') {
        int wy, wn;
        iso_week(c->dz + 7 * rel, &wy, &wn);
        snprintf(r->value, sizeof r->value, "%04d-W%02d-WE", wy, wn);
    } else if (kind == 1)
        set_offset(c, r, rel < 0 ? 1 : rel, (char)x, rel < 0 ? -1 : 1);
    else if (kind == 2) {
        int now = c->dm <= 2 || c->dm == 12 ? 0 : c->dm <= 5 ? 1 : c->dm <= 8 ? 2 : 3;
        int y = c->dy + (rel > 0 ? (x <= now) : rel < 0 ? -(x >= now) : 0);
        snprintf(r->value, sizeof r->value, "%04d-%s", y, season_codes[x]);
    } else if (kind == 3) {
        int64_t z = resolve_weekday(c, x + 1, rel > 0 ? T_FUTURE : T_PAST);
        if (rel < 0 && z == c->dz)
            z -= 7; /* "last Wednesday" on a Wednesday: a week ago */
        if (rel > 0 && z == c->dz)
            z += 7;
        set_day(r, z);
    } else {
        int y = rel < 0 ? (x < c->dm ? c->dy : c->dy - 1) : rel > 0 ? (x > c->dm ? c->dy : c->dy + 1) : c->dy;
        set_date(r, y, x, 0);
    }
    return 1;
}

/* "second" is an ordinal before "quarter" or "half", and after a year */
static char count_unit(const tctx *c, const mt *m, int v)
{
    char u = (char)val(m, K_UNIT);
    uint32_t k = at(m, K_UNIT);
    return u == 'S' && (v > 999 || is(c, k + 1, "quarter") || is(c, k + 1, "half")) ? 0 : u;
}

/* The count before a unit: "two", "a few", "2 1/2"; for "the year" 1 */
static int count_of(const tctx *c, const mt *m, bool *half)
{
    *half = has(m, K_COUNT) && is(c, at(m, K_COUNT) + m->k[K_COUNT].n, "1/2");
    return has(m, K_COUNT) ? val(m, K_COUNT) : 1;
}

static bool quarter_of_year(const tctx *c, const mt *m, int v, char u)
{
    return v > 999 && v < 2200 && u == 'Q' && !is(c, at(m, K_UNIT), "quarters") && c->dct_ok;
}

/* "three days ago", "a year earlier", "two weeks from now" */
static int n_ago(const tctx *c, const mt *m, tx *r)
{
    bool half;
    int v = count_of(c, m, &half);
    char u = count_unit(c, m, v);
    if (!u || (half && v < 0) || quarter_of_year(c, m, v, u) ||
        (!has(m, K_COUNT) && plural(c, at(m, K_UNIT), true) && u != 'K'))
        return 0;
    int sign = is(c, m->e - 1, "now") ? 1 : -1;
    r->type = SR_TX_DATE;
    if (!c->dct_ok)
        return 1;
    if (v == -2)
        snprintf(r->value, sizeof r->value, "%s", sign < 0 ? "PAST_REF" : "FUTURE_REF");
    else if (v == 1 && u == 'Y' && sign < 0)
        set_offset(c, r, 5, 'Q', -1); /* "a year earlier": that quarter a year back */
    else
        set_offset(c, r, v, u, sign);
    return 1;
}

/* "four months" P4M, "2 1/2 years" P2Y6M; "the 1988 quarter" */
static int n_count(const tctx *c, const mt *m, tx *r)
{
    bool half;
    int v = count_of(c, m, &half);
    char u = count_unit(c, m, v);
    if (!u || (half && v < 0))
        return 0;
    if (quarter_of_year(c, m, v, u)) {
        /* that year's quarter matching the last one reported */
        set_offset(c, r, 1, 'Q', -1);
        char q = r->value[6];
        snprintf(r->value, sizeof r->value, "%04d-Q%c", v, q);
        return 1;
    }
    if (u == 'K')
        return 0;
    set_duration(r, v, u);
    if (half && u == 'Y')
        snprintf(r->value, sizeof r->value, "P%dY6M", v);
    else if (half && u == 'H')
        snprintf(r->value, sizeof r->value, "PT%dH30M", v);
    else if (half && u == 'D')
        snprintf(r->value, sizeof r->value, "P%dDT12H", v);
    return 1;
}

static int n_unitn(const tctx *c, const mt *m, tx *r)
{
    (void)c;
    set_duration(r, val(m, K_UNITN), (char)m->k[K_UNITN].v2);
    return 1;
}

/* "the year", "the quarter", "the years", "the latest quarter" */
static int n_the_unit(const tctx *c, const mt *m, tx *r)
{
    uint32_t i = m->i, j = at(m, K_UNIT);
    char u = (char)val(m, K_UNIT);
    if (plural(c, j, true) && u != 'K') {
        set_duration(r, -2, u); /* "the years": a span of some years */
        return 1;
    }
    if (u != 'Y' && u != 'Q' && u != 'M' && u != 'W')
        return 0; /* "the weekend" below; "the second half" */
    if (is(c, i + 1, "latest") || is(c, i + 1, "previous")) {
        set_offset(c, r, 1, u, -1); /* the last one complete */
        return 1;
    }
    if (u == 'Y' && j == i + 1 && !is(c, j + 1, "ended") && !is(c, j + 1, "ending") &&
        !is(c, j + 1, "to") && !is(c, j + 1, "through") && c->dct_ok) {
        /* "for the year", "by the end of the year": this year; "the year
         * ended June 30": a span */
        set_offset(c, r, 0, 'Y', 1);
        return 1;
    }
    if (j > i + 1 || u == 'Y') {
        set_duration(r, 1, u); /* "the past decade", "the last year": a span */
        return 1;
    }
    r->type = SR_TX_DATE;
    if (!c->dct_ok)
        return 1;
    if (u == 'Q' && tense_near(c, i, j + 1) != T_FUTURE) /* the last one reported */
        set_offset(c, r, 1, 'Q', -1);
    else
        set_offset(c, r, 0, u, 1);
    return 1;
}

/* "weeks", "years" alone: an unspecified duration */
static int n_units(const tctx *c, const mt *m, tx *r)
{
    uint32_t i = m->i, k = i + 1;
    char u = (char)val(m, K_UNIT);
    if (is(c, k, "more") || is(c, k, "additional") || is(c, k, "straight") || is(c, k, "trading") ||
        is(c, k, "business") || is(c, k, "working") || is(c, k, "consecutive") || is(c, k, "calendar"))
        k++;
    char after = unit_at(c, k);
    if (after == 'S' && (is(c, k + 1, "quarter") || is(c, k + 1, "half")))
        after = 0;
    if (u == 'K' || after || !plural(c, i, true) || (i > c->ulo && number_at(c, i - 1, true) != -1))
        return 0;
    set_duration(r, -2, u);
    return 1;
}

static int n_weekend(const tctx *c, const mt *m, tx *r)
{
    (void)m;
    r->type = SR_TX_DATE;
    if (c->dct_ok) {
        int wy, wn;
        iso_week(c->dz - (weekday_of(c->dz) <= 5 ? 7 : 0), &wy, &wn);
        snprintf(r->value, sizeof r->value, "%04d-W%02d-WE", wy, wn);
    }
    return 1;
}

/* seasons alone, after "in" or "during": "in summer" ("Raqqa's fall" is
 * no season) */
static int n_season(const tctx *c, const mt *m, tx *r)
{
    uint32_t i = m->i;
    if (!c->dct_ok || i <= c->ulo || !(is(c, i - 1, "in") || is(c, i - 1, "during")))
        return 0;
    r->type = SR_TX_DATE;
    snprintf(r->value, sizeof r->value, "%04d-%s", c->dy, season_codes[val(m, K_SEASON)]);
    return 1;
}

/*
 * The rules, tried in this order at each token; the first one that matches
 * and whose normalizer takes it wins.  A rule is a sequence of elements:
 *   WORD|WORD     one of these words (any case); more_than: two tokens
 *   CLASS         a token class (see the K_ enum): MONTH, DAY, YEAR ...
 *   @group        any rule of that group (the first that matches)
 *   X?            optional: taken when it matches, never given back
 *   !X            lookahead: the next token is no X (takes nothing)
 */
#define PRE "early|late|mid|the?"
#define BEFORE "earlier|later|early|late?"
#define CLOCK "CLOCK p.m.|pm|a.m.|am|o'clock? ZONE? ,?"
#define ABOUT "the_past|the_last|the_next|the_first|the_latest|the_previous|the_coming|the|" \
              "more_than|about|nearly|almost|over|some|at_least"
#define THE "the_past|the_last|the_next|the_first|the_latest|the_previous|the_coming|the"
#define COUNTED "COUNT 1/2? more|additional|straight|trading|business|working|consecutive|calendar? UNIT"
enum { G_TOP, G_MONTH };
static const struct rule {
    const char *pattern;
    norm_fn norm;
    const char *arg;
    uint8_t group;
} rules[] = {
    /* a month and what follows it: "Oct. 15, 2017", "October 2017" */
    {"MONTH DAY ,? YEAR", n_date, NULL, G_MONTH},
    {"MONTH DAY", n_date_near, NULL, G_MONTH},
    {"MONTH ,? YEAR", n_date, NULL, G_MONTH},
    {"MONTH ,? YEARW", n_date, NULL, G_MONTH},
    {"MONTH of YEAR", n_date, NULL, G_MONTH},
    {"MONTH that year", n_that_year, NULL, G_MONTH},
    {"MONTH of that year", n_that_year, NULL, G_MONTH},
    {"MONTH last|next|this year", n_month_rel, NULL, G_MONTH},

    {"ISO", n_date, NULL, 0},
    {"MDY", n_date, NULL, 0},
    {"DAY MONTH ,? YEAR", n_date, NULL, 0},
    {"DAY MONTH", n_date_near, NULL, 0},
    {"MIDMONTH", n_date_near, NULL, 0},
    {PRE " @month", n_sub, NULL, 0},
    {PRE " MONTH", n_month, NULL, 0},
    {"WEEKDAY ,? @month", n_sub, NULL, 0},
    {"WEEKDAY PART?", n_weekday, NULL, 0},
    {"the year YEARW", n_date, NULL, 0},
    {"YEARW", n_date, NULL, 0},
    {"fiscal? YEAR", n_year, NULL, 0},
    {"fiscal? DECADE", n_decade, NULL, 0},
    {"the? year-ago|year-earlier? QUARTER of YEAR", n_quarter, NULL, 0},
    {"the? YEAR? year-ago|year-earlier? QUARTER", n_quarter, NULL, 0},
    {CLOCK " @month", n_clock, NULL, 0},
    {CLOCK " WEEKDAY", n_clock, NULL, 0},
    {"CLOCK p.m.|pm|a.m.|am|o'clock? ZONE?", n_clock, NULL, 0},
    {"today|yesterday|tomorrow PART", n_day, NULL, 0},
    {"today|yesterday|tomorrow", n_day, NULL, 0},
    {"tonight|last_night", n_night, NULL, 0},
    {"now|currently|nowadays", n_ref, "PRESENT_REF", 0},
    {"current !account|accounts|fiscal !UNIT", n_ref, "PRESENT_REF", 0},
    {"these days", n_ref, "PRESENT_REF", 0},
    {"recently|previously|formerly", n_ref, "PAST_REF", 0},
    {"recent years", n_ref, "PAST_REF", 0},
    {"recent UNIT", n_recent, NULL, 0},
    {"recent", n_ref, "PAST_REF", 0},
    {"soon", n_ref, "FUTURE_REF", 0},
    {"the future", n_ref, "FUTURE_REF", 0},
    {"the past !UNIT !NUMBER", n_ref, "PAST_REF", 0},
    {"the? year-earlier|year-ago quarter|period?", n_quarter_back, "5", 0},
    {"the? latest period", n_quarter_back, "1", 0},
    {"this !night PART", n_this_part, NULL, 0},
    {"daily", n_set, "P1D", 0},
    {"weekly", n_set, "P1W", 0},
    {"monthly", n_set, "P1M", 0},
    {"annually|yearly", n_set, "P1Y", 0},
    {"nightly", n_set, "XXXX-XX-XXTNI", 0},
    {"hourly", n_set, "PT1H", 0},
    {"every|each WEEKDAY", n_set, NULL, 0},
    {"every|each UNIT", n_set, NULL, 0},
    {BEFORE " the past|last|previous|coming|next UNIT", n_span, NULL, 0},
    {BEFORE " coming UNIT", n_coming, NULL, 0},
    {BEFORE " the? REL fiscal? TARGET", n_rel, NULL, 0},
    {ABOUT "? UNITN", n_unitn, NULL, 0},
    {ABOUT "? " COUNTED " ago|earlier|from_now", n_ago, NULL, 0},
    {ABOUT "? " COUNTED, n_count, NULL, 0},
    {THE " UNIT ago|earlier|from_now", n_ago, NULL, 0},
    {THE " UNIT", n_the_unit, NULL, 0},
    {"UNIT", n_units, NULL, 0},
    {"the weekend", n_weekend, NULL, 0},
    {"SEASON", n_season, NULL, 0},
};
#define NRULES (sizeof rules / sizeof *rules)
static const char *const group_names[] = {"", "month"};

/* ---- the matcher ------------------------------------------------------------------ */

enum { E_WORDS, E_CLASS, E_GROUP };
typedef struct elem {
    uint8_t kind, opt, neg, id; /* id: the class or group */
    uint16_t alt, nalt;         /* E_WORDS: alts[alt, alt + nalt) */
    uint64_t hashes;            /* E_WORDS: bit h % 64 for the hash h of each first word */
} elem;
typedef struct alt {
    const char *w[3];
    uint16_t h[3]; /* their word_hash */
    uint8_t n;
} alt;
enum { MAXEL = 8 };
static elem els[NRULES][MAXEL];
static uint8_t nels[NRULES];
static alt alts[256];
static char wordpool[2048];

/* Which top-level rules can start at a token: by the first three letters
 * of its word (a hash of them, so at times a rule too many), whether it
 * starts with a digit, and those that can start with anything. */
typedef struct ruleset {
    uint64_t b[2];
} ruleset;
_Static_assert(sizeof rules / sizeof *rules <= 128, "a ruleset holds 128 rules");
static ruleset first_word[4096], first_digit, first_any, groups[2];

static void add_rule(ruleset *s, size_t r) { s->b[r >> 6] |= (uint64_t)1 << (r & 63); }
static uint32_t word_hash(const char *s, size_t n) { return sr_wordfilter_hash(s, n) & 4095; }
static uint32_t key(const char *s, size_t n) { return word_hash(s, n < 3 ? n : 3); }

static void add_class(int k, size_t r)
{
    const char *p = classes[k].first;
    if (!p)
        add_rule(&first_any, r);
    for (; p && *p; p += strspn(p, " ")) {
        size_t n = strcspn(p, " ");
        add_rule(*p == '0' ? &first_digit : &first_word[key(p, n)], r);
        p += n;
    }
}

/* Adds rule r to the sets of what can start rule `from` (r itself, or
 * the rules of a group r starts with). */
static void index_rule(size_t r, size_t from)
{
    for (uint8_t e = 0; e < nels[from]; e++) {
        const elem *x = &els[from][e];
        if (x->neg)
            continue;
        if (x->kind == E_CLASS)
            add_class(x->id, r);
        else if (x->kind == E_GROUP) {
            for (size_t g = 0; g < NRULES; g++)
                if (rules[g].group == x->id)
                    index_rule(r, g);
        } else
            for (uint16_t a = x->alt; a < x->alt + x->nalt; a++)
                add_rule(&first_word[key(alts[a].w[0], strlen(alts[a].w[0]))], r);
        if (!x->opt)
            return;
    }
}

static _Noreturn void bad_rule(size_t r, const char *why)
{
    fprintf(stderr, "time.c: rule %zu \"%s\": %s\n", r, rules[r].pattern, why);
    abort();
}

/* Compiles the patterns once, at start-up. */
__attribute__((constructor)) static void compile_rules(void)
{
    size_t na = 0, np = 0;
    for (size_t r = 0; r < NRULES; r++) {
        const char *p = rules[r].pattern;
        uint32_t seen = 0;
        while (*p) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (nels[r] == MAXEL || np + len + 1 >= sizeof wordpool)
                bad_rule(r, "too long");
            elem *x = &els[r][nels[r]++];
            char *w = wordpool + np;
            memcpy(w, p, len);
            w[len] = 0;
            np += len + 1;
            p += len;
            if (w[0] == '!')
                x->neg = 1, w++;
            if (len > 1 && w[strlen(w) - 1] == '?')
                x->opt = 1, w[strlen(w) - 1] = 0;
            if (w[0] == '@') {
                x->kind = E_GROUP;
                for (x->id = 1; x->id < sizeof group_names / sizeof *group_names; x->id++)
                    if (strcmp(group_names[x->id], w + 1) == 0)
                        break;
                if (x->id == sizeof group_names / sizeof *group_names)
                    bad_rule(r, "no such group");
            } else if (w[0] >= 'A' && w[0] <= 'Z') {
                x->kind = E_CLASS;
                for (x->id = 0; x->id < K__N && strcmp(classes[x->id].name, w) != 0; x->id++)
                    ;
                if (x->id == K__N)
                    bad_rule(r, "no such class");
                if (seen & (1u << x->id))
                    bad_rule(r, "a class twice");
                seen |= 1u << x->id;
            } else {
                x->kind = E_WORDS;
                x->alt = (uint16_t)na;
                for (char *a = w; a;) {
                    char *bar = strchr(a, '|');
                    if (bar)
                        *bar = 0;
                    if (na == sizeof alts / sizeof *alts)
                        bad_rule(r, "too many words");
                    alt *t = &alts[na++];
                    for (char *s = a; s && t->n < 3;) {
                        char *u = strchr(s, '_');
                        if (u)
                            *u = 0;
                        t->h[t->n] = (uint16_t)word_hash(s, strlen(s));
                        if (!t->n)
                            x->hashes |= (uint64_t)1 << (t->h[0] & 63);
                        t->w[t->n++] = s;
                        s = u ? u + 1 : NULL;
                    }
                    a = bar ? bar + 1 : NULL;
                }
                x->nalt = (uint16_t)(na - x->alt);
            }
        }
    }
    for (size_t r = 0; r < NRULES; r++) {
        add_rule(&groups[rules[r].group], r);
        if (rules[r].group == G_TOP)
            index_rule(r, r);
    }
}

/* What the classes read at the tokens after the one being matched, kept
 * while the rules are tried there: most rules ask the same questions. */
enum { MEMO = 8 };
typedef struct memo {
    uint32_t i;
    uint32_t known[MEMO];
    cap k[MEMO][K__N];
    uint16_t hash[MEMO]; /* the token's word_hash, NOHASH unknown */
} memo;
enum { NOHASH = 0xFFFF, PAST_UNIT = 0xFFFE };

static uint16_t tok_hash(const tctx *c, memo *mo, uint32_t pos)
{
    uint32_t d = pos - mo->i, n;
    if (pos >= c->uhi)
        return PAST_UNIT;
    if (d < MEMO && mo->hash[d] != NOHASH)
        return mo->hash[d];
    const char *s = tw(c, pos, &n);
    uint16_t h = (uint16_t)word_hash(s, n);
    if (d < MEMO)
        mo->hash[d] = h;
    return h;
}

static uint32_t read_class(const tctx *c, memo *mo, int k, uint32_t pos, cap *out)
{
    uint32_t d = pos - mo->i;
    if (d >= MEMO) {
        out->at = pos;
        return out->n = classes[k].fn(c, pos, out);
    }
    cap *x = &mo->k[d][k];
    if (!((mo->known[d] >> k) & 1)) {
        x->at = pos;
        x->n = classes[k].fn(c, pos, x);
        mo->known[d] |= 1u << k;
    }
    *out = *x;
    return x->n;
}

static int match_group(const tctx *c, memo *mo, uint32_t i, int group, tx *r);

/* Tries rule `ri` at token i: 1 matched (r filled), 0 not, NO. */
static int try_rule(const tctx *c, memo *mo, size_t ri, uint32_t i, tx *r)
{
    mt m;
    m.i = i;
    m.got = 0;
    m.sub.n = 0;
    m.arg = rules[ri].arg;
    uint32_t pos = i;
    for (uint8_t e = 0; e < nels[ri]; e++) {
        const elem *x = &els[ri][e];
        uint32_t len = 0;
        cap k;
        if (x->kind == E_CLASS)
            len = read_class(c, mo, x->id, pos, &k);
        else if (x->kind == E_GROUP)
            len = match_group(c, mo, pos, x->id, &m.sub) > 0 ? m.sub.n : 0;
        else if ((x->hashes >> (tok_hash(c, mo, pos) & 63)) & 1)
            for (uint16_t a = x->alt; a < x->alt + x->nalt && !len; a++) {
                uint8_t w = 0;
                while (w < alts[a].n && tok_hash(c, mo, pos + w) == alts[a].h[w] &&
                       is(c, pos + w, alts[a].w[w]))
                    w++;
                len = w == alts[a].n ? w : 0;
            }
        if (x->neg) {
            if (len)
                return 0;
            continue;
        }
        if (!len) {
            if (x->opt)
                continue;
            return 0;
        }
        if (x->kind == E_CLASS) {
            m.k[x->id] = k;
            m.got |= 1u << x->id;
        }
        pos += len;
    }
    m.e = pos;
    memset(r, 0, sizeof *r);
    r->n = pos - i;
    return rules[ri].norm(c, &m, r);
}

/* The first rule of the group, or of those in `may`, that takes token i. */
static int first_rule(const tctx *c, memo *mo, uint32_t i, const ruleset *may, tx *r)
{
    for (int w = 0; w < 2; w++)
        for (uint64_t b = may->b[w]; b; b &= b - 1) {
            int got = try_rule(c, mo, (size_t)(w * 64 + __builtin_ctzll(b)), i, r);
            if (got)
                return got;
        }
    r->n = 0;
    return 0;
}

static int match_group(const tctx *c, memo *mo, uint32_t i, int group, tx *r)
{
    return first_rule(c, mo, i, &groups[group], r);
}

static bool match(const tctx *c, uint32_t i, tx *r)
{
    uint32_t n;
    const char *s = tw(c, i, &n);
    static const ruleset none;
    const ruleset *w = &first_word[key(s, n)], *d = n && s[0] >= '0' && s[0] <= '9' ? &first_digit : &none;
    ruleset may = {{w->b[0] | d->b[0] | first_any.b[0], w->b[1] | d->b[1] | first_any.b[1]}};
    memo mo;
    mo.i = i;
    memset(mo.known, 0, sizeof mo.known);
    memset(mo.hash, 0xFF, sizeof mo.hash);
    return first_rule(c, &mo, i, &may, r) > 0;
}

/* Words that can start a time expression (besides numbers), and the
 * common words that can only start one before such a word ("the past
 * decade", "a year ago", "more than four decades"). */
static sr_wordfilter starters, weak;
__attribute__((constructor)) static void init_starters(void)
{
    static const char *const w[] = {
        "today", "yesterday", "tomorrow", "tonight", "last", "now", "currently", "current",
        "nowadays", "recently", "previously", "formerly", "recent", "soon", "early", "late",
        "mid", "fiscal", "this", "next", "past", "previous", "coming", "earlier", "later", "every",
        "each", "daily", "weekly", "monthly", "annually", "yearly", "nightly", "hourly", "several",
        "few", "spring", "summer", "fall", "autumn", "winter", "first", "second", "third",
        "fourth", "sept", "sept.", "future", "weekend", "latest", "couple", "dozen", "year",
        "quarter", "week", "month", "day", "these", "present", "year-earlier", "year-ago",
        "mid-january", NULL};
    static const char *const wk[] = {"the", "a", "an", "at", "more", "about", "nearly", "almost",
                                     "over", "some", "many", "in", "during", NULL};
    for (int k = 0; w[k]; k++)
        sr_wordfilter_add(&starters, w[k]);
    for (int k = 0; wk[k]; k++)
        sr_wordfilter_add(&weak, wk[k]);
    for (int k = 0; k < 12; k++) {
        sr_wordfilter_add(&starters, months[k]);
        sr_wordfilter_add(&starters, mon_abbr[k]);
        char ab[8];
        snprintf(ab, sizeof ab, "%s.", mon_abbr[k]);
        sr_wordfilter_add(&starters, ab);
    }
    for (int k = 0; k < 7; k++)
        sr_wordfilter_add(&starters, weekdays[k]);
    for (int k = 0; k <= 20; k++)
        sr_wordfilter_add(&starters, numbers[k]);
    for (int k = 2; k < 10; k++)
        sr_wordfilter_add(&starters, tens[k]);
    static const char *const units[] = {"years", "months", "weeks", "days", "hours", "minutes",
                                        "seconds", "decades", "decade", "centuries", "century",
                                        "quarters", NULL};
    for (int k = 0; units[k]; k++)
        sr_wordfilter_add(&starters, units[k]);
}

/* Is token i's word one that can start a time expression? Kept per token
 * (c->strong): a weak word asks it of the three tokens after it. */
static bool strong_word(const tctx *c, uint32_t i)
{
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!n)
        return false;
    if (s[0] >= '0' && s[0] <= '9')
        return true;
    const char *h = memchr(s, '-', n); /* "two-year", "third-quarter", "mid-1990s" */
    return sr_wordfilter_has(&starters, s, h ? (size_t)(h - s) : n);
}

static bool strong_start(const tctx *c, uint32_t i)
{
    if (i >= c->uhi)
        return false;
    if (!c->strong)
        return strong_word(c, i);
    if (!c->strong[i])
        c->strong[i] = strong_word(c, i) ? 2 : 1;
    return c->strong[i] == 2;
}

/* Could token i start a time expression? */
static bool may_start(const tctx *c, uint32_t i)
{
    if (strong_start(c, i))
        return true;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!sr_wordfilter_has(&weak, s, n))
        return false;
    /* "the", "a", "more than", "at least": only before a strong word */
    return strong_start(c, i + 1) || strong_start(c, i + 2) || strong_start(c, i + 3);
}

/* Parses meta.published ("2017-10-15", "2017-10-15T21:37..."). */
static bool parse_dct(tctx *c, const char *p)
{
    /* only a real date: a day the month has, a year 1800-2199, hours 0-23,
     * minutes 0-59 (the readers write it so: src/read/metadate.c) */
    int y, m, d, hh, mm;
    for (int k = 0; k < 10; k++)
        if (!p || (k == 4 || k == 7 ? p[k] != '-' : p[k] < '0' || p[k] > '9'))
            return false;
    if (sscanf(p, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return false;
    if (p[10] == 'T' && (sscanf(p + 11, "%2d:%2d", &hh, &mm) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59))
        return false;
    c->dy = y, c->dm = m, c->dd = d;
    c->dz = sr_days_from_civil(y, m, d);
    return true;
}

/* The TIMEX3 value of an expression whose calendar place the document
 * cannot tell (no publication date to count "last week" from): its unit
 * with the unknown parts as X ("XXXX-WXX", "XXXX-XX-XXTMO"). */
static const char *underspecified(const tctx *c, uint32_t i, uint32_t n, int type)
{
    static const struct {
        const char *word, *value;
    } units[] = {{"morning", "XXXX-XX-XXTMO"}, {"afternoon", "XXXX-XX-XXTAF"},
                 {"evening", "XXXX-XX-XXTEV"}, {"night", "XXXX-XX-XXTNI"},
                 {"tonight", "XXXX-XX-XXTNI"}, {"overnight", "XXXX-XX-XXTNI"},
                 {"summer", "XXXX-SU"},        {"winter", "XXXX-WI"},
                 {"spring", "XXXX-SP"},        {"autumn", "XXXX-FA"},
                 {"fall", "XXXX-FA"},          {"quarter", "XXXX-QX"},
                 {"weekend", "XXXX-WXX-WE"},   {"week", "XXXX-WXX"},
                 {"weeks", "XXXX-WXX"},        {"month", "XXXX-XX"},
                 {"months", "XXXX-XX"},        {"year", "XXXX"},
                 {"years", "XXXX"},            {"year-ago", "XXXX"},
                 {"year-earlier", "XXXX"},     {"decade", "XXX"},
                 {"century", "XX"}};
    if (type == SR_TX_DURATION)
        return "PXX";
    if (type == SR_TX_SET)
        return "XXXX";
    for (size_t u = 0; u < sizeof units / sizeof *units; u++)
        for (uint32_t k = i; k < i + n; k++)
            if (is(c, k, units[u].word))
                return units[u].value;
    return type == SR_TX_TIME ? "XXXX-XX-XXTXX:XX" : "XXXX-XX-XX";
}

/* The unit of token i: the sentence holding it, else the run outside
 * (*s: the sentence cursor, moving forward only). */
static void set_unit(tctx *c, uint32_t i, uint32_t *s)
{
    const sr_doc *d = c->d;
    while (*s < d->sentences.n && d->sentences.v[*s].tok_first + d->sentences.v[*s].tok_n <= i)
        (*s)++;
    if (*s < d->sentences.n && d->sentences.v[*s].tok_first <= i) {
        c->ulo = d->sentences.v[*s].tok_first;
        c->uhi = c->ulo + d->sentences.v[*s].tok_n;
    } else {
        c->ulo = i;
        c->uhi = *s < d->sentences.n ? d->sentences.v[*s].tok_first : d->tokens.n;
    }
}

/* Is the expression at tokens [i, i + n) a line of its own: its unit
 * (sentence) holds no other words than a label's ("Published:", "Posted
 * on")? "Year ended December 31, 1986" is no date line. */
static bool date_line(const tctx *c, uint32_t i, uint32_t n)
{
    static const char *const labels[] = {"published", "posted", "updated", "dated", "date",
                                         "on", "at", "first", "last", "modified", "issued"};
    if (c->ulo + 8 < i || c->uhi > i + n + 8)
        return false; /* a longer unit is a sentence */
    for (uint32_t k = c->ulo; k < c->uhi; k++)
        if ((k < i || k >= i + n) && c->d->tokens.v[k].kind == SR_TOK_WORD && index_in(c, k, labels, 11) < 0)
            return false;
    return true;
}

/* Where no publication date was given, or none that is a real date: a
 * full date (day, month and year written out) in the dateline that opens
 * the text, or as a line of its own at the top of the text (in its first
 * TOP bytes).  (A date in a dateline given apart is read with the
 * metadata: src/api/api.c.) */
enum { TOP = 500 };
static bool find_dct(tctx *c)
{
    sr_doc *d = c->d;
    uint32_t s = 0;
    for (uint32_t i = 0; i < d->tokens.n && d->tokens.v[i].start < TOP;) {
        set_unit(c, i, &s);
        for (; i < c->uhi && d->tokens.v[i].start < TOP; i++) {
            tx r;
            if (!may_start(c, i) || !match(c, i, &r) || !r.n)
                continue;
            uint32_t a = d->tokens.v[i].start;
            bool dateline = false;
            for (uint32_t k = 0; k < d->blocks.n && d->blocks.v[k].start <= a; k++)
                dateline |= a < d->blocks.v[k].start + d->blocks.v[k].skip;
            if (strlen(r.value) >= 10 && r.value[4] == '-' && r.value[7] == '-' &&
                (dateline || date_line(c, i, r.n)) && parse_dct(c, r.value)) {
                d->meta.published_basis = dateline ? "dateline" : "text";
                return true;
            }
            i += r.n - 1;
        }
    }
    return false;
}

sitrep_status sr_time_run(sr_doc *d, const sitrep_model *m)
{
    tctx c = {.d = d, .m = m};
    if (d->tokens.n && !(c.strong = sr_arena_calloc(d->arena, d->tokens.n, 1)))
        return SITREP_ENOMEM;
    c.dct_ok = parse_dct(&c, d->meta.published);
    if (c.dct_ok && !d->meta.published_basis)
        d->meta.published_basis = "given";
    if (!c.dct_ok) {
        /* a date sitrep cannot read is never used to resolve others */
        d->meta.published = NULL;
        d->meta.published_basis = NULL;
        if (find_dct(&c)) {
            char iso[16];
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", c.dy, c.dm, c.dd);
            if (!(d->meta.published = sr_arena_strndup(d->arena, iso, strlen(iso))))
                return SITREP_ENOMEM;
            c.dct_ok = true;
        }
    }
    uint32_t s = 0;
    for (uint32_t i = 0; i < d->tokens.n;) {
        set_unit(&c, i, &s);
        for (; i < c.uhi; i++) {
            tx r;
            if (!may_start(&c, i) || !match(&c, i, &r) || !r.n)
                continue;
            sr_timex *t = SR_VEC_PUSH(d->arena, &d->times);
            if (!t)
                return SITREP_ENOMEM;
            t->start = d->tokens.v[i].start;
            t->end = d->tokens.v[i + r.n - 1].end;
            t->type = (uint8_t)r.type;
            t->zone = r.zone;
            t->value = r.value[0] ? sr_arena_strndup(d->arena, r.value, strlen(r.value))
                                  : underspecified(&c, i, r.n, r.type);
            /* a year written out ("January 2014", "2014") anchors "that year" */
            int yy;
            if (r.type == SR_TX_DATE && r.value[0] >= '1' && r.value[0] <= '2' &&
                sscanf(r.value, "%4d", &yy) == 1 && strlen(r.value) >= 4 &&
                memchr(d->norm + d->tokens.v[i].nstart, yy / 1000 + '0',
                       d->tokens.v[i + r.n - 1].nend - d->tokens.v[i].nstart))
                c.last_year = yy;
            if (r.value[0] && !t->value)
                return SITREP_ENOMEM;
            i += r.n - 1;
        }
    }
    return SITREP_OK;
}
