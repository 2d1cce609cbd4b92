/* Events on sentences written for these tests: who did what to whom,
 * where, when, how many dead, and whether it happened. */
#include "testutil.h"

static const sr_doc *run(const char *published, const char *text)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "{\"id\":\"t\",\"published\":\"%s\",\"text\":\"%s\"}", published, text);
    return tu_extract(buf, SITREP_FORMAT_JSONL);
}

/* The event whose trigger, or one of whose mentions' triggers, reads
 * `trigger` (the incident it is a mention of), or NULL. */
static void test_battle_and_capture(void **state)
{
    (void)state;
    const sr_doc *d = run("2021-03-08T10:00",
                          "Government troops recaptured the town of Kidal on Saturday after two days "
                          "of fighting, the army said. Jihadist militants had seized Kidal in 2012.");
    const sr_event *ev = tu_event(d, "recaptured");
    assert_non_null(ev);
    assert_string_equal(ev->plover, "COERCE");
    assert_string_equal(sr_acled_type_names[ev->acled_type], "Battles");
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Government regains territory");
    assert_string_equal(tu_entity_name(d, ev->location), "Kidal");
    assert_string_equal(ev->date, "2021-03-06"); /* the Saturday before a Monday paper */
    assert_int_equal(ev->date_basis, SR_DATE_TEXT);
    assert_int_equal(ev->modality, SR_MOD_ASSERTED);
    /* history keeps its own date, and a non-state taker */
    ev = tu_event(d, "seized");
    assert_non_null(ev);
    assert_string_equal(ev->date, "2012");
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Non-state actor overtakes territory");
}

static void test_attack_on_civilians(void **state)
{
    (void)state;
    const sr_doc *d = run("2022-05-02",
                          "On 30 April 2022, gunmen killed 14 villagers and wounded nine others in "
                          "Dogon, near Bankass.");
    const sr_event *ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_string_equal(sr_acled_type_names[ev->acled_type], "Violence against civilians");
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Attack");
    assert_true(ev->has_fatalities);
    assert_int_equal(ev->fat_min, 14);
    assert_string_equal(ev->date, "2022-04-30");
    assert_true(ev->target.has_actor);
    assert_string_equal(ev->target.actor.sector, "CVL");
}

static void test_remote_violence_and_protest(void **state)
{
    (void)state;
    const sr_doc *d = run("2022-03-01",
                          "On 27 February 2022, Russian forces shelled Kharkiv, killing three people. "
                          "On the same day, about 300 people protested in Lviv against the war. "
                          "Police dispersed them with tear gas.");
    const sr_event *ev = tu_event(d, "shelled");
    assert_non_null(ev);
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Shelling/artillery/missile attack");
    assert_string_equal(ev->source.actor.country, "RUS");
    assert_string_equal(tu_entity_name(d, ev->location), "Kharkiv");
    assert_int_equal(ev->fat_min, 3);
    ev = tu_event(d, "protested");
    assert_non_null(ev);
    assert_string_equal(sr_acled_type_names[ev->acled_type], "Protests");
    /* what the police did next makes it a protest with intervention */
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Protest with intervention");
    assert_string_equal(tu_entity_name(d, ev->location), "Lviv");
}

static void test_modality(void **state)
{
    (void)state;
    const sr_doc *d = run("2022-03-01",
                          "The rebels threatened to attack the capital. The army did not shell the "
                          "village. The ministry denied that its jets bombed the market.");
    const sr_event *ev = tu_event(d, "attack");
    assert_non_null(ev);
    assert_string_equal(ev->plover, "THREATEN");
    assert_true(ev->negated);
    assert_int_equal(ev->acled_type, SR_ACLED_T_NONE);
    ev = tu_event(d, "shell");
    assert_non_null(ev);
    assert_true(ev->negated);
    assert_int_equal(ev->modality, SR_MOD_NEGATED);
    /* no one kills in a flood */
    d = run("2022-03-01", "Floods killed at least 40 people in the north on Saturday.");
    assert_null(tu_event(d, "killed"));
    /* a demand is a request, not the act */
    d = run("2022-03-01", "The United Nations said Libya must release the prisoners.");
    ev = tu_event(d, "release");
    assert_non_null(ev);
    assert_string_equal(ev->plover, "REQUEST");
}

