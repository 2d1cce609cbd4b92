/* Sources: JSONL framing and errors, compression, limits, detection. */
#include "testutil.h"

#include <zlib.h>
#include <zstd.h>

typedef struct seen {
    int ok, failed;
    char ids[16][64];
    sitrep_status st[16];
    int64_t off[16];
    int n;
} seen;

static seen run_source(sitrep_source *src)
{
    seen s;
    memset(&s, 0, sizeof s);
    const sitrep_record *rec;
    sitrep_status st;
    while ((st = sitrep_extract_next(tu_x, src, &rec)) != SITREP_END && s.n < 16) {
        assert_non_null(rec);
        snprintf(s.ids[s.n], sizeof s.ids[0], "%s", sitrep_record_id(rec));
        s.st[s.n] = st;
        s.off[s.n] = st == SITREP_OK ? 0 : sitrep_extractor_error(tu_x)->offset;
        if (st == SITREP_OK)
            s.ok++;
        else
            s.failed++;
        s.n++;
    }
    return s;
}

static const char jsonl[] =
    "{\"id\":\"a\",\"text\":\"Troops left the town.\",\"published\":\"2017-10-15T21:37:00\"}\n"
    "{\"id\":\"b\",\"text\":\"broken\n"
    "\n"
    "{\"id\":\"c\",\"title\":\"Talks\"}\n"
    "{\"text\":\"No id here.\"}\n"
    "[1,2]\n"
    "{\"id\":7,\"text\":\"Last one.\"}";

static void test_jsonl_errors_do_not_stop_the_batch(void **state)
{
    (void)state;
    sitrep_source *src;
    assert_int_equal(sitrep_source_open_memory(jsonl, strlen(jsonl), "in.jsonl", NULL, &src), SITREP_OK);
    assert_int_equal(sitrep_source_format(src), SITREP_FORMAT_JSONL);
    seen s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.n, 6);
    assert_int_equal(s.ok, 3);
    assert_string_equal(s.ids[0], "a");
    assert_int_equal(s.st[1], SITREP_EFORMAT);
    assert_string_equal(s.ids[1], "in.jsonl#2");
    /* the error offset points into line 2 (which starts at byte 84) */
    size_t line2 = (size_t)(strchr(jsonl, '\n') - jsonl) + 1;
    assert_true(s.off[1] >= (int64_t)line2 && s.off[1] <= (int64_t)(line2 + 30));
    assert_int_equal(s.st[2], SITREP_EFORMAT); /* no "text" */
    assert_string_equal(s.ids[2], "c");
    assert_string_equal(s.ids[3], "in.jsonl#4");
    assert_int_equal(s.st[4], SITREP_EFORMAT); /* not an object */
    assert_string_equal(s.ids[5], "7");
}

static void test_jsonl_fields(void **state)
{
    (void)state;
    const char *line = "{\"id\":\"x\",\"title\":\"T\",\"section\":\"S\",\"url\":\"http://u\","
                       "\"published\":\"Oct. 3, 2019\",\"text\":\"Body one.\\n\\nBody two.\"}";
    const sr_doc *d = tu_extract(line, SITREP_FORMAT_AUTO);
    assert_string_equal(d->id, "x");
    assert_string_equal(d->meta.title, "T");
    assert_string_equal(d->meta.section, "S");
    assert_string_equal(d->meta.url, "http://u");
    assert_string_equal(d->meta.published, "2019-10-03");
    /* with a title given, the text is all body */
    assert_int_equal(d->blocks.n, 2);
    assert_int_equal(d->sentences.n, 2);
}

static size_t gz(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t k = z.total_out;
    deflateEnd(&z);
    return k;
}

