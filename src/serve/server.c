/*
 * server.c: the HTTP server, on libmicrohttpd's own threads (a pool, each
 * polling many connections).  Every request is read as sent: the raw URI
 * comes from MHD's URI callback, and the path and query string are parsed
 * here (route.c, query.c), never by the library's lenient decoder.
 *
 * Limits: request line and headers (the connection's memory), body
 * (max_body, refused from Content-Length before it is read), connections,
 * idle time per connection, and the time a body may take.  One log line a
 * request on stderr, written with a single write(2).
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define KEY_MAX 256
#define MAX_KEYS 64

/* A record extracted by /extract, kept for /report; shared by reference. */
typedef struct kept {
    int refs; /* under the server's lock */
    size_t n;
    char json[];
} kept;

typedef struct file_data {
    bool incidents;
    char *data;
    size_t n;
    const char *name;
} file_data;

struct sr_server {
    struct MHD_Daemon *d;
    sr_server_options o;
    sitrep_model *own_model; /* opened here (else o.model is used) */
    const sitrep_model *model;
    /* extractors, one a thread */
    pthread_mutex_t lock;
    pthread_cond_t free_cv;
    sitrep_extractor **xs;
    unsigned nx, nfree;
    sitrep_extractor **free_xs;
    /* records kept for /report: a ring of the last o.keep */
    kept **ring;
    unsigned ring_n, ring_at;
    uint64_t extracted;
    /* files for /report */
    file_data *files;
    unsigned nfiles;
    /* keys */
    unsigned char keys[MAX_KEYS][KEY_MAX];
    size_t key_len[MAX_KEYS];
    unsigned nkeys;
    time_t started;
};

typedef struct req {
    char *uri; /* raw, as sent */
    char method[12];
    struct timespec t0;
    int status;
    size_t bytes;
    bool routed, too_big, answered;
    sr_route route;
    const char *qs; /* the query string, in uri */
    size_t qn;
    sr_buf body;
} req;

/* ---- small things ------------------------------------------------------------ */

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static const char *reason(int st)
{
    switch (st) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

static enum MHD_Result reply(struct MHD_Connection *c, req *rq, int status, const char *type, const char *body,
                            size_t n, const char *extra_name, const char *extra_value)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (strncmp(type, "text/html", 9) == 0)
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                                "img-src data:; frame-ancestors 'none'");
    if (extra_name)
        MHD_add_response_header(resp, extra_name, extra_value);
    enum MHD_Result r = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    rq->status = status;
    rq->bytes = n;
    rq->answered = true;
    return r;
}

/* {"status":N,"error":"Reason","message":"...","parameter":"..."} */
static enum MHD_Result send_error(struct MHD_Connection *c, req *rq, int status, const char *param,
                                  const char *msg, const char *hname, const char *hvalue)
{
    sr_buf b;
    sr_buf_init(&b);
    sr_json j = {.b = &b};
    sr_json_begin_object(&j);
    sr_json_key(&j, "status");
    sr_json_int(&j, status);
    sr_json_key(&j, "error");
    sr_json_cstr(&j, reason(status));
    sr_json_key(&j, "message");
    sr_json_cstr(&j, msg);
    if (param && *param) {
        sr_json_key(&j, "parameter");
        sr_json_cstr(&j, param);
    }
    sr_json_end_object(&j);
    sr_buf_putc(&b, '\n');
    enum MHD_Result r = b.failed ? MHD_NO
                                 : reply(c, rq, status, "application/json", b.p, b.n, hname, hvalue);
    sr_buf_free(&b);
    return r;
}

static enum MHD_Result send_qerr(struct MHD_Connection *c, req *rq, const sr_query_error *e)
{
    return send_error(c, rq, e->status ? e->status : 400, e->param, e->message, NULL, NULL);
}

/* ---- keys ---------------------------------------------------------------------- */

