/*
 * segment.c: stage "segment".  Input: doc->blocks and the normalized view.
 * Output: doc->tokens for title and body blocks, doc->sentences for body
 * blocks (after any dateline).  Sentences never cross a block, so a headline
 * or a paragraph without final punctuation still ends its sentence.
 *
 * Tokens follow Penn Treebank habits where they help tagging: clitics split
 * ('s n't 're), punctuation apart, but numbers, ranges (300-400),
 * hyphenated compounds (US-backed, al-Mayadin), abbreviations with their
 * period (Col. U.S.) and URLs kept whole.
 */
#include "lang/lang.h"

#include <utf8proc.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A sentence longer than this is cut (a page of text with no punctuation
 * must not make one sentence the size of the document). */
#define MAX_SENTENCE_TOKENS 1024

typedef enum { C_SPACE, C_ALPHA, C_DIGIT, C_PUNCT, C_SYMBOL } cclass;

typedef struct seg {
    sr_doc *d;
    const sitrep_model *m;
    const char *s; /* view */
    uint32_t n;    /* view length */
} seg;

static inline bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Classes of ASCII characters (a table, not <ctype.h>: no locale). */
static uint8_t ascii_class[128];
/* Letters and digits, for the word scanner's fast path. */
enum { WB_DIGIT = 1, WB_UPPER = 2, WB_LOWER = 4 };
static uint8_t ascii_wordbits[256]; /* 0 for bytes >= 0x80 */
/* Bytes that end a word outright (not - . ' @, not a letter or digit, not
 * non-ASCII). */
static uint8_t word_end[256];


/* Filled once when the library is loaded, before any thread can run a
 * stage. */
__attribute__((constructor)) static void init_ascii_class(void)
{
    for (int c = 0; c < 128; c++) {
        cclass k = C_PUNCT;
        if (c <= ' ' || c == 0x7F)
            k = C_SPACE;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            k = C_ALPHA;
        else if (strchr("$%&@#*+=<>|^~`\\/", c))
            k = C_SYMBOL;
        ascii_class[c] = (uint8_t)k;
        ascii_wordbits[c] = (uint8_t)(k == C_DIGIT ? WB_DIGIT
                                      : k == C_ALPHA ? (c < 'a' ? WB_UPPER : WB_LOWER) : 0);
        word_end[c] = k != C_DIGIT && k != C_ALPHA && c != '-' && c != '.' && c != '\'' && c != '@';
    }
}

static cclass char_class_slow(const seg *g, uint32_t i, uint32_t *len);

/* Class and byte length of the character at s[i]. */
static inline cclass char_class(const seg *g, uint32_t i, uint32_t *len)
{
    unsigned char c = (unsigned char)g->s[i];
    if (c < 0x80) {
        *len = 1;
        return (cclass)ascii_class[c];
    }
    return char_class_slow(g, i, len);
}

static cclass char_class_slow(const seg *g, uint32_t i, uint32_t *len)
{
    size_t k = i;
    int32_t cp = sr_utf8_decode(g->s, g->n, &k);
    *len = (uint32_t)(k - i);
    if (cp < 0 || cp == 0xFFFD)
        return C_SYMBOL;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_ALPHA;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
        return C_SPACE;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
        return C_SYMBOL;
    default:
        return C_PUNCT;
    }
}

/* The end of the run of ASCII letters and digits starting at j (at most
 * `end`); ORs WB_* bits of what it saw into *seen and adds to *uppers a
 * count of upper-case letters that is exact up to 2 (enough for ALLCAPS).  Sixteen bytes at a
 * time with SSE2: word lengths vary, and a byte loop would mispredict its
 * exit at every token. */
