/* Lexicon matching: our lexicons and users' own. */
#include "testutil.h"
#include "model/lexicon.h"

#include <unistd.h>

/* "text=kind:name" for every match, joined by "; ". */
static const char *matches(const char *text)
{
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    static char buf[4096];
    size_t n = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < d->matches.n; i++) {
        const sr_match *m = &d->matches.v[i];
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s=%s:%s", i ? "; " : "",
                              (int)(m->end - m->start), d->text + m->start,
                              sr_lex_kind_name(m->rec->kind), m->strs + m->rec->name_off);
    }
    return buf;
}

static void test_actors_and_longest_match(void **state)
{
    (void)state;
    assert_string_equal(matches("Fighters of the Islamic State of Iraq and Syria attacked Syrian "
                                "Democratic Forces positions."),
                        "Fighters=role:rebel; Islamic State of Iraq and Syria=actor:Islamic State; "
                        "Syrian Democratic Forces=actor:Syrian Democratic Forces");
}

static void test_case(void **state)
{
    (void)state;
    /* acronyms only in capitals; cue words and titles only capitalized */
    assert_string_equal(matches("It is what IS does, the UN said; the un-named us too."),
                        "IS=actor:Islamic State; UN=actor:United Nations");
    assert_string_equal(matches("The alliance met the Council."), "Council=orgcue:Council");
    assert_string_equal(matches("Colonel Smith, an army spokesman, spoke."),
                        "Colonel=title:Colonel; army=role:soldier; spokesman=personrole:spokesman");
    /* curly apostrophes match straight ones */
    assert_string_equal(matches("People\xE2\x80\x99s Protection Units fought."),
                        "People\xE2\x80\x99s Protection Units=actor:People's Protection Units");
}

static void test_attributes(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Syrian troops fought Hezbollah.", SITREP_FORMAT_TEXT);
    assert_int_equal(d->matches.n, 3);
    assert_string_equal(d->matches.v[0].rec->country, "SYR");
    assert_string_equal(d->matches.v[1].rec->sector, "MIL");
    assert_string_equal(d->matches.v[2].rec->code, "LBNREB");
    assert_string_equal(d->matches.v[2].rec->type, "ORG");
}

static char *write_tmp(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/sitrep-lex-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_user_lexicon(void **state)
{
    (void)state;
    sitrep_model *m;
    sitrep_extractor *x;
    assert_int_equal(sitrep_model_open(NULL, &m), SITREP_OK);
    char *path = write_tmp("# a user's own actors\n"
                           "Northern Shield Brigade | NSB => actor code=XYZMIL country=XYZ "
                           "sector=MIL type=ORG\n"
                           "Hezbollah => actor code=LBNMIL country=LBN sector=MIL type=ORG\n");
    char err[256];
    assert_int_equal(sitrep_model_add_lexicon(m, path, err, sizeof err), SITREP_OK);
    unlink(path);
    assert_int_equal(sitrep_extractor_new(m, &x), SITREP_OK);
    const char *t = "The Northern Shield Brigade and Hezbollah clashed; NSB said so.";
    const sitrep_record *rec;
    assert_int_equal(sitrep_extract_buffer(x, t, strlen(t), SITREP_FORMAT_TEXT, "u", &rec),
                     SITREP_OK);
    const sr_doc *d = &rec->doc;
    assert_int_equal(d->matches.n, 3);
    assert_string_equal(d->matches.v[0].rec->code, "XYZMIL");
    assert_string_equal(d->matches.v[1].rec->code, "LBNMIL"); /* the user's entry wins */
    assert_string_equal(d->matches.v[2].rec->code, "XYZMIL");
    sitrep_extractor_free(x);
    sitrep_model_free(m);
}

static void test_malformed_lexicons(void **state)
{
    (void)state;
    sitrep_model *m;
    assert_int_equal(sitrep_model_open(NULL, &m), SITREP_OK);
    struct { const char *text, *msg; } bad[] = {
        {"ok => actor\nno arrow here\n", ":2: expected NAME | ALIAS"},
        {"A => weapon\n", ":1: unknown kind 'weapon'"},
        {"A => actor country=Syria\n", ":1: bad value for country"},
        {"A => actor colour=red\n", ":1: unknown key 'colour'"},
        {"A | | B => actor\n", ":1: empty name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *path = write_tmp(bad[i].text);
        char err[256];
        assert_int_equal(sitrep_model_add_lexicon(m, path, err, sizeof err), SITREP_EFORMAT);
        if (!strstr(err, path) || !strstr(err, bad[i].msg))
            fail_msg("'%s' lacks '%s'", err, bad[i].msg);
        unlink(path);
    }
    char err[256];
    assert_int_equal(sitrep_model_add_lexicon(m, "/nonexistent.lex", err, sizeof err),
                     SITREP_EFORMAT);
    assert_non_null(strstr(err, "/nonexistent.lex:0: cannot open"));
    sitrep_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actors_and_longest_match),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_user_lexicon),
        cmocka_unit_test(test_malformed_lexicons),
    };
    return cmocka_run_group_tests_name("match", tests, tu_setup, tu_teardown);
}
