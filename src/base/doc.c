/*
 * doc.c: the document's own helpers, used by every stage that adds to it:
 * warnings, blocks, and the names of block and token kinds.
 */
#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>

const char *const sr_block_kind_names[SR_BLOCK__COUNT] = {
    "section", "title", "meta", "body", "boilerplate", /* ORDER BLOCK */
};

const char *const sr_tok_kind_names[SR_TOK__COUNT] = {
    "word", "number", "punct", "symbol", "url", /* ORDER TOK */
};

bool sr_doc_warn(sr_doc *d, const char *code, int64_t start, const char *fmt, ...)
{
    va_list ap;
    char msg[256];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sr_warning *w = SR_VEC_PUSH(d->arena, &d->warnings);
    if (!w)
        return false;
    w->code = code;
    w->start = start;
    w->message = sr_arena_strndup(d->arena, msg, strlen(msg));
    return w->message != NULL;
}

bool sr_doc_add_block(sr_doc *d, uint32_t start, uint32_t end, sr_block_kind kind)
{
    sr_block *b = SR_VEC_PUSH(d->arena, &d->blocks);
    if (!b)
        return false;
    b->start = start;
    b->end = end;
    b->kind = (uint8_t)kind;
    b->heading = false;
    return true;
}
