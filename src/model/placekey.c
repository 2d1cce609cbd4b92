/*
 * placekey.c: the key a place name is matched by, the same for the
 * gazetteer (at model build time) and for names found in text: lower case,
 * accents and apostrophes dropped (utf8proc), other punctuation to spaces,
 * then the rules of data/lexicons/translit.txt, then doubled letters
 * collapsed and spaces squeezed.
 */
#include "model/model.h"

#include <utf8proc.h>

struct translit_rule {
    const char *from, *to;
};
#include "translit.inc"

/* The rules with '_', '^' and '$' turned into the spaces they stand for
 * (word boundaries), prepared once. */
#define NRULES (sizeof translit_rules / sizeof *translit_rules)
static struct prepared {
    char f[32], t[32];
    uint8_t fl, tl;
    uint16_t tri; /* the bit of its first three bytes (tri_bit), or 0xFFFF */
} rules[NRULES];

/* A key's trigrams as a 256-bit set: a rule whose first three bytes are
 * not in it cannot apply, so most rules cost one bit test, not a scan. */
static inline unsigned tri_bit(const char *s)
{
    uint32_t v = (uint32_t)(unsigned char)s[0] * 0x9E3779B1u ^ (uint32_t)(unsigned char)s[1] * 0x85EBCA77u ^
                 (uint32_t)(unsigned char)s[2] * 0xC2B2AE3Du;
    return (v >> 24) & 255;
}
static void trigrams(const char *s, size_t n, uint64_t set[4])
{
    set[0] = set[1] = set[2] = set[3] = 0;
    for (size_t i = 0; i + 3 <= n; i++) {
        unsigned b = tri_bit(s + i);
        set[b >> 6] |= 1ULL << (b & 63);
    }
}

__attribute__((constructor)) static void prepare_rules(void)
{
    for (size_t r = 0; r < NRULES; r++) {
        const char *from = translit_rules[r].from, *to = translit_rules[r].to;
        size_t fl = strlen(from), tl = strlen(to);
        if (fl == 0 || fl >= sizeof rules[r].f || tl >= sizeof rules[r].t)
            continue; /* fl stays 0: the rule is skipped */
        for (size_t i = 0; i < fl; i++)
            rules[r].f[i] = (from[i] == '_' || from[i] == '^' || from[i] == '$') ? ' ' : from[i];
        for (size_t i = 0; i < tl; i++)
            rules[r].t[i] = to[i] == '_' ? ' ' : to[i];
        rules[r].fl = (uint8_t)fl;
        rules[r].tl = (uint8_t)tl;
        rules[r].tri = fl >= 3 ? (uint16_t)tri_bit(rules[r].f) : 0xFFFF;
    }
}

static bool contains(const char *s, size_t n, const char *f, size_t fl)
{
    for (size_t i = 0; i + fl <= n; i++)
        if (s[i] == f[0] && memcmp(s + i, f, fl) == 0)
            return true;
    return false;
}

/* Replaces every occurrence of rule r's text in s[0..n) by its
 * replacement, left to right, in place (s has room for cap bytes).  Returns
 * the new length, and sets *changed when it replaced something. */
static size_t apply(char *s, size_t n, size_t cap, const struct prepared *r, bool *changed)
{
    const char *f = r->f, *t = r->t;
    size_t fl = r->fl, tl = r->tl;
    if (fl == 0 || !contains(s, n, f, fl))
        return n; /* most rules do not apply */
    char out[256];
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (i + fl <= n && memcmp(s + i, f, fl) == 0) {
            if (o + tl >= sizeof out)
                return n;
            memcpy(out + o, t, tl);
            o += tl;
            i += fl;
            /* a replacement that ends in a space may start the next match */
            if (tl && t[tl - 1] == ' ' && f[fl - 1] == ' ') {
                o--;
                i--;
            }
            continue;
        }
        if (o + 1 >= sizeof out)
            return n;
        out[o++] = s[i++];
    }
    if (o + 1 > cap)
        return n;
    memcpy(s, out, o);
    s[o] = 0;
    *changed = true;
    return o;
}

size_t sr_place_key(const char *name, size_t n, char *out, size_t cap)
{
    /* Fold: lower case, compatibility decomposition, marks stripped.  The
     * key keeps a space at each end so that rules see word boundaries. */
    char key[256];
    size_t b = 0, i = 0;
    key[b++] = ' ';
    while (i < n && b + 8 < sizeof key) {
        unsigned char a = (unsigned char)name[i];
        if (a < 0x80 && a != '\'' && a != '`') { /* ASCII: the same folding, faster */
            i++;
            if (a >= 'A' && a <= 'Z')
                key[b++] = (char)(a + 32);
            else if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'))
                key[b++] = (char)a;
            else
                key[b++] = ' ';
            continue;
        }
        int32_t c = sr_utf8_decode(name, n, &i);
        if (c < 0)
            continue;
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            c, dec, 8,
            UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
        for (utf8proc_ssize_t j = 0; j < k && b + 5 < sizeof key; j++) {
            int32_t d = dec[j];
            utf8proc_category_t cat = utf8proc_category(d);
            if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
                key[b++] = (char)d;
            else if (d == '\'' || d == '`' || d == 0x2018 || d == 0x2019 || d == 0x02BB ||
                     d == 0x02BC || d == 0x02BE || d == 0x02BF)
                ; /* apostrophes, ayn and hamza vanish: Ba'ath, Shi'ite */
            else if (d < 0x80 || cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_PD ||
                     cat == UTF8PROC_CATEGORY_PO || cat == UTF8PROC_CATEGORY_PS ||
                     cat == UTF8PROC_CATEGORY_PE)
                key[b++] = ' ';
            else
                b += sr_utf8_encode(d, key + b); /* other scripts stay as they are */
        }
    }
    key[b++] = ' ';
    key[b] = 0;
    size_t len = b;
    /* squeeze spaces before the rules */
    size_t o = 0;
    for (size_t k = 0; k < len; k++)
        if (key[k] != ' ' || o == 0 || key[o - 1] != ' ')
            key[o++] = key[k];
    key[o] = 0;
    len = o;
    uint64_t tri[4];
    trigrams(key, len, tri);
    for (size_t r = 0; r < NRULES; r++) {
        unsigned t = rules[r].tri;
        if (t != 0xFFFF && !(tri[t >> 6] >> (t & 63) & 1))
            continue;
        bool changed = false;
        len = apply(key, len, sizeof key, &rules[r], &changed);
        if (changed) /* new trigrams */
            trigrams(key, len, tri);
    }
    /* collapse doubled letters and spaces; trim */
    o = 0;
    for (size_t k = 0; k < len && o + 1 < cap; k++) {
        char c = key[k];
        if (c == ' ' && (o == 0 || out[o - 1] == ' '))
            continue;
        if (o && c == out[o - 1] && c >= 'a' && c <= 'z')
            continue;
        out[o++] = c;
    }
    while (o && out[o - 1] == ' ')
        o--;
    if (cap)
        out[o] = 0;
    return o;
}

