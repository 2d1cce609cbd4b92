/*
 * read.c: stage "read".  A source is a stream of documents: a file, standard
 * input or a memory buffer; gzip (several members allowed) and zstd are
 * recognized by their magic bytes and decompressed as the stream is read.
 * The format (plain text, JSONL, HTML) is chosen from the first bytes of
 * the decompressed stream unless forced.
 *
 * Memory stays bounded whatever the input size: a JSONL source holds one
 * line at a time; a text or HTML source holds one document, and a document
 * larger than max_doc_bytes is reported (SITREP_ELIMIT) and skipped.
 * Offsets in errors are bytes into the decompressed stream.
 */
#include "read/read.h"

#include <errno.h>
#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

#define CHUNK ((size_t)64 * 1024)
#define DEFAULT_MAX_DOC ((size_t)64 * 1024 * 1024)

typedef enum { CODEC_RAW, CODEC_GZIP, CODEC_ZSTD } codec;

struct sitrep_source {
    char *name;
    sitrep_format format;
    size_t max_doc;

    /* raw bytes */
    FILE *f;
    bool own_f;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    unsigned char *in;
    size_t in_pos, in_len;
    bool in_eof;

    /* decompression */
    codec codec;
    z_stream z;
    bool z_init;
    ZSTD_DStream *zs;
    bool mid_frame;  /* compressed input ended inside a gzip member or zstd frame */

    /* decompressed bytes: buf[pos, len) not yet consumed; buf[0] is at
     * stream offset `base` */
    char *buf;
    size_t pos, len, cap;
    uint64_t base;
    bool eof;        /* no more decompressed bytes */
    bool broken;     /* a read or decompression error ended the stream */
    char errmsg[160];
    int64_t err_offset;

    uint64_t index;  /* documents handed out */
    bool done;
};

static sitrep_status fail(sitrep_source *s, int64_t at, const char *msg, const char *detail)
{
    s->broken = true;
    s->eof = true;
    s->err_offset = at;
    snprintf(s->errmsg, sizeof s->errmsg, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
    return SITREP_EFORMAT;
}

/* Reads raw (possibly compressed) bytes into s->in. */
static bool raw_fill(sitrep_source *s)
{
    if (s->in_pos < s->in_len || s->in_eof)
        return s->in_pos < s->in_len;
    if (s->mem) {
        size_t k = s->mem_len - s->mem_pos;
        if (k > CHUNK)
            k = CHUNK;
        memcpy(s->in, s->mem + s->mem_pos, k);
        s->mem_pos += k;
        s->in_pos = 0;
        s->in_len = k;
        if (k == 0)
            s->in_eof = true;
        return k > 0;
    }
    size_t k = fread(s->in, 1, CHUNK, s->f);
    s->in_pos = 0;
    s->in_len = k;
    if (k == 0) {
        s->in_eof = true;
        if (ferror(s->f))
            fail(s, (int64_t)(s->base + s->len), "read error", strerror(errno));
    }
    return k > 0;
}

static bool buf_room(sitrep_source *s, size_t need)
{
    /* Move the unconsumed tail to the front first. */
    if (s->pos > 0 && (s->len + need > s->cap || s->pos > s->cap / 2)) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->base += s->pos;
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->len + need <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap * 2 : 2 * CHUNK;
    while (cap < s->len + need)
        cap *= 2;
    char *b = realloc(s->buf, cap);
    if (!b)
        return false;
    s->buf = b;
    s->cap = cap;
    return true;
}

/* Appends up to CHUNK decompressed bytes to buf; false at end or error. */
static bool fill(sitrep_source *s)
{
    if (s->eof)
        return false;
    if (!buf_room(s, CHUNK)) {
        fail(s, (int64_t)(s->base + s->len), "out of memory", NULL);
        return false;
    }
    size_t want = CHUNK;
    if (s->codec == CODEC_RAW && s->f && s->in_pos >= s->in_len && !s->in_eof) {
        /* Uncompressed file: read straight into the document buffer. */
        size_t k = fread(s->buf + s->len, 1, want, s->f);
        s->len += k;
        if (k == 0) {
            s->in_eof = true;
            s->eof = true;
            if (ferror(s->f))
                fail(s, (int64_t)(s->base + s->len), "read error", strerror(errno));
        }
        return k > 0;
    }
    for (;;) {
        if (!raw_fill(s)) {
            if (s->broken)
                return false;
            if (s->mid_frame) {
                fail(s, (int64_t)(s->base + s->len),
                     s->codec == CODEC_GZIP ? "gzip data is truncated" : "zstd data is truncated",
                     NULL);
                return false;
            }
            s->eof = true;
            return false;
        }
        unsigned char *in = s->in + s->in_pos;
        size_t avail = s->in_len - s->in_pos;
        if (s->codec == CODEC_RAW) {
            size_t k = avail < want ? avail : want;
            memcpy(s->buf + s->len, in, k);
            s->in_pos += k;
            s->len += k;
            return true;
        }
        if (s->codec == CODEC_GZIP) {
            s->z.next_in = in;
            s->z.avail_in = (uInt)avail;
            s->z.next_out = (unsigned char *)s->buf + s->len;
            s->z.avail_out = (uInt)want;
            int r = inflate(&s->z, Z_NO_FLUSH);
            size_t got = want - s->z.avail_out;
            s->in_pos += avail - s->z.avail_in;
            s->len += got;
            s->mid_frame = true;
            if (r == Z_STREAM_END) {
                /* Another gzip member may follow. */
                inflateReset(&s->z);
                s->mid_frame = false;
            } else if (r != Z_OK && r != Z_BUF_ERROR) {
                fail(s, (int64_t)(s->base + s->len), "gzip data is corrupt",
                     s->z.msg ? s->z.msg : NULL);
                return got > 0;
            }
            if (got)
                return true;
            continue;
        }
        ZSTD_inBuffer zin = {in, avail, 0};
        ZSTD_outBuffer zout = {s->buf + s->len, want, 0};
        size_t r = ZSTD_decompressStream(s->zs, &zout, &zin);
        s->in_pos += zin.pos;
        s->len += zout.pos;
        s->mid_frame = !ZSTD_isError(r) && r != 0;
        if (ZSTD_isError(r)) {
            fail(s, (int64_t)(s->base + s->len), "zstd data is corrupt", ZSTD_getErrorName(r));
            return zout.pos > 0;
        }
        if (zout.pos)
            return true;
    }
}

static void detect_codec(sitrep_source *s)
{
    raw_fill(s);
    const unsigned char *p = s->in + s->in_pos;
    size_t n = s->in_len - s->in_pos;
    if (n >= 2 && p[0] == 0x1F && p[1] == 0x8B) {
        memset(&s->z, 0, sizeof s->z);
        if (inflateInit2(&s->z, 16 + MAX_WBITS) == Z_OK) {
            s->codec = CODEC_GZIP;
            s->z_init = true;
        }
    } else if (n >= 4 && p[0] == 0x28 && p[1] == 0xB5 && p[2] == 0x2F && p[3] == 0xFD) {
        s->zs = ZSTD_createDStream();
        if (s->zs) {
            ZSTD_initDStream(s->zs);
            s->codec = CODEC_ZSTD;
        }
    }
}

sitrep_format sr_detect_format(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < n && p[i] == '{')
        return SITREP_FORMAT_JSONL;
    if (i < n && p[i] == '<') {
        static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
                                           "<!--", "<div", "<p>", "<p ", "<article", "<title",
                                           "<h1", "<section", "<main", "<?xml"};
        for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
            size_t l = strlen(tags[k]);
            if (n - i >= l && strncasecmp(p + i, tags[k], l) == 0)
                return SITREP_FORMAT_HTML;
        }
    }
    return SITREP_FORMAT_TEXT;
}

