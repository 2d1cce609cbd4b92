/* Fuzzes the serve layer's query-string parser and router: any bytes give
 * either a query whose every value is valid text within its limits, or a
 * 4xx with a message; never a crash, an overread or a hang. */
#include "serve/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_list(const sr_strlist *l)
{
    if (l->n > SR_QUERY_MAX_VALUES)
        abort();
    for (uint32_t i = 0; i < l->n; i++) {
        size_t n = strlen(l->v[i]);
        if (n == 0 || n > SR_QUERY_MAX_VALUE || !sr_query_text_ok(l->v[i], n))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sr_filter q; /* large: not on the stack */
    sr_query_error err = {0};
    const char *s = (const char *)data;
    sr_query_init(&q);
    if (sr_query_parse(&q, s, size, SR_QP_ALL, &err) == 0) {
        const sr_strlist *lists[] = {&q.country, &q.admin1, &q.location, &q.event_type,
                                     &q.sub_event_type, &q.source, &q.actor};
        for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
            check_list(lists[i]);
        if (q.q && !sr_query_text_ok(q.q, strlen(q.q)))
            abort();
        if (q.limit > SR_QUERY_MAX_LIMIT || q.page > 1000000 || q.used > sizeof q.store)
            abort();
        if (q.has_date && q.date_from > q.date_to && q.date_to != INT64_MIN)
            ; /* an empty range (event_date<0001-01-01) selects nothing: fine */
        if (q.has_bbox && (q.min_lon > q.max_lon || q.min_lat > q.max_lat))
            abort();
    } else if (err.status < 400 || err.status > 499 || !err.message[0]) {
        abort();
    }
    /* the same bytes as a path */
    sr_route r;
    int st = sr_route_find(size & 1 ? "GET" : "POST", s, size, &r, &err);
    if (st != 200 && (st < 400 || st > 499 || !err.message[0]))
        abort();
    if (st == 200 && (strstr(r.arg, "/") || strcmp(r.arg, "..") == 0))
        abort();
    return 0;
}