static void test_passive_pronouns_and_reports(void **state)
{
    (void)state;
    const sr_doc *d = run("2017-10-15T21:37",
                          "The Free Syrian Army entered the town of Azaz last week. The town was seized by the "
                          "group after a short battle, a spokesman said.\\n\\n"
                          "\\u201cWe captured the airport,\\u201d said Colonel Ahmed Saleh.");
    /* "the town of Azaz": the name tagger retrained on 2026-12-02 reads a bare
     * "entered Azaz" as an organization (a borderline name for it: see
     * docs/entities.md); this test is of the passive and "the group" */
    const sr_event *ev = tu_event(d, "seized");
    assert_non_null(ev);
    /* passive: the one after "by" took it; "the group" is the Free Syrian Army */
    assert_string_equal(tu_entity_name(d, ev->source.entity), "Free Syrian Army");
    assert_string_equal(tu_entity_name(d, ev->target.entity), "Azaz");
    /* an event in a quote is reported by its speaker */
    ev = tu_event(d, "captured");
    assert_non_null(ev);
    int32_t by = ev->reported_by;
    for (uint32_t k = 0; ev->mentions && k < ev->nmentions; k++)
        if (strcmp(tu_span(d, ev->mentions[k].trig_start, ev->mentions[k].trig_end), "captured") == 0)
            by = ev->mentions[k].reported_by;
    assert_string_equal(tu_entity_name(d, by), "Ahmed Saleh");
}

static void test_other_news(void **state)
{
    (void)state;
    /* the same words in business news tell no conflict */
    const sr_doc *d = run("1987-03-02", "Operating profit fell to 150 mln dlrs from 252 mln dlrs in the prior year.");
    assert_null(tu_event(d, "fell to"));
    d = run("1987-03-02", "The company said it signed an agreement with Toyota to build engines.");
    const sr_event *ev = tu_event(d, "signed");
    if (!ev)
        ev = tu_event(d, "agreement");
    assert_non_null(ev); /* an agreement still, in PLOVER's terms */
    assert_int_equal(ev->acled_type, SR_ACLED_T_NONE);
    d = run("1987-03-02", "The industry hit a fresh problem when dealers stopped buying cars.");
    ev = tu_event(d, "hit");
    assert_true(!ev || ev->acled_type == SR_ACLED_T_NONE);
    /* while a ceasefire between armed men is an ACLED agreement */
    d = run("2022-03-02", "The army and the rebels signed a ceasefire in Bangui on Monday.");
    ev = tu_event(d, "signed");
    if (!ev)
        ev = tu_event(d, "ceasefire");
    assert_non_null(ev);
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Agreement");
}

static void test_user_event_words(void **state)
{
    (void)state;
    /* a word no lexicon of ours has, added at run time without rebuilding */
    char path[] = "/tmp/sitrep-test-lexXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *lex = "firebomb => event cameo=183 plover=ASSAULT mode=explosives acled=ied pos=verb\n";
    assert_int_equal(write(fd, lex, strlen(lex)), (ssize_t)strlen(lex));
    close(fd);
    const sr_doc *d = run("2022-03-01", "Unknown men firebombed a police post in Kisumu on Monday.");
    assert_null(tu_event(d, "firebombed"));
    char err[256];
    assert_int_equal(sitrep_model_add_lexicon(tu_model, path, err, sizeof err), SITREP_OK);
    d = run("2022-03-01", "Unknown men firebombed a police post in Kisumu on Monday.");
    const sr_event *ev = tu_event(d, "firebombed");
    assert_non_null(ev);
    assert_string_equal(sr_acled_type_names[ev->acled_type], "Explosions/Remote violence");
    unlink(path);
}

