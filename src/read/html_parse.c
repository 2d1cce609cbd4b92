/*
 * html_parse.c: an HTML page to a compact element tree.
 *
 * libxml2's HTML parser reads the page (HTML_PARSE_RECOVER: any input
 * gives a tree) and calls us through SAX; we keep elements, the attributes
 * the reader uses and text, in document order, in malloc'd arrays.  No
 * libxml2 DOM is built.
 *
 * Three shapes would make the parser slower than linear, and each is
 * bounded here (docs/html.md; a warning says when a bound was applied):
 *  - nesting: the parser looks an end tag up in its stack of open
 *    elements, so a page 60,000 elements deep costs 60,000 steps per end
 *    tag.  An element opened deeper than HTML_MAX_DEPTH closes the element
 *    it would have gone into and becomes its sibling (the parser's stack
 *    is shortened with ours), as browsers cap the depth of their trees.
 *  - attributes: the parser checks every attribute of a tag against the
 *    earlier ones, so a tag's attributes past HTML_MAX_ATTRS are dropped
 *    before parsing.
 *  - bytes: invalid UTF-8 and NUL bytes would make the parser guess a
 *    single-byte encoding for the rest of the page; each becomes U+FFFD
 *    before parsing (the text the reader produces is its own, so offsets
 *    stay exact in it).
 *
 * The pre-pass also leaves out what the tree would not keep, so the parser
 * (which reads it char by char) never sees it: the text of scripts and
 * styles that are not JSON-LD or JSON, checked against where the parser
 * starts reading raw text (the page is parsed again in full when they
 * differ), and the attributes on_start does not keep, while the tag reads
 * the same to the parser as to the scan.
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <strings.h>

/* ---- tag names ---------------------------------------------------------- */

static const struct { const char *name; htag tag; } tags[] = {
    {"a", H_A}, {"abbr", H_ABBR}, {"address", H_ADDRESS}, {"article", H_ARTICLE},
    {"aside", H_ASIDE}, {"audio", H_AUDIO}, {"b", H_B}, {"blockquote", H_BLOCKQUOTE},
    {"body", H_BODY}, {"br", H_BR}, {"button", H_BUTTON}, {"canvas", H_CANVAS},
    {"caption", H_CAPTION}, {"center", H_CENTER}, {"cite", H_CITE}, {"code", H_CODE},
    {"dd", H_DD}, {"details", H_DETAILS}, {"dialog", H_DIALOG}, {"div", H_DIV}, {"dl", H_DL},
    {"dt", H_DT}, {"em", H_EM}, {"embed", H_EMBED}, {"fieldset", H_FIELDSET},
    {"figcaption", H_FIGCAPTION}, {"figure", H_FIGURE}, {"footer", H_FOOTER}, {"form", H_FORM},
    {"frameset", H_FRAMESET}, {"h1", H_H1}, {"h2", H_H2}, {"h3", H_H3}, {"h4", H_H4},
    {"h5", H_H5}, {"h6", H_H6}, {"head", H_HEAD}, {"header", H_HEADER}, {"hr", H_HR},
    {"html", H_HTML}, {"i", H_I}, {"iframe", H_IFRAME}, {"img", H_IMG}, {"input", H_INPUT},
    {"label", H_LABEL}, {"legend", H_LEGEND}, {"li", H_LI}, {"link", H_LINK}, {"main", H_MAIN},
    {"math", H_MATH}, {"menu", H_MENU}, {"meta", H_META}, {"nav", H_NAV},
    {"noscript", H_NOSCRIPT}, {"object", H_OBJECT}, {"ol", H_OL}, {"option", H_OPTION},
    {"p", H_P}, {"picture", H_PICTURE}, {"pre", H_PRE}, {"q", H_Q}, {"s", H_S},
    {"script", H_SCRIPT}, {"section", H_SECTION}, {"select", H_SELECT}, {"small", H_SMALL},
    {"span", H_SPAN}, {"strong", H_STRONG}, {"style", H_STYLE}, {"sub", H_SUB},
    {"summary", H_SUMMARY}, {"sup", H_SUP}, {"svg", H_SVG}, {"table", H_TABLE},
    {"tbody", H_TBODY}, {"td", H_TD}, {"template", H_TEMPLATE}, {"textarea", H_TEXTAREA},
    {"tfoot", H_TFOOT}, {"th", H_TH}, {"thead", H_THEAD}, {"time", H_TIME}, {"title", H_TITLE},
    {"tr", H_TR}, {"u", H_U}, {"ul", H_UL}, {"video", H_VIDEO},
};

