/*
 * jsonl.c: one JSONL line, one object, decoded into the document arena.
 *
 * Why not cJSON here: a JSONL corpus is read at hundreds of MB/s, and a
 * tree with a malloc per member, copied again into the arena, costs about a
 * third of the read budget.  This scanner checks the whole line against the
 * JSON grammar (RFC 8259) but keeps only what the record uses: the string
 * members it is asked for, decoded in place into the arena, and the text of
 * an "id" that is a number.  Nested values are validated and skipped with
 * an explicit depth counter (no recursion).  The fuzzer compares it with
 * cJSON on every input (fuzz/fuzz_read_jsonl.c).
 */
#include "read/read.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_NESTING 512

typedef struct scan {
    const char *s;
    size_t n, i;
    const char *err;
} scan;

static void ws(scan *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' ||
                           c->s[c->i] == '\r'))
        c->i++;
}

static int hexval(char h)
{
    if (h >= '0' && h <= '9') return h - '0';
    if (h >= 'a' && h <= 'f') return h - 'a' + 10;
    if (h >= 'A' && h <= 'F') return h - 'A' + 10;
    return -1;
}

static int32_t hex4(scan *c)
{
    if (c->i + 4 > c->n)
        return -1;
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(c->s[c->i + (size_t)k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    c->i += 4;
    return v;
}

/* A string at c->i (on its opening quote).  With `out` non-NULL the
 * decoded bytes are written there (room for the raw length suffices: no
 * escape decodes longer than it is written) and *outlen set. */
static bool string(scan *c, char *out, size_t *outlen)
{
    size_t open = c->i;
    c->i++; /* the quote */
    size_t o = 0;
    for (;;) {
        /* copy a plain run at once */
        size_t r = c->i;
#ifdef __SSE2__
        while (r + 16 <= c->n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(c->s + r));
            __m128i stop = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), _mm_setzero_si128()));
            int mask = _mm_movemask_epi8(stop);
            if (mask) {
                r += (size_t)__builtin_ctz((unsigned)mask);
                /* "\n" is the most common escape in news text: decode it
                 * here and stay in the fast loop. */
                if (out && c->s[r] == '\\' && r + 1 < c->n && c->s[r + 1] == 'n') {
                    memcpy(out + o, c->s + c->i, r - c->i);
                    o += r - c->i;
                    out[o++] = '\n';
                    r += 2;
                    c->i = r;
                    continue;
                }
                break;
            }
            r += 16;
        }
#endif
        while (r < c->n && c->s[r] != '"' && c->s[r] != '\\' && (unsigned char)c->s[r] >= 0x20)
            r++;
        if (out && r > c->i) {
            memcpy(out + o, c->s + c->i, r - c->i);
            o += r - c->i;
        }
        c->i = r;
        if (c->i >= c->n) {
            c->err = "unterminated string";
            c->i = open;
            return false;
        }
        char ch = c->s[c->i];
        if (ch == '"') {
            c->i++;
            if (outlen)
                *outlen = o;
            return true;
        }
        if ((unsigned char)ch < 0x20) {
            c->err = "control character in string";
            return false;
        }
        /* an escape */
        if (++c->i >= c->n) {
            c->err = "unterminated string";
            c->i = open;
            return false;
        }
        char e = c->s[c->i++];
        char lit = 0;
        switch (e) {
        case '"': lit = '"'; break;
        case '\\': lit = '\\'; break;
        case '/': lit = '/'; break;
        case 'b': lit = '\b'; break;
        case 'f': lit = '\f'; break;
        case 'n': lit = '\n'; break;
        case 'r': lit = '\r'; break;
        case 't': lit = '\t'; break;
        case 'u': {
            int32_t cp = hex4(c);
            if (cp < 0) {
                c->err = "bad \\u escape";
                return false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF && c->i + 6 <= c->n && c->s[c->i] == '\\' &&
                c->s[c->i + 1] == 'u') {
                size_t save = c->i;
                c->i += 2;
                int32_t lo = hex4(c);
                if (lo >= 0xDC00 && lo <= 0xDFFF)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    c->i = save;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; /* a lone surrogate has no UTF-8 form */
            if (out)
                o += sr_utf8_encode(cp, out + o);
            continue;
        }
        default:
            c->i--;
            c->err = "bad escape in string";
            return false;
        }
        if (out)
            out[o++] = lit;
    }
}

