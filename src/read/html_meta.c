/*
 * html_meta.c: a page's metadata from what the page says about itself.
 *
 * Five sources, trusted in this order: JSON-LD (schema.org, the article
 * object of a script type="application/ld+json", through arrays and
 * @graph), OpenGraph and article: properties, other <meta> names (Dublin
 * Core, parsely, twitter, name="author"...), <time datetime>, and
 * microdata (itemprop on body elements).  For every field the most trusted
 * source that gives a value wins; within one source, the first.  The link
 * rel="canonical" is the most trusted URL, <html lang> the language.
 */
#include "html.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

/* Sources by trust; the last four are bylines marked in the body: a link
 * rel="author", an hCard "fn", a link to an author's page, an element whose
 * class says author or byline. */
enum { R_LD, R_OG, R_META, R_TIME, R_MICRO, R_REL, R_FN, R_ALINK, R_ACLASS, R__NONE };
enum { F_TITLE, F_PUB, F_MOD, F_AUTHOR, F_SECTION, F_URL, F_LANG, F__COUNT };

typedef struct mstate {
    const htree *t;
    sr_doc *d;
    const char *v[F__COUNT];
    int rank[F__COUNT];
    int ld_article; /* rank of the JSON-LD object the fields came from */
    const char *body;
    uint32_t itembody;
    const char *title_tag;
    const char *site;                /* og:site_name, application-name */
    const char *authors[R__NONE];    /* the first author each source gives */
    /* the people a JSON-LD script names by "@id" (its @graph), for authors
     * given as {"@id": ...} only; valid while the script is read */
    const char *person_id[32], *person_name[32];
    int npersons;
    int byline_tries; /* bylines read from the body (bounded) */
    bool oom;
} mstate;

static char *dupn(mstate *s, const char *p, size_t n)
{
    char *r = sr_arena_strndup(s->d->arena, p, n);
    if (!r)
        s->oom = true;
    return r;
}

/* The character reference at p[0..n) (p[0] is '&'): numeric, or one of
 * the few names metadata escapes twice (WordPress writes JSON-LD and
 * og:title with "&#8217;" already in them).  Its length, 0 when there is
 * none; the code point into *cp. */
static size_t char_ref(const char *p, size_t n, int32_t *cp)
{
    static const struct { const char *name; int32_t cp; } names[] = {
        {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&nbsp;", ' '},
    };
    if (n >= 4 && p[1] == '#') {
        bool hex = p[2] == 'x' || p[2] == 'X';
        size_t i = hex ? 3 : 2, d0 = i;
        int32_t v = 0;
        for (; i < n && i < d0 + 7; i++) {
            char c = p[i];
            int dv = c >= '0' && c <= '9' ? c - '0'
                     : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                     : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                   : -1;
            if (dv < 0)
                break;
            v = v * (hex ? 16 : 10) + dv;
        }
        if (i == d0 || i >= n || p[i] != ';' || v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return i + 1;
    }
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        size_t l = strlen(names[k].name);
        if (l <= n && memcmp(p, names[k].name, l) == 0) {
            *cp = names[k].cp;
            return l;
        }
    }
    return 0;
}

/* White space squashed, ends trimmed, character references left in the
 * text decoded (never longer than the reference); NULL when nothing is
 * left. */
static const char *clean(mstate *s, const char *p, size_t n)
{
    char *r = sr_arena_alloc(s->d->arena, n + 1);
    if (!r) {
        s->oom = true;
        return NULL;
    }
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        int32_t cp = 0;
        size_t rl = c == '&' ? char_ref(p + i, n - i, &cp) : 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || (rl && cp == ' ')) {
            sp = k > 0;
            i += rl ? rl - 1 : 0;
            continue;
        }
        if (sp)
            r[k++] = ' ';
        sp = false;
        if (rl) {
            char u[4];
            size_t ul = sr_utf8_encode(cp, u);
            if (ul == 0 || ul > rl) {
                r[k++] = c;
                continue;
            }
            memcpy(r + k, u, ul);
            k += ul;
            i += rl - 1;
            continue;
        }
        r[k++] = c;
    }
    r[k] = 0;
    return k ? r : NULL;
}

static void offer(mstate *s, int field, int rank, const char *v)
{
    if (!v || (rank >= s->rank[field] && field != F_AUTHOR))
        return;
    if (field == F_AUTHOR && rank < R__NONE && s->authors[rank])
        return;
    const char *c = clean(s, v, strlen(v));
    if (!c)
        return;
    if (field == F_AUTHOR && rank < R__NONE)
        s->authors[rank] = c;
    if (rank >= s->rank[field])
        return;
    s->v[field] = c;
    s->rank[field] = rank;
}

static bool is_url(const char *v) { return strncmp(v, "http", 4) == 0 || v[0] == '/'; }

