/*
 * arena.c: the per-document bump allocator.
 *
 * Blocks are chained; an allocation that does not fit the current block
 * opens a new one at least twice the size of the last (64 KiB at first), or
 * exactly the request for very large ones.  sr_arena_reset keeps the largest
 * block so that steady-state extraction makes no malloc calls at all.
 */
#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct sr_arena_block {
    sr_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_MIN_BLOCK ((size_t)64 * 1024)
#define ARENA_ALIGN ((size_t)16)

void sr_arena_init(sr_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

static sr_arena_block *new_block(sr_arena *a, size_t need)
{
    size_t size = ARENA_MIN_BLOCK;
    if (a->head && a->head->size * 2 > size)
        size = a->head->size * 2;
    if (size > (size_t)256 * 1024 * 1024)
        size = (size_t)256 * 1024 * 1024;
    if (need > size)
        size = need;
    if (size > SIZE_MAX - sizeof(sr_arena_block))
        return NULL;
    sr_arena_block *b = malloc(sizeof(sr_arena_block) + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    b->next = a->head;
    a->head = b;
    a->total += size;
    return b;
}

void *sr_arena_alloc(sr_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    sr_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        b = new_block(a, n);
        if (!b)
            return NULL;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *sr_arena_calloc(sr_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = sr_arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *sr_arena_grow(sr_arena *a, void *p, size_t old_n, size_t new_n, size_t size)
{
    if (size && new_n > SIZE_MAX / size)
        return NULL;
    /* Grow in place when p is the last allocation of the current block. */
    sr_arena_block *b = a->head;
    size_t old_bytes = (old_n * size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    size_t new_bytes = (new_n * size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (p && b && (unsigned char *)p + old_bytes == b->data + b->used &&
        b->used - old_bytes + new_bytes <= b->size) {
        b->used = b->used - old_bytes + new_bytes;
        return p;
    }
    void *q = sr_arena_alloc(a, new_n * size);
    if (q && p && old_n)
        memcpy(q, p, old_n * size);
    return q;
}

void sr_arena_shrink_last(sr_arena *a, void *p, size_t old_n, size_t new_n)
{
    sr_arena_block *b = a->head;
    size_t old_bytes = (old_n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    size_t new_bytes = (new_n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (b && new_bytes <= old_bytes && (unsigned char *)p + old_bytes == b->data + b->used)
        b->used -= old_bytes - new_bytes;
}

void *sr_vec_push_(sr_arena *a, void **v, uint32_t *n, uint32_t *cap, size_t size)
{
    if (*n == *cap) {
        if (*cap >= UINT32_MAX / 2)
            return NULL;
        uint32_t ncap = *cap ? *cap * 2 : 16;
        void *nv = sr_arena_grow(a, *v, *cap, ncap, size);
        if (!nv)
            return NULL;
        *v = nv;
        *cap = ncap;
    }
    void *slot = (unsigned char *)*v + (size_t)(*n) * size;
    (*n)++;
    memset(slot, 0, size);
    return slot;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n)
{
    char *p = sr_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

char *sr_arena_printf(sr_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = sr_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void sr_arena_reset(sr_arena *a)
{
    /* Keep one block for the next document.  When the document needed
     * several, replace them by one block of their combined size, so that
     * documents of a steady size make no malloc at all (and large blocks
     * are not mapped and unmapped for every document).  At most 16 MiB is
     * kept between documents. */
    const size_t keep_max = (size_t)16 * 1024 * 1024;
    sr_arena_block *b = a->head;
    if (b && !b->next && b->size <= keep_max) {
        b->used = 0;
        return;
    }
    size_t sum = 0;
    while (b) {
        sr_arena_block *next = b->next;
        sum += b->size;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
    if (sum > keep_max)
        sum = keep_max;
    if (sum) {
        sr_arena_block *nb = malloc(sizeof(sr_arena_block) + sum);
        if (nb) {
            nb->size = sum;
            nb->used = 0;
            nb->next = NULL;
            a->head = nb;
            a->total = sum;
        }
    }
}

void sr_arena_free(sr_arena *a)
{
    sr_arena_block *b = a->head;
    while (b) {
        sr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
