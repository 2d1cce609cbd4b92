/*
 * lexicon.c: our lexicon files (the .lex files in data/lexicons) and users' own
 * (--lexicon FILE): parsing, with FILE:LINE errors, and compiling into the
 * lexicon sections of a model (model_format.h).  The model compiler and a
 * run-time overlay use the same code, so a user's file behaves exactly as
 * if it had been compiled in.
 *
 * Line format:  NAME | ALIAS | ... => KIND key=value ...
 *   KIND: actor, demonym, role, title, personrole, orgcue, place, event
 *   keys: code, country (ISO 3166-1 alpha-3), sector, type, group, and
 *         name (last: it takes the rest of the line); for events cameo,
 *         plover, mode, acled, pos (verb or noun), voice (inverse)
 * Event names are lemmas ("attack", "open fire", "air strike"): the event
 * stage looks them up by the lemmas of the text's words.
 * An alias in capitals (IS, SDF) matches only in capitals.
 */
#include "model/lexicon.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_ALIASES 64
#define MAX_KEY_TOKENS 8

static const char *const kind_names[SR_LEX__MAX] = {
    NULL, "actor", "demonym", "role", "title", "personrole", "orgcue", "place", "event",
};

/* The names of the ACLED classes in lexicon files (acled=...). */
const char *const sr_acled_class_names[SR_AC__MAX] = {
    "none",   "clash",  "attack",   "air",      "shell", "ied",   "grenade",  "suicide",
    "chemical", "abduct", "sexual", "protest",  "riot",  "mob",   "arrest",   "loot",
    "agree",  "base",   "transfer", "capture",  "disrupt", "change", "other",
};

static const char *const plover_types[] = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NULL};

const char *sr_lex_kind_name(int kind)
{
    return kind > 0 && kind < SR_LEX__MAX ? kind_names[kind] : "?";
}

/* Keys, and per key: whether longer keys start with it, and the records
 * under it (arrays parallel to keys.keys). */
struct sr_lexbuild {
    sr_strpool pool;
    sr_lex_rec *recs;
    size_t nrecs, caprecs;
    sr_strmap keys;
    bool *prefix;
    uint32_t **lists;
    uint32_t *nlist;
    size_t capkeys;
};

/* The index of a key, added (with empty per-key data) when new;
 * SIZE_MAX when out of memory. */
static size_t key_index(sr_lexbuild *b, const char *k, size_t kl)
{
    bool added;
    size_t ix = sr_strmap_get(&b->keys, k, kl, true, &added);
    if (ix == SIZE_MAX || !added)
        return ix;
    if (ix >= b->capkeys) {
        size_t cap = b->capkeys ? b->capkeys * 2 : 256;
        bool *pre = realloc(b->prefix, cap * sizeof *pre);
        if (pre)
            b->prefix = pre;
        uint32_t **lists = realloc(b->lists, cap * sizeof *lists);
        if (lists)
            b->lists = lists;
        uint32_t *nl = realloc(b->nlist, cap * sizeof *nl);
        if (nl)
            b->nlist = nl;
        if (!pre || !lists || !nl)
            return SIZE_MAX;
        b->capkeys = cap;
    }
    b->prefix[ix] = false;
    b->lists[ix] = NULL;
    b->nlist[ix] = 0;
    return ix;
}

sr_lexbuild *sr_lexbuild_new(void)
{
    return calloc(1, sizeof(sr_lexbuild));
}

void sr_lexbuild_free(sr_lexbuild *b)
{
    if (!b)
        return;
    free(b->pool.p);
    free(b->recs);
    for (size_t i = 0; i < b->keys.n; i++)
        free(b->lists[i]);
    sr_strmap_free(&b->keys);
    free(b->prefix);
    free(b->lists);
    free(b->nlist);
    free(b);
}

size_t sr_lexbuild_count(const sr_lexbuild *b)
{
    return b->nrecs;
}

static bool fail(char *err, size_t errn, const char *file, long line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errn, "%s:%ld: %s", file, line, msg);
    return false;
}

/* The matching key of a phrase: its space-separated tokens, lower-cased
 * (ASCII), curly apostrophes straightened, joined by one space. */
size_t sr_lex_key(const char *s, size_t n, char *out, size_t cap, int *ntok)
{
    size_t o = 0;
    int t = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') {
            in = false;
            continue;
        }
        if (!in) {
            if (o && o + 1 < cap)
                out[o++] = ' ';
            t++;
            in = true;
        }
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            c = '\'';
            i += 2;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (o + 1 < cap)
            out[o++] = (char)c;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = 0;
    if (ntok)
        *ntok = t;
    return o;
}

static bool all_caps(const char *s, size_t n)
{
    size_t upper = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        upper += s[i] >= 'A' && s[i] <= 'Z';
    }
    return upper >= 1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    *e = 0;
    return s;
}

