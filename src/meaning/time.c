/*
 * time.c: stage "time".  Input: tokens, tags, meta.published.  Output:
 * doc->times, TIMEX3 expressions with their type and value, relative ones
 * resolved against the publication date (never guessed without one).
 *
 * A matcher over tokens, longest pattern first, at each token:
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
    if (n && n <= 4 && s[0] >= '0' && s[0] <= '9') {
        int v = 0;
        for (uint32_t k = 0; k < n; k++) {
            if (s[k] < '0' || s[k] > '9')
                return -1;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }
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
            if ((size_t)(h - s) == strlen(tens[t]) && strncasecmp(s, tens[t], (size_t)(h - s)) == 0)
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
        if (strlen(units[k].w) == n && strncasecmp(s, units[k].w, n) == 0)
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

static const char *season_code(const tctx *c, uint32_t i)
{
    if (is(c, i, "spring")) return "SP";
    if (is(c, i, "summer")) return "SU";
    if (is(c, i, "fall") || is(c, i, "autumn")) return "FA";
    if (is(c, i, "winter")) return "WI";
    return NULL;
}

/* A four-digit year 1800-2099 at token i (not part of a larger number). */
static int year_at(const tctx *c, uint32_t i)
{
    if (i >= c->uhi)
        return 0;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (n != 4)
        return 0;
    int v = 0;
    for (int k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        v = v * 10 + (s[k] - '0');
    }
    return v >= 1800 && v <= 2099 ? v : 0;
}

/* A year said in words, as transcripts of broadcasts write them:
 * "nineteen ninety-six", "nineteen seventy-nine", "two thousand" (after
 * "the year"), "two thousand and one"; *len its tokens. */
static int spoken_year(const tctx *c, uint32_t i, uint32_t *len)
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
        if (lo < 0)
            return 0;
        *len = used;
        return hi * 100 + lo;
    }
    if (hi == 2 && is(c, i + 1, "thousand")) {
        uint32_t k = i + 2;
        if (is(c, k, "and"))
            k++;
        int u = index_in(c, k, numbers, 21);
        if (u >= 1) {
            *len = k + 1 - i;
            return 2000 + u;
        }
        *len = 2;
        return 2000;
    }
    return 0;
}

static int day_at(const tctx *c, uint32_t i)
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
    return v >= 1 && v <= 31 ? v : 0;
}

/* ---- the matcher ------------------------------------------------------------------ */

