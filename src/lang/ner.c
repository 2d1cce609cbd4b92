/*
 * ner.c: stage "ner".  Input: tokens, sentences, tags, lexicon matches.
 * Output: doc->ner, one BIO label per token (O, B-PER, I-PER, B-ORG, ...,
 * I-MISC), the names the entity stage builds mentions from.
 *
 * A greedy left-to-right tagger with an averaged perceptron (Collins
 * 2002; the feature set follows Ratinov & Roth 2009).  Features of token i:
 *   - the word, lower-cased, at i-2 .. i+2, and the bigrams around i;
 *     the word as written; prefixes and suffixes up to 4 bytes;
 *   - word shape (Xxxx, XX, dd-dd) at i and its neighbours;
 *   - part-of-speech tags at i-1, i, i+1 (tag.c);
 *   - lexicon matches (match.c: actors, demonyms, titles, organization cue
 *     words) and gazetteer hits (geo.c: countries, regions, towns by size)
 *     at i-1, i, i+1;
 *   - sentence position and headline case;
 *   - document case: whether the word appears elsewhere in the document
 *     capitalized mid-sentence, or in lower case (for headlines and first
 *     words);
 *   - the labels of the two tokens before, and the entity types this
 *     document has given the same word before (prediction history).
 * Features are 64-bit hashes; the weights (int16, one per label) come from
 * the model's NERW section, which tools/ner_train.c learns from the
 * CoNLL-2003 training set.  The trainer calls the same feature functions, so
 * what it learns is what runs here.
 *
 * NERW layout 1: u32 version, u32 nlabels, u32 nfeat, u32 nslots, float
 * scale, u32 layout (1), then nslots u32 fingerprints (the key's low 32
 * bits, never 0; 0 = empty), placed by linear probing from the key's high
 * 32 bits, then nslots rows of i16 w[nlabels].  A feature the model lacks
 * (most are) costs probes in the fingerprint array only, which is a sixth
 * of the section and stays in cache.
 */
#include "lang/lang.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

const char *const sr_ner_label_names[SR_NER_NLABELS] = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

/* Per-token facts the feature templates read, computed once a document. */
typedef struct nertok {
    uint64_t lw;   /* the word lower-cased */
    uint64_t w;    /* as written */
    uint64_t sh;   /* shape: Xxxxx -> Xxxxx (capped), dd-dd */
    uint64_t ssh;  /* short shape: runs collapsed, Xx */
    uint64_t lex;  /* lexicon match kind, type and position, or 0 */
    uint64_t geo;  /* gazetteer hit class, size and position, or 0 */
    uint32_t unit; /* first token of its unit (sentence, title, dateline) */
    uint32_t uend; /* one past its unit's last token */
    uint32_t slot; /* its word's slot in the document table */
    uint32_t run_a, run_b; /* its run of capitalized words [run_a, run_b), or run_a == run_b */
    uint32_t next_occ; /* the next capitalized occurrence of its word, + 1, or 0 */
    uint8_t pos;
    uint8_t flags;
} nertok;

enum { NF_CAP = 1, NF_HEADLINE = 2, NF_WORD = 4, NF_LOWER = 8, NF_PLAIN = 16 };

typedef struct docword {
    uint64_t key;
    uint64_t runlast; /* the last word of the longest run it starts or is inside, not ends */
    uint16_t hist[5]; /* labels given before, by type (0 = none) */
    uint16_t ncap, nlow;
    uint16_t runlen;  /* that run's length, or 0 */
    uint32_t first_occ, last_occ; /* its first and last capitalized occurrences, + 1, or 0 */
} docword;

struct sr_nerprep {
    const sr_doc *d;
    const sitrep_model *m;
    nertok *t;
    uint32_t n;
    docword *words;
    uint32_t wmask;
    uint32_t nwords; /* slots in use: kept at most half the table */
    bool grown;      /* the table was doubled while tokens were added */
};

/* ---- hashing -------------------------------------------------------------- */

static inline uint64_t fmix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}
static inline uint64_t feat1(uint32_t tpl, uint64_t a)
{
    return fmix(a + 0x9e3779b97f4a7c15ULL * (tpl + 1)) | 1;
}
static inline uint64_t feat2(uint32_t tpl, uint64_t a, uint64_t b)
{
    return fmix(fmix(a + 0x9e3779b97f4a7c15ULL * (tpl + 1)) ^ (b * 0xff51afd7ed558ccdULL)) | 1;
}
static inline uint64_t hstr(const char *s, size_t n) { return XXH3_64bits(s, n); }

/* Templates (never renumber: the weights are keyed by them; bump
 * SR_NER_VERSION when a template changes meaning). */
enum {
    T_BIAS, T_W, T_LW, T_LWM1, T_LWP1, T_LWM2, T_LWP2, T_BIM, T_BIP, T_PRE, T_SUF, T_SH,
    T_SSH, T_SSHM1, T_SSHP1, T_SSH3, T_POSM1, T_POS, T_POSP1, T_POSSH, T_FIRST, T_HLW,
    T_HLSH, T_LEX, T_LEXM1, T_LEXP1, T_GEO, T_GEOM1, T_GEOP1, T_LWM1SH, T_SHLWP1, T_DOCCASE,
    T_Y1, T_Y2, T_Y1LW, T_Y1SH, T_HIST, T_HISTSH, T_POSM1LW,
    /* the run of capitalized words a token is in ("Jones Medical
     * Industries Inc"): its last and first words, the words around it,
     * its length with the token's place in it */
    T_RUNLAST, T_RUNFIRST, T_RUNNEXT, T_RUNPREV, T_RUNLEN,
    /* the last word of the longest run the same word is inside anywhere
     * in the document ("Pirelli" ... "Pirelli SpA") */
    T_DOCRUN,
    /* the lexicon match of the run's last word (an organization cue:
     * "... Bancshares", "... SpA") */
    T_RUNLEX,
    /* the words before and after the word's first capitalized
     * occurrences anywhere in the document (context aggregation:
     * "Surrey 350 for six" tells the "Surrey" of a headline too) */
    T_AGGL, T_AGGR
};

