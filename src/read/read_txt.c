/*
 * read_txt.c: the layout of a plain-text article.  Input: doc->text.
 * Output: doc->blocks (every paragraph or header line with its kind) and
 * the metadata found in header lines.
 *
 * A paragraph is a run of non-blank lines; an indented line after an
 * unindented one also starts a paragraph (wire copy indents its paragraphs
 * and wraps lines).  At the top, before the first body paragraph:
 *   - a short label line followed by a headline is the section;
 *   - the first headline-like line (no final period) is the title;
 *   - lines such as "PUBLISHED : ...", "Updated: ...", "By NAME" or a bare
 *     date are meta, one block per line.
 * Among body paragraphs, a one-line paragraph without sentence punctuation
 * that does not continue the story is a link to another article
 * (boilerplate), or a sub-heading (section) when it is short and text
 * follows; share prompts, "Read more", copyright lines and bare URLs are
 * boilerplate; "Reporting by ..." credits are meta.
 */
#include "read/read.h"

#include <strings.h>

typedef struct line { uint32_t start, end; bool indented; } line;
typedef struct para { uint32_t first, n; } para; /* lines [first, first+n) */

typedef struct layout {
    sr_doc *d;
    const char *s;
    SR_VEC(line) lines;
    SR_VEC(para) paras;
} layout;

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
static bool up(char c) { return c >= 'A' && c <= 'Z'; }
static bool low(char c) { return c >= 'a' && c <= 'z'; }
static bool dig(char c) { return c >= '0' && c <= '9'; }

/* Skips white space including the no-break space and a byte-order mark. */
static uint32_t skip_ws(const char *s, uint32_t i, uint32_t end)
{
    for (;;) {
        if (i < end && is_ws(s[i]))
            i++;
        else if (i + 1 < end && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else if (i + 2 < end && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBB &&
                 (unsigned char)s[i + 2] == 0xBF)
            i += 3;
        else
            return i;
    }
}

static uint32_t trim_end(const char *s, uint32_t a, uint32_t e)
{
    while (e > a && (is_ws(s[e - 1]) ||
                     (e - a >= 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0)))
        e -= is_ws(s[e - 1]) ? 1 : 2;
    return e;
}

static bool split_lines(layout *L)
{
    const char *s = L->s;
    uint32_t n = L->d->len, i = 0;
    /* Lines are rarely shorter than 40 bytes: one allocation for most texts. */
    size_t want = n / 40 + 16;
    if (want < UINT32_MAX / 2 && L->lines.cap < want) {
        line *v = sr_arena_grow(L->d->arena, L->lines.v, L->lines.n, want, sizeof(line));
        if (!v)
            return false;
        L->lines.v = v;
        L->lines.cap = (uint32_t)want;
    }
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        uint32_t e = nl ? (uint32_t)(nl - s) : n;
        uint32_t a = skip_ws(s, i, e);
        uint32_t b = trim_end(s, a, e);
        line *ln = L->lines.n < L->lines.cap ? &L->lines.v[L->lines.n++]
                                              : SR_VEC_PUSH(L->d->arena, &L->lines);
        if (!ln)
            return false;
        ln->start = a;
        ln->end = b;
        ln->indented = a > i && (a - i >= 2 || s[i] == '\t') && b > a;
        i = e + 1;
    }
    /* Paragraphs.  When the text mixes indented and unindented lines, an
     * indented line starts a paragraph (wire copy); text indented as a
     * whole is not split at every line. */
    bool has_ind = false, has_flush = false;
    for (uint32_t q = 0; q < L->lines.n; q++) {
        const line *ln = &L->lines.v[q];
        if (ln->end == ln->start)
            continue;
        if (ln->indented)
            has_ind = true;
        else
            has_flush = true;
    }
    bool indent_starts = has_ind && has_flush;
    uint32_t k = 0;
    while (k < L->lines.n) {
        if (L->lines.v[k].end == L->lines.v[k].start) {
            k++;
            continue;
        }
        para *p = SR_VEC_PUSH(L->d->arena, &L->paras);
        if (!p)
            return false;
        p->first = k;
        p->n = 1;
        k++;
        while (k < L->lines.n && L->lines.v[k].end > L->lines.v[k].start &&
               !(indent_starts && L->lines.v[k].indented)) {
            p->n++;
            k++;
        }
    }
    return true;
}