/* ---- JSON-LD ------------------------------------------------------------- */

static bool type_is(const cJSON *o, const char *const *names)
{
    const cJSON *ty = cJSON_GetObjectItemCaseSensitive(o, "@type");
    const cJSON *it = cJSON_IsArray(ty) ? ty->child : ty;
    for (; it; it = cJSON_IsArray(ty) ? it->next : NULL) {
        if (cJSON_IsString(it))
            for (const char *const *n = names; *n; n++)
                if (strcasestr(it->valuestring, *n))
                    return true;
        if (!cJSON_IsArray(ty))
            break;
    }
    return false;
}

static const char *const article_types[] = {"Article", "BlogPosting", "Report", "Posting",
                                            "NewsArticle", "Review", "Recipe", NULL};
static const char *const page_types[] = {"WebPage", "ItemPage", NULL};
static const char *const org_types[] = {"Organization", "Corporation", "NewsMediaOrganization", NULL};

static const char *str_of(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsArray(v))
        v = v->child;
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* The author's names, joined by ", ": strings, or objects' "name". */
static const char *ld_authors(mstate *s, const cJSON *a)
{
    sr_buf b;
    sr_buf_init(&b);
    const cJSON *it = cJSON_IsArray(a) ? a->child : a;
    for (int k = 0; it && k < 8; k++) {
        const char *nm = NULL;
        if (cJSON_IsString(it))
            nm = it->valuestring;
        else if (cJSON_IsObject(it) && !type_is(it, org_types)) {
            nm = str_of(it, "name");
            const char *ref = nm ? NULL : str_of(it, "@id");
            for (int p = 0; ref && p < s->npersons; p++)
                if (strcmp(ref, s->person_id[p]) == 0)
                    nm = s->person_name[p];
        }
        if (nm && *nm && !is_url(nm)) {
            if (b.n)
                sr_buf_puts(&b, ", ");
            sr_buf_puts(&b, nm);
        }
        if (!cJSON_IsArray(a))
            break;
        it = it->next;
    }
    const char *r = b.n && !b.failed ? dupn(s, b.p, b.n) : NULL;
    sr_buf_free(&b);
    return r;
}

/* An object's fields, at a sub-rank: article objects before pages before
 * anything else. */
static void ld_object(mstate *s, const cJSON *o)
{
    int kind = type_is(o, article_types) ? 0 : type_is(o, page_types) ? 1 : 2;
    if (kind == 2 && !cJSON_GetObjectItemCaseSensitive(o, "headline"))
        return;
    if (kind > s->ld_article)
        return; /* an article object has given its fields already */
    if (kind < s->ld_article) {
        /* a better object: its fields replace those of a weaker one */
        for (int f = 0; f < F__COUNT; f++)
            if (s->rank[f] == R_LD && f != F_URL) {
                s->rank[f] = R__NONE;
                s->v[f] = NULL;
                if (f == F_AUTHOR)
                    s->authors[R_LD] = NULL;
            }
        s->ld_article = kind;
    }
    offer(s, F_TITLE, R_LD, str_of(o, "headline"));
    if (kind == 0)
        offer(s, F_TITLE, R_LD, str_of(o, "name"));
    offer(s, F_PUB, R_LD, str_of(o, "datePublished"));
    if (kind == 0)
        offer(s, F_PUB, R_LD, str_of(o, "dateCreated"));
    offer(s, F_MOD, R_LD, str_of(o, "dateModified"));
    offer(s, F_SECTION, R_LD, str_of(o, "articleSection"));
    offer(s, F_LANG, R_LD, str_of(o, "inLanguage"));
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "author");
    if (!a)
        a = cJSON_GetObjectItemCaseSensitive(o, "creator");
    if (a)
        offer(s, F_AUTHOR, R_LD, ld_authors(s, a));
    const char *body = str_of(o, "articleBody");
    if (body && !s->body && kind == 0)
        s->body = dupn(s, body, strlen(body));
}

/* An untyped script that is JSON-LD says so in its first 200 bytes:
 * "@context" (bounded, so a long script costs nothing). */
static bool contains_ctx(const char *p, uint32_t n)
{
    uint32_t lim = n < 200 ? n : 200;
    for (uint32_t i = 0; i + 9 <= lim; i++)
        if (memcmp(p + i, "\"@context", 9) == 0)
            return true;
    return false;
}

/* The people of a script's @graph (or array) that have an @id and a name. */
static void ld_persons(mstate *s, const cJSON *j)
{
    s->npersons = 0;
    const cJSON *g = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "@graph") : j;
    if (!cJSON_IsArray(g))
        return;
    static const char *const person[] = {"Person", NULL};
    const cJSON *it;
    cJSON_ArrayForEach(it, g)
    {
        if (s->npersons == 32)
            break;
        const char *id = str_of(it, "@id"), *nm = str_of(it, "name");
        if (id && nm && type_is(it, person)) {
            s->person_id[s->npersons] = id;
            s->person_name[s->npersons++] = nm;
        }
    }
}