/* ---- preparation ----------------------------------------------------------- */

static const char *tok_text(const sr_doc *d, const sr_token *k, uint32_t *n)
{
    *n = k->nend - k->nstart;
    return d->norm + k->nstart;
}

static void shapes(const char *s, uint32_t n, uint64_t *sh, uint64_t *ssh)
{
    char a[24], b[24];
    uint32_t na = 0, nb = 0;
    for (uint32_t i = 0; i < n && na < sizeof a; i++) {
        unsigned char c = (unsigned char)s[i];
        char k;
        if (c >= 'A' && c <= 'Z')
            k = 'X';
        else if (c >= 'a' && c <= 'z')
            k = 'x';
        else if (c >= '0' && c <= '9')
            k = 'd';
        else if (c >= 0xC0)
            k = 'u';
        else if (c >= 0x80)
            continue;
        else
            k = (char)c;
        if (na < 5 || k != a[na - 1])
            a[na++] = k;
        if (!nb || b[nb - 1] != k)
            if (nb < sizeof b)
                b[nb++] = k;
    }
    *sh = hstr(a, na);
    *ssh = hstr(b, nb);
}

/* Byte classes for the preparation's scan.  CC_UPPER is 8 so that
 * (class & CC_UPPER) << 2 is the 32 that lower-cases an ASCII capital. */
enum { CC_LOWER = 1, CC_DIGIT = 2, CC_HIGH = 4, CC_UPPER = 8, CC_LEAD = 16,
       CC_LETTER = CC_LOWER | CC_UPPER | CC_LEAD };
static uint8_t char_class[256];
__attribute__((constructor)) static void init_char_class(void)
{
    for (int c = 0; c < 256; c++)
        char_class[c] = (uint8_t)((c >= 'a' && c <= 'z' ? CC_LOWER : 0) | (c >= '0' && c <= '9' ? CC_DIGIT : 0) |
                                  (c >= 0x80 ? CC_HIGH : 0) | (c >= 'A' && c <= 'Z' ? CC_UPPER : 0) |
                                  (c >= 0xC0 ? CC_LEAD : 0));
}

/* Shapes of lower-case words ("x" .. "xxxxx"), the most common case. */
static uint64_t lower_sh[6], lower_ssh;
__attribute__((constructor)) static void init_lower_shapes(void)
{
    for (int n = 1; n <= 5; n++)
        lower_sh[n] = hstr("xxxxx", (size_t)n);
    lower_ssh = hstr("x", 1);
}

static docword *doc_word(sr_nerprep *p, uint64_t key)
{
    uint32_t i = (uint32_t)key & p->wmask;
    for (;;) {
        docword *w = &p->words[i];
        if (w->key == key || w->key == 0) {
            p->nwords += w->key == 0;
            w->key = key;
            return w;
        }
        i = (i + 1) & p->wmask;
    }
}

/* Adds a word to the document table, doubling the table when it is half
 * full.  The table grows with the document's vocabulary, not its length:
 * it stays in cache, and a long document costs no more per word than a
 * short one.  Only keys are in the table while it grows; the slots handed
 * out before a doubling are stale (p->grown). */
static docword *doc_word_add(sr_arena *arena, sr_nerprep *p, uint64_t key)
{
    if (2 * (p->nwords + 1) > p->wmask + 1) {
        uint32_t nb = 2 * (p->wmask + 1);
        docword *old = p->words, *nw = sr_arena_calloc(arena, nb, sizeof *nw);
        if (!nw || nb == 0)
            return NULL;
        p->grown = true;
        uint32_t oldn = p->wmask + 1;
        p->words = nw;
        p->wmask = nb - 1;
        p->nwords = 0;
        for (uint32_t k = 0; k < oldn; k++)
            if (old[k].key)
                doc_word(p, old[k].key);
    }
    return doc_word(p, key);
}

static uint64_t lex_code(const sr_lex_rec *r, const char *pos)
{
    char buf[32];
    size_t n = 0;
    buf[n++] = (char)('0' + r->kind);
    for (size_t i = 0; i < sizeof r->type && r->type[i]; i++)
        buf[n++] = r->type[i];
    buf[n++] = ':';
    buf[n++] = pos[0];
    return hstr(buf, n);
}

static void mark_lexicon(sr_nerprep *p)
{
    const sr_doc *d = p->d;
    for (uint32_t k = 0; k < d->matches.n; k++) {
        const sr_match *mt = &d->matches.v[k];
        for (uint32_t j = 0; j < mt->tok_n; j++) {
            uint32_t i = mt->tok_first + j;
            if (i < p->n && !p->t[i].lex)
                p->t[i].lex = lex_code(mt->rec, j == 0 ? (mt->tok_n == 1 ? "S" : "B") : "I");
        }
    }
}

static bool cap_word(const nertok *t) { return (t->flags & (NF_WORD | NF_CAP)) == (NF_WORD | NF_CAP); }

/* A gazetteer lookup of tokens [i, i + n), through the extractor's cache;
 * returns the number of places, and the class of the first in *cls
 * (sr_geo_class). */
static uint32_t geo_find(const sr_nerprep *p, uint32_t i, uint32_t n, uint8_t *cls, bool *longer,
                         bool *ends)
{
    const sr_doc *d = p->d;
    uint32_t a = d->tokens.v[i].nstart, b = d->tokens.v[i + n - 1].nend;
    sr_geocache_entry r = sr_geo_lookup_cached(d, p->m, d->norm + a, b - a, n == 1);
    *longer = r.longer;
    *ends = r.ends;
    *cls = r.cls;
    return r.at ? p->m->place_lists[r.at - 1] : 0;
}