static int load_keys(sr_server *s, const char *path, char *err, size_t errn)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errn, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char line[KEY_MAX + 8];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] != '\n' && !feof(f)) {
            snprintf(err, errn, "%s:%d: a key is longer than %d bytes", path, lineno, KEY_MAX);
            fclose(f);
            return -1;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = 0;
        char *k = line;
        while (*k == ' ' || *k == '\t')
            k++;
        n = strlen(k);
        if (!n || k[0] == '#')
            continue;
        if (s->nkeys == MAX_KEYS) {
            snprintf(err, errn, "%s: more than %d keys", path, MAX_KEYS);
            fclose(f);
            return -1;
        }
        memset(s->keys[s->nkeys], 0, KEY_MAX);
        memcpy(s->keys[s->nkeys], k, n);
        s->key_len[s->nkeys++] = n;
    }
    fclose(f);
    return 0;
}

/* Whether the key presented is one of ours, in time that depends on
 * neither: every byte of every key is compared. */
static bool key_ok(const sr_server *s, const char *k)
{
    if (!k)
        return false;
    size_t n = strnlen(k, KEY_MAX + 1);
    if (n == 0 || n > KEY_MAX)
        return false;
    unsigned char p[KEY_MAX] = {0};
    memcpy(p, k, n);
    unsigned match = 0;
    for (unsigned i = 0; i < s->nkeys; i++) {
        unsigned diff = (unsigned)(s->key_len[i] ^ n);
        for (size_t j = 0; j < KEY_MAX; j++)
            diff |= (unsigned)(s->keys[i][j] ^ p[j]);
        match |= (unsigned)(diff == 0);
    }
    return match != 0;
}

static const char *presented_key(struct MHD_Connection *c)
{
    const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (a && strncasecmp(a, "Bearer ", 7) == 0) {
        a += 7;
        while (*a == ' ')
            a++;
        return a;
    }
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-API-Key");
}

/* ---- extraction ------------------------------------------------------------------ */

static sitrep_extractor *take_extractor(sr_server *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->nfree)
        pthread_cond_wait(&s->free_cv, &s->lock);
    sitrep_extractor *x = s->free_xs[--s->nfree];
    pthread_mutex_unlock(&s->lock);
    return x;
}

static void give_extractor(sr_server *s, sitrep_extractor *x)
{
    pthread_mutex_lock(&s->lock);
    s->free_xs[s->nfree++] = x;
    pthread_cond_signal(&s->free_cv);
    pthread_mutex_unlock(&s->lock);
}

static void keep_record(sr_server *s, const char *json, size_t n)
{
    if (!s->o.keep)
        return;
    kept *k = malloc(sizeof *k + n + 1);
    if (!k)
        return;
    k->refs = 1;
    k->n = n;
    memcpy(k->json, json, n);
    k->json[n] = 0;
    kept *old = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->ring_n < s->o.keep) {
        s->ring[s->ring_n++] = k;
    } else {
        old = s->ring[s->ring_at];
        s->ring[s->ring_at] = k;
        s->ring_at = (s->ring_at + 1) % s->o.keep;
        if (--old->refs)
            old = NULL;
    }
    s->extracted++;
    pthread_mutex_unlock(&s->lock);
    free(old);
}

static sitrep_format body_format(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!t)
        return SITREP_FORMAT_AUTO;
    if (strncasecmp(t, "text/plain", 10) == 0)
        return SITREP_FORMAT_TEXT;
    if (strncasecmp(t, "text/html", 9) == 0 || strncasecmp(t, "application/xhtml", 17) == 0)
        return SITREP_FORMAT_HTML;
    if (strncasecmp(t, "application/x-ndjson", 20) == 0 || strncasecmp(t, "application/jsonl", 17) == 0 ||
        strncasecmp(t, "application/json", 16) == 0)
        return SITREP_FORMAT_JSONL;
    return SITREP_FORMAT_AUTO;
}