static void ld_walk(mstate *s, const cJSON *j, int depth)
{
    if (!j || depth > 6)
        return;
    if (cJSON_IsArray(j)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, j) ld_walk(s, it, depth + 1);
        return;
    }
    if (!cJSON_IsObject(j))
        return;
    ld_object(s, j);
    ld_walk(s, cJSON_GetObjectItemCaseSensitive(j, "@graph"), depth + 1);
    const cJSON *me = cJSON_GetObjectItemCaseSensitive(j, "mainEntity");
    if (cJSON_IsObject(me))
        ld_walk(s, me, depth + 1);
}

/* ---- <meta> ---------------------------------------------------------------- */

static const struct { const char *key; int field, rank; } meta_keys[] = {
    {"og:title", F_TITLE, R_OG},
    {"og:url", F_URL, R_OG},
    {"og:locale", F_LANG, R_OG},
    {"article:published_time", F_PUB, R_OG},
    {"og:published_time", F_PUB, R_OG},
    {"og:article:published_time", F_PUB, R_OG},
    {"article:modified_time", F_MOD, R_OG},
    {"og:updated_time", F_MOD, R_OG},
    {"og:article:modified_time", F_MOD, R_OG},
    {"article:section", F_SECTION, R_OG},
    {"og:article:section", F_SECTION, R_OG},
    {"article:author", F_AUTHOR, R_OG},
    {"og:article:author", F_AUTHOR, R_OG},
    {"twitter:title", F_TITLE, R_META},
    {"dc.title", F_TITLE, R_META},
    {"dcterms.title", F_TITLE, R_META},
    {"parsely-title", F_TITLE, R_META},
    {"sailthru.title", F_TITLE, R_META},
    {"headline", F_TITLE, R_META},
    {"title", F_TITLE, R_META},
    {"datepublished", F_PUB, R_META},
    {"pubdate", F_PUB, R_META},
    {"publishdate", F_PUB, R_META},
    {"publish-date", F_PUB, R_META},
    {"publish_date", F_PUB, R_META},
    {"publication_date", F_PUB, R_META},
    {"date", F_PUB, R_META},
    {"dc.date", F_PUB, R_META},
    {"dc.date.issued", F_PUB, R_META},
    {"dc.date.created", F_PUB, R_META},
    {"dcterms.date", F_PUB, R_META},
    {"dcterms.created", F_PUB, R_META},
    {"dcterms.issued", F_PUB, R_META},
    {"parsely-pub-date", F_PUB, R_META},
    {"sailthru.date", F_PUB, R_META},
    {"article.published", F_PUB, R_META},
    {"citation_publication_date", F_PUB, R_META},
    {"citation_date", F_PUB, R_META},
    {"originalpublicationdate", F_PUB, R_META},
    {"datemodified", F_MOD, R_META},
    {"dcterms.modified", F_MOD, R_META},
    {"last-modified", F_MOD, R_META},
    {"article.updated", F_MOD, R_META},
    {"author", F_AUTHOR, R_META},
    {"dc.creator", F_AUTHOR, R_META},
    {"dcterms.creator", F_AUTHOR, R_META},
    {"parsely-author", F_AUTHOR, R_META},
    {"sailthru.author", F_AUTHOR, R_META},
    {"byl", F_AUTHOR, R_META},
    {"citation_author", F_AUTHOR, R_META},
    {"twitter:creator", F_AUTHOR, R__NONE}, /* a handle, not a name */
    {"parsely-section", F_SECTION, R_META},
    {"section", F_SECTION, R_META},
    {"dc.language", F_LANG, R_META},
    {"content-language", F_LANG, R_META},
    {"language", F_LANG, R_META},
};

static void meta_tag(mstate *s, const hnode *n)
{
    const hextra *x = n->extra ? &s->t->x[n->extra] : NULL;
    const char *content = x ? hstr(s->t, x->content) : NULL;
    if (!content || !*content)
        return;
    if (n->itemprop) {
        /* <meta itemprop content>: microdata */
        const char *ip = hstr(s->t, n->itemprop);
        if (strcasecmp(ip, "headline") == 0)
            offer(s, F_TITLE, R_MICRO, content);
        else if (strcasecmp(ip, "datePublished") == 0)
            offer(s, F_PUB, R_MICRO, content);
        else if (strcasecmp(ip, "dateModified") == 0)
            offer(s, F_MOD, R_MICRO, content);
        else if (strcasecmp(ip, "author") == 0 && !is_url(content))
            offer(s, F_AUTHOR, R_MICRO, content);
        return;
    }
    const char *keys[2] = {hstr(s->t, x->property), hstr(s->t, x->name)};
    for (int k = 0; k < 2; k++)
        if (keys[k] && !s->site &&
            (strcasecmp(keys[k], "og:site_name") == 0 || strcasecmp(keys[k], "application-name") == 0))
            s->site = clean(s, content, strlen(content));
    for (int k = 0; k < 2; k++) {
        if (!keys[k])
            continue;
        for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++) {
            if (strcasecmp(keys[k], meta_keys[i].key) != 0)
                continue;
            if (meta_keys[i].rank == R__NONE)
                break;
            if (meta_keys[i].field == F_AUTHOR && is_url(content))
                break;
            offer(s, meta_keys[i].field, meta_keys[i].rank, content);
            break;
        }
    }
}