static sitrep_source *new_source(const char *name, const sitrep_source_options *opt)
{
    sitrep_source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strdup(name ? name : "-");
    s->in = malloc(CHUNK);
    if (!s->name || !s->in) {
        free(s->name);
        free(s->in);
        free(s);
        return NULL;
    }
    s->format = opt ? opt->format : SITREP_FORMAT_AUTO;
    s->max_doc = opt && opt->max_doc_bytes ? opt->max_doc_bytes : DEFAULT_MAX_DOC;
    if (s->max_doc > UINT32_MAX / 2)
        s->max_doc = UINT32_MAX / 2; /* offsets are 32-bit */
    s->err_offset = -1;
    return s;
}

static void start(sitrep_source *s)
{
    detect_codec(s);
    if (s->format == SITREP_FORMAT_AUTO) {
        /* Look at up to 4 KiB of decompressed text. */
        while (s->len - s->pos < 4096 && fill(s))
            ;
        s->format = sr_detect_format(s->buf + s->pos, s->len - s->pos);
    }
}

sitrep_status sitrep_source_open_file(const char *path, const sitrep_source_options *opt,
                                      sitrep_source **out, sitrep_error *err)
{
    *out = NULL;
    if (err)
        *err = (sitrep_error){SITREP_OK, path, -1, ""};
    if (!path)
        return SITREP_EUSAGE;
    sitrep_source *s = new_source(path, opt);
    if (!s)
        return SITREP_ENOMEM;
    if (strcmp(path, "-") == 0) {
        s->f = stdin;
    } else {
        s->f = fopen(path, "rb");
        s->own_f = true;
        if (!s->f) {
            if (err) {
                static _Thread_local char msg[200];
                snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
                err->status = SITREP_EIO;
                err->offset = 0;
                err->message = msg;
            }
            s->own_f = false;
            sitrep_source_free(s);
            return SITREP_EIO;
        }
    }
    start(s);
    *out = s;
    return SITREP_OK;
}

