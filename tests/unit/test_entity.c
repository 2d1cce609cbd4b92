/* Names, entities, actor codes and places on short articles written for
 * these tests. */
#include "testutil.h"

#include <math.h>

/* The entity with this name, or NULL. */
static const sr_entity *ent(const sr_doc *d, const char *name)
{
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        if (en->name_len == strlen(name) && memcmp(en->name, name, en->name_len) == 0)
            return en;
    }
    return NULL;
}

/* How many entities have a mention whose text is `text`. */
static int entities_with_mention(const sr_doc *d, const char *text)
{
    int n = 0;
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        for (uint32_t q = 0; q < en->nmentions; q++) {
            const sr_mention *mn = &d->mentions.v[en->mentions[q]];
            if (strcmp(tu_span(d, mn->start, mn->end), text) == 0) {
                n++;
                break;
            }
        }
    }
    return n;
}

static bool has_alias(const sr_doc *d, const sr_entity *en, const char *a)
{
    for (uint32_t i = 0; i < en->naliases; i++)
        if (en->aliases[i].end - en->aliases[i].start == strlen(a) &&
            memcmp(d->norm + en->aliases[i].start, a, strlen(a)) == 0)
            return true;
    return false;
}

static const sr_group *group(const sr_doc *d, const char *text)
{
    for (uint32_t g = 0; g < d->groups.n; g++)
        if (strcmp(tu_span(d, d->groups.v[g].start, d->groups.v[g].end), text) == 0)
            return &d->groups.v[g];
    return NULL;
}

static const char *const article =
    "Rebels seize northern town as army retreats\n"
    "\n"
    "GOMA, Congo (Reuters) - Fighters of the Movement for Democratic Change (MDC) seized the "
    "town of Rutshuru on Tuesday after government soldiers withdrew, residents said.\n"
    "\n"
    "\xE2\x80\x9CWe will not stop here,\xE2\x80\x9D said Major General Anna Kowalczyk, a spokeswoman "
    "for the United Nations mission. Kowalczyk said 3,000 civilians had fled toward Uganda.\n"
    "\n"
    "An MDC spokesman, Jean-Pierre Mbeki, said the group controlled the road to Kiwanja. "
    "Mbeki denied that MDC fighters had attacked a camp. The UN-backed army said Ugandan "
    "troops were not involved.\n";

static void test_people(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(article, SITREP_FORMAT_TEXT);
    const sr_entity *k = ent(d, "Anna Kowalczyk");
    assert_non_null(k);
    assert_int_equal(k->type, SR_ENT_PERSON);
    /* the surname joins the full name: one entity, two mentions */
    assert_int_equal(k->nmentions, 2);
    assert_int_equal(entities_with_mention(d, "Kowalczyk"), 1);
    assert_true(has_alias(d, k, "Kowalczyk"));
    assert_non_null(k->title);
    assert_string_equal(k->title, "Major General");
    assert_non_null(k->role);
    assert_string_equal(k->role, "spokeswoman");
    assert_true(k->affiliation >= 0);
    const sr_entity *un = &d->entities.v[k->affiliation];
    assert_int_equal(un->type, SR_ENT_ORG);
    assert_true(un->has_actor);
    assert_string_equal(un->actor.code, "IGOUNO");

    const sr_entity *m = ent(d, "Jean-Pierre Mbeki");
    assert_non_null(m);
    assert_int_equal(m->nmentions, 2);
    assert_non_null(m->role);
    assert_string_equal(m->role, "spokesman");
    /* "An MDC spokesman, Jean-Pierre Mbeki": the affiliation is the MDC */
    assert_true(m->affiliation >= 0);
    const sr_entity *mdc = &d->entities.v[m->affiliation];
    assert_int_equal(mdc->type, SR_ENT_ORG);
    assert_true(mdc->name_len > 3); /* the full name, not the acronym */
}

