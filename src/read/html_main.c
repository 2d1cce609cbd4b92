/*
 * html_main.c: the text of a page, and which of it is the article.
 *
 * 1. Runs.  The visible text is cut into runs at every paragraph-level
 *    element (p, li, h1-h6, td, div ...), white space collapsed; each run
 *    is one block of the document text, blocks joined by "\n\n".  Scripts,
 *    styles, templates, form controls and hidden elements give no text.
 * 2. Scores.  Every run is weighed by what it holds: prose (long enough,
 *    words, sentence punctuation, few links) counts for its element, link
 *    text and short lines count against it.  Sums go up the tree in one
 *    pass (children are numbered after their parents).  An element's
 *    score is its prose minus its furniture, scaled a little by what the
 *    element says of itself: <article>, <main>, itemprop=articleBody and
 *    the body of the page's JSON-LD raise it; class and id words of the
 *    element (never of <html> or <body>, never inherited) move it a little
 *    either way.
 * 3. The article is the best element and those of its siblings that hold
 *    prose of their own (an article split in parts).
 * 4. Inside it, furniture is dropped by content: an element mostly made of
 *    links, a navigation, aside or form with more furniture than prose, an
 *    element whose class words say "share", "related" ... and whose text
 *    is not prose, captions; a run mostly of links.  Headings are sections
 *    (the one matching the title is the title), <time> and bylines meta,
 *    the rest body.  Everything outside the article is boilerplate.
 * Every step is one pass over the nodes or the runs.
 */
#include "html.h"

#include <stdlib.h>
#include <strings.h>

typedef struct run {
    uint32_t start, len; /* in the collapsed text buffer */
    uint32_t owner;      /* innermost paragraph-level element */
    uint32_t chars, link_chars, words, stops, commas;
    uint8_t kind;
    bool heading; /* a sub-heading made body text (below) */
} run;

/* Per node, filled in one pass in document order (parents first). */
enum {
    NF_SKIP = 1 << 0,    /* no text: script, style, form control, hidden */
    NF_LINK = 1 << 1,    /* inside <a href> */
    NF_HEAD = 1 << 2,    /* inside h1-h6 */
    NF_META = 1 << 3,    /* inside <time>, <address> or a byline */
    NF_CAPTION = 1 << 4, /* inside figcaption or caption */
    NF_CONTROL = 1 << 5, /* inside button, label, select, form legend */
};

typedef struct agg {
    float prose, junk;  /* weighted characters */
    uint32_t chars, link_chars, runs;
} agg;

typedef struct mainst {
    const htree *t;
    sr_doc *d;
    const hmeta *m;
    uint8_t *nf;      /* NF_* per node */
    uint32_t *blk;    /* nearest paragraph-level element, self included */
    agg *a;           /* per node: every run below it */
    float *kp, *kj;   /* prose and furniture below it, less furniture elements */
    uint8_t *junk_el; /* furniture by its content; 2: inside furniture */
    uint16_t *am;     /* AM_* of the node and its ancestors */
    int8_t *ce;       /* class_evidence of the node */
    uint16_t *depth;
    uint32_t *first_run, *last_run; /* runs below a node, UINT32_MAX none */
    uint32_t title_run;             /* UINT32_MAX none */
    uint32_t nruns, rcap;
    run *rv;
    sr_buf text;      /* collapsed text of the runs, back to back */
    sr_buf cur;
    bool cur_space;
    uint32_t cur_owner, cur_links;
    bool oom;
} mainst;

static bool is_block(htag t)
{
    switch (t) {
    case H_P: case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6: case H_LI:
    case H_BLOCKQUOTE: case H_PRE: case H_FIGCAPTION: case H_CAPTION: case H_DT: case H_DD:
    case H_TD: case H_TH: case H_ADDRESS: case H_DIV: case H_SECTION: case H_ARTICLE:
    case H_HEADER: case H_FOOTER: case H_NAV: case H_ASIDE: case H_MAIN: case H_FIGURE:
    case H_FORM: case H_TABLE: case H_TR: case H_UL: case H_OL: case H_DL: case H_BODY:
    case H_HR: case H_TIME: case H_BUTTON: case H_LABEL: case H_CENTER: case H_DETAILS:
    case H_SUMMARY: case H_DIALOG: case H_FIELDSET: case H_LEGEND: case H_MENU: case H_HTML:
    case H_TBODY: case H_THEAD: case H_TFOOT: case H_OPTION: case H_NOSCRIPT:
        return true;
    default:
        return false;
    }
}

static bool is_skipped(htag t)
{
    switch (t) {
    case H_SCRIPT: case H_STYLE: case H_TEMPLATE: case H_SVG: case H_MATH: case H_IFRAME:
    case H_OBJECT: case H_HEAD: case H_SELECT: case H_EMBED: case H_CANVAS: case H_TEXTAREA:
    case H_TITLE: case H_NOSCRIPT: case H_AUDIO: case H_VIDEO: case H_OPTION:
        return true;
    default:
        return false;
    }
}

/* Ancestor marks (the node itself included), for the block classifier. */
enum {
    AM_NAV = 1 << 0, AM_ASIDE = 1 << 1, AM_FOOTER = 1 << 2, AM_HEADER = 1 << 3, AM_FORM = 1 << 4,
    AM_FIGURE = 1 << 5, AM_LIST = 1 << 6, AM_TABLE = 1 << 7, AM_ARTICLE = 1 << 8, AM_MAIN = 1 << 9,
    AM_LI = 1 << 10, AM_QUOTE = 1 << 11, AM_SECTION = 1 << 12, AM_STRONG = 1 << 13,
    AM_ITEMBODY = 1 << 14, AM_BADWORD = 1 << 15,
};

static uint16_t am_of(htag t)
{
    switch (t) {
    case H_NAV: case H_MENU: return AM_NAV;
    case H_ASIDE: return AM_ASIDE;
    case H_FOOTER: return AM_FOOTER;
    case H_HEADER: return AM_HEADER;
    case H_FORM: return AM_FORM;
    case H_FIGURE: return AM_FIGURE;
    case H_UL: case H_OL: case H_DL: return AM_LIST;
    case H_TABLE: return AM_TABLE;
    case H_ARTICLE: return AM_ARTICLE;
    case H_MAIN: return AM_MAIN;
    case H_LI: return AM_LI;
    case H_BLOCKQUOTE: case H_Q: return AM_QUOTE;
    case H_SECTION: return AM_SECTION;
    case H_B: case H_STRONG: return AM_STRONG;
    default: return 0;
    }
}

/* ---- class and id words ------------------------------------------------- */

/* Does v hold w as a word part: delimited by start/end, space, -, _ or a
 * case change ("articleBody")?  Prefix match: "comment" finds "comments". */
static bool has_word(const char *v, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = v; (p = strcasestr(p, w)) != NULL; p++) {
        char b = p == v ? ' ' : p[-1];
        bool start = b == ' ' || b == '-' || b == '_' || b == ':' || (b >= '0' && b <= '9') ||
                     ((b >= 'a' && b <= 'z') && p[0] >= 'A' && p[0] <= 'Z');
        if (start)
            return true;
        (void)wl;
    }
    return false;
}

