/* The corpus layer: the merge rule, MinHash, the exports' dates and columns,
 * and the store (SQLite in memory) on sentences of our own. */
#include "testutil.h"

#include "corpus/corpus.h"

static sr_cand cand(int64_t id, int64_t doc, const char *mkey, const char *a1, bool named1, const char *a2,
                    double lat, double lon, int prec, int64_t day)
{
    sr_cand c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.doc = doc;
    c.incident = id;
    snprintf(c.mkey, sizeof c.mkey, "%s", mkey);
    snprintf(c.a1, sizeof c.a1, "%s", a1);
    snprintf(c.a2, sizeof c.a2, "%s", a2);
    c.a1named = named1;
    snprintf(c.cc, sizeof c.cc, "NG");
    c.has_coords = lat > -900;
    c.lat = lat;
    c.lon = lon;
    c.geo_precision = prec;
    c.feature = SR_FEATURE_CITY;
    c.day_first = c.day_last = day;
    c.date_precision = day > -1000000 ? SR_PREC_DAY : -1;
    c.date_basis = SR_DATE_TEXT;
    return c;
}

static void test_merge_rule(void **state)
{
    (void)state;
    char why[400];
    int64_t d = sr_days_from_civil(2021, 3, 14);
    sr_cand wire = cand(1, 1, "Violence against civilians", "Boko Haram", true, "people", 11.85, 13.16, 1, d);
    sr_cand local = cand(2, 2, "Violence against civilians", "Boko Haram fighters", true, "", 11.84, 13.15, 1, d);
    const char *r = sr_incident_compatible(&wire, &local, false, why, sizeof why);
    assert_non_null(r);
    assert_non_null(strstr(r, "actors agree: Boko Haram = Boko Haram fighters"));
    /* another type, same place and day */
    sr_cand arrests = local;
    snprintf(arrests.mkey, sizeof arrests.mkey, "Strategic developments");
    assert_null(sr_incident_compatible(&wire, &arrests, false, why, sizeof why));
    /* other named actors, same place and day */
    sr_cand other = local;
    snprintf(other.a1, sizeof other.a1, "Ansaru");
    assert_null(sr_incident_compatible(&wire, &other, false, why, sizeof why));
    /* two days apart, both dates read from the texts */
    sr_cand later = local;
    later.day_first = later.day_last = d + 2;
    assert_null(sr_incident_compatible(&wire, &later, false, why, sizeof why));
    /* the same actor 60 km away, both placed at a town */
    sr_cand far = local;
    far.lat += 0.55;
    assert_null(sr_incident_compatible(&wire, &far, false, why, sizeof why));
    /* a day apart when one date is only the publication date */
    later.day_first = later.day_last = d + 1;
    later.date_basis = SR_DATE_PUBLISHED;
    assert_non_null(sr_incident_compatible(&wire, &later, false, why, sizeof why));
    /* actors undirected: the pairing may cross */
    sr_cand crossed = cand(3, 3, "Battles", "army", false, "Boko Haram", 11.85, 13.16, 1, d);
    sr_cand straight = cand(4, 4, "Battles", "Boko Haram", true, "army", 11.85, 13.16, 1, d);
    crossed.a2named = true;
    assert_non_null(sr_incident_compatible(&crossed, &straight, false, why, sizeof why));
    /* two common nouns that differ, same town and day: apart */
    sr_cand teachers = cand(5, 5, "Protests", "teachers", false, "", -1.28, 36.82, 1, d);
    sr_cand drivers = cand(6, 6, "Protests", "taxi drivers", false, "", -1.28, 36.82, 1, d);
    assert_null(sr_incident_compatible(&teachers, &drivers, false, why, sizeof why));
    /* a name against a common noun, nothing else in common: apart */
    sr_cand union_ = cand(7, 7, "Protests", "National Union of Teachers", true, "", -1.28, 36.82, 1, d);
    sr_cand govt = cand(8, 8, "Protests", "government", false, "", -1.28, 36.82, 1, d);
    assert_null(sr_incident_compatible(&union_, &govt, false, why, sizeof why));
    /* the same town and day, no actors named: one incident */
    sr_cand p1 = cand(9, 9, "Protests", "", false, "", -1.28, 36.82, 1, d);
    sr_cand p2 = cand(10, 10, "Protests", "", false, "", -1.29, 36.83, 1, d);
    assert_non_null(sr_incident_compatible(&p1, &p2, false, why, sizeof why));
    /* ... but not when both are only placed in a region */
    p1.geo_precision = p2.geo_precision = 3;
    assert_null(sr_incident_compatible(&p1, &p2, false, why, sizeof why));
    /* near-duplicate articles: no place or date needed, only no contradiction */
    sr_cand n1 = cand(11, 11, "Battles", "", false, "", -1000, 0, 0, -2000000);
    sr_cand n2 = cand(12, 12, "Battles", "", false, "", -1000, 0, 0, -2000000);
    assert_null(sr_incident_compatible(&n1, &n2, false, why, sizeof why));
    assert_non_null(sr_incident_compatible(&n1, &n2, true, why, sizeof why));
}