/* The longest run of 1-3 capitalized words from each token that names a
 * place in the gazetteer. */
static void mark_places(sr_nerprep *p)
{
    for (uint32_t i = 0; i < p->n; i++) {
        if (!cap_word(&p->t[i]) || p->t[i].geo)
            continue;
        bool longer, ends;
        uint8_t cls;
        uint32_t c = geo_find(p, i, 1, &cls, &longer, &ends), n = 1;
        if (longer) {
            uint32_t maxn = 1;
            while (maxn < 3 && i + maxn < p->t[i].uend && cap_word(&p->t[i + maxn]))
                maxn++;
            for (uint32_t k = maxn; k >= 2; k--) {
                bool l2, e2;
                uint8_t c2s;
                /* only when the last word ends some name */
                geo_find(p, i + k - 1, 1, &c2s, &l2, &e2);
                if (!e2)
                    continue;
                uint32_t c2 = geo_find(p, i, k, &c2s, &l2, &e2);
                if (c2) {
                    c = c2, n = k, cls = c2s;
                    break;
                }
            }
        }
        if (!c)
            continue;
        for (uint32_t j = 0; j < n; j++) {
            char buf[8] = {(char)('0' + cls / 5), (char)('0' + cls % 5),
                           j == 0 ? (n == 1 ? 'S' : 'B') : 'I', c > 1 ? 'm' : '1'};
            p->t[i + j].geo = hstr(buf, 4);
        }
        i += n - 1;
    }
}

/* Chains each word's capitalized occurrences ("Surrey", "SURREY"), in
 * document order, for the context aggregation features. */
static void mark_occurrences(sr_nerprep *p)
{
    for (uint32_t i = 0; i < p->n; i++) {
        nertok *t = &p->t[i];
        if ((t->flags & (NF_WORD | NF_LOWER)) != NF_WORD)
            continue;
        docword *w = &p->words[t->slot];
        if (w->last_occ)
            p->t[w->last_occ - 1].next_occ = i + 1;
        else
            w->first_occ = i + 1;
        w->last_occ = i + 1;
    }
}

/* Runs of capitalized words within a unit ("Jones Medical Industries
 * Inc", "Bank of New England"): "of", "&" and "de" join two capitalized
 * words.  Headlines, all in capitals, have none. */
static void mark_runs(sr_nerprep *p)
{
    const sr_doc *d = p->d;
    for (uint32_t i = 0; i < p->n;) {
        nertok *t = &p->t[i];
        if (!cap_word(t) || (t->flags & NF_HEADLINE)) {
            t->run_a = t->run_b = i;
            i++;
            continue;
        }
        uint32_t j = i + 1;
        while (j < t->uend) {
            if (cap_word(&p->t[j])) {
                j++;
                continue;
            }
            if (j + 1 < t->uend && cap_word(&p->t[j + 1]) &&
                (sr_tok_is(d, j, "of") || sr_tok_is(d, j, "&") || sr_tok_is(d, j, "de"))) {
                j += 2;
                continue;
            }
            break;
        }
        for (uint32_t k = i; k < j; k++) {
            p->t[k].run_a = i;
            p->t[k].run_b = j;
            /* the document's longest run the word is in (not as its last) */
            docword *w = &p->words[p->t[k].slot];
            if (k + 1 < j && cap_word(&p->t[k]) && j - i > w->runlen) {
                w->runlen = (uint16_t)(j - i < UINT16_MAX ? j - i : UINT16_MAX);
                w->runlast = p->t[j - 1].lw;
            }
        }
        i = j;
    }
}

/* Units: the sentences, and the runs of tokens outside any sentence (a
 * title, a dateline), which are tagged as sentences of their own. */
static void mark_units(sr_nerprep *p)
{
    const sr_doc *d = p->d;
    uint32_t s = 0, i = 0;
    while (i < p->n) {
        while (s < d->sentences.n && d->sentences.v[s].tok_first + d->sentences.v[s].tok_n <= i)
            s++;
        uint32_t end;
        if (s < d->sentences.n && d->sentences.v[s].tok_first <= i) {
            end = d->sentences.v[s].tok_first + d->sentences.v[s].tok_n;
        } else {
            end = s < d->sentences.n ? d->sentences.v[s].tok_first : p->n;
            /* a gap ends at a block boundary too */
            for (uint32_t j = i + 1; j < end; j++)
                if (memchr(d->text + d->tokens.v[j - 1].end, '\n',
                           d->tokens.v[j].start - d->tokens.v[j - 1].end)) {
                    end = j;
                    break;
                }
        }
        bool upper = true;
        uint32_t nwords = 0;
        for (uint32_t j = i; j < end; j++)
            if (p->t[j].flags & NF_WORD) {
                nwords++;
                if (p->t[j].flags & NF_LOWER)
                    upper = false;
            }
        for (uint32_t j = i; j < end; j++) {
            p->t[j].unit = i;
            p->t[j].uend = end;
            if (upper && nwords >= 2)
                p->t[j].flags |= NF_HEADLINE;
        }
        i = end;
    }
}

