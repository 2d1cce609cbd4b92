/* testutil.h: helpers shared by the unit tests (cmocka). */
#ifndef SR_TESTUTIL_H
#define SR_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/read.h"
#include "out/out.h"

static sitrep_model *tu_model;
static sitrep_extractor *tu_x;

static inline int tu_setup(void **state)
{
    (void)state;
    if (sitrep_model_open(NULL, &tu_model) != SITREP_OK)
        return -1;
    return sitrep_extractor_new(tu_model, &tu_x) == SITREP_OK ? 0 : -1;
}

static inline int tu_teardown(void **state)
{
    (void)state;
    sitrep_extractor_free(tu_x);
    sitrep_model_free(tu_model);
    return 0;
}

/* Runs the pipeline on a string; returns the document (valid until the
 * next call). */
static inline const sr_doc *tu_extract(const char *text, sitrep_format fmt)
{
    const sitrep_record *rec = NULL;
    sitrep_status st = sitrep_extract_buffer(tu_x, text, strlen(text), fmt, "t", &rec);
    assert_int_equal(st, SITREP_OK);
    assert_non_null(rec);
    return &rec->doc;
}

/* The text of a span, in a static buffer. */
static inline const char *tu_span(const sr_doc *d, uint32_t s, uint32_t e)
{
    static char buf[4096];
    size_t n = e - s < sizeof buf - 1 ? e - s : sizeof buf - 1;
    memcpy(buf, d->text + s, n);
    buf[n] = 0;
    return buf;
}

/* The i-th block of a kind (-1 when there is none). */
static inline int tu_block(const sr_doc *d, sr_block_kind kind, int nth)
{
    for (uint32_t i = 0; i < d->blocks.n; i++)
        if (d->blocks.v[i].kind == kind && nth-- == 0)
            return (int)i;
    return -1;
}

static inline const char *tu_block_text(const sr_doc *d, sr_block_kind kind, int nth)
{
    int i = tu_block(d, kind, nth);
    if (i < 0)
        return NULL;
    return tu_span(d, d->blocks.v[i].start, d->blocks.v[i].end);
}

static inline const char *tu_sentence(const sr_doc *d, uint32_t i)
{
    assert_true(i < d->sentences.n);
    return tu_span(d, d->sentences.v[i].start, d->sentences.v[i].end);
}

/* The tokens of a document joined by '|'. */
static inline const char *tu_tokens(const sr_doc *d)
{
    static char buf[8192];
    size_t n = 0;
    for (uint32_t i = 0; i < d->tokens.n && n + 2 < sizeof buf; i++) {
        const sr_token *t = &d->tokens.v[i];
        size_t l = t->end - t->start;
        if (n + l + 2 >= sizeof buf)
            break;
        if (i)
            buf[n++] = '|';
        memcpy(buf + n, d->text + t->start, l);
        n += l;
    }
    buf[n] = 0;
    return buf;
}

/* The event whose trigger, or one of whose mentions' triggers, is the
 * text `trigger`; NULL if none. */
static inline const sr_event *tu_event(const sr_doc *d, const char *trigger)
{
    for (uint32_t i = 0; i < d->events.n; i++) {
        const sr_event *ev = &d->events.v[i];
        if (strcmp(tu_span(d, ev->trig_start, ev->trig_end), trigger) == 0)
            return ev;
        for (uint32_t k = 0; ev->mentions && k < ev->nmentions; k++)
            if (strcmp(tu_span(d, ev->mentions[k].trig_start, ev->mentions[k].trig_end), trigger) == 0)
                return ev;
    }
    return NULL;
}

/* Entity e's name ("" for none), in a buffer the next call reuses. */
static inline const char *tu_entity_name(const sr_doc *d, int32_t e)
{
    static char buf[128];
    if (e < 0)
        return "";
    snprintf(buf, sizeof buf, "%.*s", (int)d->entities.v[e].name_len, d->entities.v[e].name);
    return buf;
}

#endif