static void test_gzip_and_zstd(void **state)
{
    (void)state;
    unsigned char buf[4096], two[8192];
    size_t n = gz(jsonl, strlen(jsonl), buf, sizeof buf);
    sitrep_source *src;
    assert_int_equal(sitrep_source_open_memory(buf, n, "in.jsonl.gz", NULL, &src), SITREP_OK);
    seen s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.n, 6);
    assert_int_equal(s.ok, 3);

    /* two gzip members in a row read as one stream */
    const char *p1 = "{\"id\":\"m1\",\"text\":\"One.\"}\n", *p2 = "{\"id\":\"m2\",\"text\":\"Two.\"}\n";
    size_t a = gz(p1, strlen(p1), two, sizeof two);
    size_t b = gz(p2, strlen(p2), two + a, sizeof two - a);
    assert_int_equal(sitrep_source_open_memory(two, a + b, "two.gz", NULL, &src), SITREP_OK);
    s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.ok, 2);
    assert_string_equal(s.ids[1], "m2");

    /* a truncated gzip stream: documents before the cut, then an error */
    assert_int_equal(sitrep_source_open_memory(buf, n - 12, "cut.gz", NULL, &src), SITREP_OK);
    s = run_source(src);
    sitrep_source_free(src);
    assert_true(s.failed >= 1);
    assert_int_equal(s.st[s.n - 1], SITREP_EFORMAT);

    size_t zn = ZSTD_compress(buf, sizeof buf, jsonl, strlen(jsonl), 3);
    assert_false(ZSTD_isError(zn));
    assert_int_equal(sitrep_source_open_memory(buf, zn, "in.jsonl.zst", NULL, &src), SITREP_OK);
    s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.n, 6);
    assert_int_equal(s.ok, 3);
}

static void test_limits(void **state)
{
    (void)state;
    sitrep_source_options opt = {.max_doc_bytes = 40};
    const char *in = "{\"id\":\"small\",\"text\":\"Ok.\"}\n"
                     "{\"id\":\"big\",\"text\":\"This line is far longer than forty bytes.\"}\n"
                     "{\"id\":\"after\",\"text\":\"Ok.\"}\n";
    sitrep_source *src;
    assert_int_equal(sitrep_source_open_memory(in, strlen(in), "lim", &opt, &src), SITREP_OK);
    seen s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.st[1], SITREP_ELIMIT);
    assert_string_equal(s.ids[2], "after");

    const char *txt = "A plain text document that is longer than forty bytes in all.";
    assert_int_equal(sitrep_source_open_memory(txt, strlen(txt), "t.txt", &opt, &src), SITREP_OK);
    s = run_source(src);
    sitrep_source_free(src);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.st[0], SITREP_ELIMIT);
}

static void test_detection_and_files(void **state)
{
    (void)state;
    assert_int_equal(sr_detect_format("  {\"id\":1}", 10), SITREP_FORMAT_JSONL);
    assert_int_equal(sr_detect_format("\xEF\xBB\xBF<!DOCTYPE html>", 18), SITREP_FORMAT_HTML);
    assert_int_equal(sr_detect_format("<p>Hi</p>", 9), SITREP_FORMAT_HTML);
    assert_int_equal(sr_detect_format("Headline\n\nBody.", 15), SITREP_FORMAT_TEXT);
    assert_int_equal(sr_detect_format("<3 love", 7), SITREP_FORMAT_TEXT);
    sitrep_source *src;
    sitrep_error err;
    assert_int_equal(sitrep_source_open_file("/nonexistent/x.txt", NULL, &src, &err), SITREP_EIO);
    assert_null(src);
    assert_non_null(strstr(err.message, "cannot open"));
    /* an empty text document is a record with no blocks */
    const sr_doc *d = tu_extract("", SITREP_FORMAT_TEXT);
    assert_int_equal(d->blocks.n, 0);
}

static void test_extractor_without_model(void **state)
{
    (void)state;
    sitrep_extractor *x;
    assert_int_equal(sitrep_extractor_new(NULL, &x), SITREP_OK);
    const char *t = "Headline\n\nTroops left. Residents returned.\n";
    const sitrep_record *rec;
    assert_int_equal(sitrep_extract_buffer(x, t, strlen(t), SITREP_FORMAT_TEXT, "n", &rec),
                     SITREP_OK);
    assert_int_equal(sitrep_record_count(rec, SITREP_COUNT_SENTENCES), 2);
    assert_null(rec->doc.tags); /* no model: no tagging */
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(sitrep_record_write(rec, f, SITREP_WRITE_TOKENS), SITREP_OK);
    fclose(f);
    assert_non_null(strstr(buf, "\"tokens\""));
    free(buf);
    sitrep_extractor_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_errors_do_not_stop_the_batch),
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_gzip_and_zstd),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_detection_and_files),
        cmocka_unit_test(test_extractor_without_model),
    };
    return cmocka_run_group_tests_name("source", tests, tu_setup, tu_teardown);
}