static enum MHD_Result do_extract(sr_server *s, struct MHD_Connection *c, req *rq)
{
    if (rq->body.n == 0)
        return send_error(c, rq, 400, NULL, "the body is empty: send a text, an HTML page or JSONL", NULL, NULL);
    sitrep_source_options opt = {.format = body_format(c), .max_doc_bytes = s->o.max_body};
    sitrep_source *src = NULL;
    if (sitrep_source_open_memory(rq->body.p, rq->body.n, "body", &opt, &src) != SITREP_OK)
        return send_error(c, rq, 500, NULL, "cannot read the body", NULL, NULL);
    sitrep_extractor *x = take_extractor(s);
    sr_buf out, one;
    sr_buf_init(&out);
    sr_buf_init(&one);
    const sitrep_record *rec;
    sitrep_status st;
    unsigned ok = 0, bad = 0;
    char first_err[200] = "";
    while ((st = sitrep_extract_next(x, src, &rec)) != SITREP_END) {
        if (st != SITREP_OK) {
            if (!bad++)
                snprintf(first_err, sizeof first_err, "%s", sitrep_extractor_error(x)->message);
        } else {
            ok++;
        }
        one.n = 0;
        one.failed = false;
        sr_record_write(&rec->doc, rec->model, &one, 0);
        if (one.failed)
            break;
        if (one.n && one.p[one.n - 1] != '\n')
            sr_buf_putc(&one, '\n');
        sr_buf_put(&out, one.p, one.n);
        if (st == SITREP_OK)
            keep_record(s, one.p, one.n);
    }
    give_extractor(s, x);
    sitrep_source_free(src);
    enum MHD_Result r;
    if (out.failed || one.failed)
        r = send_error(c, rq, 500, NULL, "out of memory", NULL, NULL);
    else if (!ok)
        r = send_error(c, rq, 422, NULL, first_err[0] ? first_err : "no document in the body", NULL, NULL);
    else
        r = reply(c, rq, 200, "application/x-ndjson", out.p ? out.p : "", out.n, NULL, NULL);
    sr_buf_free(&out);
    sr_buf_free(&one);
    return r;
}

/* ---- the report -------------------------------------------------------------------- */

static enum MHD_Result do_report(sr_server *s, struct MHD_Connection *c, req *rq, const sr_filter *q)
{
    static sr_report zero;
    sr_report *r = malloc(sizeof *r);
    if (!r)
        return send_error(c, rq, 500, NULL, "out of memory", NULL, NULL);
    *r = zero;
    sr_report_init(r);
    r->title = "Situation report";
    if (s->o.store && s->o.store->report) {
        sr_query_error e = {0};
        int st = s->o.store->report(s->o.store->ctx, q, r, &e);
        if (st != 200) {
            sr_report_free(r);
            free(r);
            return send_qerr(c, rq, &e);
        }
    } else {
        for (unsigned i = 0; i < s->nfiles; i++) {
            const file_data *f = &s->files[i];
            if (f->incidents)
                sr_report_add_incidents(r, f->data, f->n, f->name);
            else
                sr_report_add_records(r, f->data, f->n, f->name);
        }
        /* the records extracted so far, by reference while reading */
        pthread_mutex_lock(&s->lock);
        unsigned n = s->ring_n;
        kept **ks = n ? malloc(n * sizeof *ks) : NULL;
        for (unsigned i = 0; i < n && ks; i++) {
            ks[i] = s->ring[(s->ring_n < s->o.keep ? i : (s->ring_at + i) % s->o.keep)];
            ks[i]->refs++;
        }
        pthread_mutex_unlock(&s->lock);
        for (unsigned i = 0; i < n && ks; i++)
            sr_report_add_records(r, ks[i]->json, ks[i]->n, "extracted");
        pthread_mutex_lock(&s->lock);
        for (unsigned i = 0; i < n && ks; i++)
            if (--ks[i]->refs == 0)
                free(ks[i]);
            else
                ks[i] = NULL;
        pthread_mutex_unlock(&s->lock);
        free(ks);
    }
    sr_report_finish(r);
    sr_buf b;
    sr_buf_init(&b);
    sr_report_html(r, q, &b);
    enum MHD_Result res = b.failed ? send_error(c, rq, 500, NULL, "out of memory", NULL, NULL)
                                   : reply(c, rq, 200, "text/html; charset=utf-8", b.p, b.n, NULL, NULL);
    sr_buf_free(&b);
    sr_report_free(r);
    free(r);
    return res;
}