/* The text under node i, white space squashed, at most cap bytes; stops
 * after a bounded number of nodes. */
static const char *node_text(mstate *s, uint32_t i, size_t cap)
{
    const htree *t = s->t;
    char buf[512];
    if (cap > sizeof buf - 1)
        cap = sizeof buf - 1;
    size_t k = 0;
    uint32_t visits = 0;
    uint32_t n = t->n[i].first;
    while (n && k < cap && visits++ < 4096) {
        const hnode *nd = &t->n[n];
        if ((nd->flags & HF_TEXT)) {
            size_t l = nd->tlen < cap - k ? nd->tlen : cap - k;
            memcpy(buf + k, t->pool.p + nd->text, l);
            k += l;
            if (k < cap)
                buf[k++] = ' ';
        } else if (nd->first && nd->tag != H_SCRIPT && nd->tag != H_STYLE) {
            n = nd->first;
            continue;
        }
        while (n && !t->n[n].next && n != i)
            n = t->n[n].parent;
        if (!n || n == i)
            break;
        n = t->n[n].next;
    }
    return k ? clean(s, buf, k) : NULL;
}

/* Microdata on a body element. */
static void microdata(mstate *s, uint32_t i)
{
    const hnode *n = &s->t->n[i];
    const char *ip = hstr(s->t, n->itemprop);
    const hextra *x = n->extra ? &s->t->x[n->extra] : NULL;
    const char *dt = x ? (x->datetime ? hstr(s->t, x->datetime) : hstr(s->t, x->content)) : NULL;
    if (strcasecmp(ip, "articleBody") == 0) {
        if (!s->itembody)
            s->itembody = i;
    } else if (strcasecmp(ip, "headline") == 0) {
        if (s->rank[F_TITLE] > R_MICRO)
            offer(s, F_TITLE, R_MICRO, node_text(s, i, 400));
    } else if (strcasecmp(ip, "datePublished") == 0) {
        if (s->rank[F_PUB] > R_MICRO)
            offer(s, F_PUB, R_MICRO, dt ? dt : node_text(s, i, 100));
    } else if (strcasecmp(ip, "dateModified") == 0) {
        if (s->rank[F_MOD] > R_MICRO)
            offer(s, F_MOD, R_MICRO, dt ? dt : node_text(s, i, 100));
    } else if (strcasecmp(ip, "author") == 0 || strcasecmp(ip, "creator") == 0) {
        if (s->rank[F_AUTHOR] <= R_MICRO)
            return;
        /* an itemscope author: its itemprop="name" (one level down) */
        uint32_t c = n->first;
        for (int k = 0; c && k < 64; k++, c = s->t->n[c].next) {
            const char *cp = hstr(s->t, s->t->n[c].itemprop);
            if (cp && strcasecmp(cp, "name") == 0) {
                offer(s, F_AUTHOR, R_MICRO, node_text(s, c, 200));
                return;
            }
        }
        offer(s, F_AUTHOR, R_MICRO, node_text(s, i, 200));
    } else if (strcasecmp(ip, "articleSection") == 0) {
        if (s->rank[F_SECTION] > R_MICRO)
            offer(s, F_SECTION, R_MICRO, node_text(s, i, 200));
    }
}

/* Does the class attribute v hold a word starting with w ("author" finds
 * "author-name"), or (exact) the word w itself? */
static bool class_word(const char *v, const char *w, bool exact)
{
    size_t wl = strlen(w);
    for (const char *p = v; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n')
            e++;
        if ((size_t)(e - p) >= wl && strncasecmp(p, w, wl) == 0 && (!exact || (size_t)(e - p) == wl))
            return true;
        p = e;
    }
    return false;
}

/* Does a class word of v hold, as one of its parts split at '-' and '_',
 * a part starting with w ("news-list-author", "post_author_name")? */
static bool class_part(const char *v, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = v; p && *p; p++) {
        bool start = p == v || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '-' || p[-1] == '_';
        if (start && (*p | 32) == (*w | 32) && strncasecmp(p, w, wl) == 0)
            return true;
    }
    return false;
}