htag sr_html_tag(const char *name)
{
    size_t lo = 0, hi = sizeof tags / sizeof *tags;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, tags[mid].name);
        if (c == 0)
            return tags[mid].tag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return H_OTHER;
}

/* ---- the pre-pass: bytes the parser can read in linear time ------------- */

static const char fffd[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0; /* overlong, surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* Copies s[a, b) to out, invalid UTF-8 and NUL bytes as U+FFFD. */
static void copy_clean(htree *t, sr_buf *out, const char *s, size_t a, size_t b)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = a;
    for (size_t i = a; i < b;) {
        /* eight ASCII bytes, none NUL, at a time */
        while (i + 8 <= b) {
            uint64_t x;
            memcpy(&x, u + i, 8);
            if ((x & 0x8080808080808080ull) || ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= b)
            break;
        unsigned c = u[i];
        if (c != 0 && c < 0x80) {
            i++;
            continue;
        }
        size_t l = c ? utf8_len(u + i, b - i) : 0;
        if (l) {
            i += l;
            continue;
        }
        sr_buf_put(out, s + run, i - run);
        sr_buf_put(out, fffd, 3);
        t->invalid_utf8++;
        run = ++i;
    }
    sr_buf_put(out, s + run, b - run);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Position of the first "</name" (any case) at or after i, else n. */
static size_t find_end_tag(const char *s, size_t i, size_t n, const char *name, size_t nl)
{
    while (i < n) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (i + 1 + nl < n && s[i + 1] == '/' && strncasecmp(s + i + 2, name, nl) == 0)
            return i;
        i++;
    }
    return n;
}

/* Whether s[0, n) is a whole name as the parser reads one (letters,
 * digits, ':', '-', '_', '.'; not a digit or '-' first; under 100 bytes). */
static bool clean_name(const char *s, size_t n)
{
    if (n == 0 || n >= 100 || !(is_alpha(s[0]) || s[0] == '_' || s[0] == ':' || s[0] == '.'))
        return false;
    for (size_t k = 1; k < n; k++) {
        char c = s[k];
        if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

/* The attributes the tree keeps (on_start) or the parser reads (a
 * <meta>'s charset), any case. */
static bool kept_attr(const char *s, size_t n)
{
    static const char *const names[] = {
        "class", "content", "id", "itemprop", "itemscope", "itemtype", "role", "rel", "href",
        "hidden", "aria-hidden", "style", "name", "property", "type", "datetime", "lang",
        "http-equiv", "charset",
    };
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == n && strncasecmp(s, names[k], n) == 0)
            return true;
    return false;
}

/* Scans the start tag whose name begins at s[i] (after '<'); copies it to
 * out with at most HTML_MAX_ATTRS attributes.  Returns the index after
 * the tag; *raw is 1 for <script>, 2 for <style> (their content holds no
 * tags), 3 for <noscript> (what a browser running scripts does not show),
 * -N for <hN>, else 0. */
static size_t scan_tag(htree *t, sr_buf *out, const char *s, size_t i, size_t n, int *raw)
{
    size_t name = i;
    while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    size_t nl = i - name;
    *raw = 0;
    if (nl == 6 && strncasecmp(s + name, "script", 6) == 0)
        *raw = 1;
    else if (nl == 5 && strncasecmp(s + name, "style", 5) == 0)
        *raw = 2;
    else if (nl == 8 && strncasecmp(s + name, "noscript", 8) == 0)
        *raw = 3;
    else if (nl == 2 && (s[name] | 0x20) == 'h' && s[name + 1] >= '1' && s[name + 1] <= '6')
        *raw = -(s[name + 1] - '0');
    size_t from = name - 1; /* bytes [from, ...) still to copy */
    unsigned count = 0;
    bool capped = false;
    /* While the tag reads the same to the parser as to this scan, the
     * attributes the tree does not keep are left out of it (a space in
     * their place): names of the parser's name bytes, blanks, values quoted
     * and closed or unquoted. */
    bool sync = clean_name(s + name, nl);
    for (;;) {
        size_t ws0 = i;
        while (i < n && (is_space(s[i]) || (s[i] == '/' && (i + 1 >= n || s[i + 1] != '>')))) {
            if (s[i] == '/' || s[i] == '\f')
                sync = false;
            i++;
        }
        if (i >= n || s[i] == '>' || s[i] == '/')
            break;
        size_t an = i;
        while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '=' &&
               !(s[i] == '/' && i + 1 < n && s[i + 1] == '>'))
            i++;
        size_t anl = i - an;
        bool clean = sync && clean_name(s + an, anl);
        if (i == an) /* a lone '=' */
            i++;
        size_t j = i;
        for (; j < n && is_space(s[j]); j++)
            clean = clean && s[j] != '\f';
        if (j < n && s[j] == '=') {
            j++;
            for (; j < n && is_space(s[j]); j++)
                clean = clean && s[j] != '\f';
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], n - j - 1);
                if (!q)
                    clean = false;
                j = q ? (size_t)(q - s) + 1 : n;
            } else {
                while (j < n && !is_space(s[j]) && s[j] != '>')
                    j++;
                if (j < n && s[j] == '\f')
                    clean = false;
            }
            i = j;
        }
        if (++count > HTML_MAX_ATTRS) {
            if (!capped) {
                capped = true;
                t->attrs_capped++;
            }
            copy_clean(t, out, s, from, ws0);
            from = i;
        } else if (clean && !kept_attr(s + an, anl)) {
            copy_clean(t, out, s, from, ws0);
            sr_buf_putc(out, ' ');
            from = i;
        }
        if (!clean)
            sync = false;
    }
    /* the end of the tag: "/>" or ">" */
    if (i < n && s[i] == '/' && i + 1 < n && s[i + 1] == '>') {
        i += 2;
        *raw = 0;
    } else if (i < n && s[i] == '>') {
        i++;
    }
    copy_clean(t, out, s, from, i);
    return i;
}

