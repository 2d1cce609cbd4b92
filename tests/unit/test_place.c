/* Places on the map: the learned candidate ranking, districts, countries
 * by their own names, and the hand-judged Reuters articles of
 * tests/fixtures/geo_judged.tsv (re-extracted from ../shared). */
#include "testutil.h"

#include <cJSON.h>
#include <math.h>

static const sr_place_rec *place_of(const sr_doc *d, const char *name)
{
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        if (en->name_len == strlen(name) && memcmp(en->name, name, en->name_len) == 0)
            return en->place == UINT32_MAX ? NULL : sr_geo_place(tu_model, en->place);
    }
    return NULL;
}

/* A country's own name is the country, not a small namesake abroad. */
static void test_country_names(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Indonesia imported sugar from Thailand, Angola and Brazil, and more from Cuba.",
                                 SITREP_FORMAT_TEXT);
    const char *names[] = {"Angola", "Brazil", "Cuba"}, *cc[] = {"AO", "BR", "CU"};
    for (int i = 0; i < 3; i++) {
        const sr_place_rec *p = place_of(d, names[i]);
        assert_non_null(p);
        assert_int_equal(p->feature, SR_FEATURE_COUNTRY);
        assert_memory_equal(p->cc, cc[i], 2);
    }
    d = tu_extract("A U.S. judge refused to halt the inquiry into the Iran arms affair.", SITREP_FORMAT_TEXT);
    const sr_place_rec *p = place_of(d, "Iran");
    assert_non_null(p);
    assert_memory_equal(p->cc, "IR", 2); /* not Iraan, Texas */
}

/* The famous place beats a namesake; the text's region picks a town. */
static void test_ranking(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("The Sydney stock index fell on Monday.", SITREP_FORMAT_TEXT);
    const sr_place_rec *p = place_of(d, "Sydney");
    assert_non_null(p);
    assert_memory_equal(p->cc, "AU", 2);
    d = tu_extract("He lives near Seattle, Washington.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Seattle");
    assert_non_null(p);
    assert_memory_equal(p->cc, "US", 2);
    p = place_of(d, "Washington");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_ADMIN1);
    d = tu_extract("Protesters marched in Washington, D.C. on Friday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Washington");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    assert_true(fabs(p->lat - 38.9) < 0.2 && fabs(p->lon + 77.0) < 0.2);
    /* D.C. is the District of Columbia, at Washington; after Bogota,
     * Bogota's capital district */
    p = place_of(d, "D.C.");
    assert_non_null(p);
    assert_memory_equal(p->cc, "US", 2);
    assert_true(fabs(p->lat - 38.9) < 0.2 && fabs(p->lon + 77.0) < 0.2);
    d = tu_extract("The talks in D.C. ended on Friday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "D.C.");
    assert_non_null(p);
    assert_memory_equal(p->cc, "US", 2);
    d = tu_extract("Police detained two women in Kennedy (Bogota, D.C.) on Friday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "D.C.");
    assert_non_null(p);
    assert_memory_equal(p->cc, "CO", 2);
    /* continents and parts of the world, with no country */
    d = tu_extract("Exports to Africa, South America and the Middle East rose.", SITREP_FORMAT_TEXT);
    const char *parts[] = {"Africa", "South America", "Middle East"};
    const double lat[] = {5, -13, 30}, lon[] = {18, -63, 44};
    for (int i = 0; i < 3; i++) {
        p = place_of(d, parts[i]);
        assert_non_null(p);
        assert_int_equal(p->feature, SR_FEATURE_CONTINENT);
        assert_int_equal(p->cc[0], 0);
        assert_true(fabs(p->lat - lat[i]) < 10 && fabs(p->lon - lon[i]) < 10);
    }
    /* the learned weights are in the model */
    assert_non_null(tu_model->geo_weights);
    uint32_t n;
    sr_geo_feature_names(&n, NULL);
    assert_int_equal(tu_model->ngeo_weights, n);
}

/* A village the gazetteer lacks, in a district it knows by another
 * spelling (GeoNames' alternates: Emohua, Emuoha): the event is placed
 * there; towns know their district (GeoNames admin2). */
static void test_districts(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Gunmen attacked Omuobizu clan, Ibaa community (Emohua, Rivers) on Monday.",
                                 SITREP_FORMAT_TEXT);
    const sr_place_rec *p = place_of(d, "Emohua");
    assert_non_null(p);
    assert_memory_equal(p->cc, "NG", 2);
    assert_null(place_of(d, "Omuobizu"));
    d = tu_extract("Rebels attacked Kale (Kale district, Sagaing region) on Monday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Kale");
    assert_non_null(p);
    assert_memory_equal(p->cc, "MM", 2); /* not Kale, Turkey */
    /* towns have their district */
    const uint32_t *ids;
    uint32_t c = sr_geo_lookup_doc(d, tu_model, "Mogok", 5, &ids);
    assert_true(c > 0);
    uint32_t dist = sr_geo_district(tu_model, ids[0]);
    assert_int_not_equal(dist, UINT32_MAX);
    assert_int_equal(sr_geo_place(tu_model, dist)->feature, SR_FEATURE_ADMIN2);
}

