/*
 * json.c: a streaming JSON writer into an sr_buf.  Keys come out in the
 * order written (the record contract's order).  Strings are escaped per
 * RFC 8259; an invalid UTF-8 byte is written as '?' so that a reader's byte
 * offsets into the decoded string equal offsets into the original bytes
 * (each invalid byte is also reported as a warning by the text stage).
 */
#include "internal.h"

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
static void sep(sr_json *j)
{
    if (!j->first)
        sr_buf_putc(j->b, ',');
    j->first = false;
    indent(j);
}

/* A value after a key needs no separator; the key set after_key. */
static void value_sep(sr_json *j)
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

static void put_string(sr_buf *b, const char *s, size_t n)
{
    if (!sr_buf_reserve(b, n + 2))
        return;
    sr_buf_putc(b, '"');
    size_t i = 0, run = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        /* Eight plain bytes at a time: no control, quote, backslash or
         * non-ASCII byte among them. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t hi = w & 0x8080808080808080ULL;
            uint64_t ctl = (w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL;
            uint64_t q = w ^ 0x2222222222222222ULL;
            uint64_t bs = w ^ 0x5C5C5C5C5C5C5C5CULL;
            uint64_t zq = (q - 0x0101010101010101ULL) & ~q & 0x8080808080808080ULL;
            uint64_t zb = (bs - 0x0101010101010101ULL) & ~bs & 0x8080808080808080ULL;
            uint64_t del = w ^ 0x7F7F7F7F7F7F7F7FULL;
            uint64_t zd = (del - 0x0101010101010101ULL) & ~del & 0x8080808080808080ULL;
            if (hi | ctl | zq | zb | zd)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (c < 0x80) {
            char e = esc[c];
            if (!e) {
                i++;
                continue;
            }
            sr_buf_put(b, s + run, i - run);
            if (e == 1) {
                char tmp[8];
                static const char hex[] = "0123456789abcdef";
                tmp[0] = '\\'; tmp[1] = 'u'; tmp[2] = '0'; tmp[3] = '0';
                tmp[4] = hex[c >> 4]; tmp[5] = hex[c & 15];
                sr_buf_put(b, tmp, 6);
            } else {
                char tmp[2] = {'\\', e};
                sr_buf_put(b, tmp, 2);
            }
            i++;
            run = i;
            continue;
        }
        size_t k = i;
        if (sr_utf8_decode(s, n, &k) >= 0) {
            i = k;
            continue;
        }
        sr_buf_put(b, s + run, i - run);
        sr_buf_putc(b, '?');
        i++;
        run = i;
    }
    sr_buf_put(b, s + run, n - run);
    sr_buf_putc(b, '"');
}

void sr_json_key(sr_json *j, const char *key)
{
    sep(j);
    put_string(j->b, key, strlen(key));
    sr_buf_put(j->b, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
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

void sr_json_int(sr_json *j, int64_t v)
{
    value_sep(j);
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    sr_buf_put(j->b, tmp, (size_t)n);
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

void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *key, const char *val)
{
    value_sep(j);
    char tmp[64];
    size_t n = 0;
    const char *a = j->pretty ? "{\"start\": " : "{\"start\":";
    const char *b = j->pretty ? ", \"end\": " : ",\"end\":";
    size_t la = strlen(a), lb = strlen(b);
    memcpy(tmp, a, la);
    n = la;
    n += put_u32(tmp + n, s);
    memcpy(tmp + n, b, lb);
    n += lb;
    n += put_u32(tmp + n, e);
    sr_buf_put(j->b, tmp, n);
    if (key) {
        sr_buf_put(j->b, j->pretty ? ", " : ",", j->pretty ? 2 : 1);
        put_string(j->b, key, strlen(key));
        sr_buf_put(j->b, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
        put_string(j->b, val, strlen(val));
    }
    sr_buf_putc(j->b, '}');
}