/* Where it happened, when a sentence names several places. */
static void test_event_places(void **state)
{
    (void)state;
    /* people from a country are who, not where */
    const sr_doc *d = run("2022-05-04", "On 3 May 2022, around 500 people, including people from Ukraine, "
                                        "protested in Malaga against the war.");
    const sr_event *ev = tu_event(d, "protested");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Malaga");
    /* an unknown township: its district in brackets, whatever clauses lie
     * between; "Myanmar military" names who */
    d = run("2022-04-25", "On 24 April 2022, in Budalin township (Monywa district, Sagaing region), four "
                          "Myanmar military soldiers were killed by a mine explosion.");
    ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Monywa");
    /* a town with its district and province in brackets is the place, not
     * its province */
    d = run("2022-05-10", "Around 9 May 2022, three men said they were beaten by police officers in Mbombela "
                          "(Ehlanzeni, Mpumalanga) after they were arrested for a murder.");
    ev = tu_event(d, "arrested");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Mbombela");
    /* the weapon's name is no place */
    d = run("2022-03-08", "On 7 March 2022, Russian forces fired Grad missiles at Kharkiv.");
    ev = tu_event(d, "fired");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Kharkiv");
    /* a town of the sentence before its region, and before a country the
     * sentence names nearer the trigger */
    d = run("2022-04-02", "On 1 April 2022, members of All Assam Students' Union staged demonstrations across all "
                          "district headquarters in Assam state, including in Jorhat city, against the eviction.");
    ev = tu_event(d, "demonstrations");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Jorhat");
    d = run("2022-03-13", "On 12 March 2022, the military forces of Russia launched a rocket attack on the Kanatove "
                          "Airdrome, Kirovograd. Seven Ukrainian servicemen were killed.");
    ev = tu_event(d, "rocket attack");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Kirovograd");
}

/* Words the tagger's lexicon knows badly and plurals WordNet lacks. */
static void test_rare_words(void **state)
{
    (void)state;
    const sr_doc *d = run("2022-05-02", "On 1 May 2022, rebels abducted a teacher in Segou.");
    const sr_event *ev = tu_event(d, "abducted");
    assert_non_null(ev);
    assert_string_equal(sr_acled_sub_names[ev->acled_sub], "Abduction/forced disappearance");
    d = run("2022-02-22", "On 21 February 2022, government jets carried out airstrikes on rebel positions "
                          "near Idlib.");
    bool air = false;
    for (uint32_t i = 0; i < d->events.n; i++)
        air |= d->events.v[i].acled_sub == SR_ACLED_S_AIR;
    assert_true(air);
}

/* "the city" is the city most talked about before it, the latest of those
 * talked about as much; a new paragraph keeps no place of its own. */
static void test_city_talked_about(void **state)
{
    (void)state;
    const sr_doc *d = run("2021-03-08", "Troops left Aleppo on Monday and entered Homs.\\n\\n"
                                        "Rebels attacked army positions in the city on Tuesday.");
    const sr_event *ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Homs");
    d = run("2021-03-08", "Troops left Aleppo on Monday and entered Homs. Shops in Aleppo opened."
                          "\\n\\nRebels attacked army positions in the city on Tuesday.");
    ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_string_equal(tu_entity_name(d, ev->location), "Aleppo");
}

/* The sense of a conflict word follows its context (the learned weights
 * of data/events): business news is no battle. */
