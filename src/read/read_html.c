/*
 * read_html.c: an HTML page to text, blocks and metadata (gumbo parses).
 *
 * The text is the page's visible text, one block per paragraph-level
 * element (p, li, h1-h6, blockquote, td, ...), white space collapsed,
 * blocks joined by "\n\n".  Kinds come from where a block stands: the first
 * h1 is the title, other headings are sections, <time> and byline/date
 * classes are meta, and navigation, asides, footers, captions, forms and
 * "related"/"read more"/share/newsletter/ad containers are boilerplate.
 * Scripts, styles and templates hold code, not text, and are not part of
 * the text (what a <noscript> shows instead is boilerplate).  Metadata comes from, in order: og:/article: meta tags, <time
 * datetime>, JSON-LD (cJSON), then h1 and <title>.
 */
#include "read/read.h"

#include <cJSON.h>
#include <gumbo.h>
#include <stdlib.h>
#include <strings.h>

/* Initial depth of the walk's stack; it grows as needed (the walk is
 * iterative, so deep nesting costs heap, not C stack). */
#define HTML_STACK0 256

typedef struct hmeta {
    const char *og_title, *ld_headline, *h1, *title_tag;
    const char *pub_meta, *pub_time, *pub_ld;
    const char *upd_meta, *upd_ld;
    const char *section, *byline, *url, *canonical, *language;
} hmeta;

typedef struct html {
    sr_doc *d;
    sr_buf text;
    sr_buf cur;          /* the block being gathered */
    sr_block_kind cur_kind;
    bool cur_space;      /* last byte of cur is a collapsed space */
    bool h1_seen;
    hmeta m;
    bool oom;
} html;

static const char *dup(html *h, const char *s)
{
    if (!s)
        return NULL;
    const char *p = sr_arena_strndup(h->d->arena, s, strlen(s));
    if (!p)
        h->oom = true;
    return p;
}

static bool class_matches(const char *v)
{
    static const char *const pats[] = {
        "related", "read-more", "readmore", "share", "social", "newsletter", "promo",
        "advert", "sponsor", "sidebar", "comment", "breadcrumb", "navigation", "navbar",
        "menu", "footer", "subscribe", "cookie", "caption", "recirc", "outbrain", "taboola",
        "more-stories", "trending", "popular", "most-read", "signup", "paywall", "banner",
    };
    if (!v)
        return false;
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++)
        if (strcasestr(v, pats[k]))
            return true;
    /* "ad", "ads", "ad-slot" as a whole class word */
    for (const char *p = v; *p; p++) {
        if ((p == v || p[-1] == ' ') && strncasecmp(p, "ad", 2) == 0 &&
            (p[2] == 0 || p[2] == ' ' || p[2] == '-' || p[2] == '_' || (p[2] == 's' && (p[3] == 0 || p[3] == ' '))))
            return true;
    }
    return false;
}

static bool meta_class(const char *v)
{
    static const char *const pats[] = {"byline", "author", "dateline", "timestamp", "published",
                                       "updated", "pubdate", "article-date", "post-date"};
    if (!v)
        return false;
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++)
        if (strcasestr(v, pats[k]))
            return true;
    return false;
}

static const char *attr(const GumboNode *n, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

static bool is_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FORM: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_BODY:
    case GUMBO_TAG_HR: case GUMBO_TAG_TIME: case GUMBO_TAG_BUTTON: case GUMBO_TAG_LABEL:
        return true;
    default:
        return false;
    }
}

static bool is_skipped_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SELECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
        return true;
    default:
        return false;
    }
}

