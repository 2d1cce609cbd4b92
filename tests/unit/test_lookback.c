/* Look-backs that became running indexes give the answers the scans gave:
 * a pronoun's speaker far back in the text, and lexicon phrases in runs of
 * tokens outside sentences (many title paragraphs), on texts written for
 * these tests. */
#include "testutil.h"

/* n sentences of filler, none naming anyone (about 12 tokens each). */
static void filler(char *buf, size_t cap, int n)
{
    for (int i = 0; i < n; i++)
        strncat(buf, " The weather was mild and the roads were quiet that day.", cap - strlen(buf) - 1);
}

static const char *speaker_of(const sr_doc *d, const char *quote_start)
{
    for (uint32_t i = 0; i < d->quotes.n; i++) {
        const sr_quote *q = &d->quotes.v[i];
        if (strncmp(tu_span(d, q->start, q->end), quote_start, strlen(quote_start)) != 0)
            continue;
        if (q->speaker < 0)
            return "";
        const sr_entity *e = &d->entities.v[q->speaker];
        static char name[128];
        snprintf(name, sizeof name, "%.*s", (int)e->name_len, e->name);
        return name;
    }
    return NULL;
}

static void test_pronoun_far_back(void **state)
{
    (void)state;
    static char text[16384];
    text[0] = 0;
    strcat(text, "Ann Mwangi spoke to reporters in Nairobi on Monday.");
    filler(text, sizeof text, 3); /* near: a short look back finds her */
    strcat(text, " \"We expect a long night of talks,\" she said.");
    filler(text, sizeof text, 40); /* far: more than 256 tokens back */
    strcat(text, " \"The talks will go on until there is a deal,\" she said.");
    filler(text, sizeof text, 40);
    strcat(text, " \"Nobody will leave the room before then,\" he said.");
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    const char *s = speaker_of(d, "We expect");
    assert_non_null(s);
    assert_string_equal(s, "Ann Mwangi");
    s = speaker_of(d, "The talks will go on");
    assert_non_null(s);
    assert_string_equal(s, "Ann Mwangi");
    /* "he" is a person too: the latest person before, however far */
    s = speaker_of(d, "Nobody will leave");
    assert_non_null(s);
    assert_string_equal(s, "Ann Mwangi");
}

static void test_pronoun_none_before(void **state)
{
    (void)state;
    static char text[16384];
    text[0] = 0;
    filler(text, sizeof text, 40);
    /* nobody named before the quote: no speaker, even with one named after */
    strcat(text, " \"There is nothing more to say tonight,\" she said.");
    filler(text, sizeof text, 2);
    strcat(text, " Ann Mwangi left the building later.");
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    const char *s = speaker_of(d, "There is nothing");
    assert_non_null(s);
    assert_string_equal(s, "");
}

/* The matches whose text is `text`. */
static int matches(const sr_doc *d, const char *text)
{
    int n = 0;
    for (uint32_t i = 0; i < d->matches.n; i++)
        n += strcmp(tu_span(d, d->matches.v[i].start, d->matches.v[i].end), text) == 0;
    return n;
}

static void test_title_paragraphs(void **state)
{
    (void)state;
    /* many paragraphs inside a heading are runs of tokens outside any
     * sentence: a phrase is found inside one, never across two */
    static char html[65536];
    strcpy(html, "<html><body><h1><p>fighters of the Islamic</p><p>State left</p>");
    for (int i = 0; i < 200; i++)
        strcat(html, "<p>news item</p>");
    strcat(html, "<p>Islamic State fighters</p></h1><p>The fighting went on for days.</p></body></html>");
    const sr_doc *d = tu_extract(html, SITREP_FORMAT_HTML);
    assert_int_equal(matches(d, "Islamic State"), 1);
    int n = 0;
    for (uint32_t i = 0; i < d->matches.n; i++) {
        const char *t = tu_span(d, d->matches.v[i].start, d->matches.v[i].end);
        n += strchr(t, '\n') != NULL;
    }
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pronoun_far_back),
        cmocka_unit_test(test_pronoun_none_before),
        cmocka_unit_test(test_title_paragraphs),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