sitrep_status sitrep_source_open_memory(const void *data, size_t len, const char *name,
                                        const sitrep_source_options *opt, sitrep_source **out)
{
    *out = NULL;
    if (!data && len)
        return SITREP_EUSAGE;
    sitrep_source *s = new_source(name ? name : "memory", opt);
    if (!s)
        return SITREP_ENOMEM;
    s->mem = data ? data : (const unsigned char *)"";
    s->mem_len = len;
    start(s);
    *out = s;
    return SITREP_OK;
}

sitrep_format sitrep_source_format(const sitrep_source *s)
{
    return s->format;
}

const char *sr_source_name(const sitrep_source *s)
{
    return s->name;
}

void sitrep_source_free(sitrep_source *s)
{
    if (!s)
        return;
    if (s->own_f && s->f)
        fclose(s->f);
    if (s->z_init)
        inflateEnd(&s->z);
    if (s->zs)
        ZSTD_freeDStream(s->zs);
    free(s->buf);
    free(s->in);
    free(s->name);
    free(s);
}

/* Discards input up to and including the next newline (JSONL) or to the
 * end (one-document formats). */
static void drain(sitrep_source *s, bool to_newline)
{
    for (;;) {
        if (to_newline && s->len > s->pos) {
            char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
            if (nl) {
                s->pos = (size_t)(nl - s->buf) + 1;
                return;
            }
        }
        s->pos = s->len;
        if (!fill(s))
            return;
    }
}

static sitrep_status doc_error(sitrep_source *s, sr_rawdoc *d, sitrep_status st, int64_t at,
                               const char *msg)
{
    d->status = st;
    d->offset = at;
    snprintf(s->errmsg, sizeof s->errmsg, "%s", msg);
    d->error = s->errmsg;
    return st;
}

sitrep_status sr_source_next(sitrep_source *s, sr_rawdoc *d)
{
    memset(d, 0, sizeof *d);
    d->offset = -1;
    if (s->done)
        return SITREP_END;
    if (s->format == SITREP_FORMAT_JSONL) {
        for (;;) {
            /* Find a complete line. */
            size_t scan = s->pos;
            char *nl;
            while (!(nl = s->len > scan ? memchr(s->buf + scan, '\n', s->len - scan) : NULL)) {
                scan = s->len;
                if (s->len - s->pos > s->max_doc) {
                    int64_t at = (int64_t)(s->base + s->pos);
                    drain(s, true);
                    s->index++;
                    d->index = s->index;
                    return doc_error(s, d, SITREP_ELIMIT, at,
                                     "line longer than the document size limit; skipped");
                }
                size_t keep = scan - s->pos;
                if (!fill(s)) {
                    nl = NULL;
                    break;
                }
                scan = s->pos + keep;
            }
            size_t end = nl ? (size_t)(nl - s->buf) : s->len;
            size_t a = s->pos;
            if (nl == NULL && a == end) {
                s->done = true;
                if (s->broken) {
                    d->index = ++s->index;
                    d->status = SITREP_EFORMAT;
                    d->offset = s->err_offset;
                    d->error = s->errmsg;
                    return SITREP_EFORMAT;
                }
                return SITREP_END;
            }
            s->pos = nl ? end + 1 : end;
            /* Blank lines separate nothing; skip them. */
            size_t k = a;
            while (k < end && (s->buf[k] == ' ' || s->buf[k] == '\t' || s->buf[k] == '\r'))
                k++;
            if (k == end)
                continue;
            if (end - a > s->max_doc) {
                d->index = ++s->index;
                return doc_error(s, d, SITREP_ELIMIT, (int64_t)(s->base + a),
                                 "line longer than the document size limit; skipped");
            }
            d->data = s->buf + a;
            d->len = end - a;
            d->offset = (int64_t)(s->base + a);
            d->index = ++s->index;
            d->format = SITREP_FORMAT_JSONL;
            return SITREP_OK;
        }
    }
    /* One document: the whole stream. */
    s->done = true;
    while (fill(s)) {
        if (s->len - s->pos > s->max_doc) {
            drain(s, false);
            d->index = ++s->index;
            return doc_error(s, d, SITREP_ELIMIT, (int64_t)s->max_doc,
                             "document larger than the size limit; skipped");
        }
    }
    d->index = ++s->index;
    if (s->broken) {
        d->status = SITREP_EFORMAT;
        d->offset = s->err_offset;
        d->error = s->errmsg;
        return SITREP_EFORMAT;
    }
    if (s->len - s->pos > s->max_doc)
        return doc_error(s, d, SITREP_ELIMIT, (int64_t)s->max_doc,
                         "document larger than the size limit; skipped");
    d->data = s->buf + s->pos;
    d->len = s->len - s->pos;
    d->offset = (int64_t)(s->base + s->pos);
    d->format = s->format;
    s->pos = s->len;
    return SITREP_OK;
}
