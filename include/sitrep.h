/*
 * sitrep.h: the public interface of libsitrep.
 *
 * sitrep turns news reports into structured, sourced records (see
 * docs/record.md).  The library has four objects, all opaque:
 *
 *   sitrep_model      read-only linguistic data; open once, share freely.
 *   sitrep_source     a stream of input documents: a file, standard input or
 *                     a memory buffer, optionally gzip- or zstd-compressed,
 *                     in plain text, JSONL or HTML.
 *   sitrep_extractor  per-thread working state.  It owns one arena that every
 *                     pipeline stage allocates from; the arena is reset at the
 *                     start of each document, so memory does not grow with
 *                     the number of documents.
 *   sitrep_record     the result for one document.  It lives in the
 *                     extractor's arena and stays valid until the next call
 *                     that extracts with the same extractor, or until the
 *                     extractor is freed.
 *
 * A typical loop:
 *
 *     sitrep_model *m; sitrep_source *src; sitrep_extractor *x;
 *     const sitrep_record *rec;
 *     sitrep_status st;
 *     if (sitrep_model_open(NULL, &m) != SITREP_OK) ...
 *     if (sitrep_extractor_new(m, &x) != SITREP_OK) ...
 *     if (sitrep_source_open_file("articles.jsonl.gz", NULL, &src) != SITREP_OK) ...
 *     while ((st = sitrep_extract_next(x, src, &rec)) != SITREP_END) {
 *         if (st != SITREP_OK)      // one bad document: report, go on
 *             fprintf(stderr, "%s\n", sitrep_extractor_error(x)->message);
 *         sitrep_record_write(rec, stdout, 0);  // error records too
 *     }
 *     sitrep_source_free(src); sitrep_extractor_free(x); sitrep_model_free(m);
 *
 * Every function that can fail returns a sitrep_status.  Every _free function
 * accepts NULL.  Nothing here aborts on bad input.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SITREP_BUILDING) && defined(__GNUC__)
#define SITREP_API __attribute__((visibility("default")))
#else
#define SITREP_API
#endif

/** Version of the library and of the record schema it writes. */
#define SITREP_VERSION "0.1.0"
#define SITREP_SCHEMA "sitrep/1"

/** Status codes.  SITREP_OK and SITREP_END are not errors. */
typedef enum sitrep_status {
    SITREP_OK = 0,       /* success */
    SITREP_END = 1,      /* the source has no more documents */
    SITREP_EIO = -1,     /* a file could not be opened or read */
    SITREP_EFORMAT = -2, /* a document is malformed (bad JSON, bad gzip...) */
    SITREP_EMODEL = -3,  /* the model file is missing, corrupt or too old */
    SITREP_ENOMEM = -4,  /* out of memory */
    SITREP_ELIMIT = -5,  /* a document exceeds a configured limit */
    SITREP_EUSAGE = -6   /* the caller passed invalid arguments */
} sitrep_status;

/** Input formats.  AUTO chooses by content (the first bytes after any
 *  compression, byte-order mark and white space). */
typedef enum sitrep_format {
    SITREP_FORMAT_AUTO = 0,
    SITREP_FORMAT_TEXT,  /* one plain-text article per file */
    SITREP_FORMAT_JSONL, /* one {"id","text",...} object per line */
    SITREP_FORMAT_HTML   /* one web page per file */
} sitrep_format;

/** An error, with where it happened.  `file` is the source name given when
 *  the source was opened ("-" for standard input); `offset` is the byte
 *  offset in the (decompressed) input stream, or -1 when unknown. */
typedef struct sitrep_error {
    sitrep_status status;
    const char *file;
    int64_t offset;
    const char *message;
} sitrep_error;

typedef struct sitrep_model sitrep_model;
typedef struct sitrep_source sitrep_source;
typedef struct sitrep_extractor sitrep_extractor;
typedef struct sitrep_record sitrep_record;

/** Limits and choices for a source.  Zero fields take the defaults. */
typedef struct sitrep_source_options {
    sitrep_format format;  /* AUTO by default */
    size_t max_doc_bytes;  /* largest document (text, HTML or one JSONL
                              line); default 64 MiB.  A larger one is
                              reported as SITREP_ELIMIT and skipped. */
} sitrep_source_options;

/** Returns a static English description of a status. */
SITREP_API const char *sitrep_status_string(sitrep_status st);

/* ---- model ------------------------------------------------------------ */

/** Opens the model file at `path`, or when `path` is NULL the default:
 *  $SITREP_MODEL, else sitrep.model beside the running program, else the
 *  model the build made.  The file is mmap'ed and checked whole (magic,
 *  version, sizes, bounds, checksums) before use.  On success *out is a
 *  model the caller owns; release with sitrep_model_free. */