static const char story[] =
    "Police in the northern city of Kano said on Tuesday that gunmen had attacked a bus station late on Monday, "
    "killing seven passengers and wounding at least twenty others before fleeing on motorcycles. A police "
    "spokesman said officers had arrested two suspects and that the search for the others was continuing. "
    "Residents said the station had reopened by Tuesday afternoon under heavy guard.";

static void test_minhash(void **state)
{
    (void)state;
    sr_minhash a, b, c;
    const sr_doc *d = tu_extract(story, SITREP_FORMAT_TEXT);
    assert_true(sr_minhash_doc(d, &a));
    /* an update: one sentence changed */
    char upd[sizeof story + 64];
    snprintf(upd, sizeof upd, "%s", story);
    char *p = strstr(upd, "Residents said");
    snprintf(p, sizeof upd - (size_t)(p - upd), "Residents said the toll had risen to nine by Tuesday evening.");
    d = tu_extract(upd, SITREP_FORMAT_TEXT);
    assert_true(sr_minhash_doc(d, &b));
    d = tu_extract("The central bank left its main interest rate unchanged on Thursday, saying inflation had "
                   "slowed for a third month and that growth in the second quarter was stronger than it had "
                   "expected, while warning that the currency remained under pressure from abroad.",
                   SITREP_FORMAT_TEXT);
    assert_true(sr_minhash_doc(d, &c));
    double sab = sr_minhash_similarity(a.v, b.v), sac = sr_minhash_similarity(a.v, c.v);
    assert_true(sab >= SR_NEARDUP_THRESHOLD);
    assert_true(sac < 0.1);
    int64_t ka[SR_MH_BANDS], kb[SR_MH_BANDS];
    sr_minhash_bands(&a, ka);
    sr_minhash_bands(&b, kb);
    int shared = 0;
    for (int i = 0; i < SR_MH_BANDS; i++)
        shared += ka[i] == kb[i];
    assert_true(shared > 0);
    /* too short to sign */
    d = tu_extract("Qtly div six cts vs six cts prior. Pay April one.", SITREP_FORMAT_TEXT);
    assert_false(sr_minhash_doc(d, &c));
}

static void test_dates_and_columns(void **state)
{
    (void)state;
    int64_t f, l;
    assert_true(sr_date_range("2014", &f, &l));
    assert_int_equal(f, sr_days_from_civil(2014, 1, 1));
    assert_int_equal(l, sr_days_from_civil(2014, 12, 31));
    assert_true(sr_date_range("2016-02", &f, &l));
    assert_int_equal(l - f, 28);
    assert_false(sr_date_range("2014-13", &f, &l));
    assert_false(sr_date_range("2015-02-29", &f, &l));
    assert_int_equal(sr_acled_interaction(7, 2), 27);
    assert_int_equal(sr_acled_interaction(1, 0), 10);
    assert_int_equal(sr_iso_numeric("NG"), 566);
    assert_string_equal(sr_acled_disorder("Riots", "Mob violence"), "Political violence");
    assert_string_equal(sr_acled_disorder("Protests", "Peaceful protest"), "Demonstrations");

    const char *t = "Troops clashed with rebels near Aleppo in March 2014, killing 20 fighters, activists said.";
    const sr_doc *d = tu_extract(t, SITREP_FORMAT_TEXT);
    assert_true(d->events.n >= 1);
    sr_xevent x;
    assert_true(sr_xevent_from_doc(d, tu_model, 0, &x));
    assert_string_equal(x.date, "2014-03");
    sr_buf b;
    sr_buf_init(&b);
    sr_write_gdelt_event(&b, &x, NULL, "1");
    sr_buf_putc(&b, 0);
    /* SQLDATE, MonthYear, Year: a whole date, never 20140300 */
    assert_memory_equal(b.p, "1\t20140301\t201403\t2014\t", 23);
    int tabs = 0;
    for (const char *s = b.p; *s; s++)
        tabs += *s == '\t';
    assert_int_equal(tabs, 60);
    b.n = 0;
    sr_write_acled_row(&b, &x, NULL);
    sr_buf_putc(&b, 0);
    assert_non_null(strstr(b.p, ",2014-03-01,2014,3,Political violence,Battles,Armed clash,"));
    b.n = 0;
    sr_write_gdelt_mention(&b, &x, NULL, "1");
    sr_buf_putc(&b, 0);
    tabs = 0;
    for (const char *s = b.p; *s; s++)
        tabs += *s == '\t';
    assert_int_equal(tabs, 15);
    sr_buf_free(&b);
}