static void flush(html *h)
{
    sr_buf *c = &h->cur;
    while (c->n && c->p[c->n - 1] == ' ')
        c->n--;
    if (c->n == 0)
        return;
    if (h->text.n)
        sr_buf_put(&h->text, "\n\n", 2);
    uint32_t start = (uint32_t)h->text.n;
    sr_buf_put(&h->text, c->p, c->n);
    if (h->text.failed || h->text.n > UINT32_MAX / 2 ||
        !sr_doc_add_block(h->d, start, (uint32_t)h->text.n, h->cur_kind))
        h->oom = true;
    if (h->cur_kind == SR_BLOCK_META && !h->m.byline && c->n > 3 && strncasecmp(c->p, "by ", 3) == 0) {
        h->m.byline = sr_arena_strndup(h->d->arena, c->p + 3, c->n - 3);
        if (!h->m.byline)
            h->oom = true;
    }
    if (h->cur_kind == SR_BLOCK_TITLE && !h->m.h1) {
        h->m.h1 = sr_arena_strndup(h->d->arena, c->p, c->n);
        if (!h->m.h1)
            h->oom = true;
    }
    c->n = 0;
    h->cur_space = false;
}

static void add_text(html *h, const char *t, sr_block_kind kind)
{
    sr_buf *c = &h->cur;
    for (const char *p = t; *p; p++) {
        char ch = *p;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            if (c->n && !h->cur_space) {
                sr_buf_putc(c, ' ');
                h->cur_space = true;
            }
            continue;
        }
        if (c->n == 0)
            h->cur_kind = kind;
        sr_buf_putc(c, ch);
        h->cur_space = false;
    }
    if (c->failed)
        h->oom = true;
}

/* JSON-LD: the first object with a headline or dates, searched through
 * arrays and @graph. */
static void jsonld_walk(html *h, const cJSON *j, int depth)
{
    if (!j || depth > 8)
        return;
    if (cJSON_IsArray(j)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, j) jsonld_walk(h, it, depth + 1);
        return;
    }
    if (!cJSON_IsObject(j))
        return;
    const cJSON *v;
    if (!h->m.ld_headline && cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(j, "headline")))
        h->m.ld_headline = dup(h, v->valuestring);
    if (!h->m.pub_ld && cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(j, "datePublished")))
        h->m.pub_ld = dup(h, v->valuestring);
    if (!h->m.upd_ld && cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(j, "dateModified")))
        h->m.upd_ld = dup(h, v->valuestring);
    if (!h->m.section && cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(j, "articleSection")))
        h->m.section = dup(h, v->valuestring);
    if (!h->m.byline && (v = cJSON_GetObjectItemCaseSensitive(j, "author"))) {
        const cJSON *a = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, 0) : v;
        const cJSON *nm = cJSON_IsObject(a) ? cJSON_GetObjectItemCaseSensitive(a, "name") : a;
        if (cJSON_IsString(nm))
            h->m.byline = dup(h, nm->valuestring);
    }
    jsonld_walk(h, cJSON_GetObjectItemCaseSensitive(j, "@graph"), depth + 1);
}

static void head_meta(html *h, const GumboNode *n)
{
    const char *prop = attr(n, "property");
    const char *name = attr(n, "name");
    const char *ip = attr(n, "itemprop");
    const char *content = attr(n, "content");
    if (!content)
        return;
    const char *k = prop ? prop : name ? name : ip;
    if (!k)
        return;
    struct { const char *key; const char **slot; } keys[] = {
        {"og:title", &h->m.og_title},
        {"twitter:title", &h->m.og_title},
        {"article:published_time", &h->m.pub_meta},
        {"og:published_time", &h->m.pub_meta},
        {"datePublished", &h->m.pub_meta},
        {"pubdate", &h->m.pub_meta},
        {"publish-date", &h->m.pub_meta},
        {"date", &h->m.pub_meta},
        {"dc.date", &h->m.pub_meta},
        {"dcterms.created", &h->m.pub_meta},
        {"parsely-pub-date", &h->m.pub_meta},
        {"article:modified_time", &h->m.upd_meta},
        {"og:updated_time", &h->m.upd_meta},
        {"dateModified", &h->m.upd_meta},
        {"dcterms.modified", &h->m.upd_meta},
        {"article:section", &h->m.section},
        {"author", &h->m.byline},
        {"parsely-author", &h->m.byline},
        {"og:url", &h->m.url},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strcasecmp(k, keys[i].key) != 0 || *keys[i].slot || !*content)
            continue;
        /* article:author is often a profile URL, not a name. */
        if (keys[i].slot == &h->m.byline && strncmp(content, "http", 4) == 0)
            continue;
        *keys[i].slot = dup(h, content);
        break;
    }
}

