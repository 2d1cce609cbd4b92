/*
 * pool.c: extraction on every core, records handed back in input order.
 *
 * The calling thread reads: it takes documents from the source and copies
 * each into a free slot of a ring of `window` slots (the source's buffer
 * is reused by its next document).  Worker threads take the oldest slot
 * that waits, run the pipeline on it with the slot's own extractor, and
 * mark it done.  sitrep_pool_next returns the slots in the order they were
 * read, so output never depends on which worker finished first, and at
 * most `window` documents are held at once: memory stays bounded whatever
 * the input's length.  A slot's record stays valid until the next call,
 * when its slot is given back for the next document.
 *
 * Everything the stages share is read-only once the model is open (the
 * model, constant tables made by constructors); each slot's extractor
 * holds its own arena (the record lives there until it is handed back),
 * and each worker its own lookup caches, warm across the slots it runs.
 *
 * Wake-ups cost more than a small document's work, so they come in
 * batches: the reader, finding the oldest slot not done, sleeps until a
 * batch of slots from it could be done (a worker wakes it on finishing
 * the batch's last slot, or the oldest when it is the last one read), and
 * then hands out every done slot without sleeping.
 */
#include "api/api.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

/* Documents in flight: at most `window` of them, and beyond one a worker,
 * no more once they hold this many bytes. */
#define POOL_BYTES ((size_t)16 << 20)

typedef struct slot {
    int state;
    sitrep_extractor *x;
    char *data; /* the document's bytes, owned */
    size_t cap;
    sr_rawdoc raw;
    char error[256]; /* raw.error, copied */
    const char *file;
    bool single;
    sitrep_status status;
    const sitrep_record *rec;
} slot;

typedef struct worker_arg {
    struct sitrep_pool *p;
    sr_lexcache *cache;
} worker_arg;

struct sitrep_pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a slot became READY, or the pool stops */
    pthread_cond_t done; /* a slot became DONE */
    pthread_t *threads;
    worker_arg *args;
    unsigned nthreads, nstarted;
    slot *slots;
    unsigned window;
    unsigned head;     /* the oldest slot read and not yet given back */
    unsigned count;    /* slots read and not yet given back */
    unsigned next_run; /* the oldest READY slot a worker should take */
    unsigned wake_at;  /* the slot whose finishing wakes the reader */
    size_t bytes;      /* of the documents read and not yet given back */
    bool returned;     /* the head slot was handed out by the last call */
    bool ended;        /* the current source has no more documents */
    bool stop;
    bool render;           /* workers write each record, with render_flags */
    unsigned render_flags;
    sitrep_error err;
};

static void *worker(void *arg)
{
    sitrep_pool *p = ((worker_arg *)arg)->p;
    sr_lexcache *cache = ((worker_arg *)arg)->cache;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->slots[p->next_run].state != SLOT_READY)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop)
            break;
        unsigned at = p->next_run;
        slot *s = &p->slots[at];
        p->next_run = (p->next_run + 1) % p->window;
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        s->status = sr_api_run_cached(s->x, cache, s->file, &s->raw, s->single, &s->rec);
        if (p->render)
            sr_api_prerender(s->x, p->render_flags);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        /* the reader sleeps until the slot it named is done (the last of
         * its batch); a slot done before that it finds when it gets there */
        if (at == p->wake_at)
            pthread_cond_signal(&p->done);
        /* the next slot may have been made READY while this one ran */
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

unsigned sitrep_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

sitrep_status sitrep_pool_new(const sitrep_model *model, unsigned threads, unsigned window,
                              sitrep_pool **out)
{
    *out = NULL;
    if (threads == 0)
        threads = sitrep_default_threads();
    if (window == 0)
        window = 32 * threads;
    if (window < threads)
        window = threads;
    sitrep_pool *p = calloc(1, sizeof *p);
    if (!p)
        return SITREP_ENOMEM;
    p->window = window;
    p->wake_at = UINT_MAX;
    p->slots = calloc(window, sizeof *p->slots);
    p->threads = calloc(threads, sizeof *p->threads);
    p->args = calloc(threads, sizeof *p->args);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (!p->slots || !p->threads || !p->args) {
        sitrep_pool_free(p);
        return SITREP_ENOMEM;
    }
    for (unsigned i = 0; i < window; i++) {
        sitrep_status st = sr_api_extractor_new(model, false, &p->slots[i].x);
        if (st != SITREP_OK) {
            sitrep_pool_free(p);
            return st;
        }
    }
    p->nthreads = threads;
    for (unsigned i = 0; i < threads; i++) {
        p->args[i].p = p;
        p->args[i].cache = calloc(1, sizeof *p->args[i].cache);
        if (!p->args[i].cache || pthread_create(&p->threads[i], NULL, worker, &p->args[i]) != 0) {
            sitrep_pool_free(p);
            return SITREP_ENOMEM;
        }
        p->nstarted++;
    }
    *out = p;
    return SITREP_OK;
}