static bool set_field(char *dst, size_t cap, const char *v, size_t want_len, bool upper)
{
    size_t n = strlen(v);
    if (n == 0 || n >= cap || (want_len && n != want_len))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        bool ok = (c >= 'A' && c <= 'Z') || (!upper && ((c >= '0' && c <= '9') || c == '_'));
        if (!ok)
            return false;
    }
    memcpy(dst, v, n + 1);
    return true;
}

bool sr_lexbuild_add_line(sr_lexbuild *b, const char *text, size_t len, const char *file, long ln,
                          char *err, size_t errn)
{
    char line[2048];
    if (len >= sizeof line)
        return fail(err, errn, file, ln, "line longer than %zu bytes", sizeof line - 1);
    if (len)
        memcpy(line, text, len);
    line[len] = 0;
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    char *s = trim(line);
    if (!*s)
        return true;
    char *arrow = strstr(s, "=>");
    if (!arrow)
        return fail(err, errn, file, ln, "expected NAME | ALIAS ... => KIND key=value ...");
    *arrow = 0;
    char *names = trim(s), *rest = trim(arrow + 2);
    /* name= takes the rest of the line: names may have spaces */
    const char *canonical = NULL;
    char *nm = strstr(rest, "name=");
    if (nm && (nm == rest || nm[-1] == ' ' || nm[-1] == '\t')) {
        *nm = 0;
        canonical = trim(nm + 5);
        if (!*canonical)
            return fail(err, errn, file, ln, "empty name=");
    }
    sr_lex_rec proto;
    memset(&proto, 0, sizeof proto);
    char *save = NULL;
    char *kind = strtok_r(rest, " \t", &save);
    int k = 0;
    for (int i = 1; kind && i < SR_LEX__MAX; i++)
        if (strcmp(kind, kind_names[i]) == 0)
            k = i;
    if (!k)
        return fail(err, errn, file, ln, "unknown kind '%s' (actor, demonym, role, title, "
                                         "personrole, orgcue, place, event)", kind ? kind : "");
    proto.kind = (uint8_t)k;
    for (char *kv; (kv = strtok_r(NULL, " \t", &save));) {
        char *eq = strchr(kv, '=');
        if (!eq)
            return fail(err, errn, file, ln, "expected key=value, got '%s'", kv);
        *eq = 0;
        const char *v = eq + 1;
        bool ok;
        if (strcmp(kv, "code") == 0)
            ok = set_field(proto.code, sizeof proto.code, v, 0, false);
        else if (strcmp(kv, "country") == 0)
            ok = set_field(proto.country, sizeof proto.country, v, 3, true);
        else if (strcmp(kv, "sector") == 0)
            ok = set_field(proto.sector, sizeof proto.sector, v, 3, true);
        else if (strcmp(kv, "type") == 0)
            ok = set_field(proto.type, sizeof proto.type, v, 0, true);
        else if (strcmp(kv, "group") == 0)
            ok = set_field(proto.group, sizeof proto.group, v, 3, true);
        else if (strcmp(kv, "cameo") == 0) {
            ok = strlen(v) >= 2 && strlen(v) <= 4 && strspn(v, "0123456789") == strlen(v);
            if (ok)
                memcpy(proto.code, v, strlen(v) + 1);
        } else if (strcmp(kv, "plover") == 0) {
            ok = false;
            for (int t = 0; plover_types[t]; t++)
                ok |= strcmp(v, plover_types[t]) == 0;
            if (ok)
                memcpy(proto.plover, v, strlen(v) + 1);
        } else if (strcmp(kv, "mode") == 0) {
            ok = strlen(v) < sizeof proto.mode && strspn(v, "abcdefghijklmnopqrstuvwxyz-_") == strlen(v);
            if (ok)
                memcpy(proto.mode, v, strlen(v) + 1);
        } else if (strcmp(kv, "acled") == 0) {
            ok = false;
            for (int a = 1; a < SR_AC__MAX; a++)
                if (strcmp(v, sr_acled_class_names[a]) == 0)
                    proto.acled = (uint8_t)a, ok = true;
        } else if (strcmp(kv, "voice") == 0) {
            ok = strcmp(v, "inverse") == 0;
            proto.inverse = ok;
        } else if (strcmp(kv, "pos") == 0) {
            ok = strcmp(v, "verb") == 0 || strcmp(v, "noun") == 0;
            proto.pos = strcmp(v, "verb") == 0 ? SR_POS_VERB : SR_POS_NOUN;
        } else
            return fail(err, errn, file, ln, "unknown key '%s' (code, country, sector, type, "
                                             "group, name, cameo, plover, mode, acled, pos, voice)", kv);
        if (!ok)
            return fail(err, errn, file, ln, "bad value for %s: '%s'", kv, v);
    }
    if (k == SR_LEX_EVENT && (!proto.code[0] || !proto.plover[0]))
        return fail(err, errn, file, ln, "an event needs cameo= and plover=");
    /* The aliases. */
    char *alias[MAX_ALIASES];
    int na = 0;
    for (char *p = names;;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = 0;
        char *a = trim(p);
        if (!*a)
            return fail(err, errn, file, ln, "empty name between '|'");
        if (na == MAX_ALIASES)
            return fail(err, errn, file, ln, "more than %d names on one line", MAX_ALIASES);
        alias[na++] = a;
        if (!bar)
            break;
        p = bar + 1;
    }
    if (!canonical)
        canonical = alias[0];
    uint32_t name_off;
    if (!sr_strpool_add(&b->pool, canonical, strlen(canonical), &name_off))
        return fail(err, errn, file, ln, "out of memory");
    for (int i = 0; i < na; i++) {
        char key[512];
        int ntok;
        size_t kl = sr_lex_key(alias[i], strlen(alias[i]), key, sizeof key, &ntok);
        if (kl >= sizeof key - 1 || ntok > MAX_KEY_TOKENS)
            return fail(err, errn, file, ln, "name '%s' is too long (at most %d words)", alias[i],
                        MAX_KEY_TOKENS);
        if (b->nrecs == b->caprecs) {
            size_t cap = b->caprecs ? b->caprecs * 2 : 256;
            sr_lex_rec *r = realloc(b->recs, cap * sizeof *r);
            if (!r)
                return fail(err, errn, file, ln, "out of memory");
            b->recs = r;
            b->caprecs = cap;
        }
        sr_lex_rec *r = &b->recs[b->nrecs];
        *r = proto;
        r->name_off = name_off;
        r->ntok = (uint8_t)ntok;
        /* Acronyms match only in capitals; cue words and titles only as
         * written (capitalized), since "alliance" is no organization. */
        r->cased = all_caps(alias[i], strlen(alias[i])) ||
                   ((k == SR_LEX_ORGCUE || k == SR_LEX_TITLE) && alias[i][0] >= 'A' &&
                    alias[i][0] <= 'Z');
        /* Titles, roles of persons and cue words are classes, not
         * synonyms: each is its own name. */
        if ((k == SR_LEX_ORGCUE || k == SR_LEX_TITLE || k == SR_LEX_PERSONROLE) && i > 0 &&
            !sr_strpool_add(&b->pool, alias[i], strlen(alias[i]), &r->name_off))
            return fail(err, errn, file, ln, "out of memory");
        if (!sr_strpool_add(&b->pool, alias[i], strlen(alias[i]), &r->surface_off))
            return fail(err, errn, file, ln, "out of memory");
        /* the key, and every shorter prefix of it in tokens */
        size_t ki = key_index(b, key, kl);
        if (ki == SIZE_MAX)
            return fail(err, errn, file, ln, "out of memory");
        uint32_t *l = realloc(b->lists[ki], (b->nlist[ki] + 1) * sizeof *l);
        if (!l)
            return fail(err, errn, file, ln, "out of memory");
        l[b->nlist[ki]++] = (uint32_t)b->nrecs;
        b->lists[ki] = l;
        /* prefixes end where text may split the phrase into tokens: at
         * spaces, and before an apostrophe inside a word (People|'s) */
        for (size_t q = 0; q < kl; q++)
            if (key[q] == ' ' || (key[q] == '\'' && q > 0 && key[q - 1] != ' ')) {
                size_t pi = key_index(b, key, q);
                if (pi == SIZE_MAX)
                    return fail(err, errn, file, ln, "out of memory");
                b->prefix[pi] = true;
            }
        b->nrecs++;
    }
    return true;
}

