/* Extraction on several threads: the same records, in input order, and a
 * record that never depends on the documents read before it. */
#include "testutil.h"

/* A batch of JSONL documents written here: places, people, numbers, and a
 * document whose words a cache could confuse ("Max" and "May", "Cos" and "Cor"). */
static const char *const docs[] = {
    "{\"id\":\"a\",\"text\":\"Protesters marched in Nairobi on Monday. Police said 12 people were hurt.\"}",
    "{\"id\":\"b\",\"text\":\"Max Weber and Cos Martin spoke. Officials met in Cor on Friday.\"}",
    "{\"id\":\"c\",\"text\":\"The study would be completed in May, officials in Lagos said.\"}",
    "{\"id\":\"d\",\"text\":\"Gunmen killed three soldiers near Maiduguri, the army said.\"}",
    "not json at all",
    "{\"id\":\"e\",\"text\":\"Coq and May were named. Rebels seized Goma after heavy fighting.\"}",
};
enum { NDOCS = sizeof docs / sizeof *docs, REPEAT = 40 };

/* The batch, `rounds` times over, in order or reversed, as one buffer. */
static char *batch(int rounds, bool reverse, size_t *len)
{
    size_t cap = 1;
    for (int i = 0; i < NDOCS; i++)
        cap += (strlen(docs[i]) + 1) * (size_t)rounds;
    char *b = malloc(cap);
    assert_non_null(b);
    size_t n = 0;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < NDOCS; i++) {
            const char *d = docs[reverse ? NDOCS - 1 - i : i];
            size_t k = strlen(d);
            memcpy(b + n, d, k);
            b[n + k] = '\n';
            n += k + 1;
        }
    b[n] = 0;
    *len = n;
    return b;
}

/* Every record of the buffer, written as JSON lines, through a pool of
 * `threads` (0: one extractor, no pool); `render` 1: the workers write the
 * records (with the flags the caller writes them with), 2: the workers
 * write them with other flags (so the caller's write must write anew). */
static char *run_all_r(const char *data, size_t len, unsigned threads, int render, unsigned *nerrors)
{
    sitrep_source_options opt = {.format = SITREP_FORMAT_JSONL};
    sitrep_source *src;
    assert_int_equal(sitrep_source_open_memory(data, len, "batch.jsonl", &opt, &src), SITREP_OK);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    assert_non_null(f);
    sitrep_pool *pool = NULL;
    sitrep_extractor *x = NULL;
    if (threads)
        assert_int_equal(sitrep_pool_new(tu_model, threads, 0, &pool), SITREP_OK);
    else
        assert_int_equal(sitrep_extractor_new(tu_model, &x), SITREP_OK);
    if (pool && render)
        sitrep_pool_set_write_flags(pool, render == 1 ? SITREP_WRITE_NO_TEXT : SITREP_WRITE_PRETTY);
    const sitrep_record *rec;
    sitrep_status st;
    *nerrors = 0;
    while ((st = pool ? sitrep_pool_next(pool, src, &rec) : sitrep_extract_next(x, src, &rec)) !=
           SITREP_END) {
        if (st != SITREP_OK) {
            (*nerrors)++;
            const sitrep_error *e = pool ? sitrep_pool_error(pool) : sitrep_extractor_error(x);
            assert_true(e->offset > 0); /* the bad line's place in the stream */
        }
        assert_non_null(rec);
        assert_int_equal(sitrep_record_write(rec, f, SITREP_WRITE_NO_TEXT), SITREP_OK);
    }
    sitrep_pool_free(pool);
    sitrep_extractor_free(x);
    sitrep_source_free(src);
    fclose(f);
    return out;
}

static char *run_all(const char *data, size_t len, unsigned threads, unsigned *nerrors)
{
    return run_all_r(data, len, threads, 0, nerrors);
}