static void test_acronyms(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(article, SITREP_FORMAT_TEXT);
    const sr_entity *mdc = ent(d, "Movement for Democratic Change");
    assert_non_null(mdc);
    assert_int_equal(mdc->type, SR_ENT_ORG);
    assert_true(has_alias(d, mdc, "MDC"));
    /* every MDC joins it: (MDC), An MDC spokesman, MDC fighters */
    assert_int_equal(entities_with_mention(d, "MDC"), 1);
    assert_true(mdc->nmentions >= 4);

    /* an acronym spelled by an earlier name, without parentheses */
    d = tu_extract("The National Liberation Front said on Monday its fighters held the pass. "
                   "NLF commanders said the pass was mined.",
                   SITREP_FORMAT_TEXT);
    const sr_entity *nlf = ent(d, "National Liberation Front");
    assert_non_null(nlf);
    assert_true(has_alias(d, nlf, "NLF"));

    /* lexicon aliases are one entity: IS, ISIS and Islamic State */
    d = tu_extract("Islamic State claimed the attack. IS fighters fled, and ISIS later said "
                   "three of its men died.",
                   SITREP_FORMAT_TEXT);
    const sr_entity *is = ent(d, "Islamic State");
    assert_non_null(is);
    assert_int_equal(is->nmentions, 3);
    assert_string_equal(is->actor.code, "IMGMOSSUNREB");
    assert_string_equal(is->actor.country, ""); /* transnational */
}

static void test_groups(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(article, SITREP_FORMAT_TEXT);
    const sr_group *g = group(d, "government soldiers");
    assert_non_null(g);
    assert_string_equal(g->actor.sector, "MIL");
    g = group(d, "Ugandan troops");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "UGAMIL");
    assert_string_equal(g->actor.country, "UGA");
    g = group(d, "civilians");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "CVL");
    g = group(d, "Rebels");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "REB");

    d = tu_extract("Kurdish and Arab fighters took the dam. The Syrian army shelled the town, "
                   "and Iraqi soldiers closed the border. Islamic State fighters withdrew.",
                   SITREP_FORMAT_TEXT);
    g = group(d, "Kurdish and Arab fighters");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "KRDREB"); /* two groups: coded as the first named */
    g = group(d, "Syrian army");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "SYRMIL");
    g = group(d, "Iraqi soldiers");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "IRQMIL");
    g = group(d, "Islamic State fighters");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "IMGMOSSUNREB");
    assert_true(g->entity >= 0);

    /* people no role word names: a role word or a nationality before them
     * makes them actors; machines of war act for a named country's
     * military, alone for no one; a state's leaders are its government */
    d = tu_extract("Algerian landowners began a hunger strike. The president banned Ugandan "
                   "opposition candidates. Israeli helicopters and tanks shelled the camp. "
                   "Storage tanks leaked. Palestinian leaders said they would boycott the talks.",
                   SITREP_FORMAT_TEXT);
    g = group(d, "Algerian landowners");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "DZACVL");
    g = group(d, "Ugandan opposition candidates");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "UGAOPP");
    g = group(d, "Israeli helicopters");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "ISRMIL");
    assert_null(group(d, "tanks"));
    g = group(d, "Palestinian leaders");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "PSEGOV");
}

static void test_prefixes_and_possessives(void **state)
{
    (void)state;
    const char *text = "US-backed militias entered Syria\xE2\x80\x99s Raqqa on Sunday, and "
                       "Turkish-backed rebels moved on Afrin.";
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    /* "US" inside "US-backed": a place mention of two bytes */
    const sr_entity *us = ent(d, "US");
    assert_non_null(us);
    assert_int_equal(us->type, SR_ENT_GPE);
    const sr_mention *mn = &d->mentions.v[us->mentions[0]];
    assert_int_equal(mn->start, 0);
    assert_int_equal(mn->end, 2);
    assert_string_equal(us->actor.code, "USA");
    /* Syria's Raqqa: two places, the possessive outside both */
    const sr_entity *sy = ent(d, "Syria"), *rq = ent(d, "Raqqa");
    assert_non_null(sy);
    assert_non_null(rq);
    assert_int_equal(rq->type, SR_ENT_GPE);
    const sr_mention *rm = &d->mentions.v[rq->mentions[0]];
    assert_string_equal(tu_span(d, rm->start, rm->end), "Raqqa");
    const sr_place_rec *p = sr_geo_place(tu_model, rq->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "SY", 2);
    assert_true(fabs(p->lat - 35.95) < 0.2 && fabs(p->lon - 39.01) < 0.2);
    const sr_entity *tr = ent(d, "Turkish");
    assert_non_null(tr);
    assert_int_equal(tr->type, SR_ENT_NORP);
    assert_string_equal(tr->actor.code, "TUR");
}

