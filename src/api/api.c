/*
 * api.c: the public entry points and the pipeline that runs the stages in
 * order over one document: read (txt/jsonl/html) -> text -> segment.
 */
#include "api/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct sitrep_extractor {
    const sitrep_model *model;
    sr_arena arena;
    sitrep_record rec;
    sitrep_error err;
    char errbuf[512];
    char idbuf[512];
    sr_buf out; /* output staging for sitrep_record_write */
    sr_prerender pre; /* out holds the record, written with these flags */
    sr_lexcache *lexcache;
    sitrep_stage last; /* the last stage to run */
    sitrep_parse_mode parse; /* which sentences to parse */
};

const char *sitrep_status_string(sitrep_status st)
{
    switch (st) {
    case SITREP_OK: return "success";
    case SITREP_END: return "end of input";
    case SITREP_EIO: return "input/output error";
    case SITREP_EFORMAT: return "malformed input";
    case SITREP_EMODEL: return "model missing or invalid";
    case SITREP_ENOMEM: return "out of memory";
    case SITREP_ELIMIT: return "limit exceeded";
    case SITREP_EUSAGE: return "invalid arguments";
    }
    return "unknown status";
}

sitrep_status sitrep_extractor_new(const sitrep_model *model, sitrep_extractor **out)
{
    return sr_api_extractor_new(model, true, out);
}

sitrep_status sr_api_extractor_new(const sitrep_model *model, bool caches, sitrep_extractor **out)
{
    *out = NULL;
    sitrep_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return SITREP_ENOMEM;
    x->model = model;
    x->rec.model = model;
    x->rec.out = &x->out;
    x->rec.pre = &x->pre;
    x->last = SITREP_STAGE_ALL;
    x->lexcache = caches ? calloc(1, sizeof *x->lexcache) : NULL;
    if (caches && !x->lexcache) {
        free(x);
        return SITREP_ENOMEM;
    }
    sr_arena_init(&x->arena);
    sr_buf_init(&x->out);
    *out = x;
    return SITREP_OK;
}

void sitrep_extractor_free(sitrep_extractor *x)
{
    if (!x)
        return;
    sr_arena_free(&x->arena);
    sr_buf_free(&x->out);
    free(x->lexcache);
    free(x);
}

void sitrep_extractor_set_last_stage(sitrep_extractor *x, sitrep_stage last)
{
    x->last = last;
}

void sitrep_extractor_set_parse(sitrep_extractor *x, sitrep_parse_mode mode) { x->parse = mode; }

const sitrep_error *sitrep_extractor_error(const sitrep_extractor *x)
{
    return &x->err;
}

/* Turns the current record into an error record and sets x->err. */
static sitrep_status doc_fail(sitrep_extractor *x, const char *file, sitrep_status st, int64_t at,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->errbuf, sizeof x->errbuf, fmt, ap);
    va_end(ap);
    sr_doc *d = &x->rec.doc;
    const char *id = d->id ? d->id : x->idbuf;
    memset(d, 0, sizeof *d);
    d->arena = &x->arena;
    d->id = id;
    d->error = x->errbuf;
    d->error_offset = at;
    x->err = (sitrep_error){st, file, at, x->errbuf};
    return st;
}

static const char *meta_date(sr_doc *d, const char *v)
{
    char iso[32];
    if (sr_metadate_parse(v, strlen(v), iso))
        return sr_arena_strndup(d->arena, iso, strlen(iso));
    /* no real date: never used to resolve others (the time stage looks
     * for one in the dateline and the text instead) */
    sr_doc_warn(d, "meta", -1, "date \"%.40s\" not understood; not used", v);
    return "";
}

/* One JSONL line: {"id","text"} plus optional title, published, updated,
 * url, section, byline, dateline, language.  Members are decoded straight
 * into the arena (jsonl.c). */