/* Whether the text of the <script> or <style> whose tag is s[tag, i) and
 * whose content is s[i, e) can be left out of what the parser reads: the
 * tree would keep none of it (on_text), and the parser reads it as raw
 * text to the end tag whatever it holds.  That is so when it holds no
 * control character (which ends the parser's raw read early) and does not
 * start with '<' (which the parser checks for tags first); a script's text
 * is kept when it may be JSON-LD or untyped JSON. */
static bool droppable(const char *s, size_t tag, size_t i, size_t e, int raw)
{
    if (e <= i || s[i] == '<' || s[i - 1] != '>')
        return false;
    for (size_t k = i; k < e; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    if (raw == 1) {
        for (size_t k = tag; k < i; k++)
            if (s[k] == '&' || ((s[k] | 0x20) == 'l' && k + 7 <= i && strncasecmp(s + k, "ld+json", 7) == 0))
                return false;
        size_t k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
            k++;
        if (k < e && (s[k] == '{' || s[k] == '['))
            return false;
    }
    return true;
}

/* drops: when not NULL, the text of scripts and styles the tree would not
 * keep is left out (droppable), and the offset in out where each would
 * have started is added to it, in order. */
static void prepass(htree *t, const char *s, size_t n, sr_buf *out, sr_buf *drops)
{
    size_t i = 0;
    int open_h = 0; /* the heading level open, 0 none */
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    sr_buf_reserve(out, n + n / 16 + 16);
    while (i < n) {
        const char *p = memchr(s + i, '<', n - i);
        size_t lt = p ? (size_t)(p - s) : n;
        copy_clean(t, out, s, i, lt);
        i = lt;
        if (i >= n)
            break;
        if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
            size_t e = i + 4;
            const char *q = e < n ? memmem(s + e, n - e, "-->", 3) : NULL;
            e = q ? (size_t)(q - s) + 3 : n;
            copy_clean(t, out, s, i, e);
            i = e;
        } else if (i + 1 < n && is_alpha(s[i + 1])) {
            int raw;
            size_t tag = i;
            i = scan_tag(t, out, s, i + 1, n, &raw);
            if (raw < 0)
                open_h = -raw;
            if (raw > 0) {
                static const char *const names[] = {"", "script", "style", "noscript"};
                size_t e = find_end_tag(s, i, n, names[raw], strlen(names[raw]));
                if (raw != 3) {
                    if (drops && droppable(s, tag, i, e, raw)) {
                        uint64_t at = out->n;
                        sr_buf_put(drops, &at, sizeof at);
                    } else {
                        copy_clean(t, out, s, i, e);
                    }
                }
                i = e;
            }
        } else if (i + 4 < n && s[i + 1] == '/' && (s[i + 2] | 0x20) == 'h' && s[i + 3] >= '1' &&
                   s[i + 3] <= '6' && (s[i + 4] == '>' || is_space(s[i + 4]))) {
            /* any heading's end tag ends the open heading, as in browsers */
            char tag[4] = {'<', '/', 'h', (char)('0' + (open_h ? open_h : s[i + 3] - '0'))};
            sr_buf_put(out, tag, 4);
            open_h = 0;
            i += 4;
        } else {
            copy_clean(t, out, s, i, i + 1);
            i++;
        }
    }
}