static void test_geocoding(void **state)
{
    (void)state;
    /* Paris in a story about France is Paris, France */
    const sr_doc *d = tu_extract("France said the attackers who struck Paris in November had "
                                 "trained in Syria.",
                                 SITREP_FORMAT_TEXT);
    const sr_entity *e = ent(d, "Paris");
    assert_non_null(e);
    const sr_place_rec *p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "FR", 2);
    /* ... and in a story about Texas, Paris, Texas */
    d = tu_extract("Tornadoes hit Texas overnight. In Paris, the mayor said two homes in Lamar "
                   "County were destroyed, and the United States weather service warned of "
                   "more storms.",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "Paris");
    assert_non_null(e);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "US", 2);
    /* Damascus is the Syrian capital, not a town in Maryland */
    d = tu_extract("Officials in Damascus denied the report.", SITREP_FORMAT_TEXT);
    e = ent(d, "Damascus");
    assert_non_null(e);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "SY", 2);
    assert_true(p->population > 1000000);
    /* spellings of one place are one entity */
    d = tu_extract("The army entered Deir ez-Zor on Monday. Residents of Dayr az Zawr said the "
                   "shelling stopped.",
                   SITREP_FORMAT_TEXT);
    assert_int_equal(entities_with_mention(d, "Deir ez-Zor"), 1);
    e = &d->entities.v[d->mentions.v[0].entity];
    assert_string_equal(tu_span(d, d->mentions.v[0].start, d->mentions.v[0].end), "Deir ez-Zor");
    assert_int_equal(e->nmentions, 2);
    assert_int_equal(e->type, SR_ENT_GPE);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "SY", 2);
    /* countries by other names */
    d = tu_extract("Russia and Britain traded accusations at the meeting.", SITREP_FORMAT_TEXT);
    e = ent(d, "Russia");
    assert_non_null(e);
    assert_string_equal(e->actor.code, "RUS");
    e = ent(d, "Britain");
    assert_non_null(e);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "GB", 2);
    assert_int_equal(p->feature, SR_FEATURE_COUNTRY);
}

static void test_places_by_context(void **state)
{
    (void)state;
    /* a town the tagger passed over, after "in": the gazetteer knows it */
    const sr_doc *d = tu_extract("On 8 January, around 400 people demonstrated in Cahors.", SITREP_FORMAT_TEXT);
    const sr_entity *e = ent(d, "Cahors");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_GPE);
    const sr_place_rec *p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "FR", 2);
    /* a town in the region the text names ("Amherst (Massachusetts)") */
    d = tu_extract("Students gathered outside the union building in Amherst (Massachusetts) on Monday.",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "Amherst");
    assert_non_null(e);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_string_equal(tu_model->strs + p->admin1_off, "Massachusetts");
    /* a region by its own language's name, placed by its provinces' towns */
    d = tu_extract("Farmers protested in Lecce (Puglia) against the new water prices.", SITREP_FORMAT_TEXT);
    e = ent(d, "Puglia");
    assert_non_null(e);
    p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_memory_equal(p->cc, "IT", 2);
    assert_int_equal(p->feature, SR_FEATURE_ADMIN1);
}

static void test_offsets_after_multibyte(void **state)
{
    (void)state;
    /* offsets are bytes of the original text, after curly quotes and
     * accented letters */
    const char *text = "\xE2\x80\x9C" "Calm,\xE2\x80\x9D said Jos\xC3\xA9 Mar\xC3\xAD"
                       "a Gonz\xC3\xA1" "lez in Bogot\xC3\xA1" ".";
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_TEXT);
    bool person = false, place = false;
    for (uint32_t k = 0; k < d->mentions.n; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        const char *s = tu_span(d, mn->start, mn->end);
        if (strcmp(s, "Jos\xC3\xA9 Mar\xC3\xAD" "a Gonz\xC3\xA1" "lez") == 0 && mn->type == SR_ENT_PERSON)
            person = true;
        if (strcmp(s, "Bogot\xC3\xA1") == 0 && mn->type == SR_ENT_GPE)
            place = true;
    }
    assert_true(person);
    assert_true(place);
}