size_t sr_lexbuild_widen_events(sr_lexbuild *b, sr_lex_synonyms_fn synonyms, void *ctx)
{
    size_t added = 0, n0 = b->nrecs;
    for (size_t r = 0; r < n0; r++) {
        /* one-word event verbs of our own: their WordNet synonyms join
         * them, where no entry has the word yet */
        if (b->recs[r].kind != SR_LEX_EVENT || b->recs[r].pos != SR_POS_VERB || b->recs[r].ntok != 1)
            continue;
        /* only acts of violence: a word's first sense is its everyday one,
         * and "demonstrate" or "regain" would bring "show" and "recover" */
        int a = b->recs[r].acled;
        if (a != SR_AC_CLASH && a != SR_AC_ATTACK && a != SR_AC_ABDUCT && a != SR_AC_SEXUAL &&
            a != SR_AC_AIR && a != SR_AC_SHELL && a != SR_AC_IED)
            continue;
        const char *lemma = b->pool.p + b->recs[r].surface_off;
        const char *const *words;
        size_t nw = synonyms(lemma, &words, ctx);
        for (size_t w = 0; w < nw; w++) {
            const char *syn = words[w];
            size_t sl = strlen(syn);
            if (!sl || sl > 40 || strpbrk(syn, " _-'") || strcmp(syn, lemma) == 0)
                continue;
            if (sr_strmap_get(&b->keys, syn, sl, false, NULL) != SIZE_MAX)
                continue; /* ours, or added already: ours win */
            if (b->nrecs == b->caprecs) {
                size_t cap = b->caprecs * 2;
                sr_lex_rec *nr = realloc(b->recs, cap * sizeof *nr);
                if (!nr)
                    return added;
                b->recs = nr;
                b->caprecs = cap;
            }
            sr_lex_rec *x = &b->recs[b->nrecs];
            *x = b->recs[r];
            if (!sr_strpool_add(&b->pool, syn, sl, &x->surface_off))
                return added;
            size_t ki = key_index(b, syn, sl);
            if (ki == SIZE_MAX)
                return added;
            uint32_t *l = realloc(b->lists[ki], (b->nlist[ki] + 1) * sizeof *l);
            if (!l)
                return added;
            l[b->nlist[ki]++] = (uint32_t)b->nrecs;
            b->lists[ki] = l;
            b->nrecs++;
            added++;
        }
    }
    return added;
}