/* Is entity `name` of d placed at a place so called, of that feature? */
static bool placed_at(const sr_doc *d, const char *name, const char *place, int feature)
{
    const sr_place_rec *p = place_of(d, name);
    return p && p->feature == feature && strcmp(tu_model->strs + p->name_off, place) == 0;
}

/* A village the gazetteer lacks, inside a district or region the text
 * names, is put there with its own name kept; one beside a town the
 * gazetteer knows stays off the map (the town is the point); a region
 * asked for is the region, at its seat, not a town of its name; a word
 * of grammar the tagger took for a name is no place. */
static void test_containers(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Soldiers raided Bhardaha village (Saptari district) on Monday.", SITREP_FORMAT_TEXT);
    assert_true(placed_at(d, "Bhardaha", "Saptari", SR_FEATURE_ADMIN2));
    d = tu_extract("Soldiers shelled Kyun Ywar village (Kani township, Yinmarbin district, Sagaing region) on Monday.",
                   SITREP_FORMAT_TEXT);
    assert_true(placed_at(d, "Kyun Ywar", "Sagaing Region", SR_FEATURE_ADMIN1));
    /* "Kani township" is put in Sagaing: not Kani, Japan */
    const sr_place_rec *p = place_of(d, "Kani");
    assert_true(p == NULL || memcmp(p->cc, "MM", 2) == 0);
    /* the region at its seat, a town of the region */
    p = place_of(d, "Sagaing");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_ADMIN1);
    bool at_seat = false;
    for (uint32_t i = 0; i < tu_model->nplaces && !at_seat; i++) {
        const sr_place_rec *t = &tu_model->places[i];
        at_seat = t->feature == SR_FEATURE_CITY && (sr_geo_flags(tu_model, i) & SR_PLACE_SEAT1) &&
                  memcmp(t->cc, "MM", 2) == 0 && t->lat == p->lat && t->lon == p->lon;
    }
    assert_true(at_seat);
    d = tu_extract("The PDF attacked soldiers in In Taw village (Ye-U township, Shwebo district, Sagaing region) on "
                   "Monday.",
                   SITREP_FORMAT_TEXT);
    assert_null(place_of(d, "In"));
    assert_null(place_of(d, "Taw"));
    p = place_of(d, "Ye-U");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    /* a name the tagger took for a person, before a region of a country
     * it has towns of, is a place there; names of a list are not */
    d = tu_extract("Russian forces shelled Zarichne, Zaporizhia, on Monday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Zarichne");
    assert_non_null(p);
    assert_memory_equal(p->cc, "UA", 2);
    d = tu_extract("Surrey captain Chris Lewis said title rivals Essex , Derbyshire and Surrey all closed in on victory.",
                   SITREP_FORMAT_TEXT);
    assert_null(place_of(d, "Essex"));
    d = tu_extract("The team is as follows : Given , Breen , Staunton , Irwin , McAteer , Harte .", SITREP_FORMAT_TEXT);
    assert_null(place_of(d, "Staunton"));
    assert_null(place_of(d, "Irwin"));
    /* no district or region named: nothing */
    d = tu_extract("Soldiers raided Bhardaha village on Monday.", SITREP_FORMAT_TEXT);
    assert_null(place_of(d, "Bhardaha"));
    /* a small namesake abroad, far from every other place of the
     * document, in a country no other name names, is no place; the
     * event takes the document's own town */
    d = tu_extract("On 19 January 2022, a protest took place to clear a road near Yaqobi mosque area of Khost city. "
                   "Taliban forces opened fire to disperse the protest.",
                   SITREP_FORMAT_TEXT);
    p = place_of(d, "Yaqobi");
    assert_true(p == NULL || memcmp(p->cc, "AF", 2) == 0);
    p = place_of(d, "Khost");
    assert_non_null(p);
    assert_memory_equal(p->cc, "AF", 2);
    d = tu_extract("Ukrainian forces fired mortars at DPR positions near Shakhta imeni Gagarina, Donetsk.",
                   SITREP_FORMAT_TEXT);
    p = place_of(d, "Shakhta");
    assert_true(p == NULL || memcmp(p->cc, "UA", 2) == 0);
    bool at_donetsk = false;
    for (uint32_t k = 0; k < d->events.n; k++)
        at_donetsk |= d->events.v[k].location >= 0 &&
                      place_of(d, "Donetsk") == sr_geo_place(tu_model, d->entities.v[d->events.v[k].location].place);
    assert_true(at_donetsk);
    /* ... but a town of the country a place of the document names stays,
     * however far, and so does a sizable city abroad */
    d = tu_extract("Protesters gathered in Como in solidarity with Ukraine.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Como");
    assert_non_null(p);
    assert_memory_equal(p->cc, "IT", 2);
}