static void test_headline_case(void **state)
{
    (void)state;
    /* one sentence per line, a capitals headline first (the CoNLL layout) */
    const char *text = "{\"id\":\"h\",\"text\":\"REBELS SEIZE TOWN IN NORTHERN MALI .\\nBAMAKO "
                       "1996-08-22\\nRebels seized the town of Kidal on Thursday , the army "
                       "said .\\nMali 's government called for talks .\"}";
    const sr_doc *d = tu_extract(text, SITREP_FORMAT_JSONL);
    assert_int_equal(d->sentences.n, 4);
    const sr_entity *mali = NULL;
    for (uint32_t e = 0; e < d->entities.n; e++)
        if (d->entities.v[e].name_len == 4 && strncasecmp(d->entities.v[e].name, "MALI", 4) == 0)
            mali = &d->entities.v[e];
    assert_non_null(mali);
    assert_int_equal(mali->type, SR_ENT_GPE);
    assert_int_equal(mali->nmentions, 2); /* MALI and Mali: one place */
    assert_non_null(ent(d, "Kidal"));
    assert_non_null(ent(d, "BAMAKO"));
}

static void test_aliases_and_landforms(void **state)
{
    (void)state;
    /* "X, better known as Y": one person */
    const sr_doc *d = tu_extract("Police said Abdullah Karimov, better known as Abu Hamza, was "
                                 "arrested in Kabul. Karimov denied the charges.",
                                 SITREP_FORMAT_TEXT);
    const sr_entity *k = ent(d, "Abdullah Karimov");
    assert_non_null(k);
    assert_int_equal(k->type, SR_ENT_PERSON);
    assert_int_equal(k->nmentions, 3);
    assert_true(has_alias(d, k, "Abu Hamza"));
    assert_true(has_alias(d, k, "Karimov"));
    /* a name before "river" or "valley" is a landform, not a town */
    d = tu_extract("Fighting moved along the Tigris river and into the Tigris valley south of "
                   "Mosul.",
                   SITREP_FORMAT_TEXT);
    const sr_entity *t = ent(d, "Tigris");
    assert_non_null(t);
    assert_int_equal(t->type, SR_ENT_LOC);
    assert_int_equal(t->nmentions, 2);
    assert_int_equal(t->place, UINT32_MAX);
    const sr_entity *m = ent(d, "Mosul");
    assert_non_null(m);
    assert_int_equal(m->type, SR_ENT_GPE);
    /* "X village", "X township", "the town of X": places, whatever the
     * tagger made of names it never saw */
    d = tu_extract("Soldiers burned houses in Htan Pin Kone village and shelled Salingyi township "
                   "on Monday, residents of the town of Monywa said.",
                   SITREP_FORMAT_TEXT);
    for (uint32_t e = 0; e < d->entities.n; e++)
        assert_int_not_equal(d->entities.v[e].type, SR_ENT_PERSON);
    assert_true(entities_with_mention(d, "Salingyi") == 1);
    const sr_entity *s2 = &d->entities.v[d->mentions.v[1].entity];
    assert_int_equal(s2->type, SR_ENT_GPE);
}

/* The country of entity `name`'s place ("" when it has none). */
static const char *place_cc(const sr_doc *d, const char *name)
{
    static char cc[3];
    const sr_entity *e = ent(d, name);
    const sr_place_rec *p = e ? sr_geo_place(tu_model, e->place) : NULL;
    cc[0] = cc[1] = cc[2] = 0;
    if (p)
        memcpy(cc, p->cc, 2);
    return cc;
}