/* ---- requests ------------------------------------------------------------------------ */

static void *uri_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    req *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &rq->t0);
    rq->uri = strdup(uri ? uri : "");
    sr_buf_init(&rq->body);
    return rq;
}

static enum MHD_Result route_request(sr_server *s, struct MHD_Connection *c, req *rq, const char *method)
{
    const char *u = rq->uri ? rq->uri : "";
    const char *qm = strchr(u, '?');
    size_t pn = qm ? (size_t)(qm - u) : strlen(u);
    const char *hash = strchr(u, '#');
    if (hash && (!qm || hash < qm))
        pn = (size_t)(hash - u);
    rq->qs = qm ? qm + 1 : "";
    rq->qn = qm ? strcspn(qm + 1, "#") : 0;
    sr_query_error e = {0};
    int st = sr_route_find(method, u, pn, &rq->route, &e);
    (void)s;
    if (st == 405)
        return send_error(c, rq, 405, NULL, e.message, "Allow",
                          rq->route.methods == SR_M_GET ? "GET, HEAD" : "POST");
    if (st != 200)
        return send_error(c, rq, st, NULL, e.message, NULL, NULL);
    rq->routed = true;
    return MHD_YES;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                               const char *version, const char *upload_data, size_t *upload_size,
                               void **req_cls)
{
    (void)url;
    (void)version;
    sr_server *s = cls;
    req *rq = *req_cls;
    if (!rq)
        return MHD_NO; /* out of memory in uri_cb */
    if (rq->answered) {
        *upload_size = 0; /* a body after an early answer: drop it */
        return MHD_YES;
    }
    if (!rq->routed) {
        /* first call: headers only */
        snprintf(rq->method, sizeof rq->method, "%s", method);
        enum MHD_Result r = route_request(s, c, rq, method);
        if (rq->answered || r != MHD_YES)
            return r;
        if (rq->route.id == SR_ROUTE_EXTRACT || rq->route.id == SR_ROUTE_INGEST) {
            if (rq->qn)
                return send_error(c, rq, 400, NULL, "this endpoint takes no query parameters", NULL, NULL);
            if (rq->route.id == SR_ROUTE_INGEST && !key_ok(s, presented_key(c)))
                return send_error(c, rq, 401, NULL,
                                  "a key is needed: Authorization: Bearer KEY (or X-API-Key: KEY)",
                                  "WWW-Authenticate", "Bearer realm=\"sitrep\"");
            const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
            if (cl) {
                char *end;
                errno = 0;
                unsigned long long v = strtoull(cl, &end, 10);
                if (errno || *end || cl[0] == '-' || v > s->o.max_body) {
                    char m[120];
                    snprintf(m, sizeof m, "the body is larger than %zu bytes", s->o.max_body);
                    return send_error(c, rq, 413, NULL, m, "Connection", "close");
                }
            }
        }
        /* answered on the next call: one made on the first makes the
         * library close the connection (it cannot know a body is not
         * coming), and keep-alive matters to clients that poll */
        return MHD_YES;
    }
    if (*upload_size) {
        if (rq->route.id == SR_ROUTE_EXTRACT || rq->route.id == SR_ROUTE_INGEST) {
            if (!rq->too_big) {
                if (rq->body.n + *upload_size > s->o.max_body) {
                    rq->too_big = true;
                    sr_buf_free(&rq->body);
                } else {
                    sr_buf_put(&rq->body, upload_data, *upload_size);
                }
            }
        }
        *upload_size = 0; /* a GET's body is read and dropped */
        /* a body that trickles in for longer than the idle limit allows
         * (several times over) is cut */
        if (s->o.timeout && since(&rq->t0) > 4000.0 * s->o.timeout)
            return MHD_NO;
        return MHD_YES;
    }
    if (rq->route.id == SR_ROUTE_EXTRACT || rq->route.id == SR_ROUTE_INGEST) {
        if (rq->too_big) {
            char m[120];
            snprintf(m, sizeof m, "the body is larger than %zu bytes", s->o.max_body);
            return send_error(c, rq, 413, NULL, m, "Connection", "close");
        }
        if (rq->body.failed)
            return send_error(c, rq, 500, NULL, "out of memory", NULL, NULL);
        if (rq->route.id == SR_ROUTE_INGEST) {
            if (!s->o.store || !s->o.store->ingest)
                return send_error(c, rq, 503, NULL, "no store: start the server with --db", NULL, NULL);
            sr_buf out;
            sr_buf_init(&out);
            sr_query_error e = {0};
            int st = s->o.store->ingest(s->o.store->ctx, rq->body.p, rq->body.n, body_format(c), &out, &e);
            enum MHD_Result r = st == 200 ? reply(c, rq, 200, "application/json", out.p ? out.p : "", out.n, NULL, NULL)
                                          : send_qerr(c, rq, &e);
            sr_buf_free(&out);
            return r;
        }
        return do_extract(s, c, rq);
    }
    static __thread sr_filter q; /* large: one a thread, not on the stack */
    sr_query_init(&q);
    sr_query_error e = {0};
    if (rq->route.accept) {
        if (sr_query_parse(&q, rq->qs, rq->qn, rq->route.accept, &e) != 0)
            return send_qerr(c, rq, &e);
    } else if (rq->qn) {
        return send_error(c, rq, 400, NULL, "this endpoint takes no query parameters", NULL, NULL);
    }
    const sr_store *st = s->o.store;
    switch (rq->route.id) {
    case SR_ROUTE_HEALTH: {
        char body[300];
        pthread_mutex_lock(&s->lock);
        unsigned long long ex = (unsigned long long)s->extracted;
        unsigned kept_n = s->ring_n;
        pthread_mutex_unlock(&s->lock);
        int n = snprintf(body, sizeof body,
                         "{\"status\":\"ok\",\"version\":\"%s\",\"schema\":\"%s\",\"store\":%s,"
                         "\"extracted\":%llu,\"kept\":%u,\"uptime_s\":%lld}\n",
                         SITREP_VERSION, SITREP_SCHEMA, st ? "true" : "false", ex, kept_n,
                         (long long)(time(NULL) - s->started));
        return reply(c, rq, 200, "application/json", body, (size_t)n, NULL, NULL);
    }
    case SR_ROUTE_REPORT:
        return do_report(s, c, rq, q.given ? &q : NULL);
    case SR_ROUTE_EVENTS:
    case SR_ROUTE_INCIDENTS: {
        if (!st || !st->query)
            return send_error(c, rq, 503, NULL, "no store: start the server with --db", NULL, NULL);
        sr_buf out;
        sr_buf_init(&out);
        const char *type = "application/json";
        uint64_t total = 0;
        int code = st->query(st->ctx, rq->route.id == SR_ROUTE_INCIDENTS, &q, &out, &type, &total, &e);
        char tot[24];
        snprintf(tot, sizeof tot, "%llu", (unsigned long long)total);
        enum MHD_Result r = code == 200 ? reply(c, rq, 200, type, out.p ? out.p : "", out.n, "X-Total-Count", tot)
                                        : send_qerr(c, rq, &e);
        sr_buf_free(&out);
        return r;
    }
    case SR_ROUTE_INCIDENT:
    case SR_ROUTE_DOCUMENT: {
        int (*get)(void *, const char *, sr_buf *, sr_query_error *) =
            !st ? NULL : rq->route.id == SR_ROUTE_INCIDENT ? st->incident : st->document;
        if (!get)
            return send_error(c, rq, 503, NULL, "no store: start the server with --db", NULL, NULL);
        sr_buf out;
        sr_buf_init(&out);
        int code = get(st->ctx, rq->route.arg, &out, &e);
        enum MHD_Result r = code == 200 ? reply(c, rq, 200, "application/json", out.p ? out.p : "", out.n, NULL, NULL)
                                        : send_qerr(c, rq, &e);
        sr_buf_free(&out);
        return r;
    }
    default:
        return send_error(c, rq, 404, NULL, "no such path", NULL, NULL);
    }
}