/* A byline's name: the text of node i with "By", "Von", "Par" ... cut
 * off, up to a date, a "|" or a dash; NULL unless it reads as a short name. */
static const char *byline_name(mstate *s, uint32_t i)
{
    const char *v = node_text(s, i, 160);
    if (!v)
        return NULL;
    static const char *const pre[] = {"posted by ", "written by ", "by ", "von ", "par ", "por ", "di ",
                                      "door ", "av ", "od ", "autor: ", "autorin: ", "author: ", "text: "};
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (strncasecmp(v, pre[k], strlen(pre[k])) == 0) {
            v += strlen(pre[k]);
            break;
        }
    size_t n = 0, words = 1;
    for (; v[n]; n++) {
        if ((v[n] >= '0' && v[n] <= '9') || v[n] == '|' || v[n] == '@' || v[n] == '(' ||
            strncmp(v + n, " - ", 3) == 0 || strncmp(v + n, " \xE2\x80\x93 ", 5) == 0 ||
            strncmp(v + n, " \xC2\xB7 ", 4) == 0 || strncmp(v + n, " \xE2\x80\xA2 ", 5) == 0)
            break;
        words += v[n] == ' ';
    }
    while (n && (v[n - 1] == ' ' || v[n - 1] == ',' || v[n - 1] == ':' || v[n - 1] == '.'))
        n--;
    if (n < 2 || n > 80 || words > 8 || is_url(v))
        return NULL;
    /* a prefix alone ("By"), or words cut off before a date that end in a
     * small lower-case word ("Veröffentlicht am", "Posted on"): no name */
    for (;;) { /* "MORITZ GATHMANN am": the small word goes */
        size_t lw = n;
        while (lw && v[lw - 1] != ' ')
            lw--;
        if (!lw || !(v[lw] >= 'a' && v[lw] <= 'z') || n - lw > 3)
            break;
        n = lw;
        while (n && v[n - 1] == ' ')
            n--;
    }
    static const char *const not_names[] = {"veröffentlicht", "posted", "published", "updated",
                                            "aktualisiert", "publié", "publicado", "pubblicato"};
    for (size_t k = 0; k < sizeof not_names / sizeof *not_names; k++)
        if (strncasecmp(v, not_names[k], strlen(not_names[k])) == 0)
            return NULL;
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (strlen(pre[k]) == n + 1 && strncasecmp(v, pre[k], n) == 0)
            return NULL;
    return dupn(s, v, n);
}

/* Is node i inside comments (a commenter's name is no byline)?  Looks up
 * a bounded number of levels. */
static bool in_comments(const mstate *s, uint32_t i)
{
    for (int k = 0; i && k < 8; k++, i = s->t->n[i].parent) {
        const char *c = hstr(s->t, s->t->n[i].cls), *id = hstr(s->t, s->t->n[i].id);
        if ((c && (strcasestr(c, "comment") || strcasestr(c, "respon"))) || (id && strcasestr(id, "comment")))
            return true;
    }
    return false;
}

/* Bylines marked in the body, the least trusted author. */
static void byline(mstate *s, uint32_t i)
{
    const htree *t = s->t;
    const hnode *n = &t->n[i];
    const hextra *x = n->extra ? &t->x[n->extra] : NULL;
    const char *rel = x ? hstr(t, x->rel) : NULL, *cls = hstr(t, n->cls), *href = hstr(t, n->href);
    int rank = R__NONE;
    if (n->tag == H_A && rel && class_word(rel, "author", true))
        rank = R_REL;
    else if (cls && (class_word(cls, "fn", true) || class_word(cls, "p-author", true)))
        rank = R_FN;
    else if (n->tag == H_A && href && (strstr(href, "/author/") || strstr(href, "/autor/") || strstr(href, "/authors/")))
        rank = R_ALINK;
    else if (cls && (class_part(cls, "author") || class_part(cls, "autor") || class_part(cls, "byline")) && !strcasestr(cls, "bio") && !strcasestr(cls, "avatar") &&
             !strcasestr(cls, "image") && !strcasestr(cls, "desc"))
        rank = R_ACLASS;
    if (rank == R__NONE || s->authors[rank] || s->byline_tries >= 64 || in_comments(s, i))
        return;
    s->byline_tries++; /* each reads up to 4096 nodes: a page gets 64 */
    offer(s, F_AUTHOR, rank, byline_name(s, i));
}

/* Does the author name the site rather than a person: the site's name, a
 * domain ("example.de"), or the name of the page's <title> after its
 * separator? */