static sitrep_status read_jsonl(sitrep_extractor *x, const char *file, const sr_rawdoc *raw, bool *header)
{
    enum { F_ID, F_TEXT, F_TITLE, F_SECTION, F_URL, F_BYLINE, F_DATELINE, F_LANGUAGE,
           F_PUBLISHED, F_UPDATED, F__COUNT };
    sr_jsonl_field f[F__COUNT] = {
        [F_ID] = {.name = "id"},           [F_TEXT] = {.name = "text"},
        [F_TITLE] = {.name = "title"},     [F_SECTION] = {.name = "section"},
        [F_URL] = {.name = "url"},         [F_BYLINE] = {.name = "byline"},
        [F_DATELINE] = {.name = "dateline"}, [F_LANGUAGE] = {.name = "language"},
        [F_PUBLISHED] = {.name = "published"}, [F_UPDATED] = {.name = "updated"},
    };
    sr_doc *d = &x->rec.doc;
    sr_jsonl_error jerr;
    if (!sr_jsonl_parse(raw->data, raw->len, d->arena, f, F__COUNT, &jerr))
        return doc_fail(x, file, SITREP_EFORMAT, raw->offset + (int64_t)jerr.offset,
                        "invalid JSON: %s", jerr.message);
    if (f[F_ID].type == SR_JSON_STRING || f[F_ID].type == SR_JSON_NUMBER)
        d->id = f[F_ID].value;
    else if (!(d->id = sr_arena_strndup(d->arena, x->idbuf, strlen(x->idbuf))))
        return doc_fail(x, file, SITREP_ENOMEM, raw->offset, "out of memory");
    if (f[F_TEXT].type != SR_JSON_STRING)
        return doc_fail(x, file, SITREP_EFORMAT, raw->offset,
                        f[F_TEXT].type == SR_JSON_ABSENT ? "no \"text\" field"
                                                         : "\"text\" is not a string");
    if (f[F_TEXT].len > UINT32_MAX / 2)
        return doc_fail(x, file, SITREP_ELIMIT, raw->offset, "text too long");
    d->text = f[F_TEXT].value;
    d->len = (uint32_t)f[F_TEXT].len;
    sr_meta *m = &d->meta;
#define STR(k) (f[k].type == SR_JSON_STRING ? f[k].value : NULL)
    m->title = STR(F_TITLE);
    m->section = STR(F_SECTION);
    m->url = STR(F_URL);
    m->byline = STR(F_BYLINE);
    m->dateline = STR(F_DATELINE);
    m->language = STR(F_LANGUAGE);
    if (STR(F_PUBLISHED) && !(m->published = meta_date(d, STR(F_PUBLISHED))))
        return doc_fail(x, file, SITREP_ENOMEM, raw->offset, "out of memory");
    if (STR(F_UPDATED) && !(m->updated = meta_date(d, STR(F_UPDATED))))
        return doc_fail(x, file, SITREP_ENOMEM, raw->offset, "out of memory");
    m->published = m->published && *m->published ? m->published : NULL;
    m->updated = m->updated && *m->updated ? m->updated : NULL;
    /* none given, or none that is a real date: a full date in the dateline
     * ("KABUL, Oct. 15, 2017"); else the time stage looks in the text */
    char iso[32];
    for (size_t k = 0, n = m->dateline ? strlen(m->dateline) : 0; !m->published && k < n && k < 120; k++)
        if ((k == 0 || m->dateline[k - 1] == ' ' || m->dateline[k - 1] == ',') &&
            sr_metadate_parse(m->dateline + k, n - k < 80 ? n - k : 80, iso)) {
            if (!(m->published = sr_arena_strndup(d->arena, iso, strlen(iso))))
                return doc_fail(x, file, SITREP_ENOMEM, raw->offset, "out of memory");
            m->published_basis = "dateline";
        }
#undef STR
    /* With a title given, the text is the body: look for no header. */
    *header = m->title == NULL;
    return SITREP_OK;
}

