/*
 * json.c: a streaming JSON writer into an sr_buf.  Keys come out in the
 * order written (the record contract's order).  Strings are escaped per
 * RFC 8259; an invalid UTF-8 byte is written as '?' so that a reader's byte
 * offsets into the decoded string equal offsets into the original bytes
 * (each invalid byte is also reported as a warning by the text stage).
 */
#include "out/out.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* 0: copy; 1: escape as \u00XX; other: the letter after the backslash. */
static const char esc[256] = {
    1,   1,   1,   1,   1,   1,   1,   1,   'b', 't', 'n', 1,   'f', 'r', 1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    0,   0,   '"', 0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    [92] = '\\', [127] = 1,
};

static void indent(sr_json *j)
{
    if (!j->pretty)
        return;
    sr_buf_putc(j->b, '\n');
    for (int i = 0; i < j->depth; i++)
        sr_buf_put(j->b, "  ", 2);
}

/* Separator before a value in an array, or before a key in an object. */
static inline void sep(sr_json *j)
{
    if (!j->first) {
        if (j->b->n + 1 < j->b->cap) {
            j->b->p[j->b->n++] = ',';
            j->b->p[j->b->n] = 0;
        } else {
            sr_buf_putc(j->b, ',');
        }
    }
    j->first = false;
    if (j->pretty)
        indent(j);
}

/* A value after a key needs no separator; the key set after_key. */
static inline void value_sep(sr_json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0)
        sep(j);
}

void sr_json_begin_object(sr_json *j)
{
    value_sep(j);
    sr_buf_putc(j->b, '{');
    j->depth++;
    j->first = true;
}

void sr_json_end_object(sr_json *j)
{
    j->depth--;
    if (!j->first)
        indent(j);
    sr_buf_putc(j->b, '}');
    j->first = false;
}

void sr_json_begin_array(sr_json *j)
{
    value_sep(j);
    sr_buf_putc(j->b, '[');
    j->depth++;
    j->first = true;
}

void sr_json_end_array(sr_json *j)
{
    j->depth--;
    if (!j->first)
        indent(j);
    sr_buf_putc(j->b, ']');
    j->first = false;
}

/* Writes s[0..n) as a JSON string.  Reserves the worst case (6 bytes per
 * input byte) once and writes in place. */
static void put_string(sr_buf *b, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 8) / 6 || !sr_buf_reserve(b, 6 * n + 2))
        return;
    static const char hex[] = "0123456789abcdef";
    char *o = b->p + b->n;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    *o++ = '"';
    while (i < n) {
#ifdef __SSE2__
        /* Sixteen plain bytes at a time: no control, quote, backslash, DEL
         * or non-ASCII byte among them. */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i ctl = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)); /* also >= 0x80 (signed) */
            __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
            __m128i bs = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
            __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
            __m128i bad = _mm_or_si128(_mm_or_si128(ctl, q), _mm_or_si128(bs, del));
            int mask = _mm_movemask_epi8(bad);
            if (mask) {
                int k = __builtin_ctz((unsigned)mask);
                memcpy(o, u + i, (size_t)k);
                o += k;
                i += (size_t)k;
                if (u[i] != '\n')
                    break;
                /* News text breaks lines often: stay in the fast loop. */
                o[0] = '\\';
                o[1] = 'n';
                o += 2;
                i++;
                continue;
            }
            _mm_storeu_si128((__m128i *)(void *)o, v);
            o += 16;
            i += 16;
        }
#endif
        /* Eight plain bytes at a time: no control, quote, backslash,
         * DEL or non-ASCII byte among them. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t q = w ^ 0x2222222222222222ULL;
            uint64_t bs = w ^ 0x5C5C5C5C5C5C5C5CULL;
            uint64_t del = w ^ 0x7F7F7F7F7F7F7F7FULL;
            uint64_t bad = (w & 0x8080808080808080ULL) |
                           ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) |
                           ((q - 0x0101010101010101ULL) & ~q & 0x8080808080808080ULL) |
                           ((bs - 0x0101010101010101ULL) & ~bs & 0x8080808080808080ULL) |
                           ((del - 0x0101010101010101ULL) & ~del & 0x8080808080808080ULL);
            if (bad)
                break;
            memcpy(o, u + i, 8);
            o += 8;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (c < 0x80) {
            char e = esc[c];
            if (!e) {
                *o++ = (char)c;
            } else if (e == 1) {
                o[0] = '\\'; o[1] = 'u'; o[2] = '0'; o[3] = '0';
                o[4] = hex[c >> 4]; o[5] = hex[c & 15];
                o += 6;
            } else {
                o[0] = '\\';
                o[1] = e;
                o += 2;
            }
            i++;
            continue;
        }
        size_t k = i;
        if (sr_utf8_decode(s, n, &k) >= 0) {
            memcpy(o, s + i, k - i);
            o += k - i;
            i = k;
        } else {
            *o++ = '?';
            i++;
        }
    }
    *o++ = '"';
    b->n = (size_t)(o - b->p);
    b->p[b->n] = 0;
}

void sr_json_keyn(sr_json *j, const char *key, size_t n)
{
    /* Keys are our own ASCII constants: nothing to escape. */
    sep(j);
    if (!sr_buf_reserve(j->b, n + 4))
        return;
    char *o = j->b->p + j->b->n;
    *o++ = '"';
    memcpy(o, key, n);
    o += n;
    *o++ = '"';
    *o++ = ':';
    if (j->pretty)
        *o++ = ' ';
    j->b->n = (size_t)(o - j->b->p);
    j->b->p[j->b->n] = 0;
    j->after_key = true;
}