static bool site_like(const mstate *s, const char *a)
{
    if (strlen(a) > 200)
        return false; /* no name is this long; bounds the searches below */
    if (s->site && strlen(s->site) <= 200 &&
        (strcasecmp(a, s->site) == 0 || strcasestr(a, s->site) || strcasestr(s->site, a)))
        return true;
    const char *dot = strrchr(a, '.');
    if (dot && !strchr(a, ' ') && dot[1] >= 'a' && dot[1] <= 'z' && strlen(dot + 1) >= 2 && strlen(dot + 1) <= 4)
        return true;
    if (s->title_tag) {
        size_t al = strlen(a), tl = strlen(s->title_tag);
        /* "... | Site" or "... - Site" */
        if (al + 3 <= tl && strcasecmp(s->title_tag + tl - al, a) == 0 &&
            (s->title_tag[tl - al - 2] == '|' || s->title_tag[tl - al - 2] == '-' ||
             (unsigned char)s->title_tag[tl - al - 2] >= 0x80))
            return true;
    }
    return false;
}

/* The most trusted author that names a person, else the most trusted. */
static const char *pick_author(const mstate *s)
{
    for (int r = 0; r < R__NONE; r++)
        if (s->authors[r] && !site_like(s, s->authors[r]))
            return s->authors[r];
    return s->v[F_AUTHOR];
}

/* ---- dates written out in text ------------------------------------ */

/* Month names and their usual abbreviations in the languages the reader
 * meets most (en, de, fr, es, it, pt, nl, pl, with Polish genitives),
 * folded to lower case. */
static const struct { const char *name; uint8_t month; } month_names[] = {
    {"january", 1}, {"jan", 1}, {"januar", 1}, {"janvier", 1}, {"enero", 1}, {"gennaio", 1},
    {"janeiro", 1}, {"januari", 1}, {"stycznia", 1}, {"styczeń", 1}, {"jänner", 1},
    {"february", 2}, {"feb", 2}, {"februar", 2}, {"février", 2}, {"febrero", 2}, {"febbraio", 2},
    {"fevereiro", 2}, {"februari", 2}, {"lutego", 2}, {"luty", 2},
    {"march", 3}, {"mar", 3}, {"märz", 3}, {"mars", 3}, {"marzo", 3}, {"março", 3}, {"maart", 3},
    {"marca", 3}, {"marzec", 3},
    {"april", 4}, {"apr", 4}, {"avril", 4}, {"abril", 4}, {"aprile", 4}, {"kwietnia", 4},
    {"kwiecień", 4},
    {"may", 5}, {"mai", 5}, {"mayo", 5}, {"maggio", 5}, {"maio", 5}, {"mei", 5}, {"maja", 5}, {"maj", 5},
    {"june", 6}, {"jun", 6}, {"juni", 6}, {"juin", 6}, {"junio", 6}, {"giugno", 6}, {"junho", 6},
    {"czerwca", 6}, {"czerwiec", 6},
    {"july", 7}, {"jul", 7}, {"juli", 7}, {"juillet", 7}, {"julio", 7}, {"luglio", 7}, {"julho", 7},
    {"lipca", 7}, {"lipiec", 7},
    {"august", 8}, {"aug", 8}, {"août", 8}, {"agosto", 8}, {"augustus", 8}, {"sierpnia", 8},
    {"sierpień", 8},
    {"september", 9}, {"sep", 9}, {"sept", 9}, {"septembre", 9}, {"septiembre", 9}, {"settembre", 9},
    {"setembro", 9}, {"września", 9}, {"wrzesień", 9},
    {"october", 10}, {"oct", 10}, {"oktober", 10}, {"okt", 10}, {"octobre", 10}, {"octubre", 10},
    {"ottobre", 10}, {"outubro", 10}, {"października", 10}, {"październik", 10},
    {"november", 11}, {"nov", 11}, {"novembre", 11}, {"noviembre", 11}, {"novembro", 11},
    {"listopada", 11}, {"listopad", 11},
    {"december", 12}, {"dec", 12}, {"dezember", 12}, {"dez", 12}, {"décembre", 12}, {"diciembre", 12},
    {"dicembre", 12}, {"dezembro", 12}, {"grudnia", 12}, {"grudzień", 12},
};

