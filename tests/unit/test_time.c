/* Time expressions resolved against the publication date, on sentences
 * written for these tests. */
#include "testutil.h"

/* Runs a JSONL document with a publication date; returns the value of the
 * time expression whose text is `what` ("" when it has none), or NULL when
 * no expression has that text. */
static const char *value_of(const char *published, const char *text, const char *what)
{
    char buf[2048];
    if (published)
        snprintf(buf, sizeof buf, "{\"id\":\"t\",\"published\":\"%s\",\"text\":\"%s\"}", published, text);
    else
        snprintf(buf, sizeof buf, "{\"id\":\"t\",\"text\":\"%s\"}", text);
    const sr_doc *d = tu_extract(buf, SITREP_FORMAT_JSONL);
    for (uint32_t i = 0; i < d->times.n; i++) {
        const sr_timex *t = &d->times.v[i];
        if (strcmp(tu_span(d, t->start, t->end), what) == 0)
            return t->value ? t->value : "";
    }
    return NULL;
}

static const char *type_of(const char *published, const char *text, const char *what)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "{\"id\":\"t\",\"published\":\"%s\",\"text\":\"%s\"}", published, text);
    const sr_doc *d = tu_extract(buf, SITREP_FORMAT_JSONL);
    for (uint32_t i = 0; i < d->times.n; i++)
        if (strcmp(tu_span(d, d->times.v[i].start, d->times.v[i].end), what) == 0)
            return sr_timex_type_names[d->times.v[i].type];
    return NULL;
}

static void test_absolute(void **state)
{
    (void)state;
    const char *p = "2017-10-15T21:37";
    assert_string_equal(value_of(p, "The city fell on Oct. 17, 2016, officials said.", "Oct. 17, 2016"),
                        "2016-10-17");
    assert_string_equal(value_of(p, "It was captured in January 2014.", "January 2014"), "2014-01");
    assert_string_equal(value_of(p, "Talks began on 3 March 2015 in Geneva.", "3 March 2015"),
                        "2015-03-03");
    assert_string_equal(value_of(p, "The report, dated 2016-11-04, was leaked.", "2016-11-04"),
                        "2016-11-04");
    assert_string_equal(value_of(p, "The group was founded in 1999.", "1999"), "1999");
    assert_string_equal(value_of(p, "Profit rose in the third quarter of 2016.",
                                 "the third quarter of 2016"),
                        "2016-Q3");
    /* years as broadcasts say them */
    assert_string_equal(value_of(p, "Atlanta, nineteen ninety-six: a bomb shocks the games.",
                                 "nineteen ninety-six"),
                        "1996");
    assert_string_equal(value_of(p, "January nineteen ninety-seven brought another bomb.",
                                 "January nineteen ninety-seven"),
                        "1997-01");
    assert_string_equal(value_of(p, "Systems may fail in the year two thousand.", "the year two thousand"),
                        "2000");
    /* a count is no year */
    assert_null(value_of(p, "About 1990 people fled.", "1990"));
}

static void test_relative(void **state)
{
    (void)state;
    /* a Sunday paper */
    const char *p = "2017-10-15T21:37";
    assert_string_equal(value_of(p, "The militia said on Saturday the city would fall.", "Saturday"),
                        "2017-10-14");
    assert_string_equal(value_of(p, "Talks will resume on Tuesday, officials said.", "Tuesday"),
                        "2017-10-17");
    assert_string_equal(value_of(p, "Fighters left the city yesterday.", "yesterday"), "2017-10-14");
    assert_string_equal(value_of(p, "The convoy arrived today.", "today"), "2017-10-15");
    assert_string_equal(value_of(p, "Prices fell last year.", "last year"), "2016");
    assert_string_equal(value_of(p, "Prices fell last month.", "last month"), "2017-09");
    assert_string_equal(value_of(p, "The offensive began three days ago.", "three days ago"),
                        "2017-10-12");
    assert_string_equal(value_of(p, "The assault started in June.", "June"), "2017-06");
    /* a month ahead in a future clause */
    assert_string_equal(value_of(p, "Elections will be held in March.", "March"), "2018-03");
    assert_string_equal(value_of(p, "The battle has gone on for four months.", "four months"), "P4M");
    assert_string_equal(type_of(p, "The battle has gone on for four months.", "four months"),
                        "DURATION");
    assert_string_equal(value_of(p, "He ruled for two years.", "two years"), "P2Y");
    assert_string_equal(value_of(p, "Aid arrives every Friday.", "every Friday"), "XXXX-WXX-5");
    assert_string_equal(type_of(p, "Aid arrives every Friday.", "every Friday"), "SET");
    assert_string_equal(value_of(p, "The group is now in disarray.", "now"), "PRESENT_REF");
    assert_string_equal(value_of(p, "Shelling stopped at 5 p.m. on Sunday.", "5 p.m."),
                        "2017-10-15T17:00");
}

static void test_tense_of_months(void **state)
{
    (void)state;
    const char *p = "2017-10-15T21:37";
    /* what one agrees or decides to do lies ahead of the agreeing */
    assert_string_equal(value_of(p, "The ministry agreed to buy the jets for $2 billion in February.",
                                 "February"),
                        "2018-02");
    assert_string_equal(value_of(p, "Rebels decided to hold a vote in early March.", "early March"),
                        "2018-03");
    /* a summit set for a month; a mission one will be named to lead */
    assert_string_equal(value_of(p, "The issue will dominate a summit set for Geneva in April.", "April"),
                        "2018-04");
    assert_string_equal(value_of(p, "She will be named commander for a mission in December.", "December"),
                        "2017-12");
    /* a participle clause takes the tense of the verb before it */
    assert_string_equal(value_of(p, "The price has fluctuated sharply, rising to a high in June from $29 in March.",
                                 "March"),
                        "2017-03");
    /* no verb at all: news mostly reports what happened */
    assert_string_equal(value_of(p, "In January, a week after the anniversary of the ruling.", "January"),
                        "2017-01");
    /* "the year" is this year, unless it is a year ending some day */
    assert_string_equal(value_of(p, "Exports fell for the year, the ministry said.", "the year"), "2017");
    assert_string_equal(value_of(p, "Profit rose in the year ended June 30.", "the year"), "P1Y");
    assert_string_equal(value_of(p, "Sales fell from the 2016 quarter.", "the 2016 quarter"), "2016-Q3");
}

static void test_no_publication_date(void **state)
{
    (void)state;
    /* relative expressions are found but never guessed: their unknown
     * parts are X, as TIMEX3 writes them */
    assert_string_equal(value_of(NULL, "Fighters left the city yesterday.", "yesterday"), "XXXX-XX-XX");
    assert_string_equal(value_of(NULL, "Talks resume next week.", "next week"), "XXXX-WXX");
    assert_string_equal(value_of(NULL, "Sales rose last year.", "last year"), "XXXX");
    assert_string_equal(value_of(NULL, "The shelling began this morning.", "this morning"), "XXXX-XX-XXTMO");
    assert_string_equal(value_of(NULL, "It was captured in January 2014.", "January 2014"), "2014-01");
    assert_null(value_of(NULL, "The assault started in June.", "June"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_tense_of_months),
        cmocka_unit_test(test_no_publication_date),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