void sr_json_string(sr_json *j, const char *s, size_t n)
{
    value_sep(j);
    put_string(j->b, s, n);
}

void sr_json_cstr(sr_json *j, const char *s)
{
    if (s)
        sr_json_string(j, s, strlen(s));
    else
        sr_json_null(j);
}

/* Digits of v, most significant first, into the end of tmp[24]; returns
   where they start. */
static char *int_digits(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void sr_json_int(sr_json *j, int64_t v)
{
    value_sep(j);
    char tmp[24], *end = tmp + sizeof tmp;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char *p = int_digits(end, u);
    if (v < 0)
        *--p = '-';
    sr_buf_put(j->b, p, (size_t)(end - p));
}

/* v to `decimals` places as "%.*f" writes it, or false where this might
   round otherwise: v times 10^decimals is rounded half to even, as the
   exact decimal would be, unless it lies too near a half for the
   product's own rounding error to be ruled out (then snprintf decides). */
static bool fixed_fast(double v, int decimals, char *tmp, int *len)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals < 0 || decimals > 6)
        return false;
    double x = v * scale[decimals];
    if (!(x < 1e12 && x > -1e12))
        return false;
    double r = __builtin_nearbyint(x);
    double off = x - r;
    if (off > 0.499 || off < -0.499)
        return false;
    bool neg = r < 0 || (r == 0 && (v < 0 || (v == 0 && __builtin_signbit(v))));
    uint64_t u = (uint64_t)(r < 0 ? -r : r);
    char digits[24], *end = digits + sizeof digits, *p = int_digits(end, u);
    int nd = (int)(end - p), n = 0;
    if (neg)
        tmp[n++] = '-';
    if (nd <= decimals) { /* 0.0042 */
        tmp[n++] = '0';
        if (decimals) {
            tmp[n++] = '.';
            for (int k = nd; k < decimals; k++)
                tmp[n++] = '0';
        }
        memcpy(tmp + n, p, (size_t)nd);
        n += nd;
    } else {
        memcpy(tmp + n, p, (size_t)(nd - decimals));
        n += nd - decimals;
        if (decimals) {
            tmp[n++] = '.';
            memcpy(tmp + n, end - decimals, (size_t)decimals);
            n += decimals;
        }
    }
    *len = n;
    return true;
}

void sr_json_fixed(sr_json *j, double v, int decimals)
{
    value_sep(j);
    if (v != v || v > 1e15 || v < -1e15) {
        sr_buf_puts(j->b, "null");
        return;
    }
    char tmp[48];
    int n;
    if (!fixed_fast(v, decimals, tmp, &n))
        n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    /* no trailing zeros: 36.0000 -> 36.0, 38.1500 -> 38.15; whole numbers
     * bare: 130.000 -> 130 */
    while (n > 2 && tmp[n - 1] == '0' && tmp[n - 2] != '.')
        n--;
    if (n > 2 && tmp[n - 1] == '0' && tmp[n - 2] == '.' && decimals < 4)
        n -= 2;
    sr_buf_put(j->b, tmp, (size_t)n);
}

void sr_json_str_or_null(sr_json *j, const char *s)
{
    if (s && s[0])
        sr_json_string(j, s, strlen(s));
    else
        sr_json_null(j);
}

void sr_json_bool(sr_json *j, bool v)
{
    value_sep(j);
    sr_buf_puts(j->b, v ? "true" : "false");
}

void sr_json_null(sr_json *j)
{
    value_sep(j);
    sr_buf_puts(j->b, "null");
}

/* Writes v in decimal; returns the length. */
static size_t put_u32(char *out, uint32_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *kind)
{
    value_sep(j);
    size_t vl = kind ? strlen(kind) : 0;
    if (!sr_buf_reserve(j->b, 64 + vl))
        return;
    /* kind is one of our own names: plain ASCII, nothing to escape */
    char *o = j->b->p + j->b->n;
    const char *a = j->pretty ? "{\"start\": " : "{\"start\":";
    const char *b = j->pretty ? ", \"end\": " : ",\"end\":";
    size_t la = j->pretty ? 10 : 9, lb = j->pretty ? 9 : 7;
    memcpy(o, a, la);
    o += la;
    o += put_u32(o, s);
    memcpy(o, b, lb);
    o += lb;
    o += put_u32(o, e);
    if (kind) {
        const char *k = j->pretty ? ", \"kind\": \"" : ",\"kind\":\"";
        size_t lk = j->pretty ? 11 : 9;
        memcpy(o, k, lk);
        o += lk;
        memcpy(o, kind, vl);
        o += vl;
        *o++ = '"';
    }
    *o++ = '}';
    j->b->n = (size_t)(o - j->b->p);
    j->b->p[j->b->n] = 0;
}