void sitrep_pool_set_last_stage(sitrep_pool *p, sitrep_stage last)
{
    for (unsigned i = 0; i < p->window; i++)
        sitrep_extractor_set_last_stage(p->slots[i].x, last);
}

void sitrep_pool_set_parse(sitrep_pool *p, sitrep_parse_mode mode)
{
    for (unsigned i = 0; i < p->window; i++)
        sitrep_extractor_set_parse(p->slots[i].x, mode);
}

void sitrep_pool_set_write_flags(sitrep_pool *p, unsigned flags)
{
    pthread_mutex_lock(&p->mu);
    p->render = true;
    p->render_flags = flags;
    pthread_mutex_unlock(&p->mu);
}

unsigned sitrep_pool_threads(const sitrep_pool *p) { return p->nthreads; }

/* Copies the next document of src into slot s; false at the end. */
static bool read_into(slot *s, sitrep_source *src)
{
    sr_rawdoc raw;
    if (sr_source_next(src, &raw) == SITREP_END)
        return false;
    s->raw = raw;
    s->file = sr_source_name(src);
    s->single = sitrep_source_format(src) != SITREP_FORMAT_JSONL;
    if (raw.error) {
        snprintf(s->error, sizeof s->error, "%s", raw.error);
        s->raw.error = s->error;
    }
    if (raw.status == SITREP_OK) {
        if (raw.len + 1 > s->cap) {
            size_t cap = raw.len + 1 > 2 * s->cap ? raw.len + 1 : 2 * s->cap;
            char *d = realloc(s->data, cap);
            if (!d) {
                s->raw.status = SITREP_ENOMEM;
                s->raw.error = "out of memory";
                s->raw.data = "";
                s->raw.len = 0;
                return true;
            }
            s->data = d;
            s->cap = cap;
        }
        memcpy(s->data, raw.data, raw.len);
        s->data[raw.len] = 0;
        s->raw.data = s->data;
    } else {
        s->raw.data = "";
        s->raw.len = 0;
    }
    return true;
}

sitrep_status sitrep_pool_next(sitrep_pool *p, sitrep_source *src, const sitrep_record **out)
{
    *out = NULL;
    pthread_mutex_lock(&p->mu);
    if (p->returned) { /* the record handed out last time is done with */
        p->slots[p->head].state = SLOT_FREE;
        p->bytes -= p->slots[p->head].raw.len;
        p->head = (p->head + 1) % p->window;
        p->count--;
        p->returned = false;
    }
    /* Fill free slots while the documents in flight hold less than the
     * byte budget (a slot for each worker whatever their size).  Reading
     * happens without the lock: only this thread touches FREE slots. */
    while (!p->ended && p->count < p->window && (p->count < p->nthreads || p->bytes < POOL_BYTES)) {
        slot *s = &p->slots[(p->head + p->count) % p->window];
        pthread_mutex_unlock(&p->mu);
        bool got = read_into(s, src);
        pthread_mutex_lock(&p->mu);
        if (!got) {
            p->ended = true;
            break;
        }
        s->state = SLOT_READY;
        p->count++;
        p->bytes += s->raw.len;
        pthread_cond_signal(&p->work);
    }
    if (p->count == 0) {
        p->ended = false; /* ready for the next source */
        pthread_mutex_unlock(&p->mu);
        return SITREP_END;
    }
    slot *s = &p->slots[p->head];
    if (s->state != SLOT_DONE) {
        /* a batch: half the slots in flight, at least the oldest */
        unsigned batch = p->count / 2 ? p->count / 2 : 1;
        p->wake_at = (p->head + batch - 1) % p->window;
        while (p->slots[p->wake_at].state != SLOT_DONE)
            pthread_cond_wait(&p->done, &p->mu);
        while (s->state != SLOT_DONE) { /* the batch's last finished before the oldest */
            p->wake_at = p->head;
            pthread_cond_wait(&p->done, &p->mu);
        }
        p->wake_at = UINT_MAX;
    }
    p->returned = true;
    pthread_mutex_unlock(&p->mu);
    p->err = *sitrep_extractor_error(s->x);
    *out = s->rec;
    return s->status;
}

const sitrep_error *sitrep_pool_error(const sitrep_pool *p) { return &p->err; }

void sitrep_pool_free(sitrep_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nstarted; i++)
        pthread_join(p->threads[i], NULL);
    if (p->slots)
        for (unsigned i = 0; i < p->window; i++) {
            sitrep_extractor_free(p->slots[i].x);
            free(p->slots[i].data);
        }
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    if (p->args)
        for (unsigned i = 0; i < p->nthreads; i++)
            free(p->args[i].cache);
    free(p->args);
    free(p->slots);
    free(p->threads);
    free(p);
}
