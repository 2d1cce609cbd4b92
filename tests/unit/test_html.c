/* HTML pages: text, block kinds and metadata. */
#include "testutil.h"

static const char page[] =
    "<!DOCTYPE html><html lang=\"en\"><head>"
    "<title>Site | Floods</title>"
    "<meta property=\"og:title\" content=\"Floods kill 40 in northern province\">"
    "<meta property=\"article:published_time\" content=\"2021-07-18T09:30:00+05:00\">"
    "<meta property=\"article:modified_time\" content=\"2021-07-18T12:00:00+05:00\">"
    "<meta property=\"article:section\" content=\"Asia\">"
    "<link rel=\"canonical\" href=\"https://news.example.org/floods\">"
    "<script>var x = '<p>not text</p>';</script><style>p{}</style>"
    "</head><body>"
    "<header class=\"site-header\"><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>"
    "<article><h1>Floods kill 40 in  northern\nprovince</h1>"
    "<p class=\"byline\">By Ayesha Khan</p>"
    "<p>Floods killed at least 40 people on Saturday, officials said.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>Residents wade through water.</figcaption></figure>"
    "<p>Rescue teams &amp; soldiers reached <b>three</b> villages.</p>"
    "<div class=\"related-stories\"><h2>Related</h2><p>Earlier floods displaced thousands</p></div>"
    "<h2>Aid appeal</h2><p>The UN appealed for aid.</p>"
    "</article><aside><p>Most read: something else</p></aside>"
    "<footer><p>Copyright 2021</p></footer><noscript>Please enable JavaScript.</noscript>"
    "</body></html>";

static void test_page(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(page, SITREP_FORMAT_AUTO);
    assert_int_equal(d->format, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "Floods kill 40 in northern province");
    assert_string_equal(d->meta.published, "2021-07-18T09:30+05:00");
    assert_string_equal(d->meta.updated, "2021-07-18T12:00+05:00");
    assert_string_equal(d->meta.section, "Asia");
    assert_string_equal(d->meta.url, "https://news.example.org/floods");
    assert_string_equal(d->meta.language, "en");
    /* white space collapsed, entities decoded, inline tags kept as text */
    assert_string_equal(tu_block_text(d, SR_BLOCK_TITLE, 0), "Floods kill 40 in northern province");
    assert_string_equal(tu_block_text(d, SR_BLOCK_META, 0), "By Ayesha Khan");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "Floods killed at least 40 people on Saturday, officials said.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 1),
                        "Rescue teams & soldiers reached three villages.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 2), "The UN appealed for aid.");
    assert_null(tu_block_text(d, SR_BLOCK_BODY, 3));
    assert_string_equal(tu_block_text(d, SR_BLOCK_SECTION, 0), "Aid appeal");
    /* navigation, caption, related, aside and footer are boilerplate */
    const char *bp[] = {"Home World", "Residents wade through water.", "Related",
                        "Earlier floods displaced thousands", "Most read: something else",
                        "Copyright 2021"};
    for (int i = 0; i < 6; i++)
        assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, i), bp[i]);
    /* scripts, styles and what a browser shows without scripts are not text */
    assert_null(strstr(d->text, "not text"));
    assert_null(strstr(d->text, "JavaScript"));
    /* blocks are joined by a blank line */
    assert_non_null(strstr(d->text, "province\n\nBy Ayesha Khan\n\nFloods"));
    assert_int_equal(d->sentences.n, 3);
}

static void test_time_and_jsonld(void **state)
{
    (void)state;
    const char *p1 = "<html><body><article><h1>Talks resume</h1>"
                     "<time datetime=\"2020-02-01T10:00\">1 Feb</time><p>Talks resumed.</p>"
                     "</article></body></html>";
    const sr_doc *d = tu_extract(p1, SITREP_FORMAT_AUTO);
    assert_string_equal(d->meta.published, "2020-02-01T10:00");
    assert_string_equal(d->meta.title, "Talks resume");
    const char *p2 = "<html><head><script type=\"application/ld+json\">"
                     "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\","
                     "\"headline\":\"Ceasefire holds\",\"datePublished\":\"2022-05-09T08:00:00Z\","
                     "\"author\":[{\"@type\":\"Person\",\"name\":\"Sam Roe\"}]}]}"
                     "</script></head><body><p>The ceasefire held.</p></body></html>";
    d = tu_extract(p2, SITREP_FORMAT_AUTO);
    assert_string_equal(d->meta.title, "Ceasefire holds");
    assert_string_equal(d->meta.published, "2022-05-09T08:00Z");
    assert_string_equal(d->meta.byline, "Sam Roe");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0), "The ceasefire held.");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 20000;
    size_t n = depth * 5 + 64;
    char *p = malloc(n);
    size_t k = 0;
    for (size_t i = 0; i < depth; i++) {
        memcpy(p + k, "<div>", 5);
        k += 5;
    }
    k += (size_t)sprintf(p + k, "<p>Deep text.</p>");
    p[k] = 0;
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_non_null(strstr(d->text, "Deep text."));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_time_and_jsonld),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests_name("html", tests, tu_setup, tu_teardown);
}
