/*
 * route.c: a request's path to an endpoint.  A route is a list of
 * segments, "{}" standing for one id; adding an endpoint is a line of the
 * table.  The path is read as sent (no normalization): a "." or ".."
 * segment, an encoded '/', a malformed escape, invalid UTF-8 or a control
 * character is a 400, never a file or a different endpoint.
 */
#include "serve.h"

#include <stdarg.h>
#include <stdio.h>

static const struct route_def {
    const char *path; /* segments after the leading '/' */
    unsigned methods;
    sr_route_id id;
    uint32_t accept;
} routes[] = {
    {"health", SR_M_GET, SR_ROUTE_HEALTH, 0},
    {"extract", SR_M_POST, SR_ROUTE_EXTRACT, 0},
    {"ingest", SR_M_POST, SR_ROUTE_INGEST, 0},
    {"report", SR_M_GET, SR_ROUTE_REPORT, SR_QP_FILTERS | SR_QP_LIMIT | SR_QP_PAGE},
    {"events", SR_M_GET, SR_ROUTE_EVENTS, SR_QP_ALL},
    {"incidents", SR_M_GET, SR_ROUTE_INCIDENTS, SR_QP_ALL},
    {"incidents/{}", SR_M_GET, SR_ROUTE_INCIDENT, 0},
    {"documents/{}", SR_M_GET, SR_ROUTE_DOCUMENT, 0},
};

static int fail(sr_query_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(sr_query_error *err, int status, const char *fmt, ...)
{
    if (err) {
        err->status = status;
        err->param[0] = 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

#define MAX_SEGS 8

int sr_route_find(const char *method, const char *path, size_t n, sr_route *r, sr_query_error *err)
{
    memset(r, 0, offsetof(sr_route, arg));
    r->arg[0] = 0;
    unsigned m = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ? SR_M_GET
                 : strcmp(method, "POST") == 0                              ? SR_M_POST
                                                                            : 0;
    if (n == 0 || path[0] != '/')
        return fail(err, 400, "the path must start with '/'");
    if (n > 1024)
        return fail(err, 414, "the path is too long");
    /* decode each segment on its own, so that %2F stays inside one */
    char segs[MAX_SEGS][SR_QUERY_MAX_VALUE + 1];
    size_t nseg = 0;
    size_t i = 1;
    while (i <= n) {
        size_t j = i;
        while (j < n && path[j] != '/')
            j++;
        if (nseg == MAX_SEGS)
            return fail(err, 404, "no such path");
        long k = sr_url_decode(path + i, j - i, false, segs[nseg], sizeof segs[nseg]);
        if (k < 0)
            return fail(err, 400, "the path has a malformed %%-escape or a segment too long");
        if ((size_t)k != strlen(segs[nseg]) || !sr_query_text_ok(segs[nseg], (size_t)k))
            return fail(err, 400, "the path is not valid UTF-8 text");
        if (strchr(segs[nseg], '/') || strchr(segs[nseg], '\\'))
            return fail(err, 400, "the path has an encoded '/' or a '\\'");
        if (strcmp(segs[nseg], ".") == 0 || strcmp(segs[nseg], "..") == 0)
            return fail(err, 400, "the path has a '.' or '..' segment");
        nseg++;
        i = j + 1;
    }
    /* "/" alone is one empty segment; an empty segment elsewhere ("//",
     * a trailing '/') matches no route */
    for (size_t ri = 0; ri < sizeof routes / sizeof *routes; ri++) {
        const char *p = routes[ri].path;
        size_t s = 0;
        bool ok = true;
        const char *arg = NULL;
        while (ok) {
            const char *e = strchr(p, '/');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (s >= nseg) {
                ok = false;
                break;
            }
            if (len == 2 && p[0] == '{' && p[1] == '}') {
                if (!segs[s][0])
                    ok = false;
                arg = segs[s];
            } else if (strlen(segs[s]) != len || memcmp(segs[s], p, len) != 0) {
                ok = false;
            }
            s++;
            if (!e)
                break;
            p = e + 1;
        }
        if (!ok || s != nseg)
            continue;
        r->methods = routes[ri].methods;
        if (!(m & routes[ri].methods))
            return fail(err, 405, "%s is not allowed here (allowed: %s)", method,
                        routes[ri].methods == SR_M_GET ? "GET, HEAD" : "POST");
        r->id = routes[ri].id;
        r->accept = routes[ri].accept;
        if (arg)
            memcpy(r->arg, arg, strlen(arg) + 1);
        return 200;
    }
    return fail(err, 404, "no such path");
}