/* The places in v where a word part starts (as has_word reads them),
 * found once so that many words are matched against them cheaply; more
 * than WS_MAX of them and has_word itself is used. */
#define WS_MAX 64
typedef struct wstarts {
    const char *v;
    const char *p[WS_MAX];
    int n;          /* -1: too many */
    uint32_t first; /* the letters the parts start with (bit 26: any other) */
} wstarts;

static uint32_t first_bit(unsigned char c)
{
    c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}

static void word_starts(wstarts *w, const char *v)
{
    w->v = v;
    w->n = 0;
    w->first = 0;
    for (const char *q = v; *q; q++) {
        char b = q == v ? ' ' : q[-1];
        bool start = b == ' ' || b == '-' || b == '_' || b == ':' || (b >= '0' && b <= '9') ||
                     ((b >= 'a' && b <= 'z') && q[0] >= 'A' && q[0] <= 'Z');
        if (!start)
            continue;
        if (w->n == WS_MAX) {
            w->n = -1;
            return;
        }
        w->p[w->n++] = q;
        w->first |= first_bit((unsigned char)*q);
    }
}

static int lower_c(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* has_word(w->v, word), through the starts found once */
static bool has_word_at(const wstarts *w, const char *word)
{
    if (w->n < 0)
        return has_word(w->v, word);
    if (!(w->first & first_bit((unsigned char)word[0])))
        return false;
    size_t wl = strlen(word);
    int c0 = lower_c((unsigned char)word[0]);
    for (int i = 0; i < w->n; i++)
        if (lower_c((unsigned char)w->p[i][0]) == c0 && strncasecmp(w->p[i], word, wl) == 0)
            return true;
    return false;
}

static const char *const bad_words[] = {
    "related", "share", "sharing", "social", "newsletter", "promo", "advert", "sponsor",
    "sidebar", "comment", "breadcrumb", "navigation", "navbar", "nav", "menu", "footer",
    "subscribe", "cookie", "consent", "recirc", "outbrain", "taboola", "trending", "popular",
    "most-read", "mostread", "signup", "banner", "widget", "teaser", "recommend", "more-",
    "readmore", "read-more", "tags", "tag-", "pagination", "pager", "author-bio", "disqus",
    "masthead", "topbar", "toolbar", "login", "modal", "popup", "overlay", "print", "skip",
    "hidden", "ad", "ads", "adv", "gallery", "caption", "credit", "rating", "byline", "meta",
    "bio", "about-author", "author-box", "authorbox", "disclaimer", "copyright", "legal",
    "donate", "cta", "follow", "inline-", "embed", "infobox", "pullquote",
};
static const char *const good_words[] = {
    "article", "content", "entry", "post", "story", "text", "body", "main", "blog", "news",
    "prose", "page-content", "rich-text", "richtext", "single", "detail", "artikel",
};

/* +1 when the element's own class/id words say content, -1 furniture. */
static int class_evidence(const htree *t, const hnode *n)
{
    int bad = 0, good = 0;
    const char *vs[2] = {hstr(t, n->cls), hstr(t, n->id)};
    for (int k = 0; k < 2; k++) {
        const char *v = vs[k];
        if (!v || !*v)
            continue;
        wstarts ws;
        word_starts(&ws, v);
        for (size_t i = 0; i < sizeof bad_words / sizeof *bad_words; i++)
            if (has_word_at(&ws, bad_words[i])) {
                size_t l = strlen(bad_words[i]);
                /* "ad", "ads", "nav" only as whole words */
                if (l <= 3) {
                    const char *p = v;
                    bool whole = false;
                    while ((p = strcasestr(p, bad_words[i])) != NULL) {
                        char b = p == v ? ' ' : p[-1], e = p[l];
                        if ((b == ' ' || b == '-' || b == '_') &&
                            (e == 0 || e == ' ' || e == '-' || e == '_'))
                            whole = true;
                        p++;
                    }
                    if (!whole)
                        continue;
                }
                bad++;
                break;
            }
        for (size_t i = 0; i < sizeof good_words / sizeof *good_words; i++)
            if (has_word_at(&ws, good_words[i])) {
                good++;
                break;
            }
    }
    const char *role = hstr(t, n->role);
    if (role && (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "complementary") == 0 ||
                 strcasecmp(role, "contentinfo") == 0 || strcasecmp(role, "banner") == 0 ||
                 strcasecmp(role, "menu") == 0 || strcasecmp(role, "dialog") == 0))
        bad++;
    if (role && (strcasecmp(role, "main") == 0 || strcasecmp(role, "article") == 0))
        good++;
    return good > bad ? 1 : bad > good ? -1 : 0;
}

static bool meta_words(const htree *t, const hnode *n)
{
    static const char *const w[] = {"byline", "author", "dateline", "timestamp", "published",
                                    "pubdate", "date", "updated"};
    const char *vs[3] = {hstr(t, n->cls), hstr(t, n->id), hstr(t, n->itemprop)};
    for (int k = 0; k < 3; k++) {
        if (!vs[k])
            continue;
        wstarts ws;
        word_starts(&ws, vs[k]);
        for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
            if (!has_word_at(&ws, w[i]))
                continue;
            /* a word, not the start of a longer one ("dates" yes, "datepicker" no) */
            const char *p = strcasestr(vs[k], w[i]) + strlen(w[i]);
            if (*p == 0 || *p == ' ' || *p == '-' || *p == '_' || *p == 's' || (*p >= 'A' && *p <= 'Z'))
                return true;
        }
    }
    return false;
}

/* ---- runs ----------------------------------------------------------------- */

static void flush(mainst *s)
{
    sr_buf *c = &s->cur;
    while (c->n && c->p[c->n - 1] == ' ')
        c->n--;
    if (c->n == 0) {
        s->cur_links = 0;
        return;
    }
    if (s->nruns == s->rcap) {
        uint32_t cap = s->rcap ? s->rcap * 2 : 256;
        run *nv = realloc(s->rv, sizeof *nv * cap);
        if (!nv) {
            s->oom = true;
            return;
        }
        s->rv = nv;
        s->rcap = cap;
    }
    run *r = &s->rv[s->nruns++];
    *r = (run){.start = (uint32_t)s->text.n, .len = (uint32_t)c->n, .owner = s->cur_owner};
    sr_buf_put(&s->text, c->p, c->n);
    if (s->text.failed || s->text.n > UINT32_MAX / 2)
        s->oom = true;
    uint32_t chars = 0, words = 0, stops = 0, commas = 0;
    bool in_word = false;
    for (size_t i = 0; i < c->n; i++) {
        unsigned char ch = (unsigned char)c->p[i];
        if ((ch & 0xC0) != 0x80)
            chars++;
        if (ch == ' ') {
            in_word = false;
            continue;
        }
        if (!in_word)
            words++;
        in_word = true;
        if ((ch == '.' || ch == '!' || ch == '?') && (i + 1 == c->n || c->p[i + 1] == ' '))
            stops++;
        else if (ch == 0xE2 && i + 2 < c->n && (unsigned char)c->p[i + 1] == 0x80 &&
                 (unsigned char)c->p[i + 2] == 0xA6)
            stops++; /* … */
        else if (ch == ',' || ch == ';')
            commas++;
        else if (ch == 0xE3 && i + 2 < c->n && (unsigned char)c->p[i + 1] == 0x80 &&
                 ((unsigned char)c->p[i + 2] == 0x82 || (unsigned char)c->p[i + 2] == 0x81))
            stops++; /* 。 、 */
    }
    r->chars = chars;
    r->link_chars = s->cur_links < chars ? s->cur_links : chars;
    r->words = words;
    r->stops = stops;
    r->commas = commas;
    c->n = 0;
    s->cur_space = false;
    s->cur_links = 0;
}