static void test_pool_same_records_in_order(void **state)
{
    (void)state;
    size_t len;
    char *data = batch(REPEAT, false, &len);
    unsigned e1, e2, e3;
    char *one = run_all(data, len, 0, &e1);
    char *two = run_all(data, len, 2, &e2);
    char *three = run_all(data, len, 3, &e3);
    assert_int_equal(e1, REPEAT);
    assert_int_equal(e2, REPEAT);
    assert_int_equal(e3, REPEAT);
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    /* written on the workers: the same bytes; written there with other
     * flags: written again, the same bytes */
    unsigned e4, e5;
    char *four = run_all_r(data, len, 2, 1, &e4), *five = run_all_r(data, len, 2, 2, &e5);
    assert_int_equal(e4, REPEAT);
    assert_int_equal(e5, REPEAT);
    assert_string_equal(one, four);
    assert_string_equal(one, five);
    free(four);
    free(five);
    /* records come in input order: a, b, c, d, error, e, a, ... */
    const char *p = one;
    for (int r = 0; r < 2; r++)
        for (const char *id = "abcd?e"; *id; id++) {
            char want[16];
            if (*id == '?')
                snprintf(want, sizeof want, "\"error\"");
            else
                snprintf(want, sizeof want, "\"id\":\"%c\"", *id);
            const char *q = strstr(p, want);
            assert_non_null(q);
            const char *nl = strchr(p, '\n');
            assert_true(q < nl);
            p = nl + 1;
        }
    free(one);
    free(two);
    free(three);
    free(data);
}

/* Each record is what the document gives alone: the order documents come
 * in, and so what an extractor's caches hold, changes nothing.  (A cache
 * once told a word's lookup from a name's by the hash seed alone, and short
 * names collided: "May" found "Mav"'s entry.) */
static void test_record_independent_of_history(void **state)
{
    (void)state;
    size_t len;
    char *fwd = batch(1, false, &len);
    unsigned e;
    char *a = run_all(fwd, len, 0, &e);
    char *rev = batch(1, true, &len);
    char *b = run_all(rev, len, 0, &e);
    /* compare record by record: b holds them reversed */
    char *la[NDOCS], *lb[NDOCS];
    int na = 0, nb = 0;
    for (char *s = strtok(a, "\n"); s && na < NDOCS; s = strtok(NULL, "\n"))
        la[na++] = s;
    for (char *s = strtok(b, "\n"); s && nb < NDOCS; s = strtok(NULL, "\n"))
        lb[nb++] = s;
    assert_int_equal(na, NDOCS);
    assert_int_equal(nb, NDOCS);
    for (int i = 0; i < NDOCS; i++) {
        if (strstr(la[i], "\"error\""))
            continue; /* the fallback id counts the line */
        assert_string_equal(la[i], lb[NDOCS - 1 - i]);
    }
    free(a);
    free(b);
    free(fwd);
    free(rev);
}

/* The same name looked up as a word first and as a name after (and the
 * other way round) finds what a fresh lookup finds. */
static void test_geocache_kinds_apart(void **state)
{
    (void)state;
    /* under the old seeds, "Max" as a word and "May" as a name shared a
     * key, and so did "Cos" and "Cor" */
    const char *names[] = {"Max", "May", "Cos", "Cor", "Goma", "Lagos"};
    sr_lexcache *cache = calloc(1, sizeof *cache);
    assert_non_null(cache);
    sr_doc cached = {.lexcache = cache}, fresh = {.lexcache = NULL};
    for (int round = 0; round < 4; round++)
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            bool word = round == 0 || round == 3;
            const char *nm = names[i];
            sr_geocache_entry a = sr_geo_lookup_cached(&cached, tu_model, nm, strlen(nm), word);
            sr_geocache_entry b = sr_geo_lookup_cached(&fresh, tu_model, nm, strlen(nm), word);
            assert_int_equal(a.at, b.at);
            assert_int_equal(a.longer, b.longer);
            assert_int_equal(a.ends, b.ends);
            assert_int_equal(a.cls, b.cls);
        }
    free(cache);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_same_records_in_order),
        cmocka_unit_test(test_record_independent_of_history),
        cmocka_unit_test(test_geocache_kinds_apart),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
