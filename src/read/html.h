/*
 * read/html.h: the HTML reader's own parts (docs/html.md).
 *
 *   html_parse.c  bytes -> a compact element tree (libxml2's HTML parser,
 *                 driven through SAX; nesting, attributes and input bytes
 *                 bounded so the parser stays linear)
 *   html_meta.c   the page's metadata: JSON-LD, OpenGraph, <meta>, <time>,
 *                 microdata
 *   html_main.c   text runs, the article container scored by its content,
 *                 and the kind of every block
 *   read_html.c   the entry point, sr_read_html
 *
 * The tree lives in malloc'd scratch memory for the time of one read; only
 * the text, blocks and metadata go to the document's arena.
 */
#ifndef SR_READ_HTML_H
#define SR_READ_HTML_H

#include "read/read.h"

/* Elements the reader tells apart; every other name is H_OTHER (inline). */
typedef enum htag {
    H_NONE, /* the root and text nodes */
    H_OTHER,
    H_A, H_ABBR, H_ADDRESS, H_ARTICLE, H_ASIDE, H_AUDIO, H_B, H_BLOCKQUOTE, H_BODY, H_BR,
    H_BUTTON, H_CANVAS, H_CAPTION, H_CENTER, H_CITE, H_CODE, H_DD, H_DETAILS, H_DIALOG, H_DIV,
    H_DL, H_DT, H_EM, H_EMBED, H_FIELDSET, H_FIGCAPTION, H_FIGURE, H_FOOTER, H_FORM, H_FRAMESET,
    H_H1, H_H2, H_H3, H_H4, H_H5, H_H6, H_HEAD, H_HEADER, H_HR, H_HTML, H_I, H_IFRAME, H_IMG,
    H_INPUT, H_LABEL, H_LEGEND, H_LI, H_LINK, H_MAIN, H_MATH, H_MENU, H_META, H_NAV, H_NOSCRIPT,
    H_OBJECT, H_OL, H_OPTION, H_P, H_PICTURE, H_PRE, H_Q, H_S, H_SCRIPT, H_SECTION, H_SELECT,
    H_SMALL, H_SPAN, H_STRONG, H_STYLE, H_SUB, H_SUMMARY, H_SUP, H_SVG, H_TABLE, H_TBODY, H_TD,
    H_TEMPLATE, H_TEXTAREA, H_TFOOT, H_TH, H_THEAD, H_TIME, H_TITLE, H_TR, H_U, H_UL, H_VIDEO,
    H__COUNT
} htag;

enum {
    HF_TEXT = 1 << 0,      /* a text node */
    HF_HIDDEN = 1 << 1,    /* hidden, aria-hidden="true", display:none */
    HF_ITEMSCOPE = 1 << 2, /* itemscope */
    HF_SKIP = 1 << 3,      /* a script whose text is not kept (html_parse.c) */
};

/* One node.  Links are node indices; 0 is "none" (node 0 is the root,
 * which is nobody's child).  Nodes are numbered in document order, so a
 * parent's index is below its children's: a loop from the last node to the
 * first visits every child before its parent. */
typedef struct hnode {
    uint32_t parent, first, last, next;
    uint32_t text, tlen; /* text node: bytes in the tree's pool */
    /* attributes, offsets in the tree's pool (0: absent) */
    uint32_t cls, id, role, itemprop, href, extra;
    uint16_t tag;
    uint16_t flags;
} hnode;

/* Attributes of <meta>, <link>, <script>, <time> and <html>, which only
 * the metadata needs: offsets in the pool, 0 absent. */
typedef struct hextra {
    uint32_t name, property, content, rel, type, datetime, lang, itemtype;
} hextra;

typedef struct htree {
    hnode *n;
    uint32_t nn, cap;
    hextra *x; /* x[0] unused */
    uint32_t nx, xcap;
    sr_buf pool; /* text and attribute bytes; pool.p[0] == 0 */
    bool oom;
    /* what the parse had to bound (docs/html.md), for warnings */
    uint32_t depth_capped, attrs_capped, invalid_utf8;
} htree;

/* Deepest nesting the tree keeps; an element opened deeper becomes the
 * sibling of the one it would have been a child of (browsers cap depth
 * too).  The parser's own stack stays this deep, so its scans stay short. */
#define HTML_MAX_DEPTH 256
/* Attributes kept on one tag; the parser checks each new attribute against
 * all earlier ones of its tag. */
#define HTML_MAX_ATTRS 128

static inline const char *hstr(const htree *t, uint32_t off) { return off ? t->pool.p + off : NULL; }

/* html_parse.c: parses the page into t (zeroed by the caller).  False when
 * memory ran out. */
bool sr_html_parse(htree *t, const char *src, size_t len);
void sr_html_tree_free(htree *t);
htag sr_html_tag(const char *name);

/* html_meta.c: the page's metadata, trusted in the order JSON-LD,
 * OpenGraph, <meta>, <time>, microdata; the text, first h1 and <title>
 * are left to the caller.  Strings are in the document's arena. */
typedef struct hmeta {
    const char *title, *headline, *title_tag;
    const char *title_raw, *title_tag_raw; /* before the site's name is cut */
    const char *published, *modified;
    const char *author, *section, *url, *language;
    const char *body;  /* JSON-LD articleBody (arena), or NULL */
    uint32_t body_len;
    uint32_t itembody; /* node with itemprop=articleBody, or 0 */
} hmeta;
bool sr_html_meta(const htree *t, sr_doc *d, hmeta *m);
/* The first date written out in p[0..n) (18.05.2014, 2014-05-18,
 * 18. Mai 2014, 18 de mayo de 2014, May 18, 2014; month names in eight
 * languages) as "YYYY-MM-DD". */
bool sr_html_text_date(const char *p, size_t n, char out[11]);

/* The block classifier (html_main.c; weights learned by tools/html_train.c,
 * data/html/block.weights).  Every run's features are indices into a
 * table of 2^HTML_FEAT_BITS weights; a run is body when their sum is
 * above 0 (headings: section). */
#define HTML_FEAT_BITS 16
#define HTML_MAX_FEATS 224
/* Within this margin of 0 a block keeps the heuristics' kind (tuned on two
 * folds of the training half: tools/html_train.c --tune 1 --margin M). */
#define HTML_BLOCK_MARGIN 0.25f

/* What the trainer is handed: for every block (run) of the page, its
 * features (and each one's namespace, for ablations); the kinds stay
 * those of the container's heuristics. */
typedef struct hsink {
    void (*run)(void *ctx, uint32_t block, bool heading, const uint32_t *f, const uint8_t *ns, uint32_t nf);
    void *ctx;
} hsink;

/* html_main.c: the text of the page into d->text with its blocks, kinds
 * chosen by content (the title is m's when it names one).  sink is NULL
 * but for training. */
bool sr_html_main(const htree *t, sr_doc *d, const hmeta *m, const hsink *sink);

/* read_html.c: sr_read_html, handing the features to sink when it is not
 * NULL (tools/html_train.c). */
sitrep_status sr_read_html_sink(sr_doc *d, const char *src, size_t len, const hsink *sink);

#endif /* SR_READ_HTML_H */
