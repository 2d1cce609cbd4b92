/*
 * text.c: stage "text".  Input: doc->text.  Output: warnings for invalid
 * UTF-8 and the normalized view doc->norm with its map back to doc->text.
 *
 * The view folds what news text spells many ways so that later stages match
 * one form: curly and low quotes to ' and ", en dashes and hyphen variants
 * to -, em dashes to --, the ellipsis character to ..., odd spaces to a
 * space, invisible characters (soft hyphen, zero-width space, BOM) away, and
 * everything else to Unicode NFC (utf8proc).  An invalid byte becomes U+FFFD.
 * Offsets are exact at every character: map[i] is the offset in text of the
 * character that produced view byte i.
 */
#include "lang/lang.h"

#include <utf8proc.h>

/* Invalid bytes reported one by one before a single summary warning. */
#define MAX_UTF8_WARNINGS 100
/* Longest combining sequence normalized; longer ones are copied as is. */
#define MAX_CLUSTER 32

/* The fold table: returns the ASCII replacement of `c` (possibly ""), or
 * NULL when c is not folded. */
static const char *fold(int32_t c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63:
    case 0xFF0D:
        return "-";
    case 0x2014: case 0x2015: case 0x2E3A:
        return "--";
    case 0x2026:
        return "...";
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x1680:
        return " ";
    case 0x2028: case 0x2029: case 0x0085:
        return "\n";
    case 0x00AD: case 0x200B: case 0x2060: case 0xFEFF:
        return "";
    default:
        return NULL;
    }
}

typedef struct view {
    sr_doc *d;
    char *out;
    uint32_t *map;
    size_t n, cap;
} view;

static bool view_reserve(view *v, size_t extra)
{
    if (v->n + extra + 1 <= v->cap)
        return true;
    size_t cap = v->cap + v->cap / 2;
    if (cap < v->n + extra + 1)
        cap = v->n + extra + 1;
    if (cap > UINT32_MAX)
        return false;
    char *o = sr_arena_grow(v->d->arena, v->out, v->cap, cap, 1);
    uint32_t *m = sr_arena_grow(v->d->arena, v->map, v->cap, cap, sizeof(uint32_t));
    if (!o || !m)
        return false;
    v->out = o;
    v->map = m;
    v->cap = cap;
    return true;
}

/* Appends bytes p[0..k) that all map to text offset `at`. */
static bool view_put(view *v, const char *p, size_t k, uint32_t at)
{
    if (!view_reserve(v, k))
        return false;
    for (size_t j = 0; j < k; j++) {
        v->out[v->n] = p[j];
        v->map[v->n++] = at;
    }
    return true;
}

static bool combining(int32_t c)
{
    return utf8proc_get_property(c)->combining_class != 0;
}

/* True when a lone code point is certainly unchanged by NFC. */
static bool nfc_stable(int32_t c)
{
    const utf8proc_property_t *p = utf8proc_get_property(c);
    return p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0;
}

static bool invalid_byte(view *v, size_t at)
{
    sr_doc *d = v->d;
    d->n_invalid_utf8++;
    if (d->n_invalid_utf8 <= MAX_UTF8_WARNINGS) {
        if (!sr_doc_warn(d, "utf8", (int64_t)at, "invalid UTF-8 byte 0x%02X",
                         (unsigned char)d->text[at]))
            return false;
    }
    return view_put(v, "\xEF\xBF\xBD", 3, (uint32_t)at);
}

static bool all_ascii(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            return false;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] & 0x80)
            return false;
    return true;
}

sitrep_status sr_text_run(sr_doc *d)
{
    const char *s = d->text;
    size_t n = d->len;
    d->n_invalid_utf8 = 0;
    if (all_ascii(s, n)) {
        d->norm = s;
        d->nlen = d->len;
        d->map = NULL;
        return SITREP_OK;
    }
    view v = {.d = d};
    if (!view_reserve(&v, n + n / 8 + 64))
        return SITREP_ENOMEM;
    size_t i = 0;
    while (i < n) {
        /* Copy a run of ASCII at once, but leave the last ASCII byte before
         * a non-ASCII one to the slow path: a combining mark may follow. */
        size_t j = i;
        while (j < n && !((unsigned char)s[j] & 0x80))
            j++;
        if (j < n && j > i)
            j--;
        if (j > i) {
            if (!view_reserve(&v, j - i))
                return SITREP_ENOMEM;
            memcpy(v.out + v.n, s + i, j - i);
            for (size_t k = i; k < j; k++)
                v.map[v.n++] = (uint32_t)k;
            i = j;
            continue;
        }
        size_t start = i;
        int32_t c = sr_utf8_decode(s, n, &i);
        if (c < 0) {
            if (!invalid_byte(&v, start))
                return SITREP_ENOMEM;
            continue;
        }
        const char *f = fold(c);
        if (f) {
            if (!view_put(&v, f, strlen(f), (uint32_t)start))
                return SITREP_ENOMEM;
            continue;
        }
        /* A starter and the combining marks after it form one cluster. */
        utf8proc_int32_t cl[MAX_CLUSTER * 4 + 1];
        size_t ncl = 0, end = i;
        cl[ncl++] = c;
        while (end < n) {
            size_t k = end;
            int32_t c2 = sr_utf8_decode(s, n, &k);
            if (c2 < 0 || !combining(c2))
                break;
            if (ncl < MAX_CLUSTER)
                cl[ncl] = c2;
            ncl++;
            end = k;
        }
        if ((ncl == 1 && nfc_stable(c)) || ncl > MAX_CLUSTER) {
            if (!view_put(&v, s + start, end - start, (uint32_t)start))
                return SITREP_ENOMEM;
            i = end;
            continue;
        }
        /* Decompose each code point, then let utf8proc reorder, compose
         * and encode the cluster in place. */
        utf8proc_int32_t dec[MAX_CLUSTER * 4 + 1];
        utf8proc_ssize_t nd = 0;
        bool ok = true;
        for (size_t k = 0; k < ncl && ok; k++) {
            int last = 0;
            utf8proc_ssize_t r = utf8proc_decompose_char(
                cl[k], dec + nd, MAX_CLUSTER * 4 - nd, UTF8PROC_STABLE | UTF8PROC_COMPOSE,
                &last);
            if (r < 0 || nd + r > MAX_CLUSTER * 4)
                ok = false;
            else
                nd += r;
        }
        utf8proc_ssize_t enc = ok ? utf8proc_reencode(dec, nd, UTF8PROC_STABLE | UTF8PROC_COMPOSE)
                                  : -1;
        if (enc < 0) {
            if (!view_put(&v, s + start, end - start, (uint32_t)start))
                return SITREP_ENOMEM;
        } else if (!view_put(&v, (const char *)dec, (size_t)enc, (uint32_t)start)) {
            return SITREP_ENOMEM;
        }
        i = end;
    }
    if (d->n_invalid_utf8 > MAX_UTF8_WARNINGS &&
        !sr_doc_warn(d, "utf8", -1, "%u more invalid UTF-8 bytes not listed",
                     d->n_invalid_utf8 - MAX_UTF8_WARNINGS))
        return SITREP_ENOMEM;
    if (!view_reserve(&v, 0))
        return SITREP_ENOMEM;
    v.out[v.n] = 0;
    v.map[v.n] = (uint32_t)n;
    d->norm = v.out;
    d->nlen = (uint32_t)v.n;
    d->map = v.map;
    return SITREP_OK;
}