static void test_places_in_places(void **state)
{
    (void)state;
    /* a town the text puts beside another: Linares in Spain, near Jaen,
     * not the larger Linares in Chile */
    const sr_doc *d = tu_extract("Over 50 people protested in Linares (Jaen) on Saturday, demanding "
                                 "that the railway be restored.",
                                 SITREP_FORMAT_TEXT);
    assert_string_equal(place_cc(d, "Linares"), "ES");
    /* a region by its own language's name */
    d = tu_extract("Farmers blocked a road near Rennes (Bretagne) on Monday.", SITREP_FORMAT_TEXT);
    const sr_entity *e = ent(d, "Bretagne");
    assert_non_null(e);
    const sr_place_rec *p = sr_geo_place(tu_model, e->place);
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_ADMIN1);
    assert_memory_equal(p->cc, "FR", 2);
    assert_string_equal(place_cc(d, "Rennes"), "FR");
    /* a capital, not the province or parish of its name */
    d = tu_extract("Thousands of workers protested in Sofia on Tuesday.", SITREP_FORMAT_TEXT);
    p = sr_geo_place(tu_model, ent(d, "Sofia")->place);
    assert_non_null(p);
    assert_int_equal(p->feature, SR_FEATURE_CITY);
    assert_true(p->population > 1000000);
    d = tu_extract("Around 80 airport employees demonstrated in Hannover.", SITREP_FORMAT_TEXT);
    assert_string_equal(place_cc(d, "Hannover"), "DE");
    /* an official name whose first part is the town, and names with
     * particles */
    d = tu_extract("Workers protested in Tlalnepantla de Baz on Friday.", SITREP_FORMAT_TEXT);
    assert_string_equal(place_cc(d, "Tlalnepantla de Baz"), "MX");
    d = tu_extract("On 9 February 2022, in Chilpancingo de los Bravo, Guerrero, teachers protested "
                   "outside the state congress.",
                   SITREP_FORMAT_TEXT);
    assert_string_equal(place_cc(d, "Chilpancingo de los Bravo"), "MX");
    d = tu_extract("Officials in Krems an der Donau said the bridge would reopen.", SITREP_FORMAT_TEXT);
    assert_string_equal(place_cc(d, "Krems an der Donau"), "AT");
    /* a direction alone is no region */
    d = tu_extract("Soldiers raided houses in Dagon Myothit (South) township (Yangon region).",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "South");
    assert_true(e == NULL || e->place == UINT32_MAX);
    /* a name alone in brackets after a building is the town */
    d = tu_extract("Residents held a press conference in front of the Suwon City Hall (Suwon).",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "Suwon");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_GPE);
    assert_string_equal(place_cc(d, "Suwon"), "KR");
}

/* The tagger's fast path (tables for the features with few values, word
 * vectors cached by word, weights fetched ahead) labels every token as
 * the plain one would: each feature of sr_ner_static and sr_ner_dynamic
 * (what the trainer learns from) looked up by itself, greedy left to
 * right. */
static void test_tagger_fast_path(void **state)
{
    (void)state;
    static const char *const texts[] = {
        article,
        "UNITED NATIONS SAYS AID CONVOY REACHES ALEPPO\n\nThe World Food Programme said on "
        "Monday that 40 trucks reached eastern Aleppo. WFP spokeswoman Bettina Luescher said "
        "the convoy left Damascus at dawn. Luescher said a second convoy would follow.\n",
        "Shares of Acme Holdings Corp rose 3 pct in New York after chief executive John "
        "O'Neill said the company's unit in Sao Paulo would be sold to Banco Rural SA. "
        "Acme said O'Neill would stay.\n"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        const sr_doc *d = tu_extract(texts[k], SITREP_FORMAT_TEXT);
        assert_non_null(d->ner);
        sr_arena a;
        sr_arena_init(&a);
        sr_nerprep *p = sr_ner_prepare(&a, d, tu_model);
        assert_non_null(p);
        uint32_t n = sr_ner_ntokens(p), names = 0;
        uint8_t *lab = calloc(n + 1, 1);
        assert_non_null(lab);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t u = sr_ner_unit_start(p, i);
            int y1 = i > u ? lab[i - 1] : -1, y2 = i > u + 1 ? lab[i - 2] : -1;
            if (sr_ner_skip(p, i, y1))
                continue;
            uint64_t f[SR_NER_MAXFEAT];
            int32_t score[SR_NER_NLABELS] = {0};
            uint32_t nf = sr_ner_static(p, i, f);
            assert_true(nf <= SR_NER_MAXFEAT);
            sr_ner_add_scores(tu_model, f, nf, score);
            nf = sr_ner_dynamic(p, i, y1, y2, f);
            sr_ner_add_scores(tu_model, f, nf, score);
            int best = 0;
            for (int l = 1; l < SR_NER_NLABELS; l++)
                if (score[l] > score[best] && sr_ner_allowed(y1 < 0 ? 0 : y1, l))
                    best = l;
            lab[i] = (uint8_t)best;
            sr_ner_observe(p, i, best);
            names += best != 0;
        }
        assert_true(names >= 5); /* the texts are full of names */
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(lab[i], d->ner[i]);
        free(lab);
        sr_arena_free(&a);
    }
}

/* Months and weekdays are no places without a cue; abbreviations of US
 * states and Canadian provinces are placed; a country sits at its
 * conventional centre point, not the middle of its towns. */