SITREP_API sitrep_status sitrep_model_open(const char *path, sitrep_model **out);
/** As sitrep_model_open; on failure writes "FILE: reason" into err. */
SITREP_API sitrep_status sitrep_model_open_err(const char *path, sitrep_model **out, char *err,
                                               size_t errn);
/** Adds a lexicon file of the user's (the format of the .lex files in data/lexicons)
 *  on top of the model's own, without rebuilding anything; its entries win
 *  over ours.  Call before creating extractors.  A malformed line is
 *  refused with "FILE:LINE: message" in err (SITREP_EFORMAT). */
SITREP_API sitrep_status sitrep_model_add_lexicon(sitrep_model *m, const char *path, char *err,
                                                  size_t errn);
/** Writes a description of the model (sections, sizes, provenance). */
SITREP_API sitrep_status sitrep_model_describe(const sitrep_model *m, FILE *out);
SITREP_API void sitrep_model_free(sitrep_model *m);

/* ---- sources ---------------------------------------------------------- */

/** Opens a file ("-" is standard input) as a stream of documents.  gzip and
 *  zstd compression is detected from the content.  `opt` may be NULL.
 *  On failure *out is NULL and `err` (if not NULL) says why.  The caller
 *  owns the source; release with sitrep_source_free. */
SITREP_API sitrep_status sitrep_source_open_file(const char *path,
                                                 const sitrep_source_options *opt,
                                                 sitrep_source **out,
                                                 sitrep_error *err);

/** Opens a memory buffer as a stream of documents; `name` is used in ids and
 *  error messages.  The buffer is not copied: it must outlive the source. */
SITREP_API sitrep_status sitrep_source_open_memory(const void *data, size_t len,
                                                   const char *name,
                                                   const sitrep_source_options *opt,
                                                   sitrep_source **out);

/** Returns the format the source was detected as (or forced to). */
SITREP_API sitrep_format sitrep_source_format(const sitrep_source *src);
SITREP_API void sitrep_source_free(sitrep_source *src);

/* ---- extraction ------------------------------------------------------- */

/** Creates an extractor over `model` (which must outlive it).  With `model`
 *  NULL the extractor runs the stages that need none: reading and
 *  segmentation.  The caller owns the extractor; release with
 *  sitrep_extractor_free. */
SITREP_API sitrep_status sitrep_extractor_new(const sitrep_model *model,
                                              sitrep_extractor **out);
SITREP_API void sitrep_extractor_free(sitrep_extractor *x);

/** Reads the next document of `src` and runs the pipeline on it.
 *  Returns SITREP_OK with *out set; SITREP_END when the source is exhausted
 *  (*out NULL); or an error status for a document that could not be read,
 *  with *out set to an error record (id and error, no text) so that output
 *  stays aligned with input.  After a document error the source is
 *  positioned at the next document: keep calling.  *out points into the
 *  extractor and is valid until its next extraction. */
SITREP_API sitrep_status sitrep_extract_next(sitrep_extractor *x, sitrep_source *src,
                                             const sitrep_record **out);

/** Runs the pipeline on one document held in memory.  `format` AUTO
 *  detects; `id` may be NULL ("doc").  *out as for sitrep_extract_next. */
SITREP_API sitrep_status sitrep_extract_buffer(sitrep_extractor *x, const char *data,
                                               size_t len, sitrep_format format,
                                               const char *id,
                                               const sitrep_record **out);

/** Pipeline stages, in order.  An extractor runs every stage up to and
 *  including the one set (default: all). */
typedef enum sitrep_stage {
    SITREP_STAGE_READ = 1, /* metadata, text and blocks */
    SITREP_STAGE_SEGMENT,  /* + tokens and sentences */
    SITREP_STAGE_TAG,      /* + part-of-speech tags and lemmas */
    SITREP_STAGE_MATCH,    /* + lexicon matches */
    SITREP_STAGE_PARSE,    /* + dependency parses (sitrep_extractor_set_parse) */
    SITREP_STAGE_ENTITIES, /* + names, entities, actors and places */
    SITREP_STAGE_ALL = 100
} sitrep_stage;
SITREP_API void sitrep_extractor_set_last_stage(sitrep_extractor *x, sitrep_stage last);
/** Which sentences the parse stage parses: none (the default, for now:
 *  the parser costs about 30 us a token), those with a candidate event
 *  trigger, or all (for records with every token's head). */
typedef enum sitrep_parse_mode {
    SITREP_PARSE_OFF = 0,
    SITREP_PARSE_EVENTS = 1,
    SITREP_PARSE_ALL = 2
} sitrep_parse_mode;
SITREP_API void sitrep_extractor_set_parse(sitrep_extractor *x, sitrep_parse_mode mode);

