/*
 * buf.c: a growable heap buffer for bytes we create (JSON output, decoded
 * input).  Growth is 1.5x; after a failed allocation the buffer records the
 * failure and ignores further appends, so callers check once at the end.
 */
#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void sr_buf_init(sr_buf *b)
{
    b->p = NULL;
    b->n = b->cap = 0;
    b->failed = false;
}

bool sr_buf_reserve(sr_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX - b->n - 1) {
        b->failed = true;
        return false;
    }
    size_t need = b->n + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap + b->cap / 2 : 256;
    if (cap < need)
        cap = need;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void sr_buf_put(sr_buf *b, const void *p, size_t n)
{
    if (!sr_buf_reserve(b, n))
        return;
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = 0;
}

void sr_buf_putc(sr_buf *b, char c)
{
    if (!sr_buf_reserve(b, 1))
        return;
    b->p[b->n++] = c;
    b->p[b->n] = 0;
}

void sr_buf_puts(sr_buf *b, const char *s)
{
    sr_buf_put(b, s, strlen(s));
}

void sr_buf_printf(sr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sr_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

void sr_buf_free(sr_buf *b)
{
    free(b->p);
    sr_buf_init(b);
}

