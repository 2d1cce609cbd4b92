/* Quantities and quotes on sentences written for these tests. */
#include "testutil.h"

static const sr_doc *run(const char *text)
{
    return tu_extract(text, SITREP_FORMAT_TEXT);
}

static const sr_quantity *quantity(const sr_doc *d, const char *text)
{
    for (uint32_t i = 0; i < d->quantities.n; i++)
        if (strcmp(tu_span(d, d->quantities.v[i].start, d->quantities.v[i].end), text) == 0)
            return &d->quantities.v[i];
    return NULL;
}

static void test_quantities(void **state)
{
    (void)state;
    const sr_doc *d = run("Gunmen killed more than 40 villagers and wounded about 300-400 people, "
                          "while dozens of soldiers fled. Between 20 and 30 children were missing, "
                          "and five policemen were arrested in 2019.");
    const sr_quantity *q = quantity(d, "more than 40 villagers");
    assert_non_null(q);
    assert_true(q->approx);
    assert_true(q->min == 40 && isnan(q->max));
    assert_string_equal(q->unit, "villager");
    assert_non_null(q->casualty);
    assert_string_equal(q->casualty, "killed");
    q = quantity(d, "about 300-400 people");
    assert_non_null(q);
    assert_true(q->min == 300 && q->max == 400 && q->approx);
    assert_string_equal(q->unit, "people");
    assert_string_equal(q->casualty, "wounded");
    q = quantity(d, "dozens of soldiers");
    assert_non_null(q);
    assert_true(q->value == 12 && q->approx); /* ACLED's reading of "dozens" */
    assert_string_equal(q->unit, "soldier");
    q = quantity(d, "Between 20 and 30 children");
    assert_non_null(q);
    assert_true(q->min == 20 && q->max == 30);
    assert_string_equal(q->unit, "child");
    q = quantity(d, "five policemen");
    assert_non_null(q);
    assert_true(q->value == 5 && !q->approx);
    assert_string_equal(q->unit, "policeman");
    /* the year is a time, no quantity */
    assert_null(quantity(d, "2019"));
}

static const sr_quote *quote(const sr_doc *d, const char *start)
{
    for (uint32_t i = 0; i < d->quotes.n; i++)
        if (strncmp(tu_span(d, d->quotes.v[i].start, d->quotes.v[i].end), start, strlen(start)) == 0)
            return &d->quotes.v[i];
    return NULL;
}

static const char *speaker(const sr_doc *d, const sr_quote *q)
{
    static char buf[128];
    if (!q || q->speaker < 0)
        return "";
    const sr_entity *e = &d->entities.v[q->speaker];
    snprintf(buf, sizeof buf, "%.*s", (int)e->name_len, e->name);
    return buf;
}

static void test_quotes(void **state)
{
    (void)state;
    const sr_doc *d = run(
        "Army spokesman Colonel Peter Okafor said the road was open.\n\n"
        "\xE2\x80\x9CWe will hold the bridge,\xE2\x80\x9D said Brigadier Ann Mwangi, a commander of the "
        "Eastern Brigade. \xE2\x80\x9CNothing will cross it.\xE2\x80\x9D\n\n"
        "\xE2\x80\x9CThe town is calm,\xE2\x80\x9D Okafor said. The rebels called the offensive a "
        "\xE2\x80\x9C" "crusade\xE2\x80\x9D and vowed to fight.\n\n"
        "Mwangi said: \xE2\x80\x9CWe have enough food for a month.\xE2\x80\x9D\n\n"
        "According to the United Nations, 2,000 people have fled the district.\n");
    const sr_quote *q = quote(d, "We will hold the bridge");
    assert_non_null(q);
    assert_true(q->direct);
    assert_string_equal(speaker(d, q), "Ann Mwangi");
    /* the second part of a quote split around its cue */
    q = quote(d, "Nothing will cross it");
    assert_non_null(q);
    assert_string_equal(speaker(d, q), "Ann Mwangi");
    q = quote(d, "The town is calm");
    assert_non_null(q);
    assert_string_equal(speaker(d, q), "Peter Okafor"); /* a surname: the full person */
    q = quote(d, "We have enough food");
    assert_non_null(q);
    assert_string_equal(speaker(d, q), "Ann Mwangi");
    /* a scare quote is no speech */
    assert_null(quote(d, "crusade"));
    /* reported speech */
    q = quote(d, "the road was open");
    assert_non_null(q);
    assert_false(q->direct);
    assert_string_equal(speaker(d, q), "Peter Okafor");
    q = quote(d, "2,000 people have fled");
    assert_non_null(q);
    assert_false(q->direct);
    assert_string_equal(speaker(d, q), "United Nations");
}

