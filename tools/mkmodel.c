/*
 * mkmodel.c: the model compiler, run by the build.
 * usage: mkmodel OUT.model TAGGER_DIR WORDNET_DIR
 *
 * Reads Debian's data and writes one sitrep model file (model_format.h):
 *   TAGGER_DIR   liblingua-en-tagger-perl: words.yml (word -> tag counts),
 *                tags.yml (tag -> next-tag probabilities)
 *   WORDNET_DIR  wordnet-base: index.{noun,verb,adj,adv}, {noun,verb,adj,adv}.exc
 * Sections: TGNM tag names (Penn Treebank), TRAN and TSTA transitions,
 * EMIS emission records, LEXH known words, SUFH unknown-word model,
 * WNIX WordNet lemmas, WNEX exceptions, STRS strings, INFO provenance.
 * Output is deterministic: same inputs, same bytes.  A malformed input line
 * stops the build with FILE:LINE: message.
 */
#include "model_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define MAXT SR_MAX_TAGS
/* Words seen at most this often stand in for unknown words. */
#define RARE 10
/* A suffix key needs this many rare words behind it. */
#define MIN_SUFFIX_WORDS 5

static const char *tagger_dir, *wordnet_dir;

static void die(const char *file, long line, const char *msg)
{
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
    exit(1);
}

/* Lingua's tag names -> Penn Treebank. */
static const char *ptb_name(const char *t)
{
    static const struct { const char *from, *to; } map[] = {
        {"det", "DT"},  {"ppc", ","},     {"pp", "."},      {"pps", ":"},  {"ppl", "``"},
        {"ppr", "''"},  {"lrb", "-LRB-"}, {"rrb", "-RRB-"}, {"prps", "PRP$"}, {"wps", "WP$"},
        {"ppd", "$"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(t, map[i].from) == 0)
            return map[i].to;
    static char up[8];
    size_t n = strlen(t);
    if (n >= sizeof up)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        up[i] = (char)(t[i] >= 'a' && t[i] <= 'z' ? t[i] - 32 : t[i]);
    return up;
}

/* ---- tags --------------------------------------------------------------- */

static char lingua[MAXT][8]; /* Lingua names, in tags.yml order */
static int ntags;

static int tag_index(const char *name, size_t n)
{
    for (int t = 0; t < ntags; t++)
        if (strlen(lingua[t]) == n && memcmp(lingua[t], name, n) == 0)
            return t;
    return -1;
}

/* Reads "{ a: 1, b: 2 }" pairs after `p`; calls back with (tag, value). */
static int pairs(const char *file, long ln, const char *p, int *tags, double *vals, int max)
{
    const char *b = strchr(p, '{');
    if (!b || !strchr(b, '}'))
        die(file, ln, "expected { tag: value, ... }");
    int n = 0;
    p = b + 1;
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '}')
            break;
        const char *k = p;
        while (*p && *p != ':' && *p != '}')
            p++;
        if (*p != ':')
            die(file, ln, "expected tag: value");
        int t = tag_index(k, (size_t)(p - k));
        if (t < 0)
            die(file, ln, "unknown tag");
        char *end;
        double v = strtod(p + 1, &end);
        if (end == p + 1)
            die(file, ln, "expected a number");
        if (n == max)
            die(file, ln, "too many tags");
        tags[n] = t;
        vals[n] = v;
        n++;
        p = end;
    }
    return n;
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, 0, "cannot open (is the Debian package installed? see scripts/setup.sh)");
    return f;
}

static double trans[MAXT][MAXT];