static const char *node_text(const GumboNode *n)
{
    if (n->v.element.children.length == 0)
        return NULL;
    const GumboNode *c = n->v.element.children.data[0];
    return c->type == GUMBO_NODE_TEXT ? c->v.text.text : NULL;
}

typedef struct frame {
    const GumboNode *node;
    unsigned child;
    sr_block_kind kind;
    bool in_article;
} frame;

static sr_block_kind element_kind(html *h, const GumboNode *n, sr_block_kind parent, bool in_article)
{
    GumboTag t = n->v.element.tag;
    if (parent == SR_BLOCK_BOILERPLATE)
        return parent;
    const char *cls = attr(n, "class"), *id = attr(n, "id"), *role = attr(n, "role");
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FORM: case GUMBO_TAG_MENU: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_LABEL: case GUMBO_TAG_NOSCRIPT:
        return SR_BLOCK_BOILERPLATE;
    case GUMBO_TAG_HEADER:
        if (!in_article)
            return SR_BLOCK_BOILERPLATE;
        break;
    default:
        break;
    }
    if (role && (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "complementary") == 0 ||
                 strcasecmp(role, "contentinfo") == 0 || strcasecmp(role, "banner") == 0))
        return SR_BLOCK_BOILERPLATE;
    if (class_matches(cls) || class_matches(id))
        return SR_BLOCK_BOILERPLATE;
    if (t == GUMBO_TAG_H1) {
        if (!h->h1_seen) {
            h->h1_seen = true;
            return SR_BLOCK_TITLE;
        }
        return SR_BLOCK_SECTION;
    }
    if (t >= GUMBO_TAG_H2 && t <= GUMBO_TAG_H6)
        return SR_BLOCK_SECTION;
    if (t == GUMBO_TAG_TIME || t == GUMBO_TAG_ADDRESS || meta_class(cls) || meta_class(id))
        return SR_BLOCK_META;
    if (parent == SR_BLOCK_TITLE || parent == SR_BLOCK_SECTION || parent == SR_BLOCK_META)
        return parent;
    return SR_BLOCK_BODY;
}