static void add_text(mainst *s, const char *p, size_t n, uint32_t owner, bool link)
{
    sr_buf *c = &s->cur;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
        /* U+00A0 no-break space is a space too */
        if (ch == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0) {
            sp = true;
            i++;
        }
        if (sp) {
            if (c->n && !s->cur_space) {
                sr_buf_putc(c, ' ');
                s->cur_space = true;
            }
            continue;
        }
        if (c->n == 0)
            s->cur_owner = owner;
        sr_buf_putc(c, (char)ch);
        s->cur_space = false;
        if (link && (ch & 0xC0) != 0x80)
            s->cur_links++;
    }
    if (c->failed)
        s->oom = true;
}

/* One pass in document order: flags, and the runs. */
static void gather(mainst *s)
{
    const htree *t = s->t;
    for (uint32_t i = 1; i < t->nn; i++) {
        const hnode *n = &t->n[i];
        uint32_t p = n->parent;
        uint8_t f = s->nf[p];
        s->blk[i] = s->blk[p];
        if (!(n->flags & HF_TEXT)) {
            htag tg = (htag)n->tag;
            if (is_skipped(tg) || (n->flags & HF_HIDDEN) || tg == H_INPUT)
                f |= NF_SKIP;
            if (tg == H_A && n->href)
                f |= NF_LINK;
            if (tg >= H_H1 && tg <= H_H6)
                f |= NF_HEAD;
            if (tg == H_TIME || tg == H_ADDRESS || (!(f & NF_HEAD) && meta_words(t, n)))
                f |= NF_META;
            if (tg == H_FIGCAPTION || tg == H_CAPTION)
                f |= NF_CAPTION;
            if (tg == H_BUTTON || tg == H_LABEL || tg == H_LEGEND)
                f |= NF_CONTROL;
            if (is_block(tg))
                s->blk[i] = i;
        }
        s->nf[i] = f;
        s->depth[i] = (uint16_t)(s->depth[p] + (s->depth[p] < UINT16_MAX));
        s->am[i] = s->am[p];
        if (!(n->flags & HF_TEXT)) {
            s->am[i] |= am_of((htag)n->tag);
            if (s->m->itembody == i)
                s->am[i] |= AM_ITEMBODY;
            if (n->cls || n->id || n->role)
                s->ce[i] = (int8_t)class_evidence(t, n);
            if (s->ce[i] < 0)
                s->am[i] |= AM_BADWORD;
        }
    }
    /* the walk: text in order, a run ends at every paragraph-level edge */
    uint32_t i = t->nn > 1 ? t->n[0].first : 0;
    while (i && !s->oom) {
        const hnode *n = &t->n[i];
        bool down = false;
        if (n->flags & HF_TEXT) {
            if (!(s->nf[i] & NF_SKIP))
                add_text(s, t->pool.p + n->text, n->tlen, s->blk[i], s->nf[i] & NF_LINK);
        } else if (!(s->nf[i] & NF_SKIP)) {
            if (n->tag == H_BR)
                add_text(s, " ", 1, s->blk[i], false);
            else if (is_block((htag)n->tag))
                flush(s);
            down = n->first != 0;
        }
        if (down) {
            i = n->first;
            continue;
        }
        while (i && !t->n[i].next) {
            i = t->n[i].parent;
            if (i && is_block((htag)t->n[i].tag) && !(s->nf[i] & NF_SKIP))
                flush(s);
        }
        if (i)
            i = t->n[i].next;
    }
    flush(s);
}

/* A heading is a run of h1-h6 itself (not of a block inside one). */
static bool heading(const mainst *s, const run *r)
{
    htag tg = (htag)s->t->n[r->owner].tag;
    return tg >= H_H1 && tg <= H_H6;
}

/* A heading of sentences (a lead or standfirst set as h2) reads as a
 * paragraph: its kind is body where a heading's would be section. */
static bool prose_heading(const run *r)
{
    return r->chars >= 200 || (r->chars >= 120 && r->stops >= 1);
}

/* ---- scores ---------------------------------------------------------------- */

/* How much of a run reads as prose, 0..1: words, sentence punctuation,
 * length, few links. */
static float prose_of(const run *r)
{
    if (r->chars == 0 || r->words < 3)
        return 0;
    float ld = (float)r->link_chars / (float)r->chars;
    if (ld > 0.5f)
        return 0;
    bool sentence = r->stops + r->commas > 0;
    float len;
    if (r->chars >= 100)
        len = 1.0f;
    else if (r->chars >= 25)
        len = 0.3f + 0.7f * (float)(r->chars - 25) / 75.0f;
    else
        len = 0.1f;
    if (!sentence)
        len *= r->chars >= 100 ? 0.7f : 0.4f;
    return len * (1.0f - ld);
}

static bool container(htag t)
{
    switch (t) {
    case H_DIV: case H_SECTION: case H_ARTICLE: case H_MAIN: case H_TD: case H_TH: case H_BODY:
    case H_FORM: case H_TABLE: case H_TBODY: case H_TR: case H_CENTER: case H_HEADER:
    case H_FOOTER: case H_ASIDE: case H_NAV: case H_OTHER: case H_DD:
    case H_BLOCKQUOTE: case H_DETAILS: case H_FIELDSET: case H_SPAN:
        return true;
    default:
        return false;
    }
}

/* How far an element's own markup raises or lowers it as the article. */
static float weight(const mainst *s, uint32_t i)
{
    const hnode *n = &s->t->n[i];
    htag tg = (htag)n->tag;
    if (tg == H_HTML || tg == H_BODY)
        return 1.0f;
    float w = 1.0f;
    if (tg == H_ARTICLE || tg == H_MAIN)
        w *= 1.25f;
    if (tg == H_NAV || tg == H_ASIDE || tg == H_FOOTER || tg == H_MENU)
        w *= 0.6f;
    if (s->m->itembody == i)
        w *= 1.5f;
    int ce = s->ce[i];
    if (ce > 0)
        w *= 1.15f;
    else if (ce < 0)
        w *= 0.75f;
    if (s->junk_el[i] == 2)
        w *= 0.6f; /* inside an element that is furniture */
    /* the title nearby: the element holds it or starts right after it */
    if (s->title_run != UINT32_MAX && s->first_run[i] != UINT32_MAX &&
        s->first_run[i] <= s->title_run + 3 && s->last_run[i] > s->title_run)
        w *= 1.3f;
    return w;
}

