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

void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *key, const char *val)
{
    value_sep(j);
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, j->pretty ? "{\"start\": %u, \"end\": %u" : "{\"start\":%u,\"end\":%u",
                     s, e);
    sr_buf_put(j->b, tmp, (size_t)n);
    if (key) {
        sr_buf_put(j->b, j->pretty ? ", " : ",", j->pretty ? 2 : 1);
        put_string(j->b, key, strlen(key));
        sr_buf_put(j->b, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
        put_string(j->b, val, strlen(val));
    }
    sr_buf_putc(j->b, '}');
}
