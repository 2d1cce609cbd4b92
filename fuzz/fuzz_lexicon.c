/* Fuzzes the lexicon format: any lines either fail with a FILE:LINE
 * message or compile into sections that validate and match text. */
#include "fuzz_common.h"
#include "model/lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sr_lexbuild *b = sr_lexbuild_new();
    char err[256];
    const char *s = (const char *)data;
    size_t start = 0;
    long ln = 0;
    bool ok = true;
    for (size_t i = 0; i <= size && ok; i++) {
        if (i < size && s[i] != '\n')
            continue;
        ln++;
        ok = sr_lexbuild_add_line(b, s + start, i - start, "fuzz.lex", ln, err, sizeof err);
        if (!ok && strncmp(err, "fuzz.lex:", 9) != 0)
            abort();
        start = i + 1;
    }
    if (ok) {
        sr_lex_sections sec;
        if (!sr_lexbuild_sections(b, &sec))
            abort();
        sr_lexview v;
        if (!sr_lexview_init(&v, sec.strs, sec.nstrs, sec.hash, sec.nhash, sec.lists, sec.nlists,
                             sec.recs, sec.nrecs * sizeof(sr_lex_rec)))
            abort();
        sr_lex_sections_free(&sec);
    }
    sr_lexbuild_free(b);
    return 0;
}