static inline uint32_t scan_run(const seg *g, uint32_t j, uint32_t end, unsigned *seen,
                                unsigned *uppers)
{
    const char *s = g->s;
    uint32_t r0 = j;
    unsigned acc = 0, nup = 0;
#ifdef __SSE2__
    while (j + 16 <= g->n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
        __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
        __m128i lo = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
        __m128i di = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        unsigned mu = (unsigned)_mm_movemask_epi8(up), ml = (unsigned)_mm_movemask_epi8(lo);
        unsigned md = (unsigned)_mm_movemask_epi8(di);
        unsigned word = mu | ml | md;
        unsigned len = word == 0xFFFF ? 16 : (unsigned)__builtin_ctz(~word);
        unsigned keep = len == 16 ? 0xFFFF : (1u << len) - 1;
        acc |= ((mu & keep) != 0) * WB_UPPER | ((ml & keep) != 0) * WB_LOWER |
               ((md & keep) != 0) * WB_DIGIT;
        unsigned um = mu & keep; /* callers only ask "two or more?" */
        nup += (um != 0) + ((um & (um - 1)) != 0);
        j += len;
        if (len < 16)
            break;
    }
    if (j > end) {
        /* The run went past the range: recount within it. */
        j = r0;
        acc = 0;
        nup = 0;
    }
#endif
    unsigned wb;
    while (j < end && (wb = ascii_wordbits[(unsigned char)s[j]]) != 0) {
        acc |= wb;
        nup += wb == WB_UPPER;
        j++;
    }
    *seen |= acc;
    *uppers += nup;
    return j;
}

static inline bool is_upper_at(const seg *g, uint32_t i)
{
    unsigned char c = (unsigned char)g->s[i];
    if (c < 0x80)
        return is_upper_ascii((char)c);
    size_t k = i;
    int32_t cp = sr_utf8_decode(g->s, g->n, &k);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static inline cclass class_at(const seg *g, uint32_t i, uint32_t end)
{
    uint32_t l;
    return i < end ? char_class(g, i, &l) : C_SPACE;
}

static inline bool alnum_at(const seg *g, uint32_t i, uint32_t end)
{
    cclass c = class_at(g, i, end);
    return c == C_ALPHA || c == C_DIGIT;
}

static sr_token *emit_slow(seg *g, uint32_t a, uint32_t b, sr_tok_kind kind, uint16_t flags)
{
    sr_doc *d = g->d;
    sr_token *t = SR_VEC_PUSH(d->arena, &d->tokens);
    if (!t)
        return NULL;
    *t = (sr_token){sr_doc_orig(d, a), sr_doc_orig(d, b), a, b, (uint16_t)kind, flags};
    return t;
}

static inline sr_token *emit(seg *g, uint32_t a, uint32_t b, sr_tok_kind kind, uint16_t flags)
{
    sr_doc *d = g->d;
    if (__builtin_expect(d->tokens.n < d->tokens.cap && !d->map, 1)) {
        sr_token *t = &d->tokens.v[d->tokens.n++];
        *t = (sr_token){a, b, a, b, (uint16_t)kind, flags};
        return t;
    }
    return emit_slow(g, a, b, kind, flags);
}

static bool ci_prefix(const char *s, uint32_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != p[i])
            return false;
    }
    return true;
}

/* A URL starting at i: http(s)://... or www.... up to white space, less
 * trailing punctuation.  Returns its end, or i when there is none. */
static uint32_t scan_url(const seg *g, uint32_t i, uint32_t end)
{
    const char *p = g->s + i;
    uint32_t room = end - i;
    if (room < 5 || !(((p[0] | 0x20) == 'h' && (p[1] | 0x20) == 't') ||
                      ((p[0] | 0x20) == 'w' && (p[1] | 0x20) == 'w')))
        return i;
    if (!ci_prefix(p, room, "http://") && !ci_prefix(p, room, "https://") &&
        !(ci_prefix(p, room, "www.") && room > 5 && alnum_at(g, i + 4, end)))
        return i;
    uint32_t j = i;
    bool paren = false;
    while (j < end && class_at(g, j, end) != C_SPACE && g->s[j] != '"') {
        if (g->s[j] == '(')
            paren = true;
        j++;
    }
    while (j > i && (strchr(".,;:!?'", g->s[j - 1]) || (g->s[j - 1] == ')' && !paren)))
        j--;
    return j;
}

