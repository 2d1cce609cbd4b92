/* Part-of-speech tags and lemmas on sentences we wrote. */
#include "testutil.h"

/* "word/TAG word/TAG ..." for a document's tokens. */
static const char *tagged(const char *text)
{
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    static char buf[4096];
    size_t n = 0;
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        const sr_token *t = &d->tokens.v[i];
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s/%s", i ? " " : "",
                              (int)(t->end - t->start), d->text + t->start,
                              sr_tag_name(tu_model, d->tags[i]));
    }
    return buf;
}

static const char *lemmas(const char *text)
{
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    static char buf[4096];
    size_t n = 0;
    char lem[128];
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        if (d->tokens.v[i].kind != SR_TOK_WORD)
            continue;
        sr_lemma_of(d, tu_model, i, lem, sizeof lem);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", lem);
    }
    return buf;
}

static void test_news_sentences(void **state)
{
    (void)state;
    assert_string_equal(tagged("Rebels attacked the northern town of Kidal on Tuesday, killing at "
                               "least 12 soldiers."),
                        "Rebels/NNS attacked/VBD the/DT northern/JJ town/NN of/IN Kidal/NNP on/IN "
                        "Tuesday/NNP ,/, killing/VBG at/IN least/JJS 12/CD soldiers/NNS ./.");
    assert_string_equal(tagged("The government said it would send more troops to the region."),
                        "The/DT government/NN said/VBD it/PRP would/MD send/VB more/JJR "
                        "troops/NNS to/TO the/DT region/NN ./.");
    assert_string_equal(tagged("\xE2\x80\x9CWe will not negotiate,\xE2\x80\x9D the minister told "
                               "reporters."),
                        "\xE2\x80\x9C/`` We/PRP will/MD not/RB negotiate/VB ,/, \xE2\x80\x9D/'' "
                        "the/DT minister/NN told/VBD reporters/NNS ./.");
}

static void test_past_tense_after_subject(void **state)
{
    (void)state;
    /* no auxiliary: past tense, even for a word seen only as a participle */
    assert_string_equal(tagged("Police arrested dozens of protesters."),
                        "Police/NNS arrested/VBD dozens/NNS of/IN protesters/NNS ./.");
    /* a reduced relative with "by" and a perfect keep the participle */
    assert_string_equal(tagged("The man arrested by police was released."),
                        "The/DT man/NN arrested/VBN by/IN police/NNS was/VBD released/VBN ./.");
    assert_string_equal(tagged("Troops who had captured the town withdrew."),
                        "Troops/NNS who/WP had/VBD captured/VBN the/DT town/NN withdrew/VBD ./.");
}

static void test_unknown_words(void **state)
{
    (void)state;
    /* unknown: a capital mid-sentence is a name; sentence-initial, the
     * suffix decides; -s plural, -ed verb */
    assert_string_equal(tagged("Insurgents shelled the outskirts of Zawiyah."),
                        "Insurgents/NNS shelled/VBD the/DT outskirts/NNS of/IN Zawiyah/NNP ./.");
}

static void test_headline_case(void **state)
{
    (void)state;
    /* in a title, capitalized common words are read as the common words */
    const sr_doc *d = tu_extract("Rebels Seize Key Town After Heavy Fighting\n\nBody text here.\n",
                                 SITREP_FORMAT_TEXT);
    assert_int_equal(d->blocks.v[0].kind, SR_BLOCK_TITLE);
    const char *want[] = {"NNS", "VBP", "JJ", "NN", "IN", "JJ", "NN"};
    for (int i = 0; i < 7; i++)
        assert_string_equal(sr_tag_name(tu_model, d->tags[i]), want[i]);
}

static void test_lemmas(void **state)
{
    (void)state;
    assert_string_equal(lemmas("The militias had seized two cities and were fleeing."),
                        "the militia have seize two city and be flee");
    assert_string_equal(lemmas("Women and children went to safer villages."),
                        "woman and child go to safe village");
    /* proper nouns keep their case; unknown words get WordNet's rules */
    assert_string_equal(lemmas("Omar Alloush said the insurgents were regrouping."),
                        "Omar Alloush say the insurgent be regroup");
}

static void test_wordnet_relations(void **state)
{
    (void)state;
    const sitrep_model *m = tu_model;
    assert_string_equal(sr_wn_class_name(sr_wn_class(m, "soldier", 7, 'n')), "noun.person");
    assert_string_equal(sr_wn_class_name(sr_wn_class(m, "army", 4, 'n')), "noun.group");
    assert_string_equal(sr_wn_class_name(sr_wn_class(m, "city", 4, 'n')), "noun.location");
    assert_string_equal(sr_wn_class_name(sr_wn_class(m, "attack", 6, 'v')), "verb.competition");
    assert_int_equal(sr_wn_class(m, "raqqa", 5, 'n'), -1);
    assert_string_equal(sr_wn_pertainym(m, "syrian", 6), "syria");
    assert_string_equal(sr_wn_noun_to_verb(m, "seizure", 7), "seize");
    assert_string_equal(sr_wn_noun_to_verb(m, "killing", 7), "kill");
    assert_string_equal(sr_wn_verb_to_noun(m, "attack", 6), "attack");
    assert_null(sr_wn_pertainym(m, "city", 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_sentences),
        cmocka_unit_test(test_past_tense_after_subject),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_headline_case),
        cmocka_unit_test(test_lemmas),
        cmocka_unit_test(test_wordnet_relations),
    };
    return cmocka_run_group_tests_name("tag", tests, tu_setup, tu_teardown);
}