/* A village under another romanization than GeoNames' is found by its
 * loose key in the region the text names; a loose key alone, with no
 * region or country of the document to hold it, is not enough. */
static void test_romanizations(void **state)
{
    (void)state;
    const sr_doc *d =
        tu_extract("Russian forces shelled Verkhnyotoretske, Donetsk region, on Monday.", SITREP_FORMAT_TEXT);
    const sr_place_rec *p = place_of(d, "Verkhnyotoretske");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    assert_memory_equal(p->cc, "UA", 2);
    d = tu_extract("Police dispersed protesters in Mogoke town (Pyinoolwin district, Mandalay region) on Monday.",
                   SITREP_FORMAT_TEXT);
    p = place_of(d, "Mogoke");
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    assert_memory_equal(p->cc, "MM", 2);
    d = tu_extract("She said Verkhnyotoretske was on her mind.", SITREP_FORMAT_TEXT);
    assert_null(place_of(d, "Verkhnyotoretske"));
}

/* Mistakes of the ACLED notes' kind, in sentences of our own: a kind
 * of place alone is no town ("County", the end of a name the tagger
 * split); a town in a region the text names beats the country of its
 * name; a name of a hundred towns finds the one in the stated region;
 * the city of Mykolaiv is found under GeoNames' Mykolayiv. */
static void test_acled_kinds(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("Militants attacked a village near Hindi (Lamu West, Lamu County).",
                                 SITREP_FORMAT_TEXT);
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        if (en->name_len == 6 && memcmp(en->name, "County", 6) == 0)
            assert_int_equal(en->place, UINT32_MAX);
    }
    d = tu_extract("On 29 January, in Salvador (Bahia), gangs exchanged fire with the police.", SITREP_FORMAT_TEXT);
    const sr_place_rec *p = place_of(d, "Salvador");
    assert_non_null(p);
    assert_memory_equal(p->cc, "BR", 2);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    d = tu_extract("On 5 April, in Buenos Aires (Ancash), bus drivers blocked the avenue.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Buenos Aires");
    assert_non_null(p);
    assert_memory_equal(p->cc, "PE", 2);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    /* a town in the region the text names is placed though the document
     * names no country of it, and a name the tagger calls a location
     * too; a name after "coded as" is a place */
    d = tu_extract("Soldiers seized arms in the area of Nara (Nara, Koulikoro).", SITREP_FORMAT_TEXT);
    p = place_of(d, "Nara");
    assert_non_null(p);
    assert_memory_equal(p->cc, "ML", 2);
    d = tu_extract("Students held a protest on campus in Whitefish Bay (Wisconsin) on Friday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Whitefish Bay");
    assert_non_null(p);
    assert_memory_equal(p->cc, "US", 2);
    d = tu_extract("Two groups exchanged fire in an area of the hills (coded as Nushki) in Balochistan.",
                   SITREP_FORMAT_TEXT);
    p = place_of(d, "Nushki");
    assert_non_null(p);
    assert_memory_equal(p->cc, "PK", 2);
    /* the name again in brackets states its region ("Merida (Merida)":
     * Venezuela's Merida state, not the district of Mexico's Merida) */
    d = tu_extract("On 31 January, in Merida (Merida), students protested against poor conditions.",
                   SITREP_FORMAT_TEXT);
    p = place_of(d, "Merida");
    assert_non_null(p);
    assert_memory_equal(p->cc, "VE", 2);
    /* a nationality alone is weaker evidence of the country than a place:
     * Ukraine's Donetsk region, not the Russian town Donetsk */
    d = tu_extract("At night, Russian forces shelled a railway station in Donetsk region.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Donetsk");
    assert_non_null(p);
    assert_memory_equal(p->cc, "UA", 2);
    assert_int_equal(p->feature, SR_FEATURE_ADMIN1);
    d = tu_extract("Russian forces fired artillery at Mykolaiv on Monday.", SITREP_FORMAT_TEXT);
    p = place_of(d, "Mykolaiv");
    assert_non_null(p);
    assert_true(fabs(p->lat - 46.97) < 0.2 && fabs(p->lon - 32.0) < 0.2);
}

