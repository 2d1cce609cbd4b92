/* lexicon.h: lexicon files, their compiled sections and the matcher. */
#ifndef SR_LEXICON_H
#define SR_LEXICON_H

#include "model/model_write.h"

typedef struct sr_lexbuild sr_lexbuild;
sr_lexbuild *sr_lexbuild_new(void);
void sr_lexbuild_free(sr_lexbuild *b);
/* Adds a file / one line; on error writes "FILE:LINE: message". */
bool sr_lexbuild_add_file(sr_lexbuild *b, const char *path, char *err, size_t errn);
bool sr_lexbuild_add_line(sr_lexbuild *b, const char *text, size_t len, const char *file, long ln,
                          char *err, size_t errn);
size_t sr_lexbuild_count(const sr_lexbuild *b);
/* Widens one-word event verbs by their synonyms (the words of the verb's
 * first WordNet sense, given by `synonyms`), where no entry has the word;
 * returns how many were added. */
typedef size_t (*sr_lex_synonyms_fn)(const char *lemma, const char *const **words, void *ctx);
size_t sr_lexbuild_widen_events(sr_lexbuild *b, sr_lex_synonyms_fn synonyms, void *ctx);

/* The four lexicon sections as bytes (heap; sr_lex_sections_free). */
typedef struct sr_lex_sections {
    char *strs;
    size_t nstrs;
    void *hash;
    size_t nhash;
    uint32_t *lists;
    size_t nlists;
    sr_lex_rec *recs;
    size_t nrecs;
} sr_lex_sections;
bool sr_lexbuild_sections(const sr_lexbuild *b, sr_lex_sections *out);
void sr_lex_sections_free(sr_lex_sections *s);

/* The key of a phrase: lower-cased tokens joined by one space. */

#endif