/* Is element i furniture by what it holds (and, a little, by its words)? */
static bool furniture(const mainst *s, uint32_t i)
{
    const hnode *n = &s->t->n[i];
    const agg *a = &s->a[i];
    htag tg = (htag)n->tag;
    if (tg == H_BODY || tg == H_HTML || a->chars == 0)
        return false;
    float ld = (float)a->link_chars / (float)a->chars;
    if (ld > 0.5f && tg != H_P && !(tg >= H_H1 && tg <= H_H6))
        return true;
    if ((tg == H_NAV || tg == H_MENU) && a->junk > 0.3f * a->prose)
        return true;
    if ((tg == H_ASIDE || tg == H_FORM || tg == H_FOOTER) && a->junk > a->prose)
        return true;
    if (tg == H_FIGCAPTION || tg == H_CAPTION)
        return true;
    if (tg == H_FIGURE && a->prose < 0.5f * a->junk)
        return true;
    if (s->nf[i] & NF_CONTROL)
        return true;
    int ce = s->ce[i];
    if (ce < 0 && tg != H_P && (a->prose < 2.0f * a->junk || a->chars < 500))
        return true;
    return false;
}

static void score(mainst *s)
{
    const htree *t = s->t;
    for (uint32_t k = 0; k < s->nruns; k++) {
        const run *r = &s->rv[k];
        agg *a = &s->a[r->owner];
        a->chars += r->chars;
        a->link_chars += r->link_chars;
        a->runs++;
        if (heading(s, r))
            continue; /* headings are neither prose nor furniture */
        float p = prose_of(r);
        a->prose += p * (float)r->chars;
        a->junk += (1.0f - p) * (float)r->chars;
    }
    for (uint32_t i = 1; i < t->nn; i++) {
        s->kp[i] = s->a[i].prose;
        s->kj[i] = s->a[i].junk;
    }
    for (uint32_t i = t->nn; i-- > 1;) {
        agg *a = &s->a[i], *pa = &s->a[t->n[i].parent];
        pa->prose += a->prose;
        pa->junk += a->junk;
        pa->chars += a->chars;
        pa->link_chars += a->link_chars;
        pa->runs += a->runs;
        /* all of i's children are summed in a: is i furniture? */
        if (!(t->n[i].flags & HF_TEXT) && furniture(s, i))
            s->junk_el[i] = 1;
        if (!s->junk_el[i]) {
            s->kp[t->n[i].parent] += s->kp[i];
            s->kj[t->n[i].parent] += s->kj[i];
        }
    }
}

static float net(const mainst *s, uint32_t i)
{
    return (s->kp[i] - 0.5f * s->kj[i]) * weight(s, i);
}

/* ---- kinds ------------------------------------------------------------------ */

enum { IN_NO, IN_ARTICLE, IN_JUNK };

/* The first node after i's subtree (nodes are numbered in document
 * order, so a subtree is a range). */
static uint32_t subtree_end(const htree *t, uint32_t i)
{
    while (i && !t->n[i].next)
        i = t->n[i].parent;
    return i ? t->n[i].next : t->nn;
}

/* Does s hold the n bytes at p (any case)? */
static bool contains(const char *s, const char *p, size_t n)
{
    size_t sl = strlen(s);
    if (sl > 1000 || n > 1000)
        return false; /* titles are short; this bounds the search */
    for (size_t i = 0; n && i + n <= sl; i++)
        if (strncasecmp(s + i, p, n) == 0)
            return true;
    return false;
}

/* Does h[0..hl) hold the string p (any case)?  Both bounded by the caller. */
static bool contains_n(const char *h, size_t hl, const char *p)
{
    size_t n = strlen(p);
    if (n > 1000)
        return false;
    for (size_t i = 0; n && i + n <= hl; i++)
        if (strncasecmp(h + i, p, n) == 0)
            return true;
    return false;
}

static bool same_text(const char *a, size_t al, const char *b)
{
    if (!b)
        return false;
    size_t bl = strlen(b);
    return al == bl && strncasecmp(a, b, al) == 0;
}

/* ---- the learned block classifier ---------------------------------------- */

/* html_block_w[], HTML_BLOCK_TRAINED: generated from data/html/block.weights
 * (tools/html_train.c, make html-train). */
#include "html_block.inc"

/* Words of the JSON-LD articleBody, as a set of hashed word triples: how
 * much of a run the page's own metadata calls its article. */
typedef struct shingles {
    uint32_t *h;
    uint32_t mask, n;
} shingles;

static uint32_t mix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

/* Calls fn for every word triple of p[0..n): words are runs of letters
 * and digits (ASCII folded, other bytes kept), punctuation between them
 * ignored.  Returns the number of triples. */
static uint32_t triples(const char *p, size_t n, shingles *set, bool add, uint32_t *hits)
{
    uint32_t w[3] = {0, 0, 0}, nw = 0, count = 0;
    uint32_t h = 2166136261u;
    bool in = false;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)p[i] : ' ';
        bool wc = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (wc) {
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            h = (h ^ c) * 16777619u;
            in = true;
            continue;
        }
        if (!in)
            continue;
        in = false;
        w[0] = w[1];
        w[1] = w[2];
        w[2] = h;
        h = 2166136261u;
        if (++nw < 3)
            continue;
        uint32_t k = mix32(w[0] * 31u + mix32(w[1] * 17u + mix32(w[2]))) | 1u;
        count++;
        if (!set->h)
            continue;
        uint32_t j = k & set->mask;
        while (set->h[j] && set->h[j] != k)
            j = (j + 1) & set->mask;
        if (add) {
            if (!set->h[j] && set->n < set->mask / 2) {
                set->h[j] = k;
                set->n++;
            }
        } else if (set->h[j] == k) {
            (*hits)++;
        }
    }
    return count;
}

static bool shingles_build(shingles *set, const char *body, size_t n)
{
    if (n > (1u << 20))
        n = 1u << 20; /* bounded: an article body is far shorter */
    uint32_t need = triples(body, n, &(shingles){0}, false, NULL), cap = 64;
    while (cap < 2 * need + 2)
        cap *= 2;
    set->h = calloc(cap, sizeof *set->h);
    if (!set->h)
        return false;
    set->mask = cap - 1;
    triples(body, n, set, true, NULL);
    return true;
}