/* Does the clitic at s[i] (just after an apostrophe) end at a boundary?
 * Returns its length or 0. */
static uint32_t clitic_len(const seg *g, uint32_t i, uint32_t end)
{
    static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m", "t"};
    for (size_t k = 0; k < sizeof cl / sizeof *cl; k++) {
        uint32_t l = (uint32_t)strlen(cl[k]);
        if (i + l <= end && ci_prefix(g->s + i, end - i, cl[k]) && !alnum_at(g, i + l, end))
            return l;
    }
    return 0;
}

/* Scans a word or number token starting at i. */
static bool scan_word(seg *g, uint32_t i, uint32_t end, uint32_t *next)
{
    const char *s = g->s;
    uint32_t j = i;
    uint16_t flags = 0;
    bool digits_only = true, any_alpha = false, inner_period = false, short_segs = true;
    bool range = false, lower_seen = false, upper_seen = false;
    uint32_t seg_len = 0;
    sr_tok_kind kind;

    while (j < end) {
        /* Fast path: a run of ASCII letters and digits. */
        uint32_t r0 = j;
        unsigned seen = 0, nup = 0;
        j = scan_run(g, j, end, &seen, &nup);
        if (j > r0) {
            seg_len += j - r0;
            if (seen & (WB_UPPER | WB_LOWER)) {
                any_alpha = true;
                digits_only = false;
                upper_seen |= (seen & WB_UPPER) != 0;
                lower_seen |= (seen & WB_LOWER) != 0;
            }
            if (j >= end)
                break;
        }
        /* Most words end at a space or punctuation that cannot continue
         * them; only these bytes (and non-ASCII) need a closer look. */
        unsigned char b0 = (unsigned char)s[j];
        if (b0 < 0x80 && b0 != '-' && b0 != '.' && b0 != ',' && b0 != ':' && b0 != '/' &&
            b0 != '\'' && b0 != '@')
            break;
        uint32_t l;
        cclass c = char_class(g, j, &l);
        if (c == C_ALPHA || c == C_DIGIT) {
            if (c == C_ALPHA) {
                any_alpha = true;
                digits_only = false;
                if (is_upper_at(g, j))
                    upper_seen = true;
                else
                    lower_seen = true;
                if ((unsigned char)s[j] >= 0x80)
                    flags |= SR_TF_NONASCII;
            }
            seg_len++;
            j += l;
            continue;
        }
        char ch = s[j];
        /* Numbers: 1,200  3.5  9:37  300-400  10/15/2017 */
        if (digits_only && j > i && j + 1 < end && is_digit(s[j + 1]) &&
            (ch == ',' || ch == '.' || ch == ':' || ch == '/')) {
            j++;
            continue;
        }
        if (digits_only && j > i && ch == '-' && j + 1 < end && is_digit(s[j + 1])) {
            range = true;
            j++;
            continue;
        }
        /* Inner hyphen: US-backed, al-Mayadin, 30-year-old. */
        if (ch == '-' && j > i && j + 1 < end && alnum_at(g, j + 1, end) &&
            !(digits_only && is_digit(s[j + 1]))) {
            flags |= SR_TF_HYPHEN;
            digits_only = false;
            seg_len = 0;
            j++;
            continue;
        }
        /* Inner period: U.S  e.g  a.m  reuters.com */
        if (ch == '.' && j > i && !digits_only && j + 1 < end &&
            class_at(g, j + 1, end) == C_ALPHA &&
            (seg_len <= 2 || is_lower_ascii(s[j + 1]))) {
            if (seg_len > 2)
                short_segs = false;
            inner_period = true;
            seg_len = 0;
            j++;
            continue;
        }
        /* Apostrophe inside a word: split clitics, keep O'Brien. */
        if (ch == '\'' && j > i && any_alpha && j + 1 < end && class_at(g, j + 1, end) == C_ALPHA) {
            uint32_t cl = clitic_len(g, j + 1, end);
            if (cl == 1 && (s[j + 1] == 't' || s[j + 1] == 'T') && j - i >= 2 &&
                (s[j - 1] == 'n' || s[j - 1] == 'N')) {
                /* don't -> do n't: the word ends before the n */
                j--;
                break;
            }
            if (cl && !(cl == 1 && (s[j + 1] == 't' || s[j + 1] == 'T')))
                break;
            j++;
            continue;
        }
        /* Email address. */
        if (ch == '@' && j > i && j + 1 < end && alnum_at(g, j + 1, end)) {
            uint32_t k = j + 1;
            bool dot = false;
            while (k < end && (alnum_at(g, k, end) || s[k] == '.' || s[k] == '-')) {
                if (s[k] == '.' && k + 1 < end && alnum_at(g, k + 1, end))
                    dot = true;
                k++;
            }
            while (k > j && s[k - 1] == '.')
                k--;
            if (dot) {
                *next = k;
                return emit(g, i, k, SR_TOK_URL, 0) != NULL;
            }
        }
        break;
    }
    *next = j;

    if (digits_only) {
        kind = SR_TOK_NUMBER;
        if (range)
            flags |= SR_TF_RANGE;
    } else if (!any_alpha) {
        kind = SR_TOK_NUMBER;
    } else {
        kind = SR_TOK_WORD;
    }
    /* Ordinals and decades stay with their number: 15th, 1990s. */
    if (is_digit(s[i])) {
        uint32_t k = i;
        while (k < j && (is_digit(s[k]) || s[k] == ',' || s[k] == '.' || s[k] == ':' || s[k] == '/'))
            k++;
        if (k < j && !(flags & SR_TF_HYPHEN) && !range) {
            uint32_t sl = j - k;
            bool keep = (sl == 2 && (ci_prefix(s + k, sl, "st") || ci_prefix(s + k, sl, "nd") ||
                                     ci_prefix(s + k, sl, "rd") || ci_prefix(s + k, sl, "th"))) ||
                        (sl == 1 && (s[k] == 's' || s[k] == 'S'));
            bool all_alpha = true;
            for (uint32_t q = k; q < j; q++)
                if (!is_lower_ascii(s[q]) && !is_upper_ascii(s[q]))
                    all_alpha = false;
            if (keep) {
                kind = SR_TOK_NUMBER;
            } else if (all_alpha) {
                /* 9pm -> 9 pm, 5km -> 5 km */
                if (!emit(g, i, k, SR_TOK_NUMBER, 0))
                    return false;
                i = k;
                kind = SR_TOK_WORD;
            }
        }
    }
    if (kind == SR_TOK_WORD) {
        if (is_upper_at(g, i))
            flags |= SR_TF_CAP;
        if (upper_seen && !lower_seen && !(flags & SR_TF_NONASCII)) {
            uint32_t letters = 0;
            for (uint32_t q = i; q < j; q++)
                letters += is_upper_ascii(s[q]);
            if (letters >= 2)
                flags |= SR_TF_ALLCAPS;
        }
    }
    /* The period after a word: abbreviation or sentence end? */
    if (kind == SR_TOK_WORD && j < end && s[j] == '.' && !(j + 1 < end && s[j + 1] == '.')) {
        if (inner_period && short_segs) {
            flags |= SR_TF_ABBREV;
            j++;
        } else if (!inner_period && !(flags & SR_TF_HYPHEN)) {
            int cls = sr_model_abbrev(g->m, s + i, j - i);
            bool before_number = false;
            if (cls == SR_ABBR_NUMBER) {
                uint32_t k = j + 1;
                while (k < end && s[k] == ' ')
                    k++;
                before_number = k < end && is_digit(s[k]);
            }
            if (j - i == 1 && is_upper_ascii(s[i])) {
                flags |= SR_TF_ABBREV | SR_TF_INITIAL;
                j++;
            } else if (cls == SR_ABBR_TITLE && (flags & SR_TF_CAP)) {
                flags |= SR_TF_ABBREV | SR_TF_TITLEABBR;
                j++;
            } else if (cls == SR_ABBR_OTHER || cls == SR_ABBR_MONTH || before_number) {
                flags |= SR_TF_ABBREV;
                j++;
            }
        }
    }
    if (inner_period && !short_segs && !(flags & SR_TF_ABBREV))
        kind = SR_TOK_URL;
    *next = j;
    return emit(g, i, j, kind, flags) != NULL;
}