static int month_word(const char *p, size_t n)
{
    char w[24];
    while (n && (p[n - 1] == '.' || p[n - 1] == ','))
        n--;
    if (n < 3 || n >= sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
    for (size_t k = 0; k < sizeof month_names / sizeof *month_names; k++)
        if (strlen(month_names[k].name) == n && memcmp(month_names[k].name, w, n) == 0)
            return month_names[k].month;
    return 0;
}

/* A number of 1..maxd digits at p[0..n) (trailing '.', ',' or an ordinal
 * "st", "nd", "rd", "th" allowed), or -1. */
static int small_num(const char *p, size_t n, size_t maxd)
{
    size_t i = 0;
    int v = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9' && i < maxd)
        v = v * 10 + (p[i++] - '0');
    if (i == 0)
        return -1;
    const char *rest = p + i;
    size_t rl = n - i;
    if (rl == 0 || (rl == 1 && (rest[0] == '.' || rest[0] == ',')) ||
        (rl >= 2 && rl <= 3 && (strncmp(rest, "st", 2) == 0 || strncmp(rest, "nd", 2) == 0 ||
                                strncmp(rest, "rd", 2) == 0 || strncmp(rest, "th", 2) == 0)))
        return v;
    return -1;
}

static bool valid_date(int y, int mo, int d) { return y >= 1990 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; }

/* The first date in p[0..n): 18.05.2014, 2014-05-18, 18. Mai 2014,
 * 18 de mayo de 2014, May 18, 2014.  Writes "YYYY-MM-DD". */
bool sr_html_text_date(const char *p, size_t n, char out[11])
{
    const char *tok[8];
    size_t tl[8], nt = 0;
    int y = 0, mo = 0, d = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != ' ')
            continue;
        size_t st = i;
        while (st > 0 && p[st - 1] != ' ')
            st--;
        if (i > st) {
            /* keep the last five words */
            if (nt == 5) {
                memmove(tok, tok + 1, 4 * sizeof *tok);
                memmove(tl, tl + 1, 4 * sizeof *tl);
                nt = 4;
            }
            tok[nt] = p + st;
            tl[nt++] = i - st;
            const char *w = tok[nt - 1];
            size_t l = tl[nt - 1];
            /* 18.05.2014 or 2014-05-18 in one word */
            int a, b, c;
            char sep;
            if (l >= 8 && sscanf(w, "%2d.%2d.%4d", &a, &b, &c) == 3 && valid_date(c, b, a)) {
                d = a, mo = b, y = c;
                break;
            }
            if (l >= 10 && sscanf(w, "%4d-%2d-%2d%c", &a, &b, &c, &sep) >= 3 && valid_date(a, b, c)) {
                y = a, mo = b, d = c;
                break;
            }
            /* a year ends "D. Month YYYY", "D de Month de YYYY", "Month D, YYYY" */
            int yr = small_num(w, l, 4);
            if (yr >= 1990 && yr <= 2099 && l >= 4 && nt >= 3) {
                size_t k = nt - 2;
                if (tl[k] == 2 && strncmp(tok[k], "de", 2) == 0 && k > 0)
                    k--;
                int m1 = k >= 1 ? month_word(tok[k], tl[k]) : 0;
                if (m1) {
                    size_t j = k - 1;
                    if (j >= 1 && tl[j] == 2 && strncmp(tok[j], "de", 2) == 0)
                        j--;
                    int dd = small_num(tok[j], tl[j], 2);
                    if (valid_date(yr, m1, dd)) {
                        y = yr, mo = m1, d = dd;
                        break;
                    }
                }
                int dd = small_num(tok[nt - 2], tl[nt - 2], 2);
                int m2 = month_word(tok[nt - 3], tl[nt - 3]);
                if (m2 && valid_date(yr, m2, dd)) {
                    y = yr, mo = m2, d = dd;
                    break;
                }
            }
        }
    }
    if (!y)
        return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
    return true;
}

/* The date a URL's path gives: "/2014/05/18/" or "/2014-05-18" (a path
 * part of its own, as blogs and news sites name their articles).  The
 * first 2,000 bytes are looked at. */
static const char *url_date(mstate *s, const char *u)
{
    if (!u)
        return NULL;
    const char *path = strstr(u, "://");
    path = path ? strchr(path + 3, '/') : u;
    size_t n = path ? strnlen(path, 2000) : 0;
    for (size_t i = 0; i + 11 <= n; i++) {
        if (path[i] != '/')
            continue;
        const char *p = path + i + 1;
        char sep = p[4];
        if ((sep != '/' && sep != '-') || p[7] != sep)
            continue;
        int y = sr_digits(p, 4), mo = sr_digits(p + 5, 2), d = sr_digits(p + 8, 2);
        char after = i + 11 < n ? p[10] : 0;
        if (!valid_date(y, mo, d) || (after && after != '/' && after != '-' && after != '_' && after != '.'))
            continue;
        char iso[24];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, mo, d);
        return dupn(s, iso, 10);
    }
    return NULL;
}

static const char *norm_date(mstate *s, const char *v)
{
    if (!v)
        return NULL;
    char iso[32];
    if (sr_metadate_parse(v, strlen(v), iso))
        return dupn(s, iso, strlen(iso));
    /* "Di., 25.01.2022 - 14:45": a date inside other words */
    if (sr_html_text_date(v, strlen(v), iso))
        return dupn(s, iso, 10);
    /* a time alone ("10:52") is no date: left for the text's */
    bool year = false;
    for (const char *p = v; *p && !year; p++)
        year = p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
               p[3] >= '0' && p[3] <= '9';
    if (!year)
        return NULL;
    if (!sr_doc_warn(s->d, "meta", -1, "date \"%.40s\" not understood; kept as written", v))
        s->oom = true;
    return v;
}