/* One line a request: client, method, URI (escaped, cut), status, bytes,
 * milliseconds; how it ended when it did not end well. */
static void done_cb(void *cls, struct MHD_Connection *c, void **req_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    req *rq = *req_cls;
    if (!rq)
        return;
    char ip[INET6_ADDRSTRLEN] = "-";
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip, sizeof ip);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip, sizeof ip);
    }
    char uri[320];
    size_t o = 0;
    for (const char *p = rq->uri ? rq->uri : ""; *p && o + 4 < sizeof uri - 4; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch <= 0x20 || ch >= 0x7f || ch == '"')
            o += (size_t)snprintf(uri + o, sizeof uri - o, "%%%02X", ch);
        else
            uri[o++] = (char)ch;
    }
    if (rq->uri && strlen(rq->uri) > o)
        memcpy(uri + o, "...", 4);
    else
        uri[o] = 0;
    static const char *const ends[] = {"ok", "error", "timeout", "shutdown", "read-error", "closed"};
    const char *how = (unsigned)toe < sizeof ends / sizeof *ends ? ends[toe] : "?";
    char line[512];
    int n = snprintf(line, sizeof line, "sitrep serve: %s %s \"%s\" %d %zu %.1fms%s%s\n", ip,
                     rq->method[0] ? rq->method : "-", uri, rq->status,
                     rq->bytes, since(&rq->t0), toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " ",
                     toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : how);
    if (n > 0) {
        ssize_t w = write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        (void)w;
    }
    sr_buf_free(&rq->body);
    free(rq->uri);
    free(rq);
    *req_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------------------ */