bool sr_lexbuild_add_file(sr_lexbuild *b, const char *path, char *err, size_t errn)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(err, errn, path, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long ln = 0;
    bool ok = true;
    while (ok && (n = getline(&line, &cap, f)) >= 0) {
        ln++;
        ok = sr_lexbuild_add_line(b, line, (size_t)n, path, ln, err, errn);
    }
    free(line);
    fclose(f);
    return ok;
}

bool sr_lexbuild_sections(const sr_lexbuild *b, sr_lex_sections *out)
{
    memset(out, 0, sizeof *out);
    sr_strpool pool = b->pool;
    pool.p = malloc(b->pool.cap ? b->pool.cap : 1);
    if (!pool.p)
        return false;
    if (b->pool.n)
        memcpy(pool.p, b->pool.p, b->pool.n);
    /* lists: n, then record indexes; keys sorted for a deterministic file */
    size_t nl = 0;
    for (size_t i = 0; i < b->keys.n; i++)
        nl += b->nlist[i] ? 1 + b->nlist[i] : 0;
    uint32_t *lists = malloc((nl ? nl : 1) * sizeof *lists);
    size_t *order = malloc((b->keys.n ? b->keys.n : 1) * sizeof *order);
    if (!lists || !order) {
        free(pool.p);
        free(lists);
        free(order);
        return false;
    }
    for (size_t i = 0; i < b->keys.n; i++)
        order[i] = i;
    /* insertion sort by key (a few thousand keys) */
    for (size_t i = 1; i < b->keys.n; i++)
        for (size_t j = i; j > 0 && strcmp(b->keys.keys[order[j]], b->keys.keys[order[j - 1]]) < 0; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    sr_hashb h = {0};
    size_t at = 0;
    bool ok = true;
    for (size_t oi = 0; oi < b->keys.n && ok; oi++) {
        size_t i = order[oi];
        uint32_t v = b->prefix[i] ? SR_LEX_PREFIX : 0;
        if (b->nlist[i]) {
            v |= (uint32_t)(at + 1);
            lists[at++] = b->nlist[i];
            memcpy(lists + at, b->lists[i], b->nlist[i] * sizeof *lists);
            at += b->nlist[i];
        }
        ok = sr_hashb_put(&h, &pool, b->keys.keys[i], strlen(b->keys.keys[i]), v);
    }
    void *hs = NULL;
    size_t hl = 0;
    if (ok)
        ok = sr_hashb_section(&h, &hs, &hl);
    sr_hashb_free(&h);
    free(order);
    if (!ok) {
        free(pool.p);
        free(lists);
        return false;
    }
    if (pool.n == 0 || pool.p[pool.n - 1] != 0) {
        uint32_t dummy;
        sr_strpool_add(&pool, "", 0, &dummy);
    }
    out->strs = pool.p;
    out->nstrs = pool.n;
    out->hash = hs;
    out->nhash = hl;
    out->lists = lists;
    out->nlists = at;
    out->recs = malloc((b->nrecs ? b->nrecs : 1) * sizeof(sr_lex_rec));
    if (!out->recs) {
        sr_lex_sections_free(out);
        return false;
    }
    if (b->nrecs)
        memcpy(out->recs, b->recs, b->nrecs * sizeof(sr_lex_rec));
    out->nrecs = b->nrecs;
    return true;
}

void sr_lex_sections_free(sr_lex_sections *s)
{
    free(s->strs);
    free(s->hash);
    free(s->lists);
    free(s->recs);
    memset(s, 0, sizeof *s);
}