sr_nerprep *sr_ner_prepare(sr_arena *arena, const sr_doc *d, const sitrep_model *m)
{
    sr_nerprep *p = sr_arena_calloc(arena, 1, sizeof *p);
    if (!p)
        return NULL;
    p->d = d;
    p->m = m;
    p->n = d->tokens.n;
    p->t = sr_arena_calloc(arena, p->n + 1, sizeof *p->t);
    /* twice the tokens, as many as a news article's words can fill, up to
     * a vocabulary's size: a longer document's table grows as it fills */
    uint32_t nb = 64;
    while (nb < 2 * p->n && nb < 8192)
        nb <<= 1;
    p->words = sr_arena_calloc(arena, nb, sizeof *p->words);
    if (!p->t || !p->words)
        return NULL;
    p->wmask = nb - 1;
    char low[64];
    for (uint32_t i = 0; i < p->n; i++) {
        const sr_token *k = &d->tokens.v[i];
        nertok *t = &p->t[i];
        uint32_t n;
        const char *s = tok_text(d, k, &n);
        uint32_t ln = n < sizeof low ? n : sizeof low;
        /* one pass over the bytes: the union and the intersection of their
         * classes, the class of the first letter, the lower case */
        unsigned any = 0, all = CC_LOWER, first = 0;
        for (uint32_t j = 0; j < ln; j++) {
            unsigned char c = (unsigned char)s[j];
            unsigned cl = char_class[c];
            any |= cl;
            all &= cl;
            if (!first)
                first = cl & CC_LETTER;
            low[j] = (char)(c | ((cl & CC_UPPER) << 2)); /* 'A' + 32 = 'a' */
        }
        bool any_letter = first != 0, lower_first = (first & CC_LOWER) != 0;
        bool plain = !(any & (CC_UPPER | CC_DIGIT | CC_HIGH)), lower = (all & CC_LOWER) != 0;
        t->lw = hstr(low, ln);
        if (lower && n == ln && n > 0) {
            /* a lower-case word: written as its lower case, shape xxxxx */
            t->w = t->lw;
            t->sh = lower_sh[n < 5 ? n : 5];
            t->ssh = lower_ssh;
        } else {
            t->w = hstr(s, n);
            shapes(s, n, &t->sh, &t->ssh);
        }
        t->pos = d->tags ? d->tags[i] : 0;
        if (k->kind == SR_TOK_WORD && any_letter) {
            t->flags |= NF_WORD;
            if (k->flags & SR_TF_CAP)
                t->flags |= NF_CAP;
            if (lower_first)
                t->flags |= NF_LOWER;
        }
        bool number = n <= ln && n > 0 && s[0] >= '0' && s[0] <= '9';
        for (uint32_t j = 0; number && j < n; j++)
            number = (s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.' || s[j] == ':' ||
                     s[j] == '/' || s[j] == '%' || s[j] == '-';
        if ((plain || number) && n <= ln)
            t->flags |= NF_PLAIN;
        if (t->flags & NF_WORD) { /* only words have a document history */
            docword *w = doc_word_add(arena, p, t->lw);
            if (!w)
                return NULL;
            t->slot = (uint32_t)(w - p->words);
        }
    }
    /* the slots again when the table grew (they moved) */
    if (p->grown)
        for (uint32_t i = 0; i < p->n; i++)
            if (p->t[i].flags & NF_WORD)
                p->t[i].slot = (uint32_t)(doc_word(p, p->t[i].lw) - p->words);
    mark_units(p);
    for (uint32_t i = 0; i < p->n; i++) {
        nertok *t = &p->t[i];
        if (!(t->flags & NF_WORD) || i == t->unit || (t->flags & NF_HEADLINE))
            continue;
        docword *w = &p->words[t->slot];
        if (t->flags & NF_CAP) {
            if (w->ncap < UINT16_MAX)
                w->ncap++;
        } else if (t->flags & NF_LOWER) {
            if (w->nlow < UINT16_MAX)
                w->nlow++;
        }
    }
    mark_occurrences(p);
    mark_runs(p);
    mark_lexicon(p);
    if (m && m->nplaces)
        mark_places(p);
    return p;
}

uint32_t sr_ner_ntokens(const sr_nerprep *p) { return p->n; }

static const uint64_t EDGE_L = 0x1111, EDGE_R = 0x2222;

/* Features of token j's own word, and of it as a neighbour of the token
 * being tagged.  They depend on the word alone, so the tagger caches their
 * summed weights by word (sr_nercache); the trainer takes them one by one. */
enum { WV_SELF, WV_LEFT1, WV_RIGHT1, WV_LEFT2, WV_RIGHT2, WV__COUNT };

static uint32_t word_feats(const sr_nerprep *p, uint32_t j, int which, uint64_t *f)
{
    const nertok *t = &p->t[j];
    uint32_t n = 0;
    switch (which) {
    case WV_LEFT1:
        f[n++] = feat1(T_LWM1, t->lw);
        f[n++] = feat1(T_SSHM1, t->ssh);
        return n;
    case WV_RIGHT1:
        f[n++] = feat1(T_LWP1, t->lw);
        f[n++] = feat1(T_SSHP1, t->ssh);
        return n;
    case WV_LEFT2:
        f[n++] = feat1(T_LWM2, t->lw);
        return n;
    case WV_RIGHT2:
        f[n++] = feat1(T_LWP2, t->lw);
        return n;
    default:
        break;
    }
    f[n++] = feat1(T_W, t->w);
    f[n++] = feat1(T_LW, t->lw);
    const sr_token *k = &p->d->tokens.v[j];
    uint32_t len;
    const char *s = tok_text(p->d, k, &len);
    if (t->flags & NF_WORD) {
        char low[4];
        for (uint32_t q = 1; q <= 4 && q <= len; q++) {
            char c = s[q - 1];
            low[q - 1] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            f[n++] = feat2(T_PRE, q, hstr(low, q));
        }
        for (uint32_t q = 1; q <= 4 && q < len; q++) {
            char suf[4];
            for (uint32_t r = 0; r < q; r++) {
                char c = s[len - q + r];
                suf[r] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            }
            f[n++] = feat2(T_SUF, q, hstr(suf, q));
        }
    }
    f[n++] = feat1(T_SH, t->sh);
    f[n++] = feat1(T_SSH, t->ssh);
    return n;
}

/* The neighbour features at a unit's edges, where there is no word. */
static uint32_t edge_feats(int which, uint64_t *f)
{
    uint32_t n = 0;
    switch (which) {
    case WV_LEFT1:
        f[n++] = feat1(T_LWM1, EDGE_L);
        f[n++] = feat1(T_SSHM1, EDGE_L);
        break;
    case WV_RIGHT1:
        f[n++] = feat1(T_LWP1, EDGE_R);
        f[n++] = feat1(T_SSHP1, EDGE_R);
        break;
    case WV_LEFT2:
        f[n++] = feat1(T_LWM2, EDGE_L);
        break;
    case WV_RIGHT2:
        f[n++] = feat1(T_LWP2, EDGE_R);
        break;
    default:
        break;
    }
    return n;
}

/* The token that plays part `which` for token i, or UINT32_MAX at an edge. */
static uint32_t word_at(const sr_nerprep *p, uint32_t i, int which)
{
    const nertok *t = &p->t[i];
    switch (which) {
    case WV_SELF: return i;
    case WV_LEFT1: return i > t->unit ? i - 1 : UINT32_MAX;
    case WV_RIGHT1: return i + 1 < t->uend ? i + 1 : UINT32_MAX;
    case WV_LEFT2: return i > t->unit + 1 ? i - 2 : UINT32_MAX;
    default: return i + 2 < t->uend ? i + 2 : UINT32_MAX;
    }
}

/* The tags beside token i (0xFE, 0xFF past its unit's edges). */
static inline unsigned pos_before(const sr_nerprep *p, uint32_t i)
{
    return i > p->t[i].unit ? p->t[i - 1].pos : 0xFE;
}
static inline unsigned pos_after(const sr_nerprep *p, uint32_t i)
{
    return i + 1 < p->t[i].uend ? p->t[i + 1].pos : 0xFF;
}
/* Document case of word token i, 0..15: whether the word appears elsewhere
 * capitalized mid-sentence (4) or in lower case (8), whether this is such a
 * place (1), whether it is capitalized here (2). */
static inline unsigned doc_case(const sr_nerprep *p, uint32_t i)
{
    const nertok *t = &p->t[i];
    const docword *w = &p->words[t->slot];
    unsigned dc = (w->ncap ? 1u : 0u) | (w->nlow ? 2u : 0u);
    bool plain = i != t->unit && !(t->flags & NF_HEADLINE);
    return dc * 4 + (plain ? 1u : 0u) + ((t->flags & NF_CAP) ? 2u : 0u);
}

/* A word beside a run of capitalized words: the word, or a number's
 * short shape ("Seattle 5 Milwaukee 3"). */
static inline uint64_t run_side(const nertok *t)
{
    return (t->flags & (NF_WORD | NF_PLAIN)) == NF_PLAIN ? t->ssh : t->lw;
}

/* The context of the word's first AGG_OCC capitalized occurrences in
 * the document: the word (or a number's shape) before and after each,
 * each value once.  Every occurrence of a word gets the same ones. */
enum { AGG_OCC = 8 };
static uint32_t aggregate_feats(const sr_nerprep *p, const docword *w, uint64_t *f)
{
    uint32_t n = 0;
    uint32_t k = 0;
    for (uint32_t o = w->first_occ; o && k < AGG_OCC; o = p->t[o - 1].next_occ, k++) {
        uint32_t j = o - 1;
        const nertok *t = &p->t[j];
        uint64_t g[2] = {feat1(T_AGGL, j > t->unit ? run_side(&p->t[j - 1]) : EDGE_L),
                         feat1(T_AGGR, j + 1 < t->uend ? run_side(&p->t[j + 1]) : EDGE_R)};
        for (int q = 0; q < 2; q++) {
            bool seen = false;
            for (uint32_t r = 0; r < n && !seen; r++)
                seen = f[r] == g[q];
            if (!seen)
                f[n++] = g[q];
        }
    }
    return n;
}

/* The features of token i that involve more than one word, its tags, its
 * matches or its place in the document.  The ones with few values (the
 * bias, the tags, the document case: `fixed`) the tagger reads from tables
 * made when the model is loaded (ner_tables), so it asks for the others
 * only. */
static uint32_t context_feats(const sr_nerprep *p, uint32_t i, uint64_t *f, bool fixed)
{
    const nertok *t = &p->t[i];
    uint32_t a = t->unit, e = t->uend, n = 0;
    uint64_t lwm1 = i > a ? p->t[i - 1].lw : EDGE_L;
    uint64_t lwp1 = i + 1 < e ? p->t[i + 1].lw : EDGE_R;
    uint64_t sm1 = i > a ? p->t[i - 1].ssh : EDGE_L, sp1 = i + 1 < e ? p->t[i + 1].ssh : EDGE_R;
    if (fixed) {
        f[n++] = feat1(T_BIAS, 0);
        f[n++] = feat1(T_POSM1, pos_before(p, i));
        f[n++] = feat1(T_POS, t->pos);
        f[n++] = feat1(T_POSP1, pos_after(p, i));
        if (t->flags & NF_WORD)
            f[n++] = feat2(T_DOCCASE, doc_case(p, i), 0);
    }
    f[n++] = feat2(T_BIM, lwm1, t->lw);
    f[n++] = feat2(T_BIP, t->lw, lwp1);
    f[n++] = feat2(T_SSH3, sm1 * 31 + t->ssh, sp1);
    f[n++] = feat2(T_POSSH, t->pos, t->ssh);
    if (i == a)
        f[n++] = feat1(T_FIRST, t->ssh);
    if (t->flags & NF_HEADLINE) {
        f[n++] = feat1(T_HLW, t->lw);
        f[n++] = feat1(T_HLSH, t->ssh);
    }
    if (t->lex)
        f[n++] = feat1(T_LEX, t->lex);
    if (i > a && p->t[i - 1].lex)
        f[n++] = feat1(T_LEXM1, p->t[i - 1].lex);
    if (i + 1 < e && p->t[i + 1].lex)
        f[n++] = feat1(T_LEXP1, p->t[i + 1].lex);
    if (t->run_b > t->run_a) {
        uint32_t ra = t->run_a, rb = t->run_b, len = rb - ra, at = i - ra;
        f[n++] = feat2(T_RUNLAST, p->t[rb - 1].lw, i + 1 == rb);
        if (i > ra)
            f[n++] = feat1(T_RUNFIRST, p->t[ra].lw);
        f[n++] = feat1(T_RUNNEXT, rb < e ? run_side(&p->t[rb]) : EDGE_R);
        f[n++] = feat1(T_RUNPREV, ra > a ? run_side(&p->t[ra - 1]) : EDGE_L);
        f[n++] = feat2(T_RUNLEN, len < 5 ? len : 5, at < 3 ? at : 3);
        if (p->t[rb - 1].lex && len > 1)
            f[n++] = feat2(T_RUNLEX, p->t[rb - 1].lex, i + 1 == rb);
    }
    if (t->flags & NF_WORD) {
        const docword *w = &p->words[t->slot];
        if (w->runlen > t->run_b - t->run_a)
            f[n++] = feat1(T_DOCRUN, w->runlast);
        if (!(t->flags & NF_LOWER))
            n += aggregate_feats(p, w, f + n);
    }
    if (t->geo)
        f[n++] = feat1(T_GEO, t->geo);
    if (i > a && p->t[i - 1].geo)
        f[n++] = feat1(T_GEOM1, p->t[i - 1].geo);
    if (i + 1 < e && p->t[i + 1].geo)
        f[n++] = feat1(T_GEOP1, p->t[i + 1].geo);
    return n;
}

uint32_t sr_ner_static(const sr_nerprep *p, uint32_t i, uint64_t *f)
{
    uint32_t n = context_feats(p, i, f, true);
    for (int w = 0; w < WV__COUNT; w++) {
        uint32_t j = word_at(p, i, w);
        n += j == UINT32_MAX ? edge_feats(w, f + n) : word_feats(p, j, w, f + n);
    }
    return n;
}

static inline int label_type(int l) { return (l + 1) / 2; }

/* The features of the labels before token i and of the document's
 * history; `fixed` as for context_feats (the ones of labels and types
 * alone are in tables). */
static uint32_t dynamic_feats(const sr_nerprep *p, uint32_t i, int y1, int y2, uint64_t *f, bool fixed)
{
    const nertok *t = &p->t[i];
    uint32_t n = 0;
    if (fixed) {
        f[n++] = feat1(T_Y1, (uint64_t)y1 + 1);
        f[n++] = feat2(T_Y2, (uint64_t)y2 + 1, (uint64_t)y1 + 1);
    }
    f[n++] = feat2(T_Y1LW, (uint64_t)y1 + 1, t->lw);
    f[n++] = feat2(T_Y1SH, (uint64_t)y1 + 1, t->ssh);
    if (t->flags & NF_WORD) {
        const docword *w = &p->words[t->slot];
        for (int ty = 1; ty <= 4; ty++)
            if (w->hist[ty]) {
                if (fixed)
                    f[n++] = feat1(T_HIST, (uint64_t)ty);
                f[n++] = feat2(T_HISTSH, (uint64_t)ty, t->ssh);
            }
    }
    return n;
}

uint32_t sr_ner_dynamic(const sr_nerprep *p, uint32_t i, int y1, int y2, uint64_t *f)
{
    return dynamic_feats(p, i, y1, y2, f, true);
}

void sr_ner_observe(sr_nerprep *p, uint32_t i, int label)
{
    int ty = label_type(label);
    if (ty && (p->t[i].flags & NF_WORD)) {
        docword *w = &p->words[p->t[i].slot];
        if (w->hist[ty] < UINT16_MAX)
            w->hist[ty]++;
    }
}

bool sr_ner_skip(const sr_nerprep *p, uint32_t i, int y1)
{
    /* A word with no capital letter or digit, punctuation, or a number,
     * that does not continue a name starts none: in the CoNLL-2003 training
     * set 82 of 23,500 names start so (de Gaulle's "de", "serie A", "1860
     * Munich").  Most tokens of running text are such, and are labelled O
     * without scoring. */
    return y1 <= 0 && (p->t[i].flags & NF_PLAIN);
}

bool sr_ner_allowed(int prev, int label)
{
    if (label == 0 || label % 2 == 1)
        return true; /* O and B-X anywhere */
    return prev == label || prev == label - 1; /* I-X after B-X or I-X */
}

uint32_t sr_ner_unit_start(const sr_nerprep *p, uint32_t i) { return p->t[i].unit; }

void sr_ner_forget(sr_nerprep *p)
{
    for (uint32_t i = 0; i <= p->wmask; i++)
        memset(p->words[i].hist, 0, sizeof p->words[i].hist);
}

/* ---- the model's weights ---------------------------------------------------- */

static inline void add_weights(const sitrep_model *m, uint64_t key, int32_t *score)
{
    uint32_t b = (uint32_t)(key >> 32) & m->ner_mask, fp = (uint32_t)key;
    for (;;) {
        uint32_t f = m->ner_fps[b];
        if (f == fp) {
            const int16_t *w = m->ner_w + (size_t)b * SR_NER_NLABELS;
            for (int l = 0; l < SR_NER_NLABELS; l++)
                score[l] += w[l];
            return;
        }
        if (!f)
            return;
        b = (b + 1) & m->ner_mask;
    }
}

/* Adds the weights of features f to score: every feature's home slot
 * asked for first, then each probed and the rows of those found asked
 * for, then the rows summed, so that the misses overlap instead of
 * following one another. */
static void add_scores(const sitrep_model *m, const uint64_t *f, uint32_t n, int32_t *score)
{
    enum { CHUNK = 64 };
    uint32_t home[CHUNK], hit[CHUNK];
    for (uint32_t at = 0; at < n; at += CHUNK) {
        uint32_t nk = n - at < CHUNK ? n - at : CHUNK, nh = 0;
        const uint64_t *g = f + at;
        for (uint32_t k = 0; k < nk; k++) {
            home[k] = (uint32_t)(g[k] >> 32) & m->ner_mask;
            __builtin_prefetch(&m->ner_fps[home[k]]);
        }
        for (uint32_t k = 0; k < nk; k++) {
            uint32_t fp = (uint32_t)g[k];
            for (uint32_t b = home[k];; b = (b + 1) & m->ner_mask) {
                uint32_t x = m->ner_fps[b];
                if (x == fp) {
                    const int16_t *w = m->ner_w + (size_t)b * SR_NER_NLABELS;
                    __builtin_prefetch(w);
                    __builtin_prefetch(w + SR_NER_NLABELS - 1);
                    hit[nh++] = b;
                    break;
                }
                if (!x)
                    break;
            }
        }
        for (uint32_t k = 0; k < nh; k++) {
            const int16_t *w = m->ner_w + (size_t)hit[k] * SR_NER_NLABELS;
            for (int l = 0; l < SR_NER_NLABELS; l++)
                score[l] += w[l];
        }
    }
}

/* The summed weights of the features with few values, by value: the tags
 * around a token, the bias with the document case, the two labels before
 * and the types the document gave the word before.  The tagger adds a row
 * of each instead of probing for every feature. */
static void ner_tables(sitrep_model *m)
{
    memset(m->ner_pos, 0, sizeof m->ner_pos);
    memset(m->ner_case, 0, sizeof m->ner_case);
    memset(m->ner_prev, 0, sizeof m->ner_prev);
    memset(m->ner_hist, 0, sizeof m->ner_hist);
    static const uint32_t pos_tpl[3] = {T_POSM1, T_POS, T_POSP1};
    for (int k = 0; k < 3; k++)
        for (unsigned v = 0; v < 256; v++)
            add_weights(m, feat1(pos_tpl[k], v), m->ner_pos[k][v]);
    for (unsigned c = 0; c <= 16; c++) {
        add_weights(m, feat1(T_BIAS, 0), m->ner_case[c]);
        if (c < 16) /* 16: not a word, the bias alone */
            add_weights(m, feat2(T_DOCCASE, c, 0), m->ner_case[c]);
    }
    for (int y2 = -1; y2 < SR_NER_NLABELS; y2++)
        for (int y1 = -1; y1 < SR_NER_NLABELS; y1++) {
            add_weights(m, feat1(T_Y1, (uint64_t)y1 + 1), m->ner_prev[y2 + 1][y1 + 1]);
            add_weights(m, feat2(T_Y2, (uint64_t)y2 + 1, (uint64_t)y1 + 1), m->ner_prev[y2 + 1][y1 + 1]);
        }
    for (int ty = 1; ty <= 4; ty++)
        add_weights(m, feat1(T_HIST, (uint64_t)ty), m->ner_hist[ty]);
}

typedef struct nerw_header {
    uint32_t version, nlabels, nfeat, nslots;
    float scale;
    uint32_t pad;
} nerw_header;

bool sr_ner_load(sitrep_model *m)
{
    size_t len;
    const unsigned char *p = sr_model_get_section(m, "NERW", &len);
    m->ner_nfeat = 0;
    if (!p)
        return true; /* a model without a name tagger: no names */
    if (len < sizeof(nerw_header))
        return false;
    nerw_header h;
    memcpy(&h, p, sizeof h);
    if (h.version != SR_NER_VERSION || h.nlabels != SR_NER_NLABELS || !h.nslots ||
        (h.nslots & (h.nslots - 1)) || h.nfeat >= h.nslots || h.pad != SR_NERW_LAYOUT ||
        len != sizeof h + (size_t)h.nslots * (4 + 2 * SR_NER_NLABELS))
        return false;
    m->ner_fps = (const uint32_t *)(const void *)(p + sizeof h);
    m->ner_w = (const int16_t *)(const void *)(p + sizeof h + (size_t)h.nslots * 4);
    uint32_t used = 0;
    for (uint32_t b = 0; b < h.nslots; b++)
        used += m->ner_fps[b] != 0;
    if (used != h.nfeat)
        return false;
    m->ner_nfeat = h.nfeat;
    m->ner_mask = h.nslots - 1;
    m->ner_scale = h.scale;
    ner_tables(m);
    return true;
}

void sr_ner_add_scores(const sitrep_model *m, const uint64_t *f, uint32_t n, int32_t *score)
{
    if (m->ner_nfeat)
        add_scores(m, f, n, score);
}

/* The summed weights of word features of token j in part `which`, through
 * the extractor's cache. */
/* A word's key in the extractor's cache of word vectors. */
static inline uint64_t word_key(const nertok *t) { return (t->w ^ ((uint64_t)t->flags << 56)) | 1; }

static const int32_t *word_vector(const sr_nerprep *p, uint32_t j, sr_nercache_entry *tmp)
{
    const nertok *t = &p->t[j];
    uint64_t key = word_key(t);
    sr_nercache_entry *e = p->d->lexcache ? &p->d->lexcache->n[(key >> 40) % SR_NERCACHE_SIZE] : tmp;
    if (e->key != key) {
        memset(e, 0, sizeof *e);
        e->key = key;
        uint64_t f[32];
        for (int w = 0; w < WV__COUNT; w++)
            add_scores(p->m, f, word_feats(p, j, w, f), e->v[w]);
    }
    return &e->v[0][0];
}

/* Asks for the home slots of features f (fingerprint and weights) ahead
 * of their use: the weights of a token are spread over a few megabytes. */
static inline void prefetch_slots(const sitrep_model *m, const uint64_t *f, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        uint32_t b = (uint32_t)(f[k] >> 32) & m->ner_mask;
        __builtin_prefetch(&m->ner_fps[b]);
        __builtin_prefetch(&m->ner_w[(size_t)b * SR_NER_NLABELS]);
    }
}