static void test_partial_quotes(void **state)
{
    (void)state;
    const sr_doc *d = run(
        "The Northern Alliance said on Monday it was \xE2\x80\x9C" "doing everything possible\xE2\x80\x9D to "
        "spare the valley, and that the road would reopen.\n\n"
        "The alliance said the rebels had left. The rebels declared a \xE2\x80\x9C" "jihad\xE2\x80\x9D "
        "in the spring.\n\n"
        "\xE2\x80\x9CThe valley is ours,\xE2\x80\x9D said Major Lena Park. Park added that the last "
        "patrol had come home.\n");
    /* a partial quote inside reported speech is the reporter's, quoted */
    const sr_quote *q = quote(d, "doing everything possible");
    assert_non_null(q);
    assert_true(q->direct);
    assert_string_equal(speaker(d, q), "Northern Alliance");
    q = quote(d, "it was");
    assert_non_null(q);
    assert_false(q->direct);
    /* "the alliance": the named one before it */
    q = quote(d, "the rebels had left");
    assert_non_null(q);
    assert_string_equal(speaker(d, q), "Northern Alliance");
    /* one quoted word in a clause is a term, not speech */
    assert_null(quote(d, "jihad"));
    /* reported speech after a direct quote in the same sentence run */
    q = quote(d, "the last patrol had come home");
    assert_non_null(q);
    assert_false(q->direct);
    assert_string_equal(speaker(d, q), "Lena Park");
}

/* The quotes judged by hand on 30 Reuters-21578 articles
 * (tests/fixtures/quotes_judged.tsv): every quote judged right (its cue
 * and its speaker) is found again, with the same words, cue and speaker
 * words.  The articles are read from ../shared at test time. */
typedef struct judged {
    char id[32];
    uint32_t start, end, cs, ce, ss, se;
    int cue_ok, speaker_ok;
    char speaker[96]; /* the entity's name, "-" for none */
} judged;

/* Does the speaker's entity have this name (line breaks as spaces)? */
static bool speaker_named(const sr_doc *d, int32_t e, const char *name)
{
    if (e < 0)
        return strcmp(name, "-") == 0;
    const sr_entity *en = &d->entities.v[e];
    size_t n = strlen(name);
    if (en->name_len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = en->name[i] == '\n' ? ' ' : en->name[i];
        if (a != name[i])
            return false;
    }
    return true;
}

static void test_judged_quotes(void **state)
{
    (void)state;
    FILE *f = fopen("tests/fixtures/quotes_judged.tsv", "r");
    assert_non_null(f);
    static judged j[128];
    size_t nj = 0, right = 0;
    char line[1024];
    while (fgets(line, sizeof line, f) && nj < 128) {
        if (line[0] == '#')
            continue;
        judged *q = &j[nj];
        int at = 0;
        if (sscanf(line, "%31s %u %u %u %u %u %u %d %d %n", q->id, &q->start, &q->end, &q->cs, &q->ce, &q->ss,
                   &q->se, &q->cue_ok, &q->speaker_ok, &at) == 9 && at > 0) {
            const char *nm = line + at, *tab = strchr(nm, '\t');
            size_t nl = tab ? (size_t)(tab - nm) : strcspn(nm, "\n");
            snprintf(q->speaker, sizeof q->speaker, "%.*s", (int)(nl < 95 ? nl : 95), nm);
            right += q->cue_ok && q->speaker_ok;
            nj++;
        }
    }
    fclose(f);
    assert_true(nj >= 50 && right >= 30);
    FILE *c = fopen("../shared/corpus/reuters21578.jsonl", "r");
    assert_non_null(c); /* the corpus is part of the test setup */
    char *buf = NULL;
    size_t cap = 0, found = 0, wrong_again = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, c)) > 0) {
        char key[64];
        bool ours = false;
        for (size_t k = 0; k < nj && !ours; k++) {
            snprintf(key, sizeof key, "{\"id\": \"%.31s\"", j[k].id);
            ours = strncmp(buf, key, strlen(key)) == 0;
        }
        if (!ours)
            continue;
        const sr_doc *d = tu_extract(buf, SITREP_FORMAT_JSONL);
        for (size_t k = 0; k < nj; k++) {
            snprintf(key, sizeof key, "{\"id\": \"%.31s\"", j[k].id);
            if (strncmp(buf, key, strlen(key)) != 0)
                continue;
            const sr_quote *hit = NULL;
            for (uint32_t i = 0; i < d->quotes.n && !hit; i++)
                if (d->quotes.v[i].start == j[k].start && d->quotes.v[i].end == j[k].end)
                    hit = &d->quotes.v[i];
            bool same = hit && hit->cue_start == j[k].cs && hit->cue_end == j[k].ce &&
                        hit->speaker_start == j[k].ss && hit->speaker_end == j[k].se &&
                        speaker_named(d, hit->speaker, j[k].speaker);
            if (j[k].cue_ok && j[k].speaker_ok) {
                if (!same)
                    fprintf(stderr, "judged right, not found again: %s %u-%u\n", j[k].id, j[k].start, j[k].end);
                found += same;
            } else {
                wrong_again += same;
            }
        }
    }
    free(buf);
    fclose(c);
    fprintf(stderr, "judged quotes: %zu of %zu right ones found again; %zu of %zu wrong ones still given\n",
            found, right, wrong_again, nj - right);
    assert_int_equal(found, right);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_partial_quotes),
        cmocka_unit_test(test_judged_quotes),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