static void test_conflict_sense(void **state)
{
    (void)state;
    const char *business[] = {
        "The retailer fought off a hostile takeover bid from a rival chain last year.",
        "The bank hit a record profit of 200 million dollars in March.",
    };
    for (size_t k = 0; k < sizeof business / sizeof *business; k++) {
        const sr_doc *d = run("2021-03-08", business[k]);
        for (uint32_t i = 0; i < d->events.n; i++) {
            const sr_event *ev = &d->events.v[i];
            assert_int_equal(ev->acled_type, SR_ACLED_T_NONE);
            assert_false(ev->cameo[0] == '1' && (ev->cameo[1] == '8' || ev->cameo[1] == '9'));
        }
    }
    const sr_doc *d = run("2021-03-08", "Gunmen shot dead two policemen at a checkpoint in Kano on Tuesday.");
    const sr_event *ev = tu_event(d, "shot dead");
    assert_non_null(ev);
    assert_int_not_equal(ev->acled_type, SR_ACLED_T_NONE);
    assert_int_equal(ev->fat_min, 2);
}

/* Each field keeps the words it comes from; back-story says so. */
static void test_evidence_and_history(void **state)
{
    (void)state;
    const sr_doc *d = run("2021-03-08T10:00",
                          "Government troops recaptured the town of Kidal on Saturday after two days "
                          "of fighting, the army said. Jihadist militants had seized Kidal in 2012.");
    const sr_event *ev = tu_event(d, "recaptured");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->date_start, ev->date_end), "Saturday");
    assert_string_equal(tu_span(d, ev->loc_start, ev->loc_end), "Kidal");
    assert_false(ev->history);
    ev = tu_event(d, "seized");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->date_start, ev->date_end), "2012");
    assert_true(ev->history);
    d = run("2022-05-02", "On 30 April 2022, gunmen killed 14 villagers and wounded nine others in "
                          "Dogon, near Bankass.");
    ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->fat_start, ev->fat_end), "14 villagers");
    assert_string_equal(tu_span(d, ev->date_start, ev->date_end), "30 April 2022");
    assert_true(ev->location >= 0);
    assert_string_equal(tu_span(d, ev->loc_start, ev->loc_end), tu_entity_name(d, ev->location));
    assert_false(ev->history);
}

/* Modality from the clause structure: what governs the event word. */
static void test_modality_scope(void **state)
{
    (void)state;
    const sr_doc *d = run("2021-03-08", "Police denied that officers shot the protesters in Lagos.");
    const sr_event *ev = tu_event(d, "shot");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_NEGATED);
    d = run("2021-03-08", "Rebels tried to seize the town of Kidal on Monday.");
    ev = tu_event(d, "seize");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_ATTEMPTED);
    assert_int_equal(ev->acled_type, SR_ACLED_T_NONE);
    d = run("2021-03-08", "Security forces foiled a bomb attack in Kabul on Monday.");
    ev = tu_event(d, "attack");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_NEGATED);
    d = run("2021-03-08", "Unions expect there will be a protest in Paris on Friday.");
    ev = tu_event(d, "protest");
    assert_non_null(ev);
    assert_int_not_equal(ev->modality, SR_MOD_ASSERTED);
    d = run("2021-03-08", "The UN called for a ceasefire in Tigray.");
    for (uint32_t i = 0; i < d->events.n; i++) {
        assert_int_equal(d->events.v[i].acled_type, SR_ACLED_T_NONE);
        assert_string_equal(d->events.v[i].plover, "REQUEST");
    }
    d = run("2021-03-08", "No one was killed when a rocket hit the market in Kharkiv on Monday.");
    ev = tu_event(d, "hit");
    assert_non_null(ev);
    assert_true(ev->has_fatalities);
    assert_int_equal(ev->fat_min, 0);
    assert_int_equal(tu_event(d, "killed") ? tu_event(d, "killed")->modality : SR_MOD_NEGATED, SR_MOD_NEGATED);
    /* a conjunct with no subject of its own shares its head's frame:
     * negation, attempt, plan; one with its own subject does not */
    d = run("2021-03-08", "Police did not fire on the crowd or arrest the leaders, witnesses said.");
    ev = tu_event(d, "arrest");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_NEGATED);
    d = run("2021-03-08", "The rebels tried to seize the town and kill the governor on Monday.");
    ev = tu_event(d, "kill");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_ATTEMPTED);
    d = run("2021-03-08", "The group planned to bomb the embassy and abduct diplomats, police said.");
    ev = tu_event(d, "abduct");
    assert_true(!ev || ev->modality != SR_MOD_ASSERTED);
    d = run("2021-03-08", "The rebels would not negotiate, and soldiers attacked the town on Monday.");
    ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_int_equal(ev->modality, SR_MOD_ASSERTED);
}

