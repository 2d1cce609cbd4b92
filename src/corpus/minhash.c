/*
 * minhash.c: MinHash signatures over word shingles, and their LSH bands.
 *
 * A document's words are its word and number tokens, case folded; its
 * shingles are the runs of SR_MH_SHINGLE words, each hashed to 64 bits.
 * Value i of the signature is the least of mix_i(shingle) over the
 * shingles, so two signatures agree at i with probability equal to the
 * Jaccard similarity of the two shingle sets.  The signature is cut into
 * SR_MH_BANDS bands of SR_MH_ROWS values; documents sharing a band are
 * candidates (with 32 bands of 4 a pair at similarity 0.5 shares one with
 * probability 0.87, at 0.8 with 0.9999, at 0.2 with 0.05), and only
 * candidates are compared.  One pass over the tokens; SR_MH_HASHES mixes
 * per shingle.
 */
#include "corpus/corpus.h"

static uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 1099511628211u;
    }
    return h;
}

typedef struct shingler {
    uint64_t ring[SR_MH_SHINGLE];
    uint64_t seed[SR_MH_HASHES];
    uint32_t nw;
    sr_minhash *mh;
} shingler;

static void add_word(shingler *z, const char *s, size_t n)
{
    z->ring[z->nw % SR_MH_SHINGLE] = word_hash(s, n);
    z->nw++;
    if (z->nw < SR_MH_SHINGLE)
        return;
    uint64_t sh = 0;
    for (uint32_t k = 0; k < SR_MH_SHINGLE; k++)
        sh = mix64(sh ^ z->ring[(z->nw + k) % SR_MH_SHINGLE]);
    z->mh->nshingles++;
    for (int i = 0; i < SR_MH_HASHES; i++) {
        uint32_t v = (uint32_t)(mix64(sh ^ z->seed[i]) >> 32);
        if (v < z->mh->v[i])
            z->mh->v[i] = v;
    }
}

static bool alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool sr_minhash_doc(const sr_doc *d, sr_minhash *mh)
{
    shingler z = {.mh = mh};
    for (int i = 0; i < SR_MH_HASHES; i++) {
        mh->v[i] = UINT32_MAX;
        z.seed[i] = mix64((uint64_t)i * 0x632BE59BD9B4E019u + 1);
    }
    mh->nshingles = 0;
    /* the headline's words first: two notices that differ only in whom
     * they are about ("X SETS QUARTERLY", same body) differ there */
    for (const char *t = d->meta.title; t && *t;) {
        while (*t && !alnum((unsigned char)*t))
            t++;
        const char *w = t;
        while (*t && alnum((unsigned char)*t))
            t++;
        if (t > w)
            add_word(&z, w, (size_t)(t - w));
    }
    for (uint32_t t = 0; t < d->tokens.n; t++) {
        const sr_token *tk = &d->tokens.v[t];
        if (tk->kind == SR_TOK_WORD || tk->kind == SR_TOK_NUMBER)
            add_word(&z, d->norm + tk->nstart, tk->nend - tk->nstart);
    }
    return mh->nshingles >= SR_MH_MIN_SHINGLES;
}

void sr_minhash_bands(const sr_minhash *mh, int64_t keys[SR_MH_BANDS])
{
    for (int b = 0; b < SR_MH_BANDS; b++) {
        uint64_t h = mix64((uint64_t)b + 0x51ED27u);
        for (int r = 0; r < SR_MH_ROWS; r++)
            h = mix64(h ^ mh->v[b * SR_MH_ROWS + r]);
        keys[b] = (int64_t)(h >> 1); /* non-negative in both databases */
    }
}

double sr_minhash_similarity(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < SR_MH_HASHES; i++)
        same += a[i] == b[i];
    return (double)same / SR_MH_HASHES;
}