/* ---- the tree ------------------------------------------------------------ */

typedef struct builder {
    htree *t;
    htmlParserCtxtPtr ctxt;
    uint32_t *st; /* open elements, as the parser's own stack */
    uint32_t sp, scap;
    /* offsets where the pre-pass left a script's or style's text out, and
     * how many of them the parser was seen to start reading raw text at */
    const uint64_t *drop;
    size_t ndrop, next_drop, matched;
} builder;

static uint32_t pool_put(htree *t, const char *s, size_t n)
{
    size_t off = t->pool.n;
    if (off > UINT32_MAX - n - 1) {
        t->oom = true;
        return 0;
    }
    sr_buf_put(&t->pool, s, n);
    sr_buf_putc(&t->pool, 0);
    if (t->pool.failed)
        t->oom = true;
    return (uint32_t)off;
}

static uint32_t new_node(htree *t, uint32_t parent, htag tag, uint16_t flags)
{
    if (t->nn == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 1024;
        hnode *nv = cap > t->cap ? realloc(t->n, sizeof *nv * cap) : NULL;
        if (!nv) {
            t->oom = true;
            return 0;
        }
        t->n = nv;
        t->cap = cap;
    }
    uint32_t id = t->nn++;
    t->n[id] = (hnode){.parent = parent, .tag = (uint16_t)tag, .flags = flags};
    if (id) {
        hnode *p = &t->n[parent];
        if (p->last)
            t->n[p->last].next = id;
        else
            p->first = id;
        p->last = id;
    }
    return id;
}

static uint32_t new_extra(htree *t)
{
    if (t->nx == t->xcap) {
        uint32_t cap = t->xcap ? t->xcap * 2 : 64;
        hextra *nv = realloc(t->x, sizeof *nv * cap);
        if (!nv) {
            t->oom = true;
            return 0;
        }
        t->x = nv;
        t->xcap = cap;
        if (t->nx == 0)
            t->nx = 1;
    }
    t->x[t->nx] = (hextra){0};
    return t->nx++;
}