static int listen_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *len, bool *v6, char *err,
                       size_t errn)
{
    char host[256];
    const char *port;
    if (spec[0] == '[') {
        const char *e = strchr(spec, ']');
        if (!e || e[1] != ':' || (size_t)(e - spec - 1) >= sizeof host) {
            snprintf(err, errn, "--listen: '%s' is not [ADDRESS]:PORT", spec);
            return -1;
        }
        memcpy(host, spec + 1, (size_t)(e - spec - 1));
        host[e - spec - 1] = 0;
        port = e + 2;
    } else {
        const char *e = strrchr(spec, ':');
        if (!e || (size_t)(e - spec) >= sizeof host) {
            snprintf(err, errn, "--listen: '%s' is not ADDRESS:PORT", spec);
            return -1;
        }
        memcpy(host, spec, (size_t)(e - spec));
        host[e - spec] = 0;
        port = e + 1;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535) {
        snprintf(err, errn, "--listen: bad port '%s'", port);
        return -1;
    }
    struct addrinfo hints = {.ai_flags = AI_PASSIVE | AI_NUMERICSERV, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &ai);
    if (rc != 0 || !ai) {
        snprintf(err, errn, "--listen: cannot use '%s': %s", host, gai_strerror(rc));
        return -1;
    }
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    *v6 = ai->ai_family == AF_INET6;
    freeaddrinfo(ai);
    return 0;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[400];
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    if (n <= 0)
        return;
    if ((size_t)n >= sizeof line - 1)
        n = (int)sizeof line - 2;
    if (line[n - 1] != '\n')
        line[n++] = '\n';
    char out[440];
    int m = snprintf(out, sizeof out, "sitrep serve: mhd: %.*s", n, line);
    if (m > 0) {
        ssize_t w = write(2, out, (size_t)m < sizeof out ? (size_t)m : sizeof out - 1);
        (void)w;
    }
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    while (p) {
        len += fread(p + len, 1, cap - len, f);
        if (len < cap)
            break;
        char *q = realloc(p, cap * 2);
        if (!q) {
            free(p);
            p = NULL;
            break;
        }
        p = q;
        cap *= 2;
    }
    if (p && ferror(f)) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *n = len;
    return p;
}

