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

/* A JSONL document of our own: `fields` are its members before "text". */
static const sr_doc *doc_with(const char *fields, const char *text)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "{\"id\":\"t\",%s\"text\":\"%s\"}", fields, text);
    return tu_extract(buf, SITREP_FORMAT_JSONL);
}

/* The value of the expression with text `what` in d, "" for none, NULL if
 * there is no such expression. */
static const char *value_in(const sr_doc *d, const char *what)
{
    for (uint32_t i = 0; i < d->times.n; i++)
        if (strcmp(tu_span(d, d->times.v[i].start, d->times.v[i].end), what) == 0)
            return d->times.v[i].value ? d->times.v[i].value : "";
    return NULL;
}

static void test_publication_dates_trusted(void **state)
{
    (void)state;
    const char *text = "Rebels attacked the town on Monday, police said.";
    /* a given date that is a real one */
    const sr_doc *d = doc_with("\"published\":\"2017-10-15T21:37\",", text);
    assert_string_equal(d->meta.published_basis, "given");
    assert_string_equal(value_in(d, "Monday"), "2017-10-09");
    /* no real date: no day 30 in February, no hour 25, no year 3; nothing
     * is resolved against it */
    const char *bad[] = {"\"published\":\"2020-02-30T10:00\",", "\"published\":\"2020-02-10T25:61\",",
                         "\"published\":\"0003-02-20\","};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        d = doc_with(bad[k], text);
        assert_null(d->meta.published);
        assert_null(d->meta.published_basis);
        assert_null(value_in(d, "Monday"));
    }
    /* day first, as for 03/02/2009 */
    d = doc_with("\"published\":\"03-02-2009\",", text);
    assert_string_equal(d->meta.published, "2009-02-03");
    assert_string_equal(value_in(d, "Monday"), "2009-02-02");
}

static void test_publication_date_from_text(void **state)
{
    (void)state;
    /* the dateline, when the given date is none */
    const sr_doc *d = doc_with("\"published\":\"2020-02-30\",\"dateline\":\"KABUL, Oct. 15, 2017\",",
                               "Rebels attacked the town on Monday, police said.");
    assert_string_equal(d->meta.published, "2017-10-15");
    assert_string_equal(d->meta.published_basis, "dateline");
    assert_string_equal(value_in(d, "Monday"), "2017-10-09");
    /* a date line at the top of the article */
    d = doc_with("\"title\":\"Town attacked\",", "Oct. 15, 2017\\n\\nRebels attacked the town on Monday.");
    assert_string_equal(d->meta.published, "2017-10-15");
    assert_string_equal(d->meta.published_basis, "text");
    assert_string_equal(value_in(d, "Monday"), "2017-10-09");
    /* a dateline in the text */
    d = doc_with("\"title\":\"Town attacked\",",
                 "WASHINGTON, Oct. 15, 2017 (Reuters) - Rebels attacked the town on Monday.");
    assert_string_equal(d->meta.published_basis, "dateline");
    assert_string_equal(value_in(d, "Monday"), "2017-10-09");
    /* a date inside a sentence, or heading a table, is no publication date */
    d = doc_with("", "Rebels took the town on Oct. 15, 2017, and attacked it again on Monday.");
    assert_null(d->meta.published);
    assert_null(value_in(d, "Monday"));
    d = doc_with("\"title\":\"Results\",", "Year ended December 31, 1986\\n\\nProfit fell on Monday.");
    assert_null(d->meta.published);
}

static void test_time_zones(void **state)
{
    (void)state;
    const sr_doc *d = doc_with("\"published\":\"2017-10-15\",", "The polls close at 16:00 UTC, officials said.");
    assert_int_equal(d->times.n, 1);
    assert_string_equal(tu_span(d, d->times.v[0].start, d->times.v[0].end), "16:00 UTC");
    assert_string_equal(d->times.v[0].value, "2017-10-15T16:00");
    assert_string_equal(d->times.v[0].zone, "Z");
    d = doc_with("\"published\":\"2017-10-15\",", "The fighting stopped at 10:50 a.m. EDT, witnesses said.");
    assert_string_equal(d->times.v[0].zone, "-04:00");
    d = doc_with("\"published\":\"2017-10-15\",", "Shelling stopped at 5 p.m. on Sunday.");
    assert_null(d->times.v[0].zone); /* none stated */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_tense_of_months),
        cmocka_unit_test(test_no_publication_date),
        cmocka_unit_test(test_publication_dates_trusted),
        cmocka_unit_test(test_publication_date_from_text),
        cmocka_unit_test(test_time_zones),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