static void read_tags(void)
{
    char path[4096], line[8192];
    FILE *f = open_in(tagger_dir, "tags.yml", path, sizeof path);
    /* First pass: the tag names, in file order. */
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '-' || line[0] == '\n')
            continue;
        char *c = strchr(line, ':');
        if (!c || c - line >= 8 || ntags == MAXT)
            die(path, 0, "unexpected line");
        memcpy(lingua[ntags], line, (size_t)(c - line));
        lingua[ntags][c - line] = 0;
        ntags++;
    }
    rewind(f);
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '-' || line[0] == '\n')
            continue;
        char *c = strchr(line, ':');
        int prev = tag_index(line, (size_t)(c - line));
        int tags[MAXT];
        double v[MAXT];
        int n = pairs(path, ln, c + 1, tags, v, MAXT);
        for (int t = 0; t < ntags; t++)
            trans[prev][t] = 1e-7;
        for (int i = 0; i < n; i++)
            if (v[i] > trans[prev][tags[i]])
                trans[prev][tags[i]] = v[i];
    }
    fclose(f);
}

/* ---- words --------------------------------------------------------------- */

typedef struct word {
    char *w;
    int n;
    int tags[MAXT];
    double counts[MAXT];
} word;

static word *words;
static size_t nwords, capwords;
static double tag_total[MAXT], grand_total;

/* Parses a YAML key: bare, or "..." with \\ and \" escapes. */
static char *yaml_key(const char *file, long ln, char *p, char **rest)
{
    if (*p == '"') {
        char *o = p, *s = p + 1;
        while (*s && *s != '"') {
            if (*s == '\\' && s[1])
                s++;
            *o++ = *s++;
        }
        if (*s != '"')
            die(file, ln, "unterminated key");
        *o = 0;
        *rest = s + 1;
        return p;
    }
    char *c = strstr(p, ": {");
    if (!c)
        die(file, ln, "expected KEY: { ... }");
    *c = 0;
    *rest = c + 1;
    return p;
}

static void read_words(void)
{
    char path[4096], line[8192];
    FILE *f = open_in(tagger_dir, "words.yml", path, sizeof path);
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '-' || line[0] == '\n')
            continue;
        char *rest;
        char *key = yaml_key(path, ln, line, &rest);
        if (nwords == capwords) {
            capwords = capwords ? capwords * 2 : 65536;
            words = realloc(words, capwords * sizeof *words);
            if (!words)
                die(path, ln, "out of memory");
        }
        word *w = &words[nwords++];
        w->w = strdup(key);
        w->n = pairs(path, ln, rest, w->tags, w->counts, MAXT);
        for (int i = 0; i < w->n; i++) {
            tag_total[w->tags[i]] += w->counts[i];
            grand_total += w->counts[i];
        }
    }
    fclose(f);
}

/* ---- a build-time map: string -> index ------------------------------- */

typedef struct smap {
    char **keys;
    uint32_t *slots; /* index + 1 */
    size_t n, cap, nslots;
} smap;

static size_t smap_get(smap *m, const char *k, size_t kl, bool add, bool *added)
{
    if (m->n * 2 + 2 >= m->nslots) {
        size_t ns = m->nslots ? m->nslots * 2 : 1 << 16;
        uint32_t *sl = calloc(ns, sizeof *sl);
        for (size_t i = 0; i < m->n; i++) {
            size_t h = sr_hash_bytes(m->keys[i], strlen(m->keys[i])) & (ns - 1);
            while (sl[h])
                h = (h + 1) & (ns - 1);
            sl[h] = (uint32_t)i + 1;
        }
        free(m->slots);
        m->slots = sl;
        m->nslots = ns;
    }
    size_t h = sr_hash_bytes(k, kl) & (m->nslots - 1);
    while (m->slots[h]) {
        const char *o = m->keys[m->slots[h] - 1];
        if (strlen(o) == kl && memcmp(o, k, kl) == 0) {
            if (added)
                *added = false;
            return m->slots[h] - 1;
        }
        h = (h + 1) & (m->nslots - 1);
    }
    if (!add)
        return SIZE_MAX;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 1024;
        m->keys = realloc(m->keys, m->cap * sizeof *m->keys);
    }
    m->keys[m->n] = strndup(k, kl);
    m->slots[h] = (uint32_t)m->n + 1;
    if (added)
        *added = true;
    return m->n++;
}