int sr_server_start(const sr_server_options *opt, sr_server **out, char *err, size_t errn)
{
    *out = NULL;
    sr_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    s->o = *opt;
    if (!s->o.listen) s->o.listen = "127.0.0.1:8080";
    if (!s->o.max_body) s->o.max_body = 1 << 20;
    if (!s->o.max_header) s->o.max_header = 16 << 10;
    if (!s->o.max_connections) s->o.max_connections = 256;
    if (!s->o.timeout) s->o.timeout = 15;
    if (!s->o.threads) {
        s->o.threads = sitrep_default_threads();
        if (s->o.threads < 2) s->o.threads = 2;
    }
    if (!s->o.keep) s->o.keep = 200;
    s->started = time(NULL);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->free_cv, NULL);
    if (s->o.keys_file && load_keys(s, s->o.keys_file, err, errn) != 0)
        goto fail;
    s->files = s->o.n_report_files ? calloc(s->o.n_report_files, sizeof *s->files) : NULL;
    for (unsigned i = 0; i < s->o.n_report_files; i++) {
        file_data *f = &s->files[s->nfiles];
        f->incidents = strcmp(s->o.report_kinds[i], "incidents") == 0;
        f->name = s->o.report_files[i];
        f->data = slurp(f->name, &f->n);
        if (!f->data) {
            snprintf(err, errn, "%s: cannot read: %s", f->name, strerror(errno));
            goto fail;
        }
        s->nfiles++;
    }
    s->ring = calloc(s->o.keep, sizeof *s->ring);
    char merr[300] = "";
    if (s->o.model)
        s->model = s->o.model;
    else if (s->ring && sitrep_model_open_err(s->o.model_path, &s->own_model, merr, sizeof merr) == SITREP_OK)
        s->model = s->own_model;
    if (!s->ring || !s->model) {
        snprintf(err, errn, "%s", merr[0] ? merr : "cannot open the model");
        goto fail;
    }
    s->nx = s->o.threads;
    s->xs = calloc(s->nx, sizeof *s->xs);
    s->free_xs = calloc(s->nx, sizeof *s->free_xs);
    if (!s->xs || !s->free_xs)
        goto oom;
    for (unsigned i = 0; i < s->nx; i++) {
        if (sitrep_extractor_new(s->model, &s->xs[i]) != SITREP_OK)
            goto oom;
        s->free_xs[s->nfree++] = s->xs[i];
    }
    struct sockaddr_storage ss;
    socklen_t slen;
    bool v6;
    if (listen_addr(s->o.listen, &ss, &slen, &v6, err, errn) != 0)
        goto fail;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                     (v6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(flags, 0, NULL, NULL, handler, s,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->o.threads,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->o.max_connections,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->o.timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)s->o.max_header,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_cb, s,
                            MHD_OPTION_NOTIFY_COMPLETED, done_cb, s,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)128,
                            MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errn, "cannot listen on %s: %s", s->o.listen, strerror(errno));
        goto fail;
    }
    *out = s;
    return 0;
oom:
    snprintf(err, errn, "out of memory");
fail:
    sr_server_stop(s);
    return -1;
}

unsigned sr_server_port(const sr_server *s)
{
    const union MHD_DaemonInfo *i = s && s->d ? MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    return i ? i->port : 0;
}

void sr_server_stop(sr_server *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d);
    for (unsigned i = 0; i < s->nx && s->xs; i++)
        sitrep_extractor_free(s->xs[i]);
    free(s->xs);
    free(s->free_xs);
    sitrep_model_free(s->own_model);
    for (unsigned i = 0; i < s->ring_n; i++)
        free(s->ring[i]);
    free(s->ring);
    for (unsigned i = 0; i < s->nfiles; i++)
        free(s->files[i].data);
    free(s->files);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->free_cv);
    free(s);
}