/* A bare attack whose sentence names no weapon takes the article's
 * means when they are remote (rockets, missiles, warships), not when the
 * article tells of close fighting (gunmen, rifles, storming); a company's
 * name is no weapon. */
static void test_article_means(void **state)
{
    (void)state;
    const char *second = "\\nIranian forces attacked a Saudi tanker near Kuwait on Saturday and killed two sailors, "
                         "Lloyds said.";
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s",
             "Iranian gunboats fired rockets at a Kuwaiti tanker in the Gulf on Monday, shipping sources said.", second);
    const sr_doc *d = run("1987-10-19", buf);
    const sr_event *ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_EXPLOSIONS);
    snprintf(buf, sizeof buf, "%s%s",
             "Iranian gunmen with rifles stormed a Kuwaiti tanker in the Gulf on Monday, shipping sources said.", second);
    d = run("1987-10-19", buf);
    ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_int_not_equal(ev->acled_type, SR_ACLED_T_EXPLOSIONS);
    d = run("2022-01-12", "On 10 January 2022, unidentified armed individuals killed a Shell staff member in Kogi.");
    ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_int_not_equal(ev->acled_type, SR_ACLED_T_EXPLOSIONS);
}

/* No ACLED event in this sentence (none, or none with an ACLED type). */
static void assert_no_acled(const sr_doc *d)
{
    for (uint32_t i = 0; i < d->events.n; i++)
        if (d->events.v[i].modality == SR_MOD_ASSERTED)
            assert_int_equal(d->events.v[i].acled_type, SR_ACLED_T_NONE);
}

/* Accidents, illness and suicide are no political violence; states
 * protest diplomatically; a capacity or a purpose ("enable Iran to
 * strike") is no act. */
