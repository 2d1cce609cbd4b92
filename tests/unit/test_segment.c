/* Tokens and sentences on sentences we wrote. */
#include "testutil.h"

static const sr_doc *body(const char *text)
{
    /* A JSONL-free way to get pure body text: a text document whose first
     * paragraph ends with a period is body from the start. */
    return tu_extract(text, SITREP_FORMAT_TEXT);
}

static void test_titles_and_abbreviations(void **state)
{
    (void)state;
    const sr_doc *d = body("Col. John Smith met Gen. Ali Hassan in the U.S. capital on Jan. 5. "
                           "Both men spoke to Mr. Lee.");
    assert_int_equal(d->sentences.n, 2);
    assert_string_equal(tu_sentence(d, 0),
                        "Col. John Smith met Gen. Ali Hassan in the U.S. capital on Jan. 5.");
    assert_string_equal(tu_tokens(d),
                        "Col.|John|Smith|met|Gen.|Ali|Hassan|in|the|U.S.|capital|on|Jan.|5|.|"
                        "Both|men|spoke|to|Mr.|Lee|.");
}

static void test_abbreviation_ends_sentence(void **state)
{
    (void)state;
    const sr_doc *d = body("The talks were held in the U.S. The next round is in Geneva.");
    assert_int_equal(d->sentences.n, 2);
    assert_string_equal(tu_sentence(d, 1), "The next round is in Geneva.");
    d = body("Officials from the U.S. Army arrived.");
    assert_int_equal(d->sentences.n, 1);
}

static void test_initials(void **state)
{
    (void)state;
    const sr_doc *d = body("The report by J. R. Ewing was released. It was short.");
    assert_int_equal(d->sentences.n, 2);
    assert_string_equal(tu_sentence(d, 0), "The report by J. R. Ewing was released.");
}

static void test_numbers_and_ranges(void **state)
{
    (void)state;
    const sr_doc *d = body("About 300-400 fighters and 1,200 civilians left; 3.5 percent stayed at 9:37pm.");
    assert_string_equal(tu_tokens(d), "About|300-400|fighters|and|1,200|civilians|left|;|3.5|"
                                      "percent|stayed|at|9:37|pm|.");
    assert_true(d->tokens.v[1].flags & SR_TF_RANGE);
    assert_int_equal(d->tokens.v[1].kind, SR_TOK_NUMBER);
    assert_int_equal(d->tokens.v[4].kind, SR_TOK_NUMBER);
}

static void test_hyphens_and_possessives(void **state)
{
    (void)state;
    const sr_doc *d = body("US-backed fighters took al-Mayadin from the State\xE2\x80\x99s men "
                           "and the group's allies; they don't stop.");
    assert_string_equal(tu_tokens(d), "US-backed|fighters|took|al-Mayadin|from|the|State|"
                                      "\xE2\x80\x99s|men|and|the|group|'s|allies|;|they|do|n't|stop|.");
    assert_true(d->tokens.v[0].flags & SR_TF_HYPHEN);
    assert_true(d->tokens.v[7].flags & SR_TF_CLITIC);
}

static void test_quote_closing_inside_sentence(void **state)
{
    (void)state;
    const sr_doc *d = body("\xE2\x80\x9CThe battle will go on until the city is clean,\xE2\x80\x9D said a "
                           "statement. \xE2\x80\x9CWhy?\xE2\x80\x9D he asked. \xE2\x80\x9CWe won.\xE2\x80\x9D "
                           "The end came fast.");
    assert_int_equal(d->sentences.n, 4);
    assert_string_equal(tu_sentence(d, 0), "\xE2\x80\x9CThe battle will go on until the city is "
                                           "clean,\xE2\x80\x9D said a statement.");
    assert_string_equal(tu_sentence(d, 1), "\xE2\x80\x9CWhy?\xE2\x80\x9D he asked.");
    assert_string_equal(tu_sentence(d, 2), "\xE2\x80\x9CWe won.\xE2\x80\x9D");
    /* the opening quote is flagged open, the closing one close */
    assert_true(d->tokens.v[0].flags & SR_TF_OPEN);
}

static void test_ellipsis_and_urls(void **state)
{
    (void)state;
    const sr_doc *d = body("We walked all night... my children had no water. See "
                           "https://example.org/report?id=4. Mail press@example.org today.");
    assert_int_equal(d->sentences.n, 3);
    assert_string_equal(tu_sentence(d, 0), "We walked all night... my children had no water.");
    int url = -1, mail = -1;
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        if (d->tokens.v[i].kind != SR_TOK_URL)
            continue;
        if (url < 0) url = (int)i; else mail = (int)i;
    }
    assert_true(url >= 0 && mail >= 0);
    assert_string_equal(tu_span(d, d->tokens.v[url].start, d->tokens.v[url].end),
                        "https://example.org/report?id=4");
    assert_string_equal(tu_span(d, d->tokens.v[mail].start, d->tokens.v[mail].end),
                        "press@example.org");
}

static void test_unicode_ellipsis_maps_back(void **state)
{
    (void)state;
    /* The ellipsis character becomes "..." in the view but the token
     * covers exactly its three original bytes. */
    const sr_doc *d = body("They waited\xE2\x80\xA6 Then the shelling began.");
    assert_int_equal(d->sentences.n, 2);
    assert_string_equal(tu_tokens(d), "They|waited|\xE2\x80\xA6|Then|the|shelling|began|.");
}

static void test_headline_without_punctuation(void **state)
{
    (void)state;
    /* Each paragraph ends its sentence even with no final period. */
    const sr_doc *d = body("Rebels shell the airport.\n\nA paragraph that never ends\nand runs on "
                           "over two lines without a stop\n\nAnother sentence.");
    assert_int_equal(d->sentences.n, 3);
    assert_string_equal(tu_sentence(d, 1), "A paragraph that never ends\nand runs on over two lines "
                                           "without a stop");
}

static void test_long_text_without_punctuation_is_cut(void **state)
{
    (void)state;
    size_t n = 20000 * 5;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i += 5)
        memcpy(t + i, "word ", 5);
    t[n] = 0;
    const sr_doc *d = body(t);
    assert_true(d->sentences.n >= 19);
    for (uint32_t i = 0; i < d->sentences.n; i++)
        assert_true(d->sentences.v[i].tok_n <= 1024);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles_and_abbreviations),
        cmocka_unit_test(test_abbreviation_ends_sentence),
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_numbers_and_ranges),
        cmocka_unit_test(test_hyphens_and_possessives),
        cmocka_unit_test(test_quote_closing_inside_sentence),
        cmocka_unit_test(test_ellipsis_and_urls),
        cmocka_unit_test(test_unicode_ellipsis_maps_back),
        cmocka_unit_test(test_headline_without_punctuation),
        cmocka_unit_test(test_long_text_without_punctuation_is_cut),
    };
    return cmocka_run_group_tests_name("segment", tests, tu_setup, tu_teardown);
}