static bool hidden_style(const char *v)
{
    /* display:none or visibility:hidden, spaces allowed around ':' */
    for (const char *p = v; (p = strchr(p, ':')) != NULL; p++) {
        const char *k = p;
        while (k > v && k[-1] == ' ')
            k--;
        const char *w = p + 1;
        while (*w == ' ')
            w++;
        if (k - v >= 7 && strncasecmp(k - 7, "display", 7) == 0 && strncasecmp(w, "none", 4) == 0)
            return true;
        if (k - v >= 10 && strncasecmp(k - 10, "visibility", 10) == 0 &&
            strncasecmp(w, "hidden", 6) == 0)
            return true;
    }
    return false;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    builder *b = ctx;
    htree *t = b->t;
    if (t->oom)
        return;
    const char *name = (const char *)xname;
    htag tag = sr_html_tag(name);
    htmlParserCtxtPtr c = b->ctxt;
    /* The parser has pushed this element: its stack is ours plus one. */
    if (c->nameNr > HTML_MAX_DEPTH && b->sp > 0 && c->nameNr >= 2 && (uint32_t)c->nameNr == b->sp + 1) {
        /* Too deep: the element we are in ends here, this one follows it. */
        c->nameTab[c->nameNr - 2] = c->nameTab[c->nameNr - 1];
        c->nameTab[c->nameNr - 1] = NULL;
        c->nameNr--;
        b->sp--;
        t->depth_capped++;
    }
    if ((tag == H_SCRIPT || tag == H_STYLE) && b->next_drop < b->ndrop) {
        /* the parser stands on the '>' of the tag; its raw text starts next */
        uint64_t at = (uint64_t)c->input->consumed + (uint64_t)(c->input->cur - c->input->base) + 1;
        while (b->next_drop < b->ndrop && b->drop[b->next_drop] < at)
            b->next_drop++;
        if (b->next_drop < b->ndrop && b->drop[b->next_drop] == at && c->input->cur[0] == '>') {
            b->matched++;
            b->next_drop++;
        }
    }
    uint32_t parent = b->sp ? b->st[b->sp - 1] : 0;
    uint32_t id = new_node(t, parent, tag, 0);
    if (t->oom)
        return;
    if (b->sp == b->scap) {
        uint32_t cap = b->scap ? b->scap * 2 : 64;
        uint32_t *ns = realloc(b->st, sizeof *ns * cap);
        if (!ns) {
            t->oom = true;
            return;
        }
        b->st = ns;
        b->scap = cap;
    }
    b->st[b->sp++] = id;
    if (!atts)
        return;
    uint32_t x = 0;
    uint16_t flags = 0;
    for (const xmlChar **a = atts; a[0]; a += 2) {
        const char *an = (const char *)a[0], *av = a[1] ? (const char *)a[1] : "";
        uint32_t *slot = NULL;
        hnode *nd = &t->n[id];
        switch (an[0]) {
        case 'c':
            if (strcmp(an, "class") == 0)
                slot = &nd->cls;
            else if (strcmp(an, "content") == 0)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].content : NULL;
            break;
        case 'i':
            if (strcmp(an, "id") == 0)
                slot = &nd->id;
            else if (strcmp(an, "itemprop") == 0)
                slot = &nd->itemprop;
            else if (strcmp(an, "itemscope") == 0)
                flags |= HF_ITEMSCOPE;
            else if (strcmp(an, "itemtype") == 0)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].itemtype : NULL;
            break;
        case 'r':
            if (strcmp(an, "role") == 0)
                slot = &nd->role;
            else if (strcmp(an, "rel") == 0)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].rel : NULL;
            break;
        case 'h':
            if (strcmp(an, "href") == 0)
                slot = &nd->href;
            else if (strcmp(an, "hidden") == 0)
                flags |= HF_HIDDEN;
            break;
        case 'a':
            if (strcmp(an, "aria-hidden") == 0 && strcasecmp(av, "true") == 0)
                flags |= HF_HIDDEN;
            break;
        case 's':
            if (strcmp(an, "style") == 0 && hidden_style(av))
                flags |= HF_HIDDEN;
            break;
        case 'n':
            if (strcmp(an, "name") == 0 && (tag == H_META))
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].name : NULL;
            break;
        case 'p':
            if (strcmp(an, "property") == 0)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].property : NULL;
            break;
        case 't':
            if (strcmp(an, "type") == 0 && tag == H_SCRIPT)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].type : NULL;
            break;
        case 'd':
            if (strcmp(an, "datetime") == 0)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].datetime : NULL;
            break;
        case 'l':
            if (strcmp(an, "lang") == 0 && tag == H_HTML)
                slot = (x = x ? x : new_extra(t)) ? &t->x[x].lang : NULL;
            break;
        default:
            break;
        }
        if (slot && !*slot) {
            uint32_t off = pool_put(t, av, strlen(av));
            if (!t->oom)
                *slot = off;
        }
    }
    t->n[id].extra = x;
    t->n[id].flags |= flags;
}