static bool literal(scan *c, const char *w)
{
    size_t l = strlen(w);
    if (c->n - c->i < l || memcmp(c->s + c->i, w, l) != 0) {
        c->err = "unexpected character";
        return false;
    }
    c->i += l;
    return true;
}

/* Skips digits from *i; returns how many. */
static size_t digits(const scan *c, size_t *i)
{
    size_t d = *i;
    while (*i < c->n && c->s[*i] >= '0' && c->s[*i] <= '9')
        (*i)++;
    return *i - d;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number(scan *c)
{
    size_t i = c->i;
    if (i < c->n && c->s[i] == '-')
        i++;
    bool ok;
    if (i < c->n && c->s[i] == '0')
        ok = ++i;
    else
        ok = i < c->n && c->s[i] != '0' && digits(c, &i);
    if (ok && i < c->n && c->s[i] == '.')
        ok = ++i && digits(c, &i);
    if (ok && i < c->n && (c->s[i] == 'e' || c->s[i] == 'E')) {
        i++;
        if (i < c->n && (c->s[i] == '+' || c->s[i] == '-'))
            i++;
        ok = digits(c, &i);
    }
    if (!ok) {
        c->err = "bad number";
        return false;
    }
    c->i = i;
    return true;
}

/* A member name we do not need and its colon, validated and skipped. */
static bool member_name(scan *c)
{
    ws(c);
    if (c->i >= c->n || c->s[c->i] != '"') {
        c->err = "expected a member name";
        return false;
    }
    if (!string(c, NULL, NULL))
        return false;
    ws(c);
    if (c->i >= c->n || c->s[c->i] != ':') {
        c->err = "expected ':'";
        return false;
    }
    c->i++;
    return true;
}

/* Any value, validated and skipped, nesting tracked without recursion. */
static bool skip_value(scan *c)
{
    char stack[MAX_NESTING];
    int depth = 0;
    for (;;) {
        ws(c);
        if (c->i >= c->n) {
            c->err = "unexpected end of line";
            return false;
        }
        char ch = c->s[c->i];
        bool value_done = true;
        if (ch == '{' || ch == '[') {
            if (depth == MAX_NESTING) {
                c->err = "nesting too deep";
                return false;
            }
            stack[depth++] = ch;
            c->i++;
            ws(c);
            char close = ch == '{' ? '}' : ']';
            if (c->i < c->n && c->s[c->i] == close) {
                c->i++;
                depth--;
            } else {
                if (ch == '{' && !member_name(c))
                    return false;
                value_done = false;
            }
        } else if (ch == '"') {
            if (!string(c, NULL, NULL))
                return false;
        } else if (ch == 't') {
            if (!literal(c, "true"))
                return false;
        } else if (ch == 'f') {
            if (!literal(c, "false"))
                return false;
        } else if (ch == 'n') {
            if (!literal(c, "null"))
                return false;
        } else if (!number(c)) {
            return false;
        }
        if (!value_done)
            continue;
        /* After a value: a comma (next member or element) or closers. */
        for (;;) {
            if (depth == 0)
                return true;
            ws(c);
            if (c->i >= c->n) {
                c->err = "unexpected end of line";
                return false;
            }
            char top = stack[depth - 1];
            char x = c->s[c->i];
            if (x == ',') {
                c->i++;
                if (top == '{' && !member_name(c))
                    return false;
                break;
            }
            if ((top == '{' && x == '}') || (top == '[' && x == ']')) {
                c->i++;
                depth--;
                continue;
            }
            c->err = top == '{' ? "expected ',' or '}'" : "expected ',' or ']'";
            return false;
        }
    }
}

bool sr_jsonl_parse(const char *line, size_t n, sr_arena *arena, sr_jsonl_field *fields,
                    size_t nfields, sr_jsonl_error *err)
{
    scan c = {line, n, 0, NULL};
    for (size_t f = 0; f < nfields; f++) {
        fields[f].value = NULL;
        fields[f].len = 0;
        fields[f].type = SR_JSON_ABSENT;
    }
    ws(&c);
    if (c.i >= c.n || c.s[c.i] != '{') {
        c.err = "a JSONL line must be an object";
        goto fail;
    }
    c.i++;
    ws(&c);
    if (c.i < c.n && c.s[c.i] == '}') {
        c.i++;
        goto end;
    }
    for (;;) {
        ws(&c);
        if (c.i >= c.n || c.s[c.i] != '"') {
            c.err = "expected a member name";
            goto fail;
        }
        /* Member names we look for are short: decode into a small buffer;
         * longer ones are only validated. */
        char key[32];
        size_t klen = 0, kstart = c.i;
        {
            scan probe = c;
            if (!string(&probe, NULL, NULL)) {
                c = probe;
                goto fail;
            }
            if (probe.i - kstart - 2 < sizeof key) {
                if (!string(&c, key, &klen))
                    goto fail;
            } else {
                c = probe;
                klen = SIZE_MAX;
            }
        }
        ws(&c);
        if (c.i >= c.n || c.s[c.i] != ':') {
            c.err = "expected ':'";
            goto fail;
        }
        c.i++;
        ws(&c);
        sr_jsonl_field *want = NULL;
        for (size_t f = 0; f < nfields && klen != SIZE_MAX; f++)
            if (fields[f].type == SR_JSON_ABSENT && fields[f].name[0] == key[0] &&
                strncmp(fields[f].name, key, klen) == 0 && fields[f].name[klen] == 0)
                want = &fields[f];
        if (c.i >= c.n) {
            c.err = "unexpected end of line";
            goto fail;
        }
        if (want && c.s[c.i] == '"') {
            /* Decode in one pass into the arena: the rest of the line
             * bounds the string's length; the unused tail goes back. */
            size_t room = c.n - c.i + 1;
            char *out = sr_arena_alloc(arena, room);
            if (!out) {
                c.err = "out of memory";
                goto fail;
            }
            size_t len;
            if (!string(&c, out, &len))
                goto fail;
            out[len] = 0;
            sr_arena_shrink_last(arena, out, room, len + 1);
            want->value = out;
            want->len = len;
            want->type = SR_JSON_STRING;
        } else if (want && (c.s[c.i] == '-' || (c.s[c.i] >= '0' && c.s[c.i] <= '9'))) {
            size_t a = c.i;
            if (!number(&c))
                goto fail;
            want->value = sr_arena_strndup(arena, c.s + a, c.i - a);
            if (!want->value) {
                c.err = "out of memory";
                goto fail;
            }
            want->len = c.i - a;
            want->type = SR_JSON_NUMBER;
        } else {
            if (!skip_value(&c))
                goto fail;
            if (want)
                want->type = SR_JSON_OTHER;
        }
        ws(&c);
        if (c.i < c.n && c.s[c.i] == ',') {
            c.i++;
            continue;
        }
        if (c.i < c.n && c.s[c.i] == '}') {
            c.i++;
            break;
        }
        c.err = "expected ',' or '}'";
        goto fail;
    }
end:
    ws(&c);
    if (c.i < c.n) {
        c.err = "unexpected data after the object";
        goto fail;
    }
    return true;
fail:
    err->message = c.err ? c.err : "invalid JSON";
    err->offset = c.i;
    return false;
}