static void test_common_words_and_points(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("The talks resumed in March. Officials met on Sunday in May, "
                                 "and protesters gathered in London.",
                                 SITREP_FORMAT_TEXT);
    assert_null(ent(d, "March"));
    assert_null(ent(d, "May"));
    const sr_entity *e = ent(d, "London");
    assert_non_null(e);
    assert_non_null(sr_geo_place(tu_model, e->place));
    d = tu_extract("A plant in Charleston, W.Va., closed, and a mill near Louisville, Ky, "
                   "cut jobs.",
                   SITREP_FORMAT_TEXT);
    const char *names[][2] = {{"W.Va.", "West Virginia"}, {"Charleston", "West Virginia"},
                              {"Ky", "Kentucky"}, {"Louisville", "Kentucky"}};
    for (int k = 0; k < 4; k++) {
        e = ent(d, names[k][0]);
        assert_non_null(e);
        const sr_place_rec *p = sr_geo_place(tu_model, e->place);
        assert_non_null(p);
        assert_string_equal(sr_geo_admin1_name(tu_model, p), names[k][1]);
    }
    d = tu_extract("Russia and Canada signed a trade deal.", SITREP_FORMAT_TEXT);
    const sr_place_rec *ru = sr_geo_place(tu_model, ent(d, "Russia")->place);
    const sr_place_rec *ca = sr_geo_place(tu_model, ent(d, "Canada")->place);
    assert_non_null(ru);
    assert_non_null(ca);
    /* world-countries: Russia 60N 100E, Canada 60N 95W */
    assert_true(fabs(ru->lat - 60.0) < 0.5 && fabs(ru->lon - 100.0) < 0.5);
    assert_true(fabs(ca->lat - 60.0) < 0.5 && fabs(ca->lon + 95.0) < 0.5);
}

/* "the coalition" finds the latest entity whose name ends so, through the
 * index, as a scan of every earlier mention would. */
static void test_named_by(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("The US-led coalition struck Raqqa. The Arab League met in Cairo. "
                                 "The coalition said the league was wrong.",
                                 SITREP_FORMAT_TEXT);
    assert_non_null(d->entity_index);
    uint32_t the = UINT32_MAX;
    for (uint32_t i = 0; i + 1 < d->tokens.n; i++)
        if (strcmp(tu_span(d, d->tokens.v[i].start, d->tokens.v[i].end), "coalition") == 0 &&
            i > 4)
            the = i;
    assert_int_not_equal(the, UINT32_MAX);
    int32_t e = sr_entity_named_by(d, the - 1, the, -1);
    assert_true(e >= 0);
    const sr_entity *en = &d->entities.v[e];
    assert_true(en->name_len > 9 && strncmp(en->name + en->name_len - 9, "coalition", 9) == 0);
    /* before its first mention nothing is named so */
    assert_int_equal(sr_entity_named_by(d, 0, the, -1), -1);
}

/* Actors known from their context, companies typed and joined (issue 13,
 * items 3 and 4), on sentences written for this test. */
