/*
 * read/read.h: sources (files, standard input, gzip and zstd), the formats
 * (plain text, JSONL, HTML) and the dates of page metadata.  Uses base.
 */
#ifndef SR_READ_H
#define SR_READ_H

#include "base/base.h"

/* ---- sources (read.c) ------------------------------------------------------ */

/* One raw document handed out by a source.  `data` stays valid until the
 * next call on the source. */
typedef struct sr_rawdoc {
    const char *data;
    size_t len;
    int64_t offset;       /* stream offset of data[0], or of the error */
    uint64_t index;       /* 1-based position in the source */
    sitrep_format format;
    sitrep_status status; /* SITREP_OK, or why the document is missing */
    const char *error;    /* message when status is an error */
} sr_rawdoc;

/* Next document: SITREP_OK, SITREP_END, or an error for one document
 * (d->error says why; the source is positioned after it). */
sitrep_status sr_source_next(sitrep_source *s, sr_rawdoc *d);
const char *sr_source_name(const sitrep_source *s);
/* Format of a buffer from its first bytes. */
sitrep_format sr_detect_format(const char *p, size_t n);

/* ---- JSONL (jsonl.c) -------------------------------------------------------- */

typedef enum { SR_JSON_ABSENT, SR_JSON_STRING, SR_JSON_NUMBER, SR_JSON_OTHER } sr_json_type;

/* A member to look for.  `name` is set by the caller; the rest is filled:
 * a string's decoded bytes (NUL-terminated, in the arena), a number's text,
 * or type OTHER for any other value. */
typedef struct sr_jsonl_field {
    const char *name;
    const char *value;
    size_t len;
    sr_json_type type;
} sr_jsonl_field;

typedef struct sr_jsonl_error {
    const char *message; /* static */
    size_t offset;       /* byte offset in the line */
} sr_jsonl_error;

/* Parses one line holding one JSON object (white space around it allowed).
 * The first occurrence of a member wins.  Returns false with *err set when
 * the line is not exactly one valid JSON object. */
bool sr_jsonl_parse(const char *line, size_t n, sr_arena *arena, sr_jsonl_field *fields,
                    size_t nfields, sr_jsonl_error *err);

/* ---- text, HTML and dates ---------------------------------------------------- */

/* read_txt.c: blocks and metadata of a plain-text article.  With
 * `header` false (JSONL with a title given) no title/section/meta lines are
 * looked for at the top. */
sitrep_status sr_read_txt_layout(sr_doc *d, bool header);

/* read_html.c: turns an HTML page into text, blocks and metadata. */
sitrep_status sr_read_html(sr_doc *d, const char *html, size_t len);

/* metadate.c: parses a date as news pages write it ("Sunday, 15 October,
 * 2017, 9:37pm", "2017-10-15T21:37:00+08:00", "Oct. 15, 2017 at 10:50 a.m.
 * EDT").  On success writes ISO 8601 into out (at least 32 bytes) and
 * returns the number of input bytes used; 0 when no date was found. */
size_t sr_metadate_parse(const char *s, size_t n, char out[static 32]);

#endif /* SR_READ_H */