static sitrep_status run(sitrep_extractor *x, sr_lexcache *cache, const char *file, const sr_rawdoc *raw,
                         bool single)
{
    sr_arena_reset(&x->arena);
    x->pre.valid = false;
    sr_doc *d = &x->rec.doc;
    memset(d, 0, sizeof *d);
    d->arena = &x->arena;
    d->lexcache = cache ? cache : x->lexcache;
    x->err = (sitrep_error){SITREP_OK, file, -1, ""};
    /* The fallback id: the file name, with "#N" in a multi-document file
     * (formatted by hand: this runs once per document). */
    size_t fl = strlen(file);
    if (fl > sizeof x->idbuf - 24)
        fl = sizeof x->idbuf - 24;
    memcpy(x->idbuf, file, fl);
    if (!single) {
        char digits[24];
        int nd = 0;
        uint64_t v = raw->index;
        do {
            digits[nd++] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        x->idbuf[fl++] = '#';
        while (nd)
            x->idbuf[fl++] = digits[--nd];
    }
    x->idbuf[fl] = 0;
    if (raw->status != SITREP_OK)
        return doc_fail(x, file, raw->status, raw->offset, "%s", raw->error ? raw->error : "unreadable");

    sitrep_format fmt = raw->format;
    if (fmt == SITREP_FORMAT_AUTO)
        fmt = sr_detect_format(raw->data, raw->len);
    d->format = fmt;
    sitrep_status st = SITREP_OK;
    bool header = true;
    if (fmt == SITREP_FORMAT_JSONL) {
        st = read_jsonl(x, file, raw, &header);
        if (st != SITREP_OK)
            return st;
    } else {
        if (raw->len > UINT32_MAX / 2)
            return doc_fail(x, file, SITREP_ELIMIT, raw->offset, "document too large");
        d->id = sr_arena_strndup(d->arena, x->idbuf, strlen(x->idbuf));
        if (!d->id)
            return doc_fail(x, file, SITREP_ENOMEM, raw->offset, "out of memory");
        if (fmt == SITREP_FORMAT_HTML) {
            st = sr_read_html(d, raw->data, raw->len);
        } else {
            d->text = sr_arena_strndup(d->arena, raw->data, raw->len);
            d->len = (uint32_t)raw->len;
            if (!d->text)
                st = SITREP_ENOMEM;
        }
    }
    if (st == SITREP_OK && fmt != SITREP_FORMAT_HTML)
        st = sr_read_txt_layout(d, header);
    if (st == SITREP_OK && x->last >= SITREP_STAGE_SEGMENT)
        st = sr_text_run(d);
    if (st == SITREP_OK && x->last >= SITREP_STAGE_SEGMENT)
        st = sr_segment_run(d, x->model);
    /* Without a model an extractor reads and segments only. */
    sitrep_stage last = x->last;
    if (!x->model && last > SITREP_STAGE_SEGMENT)
        last = SITREP_STAGE_SEGMENT;
    if (st == SITREP_OK && last >= SITREP_STAGE_TAG)
        st = sr_tag_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_TAG)
        st = sr_lemma_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_MATCH)
        st = sr_match_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_PARSE && x->parse != SITREP_PARSE_OFF)
        st = sr_parse_run(d, x->model, x->parse == SITREP_PARSE_ALL);
    if (st == SITREP_OK && last >= SITREP_STAGE_ENTITIES)
        st = sr_ner_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_ENTITIES)
        st = sr_entity_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_ALL)
        st = sr_time_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_ALL)
        st = sr_quantity_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_ALL)
        st = sr_quote_run(d, x->model);
    if (st == SITREP_OK && last >= SITREP_STAGE_ALL)
        st = sr_event_run(d, x->model);
    if (st != SITREP_OK)
        return doc_fail(x, file, st, raw->offset, "%s", sitrep_status_string(st));
    return SITREP_OK;
}

sitrep_status sr_api_run(sitrep_extractor *x, const char *file, const sr_rawdoc *raw, bool single,
                         const sitrep_record **out)
{
    sitrep_status st = run(x, NULL, file, raw, single);
    *out = &x->rec;
    return st;
}