static void test_accidents_and_purposes(void **state)
{
    (void)state;
    assert_no_acled(run("2021-03-08", "A huge explosion in a textile factory in the city of Harbin killed 45 workers on Monday."));
    assert_no_acled(run("2021-03-08", "The bank's vice president died of an apparent heart attack at a meeting in Frankfurt."));
    assert_no_acled(run("2021-03-08", "The inspector killed himself after four days of questioning."));
    assert_no_acled(run("1987-03-02", "The space shuttle Challenger exploded after takeoff in January, killing its seven crew members."));
    assert_no_acled(run("2021-03-08", "France protested on Monday over Canada's decision to close its ports to French vessels."));
    const sr_doc *d = run("2021-03-08", "A longer-range missile would enable Iran to strike at many towns in the region.");
    const sr_event *ev = tu_event(d, "strike");
    assert_true(!ev || ev->modality != SR_MOD_ASSERTED);
    /* a modal over the verb of which the trigger is a conjunct */
    d = run("2021-03-08", "The minister said the rebels would surround the town, burn the market and kill the chief.");
    ev = tu_event(d, "burn");
    assert_true(!ev || ev->modality != SR_MOD_ASSERTED);
    assert_no_acled(run("2021-03-08", "Police arrested five former executives of a bankrupt gold dealer for defrauding 450 clients."));
    assert_no_acled(run("2021-03-08", "Malaysian police denied rumours of race riots in Kuala Lumpur."));
    /* the killers are no dead; a toll told in a sentence of its own */
    d = run("2021-03-08", "On 9 January 2022, a man was killed in a drive-by shooting by two armed individuals in Patos.");
    ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_true(ev->has_fatalities);
    assert_int_equal(ev->fat_min, 1);
    d = run("2021-03-08", "On 11 January 2022, the Taliban clashed with the NRF in Yaftal district. Unknown fatalities coded as 3.");
    ev = tu_event(d, "clashed");
    assert_non_null(ev);
    assert_true(ev->has_fatalities);
    assert_int_equal(ev->fat_min, 3);
    /* what a protest is about is no event of its own */
    d = run("2021-03-08", "On 6 March 2022, 6 protesters held a demonstration in Tottori to oppose sexual violence against women.");
    for (uint32_t i = 0; i < d->events.n; i++)
        if (d->events.v[i].modality == SR_MOD_ASSERTED && d->events.v[i].acled_type != SR_ACLED_T_NONE)
            assert_int_equal(d->events.v[i].acled_type, SR_ACLED_T_PROTESTS);
    /* a crowd fighting the police: a violent demonstration */
    d = run("2021-03-08", "Mourners clashed with police at a funeral in Belfast on Monday.");
    ev = tu_event(d, "clashed");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_RIOTS);
    /* a meeting, a strike's reason, what a group does */
    d = run("2021-03-08", "About 3,000 delegates gathered for the opening meeting of the congress in Beijing.");
    ev = tu_event(d, "gathered");
    assert_true(!ev || ev->acled_type == SR_ACLED_T_NONE);
    assert_no_acled(run("2021-03-08", "The strikes began on January 19 in protest at plans for 800 redundancies."));
    d = run("2021-03-08", "The rebels, who have been fighting the government for six years, receive aid.");
    ev = tu_event(d, "fighting");
    assert_true(!ev || ev->modality != SR_MOD_ASSERTED);
    /* in an article of no violence, violence done to an abstract thing */
    assert_no_acled(run("2021-03-08", "Prime Minister Chirac attacked the budget proposals of the Commission on Monday."));
    d = run("2021-03-08", "Rebels attacked the convoy near Goma on Monday.");
    ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_int_not_equal(ev->acled_type, SR_ACLED_T_NONE);
    /* the same words with a killer, or people protesting, stay */
    d = run("2021-03-08", "Gunmen attacked a factory in Harbin on Monday, killing 45 workers.");
    ev = tu_event(d, "attacked");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_VAC);
    d = run("2021-03-08", "Hundreds of students protested in Paris on Monday against the new law.");
    ev = tu_event(d, "protested");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_PROTESTS);
}

/* The word's sense from its arguments, read from the parse the stage makes
 * for a conflict sentence: markets, accidents, labour strikes. */
static void test_sense_from_arguments(void **state)
{
    (void)state;
    const sr_doc *d = run("2021-03-08", "Silver prices rallied on Monday after a brokerage told its customers to buy the metal.");
    const sr_event *ev = tu_event(d, "rallied");
    assert_true(!ev || ev->acled_type == SR_ACLED_T_NONE);
    d = run("2021-03-08", "About 23,000 engineering workers struck at 90 plants on Monday.");
    ev = tu_event(d, "struck");
    assert_non_null(ev);
    /* a strike with no demonstration: CAMEO's strike, no ACLED protest */
    assert_int_equal(ev->acled_type, SR_ACLED_T_NONE);
    assert_string_equal(ev->plover, "PROTEST");
    assert_string_equal(ev->cameo, "143");
    d = run("2021-03-08", "About 3,000 dockworkers went on strike on Monday and marched through Lagos with banners.");
    ev = tu_event(d, "went on strike");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_PROTESTS);
    d = run("2021-03-08", "A fire killed one miner at the copper mine on Monday.");
    for (uint32_t i = 0; i < d->events.n; i++)
        assert_int_equal(d->events.v[i].acled_type, SR_ACLED_T_NONE);
    /* a weapon that does it is violence whatever else the sentence says */
    d = run("2021-03-08", "A rocket hit the market in Kharkiv on Monday.");
    ev = tu_event(d, "hit");
    assert_non_null(ev);
    assert_int_equal(ev->acled_type, SR_ACLED_T_EXPLOSIONS);
    /* the parse made for the event stage is not the record's */
    assert_null(d->deprels);
}