/* Feature namespaces; heading runs use their own (a model of their own). */
enum {
    FN_BIAS = 1, FN_WHERE, FN_CH, FN_CHW, FN_WORDS, FN_LD, FN_LDW, FN_STOPS, FN_COMMAS,
    FN_PROSE, FN_PROSEW, FN_END, FN_FIRST, FN_TAG, FN_TAGW, FN_PTAG, FN_ANC, FN_ANCW, FN_NF,
    FN_JUNK, FN_POS, FN_TITLE, FN_PREV, FN_NEXT, FN_PREVW, FN_NEXTW, FN_PAR, FN_PARW, FN_CWOWN,
    FN_CWANC, FN_FWORD, FN_LDB, FN_LDBW, FN_ARTSZ, FN_DEPTH, FN_NRUNS, FN_SAMEP, FN_DIGITS,
    FN_PSHARE = 41, FN_GSHARE, FN_ASHARE,
    FN_HEADING = 0x80,
};

static uint32_t feat(uint32_t ns, uint32_t v)
{
    return mix32(ns * 0x9e3779b9u ^ mix32(v + 0x632be5abu)) & ((1u << HTML_FEAT_BITS) - 1);
}

static uint32_t feat_str(uint32_t ns, const char *p, size_t n)
{
    uint32_t h = 2166136261u ^ ns;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return feat(ns, h);
}

static uint32_t bin_log2(uint32_t v)
{
    uint32_t b = 0;
    while (v) {
        b++;
        v >>= 1;
    }
    return b;
}

static uint32_t bin_frac(float f, uint32_t n)
{
    if (f <= 0)
        return 0;
    uint32_t b = 1 + (uint32_t)(f * (float)n);
    return b > n ? n : b;
}

/* The words of a class or id attribute, each a feature (lower-cased,
 * split at non-letters and case changes, numbers left out); at most 24. */
