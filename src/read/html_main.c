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
        for (size_t i = 0; i < sizeof bad_words / sizeof *bad_words; i++)
            if (has_word(v, bad_words[i])) {
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
            if (has_word(v, good_words[i])) {
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
        for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
            if (!has_word(vs[k], w[i]))
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
    int ce = class_evidence(s->t, n);
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
    int ce = class_evidence(s->t, n);
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

static bool same_text(const char *a, size_t al, const char *b)
{
    if (!b)
        return false;
    size_t bl = strlen(b);
    return al == bl && strncasecmp(a, b, al) == 0;
}

bool sr_html_main(const htree *t, sr_doc *d, const hmeta *m)
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
    s.first_run = calloc(t->nn, sizeof *s.first_run);
    s.last_run = calloc(t->nn, sizeof *s.last_run);
    if (!s.nf || !s.blk || !s.a || !s.kp || !s.kj || !s.junk_el || !s.first_run || !s.last_run)
        s.oom = true;
    if (!s.oom)
        gather(&s);
    if (!s.oom)
        score(&s);

    /* the title: the heading that says the page's title, else the first h1 */
    uint32_t title_run = UINT32_MAX, first_h1 = UINT32_MAX;
    for (uint32_t k = 0; !s.oom && k < s.nruns; k++) {
        const run *r = &s.rv[k];
        if (!heading(&s, r))
            continue;
        const char *txt = s.text.p + r->start;
        if (same_text(txt, r->len, m->title) || same_text(txt, r->len, m->title_tag)) {
            title_run = k;
            break;
        }
        if (first_h1 == UINT32_MAX && t->n[r->owner].tag == H_H1)
            first_h1 = k;
    }
    if (title_run == UINT32_MAX)
        title_run = first_h1;
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
                (net(&s, c) > 0.1f * best_score || a->prose >= 150) && class_evidence(t, &t->n[c]) >= 0)
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
    /* the title: the page's heading when the metadata's title holds it
     * (the metadata often adds the site's name), else the metadata's */
    if (!s.oom && title_run != UINT32_MAX && !d->meta.title) {
        const run *r = &s.rv[title_run];
        const char *h = s.text.p + r->start;
        bool held = !m->title || contains(m->title, h, r->len) ||
                    (m->title_tag && contains(m->title_tag, h, r->len));
        if (held) {
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
    free(s.first_run);
    free(s.last_run);
    free(s.rv);
    sr_buf_free(&s.text);
    sr_buf_free(&s.cur);
    return !s.oom;
}