sitrep_status sr_ner_run(sr_doc *d, const sitrep_model *m)
{
    d->ner = sr_arena_calloc(d->arena, d->tokens.n + 1, 1);
    if (!d->ner)
        return SITREP_ENOMEM;
    if (!m || !m->ner_nfeat || !d->tokens.n)
        return SITREP_OK;
    sr_nerprep *p = sr_ner_prepare(d->arena, d, m);
    if (!p)
        return SITREP_ENOMEM;
    uint64_t f[SR_NER_MAXFEAT], ctx[2][SR_NER_MAXFEAT], dyn[SR_NER_MAXFEAT];
    uint32_t nctx[2], ndyn = UINT32_MAX;
    int32_t edge[WV__COUNT][SR_NER_NLABELS] = {{0}};
    for (int w = 1; w < WV__COUNT; w++)
        add_scores(m, f, edge_feats(w, f), edge[w]);
    sr_nercache_entry tmp;
    /* The context features of the next token are computed, and their
     * weights fetched from memory, while this one is scored (unless it will
     * likely be skipped). */
    nctx[0] = UINT32_MAX;
    if (!(p->t[0].flags & NF_PLAIN)) {
        nctx[0] = context_feats(p, 0, ctx[0], false);
        prefetch_slots(m, ctx[0], nctx[0]);
    }
    for (uint32_t i = 0; i < p->n; i++) {
        int cur = i & 1;
        /* the word vector that enters the window next */
        if (i + 3 < p->n && d->lexcache) {
            uint64_t key = word_key(&p->t[i + 3]);
            const char *e = (const char *)&d->lexcache->n[(key >> 40) % SR_NERCACHE_SIZE];
            __builtin_prefetch(e);
            __builtin_prefetch(e + 64);
            __builtin_prefetch(e + 128);
        }
        nctx[!cur] = UINT32_MAX;
        if (i + 1 < p->n && !(p->t[i + 1].flags & NF_PLAIN)) {
            nctx[!cur] = context_feats(p, i + 1, ctx[!cur], false);
            prefetch_slots(m, ctx[!cur], nctx[!cur]);
        }
        int y1 = i > p->t[i].unit ? d->ner[i - 1] : -1;
        int y2 = i > p->t[i].unit + 1 ? d->ner[i - 2] : -1;
        if (sr_ner_skip(p, i, y1)) {
            d->ner[i] = 0;
            ndyn = UINT32_MAX;
            continue;
        }
        if (nctx[cur] == UINT32_MAX)
            nctx[cur] = context_feats(p, i, ctx[cur], false);
        const nertok *t = &p->t[i];
        const int32_t *rows[5] = {
            m->ner_pos[0][pos_before(p, i)], m->ner_pos[1][t->pos], m->ner_pos[2][pos_after(p, i)],
            m->ner_case[(t->flags & NF_WORD) ? doc_case(p, i) : 16], m->ner_prev[y2 + 1][y1 + 1]};
        int32_t score[SR_NER_NLABELS];
        for (int l = 0; l < SR_NER_NLABELS; l++)
            score[l] = rows[0][l] + rows[1][l] + rows[2][l] + rows[3][l] + rows[4][l];
        if (t->flags & NF_WORD) {
            const docword *w = &p->words[t->slot];
            for (int ty = 1; ty <= 4; ty++)
                if (w->hist[ty])
                    for (int l = 0; l < SR_NER_NLABELS; l++)
                        score[l] += m->ner_hist[ty][l];
        }
        add_scores(m, ctx[cur], nctx[cur], score);
        for (int w = 0; w < WV__COUNT; w++) {
            uint32_t j = word_at(p, i, w);
            const int32_t *v = j == UINT32_MAX ? edge[w] : word_vector(p, j, &tmp) + w * SR_NER_NLABELS;
            for (int l = 0; l < SR_NER_NLABELS; l++)
                score[l] += v[l];
        }
        if (ndyn == UINT32_MAX)
            ndyn = dynamic_feats(p, i, y1, y2, dyn, false);
        add_scores(m, dyn, ndyn, score);
        ndyn = UINT32_MAX;
        int best = 0;
        for (int l = 1; l < SR_NER_NLABELS; l++)
            if (score[l] > score[best] && sr_ner_allowed(y1 < 0 ? 0 : y1, l))
                best = l;
        d->ner[i] = (uint8_t)best;
        sr_ner_observe(p, i, best);
        /* the next token's label features are known now: ask for them */
        uint32_t k = i + 1;
        if (k < p->n && k > p->t[k].unit && !sr_ner_skip(p, k, best)) {
            ndyn = dynamic_feats(p, k, best, k > p->t[k].unit + 1 ? d->ner[i - 1] : -1, dyn, false);
            prefetch_slots(m, dyn, ndyn);
        }
    }
    return SITREP_OK;
}