/* The <title> without the site's name: the longest part between " | ",
 * " - ", " – " or " — ". */
static const char *strip_site(mstate *s, const char *v)
{
    if (!v)
        return NULL;
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                       " \xC2\xBB ", " \xE2\x80\xBA "};
    const char *best = v;
    size_t best_len = strlen(v);
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        const char *p = strstr(v, seps[k]);
        if (!p)
            continue;
        size_t sl = strlen(seps[k]);
        const char *a = v;
        size_t al = (size_t)(p - v);
        const char *b = p + sl;
        size_t bl = strlen(b);
        if (strstr(b, seps[k]))
            continue; /* many parts: a breadcrumb, keep the whole */
        /* the longer part, unless the shorter is not the site's name and the longer is */
        bool first = al >= bl;
        if (s->site && strncasecmp(first ? a : b, s->site, first ? al : bl) == 0 &&
            strlen(s->site) == (first ? al : bl))
            first = !first;
        const char *pick = first ? a : b;
        size_t pl = first ? al : bl;
        if (pl * 3 >= strlen(v) && pl < best_len) {
            best = pick;
            best_len = pl;
        }
    }
    return best == v ? v : dupn(s, best, best_len);
}

bool sr_html_meta(const htree *t, sr_doc *d, hmeta *m)
{
    mstate s = {.t = t, .d = d, .ld_article = 3};
    for (int f = 0; f < F__COUNT; f++)
        s.rank[f] = R__NONE;
    for (uint32_t i = 1; i < t->nn && !s.oom; i++) {
        const hnode *n = &t->n[i];
        if (n->flags & HF_TEXT)
            continue;
        const hextra *x = n->extra ? &t->x[n->extra] : NULL;
        switch (n->tag) {
        case H_META:
            meta_tag(&s, n);
            continue;
        case H_LINK:
            if (x && x->rel && n->href && strcasecmp(hstr(t, x->rel), "canonical") == 0)
                offer(&s, F_URL, R_LD, hstr(t, n->href));
            continue;
        case H_TITLE:
            if (!s.title_tag && n->first && (t->n[n->first].flags & HF_TEXT))
                s.title_tag = clean(&s, t->pool.p + t->n[n->first].text, t->n[n->first].tlen);
            continue;
        case H_HTML:
            if (x && x->lang)
                offer(&s, F_LANG, R_OG, hstr(t, x->lang));
            break;
        case H_SCRIPT:
            if (n->first && ((x && x->type && strcasecmp(hstr(t, x->type), "application/ld+json") == 0) ||
                             ((!x || !x->type || !*hstr(t, x->type)) && (t->n[n->first].flags & HF_TEXT) &&
                              contains_ctx(t->pool.p + t->n[n->first].text, t->n[n->first].tlen)))) {
                const hnode *tx = &t->n[n->first];
                if (tx->flags & HF_TEXT) {
                    cJSON *j = cJSON_ParseWithLength(t->pool.p + tx->text, tx->tlen);
                    ld_persons(&s, j);
                    ld_walk(&s, j, 0);
                    s.npersons = 0;
                    cJSON_Delete(j);
                }
            }
            continue;
        case H_TIME:
            if (x && x->datetime) {
                const char *ip = hstr(t, n->itemprop);
                if (ip && strcasecmp(ip, "dateModified") == 0)
                    offer(&s, F_MOD, R_TIME, hstr(t, x->datetime));
                else
                    offer(&s, F_PUB, R_TIME, hstr(t, x->datetime));
            }
            break;
        default:
            break;
        }
        if (n->itemprop)
            microdata(&s, i);
        if (n->cls || n->tag == H_A)
            byline(&s, i);
    }
    if (s.oom)
        return false;
    m->title = strip_site(&s, s.v[F_TITLE]);
    m->title_tag = strip_site(&s, s.title_tag);
    m->title_raw = s.v[F_TITLE];
    m->title_tag_raw = s.title_tag;
    m->published = norm_date(&s, s.v[F_PUB]);
    m->modified = norm_date(&s, s.v[F_MOD]);
    if (!m->published)
        m->published = url_date(&s, s.v[F_URL]);
    m->author = pick_author(&s);
    m->section = s.v[F_SECTION];
    m->url = s.v[F_URL];
    m->language = s.v[F_LANG];
    m->body = s.body;
    m->body_len = s.body ? (uint32_t)strlen(s.body) : 0;
    m->itembody = s.itembody;
    return !s.oom;
}