/* Source and target from the parse: an object that is no actor gives way
 * to whose it is; a passive's agent acts; no one acts on himself. */
static void test_arguments_from_parse(void **state)
{
    (void)state;
    const sr_doc *d = run("2017-10-15", "On Sunday the Syrian Democratic Forces began the final assault on the "
                                        "militants' remaining positions in Raqqa.");
    const sr_event *ev = tu_event(d, "assault");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->source.start, ev->source.end), "Syrian Democratic Forces");
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "militants");
    d = run("2021-03-08", "Two soldiers were killed by rebels in Goma on Monday.");
    ev = tu_event(d, "killed");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->source.start, ev->source.end), "rebels");
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "soldiers");
}

/* Without a parse: the object after a control verb's infinitive, the
 * possessor of an object no actor follows, "to" after a noun, a noun
 * read as a verb after a modal, a capital opening its sentence. */
static void test_arguments_in_windows(void **state)
{
    (void)state;
    const sr_doc *d = run("2001-05-02", "The Kenyan parliament threatened on Monday to break relations with Uganda. "
                                        "Chile rejected Peru's demand for new talks. The minister promised aid to "
                                        "war-torn Mozambique. Kenyan farmers said they would boycott talks with "
                                        "Tanzania. Washington along with its allies demanded that the rebels "
                                        "disarm. Senior Hungarian and Romanian officials agreed on a plan.");
    const sr_event *ev = tu_event(d, "threatened");
    assert_non_null(ev);
    assert_string_equal(ev->source.actor.code, "KENLEG");
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "Uganda");
    ev = tu_event(d, "rejected");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "Peru");
    ev = tu_event(d, "aid");
    assert_non_null(ev);
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "Mozambique");
    ev = tu_event(d, "boycott");
    assert_non_null(ev);
    assert_string_equal(ev->source.actor.code, "KENAGR");
    assert_string_equal(tu_span(d, ev->target.start, ev->target.end), "Tanzania");
    ev = tu_event(d, "demanded");
    assert_non_null(ev);
    assert_string_equal(ev->source.actor.code, "USAGOV");
    ev = tu_event(d, "agreed");
    assert_non_null(ev);
    assert_string_equal(ev->source.actor.code, "HUNGOV");
    /* what must be done, told by one no quote names: the teller demands it */
    d = run("2001-05-02", "Rwandan rebels announced that the government must free the prisoners.");
    ev = tu_event(d, "free");
    assert_non_null(ev);
    assert_string_equal(ev->plover, "REQUEST");
    assert_string_equal(ev->source.actor.code, "RWAREB");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_battle_and_capture),
        cmocka_unit_test(test_attack_on_civilians),
        cmocka_unit_test(test_remote_violence_and_protest),
        cmocka_unit_test(test_modality),
        cmocka_unit_test(test_passive_pronouns_and_reports),
        cmocka_unit_test(test_other_news),
        cmocka_unit_test(test_user_event_words),
        cmocka_unit_test(test_event_places),
        cmocka_unit_test(test_rare_words),
        cmocka_unit_test(test_city_talked_about),
        cmocka_unit_test(test_conflict_sense),
        cmocka_unit_test(test_evidence_and_history),
        cmocka_unit_test(test_modality_scope),
        cmocka_unit_test(test_sense_from_arguments),
        cmocka_unit_test(test_accidents_and_purposes),
        cmocka_unit_test(test_article_means),
        cmocka_unit_test(test_arguments_from_parse),
        cmocka_unit_test(test_arguments_in_windows),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
