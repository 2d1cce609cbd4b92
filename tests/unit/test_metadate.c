/* Metadata dates to ISO 8601. */
#include "testutil.h"

static void check(const char *in, const char *want)
{
    char out[32];
    size_t used = sr_metadate_parse(in, strlen(in), out);
    if (!want) {
        if (used)
            fail_msg("'%s' parsed as %s, expected no date", in, out);
        return;
    }
    if (!used)
        fail_msg("'%s' not parsed, expected %s", in, want);
    if (strcmp(out, want) != 0)
        fail_msg("'%s' -> %s, expected %s", in, out, want);
}

static void test_forms(void **state)
{
    (void)state;
    check("Sunday, 15 October, 2017, 9:37pm", "2017-10-15T21:37");
    check("Sunday, 15 October, 2017, 10:50pm", "2017-10-15T22:50");
    check("2017-10-15T21:37:00+08:00", "2017-10-15T21:37+08:00");
    check("2017-10-15T13:37:12Z", "2017-10-15T13:37:12Z");
    check("2017-10-15", "2017-10-15");
    check("1987-02-26T15:01:01", "1987-02-26T15:01:01");
    check("Oct. 15, 2017 at 10:50 a.m. EDT", "2017-10-15T10:50-04:00");
    check("Sun 15 Oct 2017 21.37 BST", "2017-10-15T21:37+01:00");
    check("October 15, 2017 12:05 AM", "2017-10-15T00:05");
    check("15/10/2017", "2017-10-15");
    check("10/15/2017", "2017-10-15");
    check("3rd March 2016", "2016-03-03");
    check("Sept 3, 2016 9pm GMT+8", "2016-09-03T21:00+08:00");
    check("Monday 28 August 2017 18:05 UTC", "2017-08-28T18:05Z");
    /* day first with dashes too, as with slashes */
    check("15-10-2017", "2017-10-15");
    check("03-02-2009", "2009-02-03");
    check("2017-10-15T23:59:60Z", "2017-10-15T23:59:60Z"); /* a leap second */
}

/* What is no real date is no date at all, not a date with the rest left off */
static void test_real_dates_only(void **state)
{
    (void)state;
    check("2020-02-30T10:00", NULL);
    check("2020-02-10T25:61", NULL);
    check("2020-02-10T24:00", NULL);
    check("2020-02-10T10:60", NULL);
    check("2020-02-10 25:30", NULL);
    check("Oct. 15, 2017 25:61", NULL);
    check("Oct. 15, 2017, 13:30 pm", NULL);
    check("0003-02-20", NULL);
    check("15 October 1066", NULL);
    check("2350-01-01", NULL);
}

static void test_rejects(void **state)
{
    (void)state;
    check("Staff Reporter", NULL);
    check("31 February 2017", NULL);
    check("October 2017", NULL); /* no day: not a publication date */
    check("The army said on Sunday", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_real_dates_only),
    };
    return cmocka_run_group_tests_name("metadate", tests, NULL, NULL);
}
