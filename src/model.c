/*
 * model.c: the linguistic model.  For now it holds the tables compiled from
 * data/lexicons at build time (abbreviations, sentence starters); the
 * mmap'ed model file of later stages opens through the same handle.
 */
#include "internal.h"

#include <stdlib.h>
#include <strings.h>

struct abbrev_entry {
    const char *form; /* lower case, no period */
    int cls;
};

#include "lexicons.inc"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Compares a table key (lower case, NUL-terminated) with w[0..n) ignoring
 * the case of w. */
static int keycmp(const char *key, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        unsigned char k = (unsigned char)key[i];
        if (k != c)
            return k < c ? -1 : 1;
    }
    return key[n] ? 1 : 0;
}

int sr_model_abbrev(const sitrep_model *m, const char *w, size_t n)
{
    (void)m;
    if (n == 0 || n > ABBREV_MAXLEN)
        return SR_ABBR_NONE;
    unsigned c0 = (unsigned)(w[0] | 0x20) - 'a';
    if (c0 >= 26 || !((ABBREV_FIRST_LETTERS >> c0) & 1))
        return SR_ABBR_NONE;
    size_t lo = 0, hi = COUNT(abbrev_table);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = keycmp(abbrev_table[mid].form, w, n);
        if (c == 0)
            return abbrev_table[mid].cls;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SR_ABBR_NONE;
}

bool sr_model_sentence_starter(const sitrep_model *m, const char *w, size_t n)
{
    (void)m;
    size_t lo = 0, hi = COUNT(starter_table);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = keycmp(starter_table[mid], w, n);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

sitrep_status sitrep_model_open(const char *path, sitrep_model **out)
{
    *out = NULL;
    if (path) /* model files arrive with the model compiler */
        return SITREP_EMODEL;
    sitrep_model *m = calloc(1, sizeof *m);
    if (!m)
        return SITREP_ENOMEM;
    m->builtin = 1;
    *out = m;
    return SITREP_OK;
}

void sitrep_model_free(sitrep_model *m)
{
    free(m);
}