/* ---- output tables ----------------------------------------------------- */

static uint32_t *emis;
static size_t nemis, capemis;

static void emis_push(uint32_t v)
{
    if (nemis == capemis) {
        capemis = capemis ? capemis * 2 : 1 << 16;
        emis = realloc(emis, capemis * sizeof *emis);
    }
    emis[nemis++] = v;
}

#define NO_LEMMA 0xFFFFFFFFu

/* Appends a record of (tag, value, lemma) triples, best first, at most 8.
 * lemmas may be NULL (unknown-word records). */
static uint32_t emis_record(int n, const int *tags, const double *vals, const uint32_t *lemmas)
{
    int order[MAXT];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++) /* insertion sort, best first; stable */
        for (int j = i; j > 0 && vals[order[j]] > vals[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    if (n > 8)
        n = 8;
    uint32_t at = (uint32_t)nemis;
    emis_push((uint32_t)n);
    for (int i = 0; i < n; i++) {
        float f = (float)vals[order[i]];
        uint32_t bits;
        memcpy(&bits, &f, 4);
        emis_push((uint32_t)tags[order[i]]);
        emis_push(bits);
        emis_push(lemmas ? lemmas[order[i]] : NO_LEMMA);
    }
    return at;
}

static char shape_class(const char *w, size_t n)
{
    bool digit = false, hyphen = false, upper0 = w[0] >= 'A' && w[0] <= 'Z', lower = false;
    size_t uppers = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (ch >= '0' && ch <= '9') digit = true;
        else if (ch == '-') hyphen = true;
        else if (ch >= 'a' && ch <= 'z') lower = true;
        else if (ch >= 'A' && ch <= 'Z') uppers++;
    }
    if (digit) return 'D';
    if (hyphen) return 'H';
    if (uppers >= 2 && !lower) return 'A';
    if (upper0) return 'C';
    return 'L';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp(((const word *)a)->w, ((const word *)b)->w);
}

static bool add_section_hash(sr_model_writer *mw, const char *tag, sr_hashb *h)
{
    void *sec;
    size_t len;
    if (!sr_hashb_section(h, &sec, &len))
        return false;
    bool ok = sr_mw_add(mw, tag, sec, len);
    free(sec);
    return ok;
}

static smap wn_lemmas;      /* lemma -> index into wn_bits */
static uint32_t *wn_bits;
static smap wn_exc_keys;    /* "p:form" -> index into wn_exc_lemma */
static char **wn_exc_lemma;

/* WordNet: lemma -> POS bits from the indexes; "p:form" -> lemma from the
 * exception lists. */
