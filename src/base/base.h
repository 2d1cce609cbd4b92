/*
 * base/base.h: what every layer uses: the arena, buffers, UTF-8, the
 * calendar, word filters and the document type.  Uses nothing above it.
 *
 * Every stage is a plain function over an sr_doc.  All memory a stage needs
 * for a document comes from the document's arena (sr_arena), which the
 * extractor resets between documents: no stage calls malloc per token.
 * Every extracted item carries byte offsets [start, end) into doc->text, the
 * document text exactly as read.
 */
#ifndef SR_BASE_H
#define SR_BASE_H

#define SITREP_BUILDING 1
#include "sitrep.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* ---- arena (arena.c) ----------------------------------------------------- */

typedef struct sr_arena_block sr_arena_block;
typedef struct sr_arena {
    sr_arena_block *head;  /* current block; older blocks follow ->next */
    size_t total;          /* bytes held in all blocks */
} sr_arena;

void sr_arena_init(sr_arena *a);
/* Returns `n` bytes aligned to 16, or NULL when out of memory. */
void *sr_arena_alloc(sr_arena *a, size_t n);
void *sr_arena_calloc(sr_arena *a, size_t count, size_t size);
/* Grows an arena array of `old_n` items of `size` to `new_n` (copying). */
void *sr_arena_grow(sr_arena *a, void *p, size_t old_n, size_t new_n, size_t size);
/* Gives back the tail of the arena's last allocation p (old_n bytes,
 * keeping new_n); does nothing when p is not the last allocation. */
