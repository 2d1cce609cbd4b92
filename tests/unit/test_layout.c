/* Plain-text layout: section, title, meta lines, dateline, boilerplate. */
#include "testutil.h"

static void test_header_lines(void **state)
{
    (void)state;
    const char *t =
        "World\n\n"
        "Rebels seize border crossing as talks stall\n\n"
        "Published: 3 March 2019\nUpdated: 4 March 2019, 08:15\n\n"
        "By Jane Doe and Omar Said\n\n"
        "BEIRUT, Lebanon (Reuters) - Rebels seized a border crossing on Saturday.\n\n"
        "The talks stalled.\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_string_equal(d->meta.section, "World");
    assert_string_equal(d->meta.title, "Rebels seize border crossing as talks stall");
    assert_string_equal(d->meta.published, "2019-03-03");
    assert_string_equal(d->meta.updated, "2019-03-04T08:15");
    assert_string_equal(d->meta.byline, "Jane Doe and Omar Said");
    assert_string_equal(d->meta.dateline, "BEIRUT, Lebanon");
    assert_string_equal(d->meta.agency, "Reuters");
    assert_int_equal(d->blocks.n, 7);
    assert_string_equal(tu_block_text(d, SR_BLOCK_META, 2), "By Jane Doe and Omar Said");
    /* the first sentence starts after the dateline */
    assert_string_equal(tu_sentence(d, 0), "Rebels seized a border crossing on Saturday.");
}

static void test_no_section_when_first_line_is_long(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Floods kill dozens in northern province after week of heavy rain\n\n"
                                 "Floods killed dozens of people.\n", SITREP_FORMAT_TEXT);
    assert_null(d->meta.section);
    assert_non_null(d->meta.title);
    assert_int_equal(tu_block(d, SR_BLOCK_BODY, 0), 1);
}

static void test_body_only(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Troops entered the town on Monday. Residents fled.\n", SITREP_FORMAT_TEXT);
    assert_null(d->meta.title);
    assert_int_equal(d->blocks.n, 1);
    assert_int_equal(d->blocks.v[0].kind, SR_BLOCK_BODY);
    assert_int_equal(d->sentences.n, 2);
}

static void test_related_links_are_boilerplate(void **state)
{
    (void)state;
    const char *t =
        "Army retakes airport\n\n"
        "The army retook the airport on Friday, officials said.\n\n"
        "Militants overrun police post in attack on remote northern town\n\n"
        "Fighting continued into the night.\n\n"
        "Read more: how the siege began\n\n"
        "The siege has lasted for months\n"
        "and left the city without power.\n\n"
        "Aftermath\n\n"
        "Residents returned on Sunday.\n\n"
        "Reporting by Ann Lee; Editing by Tom Ray\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, 0),
                        "Militants overrun police post in attack on remote northern town");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, 1), "Read more: how the siege began");
    assert_null(tu_block_text(d, SR_BLOCK_BOILERPLATE, 2));
    /* a two-line paragraph without a period is still body */
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 2),
                        "The siege has lasted for months\nand left the city without power.");
    /* a short line with text after it is a sub-heading */
    assert_string_equal(tu_block_text(d, SR_BLOCK_SECTION, 0), "Aftermath");
    assert_string_equal(tu_block_text(d, SR_BLOCK_META, 0), "Reporting by Ann Lee; Editing by Tom Ray");
    /* no sentence comes from boilerplate */
    for (uint32_t i = 0; i < d->sentences.n; i++)
        assert_null(strstr(tu_sentence(d, i), "overrun"));
}

static void test_line_continuing_story_is_body(void **state)
{
    (void)state;
    const char *t = "Headline here\n\nFirst paragraph ends here.\n\nA line cut by a stray blank line\n\n"
                    "continues in lower case.\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_null(tu_block_text(d, SR_BLOCK_BOILERPLATE, 0));
}

static void test_wire_paragraphs_by_indentation(void **state)
{
    (void)state;
    const char *t = "Cocoa showers continued throughout the week in\nthe Bahia zone, officials said.\n"
                    "    The dry period means the crop will be late.\n"
                    "    Arrivals were 155,221 bags.\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_int_equal(d->blocks.n, 3);
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 1), "The dry period means the crop will be late.");
}

static void test_datelines(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("WASHINGTON (AP) -- The Senate voted.\n", SITREP_FORMAT_TEXT);
    assert_string_equal(d->meta.dateline, "WASHINGTON");
    assert_string_equal(d->meta.agency, "AP");
    assert_string_equal(tu_sentence(d, 0), "The Senate voted.");
    d = tu_extract("NEW YORK \xE2\x80\x94 Markets fell.\n", SITREP_FORMAT_TEXT);
    assert_string_equal(d->meta.dateline, "NEW YORK");
    assert_string_equal(tu_sentence(d, 0), "Markets fell.");
    /* an acronym and a hyphen are not a dateline */
    d = tu_extract("ISIS - the group - said so.\n", SITREP_FORMAT_TEXT);
    assert_null(d->meta.dateline);
    d = tu_extract("US-backed militias attacked.\n", SITREP_FORMAT_TEXT);
    assert_null(d->meta.dateline);
}

static void test_boilerplate_prefixes(void **state)
{
    (void)state;
    const char *t = "Head line\n\nFirst paragraph.\n\n\xC2\xA9 2019 Example News\n\n"
                    "VIDEO: the moment the bridge fell\n\nLast paragraph.\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, 0), "\xC2\xA9 2019 Example News");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, 1), "VIDEO: the moment the bridge fell");
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    const char *t = "\xEF\xBB\xBFHeadline with CRLF\r\n\r\nBody text here.\r\n";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_string_equal(d->meta.title, "Headline with CRLF");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0), "Body text here.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_lines),
        cmocka_unit_test(test_no_section_when_first_line_is_long),
        cmocka_unit_test(test_body_only),
        cmocka_unit_test(test_related_links_are_boilerplate),
        cmocka_unit_test(test_line_continuing_story_is_body),
        cmocka_unit_test(test_wire_paragraphs_by_indentation),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_boilerplate_prefixes),
        cmocka_unit_test(test_crlf_and_bom),
    };
    return cmocka_run_group_tests_name("layout", tests, tu_setup, tu_teardown);
}
