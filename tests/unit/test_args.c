/* Who an event is done to, on sentences written for these tests: the
 * actor that holds a town is the target of an assault on it; in what
 * people say, "them" are the speakers, not the latest organization. */
#include "testutil.h"

/* The assault on a town the text calls a group's stronghold is an
 * assault on the group; the town stays its place. */
static void test_holder_is_target(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Kurdish-led militias said on Sunday they had begun a final assault on "
                                 "Raqqa, Islamic State's last stronghold in Syria, after weeks of heavy "
                                 "fighting.\n",
                                 SITREP_FORMAT_TEXT);
    const sr_event *ev = tu_event(d, "assault");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->target.entity), "Islamic State");
    /* a town no one is said to hold stays the target */
    d = tu_extract("Rebels launched an assault on Raqqa on Sunday after weeks of heavy fighting.\n",
                   SITREP_FORMAT_TEXT);
    ev = tu_event(d, "assault");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->target.entity), "Raqqa");
}

/* "former hostages said Abu Karim imprisoned them": the hostages, not
 * the group named before. */
static void test_speakers_them(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("The Islamic State group ruled the city until 2017, and former hostages "
                                 "said Abu Karim, a senior commander, imprisoned them in a building near "
                                 "the city.\n",
                                 SITREP_FORMAT_TEXT);
    const sr_event *ev = tu_event(d, "imprisoned");
    assert_non_null(ev);
    assert_string_not_equal(tu_entity_name(d, ev->target.entity), "Islamic State");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holder_is_target),
        cmocka_unit_test(test_speakers_them),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