/** The last error of this extractor (status SITREP_OK when none).  The
 *  strings are valid until the next extraction. */
SITREP_API const sitrep_error *sitrep_extractor_error(const sitrep_extractor *x);

/* ---- every core ------------------------------------------------------- */

/** A pool extracts on `threads` worker threads (0: one per online core)
 *  and hands records back in input order, as sitrep_extract_next does.
 *  At most `window` documents (0: 32 per thread) are held at once, each
 *  with an arena of its own, and beyond one a thread no more once they
 *  hold 16 MiB, so memory stays bounded.  `model`
 *  must outlive the pool and must not change while it runs (add lexicons
 *  first).  The caller owns the pool; release with sitrep_pool_free, which
 *  accepts NULL. */
typedef struct sitrep_pool sitrep_pool;
SITREP_API sitrep_status sitrep_pool_new(const sitrep_model *model, unsigned threads,
                                         unsigned window, sitrep_pool **out);
SITREP_API void sitrep_pool_set_last_stage(sitrep_pool *p, sitrep_stage last);
SITREP_API void sitrep_pool_set_parse(sitrep_pool *p, sitrep_parse_mode mode);
/** As sitrep_extract_next, over the pool: the next record of `src` in
 *  input order.  *out is valid until the next call on the pool (write it
 *  with sitrep_record_write from the calling thread before that).  Read one
 *  source to its SITREP_END before starting the next. */
SITREP_API sitrep_status sitrep_pool_next(sitrep_pool *p, sitrep_source *src,
                                          const sitrep_record **out);
/** Have the workers also write each record as sitrep_record_write(rec, f,
 *  flags) would, so that this call from the reading thread, with the same
 *  flags, only copies the bytes out: writing then runs on every core.  A
 *  call with other flags writes the record anew.  Call before the first
 *  sitrep_pool_next. */
SITREP_API void sitrep_pool_set_write_flags(sitrep_pool *p, unsigned flags);
/** The error of the record the last sitrep_pool_next returned. */
SITREP_API const sitrep_error *sitrep_pool_error(const sitrep_pool *p);
SITREP_API unsigned sitrep_pool_threads(const sitrep_pool *p);
SITREP_API void sitrep_pool_free(sitrep_pool *p);
/** The number of online cores (1 at least). */
SITREP_API unsigned sitrep_default_threads(void);

/* ---- records ---------------------------------------------------------- */

/** Output flags for sitrep_record_write. */
enum {
    SITREP_WRITE_PRETTY = 1 << 0,  /* indented JSON for people */
    SITREP_WRITE_NO_TEXT = 1 << 1, /* omit the "text" field */
    SITREP_WRITE_TOKENS = 1 << 2,  /* add "tokens" (debugging aid) */
    SITREP_WRITE_SUMMARY = 1 << 3, /* a short readable summary, not JSON */
    SITREP_WRITE_EVENTS_CSV = 1 << 4,   /* events that happened: ACLED-style CSV rows */
    SITREP_WRITE_EVENTS_GDELT = 1 << 5, /* events that happened: GDELT 2.0 event rows */
    SITREP_WRITE_EVENTS_HEADER = 1 << 6 /* the CSV header line first */
};

/** Writes the record as one line of JSON (or as set by `flags`) to `out`.
 *  The output is staged in the extractor's buffer, so call it from the
 *  thread that owns the extractor.  Returns SITREP_EIO when writing fails. */
SITREP_API sitrep_status sitrep_record_write(const sitrep_record *rec, FILE *out,
                                             unsigned flags);

/** Accessors.  Strings belong to the record; NULL when absent. */
SITREP_API const char *sitrep_record_id(const sitrep_record *rec);
SITREP_API const char *sitrep_record_title(const sitrep_record *rec);
SITREP_API const char *sitrep_record_published(const sitrep_record *rec);
/** The document text as read, and its length in bytes. */
SITREP_API const char *sitrep_record_text(const sitrep_record *rec, size_t *len);
/** Non-zero when the record stands for a document that could not be read. */
SITREP_API int sitrep_record_is_error(const sitrep_record *rec);

/** Counts of what a record holds, for summaries and tests. */
typedef enum sitrep_count_kind {
    SITREP_COUNT_BLOCKS,
    SITREP_COUNT_BODY_BLOCKS,
    SITREP_COUNT_BOILERPLATE_BLOCKS,
    SITREP_COUNT_SENTENCES,
    SITREP_COUNT_TOKENS,
    SITREP_COUNT_WARNINGS
} sitrep_count_kind;
SITREP_API size_t sitrep_record_count(const sitrep_record *rec, sitrep_count_kind what);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_H */