static void read_wordnet(sr_strpool *pool, sr_hashb *wnix, sr_hashb *wnex)
{
    static const char *const pos_name[] = {"noun", "verb", "adj", "adv"};
    static const char pos_letter[] = {'n', 'v', 'a', 'r'};
    smap lemmas = {0};
    uint32_t *bits = NULL;
    size_t capbits = 0;
    char path[4096], line[65536];
    for (int p = 0; p < 4; p++) {
        char name[32];
        snprintf(name, sizeof name, "index.%s", pos_name[p]);
        FILE *f = open_in(wordnet_dir, name, path, sizeof path);
        while (fgets(line, sizeof line, f)) {
            if (line[0] == ' ')
                continue; /* licence header */
            char *sp = strchr(line, ' ');
            if (!sp)
                continue;
            bool added;
            size_t ix = smap_get(&lemmas, line, (size_t)(sp - line), true, &added);
            if (ix >= capbits) {
                capbits = capbits ? capbits * 2 : 1 << 17;
                bits = realloc(bits, capbits * sizeof *bits);
            }
            if (added)
                bits[ix] = 0;
            bits[ix] |= 1u << p;
        }
        fclose(f);
    }
    /* Sorted, for a deterministic file. */
    char **keys = malloc(lemmas.n * sizeof *keys);
    memcpy(keys, lemmas.keys, lemmas.n * sizeof *keys);
    qsort(keys, lemmas.n, sizeof *keys, cmp_str);
    for (size_t i = 0; i < lemmas.n; i++) {
        size_t ix = smap_get(&lemmas, keys[i], strlen(keys[i]), false, NULL);
        if (!sr_hashb_put(wnix, pool, keys[i], strlen(keys[i]), bits[ix]))
            die("WNIX", 0, "out of memory");
    }
    free(keys);
    smap seen = {0};
    for (int p = 0; p < 4; p++) {
        char name[32];
        snprintf(name, sizeof name, "%s.exc", pos_name[p]);
        FILE *f = open_in(wordnet_dir, name, path, sizeof path);
        long ln = 0;
        while (fgets(line, sizeof line, f)) {
            ln++;
            char form[256], lemma[256];
            if (sscanf(line, "%255s %255s", form, lemma) != 2)
                die(path, ln, "expected FORM LEMMA");
            char key[300];
            snprintf(key, sizeof key, "%c:%s", pos_letter[p], form);
            bool added;
            smap_get(&seen, key, strlen(key), true, &added);
            if (!added)
                continue; /* the first lemma listed wins */
            uint32_t off;
            if (!sr_strpool_add(pool, lemma, strlen(lemma), &off) ||
                !sr_hashb_put(wnex, pool, key, strlen(key), off))
                die(path, ln, "out of memory");
            size_t ix = smap_get(&seen, key, strlen(key), false, NULL);
            wn_exc_lemma = realloc(wn_exc_lemma, (seen.n + 1) * sizeof *wn_exc_lemma);
            wn_exc_lemma[ix] = strdup(lemma);
        }
        fclose(f);
    }
    wn_lemmas = lemmas;
    wn_bits = bits;
    wn_exc_keys = seen;
}

/* ---- build-time lemmas (the same rules as src/lemma.c) ------------------ */


static bool wn_has(const char *w, size_t n, unsigned pos)
{
    size_t ix = smap_get(&wn_lemmas, w, n, false, NULL);
    return ix != SIZE_MAX && (wn_bits[ix] & pos);
}

/* The lemma of word w with Penn tag `tag`, written to out; false when the
 * lemma is the word itself lower-cased, or the tag has no WordNet part of
 * speech (and for proper nouns, which are their own lemma). */