static int64_t count(sr_corpus *c, const char *sql)
{
    int64_t v = -1;
    bool found;
    assert_true(sr_db_one_int(sr_corpus_db(c), sql, NULL, 0, &v, &found));
    return v;
}

static void add(sr_corpus *c, const char *id, const char *url, const char *published, const char *text)
{
    char line[2048];
    snprintf(line, sizeof line, "{\"id\":\"%s\",\"url\":\"%s\",\"title\":\"t\",\"published\":\"%s\",\"text\":\"%s\"}", id,
             url, published, text);
    const sitrep_record *rec;
    assert_int_equal(sitrep_extract_buffer(tu_x, line, strlen(line), SITREP_FORMAT_JSONL, id, &rec), SITREP_OK);
    assert_int_equal(sr_corpus_add(c, rec, NULL), SITREP_OK);
}

static void test_store(void **state)
{
    (void)state;
    sr_corpus *c;
    char err[256];
    assert_int_equal(sr_corpus_open(":memory:", &c, err, sizeof err), SITREP_OK);
    assert_int_equal(sr_corpus_begin(c), SITREP_OK);
    add(c, "w", "https://a.example/w", "2021-03-14T18:00",
        "Boko Haram militants killed 12 people in an attack on a market in Maiduguri on Sunday, police said.");
    add(c, "l", "https://b.example/l", "2021-03-15T07:00",
        "At least 10 traders were killed on Sunday when Boko Haram fighters stormed a market in Maiduguri, residents said.");
    add(c, "o", "https://b.example/o", "2021-03-15T08:00",
        "Police arrested 30 hawkers in Maiduguri on Sunday during an operation against street vendors.");
    /* the same document again: stored once */
    add(c, "w", "https://a.example/w", "2021-03-14T18:00",
        "Boko Haram militants killed 12 people in an attack on a market in Maiduguri on Sunday, police said.");
    assert_int_equal(sr_corpus_commit(c), SITREP_OK);
    assert_int_equal(count(c, "SELECT count(*) FROM document"), 3);
    assert_int_equal(count(c, "SELECT max(num_articles) FROM incident"), 2);
    assert_int_equal(count(c, "SELECT fat_low FROM incident WHERE num_articles = 2"), 10);
    assert_int_equal(count(c, "SELECT fat_high FROM incident WHERE num_articles = 2"), 12);
    /* the arrests stay apart */
    assert_int_equal(count(c, "SELECT count(*) FROM incident WHERE event_type = 'Strategic developments'"), 1);
    /* a new version under the same URL replaces the old one */
    assert_int_equal(sr_corpus_begin(c), SITREP_OK);
    add(c, "w2", "https://a.example/w", "2021-03-16T10:00",
        "Boko Haram militants killed 19 people in an attack on a market in Maiduguri on Sunday, officials said.");
    assert_int_equal(sr_corpus_commit(c), SITREP_OK);
    assert_int_equal(count(c, "SELECT count(*) FROM document"), 3);
    assert_int_equal(count(c, "SELECT fatalities FROM incident WHERE num_articles = 2"), 19);
    assert_int_equal(count(c, "SELECT fat_low FROM incident WHERE num_articles = 2"), 10);
    sr_corpus_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_rule),
        cmocka_unit_test(test_minhash),
        cmocka_unit_test(test_dates_and_columns),
        cmocka_unit_test(test_store),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