static uint32_t class_feats(uint32_t ns, const char *v, uint32_t *f, uint8_t *fns, uint32_t nf, uint32_t cap)
{
    if (!v)
        return nf;
    char w[24];
    size_t wl = 0;
    bool digits = true;
    uint32_t words = 0;
    for (size_t i = 0;; i++) {
        char c = v[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool digit = c >= '0' && c <= '9';
        bool split = !(letter || digit) || (wl && c >= 'A' && c <= 'Z' && w[wl - 1] >= 'a' && w[wl - 1] <= 'z');
        if (split && wl) {
            if (!digits && wl >= 2 && nf < cap) {
                if (fns)
                    fns[nf] = (uint8_t)(ns & ~(uint32_t)FN_HEADING);
                f[nf++] = feat_str(ns, w, wl);
                words++;
            }
            wl = 0;
            digits = true;
        }
        if (!c || words >= 24 || i > 600)
            break;
        if (letter || digit) {
            if (wl < sizeof w)
                w[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (letter)
                digits = false;
        }
    }
    return nf;
}

typedef struct fctx {
    const uint8_t *in;
    uint32_t best, art_first, art_last, art_chars, art_runs;
    float page_prose, art_prose; /* prose of the page, of the article's runs */
    shingles ld;
    bool has_ld;
} fctx;

static uint32_t where_of(const fctx *c, uint32_t owner) { return c->in[owner]; }

static uint32_t char_class(unsigned char ch)
{
    if (ch == '.' || ch == '!' || ch == '?')
        return 1;
    if (ch == ':' || ch == ';' || ch == ',')
        return 2;
    if (ch >= '0' && ch <= '9')
        return 3;
    if (ch >= 'a' && ch <= 'z')
        return 4;
    if (ch >= 'A' && ch <= 'Z')
        return 5;
    if (ch == '"' || ch == '\'' || ch == ')' || ch == '(')
        return 6;
    if (ch >= 0x80)
        return 7;
    return 8;
}

/* The features of run k, into f (at most HTML_MAX_FEATS); their
 * namespaces into fns unless it is NULL (the trainer's ablations). */
#define PUT(ns_, v_) ((fns ? (void)(fns[nf] = (uint8_t)(ns_)) : (void)0), f[nf++] = (v_))
static uint32_t run_features(const mainst *s, const fctx *c, uint32_t k, uint32_t *f, uint8_t *fns)
{
    const htree *t = s->t;
    const run *r = &s->rv[k];
    uint32_t o = r->owner, nf = 0, cap = HTML_MAX_FEATS;
    uint32_t hd = heading(s, r) ? FN_HEADING : 0;
    uint32_t wh = where_of(c, o);
    float ld = r->chars ? (float)r->link_chars / (float)r->chars : 0;
    uint32_t ldb = ld <= 0 ? 0 : ld < 0.1f ? 1 : ld < 0.3f ? 2 : ld < 0.5f ? 3 : ld < 0.8f ? 4 : 5;
    uint32_t chb = bin_log2(r->chars);
    float pr = prose_of(r);
    uint32_t prb = bin_frac(pr, 5);
    const char *txt = s->text.p + r->start;
    PUT(FN_BIAS, feat(FN_BIAS | hd, 0));
    PUT(FN_WHERE, feat(FN_WHERE | hd, wh * 8 + r->kind));
    PUT(FN_CH, feat(FN_CH | hd, chb));
    PUT(FN_CHW, feat(FN_CHW | hd, wh * 32 + chb));
    PUT(FN_WORDS, feat(FN_WORDS | hd, bin_log2(r->words)));
    PUT(FN_LD, feat(FN_LD | hd, ldb));
    PUT(FN_LDW, feat(FN_LDW | hd, wh * 8 + ldb));
    PUT(FN_STOPS, feat(FN_STOPS | hd, r->stops < 6 ? r->stops : 6));
    PUT(FN_COMMAS, feat(FN_COMMAS | hd, r->commas < 6 ? r->commas : 6));
    PUT(FN_PROSE, feat(FN_PROSE | hd, prb));
    PUT(FN_PROSEW, feat(FN_PROSEW | hd, wh * 8 + prb));
    PUT(FN_END, feat(FN_END | hd, char_class((unsigned char)txt[r->len - 1])));
    PUT(FN_FIRST, feat(FN_FIRST | hd, char_class((unsigned char)txt[0])));
    uint32_t digits = 0;
    for (uint32_t i = 0; i < r->len; i++)
        digits += txt[i] >= '0' && txt[i] <= '9';
    PUT(FN_DIGITS, feat(FN_DIGITS | hd, bin_frac((float)digits / (float)r->len, 4)));
    htag tg = (htag)t->n[o].tag;
    PUT(FN_TAG, feat(FN_TAG | hd, tg));
    PUT(FN_TAGW, feat(FN_TAGW | hd, wh * 256 + tg));
    uint32_t par = t->n[o].parent;
    PUT(FN_PTAG, feat(FN_PTAG | hd, t->n[par].tag));
    for (uint32_t b = 0; b < 16; b++)
        if (s->am[o] & (1u << b)) {
            PUT(FN_ANC, feat(FN_ANC | hd, b));
            PUT(FN_ANCW, feat(FN_ANCW | hd, wh * 16 + b));
        }
    for (uint32_t b = 0; b < 6; b++)
        if (s->nf[o] & (1u << b))
            PUT(FN_NF, feat(FN_NF | hd, b));
    PUT(FN_JUNK, feat(FN_JUNK | hd, s->junk_el[o]));
    /* where the run lies from the article */
    uint32_t pos;
    if (c->art_first == UINT32_MAX)
        pos = 0;
    else if (k < c->art_first)
        pos = 10 + bin_log2(c->art_first - k);
    else if (k > c->art_last)
        pos = 40 + bin_log2(k - c->art_last);
    else
        pos = 30 + (c->art_last > c->art_first ? 8 * (k - c->art_first) / (c->art_last - c->art_first + 1) : 0);
    PUT(FN_POS, feat(FN_POS | hd, pos));
    uint32_t tdist = s->title_run == UINT32_MAX ? 0
                     : k < s->title_run         ? 20 + bin_log2(s->title_run - k)
                                                : 40 + bin_log2(k - s->title_run);
    PUT(FN_TITLE, feat(FN_TITLE | hd, tdist));
    /* the runs before and after */
    for (int side = 0; side < 2; side++) {
        uint32_t v = 0, vw = 0;
        if ((side == 0 && k > 0) || (side == 1 && k + 1 < s->nruns)) {
            const run *q = &s->rv[side == 0 ? k - 1 : k + 1];
            float qld = q->chars ? (float)q->link_chars / (float)q->chars : 0;
            v = 1 + bin_frac(prose_of(q), 4) * 8 + bin_frac(qld, 4);
            vw = where_of(c, q->owner) * 8 + q->kind;
            if (t->n[q->owner].parent == par)
                PUT(FN_SAMEP, feat(FN_SAMEP | hd, (uint32_t)side));
        }
        PUT(side ? FN_NEXT : FN_PREV, feat((side ? FN_NEXT : FN_PREV) | hd, v));
        PUT(side ? FN_NEXTW : FN_PREVW, feat((side ? FN_NEXTW : FN_PREVW) | hd, vw * 8 + wh));
    }
    /* the element around the run's own */
    const agg *pa = &s->a[par];
    if (pa->chars) {
        float pld = (float)pa->link_chars / (float)pa->chars;
        float ppr = pa->prose + pa->junk > 0 ? pa->prose / (pa->prose + pa->junk) : 0;
        uint32_t v = bin_frac(pld, 4) * 8 + bin_frac(ppr, 4);
        PUT(FN_PAR, feat(FN_PAR | hd, v));
        PUT(FN_PARW, feat(FN_PARW | hd, wh * 64 + v));
        PUT(FN_NRUNS, feat(FN_NRUNS | hd, bin_log2(pa->runs)));
    }
    /* the article's size, and how deep the run lies in it */
    PUT(FN_ARTSZ, feat(FN_ARTSZ | hd, bin_log2(c->art_chars)));
    /* how much of the page's prose lies around the run, and in the article */
    if (c->page_prose > 0) {
        uint32_t gp = t->n[par].parent;
        PUT(FN_PSHARE, feat(FN_PSHARE | hd, bin_frac(s->a[par].prose / c->page_prose, 5)));
        PUT(FN_GSHARE, feat(FN_GSHARE | hd, bin_frac(s->a[gp].prose / c->page_prose, 5)));
        PUT(FN_ASHARE, feat(FN_ASHARE | hd, wh * 8 + bin_frac(c->art_prose / c->page_prose, 5)));
    }
    if (wh != IN_NO && c->best && s->depth[o] >= s->depth[c->best])
        PUT(FN_DEPTH, feat(FN_DEPTH | hd, bin_log2((uint32_t)(s->depth[o] - s->depth[c->best]))));
    /* the JSON-LD articleBody: how much of the run it holds */
    if (c->has_ld) {
        uint32_t hits = 0, n = triples(txt, r->len, (shingles *)&c->ld, false, &hits);
        uint32_t v = n == 0 ? 1 : 2 + bin_frac((float)hits / (float)n, 4);
        PUT(FN_LDB, feat(FN_LDB | hd, v));
        PUT(FN_LDBW, feat(FN_LDBW | hd, wh * 8 + v));
    }
    /* the first word, folded */
    uint32_t wl = 0;
    char w[16];
    while (wl < r->len && wl < sizeof w && txt[wl] != ' ') {
        char ch = txt[wl];
        w[wl++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    PUT(FN_FWORD, feat_str(FN_FWORD | hd, w, wl));
    /* class and id words: the run's element, and three above it */
    nf = class_feats(FN_CWOWN | hd, hstr(t, t->n[o].cls), f, fns, nf, cap);
    nf = class_feats(FN_CWOWN | hd, hstr(t, t->n[o].id), f, fns, nf, cap);
    uint32_t a = par;
    for (int up = 0; up < 3 && a && nf < cap; up++, a = t->n[a].parent) {
        htag at = (htag)t->n[a].tag;
        if (at == H_BODY || at == H_HTML)
            break;
        nf = class_feats(FN_CWANC | hd, hstr(t, t->n[a].cls), f, fns, nf, cap);
        nf = class_feats(FN_CWANC | hd, hstr(t, t->n[a].id), f, fns, nf, cap);
    }
    return nf;
}

/* Every run's kind from the learned weights (or, with a sink, its
 * features handed over and the kinds left as they are). */
static void classify(mainst *s, const uint8_t *in, uint32_t best, const hsink *sink)
{
#if HTML_BLOCK_TRAINED
    const bool trained = true;
#else
    const bool trained = false;
#endif
    if (!sink && !trained)
        return;
    fctx c = {.in = in, .best = best, .art_first = UINT32_MAX, .art_last = 0};
    for (uint32_t k = 0; k < s->nruns; k++)
        if (in[s->rv[k].owner] != IN_NO) {
            if (c.art_first == UINT32_MAX)
                c.art_first = k;
            c.art_last = k;
            c.art_chars += s->rv[k].chars;
            c.art_runs++;
        }
    c.page_prose = s->a[0].prose;
    for (uint32_t k = 0; k < s->nruns; k++)
        if (in[s->rv[k].owner] == IN_ARTICLE && !heading(s, &s->rv[k]))
            c.art_prose += prose_of(&s->rv[k]) * (float)s->rv[k].chars;
    if (s->m->body && s->m->body_len >= 200) {
        if (!shingles_build(&c.ld, s->m->body, s->m->body_len)) {
            s->oom = true;
            return;
        }
        c.has_ld = c.ld.n > 0;
    }
    uint32_t f[HTML_MAX_FEATS], bodies = 0;
    uint8_t fns[HTML_MAX_FEATS];
    uint8_t *base = malloc(s->nruns + 1); /* the heuristics' kinds, 0xFF: left alone */
    if (!base) {
        free(c.ld.h);
        s->oom = true;
        return;
    }
    memset(base, 0xFF, s->nruns + 1);
    for (uint32_t k = 0; k < s->nruns; k++) {
        run *r = &s->rv[k];
        if (r->kind == SR_BLOCK_TITLE || r->kind == SR_BLOCK_META)
            continue; /* the title, bylines and dates stay what they are */
        uint32_t nf = run_features(s, &c, k, f, sink ? fns : NULL);
        bool hd = heading(s, r);
        if (sink) {
            sink->run(sink->ctx, k, hd, f, fns, nf);
            continue;
        }
        float v = 0;
        for (uint32_t i = 0; i < nf; i++)
            v += html_block_w[f[i]];
        base[k] = r->kind;
        if (v > -HTML_BLOCK_MARGIN && v < HTML_BLOCK_MARGIN)
            continue; /* unsure: the heuristics' kind stays */
        if (hd)
            r->kind = v > 0 ? SR_BLOCK_SECTION : SR_BLOCK_BOILERPLATE;
        else
            r->kind = v > 0 ? SR_BLOCK_BODY : SR_BLOCK_BOILERPLATE;
    }
    /* a page left with no body at all keeps the heuristics' kinds: some
     * furniture is better than no article */
    for (uint32_t k = 0; k < s->nruns; k++)
        bodies += s->rv[k].kind == SR_BLOCK_BODY;
    for (uint32_t k = 0; !sink && bodies == 0 && k < s->nruns; k++)
        if (base[k] != 0xFF)
            s->rv[k].kind = base[k];
    free(base);
    free(c.ld.h);
}

/* The page's date when its metadata gives none: the first date in a short
 * run after the title (then just before it), else in the article's first
 * runs; a bounded window. */
static bool near_date(const mainst *s, const uint8_t *in, char iso[11])
{
    uint32_t from = 0, to, title = s->title_run, own = 0;
    if (title == UINT32_MAX) {
        /* no title heading: the run before the article stands for it, and
         * is looked at itself (a "Written by ... on 25.08.2015" line) */
        while (from < s->nruns && in[s->rv[from].owner] == IN_NO)
            from++;
        title = from ? from - 1 : UINT32_MAX;
        own = 1;
    }
    to = (title == UINT32_MAX ? from : title) + 12;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t a = pass == 0 ? (title == UINT32_MAX ? from : title + 1) : (title > 4 ? title - 4 : 0);
        uint32_t b = pass == 0 ? to : title + own;
        if (pass == 1 && title == UINT32_MAX)
            break;
        for (uint32_t k = a; k < b && k < s->nruns; k++) {
            const run *r = &s->rv[k];
            if (r->chars <= 200 && sr_html_text_date(s->text.p + r->start, r->len, iso))
                return true;
        }
    }
    return false;
}

bool sr_html_main(const htree *t, sr_doc *d, const hmeta *m, const hsink *sink)
{
    mainst s = {.t = t, .d = d, .m = m};
    sr_buf_init(&s.text);
    sr_buf_init(&s.cur);
    s.nf = calloc(t->nn, 1);
    s.blk = calloc(t->nn, sizeof *s.blk);
    s.a = calloc(t->nn, sizeof *s.a);
    s.kp = calloc(t->nn, sizeof *s.kp);
    s.kj = calloc(t->nn, sizeof *s.kj);
    s.junk_el = calloc(t->nn, 1);
    s.am = calloc(t->nn, sizeof *s.am);
    s.ce = calloc(t->nn, sizeof *s.ce);
    s.depth = calloc(t->nn, sizeof *s.depth);
    s.first_run = calloc(t->nn, sizeof *s.first_run);
    s.last_run = calloc(t->nn, sizeof *s.last_run);
    if (!s.nf || !s.blk || !s.a || !s.kp || !s.kj || !s.junk_el || !s.first_run || !s.last_run || !s.am || !s.ce || !s.depth)
        s.oom = true;
    if (!s.oom)
        gather(&s);
    if (!s.oom)
        score(&s);

    /* the title: the heading that says the page's title, else the first h1 */
    uint32_t title_run = UINT32_MAX, first_h1 = UINT32_MAX, part = UINT32_MAX, nheads = 0;
    for (uint32_t k = 0; !s.oom && k < s.nruns; k++) {
        const run *r = &s.rv[k];
        if (!heading(&s, r))
            continue;
        const char *txt = s.text.p + r->start;
        if (same_text(txt, r->len, m->title) || same_text(txt, r->len, m->title_tag)) {
            title_run = k;
            break;
        }
        /* else a heading that is a good part of the raw titles ("Post | Blog"),
         * among the first 64 headings (the search is bounded) */
        if (part == UINT32_MAX && nheads++ < 64 && r->len >= 4 && t->n[r->owner].tag <= H_H2 &&
            ((m->title_raw && r->len * 3 >= strlen(m->title_raw) && contains(m->title_raw, txt, r->len)) ||
             (m->title_tag_raw && r->len * 3 >= strlen(m->title_tag_raw) &&
              contains(m->title_tag_raw, txt, r->len))))
            part = k;
        if (first_h1 == UINT32_MAX && t->n[r->owner].tag == H_H1)
            first_h1 = k;
    }
    if (title_run == UINT32_MAX)
        title_run = part != UINT32_MAX ? part : first_h1;
    s.title_run = title_run;
    /* the runs below every node, and what lies inside furniture */
    for (uint32_t i = 0; !s.oom && i < t->nn; i++)
        s.first_run[i] = s.last_run[i] = UINT32_MAX;
    for (uint32_t k = 0; !s.oom && k < s.nruns; k++) {
        uint32_t o = s.rv[k].owner;
        if (s.first_run[o] == UINT32_MAX)
            s.first_run[o] = k;
        s.last_run[o] = k;
    }
    for (uint32_t i = t->nn; !s.oom && i-- > 1;) {
        uint32_t p = t->n[i].parent;
        if (s.first_run[i] < s.first_run[p])
            s.first_run[p] = s.first_run[i];
        if (s.last_run[i] != UINT32_MAX && (s.last_run[p] == UINT32_MAX || s.last_run[i] > s.last_run[p]))
            s.last_run[p] = s.last_run[i];
    }
    for (uint32_t i = 1; !s.oom && i < t->nn; i++)
        if (!s.junk_el[i] && s.junk_el[t->n[i].parent])
            s.junk_el[i] = 2;

    /* the article: the best element, and siblings with prose of their own */
    uint32_t best = 0;
    float best_score = 0;
    for (uint32_t i = 1; !s.oom && i < t->nn; i++) {
        if ((t->n[i].flags & HF_TEXT) || (s.nf[i] & NF_SKIP) || !s.a[i].runs || s.junk_el[i] == 1 ||
            !container((htag)t->n[i].tag))
            continue;
        float v = net(&s, i);
        if (v > best_score) {
            best = i;
            best_score = v;
        }
    }
    /* the tightest element below it that holds nearly as much */
    uint32_t end = subtree_end(t, best), tight = best;
    for (uint32_t i = best + 1; !s.oom && best && i < end; i++) {
        if ((t->n[i].flags & HF_TEXT) || (s.nf[i] & NF_SKIP) || s.junk_el[i] == 1 ||
            !container((htag)t->n[i].tag))
            continue;
        if (net(&s, i) >= 0.7f * best_score && s.a[i].chars < s.a[tight].chars)
            tight = i;
    }
    best = tight;
    uint8_t *in = s.oom ? NULL : calloc(t->nn, 1);
    if (!s.oom && !in)
        s.oom = true;
    if (!s.oom && best) {
        in[best] = IN_ARTICLE;
        uint32_t par = t->n[best].parent;
        for (uint32_t c = par ? t->n[par].first : 0; c; c = t->n[c].next) {
            if (c == best || (t->n[c].flags & HF_TEXT) || (s.nf[c] & NF_SKIP))
                continue;
            const agg *a = &s.a[c];
            if (a->prose > 0 && a->prose >= 0.8f * a->junk &&
                (net(&s, c) > 0.1f * best_score || a->prose >= 150) && s.ce[c] >= 0)
                in[c] = IN_ARTICLE;
        }
    } else if (!s.oom) {
        /* no prose anywhere: the body of the page is the article */
        for (uint32_t i = 1; i < t->nn; i++)
            if (t->n[i].tag == H_BODY) {
                in[i] = IN_ARTICLE;
                break;
            }
    }
    /* down the tree: article or not, and furniture inside it */
    if (!s.oom) {
        for (uint32_t i = 1; i < t->nn; i++) {
            uint8_t p = in[t->n[i].parent];
            if (in[i] == IN_ARTICLE && p == IN_NO)
                continue; /* a root of the article */
            if (p == IN_ARTICLE && s.junk_el[i] == 1)
                in[i] = IN_JUNK;
            else
                in[i] = p;
        }
    }

    for (uint32_t k = 0; !s.oom && k < s.nruns; k++) {
        run *r = &s.rv[k];
        uint8_t f = s.nf[r->owner];
        uint8_t where = in[r->owner];
        float ld = r->chars ? (float)r->link_chars / (float)r->chars : 0;
        sr_block_kind kind = SR_BLOCK_BOILERPLATE;
        if (k == title_run)
            kind = SR_BLOCK_TITLE;
        else if (where == IN_ARTICLE) {
            if (heading(&s, r))
                kind = SR_BLOCK_SECTION;
            else if ((f & NF_META) && r->chars < 100 && r->words <= 12)
                kind = SR_BLOCK_META;
            else if ((f & (NF_CAPTION | NF_CONTROL)) || ld > 0.6f)
                kind = SR_BLOCK_BOILERPLATE;
            else
                kind = SR_BLOCK_BODY;
        } else if ((f & NF_META) && r->chars < 120 && k > title_run && k < title_run + 8 &&
                   title_run != UINT32_MAX) {
            kind = SR_BLOCK_META;
        }
        r->kind = (uint8_t)kind;
    }
    if (!s.oom)
        classify(&s, in, best, sink);
    for (uint32_t k = 0; !s.oom && !sink && k < s.nruns; k++)
        if (s.rv[k].kind == SR_BLOCK_SECTION && prose_heading(&s.rv[k]))
            s.rv[k].kind = SR_BLOCK_BODY;
    /* A sub-heading inside the article's body (after a body run, and
     * heading body text: the next run that is no heading is body) is part
     * of the body's text, as a reader sees the article.  One backward pass
     * carries whether the next run that is no heading is body. */
    if (!s.oom && !sink) {
        uint32_t first_body = 0;
        while (first_body < s.nruns && s.rv[first_body].kind != SR_BLOCK_BODY)
            first_body++;
        bool next_body = false;
        for (uint32_t k = s.nruns; k-- > 0;) {
            run *r = &s.rv[k];
            bool sub = heading(&s, r) && r->kind == SR_BLOCK_SECTION;
            bool body = r->kind == SR_BLOCK_BODY && r->chars >= 60;
            if (r->kind == SR_BLOCK_SECTION && k > first_body && next_body && in[r->owner] == IN_ARTICLE) {
                r->kind = SR_BLOCK_BODY;
                r->heading = true;
            }
            if (!sub)
                next_body = body;
        }
    }

    /* the document text: runs joined by a blank line */
    sr_buf out;
    sr_buf_init(&out);
    if (!s.oom && !sr_buf_reserve(&out, s.text.n + 2 * (size_t)s.nruns + 1))
        s.oom = true;
    for (uint32_t k = 0; !s.oom && k < s.nruns; k++) {
        const run *r = &s.rv[k];
        if (out.n)
            sr_buf_put(&out, "\n\n", 2);
        uint32_t start = (uint32_t)out.n;
        sr_buf_put(&out, s.text.p + r->start, r->len);
        if (out.failed || out.n > UINT32_MAX / 2 ||
            !sr_doc_add_block(d, start, (uint32_t)out.n, (sr_block_kind)r->kind))
            s.oom = true;
        else
            d->blocks.v[d->blocks.n - 1].heading = r->heading;
    }
    if (!s.oom) {
        d->text = out.n ? sr_arena_strndup(d->arena, out.p, out.n) : "";
        d->len = (uint32_t)out.n;
        if (!d->text)
            s.oom = true;
    }
    /* the byline when the page's metadata has none: "By ..." in a meta run */
    for (uint32_t k = 0; !s.oom && !d->meta.byline && !m->author && k < s.nruns; k++) {
        const run *r = &s.rv[k];
        const char *txt = s.text.p + r->start;
        if (r->kind == SR_BLOCK_META && r->len > 3 && strncasecmp(txt, "by ", 3) == 0) {
            d->meta.byline = sr_arena_strndup(d->arena, txt + 3, r->len - 3);
            if (!d->meta.byline)
                s.oom = true;
        }
    }
    char iso[11];
    if (!s.oom && !m->published && !d->meta.published && near_date(&s, in, iso) &&
        !(d->meta.published = sr_arena_strndup(d->arena, iso, 10)))
        s.oom = true;
    /* the title: the page's own title heading when the metadata's title
     * holds it (the metadata often adds the site's name) or does not hold
     * it at all; the metadata's when the heading holds it and more (a
     * kicker, the site's name) */
    if (!s.oom && title_run != UINT32_MAX && !d->meta.title) {
        const run *r = &s.rv[title_run];
        const char *h = s.text.p + r->start;
        bool held = !m->title || contains(m->title, h, r->len) ||
                    (m->title_tag && contains(m->title_tag, h, r->len)) ||
                    (m->title_raw && contains(m->title_raw, h, r->len)) ||
                    (m->title_tag_raw && contains(m->title_tag_raw, h, r->len));
        const char *mt = m->title ? m->title : m->title_tag;
        if (held || !mt || r->len > 1000 || !contains_n(h, r->len, mt)) {
            d->meta.title = sr_arena_strndup(d->arena, h, r->len);
            if (!d->meta.title)
                s.oom = true;
        }
    }
    sr_buf_free(&out);
    free(in);
    free(s.nf);
    free(s.blk);
    free(s.a);
    free(s.kp);
    free(s.kj);
    free(s.junk_el);
    free(s.am);
    free(s.ce);
    free(s.depth);
    free(s.first_run);
    free(s.last_run);
    free(s.rv);
    sr_buf_free(&s.text);
    sr_buf_free(&s.cur);
    return !s.oom;
}