/* The Reuters articles judged by hand: the share of placed entities
 * sitrep gets as expected stays at or above the share reported right. */
#define JUDGED_RIGHT 63
#define JUDGED_ALL 65
static void test_judged_reuters(void **state)
{
    (void)state;
    FILE *fx = fopen("tests/fixtures/geo_judged.tsv", "r");
    assert_non_null(fx);
    FILE *corpus = fopen("../shared/corpus/reuters21578.jsonl", "r");
    assert_non_null(corpus); /* CI has ../shared */
    char line[512];
    char *cl = NULL;
    size_t ccap = 0;
    char cur[64] = "";
    cJSON *doc = NULL;
    int rows = 0, ok = 0, labelled_right = 0;
    while (fgets(line, sizeof line, fx)) {
        if (line[0] == '#')
            continue;
        char id[64], label[16], cc[8] = "", feat[16] = "";
        unsigned start, end;
        double lat = 0, lon = 0;
        int nf = sscanf(line, "%63s %u %u %15s %7s %15s %lf %lf", id, &start, &end, label, cc, feat, &lat, &lon);
        assert_true(nf == 5 || nf == 8);
        rows++;
        labelled_right += strcmp(label, "right") == 0;
        /* the fixture follows the corpus' order */
        while (strcmp(cur, id) != 0) {
            assert_true(getline(&cl, &ccap, corpus) > 0);
            cJSON_Delete(doc);
            doc = cJSON_Parse(cl);
            assert_non_null(doc);
            snprintf(cur, sizeof cur, "%s", cJSON_GetObjectItem(doc, "id")->valuestring);
        }
        const char *text = cJSON_GetObjectItem(doc, "text")->valuestring;
        const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
        const sr_place_rec *got = NULL;
        bool found = false;
        for (uint32_t m = 0; m < d->mentions.n && !found; m++)
            if (d->mentions.v[m].start == start && d->mentions.v[m].end == end) {
                found = true;
                const sr_entity *en = &d->entities.v[d->mentions.v[m].entity];
                got = en->place == UINT32_MAX ? NULL : sr_geo_place(tu_model, en->place);
            }
        static const char *const fnames[] = {"country", "admin1", "city", "admin2", "continent"};
        bool right;
        if (strcmp(cc, "none") == 0)
            right = got == NULL;
        else
            right = got && memcmp(got->cc, cc, 2) == 0 && strcmp(fnames[got->feature], feat) == 0 &&
                    fabs(got->lat - lat) < 0.3 && fabs(got->lon - lon) < 0.3;
        ok += right;
        if (!right)
            fprintf(stderr, "judged: %s %u-%u expected %s %s, got %.2s %s\n", id, start, end, cc, feat,
                    got ? got->cc : "--", got ? fnames[got->feature] : "none");
    }
    cJSON_Delete(doc);
    free(cl);
    fclose(corpus);
    fclose(fx);
    assert_int_equal(rows, JUDGED_ALL);
    assert_int_equal(labelled_right, JUDGED_RIGHT);
    fprintf(stderr, "judged: %d of %d placed entities as expected (%.1f%%)\n", ok, rows, 100.0 * ok / rows);
    assert_true(ok >= JUDGED_RIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country_names),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_districts),
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_romanizations),
        cmocka_unit_test(test_acled_kinds),
        cmocka_unit_test(test_judged_reuters),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