static void walk(html *h, const GumboNode *root)
{
    size_t cap = HTML_STACK0;
    frame *st = malloc(sizeof(frame) * cap);
    if (!st) {
        h->oom = true;
        return;
    }
    size_t sp = 0;
    st[sp++] = (frame){root, 0, SR_BLOCK_BODY, false};
    while (sp > 0 && !h->oom) {
        frame *f = &st[sp - 1];
        const GumboNode *n = f->node;
        if (f->child >= n->v.element.children.length) {
            if (is_block_tag(n->v.element.tag))
                flush(h);
            sp--;
            continue;
        }
        const GumboNode *c = n->v.element.children.data[f->child++];
        switch (c->type) {
        case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
            add_text(h, c->v.text.text, f->kind);
            break;
        case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE: {
            GumboTag t = c->v.element.tag;
            if (t == GUMBO_TAG_META) {
                head_meta(h, c);
                break;
            }
            if (t == GUMBO_TAG_LINK) {
                const char *rel = attr(c, "rel"), *href = attr(c, "href");
                if (rel && href && strcasecmp(rel, "canonical") == 0 && !h->m.canonical)
                    h->m.canonical = dup(h, href);
                break;
            }
            if (t == GUMBO_TAG_TITLE) {
                if (!h->m.title_tag && node_text(c))
                    h->m.title_tag = dup(h, node_text(c));
                break;
            }
            if (t == GUMBO_TAG_SCRIPT) {
                const char *type = attr(c, "type");
                const char *js = node_text(c);
                if (type && js && strcasecmp(type, "application/ld+json") == 0) {
                    cJSON *j = cJSON_Parse(js);
                    jsonld_walk(h, j, 0);
                    cJSON_Delete(j);
                }
                break;
            }
            if (t == GUMBO_TAG_TIME && !h->m.pub_time) {
                const char *dtv = attr(c, "datetime");
                const char *ipv = attr(c, "itemprop");
                if (dtv && (!ipv || strcasecmp(ipv, "dateModified") != 0))
                    h->m.pub_time = dup(h, dtv);
            }
            if (t == GUMBO_TAG_HTML && !h->m.language && attr(c, "lang"))
                h->m.language = dup(h, attr(c, "lang"));
            if (t == GUMBO_TAG_BR) {
                add_text(h, " ", f->kind);
                break;
            }
            if (is_skipped_tag(t)) {
                /* The head still holds meta tags and the title: walk it,
                 * but its text is not page text. */
                if (t != GUMBO_TAG_HEAD)
                    break;
            }
            if (is_block_tag(t))
                flush(h);
            if (sp == cap) {
                frame *ns = realloc(st, sizeof(frame) * cap * 2);
                if (!ns) {
                    h->oom = true;
                    break;
                }
                st = ns;
                cap *= 2;
                f = &st[sp - 1];
            }
            bool art = f->in_article || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN;
            sr_block_kind k = t == GUMBO_TAG_HEAD ? SR_BLOCK_BOILERPLATE
                                                  : element_kind(h, c, f->kind, f->in_article);
            st[sp++] = (frame){c, 0, k, art};
            if (t == GUMBO_TAG_HEAD)
                st[sp - 1].kind = SR_BLOCK_BOILERPLATE;
            break;
        }
        default:
            break;
        }
    }
    flush(h);
    free(st);
}

static const char *norm_date(html *h, const char *v)
{
    if (!v)
        return NULL;
    char iso[32];
    if (sr_metadate_parse(v, strlen(v), iso))
        return dup(h, iso);
    if (!sr_doc_warn(h->d, "meta", -1, "date \"%.40s\" not understood; kept as written", v))
        h->oom = true;
    return dup(h, v);
}

sitrep_status sr_read_html(sr_doc *d, const char *src, size_t len)
{
    html h = {.d = d};
    sr_buf_init(&h.text);
    sr_buf_init(&h.cur);
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    GumboOutput *out = gumbo_parse_with_options(&opt, src, len);
    if (!out)
        return SITREP_ENOMEM;
    if (out->root->type == GUMBO_NODE_ELEMENT && attr(out->root, "lang"))
        h.m.language = dup(&h, attr(out->root, "lang"));
    walk(&h, out->root);
    gumbo_destroy_output(&opt, out);

    sitrep_status st = SITREP_OK;
    if (!h.oom) {
        d->text = h.text.n ? sr_arena_strndup(d->arena, h.text.p, h.text.n) : "";
        d->len = (uint32_t)h.text.n;
        if (!d->text)
            h.oom = true;
    }
    sr_meta *m = &d->meta;
    if (!h.oom) {
        const char *title = h.m.og_title ? h.m.og_title : h.m.ld_headline ? h.m.ld_headline
                                                         : h.m.h1 ? h.m.h1 : h.m.title_tag;
        if (!m->title && title)
            m->title = title;
        if (!m->published)
            m->published = norm_date(&h, h.m.pub_meta ? h.m.pub_meta
                                         : h.m.pub_time ? h.m.pub_time : h.m.pub_ld);
        if (!m->updated)
            m->updated = norm_date(&h, h.m.upd_meta ? h.m.upd_meta : h.m.upd_ld);
        if (!m->section)
            m->section = h.m.section;
        if (!m->byline)
            m->byline = h.m.byline;
        if (!m->url)
            m->url = h.m.canonical ? h.m.canonical : h.m.url;
        if (!m->language)
            m->language = h.m.language;
    }
    if (h.oom)
        st = SITREP_ENOMEM;
    sr_buf_free(&h.text);
    sr_buf_free(&h.cur);
    return st;
}