/* ---- loose keys --------------------------------------------------------------
 * The romanizations of Arabic, Persian, Pashto, Urdu, Turkish, Kurdish,
 * Ukrainian and Burmese names that the key above still tells apart, made
 * one by rules, in this order:
 *   1. spaces go: "Faiz Abad" = "Faizabad", "Kyain Seikgyi" = "Kyainseikgyi",
 *      "Pul-e Alam" = "Puli Alam" (with 4);
 *   2. digraphs of one sound: kh = h, gh = g, dh = d, th = t, ph = f,
 *      dj = j, q = k ("Qandahar", "Kandahar"), x = h (Somali, Uzbek x);
 *   3. a y between a consonant and a vowel goes ("Verkhnyotoretske" =
 *      "Verkhnotoretske"), any other y is i ("Paryan" = "Parian");
 *   4. vowels: e = i, o = u ("Akhnoor", "Akhnur"; "Zirakpur", "Zerakpur"),
 *      the diphthongs ai, ei = i and au, ou = u ("Manogay", "Manogai");
 *   5. doubled letters collapse ("Buulo", "Bulo"; "Ariyankuppam");
 *   6. a final vowel goes after four letters ("Mogoke" = "Mogok",
 *      "Ocheretyne" = "Ocheretino");
 *   7. Burmese romanizations: an r closing a syllable after a goes
 *      ("Yinmarbin" = "Yinmabin", "Mandalar"), and a final m is n
 *      ("Loilem" = "Loilen", "Namhkam" = "Namhkan").
 * Letters of other scripts stay as they are. */
static bool loose_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

size_t sr_place_key_loose(const char *key, size_t n, char *out, size_t cap)
{
    static const char *const digraphs[][2] = {{"kh", "h"}, {"gh", "g"}, {"dh", "d"}, {"th", "t"},
                                              {"ph", "f"}, {"dj", "j"}, {"q", "k"},  {"x", "h"}};
    char a[256], b[256];
    size_t na = 0, nb = 0;
    /* 1, 2 */
    for (size_t i = 0; i < n && na + 1 < sizeof a;) {
        if (key[i] == ' ') {
            i++;
            continue;
        }
        bool done = false;
        for (size_t r = 0; r < sizeof digraphs / sizeof *digraphs && !done; r++) {
            size_t fl = strlen(digraphs[r][0]);
            if (i + fl <= n && memcmp(key + i, digraphs[r][0], fl) == 0) {
                a[na++] = digraphs[r][1][0];
                i += fl;
                done = true;
            }
        }
        if (!done)
            a[na++] = key[i++];
    }
    /* 3, 4 */
    for (size_t i = 0; i < na && nb + 1 < sizeof b; i++) {
        char c = a[i], next = i + 1 < na ? a[i + 1] : 0;
        if (c == 'y') {
            bool after_consonant = nb && !loose_vowel(b[nb - 1]) && (unsigned char)b[nb - 1] < 0x80;
            if (after_consonant && loose_vowel(next) && next != 'y')
                continue;
            c = 'i';
        }
        if (c == 'e')
            c = 'i';
        else if (c == 'o')
            c = 'u';
        /* ai, ay = i and au, ao = u: the a goes (ei, ou become ii, uu
         * and collapse) */
        if (c == 'a' && (next == 'i' || next == 'e' || next == 'y' || next == 'u' || next == 'o'))
            continue;
        b[nb++] = c;
    }
    /* 5, 6 */
    size_t o = 0;
    for (size_t i = 0; i < nb && o + 1 < cap; i++) {
        if (o && b[i] == out[o - 1] && (unsigned char)b[i] < 0x80)
            continue;
        out[o++] = b[i];
    }
    if (o > 4 && (out[o - 1] == 'a' || out[o - 1] == 'i' || out[o - 1] == 'u'))
        o--;
    /* 7 */
    size_t w = 0;
    for (size_t i = 0; i < o; i++) {
        char next = i + 1 < o ? out[i + 1] : 0;
        if (out[i] == 'r' && w && out[w - 1] == 'a' && i > 1 && !loose_vowel(next) &&
            (unsigned char)next < 0x80)
            continue;
        out[w++] = out[i];
    }
    o = w;
    if (o > 4 && out[o - 1] == 'm')
        out[o - 1] = 'n';
    if (cap)
        out[o < cap ? o : cap - 1] = 0;
    return o;
}
