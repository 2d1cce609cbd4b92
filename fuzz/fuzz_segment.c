/* Fuzzes the text view and the tokenizer directly: the input is one body
 * block.  Checks that tokens and sentences are ordered and in bounds. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sitrep_model *m;
    if (!m && sitrep_model_open(NULL, &m) != SITREP_OK)
        abort();
    if (size > UINT32_MAX / 4)
        return 0;
    sr_arena a;
    sr_arena_init(&a);
    sr_doc d;
    memset(&d, 0, sizeof d);
    d.arena = &a;
    d.text = (const char *)data;
    d.len = (uint32_t)size;
    if (!sr_doc_add_block(&d, 0, d.len, SR_BLOCK_BODY) || sr_text_run(&d) != SITREP_OK ||
        sr_segment_run(&d, m) != SITREP_OK)
        abort();
    uint32_t prev = 0;
    for (uint32_t i = 0; i < d.tokens.n; i++) {
        const sr_token *t = &d.tokens.v[i];
        if (t->start > t->end || t->end > d.len || t->start < prev || t->nend > d.nlen)
            abort();
        prev = t->end;
    }
    for (uint32_t i = 0; i < d.sentences.n; i++)
        if (d.sentences.v[i].start > d.sentences.v[i].end || d.sentences.v[i].end > d.len)
            abort();
    sr_arena_free(&a);
    return 0;
}