static bool tokenize_range(seg *g, uint32_t a, uint32_t b)
{
    const char *s = g->s;
    uint32_t i = a;
    while (i < b) {
        while (i < b && (unsigned char)s[i] <= ' ')
            i++;
        if (i >= b)
            break;
        uint32_t l;
        cclass c = char_class(g, i, &l);
        if (c == C_SPACE) {
            i += l;
            continue;
        }
        /* The common case first: an ASCII word that starts with a letter
         * (not h or w, which may start a URL) and ends at a byte that
         * cannot continue it.  Flags without branches. */
        if (c == C_ALPHA && (unsigned char)s[i] < 0x80 && (s[i] | 0x20) != 'h' &&
            (s[i] | 0x20) != 'w') {
            unsigned seen = 0, nup = 0;
            uint32_t j = scan_run(g, i, b, &seen, &nup);
            if (j >= b || word_end[(unsigned char)s[j]]) {
                unsigned cap = (unsigned)(s[i] - 'A') < 26u;
                unsigned allcaps = !(seen & WB_LOWER) & (nup >= 2);
                if (!emit(g, i, j, SR_TOK_WORD,
                          (uint16_t)(cap * SR_TF_CAP | allcaps * SR_TF_ALLCAPS)))
                    return false;
                i = j;
                continue;
            }
        }
        uint32_t u = scan_url(g, i, b);
        if (u > i) {
            if (!emit(g, i, u, SR_TOK_URL, 0))
                return false;
            i = u;
            continue;
        }
        if (c == C_ALPHA || c == C_DIGIT) {
            uint32_t next = UINT32_MAX;
            if (!scan_word(g, i, b, &next))
                return false;
            i = next;
            /* A clitic right after: 's 're n't ... */
            if (i < b && (s[i] == '\'' || ((s[i] == 'n' || s[i] == 'N') && i + 1 < b &&
                                           s[i + 1] == '\''))) {
                uint32_t k = s[i] == '\'' ? i + 1 : i + 2;
                uint32_t cl = clitic_len(g, k, b);
                if (cl && (s[i] != '\'' || !(cl == 1 && (s[k] == 't' || s[k] == 'T')))) {
                    if (!emit(g, i, k + cl, SR_TOK_WORD, SR_TF_CLITIC))
                        return false;
                    i = k + cl;
                }
            }
            continue;
        }
        if (c == C_SYMBOL) {
            if (!emit(g, i, i + l, SR_TOK_SYMBOL, 0))
                return false;
            i += l;
            continue;
        }
        /* Punctuation. */
        char ch = s[i];
        uint32_t j = i + l;
        uint16_t flags = 0;
        if (ch == '.' || ch == '!' || ch == '?') {
            while (j < b && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
            flags |= SR_TF_SENT_END;
        } else if (ch == '-') {
            while (j < b && s[j] == '-')
                j++;
        } else if (ch == '"' || ch == '\'') {
            flags |= SR_TF_QUOTE;
            /* The original character says which side when it was curly. */
            uint32_t o = sr_doc_orig(g->d, i);
            const unsigned char *t = (const unsigned char *)g->d->text + o;
            bool curly = o + 3 <= g->d->len && t[0] == 0xE2 && t[1] == 0x80;
            bool prev_space = i == a || class_at(g, i - 1, b) == C_SPACE ||
                              strchr("([{-", s[i - 1]) != NULL;
            bool next_space = class_at(g, j, b) == C_SPACE;
            if (curly && (t[2] == 0x9C || t[2] == 0x98))
                flags |= SR_TF_OPEN;
            else if (curly && (t[2] == 0x9D || t[2] == 0x99))
                flags |= SR_TF_CLOSE;
            else if (prev_space && !next_space)
                flags |= SR_TF_OPEN;
            else if (!prev_space)
                flags |= SR_TF_CLOSE;
            /* A closing single quote after a word is a possessive apostrophe
             * when the text is not inside single quotes; later stages
             * decide, the token is the same. */
        } else if (ch == '(' || ch == '[' || ch == '{') {
            flags |= SR_TF_OPEN;
        } else if (ch == ')' || ch == ']' || ch == '}') {
            flags |= SR_TF_CLOSE;
        }
        if (!emit(g, i, j, SR_TOK_PUNCT, flags))
            return false;
        i = j;
    }
    return true;
}

/* Does token t begin a new sentence, judging by its first character? */
static bool starts_sentence(const seg *g, const sr_token *t)
{
    if (t->flags & SR_TF_OPEN)
        return true;
    if (t->kind == SR_TOK_NUMBER)
        return true;
    if (t->kind == SR_TOK_WORD || t->kind == SR_TOK_URL)
        return is_upper_at(g, t->nstart);
    return false;
}

static bool is_starter_word(const seg *g, const sr_token *t)
{
    if (t->flags & SR_TF_OPEN)
        return true;
    return t->kind == SR_TOK_WORD && (t->flags & SR_TF_CAP) &&
           sr_model_sentence_starter(g->m, g->s + t->nstart, t->nend - t->nstart);
}

static bool add_sentence(seg *g, uint32_t first, uint32_t last)
{
    sr_sentence *sn = SR_VEC_PUSH(g->d->arena, &g->d->sentences);
    if (!sn)
        return false;
    sr_token *t = g->d->tokens.v;
    sn->start = t[first].start;
    sn->end = t[last].end;
    sn->tok_first = first;
    sn->tok_n = last - first + 1;
    return true;
}

/* Splits tokens [first, end) of one block into sentences. */
static bool split_sentences(seg *g, uint32_t first, uint32_t end)
{
    sr_token *t = g->d->tokens.v;
    uint32_t start = first;
    for (uint32_t i = first; i < end; i++) {
        /* Only a possible sentence end, or the length cap, can break. */
        uint32_t lim = start + MAX_SENTENCE_TOKENS - 1;
        while (i < end && i < lim && !(t[i].flags & (SR_TF_SENT_END | SR_TF_ABBREV)))
            i++;
        if (i >= end)
            break;
        bool brk = false;
        uint32_t last = i;
        if (t[i].flags & SR_TF_SENT_END) {
            /* Closing quotes and brackets belong to the sentence they end. */
            while (last + 1 < end && (t[last + 1].flags & SR_TF_CLOSE))
                last++;
            if (last + 1 >= end) {
                brk = true;
            } else {
                bool ellipsis = t[i].nend - t[i].nstart >= 3 && g->s[t[i].nstart] == '.';
                const sr_token *nx = &t[last + 1];
                if (ellipsis)
                    brk = nx->kind == SR_TOK_WORD && is_upper_at(g, nx->nstart);
                else
                    brk = starts_sentence(g, nx);
            }
        } else if ((t[i].flags & SR_TF_ABBREV) && !(t[i].flags & SR_TF_TITLEABBR)) {
            while (last + 1 < end && (t[last + 1].flags & SR_TF_CLOSE))
                last++;
            brk = last + 1 >= end || is_starter_word(g, &t[last + 1]);
        }
        if (!brk && i + 1 - start >= MAX_SENTENCE_TOKENS) {
            if (!sr_doc_warn(g->d, "limit", t[i].end,
                             "sentence cut after %d tokens", MAX_SENTENCE_TOKENS))
                return false;
            brk = true;
        }
        if (brk) {
            if (!add_sentence(g, start, last))
                return false;
            i = last;
            start = last + 1;
        }
    }
    if (start < end && !add_sentence(g, start, end - 1))
        return false;
    return true;
}

/* Is there a line break between tokens i - 1 and i?  Usually one space
 * lies between: no. */
static inline bool break_before(const seg *g, const sr_token *t, uint32_t i)
{
    uint32_t a = t[i - 1].nend, b = t[i].nstart;
    if (b - a == 1 && g->s[a] == ' ')
        return false;
    return b > a && memchr(g->s + a, '\n', b - a) != NULL;
}

/* Are tokens [first, end) of a block written one sentence per line (or one
 * paragraph per line)?  Hard-wrapped prose breaks lines mid-sentence, so
 * few of its lines end a sentence; text laid out by line ends most of them
 * with terminal punctuation, and never goes on in lower case after a line
 * that did not end.  Needs three lines or more; the first six decide. */
static bool line_structured(const seg *g, uint32_t first, uint32_t end)
{
    const sr_token *t = g->d->tokens.v;
    uint32_t lines = 1, ended = 0, i = first + 1;
    for (; i < end && lines < 6; i++) {
        if (!break_before(g, t, i))
            continue;
        const sr_token *last = &t[i - 1];
        char c = g->s[last->nend - 1];
        bool done = (last->flags & (SR_TF_SENT_END | SR_TF_CLOSE)) || c == ':' || c == '.';
        if (!done && t[i].kind == SR_TOK_WORD && is_lower_ascii(g->s[t[i].nstart]))
            return false; /* a hard-wrapped line */
        lines++;
        ended += done;
        if (lines - ended > 3)
            return false;
    }
    if (lines < 3)
        return false;
    /* the end of the last line looked at */
    while (i < end && !break_before(g, t, i))
        i++;
    ended += (t[i - 1].flags & (SR_TF_SENT_END | SR_TF_CLOSE)) != 0;
    return ended * 2 >= lines;
}

/* The view offset of text offset `o` (the first view byte at or after it). */
static uint32_t view_of(const sr_doc *d, uint32_t o)
{
    if (!d->map)
        return o;
    uint32_t lo = 0, hi = d->nlen;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (d->map[mid] < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool presize(sr_arena *a, void **v, uint32_t *cap, uint32_t n, size_t want, size_t size)
{
    if (*cap >= want || want > UINT32_MAX / 2)
        return true;
    void *nv = sr_arena_grow(a, *v, n, want, size);
    if (!nv)
        return false;
    *v = nv;
    *cap = (uint32_t)want;
    return true;
}

sitrep_status sr_segment_run(sr_doc *d, const sitrep_model *m)
{
    seg g = {.d = d, .m = m, .s = d->norm, .n = d->nlen};
    /* Room for the usual density of news text (a token per 5-6 bytes, a
     * sentence per ~120) so that the arrays rarely grow. */
    if (!presize(d->arena, (void **)&d->tokens.v, &d->tokens.cap, d->tokens.n, d->len / 5 + 16,
                 sizeof(sr_token)) ||
        !presize(d->arena, (void **)&d->sentences.v, &d->sentences.cap, d->sentences.n,
                 d->len / 100 + 8, sizeof(sr_sentence)))
        return SITREP_ENOMEM;
    for (uint32_t b = 0; b < d->blocks.n; b++) {
        const sr_block *bl = &d->blocks.v[b];
        if (bl->kind != SR_BLOCK_BODY && bl->kind != SR_BLOCK_TITLE)
            continue;
        uint32_t a = view_of(d, bl->start), e = view_of(d, bl->end);
        uint32_t first = d->tokens.n;
        if (!tokenize_range(&g, a, e))
            return SITREP_ENOMEM;
        if (bl->kind != SR_BLOCK_BODY)
            continue;
        uint32_t from = first;
        uint32_t body = bl->start + bl->skip;
        while (from < d->tokens.n && d->tokens.v[from].start < body)
            from++;
        /* one sentence (or more) per line when the block is written so:
         * split at every line end */
        bool by_line = d->tokens.n - from > 2 && line_structured(&g, from, d->tokens.n);
        uint32_t end = d->tokens.n;
        while (from < end) {
            uint32_t to = end;
            if (by_line)
                for (to = from + 1; to < end && !break_before(&g, d->tokens.v, to); to++)
                    ;
            if (!split_sentences(&g, from, to))
                return SITREP_ENOMEM;
            from = to;
        }
    }
    return SITREP_OK;
}