static void on_end(void *ctx, const xmlChar *name)
{
    (void)name;
    builder *b = ctx;
    if (b->sp)
        b->sp--;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    builder *b = ctx;
    htree *t = b->t;
    if (t->oom || len <= 0)
        return;
    uint32_t parent = b->sp ? b->st[b->sp - 1] : 0;
    htag pt = t->n[parent].tag;
    if (pt == H_STYLE)
        return;
    if (pt == H_SCRIPT) {
        /* only JSON-LD is kept from scripts */
        hnode *p = &t->n[parent];
        if (p->flags & HF_SKIP)
            return;
        const char *type = p->extra ? hstr(t, t->x[p->extra].type) : NULL;
        if (!type || !*type) {
            /* an untyped script is kept only when it reads as JSON (a
             * schema.org object some pages give without the type): its
             * first piece starts with '{' or '[', and later pieces extend it */
            if (!p->first) {
                int i = 0;
                while (i < len && (ch[i] == ' ' || ch[i] == '\t' || ch[i] == '\n' || ch[i] == '\r'))
                    i++;
                if (i == len || (ch[i] != '{' && ch[i] != '[')) {
                    p->flags |= HF_SKIP;
                    return;
                }
            } else if (!(t->n[p->last].flags & HF_TEXT) ||
                       t->n[p->last].text + t->n[p->last].tlen + 1 != t->pool.n) {
                return;
            }
        } else if (strcasecmp(type, "application/ld+json") != 0) {
            return;
        }
    }
    uint32_t last = t->n[parent].last;
    if (last && (t->n[last].flags & HF_TEXT) && t->n[last].text + t->n[last].tlen + 1 == t->pool.n) {
        /* the next piece of the same text: extend it in place */
        t->pool.n--; /* its NUL */
        sr_buf_put(&t->pool, ch, (size_t)len);
        sr_buf_putc(&t->pool, 0);
        if (t->pool.failed || t->pool.n > UINT32_MAX)
            t->oom = true;
        else
            t->n[last].tlen += (uint32_t)len;
        return;
    }
    uint32_t off = pool_put(t, (const char *)ch, (size_t)len);
    uint32_t id = new_node(t, parent, H_NONE, HF_TEXT);
    if (!t->oom) {
        t->n[id].text = off;
        t->n[id].tlen = (uint32_t)len;
    }
}

void sr_html_tree_free(htree *t)
{
    free(t->n);
    free(t->x);
    sr_buf_free(&t->pool);
    memset(t, 0, sizeof *t);
}

/* One parse; -1 when memory ran out, 0 when a script's or style's text was
 * left out where the parser did not read raw text (parse again keeping it),
 * 1 done. */
static int parse_once(htree *t, const char *src, size_t len, bool drop)
{
    sr_buf_init(&t->pool);
    sr_buf_putc(&t->pool, 0);
    new_node(t, 0, H_NONE, 0); /* the root */
    sr_buf clean, drops;
    sr_buf_init(&clean);
    sr_buf_init(&drops);
    prepass(t, src, len, &clean, drop ? &drops : NULL);
    if (clean.failed || drops.failed || clean.n > INT32_MAX) {
        sr_buf_free(&clean);
        sr_buf_free(&drops);
        return -1;
    }
    xmlInitParser();
    builder b = {.t = t, .drop = (const uint64_t *)(void *)drops.p, .ndrop = drops.n / sizeof(uint64_t)};
    htmlParserCtxtPtr c = htmlCreateMemoryParserCtxt(clean.n ? clean.p : " ", clean.n ? (int)clean.n : 1);
    if (!c) {
        sr_buf_free(&clean);
        sr_buf_free(&drops);
        return -1;
    }
    b.ctxt = c;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    sax.initialized = 1;
    *c->sax = sax;
    c->userData = &b;
    htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | XML_PARSE_HUGE);
    /* The bytes are UTF-8 (the pre-pass made sure): no charset a page
     * declares changes how they are read. */
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8) {
        xmlSwitchToEncoding(c, utf8);
        if (c->input->encoding)
            xmlFree((xmlChar *)c->input->encoding);
        c->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
    }
    htmlParseDocument(c);
    if (c->myDoc)
        xmlFreeDoc(c->myDoc);
    c->myDoc = NULL;
    htmlFreeParserCtxt(c);
    free(b.st);
    sr_buf_free(&clean);
    sr_buf_free(&drops);
    if (t->oom)
        return -1;
    return b.matched == b.ndrop ? 1 : 0;
}

bool sr_html_parse(htree *t, const char *src, size_t len)
{
    int r = parse_once(t, src, len, true);
    if (r == 0) {
        sr_html_tree_free(t);
        r = parse_once(t, src, len, false);
    }
    return r > 0;
}