sitrep_status sr_api_run_cached(sitrep_extractor *x, sr_lexcache *cache, const char *file, const sr_rawdoc *raw,
                                bool single, const sitrep_record **out)
{
    sitrep_status st = run(x, cache, file, raw, single);
    *out = &x->rec;
    return st;
}

sitrep_status sitrep_extract_next(sitrep_extractor *x, sitrep_source *src, const sitrep_record **out)
{
    *out = NULL;
    sr_rawdoc raw;
    sitrep_status st = sr_source_next(src, &raw);
    if (st == SITREP_END)
        return SITREP_END;
    bool single = sitrep_source_format(src) != SITREP_FORMAT_JSONL;
    st = run(x, NULL, sr_source_name(src), &raw, single);
    *out = &x->rec;
    return st;
}

sitrep_status sitrep_extract_buffer(sitrep_extractor *x, const char *data, size_t len,
                                    sitrep_format format, const char *id, const sitrep_record **out)
{
    *out = NULL;
    if (!data && len)
        return SITREP_EUSAGE;
    sr_rawdoc raw = {.data = data ? data : "", .len = len, .offset = 0, .index = 1,
                     .format = format, .status = SITREP_OK};
    sitrep_status st = run(x, NULL, id ? id : "doc", &raw, true);
    *out = &x->rec;
    return st;
}

void sr_api_prerender(sitrep_extractor *x, unsigned flags)
{
    sr_buf *b = &x->out;
    b->n = 0;
    b->failed = false;
    x->pre.status = sr_record_write(&x->rec.doc, x->rec.model, b, flags);
    x->pre.flags = flags;
    x->pre.valid = true;
}

sitrep_status sitrep_record_write(const sitrep_record *rec, FILE *out, unsigned flags)
{
    /* The extractor's output buffer: writing makes no allocation in steady
     * state.  A pool's worker may have written the record there already. */
    sr_buf *b = rec->out;
    sitrep_status st;
    if (rec->pre->valid && rec->pre->flags == flags) {
        st = rec->pre->status;
    } else {
        b->n = 0;
        b->failed = false;
        st = sr_record_write(&rec->doc, rec->model, b, flags);
    }
    rec->pre->valid = false;
    if (st == SITREP_OK && b->n && fwrite(b->p, 1, b->n, out) != b->n)
        st = SITREP_EIO;
    /* Do not keep a huge buffer after a huge record. */
    if (b->cap > (size_t)16 * 1024 * 1024)
        sr_buf_free(b);
    return st;
}

const char *sitrep_record_id(const sitrep_record *rec) { return rec->doc.id; }
const char *sitrep_record_title(const sitrep_record *rec) { return rec->doc.meta.title; }
const char *sitrep_record_published(const sitrep_record *rec) { return rec->doc.meta.published; }
int sitrep_record_is_error(const sitrep_record *rec) { return rec->doc.error != NULL; }

const char *sitrep_record_text(const sitrep_record *rec, size_t *len)
{
    if (len)
        *len = rec->doc.len;
    return rec->doc.text;
}

size_t sitrep_record_count(const sitrep_record *rec, sitrep_count_kind what)
{
    const sr_doc *d = &rec->doc;
    size_t n = 0;
    switch (what) {
    case SITREP_COUNT_BLOCKS: return d->blocks.n;
    case SITREP_COUNT_SENTENCES: return d->sentences.n;
    case SITREP_COUNT_TOKENS: return d->tokens.n;
    case SITREP_COUNT_WARNINGS: return d->warnings.n;
    case SITREP_COUNT_BODY_BLOCKS:
    case SITREP_COUNT_BOILERPLATE_BLOCKS:
        for (uint32_t i = 0; i < d->blocks.n; i++)
            n += d->blocks.v[i].kind ==
                 (what == SITREP_COUNT_BODY_BLOCKS ? SR_BLOCK_BODY : SR_BLOCK_BOILERPLATE);
        return n;
    }
    return 0;
}
