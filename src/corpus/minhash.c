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

bool sr_minhash_doc(const sr_doc *d, sr_minhash *mh)
{
    for (int i = 0; i < SR_MH_HASHES; i++)
        mh->v[i] = UINT32_MAX;
    mh->nshingles = 0;
    uint64_t ring[SR_MH_SHINGLE];
    uint32_t nw = 0;
    uint64_t seed[SR_MH_HASHES];
    for (int i = 0; i < SR_MH_HASHES; i++)
        seed[i] = mix64((uint64_t)i * 0x632BE59BD9B4E019u + 1);
    for (uint32_t t = 0; t < d->tokens.n; t++) {
        const sr_token *tk = &d->tokens.v[t];
        if (tk->kind != SR_TOK_WORD && tk->kind != SR_TOK_NUMBER)
            continue;
        ring[nw % SR_MH_SHINGLE] = word_hash(d->norm + tk->nstart, tk->nend - tk->nstart);
        nw++;
        if (nw < SR_MH_SHINGLE)
            continue;
        uint64_t sh = 0;
        for (uint32_t k = 0; k < SR_MH_SHINGLE; k++)
            sh = mix64(sh ^ ring[(nw + k) % SR_MH_SHINGLE]);
        mh->nshingles++;
        for (int i = 0; i < SR_MH_HASHES; i++) {
            uint32_t v = (uint32_t)(mix64(sh ^ seed[i]) >> 32);
            if (v < mh->v[i])
                mh->v[i] = v;
        }
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
