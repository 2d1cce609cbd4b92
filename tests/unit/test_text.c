/* The text layer: UTF-8 validation and the normalized view. */
#include "testutil.h"

static void test_ascii_is_identity(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Plain ASCII text.", SITREP_FORMAT_TEXT);
    assert_null(d->map);
    assert_ptr_equal(d->norm, d->text);
}

static void test_folds_map_back(void **state)
{
    (void)state;
    /* ’ (3 bytes) -> ', — (3 bytes) -> --, NBSP (2 bytes) -> space */
    const char *t = "State\xE2\x80\x99s city\xE2\x80\x94" "the\xC2\xA0" "end.";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_non_null(d->map);
    assert_int_equal(d->nlen, strlen("State's city--the end."));
    assert_memory_equal(d->norm, "State's city--the end.", d->nlen);
    /* every view byte maps to the start of the character that made it */
    assert_int_equal(d->map[5], 5);   /* ' <- ’ at 5 */
    assert_int_equal(d->map[6], 8);   /* s */
    assert_int_equal(d->map[12], 14); /* first - <- em dash at 14 */
    assert_int_equal(d->map[13], 14); /* second - too */
    assert_int_equal(d->map[14], 17); /* t */
    assert_int_equal(d->map[d->nlen], d->len);
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + COMBINING ACUTE ACCENT composes to é (U+00E9) */
    const sr_doc *d = tu_extract("Caf\x65\xCC\x81" " bombing.", SITREP_FORMAT_TEXT);
    assert_memory_equal(d->norm, "Caf\xC3\xA9 bombing.", d->nlen);
    /* the token still covers the original four bytes of "Café" + mark */
    assert_string_equal(tu_span(d, d->tokens.v[0].start, d->tokens.v[0].end), "Cafe\xCC\x81");
}

static void test_invalid_utf8_warns_with_offset(void **state)
{
    (void)state;
    const char *t = "Bad \xFF" " byte and \xC3" " here, overlong \xC0\xAF" " too.";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_int_equal(d->n_invalid_utf8, 4);
    assert_true(d->warnings.n >= 4);
    assert_string_equal(d->warnings.v[0].code, "utf8");
    assert_int_equal(d->warnings.v[0].start, 4);
    assert_int_equal(d->warnings.v[1].start, 15);
    /* the document is still processed, offsets exact */
    assert_int_equal(d->sentences.n, 1);
    assert_int_equal(d->sentences.v[0].end, strlen(t));
}

static void test_decode(void **state)
{
    (void)state;
    size_t i = 0;
    assert_int_equal(sr_utf8_decode("\xE2\x80\x99", 3, &i), 0x2019);
    assert_int_equal(i, 3);
    i = 0;
    assert_int_equal(sr_utf8_decode("\xED\xA0\x80", 3, &i), -1); /* surrogate */
    assert_int_equal(i, 1);
    i = 0;
    assert_int_equal(sr_utf8_decode("\xF4\x90\x80\x80", 4, &i), -1); /* > U+10FFFF */
    i = 0;
    assert_int_equal(sr_utf8_decode("\xF0\x9F\x98\x80", 4, &i), 0x1F600);
    char out[4];
    assert_int_equal(sr_utf8_encode(0x1F600, out), 4);
    assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_is_identity),
        cmocka_unit_test(test_folds_map_back),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_invalid_utf8_warns_with_offset),
        cmocka_unit_test(test_decode),
    };
    return cmocka_run_group_tests_name("text", tests, tu_setup, tu_teardown);
}