static void test_actor_context(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(
        "U.S. Secretary of State Warren Christopher telephoned Russian Foreign Minister Andrei "
        "Kozyrev on Tuesday. Gambian President Dawda Jawara will visit Mauritania. Syria has "
        "offered its troops to Lebanon's new President Elias Hrawi. King Hassan of Morocco was "
        "quoted today. Ahmed Ali, a Lebanese official, said the talks failed. The US Congress "
        "agreed to lift embargoes. The New York Stock Exchange and the Central Bank of Nigeria "
        "fell. GM said its sales rose in the United States, and US diplomats agreed.\n",
        SITREP_FORMAT_TEXT);
    static const char *const want[][2] = {
        {"Warren Christopher", "USAGOV"}, {"Andrei Kozyrev", "RUSGOV"}, {"Dawda Jawara", "GMBGOV"},
        {"Elias Hrawi", "LBNGOV"}, {"Hassan", "MARGOV"}, {"Ahmed Ali", "LBNGOV"},
        {"US Congress", "USALEG"}, {"Central Bank of Nigeria", "NGABUS"}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const sr_entity *e = ent(d, want[k][0]);
        assert_non_null(e);
        assert_true(e->has_actor);
        assert_string_equal(e->actor.code, want[k][1]);
    }
    /* New York's exchange, not York's (GBR) */
    const sr_entity *e = ent(d, "New York Stock Exchange");
    assert_non_null(e);
    assert_string_equal(e->actor.country, "USA");
    /* "GM" is an acronym, no Gambia */
    e = ent(d, "GM");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_ORG);
    assert_true(!e->has_actor || strcmp(e->actor.country, "GMB") != 0);
    /* "U.S.", "United States" and "US" one entity */
    assert_int_equal(entities_with_mention(d, "U.S."), 1);
    const sr_entity *us = ent(d, "United States");
    assert_non_null(us);
    assert_true(us->nmentions >= 3);

    d = tu_extract("General Motors said on Monday its sales rose. The Washington Post reported it. "
                   "Apple Inc. said profits rose, and Apple shares gained. David Jones, an analyst, "
                   "said Jones Medical Industries Inc would grow. Jones said the deal was fair.\n",
                   SITREP_FORMAT_TEXT);
    static const char *const orgs[] = {"General Motors", "Washington Post", "Apple Inc.",
                                       "Jones Medical Industries Inc"};
    for (size_t k = 0; k < sizeof orgs / sizeof *orgs; k++) {
        e = ent(d, orgs[k]);
        /* the sentence's first word "The" may be part of the name: the
         * paper's masthead is "The Washington Post" (CoNLL-2003 names so
         * "The Oval", "The Hague") */
        if (!e) {
            char the[64];
            snprintf(the, sizeof the, "The %s", orgs[k]);
            e = ent(d, the);
        }
        assert_non_null(e);
        assert_int_equal(e->type, SR_ENT_ORG);
    }
    assert_int_equal(ent(d, "Apple Inc.")->nmentions, 2); /* "Apple" joined */
    e = ent(d, "David Jones");
    assert_non_null(e);
    assert_int_equal(e->nmentions, 2); /* the surname is the person's, not the company's */
}

/* Offices and governments as actors: a role noun before a noun of time
 * is still the head ("The Dutch government today ..."); a title with no
 * name after it acts as its office ("Taiwan's Vice Foreign Minister
 * visited ...").  Places the tagger reads badly: "in X (Region)", "X
 * district" elsewhere, "(Y township". */
static void test_offices_and_places(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract("The Dutch government today welcomed the new trade agreement.", SITREP_FORMAT_TEXT);
    const sr_group *g = group(d, "Dutch government");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "NLDGOV");
    d = tu_extract("Taiwan's Vice Foreign Minister visited Moscow on Tuesday.", SITREP_FORMAT_TEXT);
    g = group(d, "Taiwan's Vice Foreign Minister");
    assert_non_null(g);
    assert_string_equal(g->actor.code, "TWNGOV");
    /* a town the tagger calls a person, after "in" and before its
     * region, with a clause after the comma: a place, no gunman */
    d = tu_extract("On 29 March 2022, in Diego Martin, Diego Martin, a masked gunman shot and killed a man.",
                   SITREP_FORMAT_TEXT);
    const sr_entity *e = ent(d, "Diego Martin");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_GPE);
    /* a one-word "person" in business context is a company */
    d = tu_extract("Italian tyre and cables giant Pirelli on Friday announced its move into China. "
                   "Pirelli is linking with a Hong Kong group. Pirelli shares rose 3 percent.",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "Pirelli");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_ORG);
    /* a surname is no company: "Marco Tronchetti Provera ... Provera's stake" */
    d = tu_extract("Chairman Marco Tronchetti Provera spoke on Friday. Provera's stake was not disclosed.",
                   SITREP_FORMAT_TEXT);
    e = ent(d, "Marco Tronchetti Provera");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_PERSON);
    /* "Movement for" + "Democratic Change": one organization */
    d = tu_extract("Fighters of the Movement for Democratic Change seized the town.", SITREP_FORMAT_TEXT);
    e = ent(d, "Movement for Democratic Change");
    assert_non_null(e);
    assert_int_equal(e->type, SR_ENT_ORG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offices_and_places),
        cmocka_unit_test(test_people),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_prefixes_and_possessives),
        cmocka_unit_test(test_geocoding),
        cmocka_unit_test(test_common_words_and_points),
        cmocka_unit_test(test_named_by),
        cmocka_unit_test(test_places_by_context),
        cmocka_unit_test(test_offsets_after_multibyte),
        cmocka_unit_test(test_headline_case),
        cmocka_unit_test(test_aliases_and_landforms),
        cmocka_unit_test(test_places_in_places),
        cmocka_unit_test(test_tagger_fast_path),
        cmocka_unit_test(test_actor_context),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