void sr_arena_shrink_last(sr_arena *a, void *p, size_t old_n, size_t new_n);
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
char *sr_arena_printf(sr_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Frees all blocks but the largest one, which is kept for the next document. */
void sr_arena_reset(sr_arena *a);
void sr_arena_free(sr_arena *a);

/* A growable array in an arena: `SR_VEC(sr_token) toks;` then
 * `sr_token *t = SR_VEC_PUSH(arena, &toks);` (NULL when out of memory). */
#define SR_VEC(T) struct { T *v; uint32_t n, cap; }
void *sr_vec_push_(sr_arena *a, void **v, uint32_t *n, uint32_t *cap, size_t size);
#define SR_VEC_PUSH(arena, vec)                                                          \
    __extension__({                                                                      \
        __typeof__((vec)->v) p_ = (vec)->n < (vec)->cap                                  \
            ? &(vec)->v[(vec)->n++]                                                      \
            : (__typeof__((vec)->v))sr_vec_push_((arena), (void **)&(vec)->v, &(vec)->n, \
                                                 &(vec)->cap, sizeof(*(vec)->v));        \
        if (p_)                                                                          \
            memset(p_, 0, sizeof *p_);                                                   \
        p_;                                                                              \
    })

/* ---- growable heap buffer (buf.c), for text we create ---------------------- */

typedef struct sr_buf {
    char *p;
    size_t n, cap;
    bool failed; /* an allocation failed; further appends are ignored */
} sr_buf;

void sr_buf_init(sr_buf *b);
bool sr_buf_reserve(sr_buf *b, size_t extra);
void sr_buf_put(sr_buf *b, const void *p, size_t n);
void sr_buf_putc(sr_buf *b, char c);
void sr_buf_puts(sr_buf *b, const char *s);
void sr_buf_printf(sr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sr_buf_free(sr_buf *b);

/* ---- documents ------------------------------------------------------------ */

typedef struct sr_span { uint32_t start, end; } sr_span;

/* Block kinds, in the order of their JSON names (ORDER BLOCK). */
typedef enum sr_block_kind {
    SR_BLOCK_SECTION,
    SR_BLOCK_TITLE,
    SR_BLOCK_META,
    SR_BLOCK_BODY,
    SR_BLOCK_BOILERPLATE,
    SR_BLOCK__COUNT
} sr_block_kind;
extern const char *const sr_block_kind_names[SR_BLOCK__COUNT];

typedef struct sr_block {
    uint32_t start, end;
    uint8_t kind;      /* sr_block_kind */
    bool heading;      /* a sub-heading inside the article's body (a body
                          block that heads the paragraphs after it) */
    uint32_t skip;     /* bytes at the start that are not sentence text
                          (a dateline such as "RAQQA, Syria (Reuters) - ") */
} sr_block;

/* Token kinds (ORDER TOK). */
typedef enum sr_tok_kind {
    SR_TOK_WORD,    /* letters, digits inside words, hyphens: US-backed */
    SR_TOK_NUMBER,  /* 1,200  3.5  300-400  15th  2017-10-15 */
    SR_TOK_PUNCT,   /* . , ; : ! ? ... -- ( ) [ ] quotes */
    SR_TOK_SYMBOL,  /* $ % & @ # and other symbols */
    SR_TOK_URL,     /* http://...  www....  name@host.org */
    SR_TOK__COUNT
} sr_tok_kind;
extern const char *const sr_tok_kind_names[SR_TOK__COUNT];

enum {
    SR_TF_CAP = 1 << 0,       /* first letter upper case */
    SR_TF_ALLCAPS = 1 << 1,   /* two or more letters, all upper case */
    SR_TF_ABBREV = 1 << 2,    /* word with its abbreviation period: Col. U.S. */
    SR_TF_TITLEABBR = 1 << 3, /* abbreviation that precedes a name: Mr. Gen. */
    SR_TF_RANGE = 1 << 4,     /* number range 300-400 */
    SR_TF_QUOTE = 1 << 5,     /* a quotation mark, ' or " in the view */
    SR_TF_OPEN = 1 << 6,      /* opening quote or bracket */
    SR_TF_CLOSE = 1 << 7,     /* closing quote or bracket */
    SR_TF_CLITIC = 1 << 8,    /* 's 're n't ... split from the word before */
    SR_TF_HYPHEN = 1 << 9,    /* word with an inner hyphen */
    SR_TF_INITIAL = 1 << 10,  /* one capital letter and a period: J. */
    SR_TF_SENT_END = 1 << 11, /* . ! ? ... that can end a sentence */
    SR_TF_NONASCII = 1 << 12  /* contains non-ASCII letters */
};

typedef struct sr_token {
    uint32_t start, end;   /* in doc->text */
    uint32_t nstart, nend; /* in the normalized view */
    uint16_t kind;         /* sr_tok_kind */
    uint16_t flags;        /* SR_TF_* */
} sr_token;

typedef struct sr_sentence {
    uint32_t start, end;       /* in doc->text */
    uint32_t tok_first, tok_n; /* tokens [tok_first, tok_first + tok_n) */
} sr_sentence;

typedef struct sr_warning {
    const char *code;    /* static: "utf8", "limit", "meta" ... */
    const char *message; /* arena */
    int64_t start;       /* byte offset in text, or -1 */
} sr_warning;

/* Metadata fields; every string is arena-owned and NUL-terminated.
 * published_basis (static): where published comes from, "given" (the
 * input's metadata), "dateline" or "text" (read by the time stage when none
 * was given or it was no real date), or NULL when there is none. */
typedef struct sr_meta {
    const char *title, *section, *published, *updated, *byline, *dateline,
        *agency, *url, *language, *published_basis;
} sr_meta;

typedef struct sr_doc {
    sr_arena *arena;
    const char *id;
    const char *text; /* the document text exactly as read */
    uint32_t len;
    sitrep_format format;

    sr_meta meta;
    SR_VEC(sr_block) blocks;
    SR_VEC(sr_token) tokens;
    SR_VEC(sr_sentence) sentences;
    SR_VEC(sr_warning) warnings;

    /* The normalized view (text.c): curly quotes and apostrophes folded to
     * ' and ", dashes to - or --, odd spaces to ' ', NFC.  map[i] is the
     * byte offset in text of view byte i (map[nlen] == len).  When the text
     * needs no change, norm == text and map == NULL (identity). */
    const char *norm;
    uint32_t nlen;
    const uint32_t *map;
    uint32_t n_invalid_utf8; /* invalid bytes seen by sr_text_run */

    /* tag.c and lemma.c: per token, parallel to tokens (NULL before the
     * stage runs).  lemmas[i] NULL means the token's own text (lower-cased
     * unless it is a proper noun). */
    uint8_t *tags;
    const char **lemmas; /* sr_lemma_self: known, the text is the lemma */
    SR_VEC(struct sr_match) matches; /* match.c */
    struct sr_lexcache *lexcache; /* the extractor's, or NULL */
    uint8_t *ner; /* ner.c: a BIO label per token (sr_ner_label_names) */
    /* parse.c: per token, NULL before the stage runs (lang/parse.h) */
    uint8_t *upos;    /* sr_upos; 0: not parsed */
    uint32_t *heads;  /* the head's token index; SR_NO_HEAD for a root */
    uint8_t *deprels; /* sr_dep; 0: not parsed */
    /* entity.c */
    SR_VEC(struct sr_mention) mentions;
    SR_VEC(struct sr_entity) entities;
    SR_VEC(struct sr_group) groups;
    uint32_t *match_start, *match_cover; /* per token: match index + 1, or 0 */
    struct sr_entity_index *entity_index; /* entity.c: names by their last word */
    SR_VEC(struct sr_timex) times; /* time.c */
    SR_VEC(struct sr_quantity) quantities; /* quantity.c */
    SR_VEC(struct sr_quote) quotes;        /* quote.c */
    SR_VEC(struct sr_event) events;        /* event.c */

    /* Error record: set when the document could not be read. */
    const char *error;
    int64_t error_offset;
} sr_doc;

/* Are the n bytes at s the word w (NUL-ended), in any case?  What
 * strlen(w) == n && strncasecmp(s, w, n) == 0 says, the first letter
 * first: most calls fail there, with no call and no strlen. */
static inline bool sr_same_word(const char *s, size_t n, const char *w)
{
    if (!n)
        return !w[0];
    return (s[0] | 0x20) == (w[0] | 0x20) && strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* Does token i read w (any case)?  False past the last token. */
static inline bool sr_tok_is(const sr_doc *d, uint32_t i, const char *w)
{
    if (i >= d->tokens.n)
        return false;
    const sr_token *t = &d->tokens.v[i];
    uint32_t n = t->nend - t->nstart;
    return n && sr_same_word(d->norm + t->nstart, n, w);
}

/* Maps a view offset back to doc->text. */
static inline uint32_t sr_doc_orig(const sr_doc *d, uint32_t noff)
{
    return d->map ? d->map[noff] : noff;
}

/* Adds a warning; `start` may be -1.  Returns false when out of memory. */
bool sr_doc_warn(sr_doc *d, const char *code, int64_t start, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends a block; returns false when out of memory. */
bool sr_doc_add_block(sr_doc *d, uint32_t start, uint32_t end, sr_block_kind kind);

/* ---- UTF-8 (utf8.c) -------------------------------------------------------- */

/* Decodes one UTF-8 code point at s[*i] (n bytes); returns -1 for an invalid
 * sequence (advancing one byte). */
int32_t sr_utf8_decode(const char *s, size_t n, size_t *i);
/* Encodes `c` into out (4 bytes at most); returns the length. */
size_t sr_utf8_encode(int32_t c, char *out);

/* ---- the proleptic Gregorian calendar, days since 1970-01-01 (calendar.c) -- */

int64_t sr_days_from_civil(int y, int m, int d);
void sr_civil_from_days(int64_t z, int *y, int *m, int *d);

/* The number the n ASCII digits at s write ("2014", "05"), or -1 when one
 * of them is no digit. */
static inline int sr_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* ---- word filters ---------------------------------------------------------- */

/* A set of lower-case words as a 64K-bit filter (false positives possible,
 * no false negatives): a fast "could this token start something?". */
typedef struct sr_wordfilter {
    uint64_t bits[1024];
} sr_wordfilter;
static inline uint32_t sr_wordfilter_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= 16777619u;
    }
    return h & 0xFFFF;
}
static inline void sr_wordfilter_add(sr_wordfilter *f, const char *w)
{
    uint32_t h = sr_wordfilter_hash(w, strlen(w));
    f->bits[h >> 6] |= (uint64_t)1 << (h & 63);
}
/* Any case in s[0..n) */
static inline bool sr_wordfilter_has(const sr_wordfilter *f, const char *s, size_t n)
{
    uint32_t h = sr_wordfilter_hash(s, n);
    return (f->bits[h >> 6] >> (h & 63)) & 1;
}

#endif /* SR_BASE_H */
