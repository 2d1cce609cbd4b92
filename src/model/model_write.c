/*
 * model_write.c: builds a model file from sections (the write side of
 * model_format.h).  Used by the model compiler at build time.
 */
#include "model/model_write.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct wsec {
    char tag[4];
    void *data;
    size_t len;
} wsec;

struct sr_model_writer {
    wsec *s;
    size_t n, cap;
};

sr_model_writer *sr_mw_new(void)
{
    return calloc(1, sizeof(sr_model_writer));
}

void sr_mw_free(sr_model_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->s[i].data);
    free(w->s);
    free(w);
}

bool sr_mw_add(sr_model_writer *w, const char tag[4], const void *data, size_t len)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        wsec *s = realloc(w->s, cap * sizeof *s);
        if (!s)
            return false;
        w->s = s;
        w->cap = cap;
    }
    void *copy = malloc(len ? len : 1);
    if (!copy)
        return false;
    if (len)
        memcpy(copy, data, len);
    memcpy(w->s[w->n].tag, tag, 4);
    w->s[w->n].data = copy;
    w->s[w->n].len = len;
    w->n++;
    return true;
}

static size_t align16(size_t x) { return (x + 15) & ~(size_t)15; }

bool sr_mw_write(sr_model_writer *w, const char *path, char *err, size_t errn)
{
    size_t table = sizeof(sr_model_header);
    size_t off = align16(table + w->n * sizeof(sr_model_section));
    sr_model_section *sec = calloc(w->n ? w->n : 1, sizeof *sec);
    if (!sec) {
        snprintf(err, errn, "out of memory");
        return false;
    }
    for (size_t i = 0; i < w->n; i++) {
        memcpy(sec[i].tag, w->s[i].tag, 4);
        sec[i].offset = off;
        sec[i].length = w->s[i].len;
        sec[i].crc = sr_model_checksum(w->s[i].data, w->s[i].len);
        off = align16(off + w->s[i].len);
    }
    sr_model_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SR_MODEL_MAGIC, 8);
    h.version = SR_MODEL_VERSION;
    h.endian = SR_MODEL_ENDIAN;
    h.size = off;
    h.nsections = (uint32_t)w->n;
    h.table_crc = sr_model_checksum(sec, w->n * sizeof *sec);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errn, "%s: cannot write", tmp);
        free(sec);
        return false;
    }
    static const char zeros[16];
    bool ok = fwrite(&h, sizeof h, 1, f) == 1 && fwrite(sec, sizeof *sec, w->n, f) == w->n;
    size_t pos = table + w->n * sizeof *sec;
    for (size_t i = 0; ok && i < w->n; i++) {
        ok = fwrite(zeros, 1, (size_t)sec[i].offset - pos, f) == (size_t)sec[i].offset - pos &&
             fwrite(w->s[i].data, 1, w->s[i].len, f) == w->s[i].len;
        pos = (size_t)sec[i].offset + w->s[i].len;
    }
    if (ok && pos < off)
        ok = fwrite(zeros, 1, off - pos, f) == off - pos;
    ok = (fclose(f) == 0) && ok;
    free(sec);
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errn, "%s: write failed", path);
        remove(tmp);
        return false;
    }
    return true;
}

/* ---- hashed string tables -------------------------------------------- */

bool sr_strpool_add(sr_strpool *p, const char *s, size_t n, uint32_t *off)
{
    if (p->n + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1 << 16;
        while (cap < p->n + n + 1)
            cap *= 2;
        char *b = realloc(p->p, cap);
        if (!b)
            return false;
        p->p = b;
        p->cap = cap;
    }
    if (p->n + n + 1 > UINT32_MAX)
        return false;
    memcpy(p->p + p->n, s, n);
    p->p[p->n + n] = 0;
    *off = (uint32_t)p->n;
    p->n += n + 1;
    return true;
}

bool sr_hashb_put(sr_hashb *h, sr_strpool *pool, const char *key, size_t n, uint32_t value)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        sr_hash_entry *e = realloc(h->e, cap * sizeof *e);
        if (!e)
            return false;
        h->e = e;
        h->cap = cap;
    }
    sr_hash_entry *e = &h->e[h->n];
    if (n > UINT32_MAX || !sr_strpool_add(pool, key, n, &e->key_off))
        return false;
    e->key_len = (uint32_t)n;
    e->value = value;
    e->hash = sr_hash_bytes(key, n);
    h->n++;
    return true;
}

bool sr_hashb_section(const sr_hashb *h, void **out, size_t *outlen)
{
    uint32_t nb = 16;
    while (nb < h->n * 2 + 16)
        nb *= 2;
    size_t len = 8 + (size_t)nb * 4 + h->n * sizeof(sr_hash_entry);
    unsigned char *b = calloc(1, len);
    if (!b)
        return false;
    uint32_t *hdr = (uint32_t *)(void *)b;
    hdr[0] = nb;
    hdr[1] = (uint32_t)h->n;
    uint32_t *buckets = hdr + 2;
    sr_hash_entry *ents = (sr_hash_entry *)(void *)(buckets + nb);
    if (h->n)
        memcpy(ents, h->e, h->n * sizeof *ents);
    for (uint32_t i = 0; i < h->n; i++) {
        uint32_t k = ents[i].hash & (nb - 1);
        while (buckets[k])
            k = (k + 1) & (nb - 1);
        buckets[k] = i + 1;
    }
    *out = b;
    *outlen = len;
    return true;
}

void sr_hashb_free(sr_hashb *h)
{
    free(h->e);
    memset(h, 0, sizeof *h);
}

/* ---- a string -> index map --------------------------------------------- */

static bool strmap_rehash(sr_strmap *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return false;
    for (size_t i = 0; i < m->n; i++) {
        size_t h = sr_hash_bytes(m->keys[i], strlen(m->keys[i])) & (ns - 1);
        while (sl[h])
            h = (h + 1) & (ns - 1);
        sl[h] = (uint32_t)i + 1;
    }
    free(m->slots);
    m->slots = sl;
    m->nslots = ns;
    return true;
}

size_t sr_strmap_get(sr_strmap *m, const char *k, size_t kl, bool add, bool *added)
{
    if (added)
        *added = false;
    if ((m->n + 1) * 2 >= m->nslots && !strmap_rehash(m))
        return SIZE_MAX;
    size_t h = sr_hash_bytes(k, kl) & (m->nslots - 1);
    while (m->slots[h]) {
        const char *o = m->keys[m->slots[h] - 1];
        if (strlen(o) == kl && memcmp(o, k, kl) == 0)
            return m->slots[h] - 1;
        h = (h + 1) & (m->nslots - 1);
    }
    if (!add)
        return SIZE_MAX;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        char **keys = realloc(m->keys, cap * sizeof *keys);
        if (!keys)
            return SIZE_MAX;
        m->keys = keys;
        m->cap = cap;
    }
    char *copy = malloc(kl + 1);
    if (!copy)
        return SIZE_MAX;
    if (kl)
        memcpy(copy, k, kl);
    copy[kl] = 0;
    m->keys[m->n] = copy;
    m->slots[h] = (uint32_t)m->n + 1;
    if (added)
        *added = true;
    return m->n++;
}

void sr_strmap_free(sr_strmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