static bool lemma_for(const char *w, const char *tag, char *out, size_t cap)
{
    static const char *const nrules[][2] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                            {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
                                            {"ies", "y"}, {NULL, NULL}};
    static const char *const vrules[][2] = {{"s", ""},  {"ies", "y"}, {"es", "e"},  {"es", ""},
                                            {"ed", "e"}, {"ed", ""},  {"ing", "e"}, {"ing", ""},
                                            {NULL, NULL}};
    static const char *const arules[][2] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
                                            {NULL, NULL}};
    unsigned pos;
    char letter;
    const char *const(*rules)[2];
    if (tag[0] == 'N' && tag[1] == 'N') {
        if (tag[2] == 'P' && tag[3] != 'S')
            return false;
        pos = 1, letter = 'n', rules = nrules;
    } else if (tag[0] == 'V' && tag[1] == 'B') {
        pos = 2, letter = 'v', rules = vrules;
    } else if (tag[0] == 'J' && tag[1] == 'J') {
        pos = 4, letter = 'a', rules = arules;
    } else if (tag[0] == 'R' && tag[1] == 'B') {
        pos = 8, letter = 'r', rules = NULL;
    } else {
        return false;
    }
    size_t n = strlen(w);
    char low[256], key[260];
    if (n + 1 >= sizeof low)
        return false;
    for (size_t k = 0; k <= n; k++)
        low[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
    snprintf(key, sizeof key, "%c:%s", letter, low);
    size_t ex = smap_get(&wn_exc_keys, key, strlen(key), false, NULL);
    const char *res = NULL;
    char cand[256];
    if (ex != SIZE_MAX) {
        res = wn_exc_lemma[ex];
    } else if (wn_has(low, n, pos)) {
        res = low;
    } else {
        for (int r = 0; rules && rules[r][0]; r++) {
            size_t ls = strlen(rules[r][0]), lr = strlen(rules[r][1]);
            if (n <= ls || memcmp(low + n - ls, rules[r][0], ls) != 0 || n - ls + lr >= sizeof cand)
                continue;
            memcpy(cand, low, n - ls);
            memcpy(cand + n - ls, rules[r][1], lr + 1);
            if (wn_has(cand, n - ls + lr, pos)) {
                res = cand;
                break;
            }
        }
    }
    if (!res || strcmp(res, low) == 0 || strlen(res) >= cap)
        return false;
    strcpy(out, res);
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mkmodel OUT.model TAGGER_DIR WORDNET_DIR\n");
        return 1;
    }
    tagger_dir = argv[2];
    wordnet_dir = argv[3];
    read_tags();
    read_words();
    qsort(words, nwords, sizeof *words, cmp_word);

    sr_strpool pool = {0};
    sr_model_writer *mw = sr_mw_new();
    char names[MAXT][8];
    memset(names, 0, sizeof names);
    for (int t = 0; t < ntags; t++) {
        const char *p = ptb_name(lingua[t]);
        if (!p)
            die("tags.yml", 0, "tag name too long");
        memcpy(names[t], p, strlen(p));
    }
    float tr[MAXT * MAXT], st[MAXT];
    int pp = tag_index("pp", 2);
    if (pp < 0)
        die("tags.yml", 0, "no sentence-end tag pp");
    for (int a = 0; a < ntags; a++) {
        st[a] = (float)log(trans[pp][a]);
        for (int b = 0; b < ntags; b++)
            tr[a * ntags + b] = (float)log(trans[a][b]);
    }
    sr_mw_add(mw, "TGNM", names, (size_t)ntags * 8);
    sr_mw_add(mw, "TRAN", tr, (size_t)ntags * ntags * sizeof(float));
    sr_mw_add(mw, "TSTA", st, (size_t)ntags * sizeof(float));

    sr_hashb wnix = {0}, wnex = {0};
    read_wordnet(&pool, &wnix, &wnex);

    /* Known words: log P(word | tag), and the word's lemma for that tag
     * (WordNet morphology, done here once instead of per token). */
    sr_hashb lexh = {0};
    smap lemma_strs = {0};
    uint32_t *lemma_off = NULL;
    size_t cap_lo = 0;
    for (size_t i = 0; i < nwords; i++) {
        word *w = &words[i];
        double v[MAXT];
        uint32_t lem[MAXT];
        for (int k = 0; k < w->n; k++) {
            v[k] = log(w->counts[k] / tag_total[w->tags[k]]);
            lem[k] = NO_LEMMA;
            char out[256];
            if (!lemma_for(w->w, names[w->tags[k]], out, sizeof out))
                continue;
            bool added;
            size_t ix = smap_get(&lemma_strs, out, strlen(out), true, &added);
            if (ix >= cap_lo) {
                cap_lo = cap_lo ? cap_lo * 2 : 1 << 15;
                lemma_off = realloc(lemma_off, cap_lo * sizeof *lemma_off);
            }
            if (added && !sr_strpool_add(&pool, out, strlen(out), &lemma_off[ix]))
                die("STRS", 0, "out of memory");
            lem[k] = lemma_off[ix];
        }
        uint32_t rec = emis_record(w->n, w->tags, v, lem);
        if (!sr_hashb_put(&lexh, &pool, w->w, strlen(w->w), rec))
            die("LEXH", 0, "out of memory");
    }

    /* Unknown words: rare words by shape class and suffix. */
    smap keys = {0};
    double (*cnt)[MAXT] = NULL;
    size_t *types = NULL, capk = 0;
    for (size_t i = 0; i < nwords; i++) {
        word *w = &words[i];
        double total = 0;
        for (int k = 0; k < w->n; k++)
            total += w->counts[k];
        size_t n = strlen(w->w);
        bool alpha = false;
        for (size_t q = 0; q < n; q++)
            if ((w->w[q] | 0x20) >= 'a' && (w->w[q] | 0x20) <= 'z')
                alpha = true;
        if (total > RARE || !alpha || w->w[0] == '*')
            continue;
        char key[8];
        key[0] = shape_class(w->w, n);
        for (size_t k = 0; k <= 5 && k <= n; k++) {
            for (size_t q = 0; q < k; q++) {
                char ch = w->w[n - k + q];
                key[1 + q] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
            }
            bool added;
            size_t ix = smap_get(&keys, key, k + 1, true, &added);
            if (ix >= capk) {
                capk = capk ? capk * 2 : 1 << 15;
                cnt = realloc(cnt, capk * sizeof *cnt);
                types = realloc(types, capk * sizeof *types);
            }
            if (added) {
                memset(cnt[ix], 0, sizeof cnt[ix]);
                types[ix] = 0;
            }
            types[ix]++;
            for (int q = 0; q < w->n; q++)
                cnt[ix][w->tags[q]] += w->counts[q];
        }
    }
    char **sorted = malloc(keys.n * sizeof *sorted);
    memcpy(sorted, keys.keys, keys.n * sizeof *sorted);
    qsort(sorted, keys.n, sizeof *sorted, cmp_str);
    sr_hashb sufh = {0};
    for (size_t i = 0; i < keys.n; i++) {
        size_t ix = smap_get(&keys, sorted[i], strlen(sorted[i]), false, NULL);
        if (types[ix] < MIN_SUFFIX_WORDS)
            continue;
        double tot = 0;
        for (int t = 0; t < ntags; t++)
            tot += cnt[ix][t];
        int tags[MAXT];
        double v[MAXT];
        int n = 0;
        for (int t = 0; t < ntags; t++) {
            double p = cnt[ix][t] / tot;
            if (p < 0.01)
                continue;
            tags[n] = t;
            v[n] = log(p) - log(tag_total[t] / grand_total);
            n++;
        }
        if (!n)
            continue;
        uint32_t rec = emis_record(n, tags, v, NULL);
        if (!sr_hashb_put(&sufh, &pool, sorted[i], strlen(sorted[i]), rec))
            die("SUFH", 0, "out of memory");
    }
    free(sorted);

    char info[1024];
    snprintf(info, sizeof info,
             "sitrep model, format %u\ngenerator: tools/mkmodel.c\n"
             "tagger: %s (%zu words, %d tags)\nwordnet: %s (%zu lemmas, %zu exceptions)\n",
             SR_MODEL_VERSION, tagger_dir, nwords, ntags, wordnet_dir, wnix.n, wnex.n);
    if (!add_section_hash(mw, "LEXH", &lexh) || !add_section_hash(mw, "SUFH", &sufh) ||
        !add_section_hash(mw, "WNIX", &wnix) || !add_section_hash(mw, "WNEX", &wnex) ||
        !sr_mw_add(mw, "EMIS", emis, nemis * sizeof *emis) ||
        !sr_mw_add(mw, "STRS", pool.p, pool.n) || !sr_mw_add(mw, "INFO", info, strlen(info)))
        die(argv[1], 0, "out of memory");
    char err[512];
    if (!sr_mw_write(mw, argv[1], err, sizeof err))
        die(argv[1], 0, err);
    fprintf(stderr, "mkmodel: %s: %zu words, %zu suffix keys, %zu lemmas, %zu exceptions\n", argv[1],
            lexh.n, sufh.n, wnix.n, wnex.n);
    sr_mw_free(mw);
    return 0;
}