static uint32_t pstart(const layout *L, const para *p) { return L->lines.v[p->first].start; }
static uint32_t pend(const layout *L, const para *p) { return L->lines.v[p->first + p->n - 1].end; }

static uint32_t count_words(const char *s, uint32_t a, uint32_t e)
{
    uint32_t w = 0;
    bool in = false;
    for (uint32_t i = a; i < e; i++) {
        bool sp = is_ws(s[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* The last character of [a,e) after closing quotes and brackets, as a
 * class: '.' for sentence punctuation (. ! ? : ; ...), ',' for a comma,
 * 0 otherwise. */
static char final_punct(const char *s, uint32_t a, uint32_t e)
{
    const unsigned char *u = (const unsigned char *)s;
    while (e > a) {
        if (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')' || s[e - 1] == ']' ||
            is_ws(s[e - 1])) {
            e--;
            continue;
        }
        if (e - a >= 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && (u[e - 1] == 0x99 || u[e - 1] == 0x9D)) {
            e -= 3;
            continue;
        }
        if (e - a >= 2 && u[e - 2] == 0xC2 && u[e - 1] == 0xBB) {
            e -= 2;
            continue;
        }
        break;
    }
    if (e == a)
        return 0;
    char c = s[e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
        return '.';
    if (e - a >= 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && u[e - 1] == 0xA6)
        return '.';
    if (c == ',')
        return ',';
    return 0;
}

static inline bool starts_ci(const char *s, uint32_t a, uint32_t e, const char *p)
{
    if (a >= e || (s[a] | 0x20) != (p[0] | 0x20))
        return false;
    size_t k = strlen(p);
    return e - a >= k && strncasecmp(s + a, p, k) == 0 && (e - a == k || !low(s[a + k]) || !low(p[k - 1]));
}

static const char *set_meta(sr_doc *d, const char *s, uint32_t a, uint32_t e)
{
    return sr_arena_strndup(d->arena, s + a, e - a);
}

typedef enum { ML_NONE, ML_PUBLISHED, ML_UPDATED, ML_BYLINE, ML_DATE, ML_CREDIT } meta_line;

/* Keyword lines: "PUBLISHED : <date>", "Updated: <date>", "Posted on <date>". */
static const struct { const char *kw; meta_line kind; } date_keys[] = {
    {"last updated", ML_UPDATED}, {"last modified", ML_UPDATED}, {"first published", ML_PUBLISHED},
    {"published", ML_PUBLISHED},  {"updated", ML_UPDATED},       {"posted", ML_PUBLISHED},
    {"modified", ML_UPDATED},     {"date", ML_PUBLISHED},
};

/* Does the line start with a month or weekday name ("Sunday, 15 ...",
 * "Oct. 15, 2017")?  A cheap test before the date parser runs. */
static bool date_word_first(const char *s, uint32_t a, uint32_t e)
{
    if (e - a < 3 || !up(s[a]) || !(low(s[a + 1]) || up(s[a + 1])))
        return false;
    char w[4] = {(char)(s[a] | 0x20), (char)(s[a + 1] | 0x20), (char)(s[a + 2] | 0x20), 0};
#define IS(x) (memcmp(w, x, 3) == 0)
    switch (w[0]) {
    case 'j': return IS("jan") || IS("jun") || IS("jul");
    case 'f': return IS("feb") || IS("fri");
    case 'm': return IS("mar") || IS("may") || IS("mon");
    case 'a': return IS("apr") || IS("aug");
    case 's': return IS("sep") || IS("sat") || IS("sun");
    case 'o': return IS("oct");
    case 'n': return IS("nov");
    case 'd': return IS("dec");
    case 't': return IS("tue") || IS("thu");
    case 'w': return IS("wed");
    default: return false;
    }
#undef IS
}

/* Classifies one line; on a date line writes its ISO value to iso. */
static meta_line classify_meta(const char *s, uint32_t a, uint32_t e, char iso[32], uint32_t *value_at)
{
    iso[0] = 0;
    *value_at = a;
    char c0 = (char)(s[a] | 0x20);
    for (size_t k = 0; strchr("lfpumd", c0) && k < sizeof date_keys / sizeof *date_keys; k++) {
        if (!starts_ci(s, a, e, date_keys[k].kw))
            continue;
        uint32_t i = a + (uint32_t)strlen(date_keys[k].kw);
        i = skip_ws(s, i, e);
        bool colon = i < e && s[i] == ':';
        if (colon)
            i = skip_ws(s, i + 1, e);
        if (starts_ci(s, i, e, "on "))
            i = skip_ws(s, i + 3, e);
        size_t used = sr_metadate_parse(s + i, e - i, iso);
        if (used || (colon && e - i < 60)) {
            *value_at = i;
            return date_keys[k].kind;
        }
        return ML_NONE;
    }
    if (starts_ci(s, a, e, "by ") && e - a < 120) {
        uint32_t i = skip_ws(s, a + 3, e);
        if (i < e && up(s[i]) && final_punct(s, a, e) != '.' && count_words(s, i, e) <= 12) {
            *value_at = i;
            return ML_BYLINE;
        }
    }
    if (c0 != 'r' && c0 != 'a' && c0 != 'w' && c0 != 'e' && c0 != 'c' && c0 != '(')
        goto no_credit;
    static const char *const credits[] = {"reporting by", "additional reporting by",
                                          "writing by",   "editing by",
                                          "compiled by",  "(reporting by",
                                          "(additional reporting by", "(writing by",
                                          "(editing by"};
    for (size_t k = 0; k < sizeof credits / sizeof *credits; k++)
        if (starts_ci(s, a, e, credits[k]))
            return ML_CREDIT;
no_credit:
    if (e - a < 80 && (dig(s[a]) || date_word_first(s, a, e))) {
        size_t used = sr_metadate_parse(s + a, e - a, iso);
        if (used && trim_end(s, a, a + (uint32_t)used) == trim_end(s, a, e))
            return ML_DATE;
        if (used && e - a - used <= 3) /* a trailing mark like " |" */
            return ML_DATE;
    }
    return ML_NONE;
}

static bool all_meta(layout *L, const para *p)
{
    char iso[32];
    uint32_t at;
    for (uint32_t k = 0; k < p->n; k++) {
        const line *ln = &L->lines.v[p->first + k];
        meta_line m = classify_meta(L->s, ln->start, ln->end, iso, &at);
        if (m == ML_NONE || m == ML_CREDIT)
            return false;
    }
    return true;
}

static bool add_meta_lines(layout *L, const para *p)
{
    sr_doc *d = L->d;
    for (uint32_t k = 0; k < p->n; k++) {
        const line *ln = &L->lines.v[p->first + k];
        char iso[32];
        uint32_t at;
        meta_line m = classify_meta(L->s, ln->start, ln->end, iso, &at);
        if (!sr_doc_add_block(d, ln->start, ln->end, SR_BLOCK_META))
            return false;
        const char **slot = NULL;
        if (m == ML_PUBLISHED || (m == ML_DATE && !d->meta.published))
            slot = &d->meta.published;
        else if (m == ML_UPDATED || m == ML_DATE)
            slot = &d->meta.updated;
        if (slot && !*slot) {
            /* a date line that is no real date is not used */
            if (!iso[0] && !sr_doc_warn(d, "meta", at, "date not understood; not used"))
                return false;
            if (iso[0] && !(*slot = sr_arena_strndup(d->arena, iso, strlen(iso))))
                return false;
            if (iso[0] && slot == &d->meta.published)
                d->meta.published_basis = m == ML_PUBLISHED ? "given" : "text";
        }
        if (m == ML_BYLINE && !d->meta.byline && !(d->meta.byline = set_meta(d, L->s, at, ln->end)))
            return false;
    }
    return true;
}

/* One line, no final period, not too long: a headline or a label. */
static bool headline_like(const layout *L, const para *p)
{
    if (p->n != 1)
        return false;
    uint32_t a = pstart(L, p), e = pend(L, p);
    if (e - a > 300)
        return false; /* before counting the words of a long line */
    uint32_t w = count_words(L->s, a, e);
    return w >= 1 && w <= 30 && final_punct(L->s, a, e) == 0;
}

static bool short_label(const layout *L, const para *p)
{
    uint32_t a = pstart(L, p), e = pend(L, p);
    return headline_like(L, p) && count_words(L->s, a, e) <= 5 && e - a <= 60;
}

static const char *const boiler_prefixes[] = {
    "advertisement", "read more", "related:",     "related stories", "related articles",
    "related coverage", "related content", "see also", "click here",   "share this",
    "share on",      "share article", "sign up",  "subscribe",       "follow us",
    "follow @",      "copyright",   "all rights reserved", "(c) ", "\xC2\xA9",
    "watch:",        "video:",      "photo:",     "picture:",        "image:",
    "graphic:",      "listen:",     "recommended:", "more on this", "most read",
};

/* First letters of the prefixes above (lower case); keep in step. */
static const char boiler_first[] = "arscwfvpiglm(\xC2";

static bool boilerplate_phrase(const char *s, uint32_t a, uint32_t e)
{
    char c0 = up(s[a]) ? (char)(s[a] | 0x20) : s[a];
    if (a >= e || !memchr(boiler_first, c0, sizeof boiler_first - 1))
        return false;
    for (size_t k = 0; k < sizeof boiler_prefixes / sizeof *boiler_prefixes; k++)
        if (starts_ci(s, a, e, boiler_prefixes[k]))
            return true;
    /* A bare URL. */
    if ((starts_ci(s, a, e, "http://") || starts_ci(s, a, e, "https://") || starts_ci(s, a, e, "www.")) &&
        count_words(s, a, e) == 1)
        return true;
    return false;
}

/* Datelines: "RAQQA, Syria (Reuters) - ", "WASHINGTON (AP) -- ",
 * "BEIRUT, Oct 15 (Reuters) - ", "LONDON \u2014 ", "(Reuters) - ".
 * Returns the bytes to skip (0 when there is none) and sets dateline and
 * agency spans. */
static uint32_t find_dateline(const char *s, uint32_t a, uint32_t e, sr_span *place, sr_span *agency)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t i = a, place_end = a;
    bool caps_word = false, comma_part = false;
    place->start = place->end = agency->start = agency->end = a;
    /* Upper-case place words. */
    while (i < e) {
        uint32_t w = i, upper = 0;
        while (i < e && (up(s[i]) || s[i] == '.' || s[i] == '\'' || s[i] == '-')) {
            if (up(s[i]))
                upper++;
            i++;
        }
        if (i == w || upper == 0 || (i < e && !is_ws(s[i]) && s[i] != ',' && s[i] != '(')) {
            i = w;
            break;
        }
        if (upper >= 2)
            caps_word = true;
        place_end = i;
        if (i < e && s[i] == ' ' && i + 1 < e && up(s[i + 1]) && i + 2 < e &&
            (up(s[i + 2]) || s[i + 2] == '.' || s[i + 2] == ' '))
            i++;
        else
            break;
    }
    if (caps_word) {
        i = place_end;
        /* ", Syria" / ", Oct 15" / ", N.Y." : up to four words. */
        if (i + 1 < e && s[i] == ',' && s[i + 1] == ' ') {
            uint32_t j = i + 2, words = 0, last = i;
            while (j < e && words < 4 && (up(s[j]) || dig(s[j]))) {
                while (j < e && (up(s[j]) || low(s[j]) || dig(s[j]) || s[j] == '.'))
                    j++;
                words++;
                last = j;
                if (j + 1 < e && s[j] == ' ' && (up(s[j + 1]) || dig(s[j + 1])))
                    j++;
                else if (j + 2 < e && s[j] == ',' && s[j + 1] == ' ' && (up(s[j + 2]) || dig(s[j + 2])))
                    j += 2;
                else
                    break;
            }
            if (words) {
                comma_part = true;
                i = last;
            }
        }
        place->start = a;
        place->end = i;
    } else {
        i = a;
    }
    uint32_t j = skip_ws(s, i, e);
    bool has_agency = false;
    if (j < e && s[j] == '(') {
        uint32_t k = j + 1;
        while (k < e && k - j < 32 && (up(s[k]) || low(s[k]) || s[k] == ' ' || s[k] == '&' ||
                                       s[k] == '.' || s[k] == '-'))
            k++;
        if (k < e && s[k] == ')' && k > j + 1) {
            agency->start = j + 1;
            agency->end = k;
            has_agency = true;
            j = skip_ws(s, k + 1, e);
        }
    }
    if (!caps_word && !has_agency)
        return 0;
    /* The dash. */
    bool strong = false;
    if (j < e && s[j] == '-') {
        j++;
        if (j < e && s[j] == '-') {
            j++;
            strong = true;
        }
    } else if (j + 2 < e && u[j] == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0x94 || u[j + 2] == 0x93)) {
        strong = true;
        j += 3;
    } else {
        return 0;
    }
    if (j >= e || !is_ws(s[j]))
        return 0;
    if (!has_agency && !comma_part && !strong)
        return 0;
    return skip_ws(s, j, e) - a;
}

sitrep_status sr_read_txt_layout(sr_doc *d, bool header)
{
    layout L = {.d = d, .s = d->text};
    if (!split_lines(&L))
        return SITREP_ENOMEM;
    uint32_t np = L.paras.n, i = 0;
    bool title = d->meta.title != NULL, section = d->meta.section != NULL;

    while (header && i < np) {
        const para *p = &L.paras.v[i];
        uint32_t a = pstart(&L, p), e = pend(&L, p);
        if (all_meta(&L, p)) {
            if (!add_meta_lines(&L, p))
                return SITREP_ENOMEM;
            i++;
            continue;
        }
        /* a headline heads something: a lone paragraph is the body */
        if (!title && headline_like(&L, p) && i + 1 < np) {
            if (!section && i + 1 < np && short_label(&L, p) && headline_like(&L, &L.paras.v[i + 1]) &&
                !all_meta(&L, &L.paras.v[i + 1])) {
                if (!sr_doc_add_block(d, a, e, SR_BLOCK_SECTION) ||
                    !(d->meta.section = set_meta(d, L.s, a, e)))
                    return SITREP_ENOMEM;
                section = true;
                i++;
                continue;
            }
            if (!sr_doc_add_block(d, a, e, SR_BLOCK_TITLE) || !(d->meta.title = set_meta(d, L.s, a, e)))
                return SITREP_ENOMEM;
            title = true;
            i++;
            continue;
        }
        break;
    }

    bool body_seen = false;
    for (; i < np; i++) {
        const para *p = &L.paras.v[i];
        uint32_t a = pstart(&L, p), e = pend(&L, p);
        char iso[32];
        uint32_t at;
        meta_line m = classify_meta(L.s, a, L.lines.v[p->first].end, iso, &at);
        sr_block_kind kind = SR_BLOCK_BODY;
        if (m == ML_CREDIT) {
            kind = SR_BLOCK_META;
        } else if (boilerplate_phrase(L.s, a, e)) {
            kind = SR_BLOCK_BOILERPLATE;
        } else if (body_seen && headline_like(&L, p)) {
            /* A line between paragraphs that does not read as a sentence.
             * It continues the story when the next paragraph starts in
             * lower case. */
            const para *q = i + 1 < np ? &L.paras.v[i + 1] : NULL;
            bool continues = q && low(L.s[pstart(&L, q)]);
            uint32_t words = count_words(L.s, a, e);
            if (!continues)
                kind = (words <= 5 && q) ? SR_BLOCK_SECTION : SR_BLOCK_BOILERPLATE;
        }
        if (!sr_doc_add_block(d, a, e, kind))
            return SITREP_ENOMEM;
        if (kind == SR_BLOCK_BODY && !body_seen) {
            sr_span place, agency;
            uint32_t skip = find_dateline(L.s, a, e, &place, &agency);
            if (skip && skip < e - a) {
                d->blocks.v[d->blocks.n - 1].skip = skip;
                if (place.end > place.start && !d->meta.dateline &&
                    !(d->meta.dateline = set_meta(d, L.s, place.start, place.end)))
                    return SITREP_ENOMEM;
                if (agency.end > agency.start && !d->meta.agency &&
                    !(d->meta.agency = set_meta(d, L.s, agency.start, agency.end)))
                    return SITREP_ENOMEM;
            }
        }
        if (kind == SR_BLOCK_BODY)
            body_seen = true;
    }
    return SITREP_OK;
}