static bool part_of_day(const tctx *c, uint32_t i, char out[3])
{
    static const struct { const char *w, *code; } parts[] = {
        {"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}, {"night", "NI"}};
    for (size_t k = 0; k < 4; k++)
        if (is(c, i, parts[k].w)) {
            memcpy(out, parts[k].code, 3);
            return true;
        }
    return false;
}

/* Month-based dates from token i (after any early/late/mid). */
static bool month_date(const tctx *c, uint32_t i, tx *r, bool relative_ok)
{
    uint32_t ml;
    int m = month_at(c, i, &ml);
    if (!m)
        return false;
    uint32_t j = i + ml;
    int day = day_at(c, j);
    if (day) {
        uint32_t k = j + 1;
        if (is(c, k, ","))
            k++;
        int y = year_at(c, k);
        if (y) {
            r->n = k + 1 - i;
            return set_date(r, y, m, day);
        }
        if (!c->dct_ok)
            return false;
        r->n = j + 1 - i;
        return set_date(r, resolve_month_year(c, m, day, tense_near(c, i, j + 1)), m, day);
    }
    uint32_t k = j;
    if (is(c, k, ","))
        k++;
    int y = year_at(c, k);
    if (y) {
        r->n = k + 1 - i;
        return set_date(r, y, m, 0);
    }
    uint32_t yl;
    if ((y = spoken_year(c, k, &yl)) != 0) { /* "January nineteen ninety-seven" */
        r->n = k + yl - i;
        return set_date(r, y, m, 0);
    }
    if (is(c, j, "of") && (y = year_at(c, j + 1))) {
        r->n = j + 2 - i;
        return set_date(r, y, m, 0);
    }
    /* "in June that year", "March of that year": the year last written */
    if (c->last_year && is(c, j, "that") && is(c, j + 1, "year")) {
        r->n = j + 2 - i;
        return set_date(r, c->last_year, m, 0);
    }
    if (c->last_year && is(c, j, "of") && is(c, j + 1, "that") && is(c, j + 2, "year")) {
        r->n = j + 3 - i;
        return set_date(r, c->last_year, m, 0);
    }
    /* "June last year", "March next year" */
    if (c->dct_ok && is(c, j + 1, "year") && (is(c, j, "last") || is(c, j, "next") || is(c, j, "this"))) {
        r->n = j + 2 - i;
        return set_date(r, c->dy + (is(c, j, "last") ? -1 : is(c, j, "next") ? 1 : 0), m, 0);
    }
    /* a bare month: only written as a name, and with a publication date */
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!relative_ok || !c->dct_ok || !(s[0] >= 'A' && s[0] <= 'Z') || n < 3)
        return false;
    r->n = ml;
    return set_date(r, resolve_month_year(c, m, 0, tense_near(c, i, i + ml)), m, 0);
}

static bool match(const tctx *c, uint32_t i, tx *r)
{
    memset(r, 0, sizeof *r);
    uint32_t n0;
    const char *s0 = tw(c, i, &n0);
    (void)s0;

    /* ISO dates and numeric dates */
    {
        uint32_t n;
        char s[24];
        const char *raw = tw(c, i, &n);
        if (n >= sizeof s)
            n = sizeof s - 1;
        memcpy(s, raw, n);
        s[n] = 0;
        int y, m, d;
        if (n == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 &&
            d >= 1 && d <= 31 && s[4] == '-' && s[7] == '-') {
            r->n = 1;
            return set_date(r, y, m, d);
        }
        if (n >= 8 && n <= 10 && sscanf(s, "%2d/%2d/%4d", &m, &d, &y) == 3 && y >= 1800 &&
            m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            r->n = 1;
            return set_date(r, y, m, d);
        }
    }

    /* day first: "15 October 2017", "3 March" */
    {
        int day = day_at(c, i);
        uint32_t ml;
        int m = day ? month_at(c, i + 1, &ml) : 0;
        if (m) {
            uint32_t k = i + 1 + ml;
            if (is(c, k, ","))
                k++;
            int y = year_at(c, k);
            if (y) {
                r->n = k + 1 - i;
                return set_date(r, y, m, day);
            }
            if (c->dct_ok) {
                r->n = 1 + ml;
                return set_date(r, resolve_month_year(c, m, day, tense_near(c, i, i + 1 + ml)), m, day);
            }
        }
    }

    /* "mid-November" */
    {
        uint32_t n;
        const char *s = tw(c, i, &n);
        if (n > 5 && strncasecmp(s, "mid-", 4) == 0 && c->dct_ok) {
            for (int m = 0; m < 12; m++)
                if (n - 4 == strlen(months[m]) && strncasecmp(s + 4, months[m], n - 4) == 0) {
                    r->n = 1;
                    return set_date(r, resolve_month_year(c, m + 1, 0, tense_near(c, i, i + 1)), m + 1, 0);
                }
        }
    }
    /* "early/late/mid December", "mid-1990s" */
    uint32_t p = i;
    if (is(c, p, "early") || is(c, p, "late") || is(c, p, "mid") || is(c, p, "the"))
        p++;
    if (p > i || true) {
        if (month_date(c, p, r, true)) {
            r->n += p - i;
            return true;
        }
    }
    p = i;

    /* weekdays: "Friday", "Friday, Oct. 23", "Friday morning" */
    int wd = index_in(c, i, weekdays, 7);
    if (wd >= 0) {
        uint32_t j = i + 1, k = j;
        if (is(c, k, ","))
            k++;
        tx tmp;
        if (month_at(c, k, &n0) && month_date(c, k, &tmp, false)) {
            *r = tmp;
            r->n += k - i;
            return true;
        }
        if (!c->dct_ok)
            return false;
        int tense = tense_near(c, i, j);
        /* "by Wednesday", "until Thursday": the preposition says nothing of
         * a weekday's side; "Wednesday's ruling" is a thing done */
        if (i > c->ulo && (is(c, i - 1, "by") || is(c, i - 1, "until") || is(c, i - 1, "through")))
            tense = T_NONE;
        if (is(c, j, "'s"))
            tense = T_PAST;
        if (i >= c->ulo + 3 && is(c, i - 3, "as") && (is(c, i - 2, "soon") || is(c, i - 2, "early")) &&
            is(c, i - 1, "as"))
            tense = T_FUTURE; /* "as soon as Tuesday" */
        int64_t z = resolve_weekday(c, wd + 1, tense);
        set_day(r, z);
        r->n = 1;
        char pd[3];
        if (part_of_day(c, j, pd)) {
            size_t l = strlen(r->value);
            snprintf(r->value + l, sizeof r->value - l, "T%s", pd);
            r->type = SR_TX_TIME;
            r->n = 2;
        }
        return true;
    }

    /* years in words: "nineteen ninety-six", "the year two thousand" */
    {
        uint32_t j = i, yl;
        bool the_year = is(c, j, "the") && is(c, j + 1, "year");
        if (the_year)
            j += 2;
        int y = spoken_year(c, j, &yl);
        if (y && (the_year || y < 2000)) {
            r->n = j + yl - i;
            return set_date(r, y, 0, 0);
        }
    }

    /* years: "1989", "fiscal 1989", "the 1990s", "mid-1990s" */
    {
        uint32_t j = i;
        if (is(c, j, "fiscal"))
            j++;
        int y = year_at(c, j);
        if (y) {
            /* not a count: "1990 people" */
            if (j + 1 < c->uhi && c->d->tags && c->m) {
                const char *tg = sr_tag_name(c->m, c->d->tags[j + 1]);
                if ((tg[0] == 'N' && tg[1] == 'N' && tg[2] == 'S') && !is(c, j + 1, "levels"))
                    return false;
            }
            r->n = j + 1 - i;
            return set_date(r, y, 0, 0);
        }
        uint32_t n;
        const char *s = tw(c, j, &n);
        const char *q = s;
        if (n >= 9 && strncasecmp(s, "mid-", 4) == 0)
            q = s + 4;
        if ((size_t)(s + n - q) == 5 && q[4] == 's' && q[0] >= '1' && q[0] <= '2') {
            bool ok = true;
            for (int k = 0; k < 4; k++)
                ok &= q[k] >= '0' && q[k] <= '9';
            if (ok && q[3] == '0') {
                r->n = j + 1 - i;
                snprintf(r->value, sizeof r->value, "%.3s", q);
                r->type = SR_TX_DATE;
                return true;
            }
        }
    }

    /* quarters: "third quarter", "third-quarter", "the third quarter of 1989",
     * "the 1988 second quarter" */
    {
        uint32_t j = i;
        if (is(c, j, "the"))
            j++;
        int qy = year_at(c, j);
        if (qy)
            j++;
        bool year_back = false;
        if (is(c, j, "year-ago") || is(c, j, "year-earlier")) {
            year_back = true; /* "the year-ago third quarter" */
            j++;
        }
        uint32_t n;
        const char *s = tw(c, j, &n);
        int q = 0;
        bool hyph = false;
        for (int k = 1; k <= 4; k++) {
            size_t l = strlen(ordinals[k]);
            if (n == l && strncasecmp(s, ordinals[k], l) == 0)
                q = k;
            else if (n == l + 8 && strncasecmp(s, ordinals[k], l) == 0 &&
                     strncasecmp(s + l, "-quarter", 8) == 0)
                q = k, hyph = true;
        }
        if (q && (hyph || is(c, j + 1, "quarter"))) {
            uint32_t e = hyph ? j + 1 : j + 2;
            int y = qy;
            if (!y && is(c, e, "of") && (y = year_at(c, e + 1)))
                e += 2;
            if (!y) {
                if (!c->dct_ok)
                    return false;
                int cur = (c->dm - 1) / 3 + 1;
                y = q < cur ? c->dy : (tense_near(c, i, e) == T_FUTURE ? c->dy : c->dy - (q > cur));
                if (q == cur && tense_near(c, i, e) == T_PAST)
                    y = c->dy;
            }
            r->n = e - i;
            if (year_back && !qy)
                y--;
            snprintf(r->value, sizeof r->value, "%04d-Q%d", y, q);
            r->type = SR_TX_DATE;
            return true;
        }
    }

    /* clock times: "5 p.m.", "10:30 a.m.", "5:30" */
    {
        uint32_t n;
        char s[8];
        const char *raw = tw(c, i, &n);
        if (n >= sizeof s)
            n = 0;
        memcpy(s, raw, n);
        s[n] = 0;
        int hh = -1, mm = 0;
        if (n >= 4 && n <= 5 && sscanf(s, "%d:%2d", &hh, &mm) == 2) {
        } else if (n <= 2 && s[0] >= '0' && s[0] <= '9') {
            hh = atoi(s);
        }
        if (hh >= 0 && hh <= 24 && mm < 60) {
            uint32_t j = i + 1;
            bool pm = is(c, j, "p.m.") || is(c, j, "pm"), am = is(c, j, "a.m.") || is(c, j, "am");
            bool oclock = is(c, j, "o'clock");
            if (pm || am || oclock || memchr(s, ':', n)) {
                if (pm && hh < 12)
                    hh += 12;
                if (am && hh == 12)
                    hh = 0;
                r->n = (pm || am || oclock) ? 2 : 1;
                /* "5 p.m. EST Nov. 9", "9 a.m. Tuesday": that day */
                uint32_t k = i + r->n;
                static const char *const zones[] = {"est", "edt", "cst", "cdt", "pst", "pdt", "gmt",
                                                    "utc", "bst", "cet", NULL};
                for (int z = 0; zones[z]; z++)
                    if (is(c, k, zones[z])) {
                        k++;
                        break;
                    }
                if (is(c, k, ","))
                    k++;
                tx dd;
                int wdx = index_in(c, k, weekdays, 7);
                if (month_at(c, k, &n) && month_date(c, k, &dd, false) && strlen(dd.value) == 10) {
                    memcpy(r->value, dd.value, 10);
                    snprintf(r->value + 10, sizeof r->value - 10, "T%02u:%02u", (unsigned)hh % 100u,
                             (unsigned)mm % 100u);
                    r->n = k + dd.n - i;
                    r->type = SR_TX_TIME;
                    return true;
                }
                if (wdx >= 0 && c->dct_ok) {
                    int64_t z = resolve_weekday(c, wdx + 1, tense_near(c, i, k + 1));
                    int yy, mo, da;
                    sr_civil_from_days(z, &yy, &mo, &da);
                    snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%02d:%02d", yy, mo, da, hh, mm);
                    r->n = k + 1 - i;
                    r->type = SR_TX_TIME;
                    return true;
                }
                if (!c->dct_ok)
                    snprintf(r->value, sizeof r->value, "XXXX-XX-XXT%02d:%02d", hh, mm);
                else
                    snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%02d:%02d", c->dy, c->dm, c->dd, hh, mm);
                r->type = SR_TX_TIME;
                return true;
            }
        }
    }

    /* deictic words */
    {
        int64_t off = 0;
        bool day = false;
        if (is(c, i, "today"))
            day = true;
        else if (is(c, i, "yesterday"))
            day = true, off = -1;
        else if (is(c, i, "tomorrow"))
            day = true, off = 1;
        if (day) {
            r->n = 1;
            if (!c->dct_ok) {
                r->type = SR_TX_DATE;
                return true; /* value unknown */
            }
            set_day(r, c->dz + off);
            char pd[3];
            if (part_of_day(c, i + 1, pd)) {
                size_t l = strlen(r->value);
                snprintf(r->value + l, sizeof r->value - l, "T%s", pd);
                r->type = SR_TX_TIME;
                r->n = 2;
            }
            return true;
        }
        if (is(c, i, "tonight") || (is(c, i, "last") && is(c, i + 1, "night"))) {
            r->n = is(c, i, "tonight") ? 1 : 2;
            r->type = SR_TX_TIME;
            if (c->dct_ok) {
                int y, m, d;
                sr_civil_from_days(c->dz - (r->n == 2), &y, &m, &d);
                snprintf(r->value, sizeof r->value, "%04d-%02d-%02dTNI", y, m, d);
            }
            return true;
        }
        const char *ref = NULL;
        uint32_t n = 1;
        if (is(c, i, "now") || is(c, i, "currently") || is(c, i, "nowadays"))
            ref = "PRESENT_REF";
        else if (is(c, i, "current") && !is(c, i + 1, "account") && !is(c, i + 1, "accounts") &&
                 !unit_at(c, i + 1) && !is(c, i + 1, "fiscal"))
            ref = "PRESENT_REF";
        else if (is(c, i, "these") && is(c, i + 1, "days"))
            ref = "PRESENT_REF", n = 2;
        else if (is(c, i, "recently") || is(c, i, "previously") || is(c, i, "formerly"))
            ref = "PAST_REF";
        else if (is(c, i, "recent") && unit_at(c, i + 1) && !is(c, i + 1, "years")) {
            /* "recent months", "recent weeks": a span */
            r->n = 2;
            set_duration(r, -2, unit_at(c, i + 1));
            return true;
        } else if (is(c, i, "recent") && is(c, i + 1, "years"))
            ref = "PAST_REF", n = 2;
        else if (is(c, i, "recent") && !unit_at(c, i + 1))
            ref = "PAST_REF"; /* "recent talks": lately */
        else if (is(c, i, "soon"))
            ref = "FUTURE_REF";
        else if (is(c, i, "the") && is(c, i + 1, "future"))
            ref = "FUTURE_REF", n = 2;
        else if (is(c, i, "the") && is(c, i + 1, "past") && !unit_at(c, i + 2) &&
                 number_at(c, i + 2, false) == -1)
            ref = "PAST_REF", n = 2;
        if (ref) {
            r->n = n;
            r->type = SR_TX_DATE;
            snprintf(r->value, sizeof r->value, "%s", ref);
            return true;
        }
    }

    /* "the year-earlier quarter", "year-ago", "the latest period": the
     * quarter a company reports on, or that quarter a year back */
    {
        uint32_t j = i;
        if (is(c, j, "the"))
            j++;
        bool back = is(c, j, "year-earlier") || is(c, j, "year-ago");
        bool latest = is(c, j, "latest") && is(c, j + 1, "period");
        if (back || latest) {
            uint32_t e = latest ? j + 2 : j + 1;
            if (back && (is(c, e, "quarter") || is(c, e, "period")))
                e++;
            r->n = e - i;
            r->type = SR_TX_DATE;
            if (c->dct_ok)
                set_offset(c, r, back ? 5 : 1, 'Q', -1);
            return true;
        }
    }
    /* "this morning", "this evening" */
    {
        char pd[3];
        if (is(c, i, "this") && part_of_day(c, i + 1, pd) && !is(c, i + 1, "night")) {
            r->n = 2;
            r->type = SR_TX_TIME;
            if (c->dct_ok)
                snprintf(r->value, sizeof r->value, "%04d-%02d-%02dT%s", c->dy, c->dm, c->dd, pd);
            return true;
        }
    }

    /* sets */
    {
        static const struct { const char *w, *v; } sets[] = {
            {"daily", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"}, {"annually", "P1Y"},
            {"yearly", "P1Y"}, {"nightly", "XXXX-XX-XXTNI"}, {"hourly", "PT1H"}};
        for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
            if (is(c, i, sets[k].w)) {
                r->n = 1;
                r->type = SR_TX_SET;
                snprintf(r->value, sizeof r->value, "%s", sets[k].v);
                return true;
            }
        if (is(c, i, "every") || is(c, i, "each")) {
            int w2 = index_in(c, i + 1, weekdays, 7);
            char u = unit_at(c, i + 1);
            if (w2 >= 0) {
                r->n = 2;
                r->type = SR_TX_SET;
                snprintf(r->value, sizeof r->value, "XXXX-WXX-%d", w2 + 1);
                return true;
            }
            if (u == 'D' || u == 'W' || u == 'M' || u == 'Y') {
                r->n = 2;
                r->type = SR_TX_SET;
                snprintf(r->value, sizeof r->value, "P1%c", u);
                return true;
            }
        }
    }

    /* this/last/next/earlier this/the past ... + unit, month, season, weekday */
    {
        uint32_t j = i;
        int rel = 99; /* -1 last, 0 this, 1 next */
        bool earlier = false;
        if (is(c, j, "earlier") || is(c, j, "later") || is(c, j, "early") || is(c, j, "late")) {
            earlier = true;
            j++;
        }
        /* "the current quarter", "the current fiscal year" */
        if (is(c, j, "the") && (is(c, j + 1, "current") || is(c, j + 1, "present")))
            j++;
        bool fiscal = false;
        if ((is(c, j, "current") || is(c, j, "this") || is(c, j, "last") || is(c, j, "next")) &&
            is(c, j + 1, "fiscal"))
            fiscal = true;
        if (is(c, j, "this") || is(c, j, "current") || is(c, j, "present"))
            rel = 0, j++;
        else if (is(c, j, "last") || is(c, j, "past") || is(c, j, "previous"))
            rel = -1, j++;
        else if (is(c, j, "next") || is(c, j, "coming")) {
            uint32_t l;
            const char *w = tw(c, j + 1 < c->uhi ? j + 1 : j, &l);
            if (is(c, j, "coming") && unit_at(c, j + 1) && l > 1 && w[l - 1] == 's') {
                r->n = j + 2 - i; /* "the coming months": ahead, unmeasured */
                r->type = SR_TX_DATE;
                snprintf(r->value, sizeof r->value, "FUTURE_REF");
                return true;
            }
            rel = 1, j++;
        }
        else if (is(c, j, "the") && (is(c, j + 1, "past") || is(c, j + 1, "last") ||
                                     is(c, j + 1, "previous") || is(c, j + 1, "coming") ||
                                     is(c, j + 1, "next")) &&
                 unit_at(c, j + 2) && unit_at(c, j + 2) != 'K') {
            /* "the past decade", "the coming years": a span */
            uint32_t l;
            const char *w = tw(c, j + 2, &l);
            bool plural = l > 1 && (w[l - 1] == 's' || w[l - 1] == 'S');
            r->n = j + 3 - i;
            set_duration(r, plural ? -2 : 1, unit_at(c, j + 2));
            return true;
        }
        if (rel != 99 && fiscal)
            j++; /* "this fiscal year": the year */
        if (rel != 99 && !(earlier && rel == 99)) {
            char u = unit_at(c, j);
            const char *se = season_code(c, j);
            int w2 = index_in(c, j, weekdays, 7);
            uint32_t ml = 0;
            int mo = month_at(c, j, &ml);
            if (mo && day_at(c, j + ml))
                mo = 0, u = 0, se = NULL, w2 = -1; /* "last Oct. 23": the date itself, below */
            else if (u || se || w2 >= 0 || mo) {
                r->n = j + 1 - i;
                r->type = SR_TX_DATE;
                if (!c->dct_ok)
                    return true;
                if (u == 'C') {
                    set_duration(r, 1, 'C');
                } else if (u == 'K') {
                    int wy, wn;
                    iso_week(c->dz + 7 * rel, &wy, &wn);
                    snprintf(r->value, sizeof r->value, "%04d-W%02d-WE", wy, wn);
                } else if (u) {
                    set_offset(c, r, rel < 0 ? 1 : rel, u, rel < 0 ? -1 : 1);
                    if (rel == 0)
                        set_offset(c, r, 0, u, 1);
                } else if (se) {
                    static const char *order = "WISPSUFA";
                    int sidx = (int)((strstr(order, se) - order) / 2);
                    int cur = c->dm <= 2 || c->dm == 12 ? 0 : c->dm <= 5 ? 1 : c->dm <= 8 ? 2 : 3;
                    int y = c->dy + (rel > 0 ? (sidx <= cur) : rel < 0 ? -(sidx >= cur) : 0);
                    snprintf(r->value, sizeof r->value, "%04d-%s", y, se);
                } else if (w2 >= 0) {
                    int64_t z = resolve_weekday(c, w2 + 1, rel > 0 ? T_FUTURE : T_PAST);
                    if (rel < 0 && z == c->dz)
                        z -= 7; /* "last Wednesday" on a Wednesday: a week ago */
                    if (rel > 0 && z == c->dz)
                        z += 7;
                    set_day(r, z);
                } else {
                    int y = rel < 0 ? (mo < c->dm ? c->dy : c->dy - 1)
                          : rel > 0 ? (mo > c->dm ? c->dy : c->dy + 1) : c->dy;
                    set_date(r, y, mo, 0);
                }
                return true;
            }
        }
    }

    /* "N units ago", "a year earlier", "N units" (duration), "the past two
     * months", "the first nine months", "27-year", "weeks" */
    {
        uint32_t j = i;
        bool the = false;
        if (is(c, j, "the")) {
            the = true;
            j++;
            if (is(c, j, "past") || is(c, j, "last") || is(c, j, "next") || is(c, j, "first") ||
                is(c, j, "latest") || is(c, j, "previous") || is(c, j, "coming"))
                j++;
        } else if (is(c, j, "more") && is(c, j + 1, "than")) {
            j += 2;
        } else if (is(c, j, "about") || is(c, j, "nearly") || is(c, j, "almost") ||
                   is(c, j, "over") || is(c, j, "some")) {
            j++;
        } else if (is(c, j, "at") && is(c, j + 1, "least")) {
            j += 2;
        }
        uint32_t n;
        const char *s = tw(c, j, &n);
        /* "27-year", "two-year" */
        const char *h = j < c->uhi ? memchr(s, '-', n) : NULL;
        if (h) {
            char u = unit_of(h + 1, (size_t)(s + n - h - 1));
            if (u && u != 'K') {
                int v = -1;
                if (s[0] >= '0' && s[0] <= '9') {
                    v = 0;
                    for (const char *q = s; q < h && v < 10000; q++)
                        v = (*q >= '0' && *q <= '9') ? v * 10 + (*q - '0') : 100000;
                }
                else
                    for (int k = 1; k <= 20; k++)
                        if ((size_t)(h - s) == strlen(numbers[k]) && strncasecmp(s, numbers[k], (size_t)(h - s)) == 0)
                            v = k;
                if (v > 0 && v < 10000) {
                    r->n = j + 1 - i;
                    set_duration(r, v, u);
                    return true;
                }
            }
        }
        int v = number_at(c, j, true);
        uint32_t k = j + 1;
        bool half = false;
        if (is(c, j, "a") && is(c, j + 1, "couple") && is(c, j + 2, "of"))
            v = 2, k = j + 3;
        else if (is(c, j, "a") && is(c, j + 1, "few"))
            v = -2, k = j + 2;
        else if (v >= 0 && (is(c, k, "hundred") || is(c, k, "thousand")))
            v *= is(c, k, "hundred") ? 100 : 1000, k++;
        if (v >= 0 && is(c, k, "1/2"))
            half = true, k++;
        if (is(c, k, "more") || is(c, k, "additional") || is(c, k, "straight") ||
            is(c, k, "trading") || is(c, k, "business") || is(c, k, "working") ||
            is(c, k, "consecutive") || is(c, k, "calendar"))
            k++;
        if (v == -1 && the) {
            v = 1; /* "the year", "the quarter" */
            k = j;
            uint32_t l;
            const char *w = tw(c, j, &l);
            if (j < c->uhi && unit_of(w, l) && l > 1 && (w[l - 1] == 's' || w[l - 1] == 'S') &&
                unit_of(w, l) != 'K') {
                r->n = j + 1 - i; /* "the years": a span of some years */
                set_duration(r, -2, unit_of(w, l));
                return true;
            }
        }
        char u = unit_at(c, k);
        if (u == 'S' && (v > 999 || is(c, k + 1, "quarter") || is(c, k + 1, "half")))
            u = 0; /* "the 1988 second quarter" */
        if (v > 999 && v < 2200 && u == 'Q' && !is(c, k, "quarters") && c->dct_ok) {
            /* "the 1988 quarter": that year's quarter matching the last one
             * reported */
            r->n = k + 1 - i;
            set_offset(c, r, 1, 'Q', -1);
            char q = r->value[6];
            snprintf(r->value, sizeof r->value, "%04d-Q%c", v, q);
            return true;
        }
        if (v != -1 && u) {
            uint32_t e = k + 1;
            if (is(c, e, "ago") || is(c, e, "earlier") || (is(c, e, "from") && is(c, e + 1, "now"))) {
                int sign = is(c, e, "from") ? 1 : -1;
                r->n = e + 1 + is(c, e, "from") - i;
                r->type = SR_TX_DATE;
                if (!c->dct_ok)
                    return true;
                if (v == -2)
                    snprintf(r->value, sizeof r->value, "%s", sign < 0 ? "PAST_REF" : "FUTURE_REF");
                else if (v == 1 && u == 'Y' && sign < 0)
                    set_offset(c, r, 5, 'Q', -1); /* "a year earlier": that quarter a year back */
                else
                    set_offset(c, r, v, u, sign);
                return true;
            }
            if (the && k == j && u == 'K')
                goto weekend;
            if (the && k == j) {
                /* "the year", "the quarter": the current one, or the last
                 * complete quarter in a past clause */
                if (u != 'Y' && u != 'Q' && u != 'M' && u != 'W')
                    return false;
                r->n = k + 1 - i;
                if (is(c, i + 1, "latest") || is(c, i + 1, "previous")) {
                    /* "the latest quarter": the last one complete */
                    set_offset(c, r, 1, u, -1);
                    return true;
                }
                if (u == 'Y' && j == i + 1 && !is(c, k + 1, "ended") && !is(c, k + 1, "ending") &&
                    !is(c, k + 1, "to") && !is(c, k + 1, "through") && c->dct_ok) {
                    /* "for the year", "earlier in the year", "by the end of
                     * the year": this year; "the year ended June 30": a span */
                    r->type = SR_TX_DATE;
                    set_offset(c, r, 0, 'Y', 1);
                    return true;
                }
                if (j > i + 1 || u == 'Y') {
                    /* "the past decade", "the last year", "the year": a span */
                    set_duration(r, 1, u);
                    return true;
                }
                r->type = SR_TX_DATE;
                if (!c->dct_ok)
                    return true;
                if (u == 'Q' && tense_near(c, i, k + 1) != T_FUTURE) /* the last one reported */
                    set_offset(c, r, 1, 'Q', -1);
                else
                    set_offset(c, r, 0, u, 1);
                return true;
            }
            if (u == 'K')
                return false;
            r->n = k + 1 - i;
            set_duration(r, v, u);
            if (half && (u == 'Y' || u == 'H' || u == 'D')) {
                /* "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M, "1 1/2 days" P1DT12H */
                if (u == 'Y')
                    snprintf(r->value, sizeof r->value, "P%dY6M", v);
                else if (u == 'H')
                    snprintf(r->value, sizeof r->value, "PT%dH30M", v);
                else
                    snprintf(r->value, sizeof r->value, "P%dDT12H", v);
            }
            return true;
        }
        /* "weeks", "years", "days" alone: an unspecified duration */
        if (!the && j == i && u == 0) {
            char u2 = unit_at(c, i);
            uint32_t l;
            const char *w = tw(c, i, &l);
            if (u2 && u2 != 'K' && l > 1 && (w[l - 1] == 's' || w[l - 1] == 'S') &&
                !(i > c->ulo && number_at(c, i - 1, true) != -1)) {
                r->n = 1;
                set_duration(r, -2, u2);
                return true;
            }
        }
    }

    /* "the weekend" */
weekend:
    if (is(c, i, "the") && is(c, i + 1, "weekend")) {
        r->n = 2;
        r->type = SR_TX_DATE;
        if (c->dct_ok) {
            int wy, wn;
            iso_week(c->dz - (weekday_of(c->dz) <= 5 ? 7 : 0), &wy, &wn);
            snprintf(r->value, sizeof r->value, "%04d-W%02d-WE", wy, wn);
        }
        return true;
    }
    /* seasons alone, after "in" or "during": "in summer" ("Raqqa's fall" is
     * no season) */
    const char *se = season_code(c, i);
    if (se && c->dct_ok && i > c->ulo && (is(c, i - 1, "in") || is(c, i - 1, "during"))) {
        r->n = 1;
        r->type = SR_TX_DATE;
        snprintf(r->value, sizeof r->value, "%04d-%s", c->dy, se);
        return true;
    }
    return false;
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

static bool strong_start(const tctx *c, uint32_t i)
{
    if (i >= c->uhi)
        return false;
    uint32_t n;
    const char *s = tw(c, i, &n);
    if (!n)
        return false;
    if (s[0] >= '0' && s[0] <= '9')
        return true;
    const char *h = memchr(s, '-', n); /* "two-year", "third-quarter", "mid-1990s" */
    return sr_wordfilter_has(&starters, s, h ? (size_t)(h - s) : n);
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
    int y, m, d;
    if (!p || sscanf(p, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
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

sitrep_status sr_time_run(sr_doc *d, const sitrep_model *m)
{
    tctx c = {.d = d, .m = m};
    c.dct_ok = parse_dct(&c, d->meta.published);
    uint32_t s = 0;
    for (uint32_t i = 0; i < d->tokens.n;) {
        /* the unit: the sentence holding token i, else the run outside */
        while (s < d->sentences.n && d->sentences.v[s].tok_first + d->sentences.v[s].tok_n <= i)
            s++;
        if (s < d->sentences.n && d->sentences.v[s].tok_first <= i) {
            c.ulo = d->sentences.v[s].tok_first;
            c.uhi = c.ulo + d->sentences.v[s].tok_n;
        } else {
            c.ulo = i;
            c.uhi = s < d->sentences.n ? d->sentences.v[s].tok_first : d->tokens.n;
        }
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
