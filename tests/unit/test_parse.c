/* The dependency parser on sentences we wrote, its questions (subject,
 * object, passive, governor), the stage's choice of sentences, and the
 * CoNLL-U reader. */
#include "testutil.h"

/* The document of a body text (JSONL, so that no line is a headline). */
static const sr_doc *doc_of(const char *body)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "{\"id\":\"t\",\"text\":\"%s\"}\n", body);
    return tu_extract(buf, SITREP_FORMAT_JSONL);
}

/* The token reading w (the first one), or fails. */
static uint32_t tok(const sr_doc *d, const char *w)
{
    for (uint32_t i = 0; i < d->tokens.n; i++)
        if (sr_tok_is(d, i, w))
            return i;
    fail_msg("no token '%s'", w);
    return UINT32_MAX;
}

/* "head:rel" of every token, 1-based heads, 0 the root. */
static const char *arcs(const sr_doc *d)
{
    static char buf[2048];
    size_t n = 0;
    for (uint32_t i = 0; i < d->tokens.n && n < sizeof buf - 32; i++) {
        if (!sr_parsed(d, i)) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s-", i ? " " : "");
            continue;
        }
        uint32_t s = 0;
        while (d->sentences.v[s].tok_first + d->sentences.v[s].tok_n <= i)
            s++;
        uint32_t h = d->heads[i] == SR_NO_HEAD ? 0 : d->heads[i] - d->sentences.v[s].tok_first + 1;
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u:%s", i ? " " : "", h,
                              sr_dep_names[d->deprels[i]]);
    }
    return buf;
}

static void test_simple_clause(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    const sr_doc *d = doc_of("Rebels seized the town on Monday.");
    assert_string_equal(arcs(d), "2:nsubj 0:root 4:det 2:obj 6:case 2:obl 2:punct");
    uint32_t v = tok(d, "seized");
    assert_int_equal(d->upos[v], SR_UPOS_VERB);
    assert_int_equal(sr_parse_subject(d, v), tok(d, "Rebels"));
    assert_int_equal(sr_parse_object(d, v), tok(d, "town"));
    assert_false(sr_parse_is_passive(d, v));
    assert_int_equal(sr_parse_governor(d, tok(d, "Monday")), v);
    assert_int_equal(sr_parse_agent(d, v), UINT32_MAX);
}

static void test_passive(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    const sr_doc *d = doc_of("The protesters were dispersed by the police.");
    uint32_t v = tok(d, "dispersed");
    assert_true(sr_parse_is_passive(d, v));
    assert_int_equal(sr_parse_subject(d, v), tok(d, "protesters"));
    assert_int_equal(d->deprels[tok(d, "protesters")], SR_DEP_NSUBJ_PASS);
    assert_int_equal(sr_parse_agent(d, v), tok(d, "police"));
    assert_int_equal(sr_parse_object(d, v), UINT32_MAX);
}

static void test_control_and_coordination(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    const sr_doc *d = doc_of("The militants tried to seize the airport.");
    assert_int_equal(sr_parse_subject(d, tok(d, "seize")), tok(d, "militants"));
    assert_int_equal(sr_parse_object(d, tok(d, "seize")), tok(d, "airport"));
    d = doc_of("Police arrested and charged two men.");
    assert_int_equal(sr_parse_subject(d, tok(d, "charged")), tok(d, "Police"));
    d = doc_of("The soldiers who killed the villagers were arrested.");
    assert_int_equal(sr_parse_subject(d, tok(d, "killed")), tok(d, "soldiers"));
    assert_int_equal(sr_parse_object(d, tok(d, "killed")), tok(d, "villagers"));
}

/* By default only sentences with a candidate event are parsed. */
static void test_only_event_sentences(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_EVENTS);
    const sr_doc *d = doc_of("The weather was fine in the morning. Gunmen attacked a police station.");
    assert_int_equal(d->sentences.n, 2);
    assert_false(sr_parsed(d, tok(d, "weather")));
    assert_int_equal(d->upos[tok(d, "weather")], SR_UPOS_NONE);
    assert_true(sr_parsed(d, tok(d, "attacked")));
    assert_int_equal(sr_parse_subject(d, tok(d, "attacked")), tok(d, "Gunmen"));
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    d = doc_of("The weather was fine in the morning. Gunmen attacked a police station.");
    assert_true(sr_parsed(d, tok(d, "weather")));
    /* the default: nothing parsed */
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_OFF);
    d = doc_of("Gunmen attacked a police station.");
    assert_false(sr_parsed(d, tok(d, "attacked")));
}

/* The transitions: a kind, then a relation for arcs; the kinds allowed. */
static void test_transitions(void **state)
{
    (void)state;
    sr_arena a;
    sr_arena_init(&a);
    sr_pstate st;
    assert_true(sr_pstate_init(&st, &a, 2));
    assert_true(sr_pstate_kind_valid(&st, SR_PK_SHIFT));
    assert_false(sr_pstate_kind_valid(&st, SR_PK_LEFT));
    assert_false(sr_pstate_kind_valid(&st, SR_PK_REDUCE));
    sr_pstate_apply(&st, sr_pstate_action(SR_PK_SHIFT, 0));
    assert_true(sr_pstate_kind_valid(&st, SR_PK_LEFT));
    assert_true(sr_pstate_kind_valid(&st, SR_PK_RIGHT));
    assert_false(sr_pstate_kind_valid(&st, SR_PK_REDUCE));
    sr_pstate_apply(&st, sr_pstate_action(SR_PK_RIGHT, SR_DEP_OBJ)); /* 0 -> 1 obj */
    assert_int_equal(st.head[1], 0);
    assert_int_equal(st.label[1], SR_DEP_OBJ);
    assert_true(sr_pstate_kind_valid(&st, SR_PK_REDUCE));
    assert_false(sr_pstate_kind_valid(&st, SR_PK_SHIFT)); /* the buffer holds the root only */
    assert_false(sr_pstate_kind_valid(&st, SR_PK_LEFT)); /* s0 has its head */
    sr_pstate_apply(&st, sr_pstate_action(SR_PK_REDUCE, 0));
    assert_true(sr_pstate_root_arc(&st, SR_PK_LEFT));
    sr_pstate_apply(&st, sr_pstate_action(SR_PK_LEFT, SR_DEP_ROOT));
    assert_true(sr_pstate_final(&st));
    assert_int_equal(st.head[0], 2);
    assert_int_equal(st.label[0], SR_DEP_ROOT);
    sr_arena_free(&a);
}

/* Words the parser never saw in training are one unknown word to it; the
 * tagger keeps each word. */
static void test_unknown_words(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    const sr_doc *d = doc_of("The zorblaxian quintaphones seized the town.");
    sr_arena a;
    sr_arena_init(&a);
    sr_psent *s = sr_parse_prepare(&a, d, 0, d->tokens.n);
    assert_non_null(s);
    sr_parse_tag(tu_model, s);
    assert_int_equal(s->t[1].pw, SR_PARSE_UNK);
    assert_int_equal(s->t[2].pw, SR_PARSE_UNK);
    assert_int_not_equal(s->t[1].w, s->t[2].w);
    assert_int_equal(s->t[0].pw, s->t[0].w); /* "the" */
    assert_int_equal(s->t[3].pw, s->t[3].w); /* "seized" */
    assert_int_equal(s->t[3].upos, SR_UPOS_VERB);
    sr_arena_free(&a);
}

/* Every token gets a head in its sentence; one root a sentence. */
static void test_tree_shape(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    const sr_doc *d = doc_of("Government forces said on Sunday they had retaken the town of Qaraqosh, "
                             "which Islamic State fighters seized in 2014, after a week of heavy "
                             "fighting. Thousands of residents fled. The army, backed by air strikes, "
                             "advanced from the south.");
    assert_int_equal(d->sentences.n, 3);
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        const sr_sentence *sn = &d->sentences.v[s];
        int roots = 0;
        for (uint32_t i = sn->tok_first; i < sn->tok_first + sn->tok_n; i++) {
            assert_true(sr_parsed(d, i));
            if (d->heads[i] == SR_NO_HEAD) {
                roots++;
                assert_int_equal(d->deprels[i], SR_DEP_ROOT);
                continue;
            }
            assert_true(d->heads[i] >= sn->tok_first && d->heads[i] < sn->tok_first + sn->tok_n);
            assert_int_not_equal(d->heads[i], i);
            /* no cycle: the root is reached */
            uint32_t k = i;
            int hops = 0;
            while (d->heads[k] != SR_NO_HEAD && hops++ < 200)
                k = d->heads[k];
            assert_true(hops < 200);
        }
        assert_int_equal(roots, 1);
    }
    assert_int_equal(sr_parse_subject(d, tok(d, "fled")), tok(d, "Thousands"));
}

static void test_relation_names(void **state)
{
    (void)state;
    assert_int_equal(sr_dep_find("nsubj:pass", 10), SR_DEP_NSUBJ_PASS);
    assert_int_equal(sr_dep_find("obl:tmod", 8), SR_DEP_OBL); /* a subtype we lack */
    assert_int_equal(sr_dep_find("xyz", 3), SR_DEP_DEP);
    for (int k = 1; k < SR_DEP__COUNT; k++)
        assert_int_equal(sr_dep_find(sr_dep_names[k], strlen(sr_dep_names[k])), k);
    assert_int_equal(sr_upos_find("PROPN", 5), SR_UPOS_PROPN);
}

static void test_conllu_reader(void **state)
{
    (void)state;
    const char *text = "# sent_id = 1\n"
                       "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
                       "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
                       "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
                       "3.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "\n"
                       "1\tbroken\n\n";
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(in);
    sr_arena a;
    sr_arena_init(&a);
    sr_conllu_sent s;
    uint64_t line = 0;
    assert_int_equal(sr_conllu_read(in, &a, &s, &line), 1);
    assert_int_equal(s.w.n, 3);
    assert_int_equal(s.comments.n, 1);
    assert_string_equal(s.w.v[1].form, "n't");
    assert_int_equal(s.w.v[2].head, 0);
    assert_int_equal(s.w.v[0].head, 3);
    /* the words make a document sitrep tags and parses */
    sr_doc d;
    assert_int_equal(sr_parse_doc_from_words(&d, &a, tu_model, s.w.v, s.w.n), SITREP_OK);
    assert_int_equal(d.tokens.n, 3);
    assert_int_equal(sr_parse_run(&d, tu_model, true), SITREP_OK);
    assert_int_equal(d.heads[0], 2);
    assert_int_equal(d.heads[2], SR_NO_HEAD);
    assert_int_equal(sr_conllu_read(in, &a, &s, &line), -1);
    assert_int_equal(line, 8);
    sr_arena_free(&a);
    fclose(in);
}

/* A long sentence is parsed (linear time, arena memory); a longer one than
 * SR_PARSE_MAXLEN is left alone. */
static void test_long_sentences(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    static char text[16384];
    size_t n = 0;
    for (int k = 0; k < 60; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%srebels attacked the town", k ? " and " : "");
    snprintf(text + n, sizeof text - n, ".");
    const sr_doc *d = doc_of(text);
    assert_int_equal(d->sentences.n, 1);
    assert_true(d->tokens.n > 290);
    assert_true(sr_parsed(d, 0) && sr_parsed(d, d->tokens.n - 1));
    n = 0;
    for (int k = 0; k < 90; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%srebels attacked the town", k ? " and " : "");
    snprintf(text + n, sizeof text - n, ".");
    d = doc_of(text);
    assert_true(d->tokens.n > SR_PARSE_MAXLEN);
    assert_false(sr_parsed(d, 0));
}

/* The beam's items share their stacks; each must see exactly what a
 * configuration rebuilt from its path sees.  A scorer of our own (scores
 * from the features' hashes) makes the beam keep many different paths. */
static void hash_kinds(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    (void)ctx;
    for (int k = 0; k < SR_PK__COUNT; k++)
        score[k] = 0;
    for (uint32_t q = 0; q < n; q++)
        for (int k = 0; k < SR_PK__COUNT; k++)
            score[k] += (int64_t)((f[q] >> (8 * k)) & 0xFF) - 128;
}
static int hash_label(void *ctx, const uint64_t *f, uint32_t n)
{
    (void)ctx;
    uint64_t x = 0;
    for (uint32_t q = 0; q < n; q++)
        x += f[q];
    int l = 1 + (int)(x % (SR_PARSE_NLABELS - 1));
    return l >= SR_DEP_ROOT ? l + 1 : l;
}

static void hash_labels(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    (void)ctx;
    for (int l = 0; l < SR_PARSE_NLABELS; l++)
        score[l] = 0;
    for (uint32_t q = 0; q < n; q++)
        score[f[q] % SR_PARSE_NLABELS] += (int64_t)(f[q] >> 56);
}

static void beam_items(const sr_pscorer *sc)
{
    const sr_doc *d = doc_of("Gunmen who attacked a police station in the north on Monday killed "
                             "three officers and wounded two others, the army said.");
    uint32_t n = d->tokens.n;
    sr_arena a;
    sr_arena_init(&a);
    sr_psent *s = sr_parse_prepare(&a, d, 0, n);
    assert_non_null(s);
    sr_parse_tag(tu_model, s);
    sr_pbeam bm;
    sr_pstate st;
    uint8_t *path = sr_arena_alloc(&a, 2 * (size_t)n);
    assert_true(sr_pbeam_init(&bm, &a, n, 8) && sr_pstate_init(&st, &a, n) && path);
    sr_pbeam_start(&bm, n);
    uint32_t steps = 0, checked = 0;
    while (!sr_pitem_final(&bm.cur[0])) {
        sr_pbeam_step(&bm, s, sc, -1, 0);
        steps++;
        assert_true(bm.ncur >= 1 && bm.ncur <= 8);
        for (uint32_t j = 0; j < bm.ncur; j++) {
            if (j)
                assert_true(bm.cur[j - 1].score >= bm.cur[j].score); /* best first */
            sr_pbeam_path(&bm, j, path);
            sr_pstate_reset(&st);
            for (uint32_t t = 0; t < steps; t++)
                sr_pstate_apply(&st, path[t]);
            uint64_t f1[SR_PARSE_MAXFEAT], f2[SR_PARSE_MAXFEAT];
            uint32_t n1 = sr_parse_feats(&st, s, f1), n2 = sr_pitem_feats(&bm.cur[j], s, f2);
            assert_int_equal(n1, n2);
            assert_memory_equal(f1, f2, n1 * sizeof *f1);
            for (int k = SR_PK_LEFT; k <= SR_PK_RIGHT; k++)
                if (sr_pstate_kind_valid(&st, k)) {
                    assert_true(sr_pitem_kind_valid(&bm.cur[j], k));
                    n1 = sr_parse_label_feats(&st, s, k, f1);
                    n2 = sr_pitem_label_feats(&bm.cur[j], s, k, f2);
                    assert_int_equal(n1, n2);
                    assert_memory_equal(f1, f2, n1 * sizeof *f1);
                    checked++;
                }
        }
    }
    assert_int_equal(steps, 2 * n); /* every word pushed once and popped once */
    assert_true(checked > 4 * n);
    sr_arena_free(&a);
}

static void test_beam_items(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_ALL);
    sr_pscorer sc = {hash_kinds, hash_label, NULL, NULL};
    beam_items(&sc);
    sc.labels = hash_labels; /* relations scored in the beam */
    beam_items(&sc);
}

/* Every width gives a tree; the widths are a run-time choice; a beam
 * recovers from a garden path. */
static void test_beam_widths(void **state)
{
    (void)state;
    sitrep_extractor_set_parse(tu_x, SITREP_PARSE_OFF);
    assert_true(sr_parse_default_beam(tu_model) >= 1);
    static const uint32_t widths[] = {1, 2, 4, 8, 16, 64};
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        sr_doc *d = (sr_doc *)doc_of("Police said the rebels who seized the town were driven out by the army.");
        assert_int_equal(sr_parse_run_beam(d, tu_model, true, widths[w]), SITREP_OK);
        int roots = 0;
        for (uint32_t i = 0; i < d->tokens.n; i++) {
            assert_true(sr_parsed(d, i));
            roots += d->heads[i] == SR_NO_HEAD;
        }
        assert_int_equal(roots, 1);
        assert_int_equal(d->deprels[tok(d, "army")], SR_DEP_OBL_AGENT);
        if (widths[w] == 1)
            continue;
        /* a garden path for a greedy parser ("said the rebels" read as an
         * object); a beam keeps the reading where they are driven out */
        assert_int_equal(d->heads[tok(d, "rebels")], tok(d, "were") + 1); /* "driven" */
        assert_int_equal(d->deprels[tok(d, "rebels")], SR_DEP_NSUBJ_PASS);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_clause),
        cmocka_unit_test(test_passive),
        cmocka_unit_test(test_control_and_coordination),
        cmocka_unit_test(test_only_event_sentences),
        cmocka_unit_test(test_tree_shape),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_relation_names),
        cmocka_unit_test(test_conllu_reader),
        cmocka_unit_test(test_long_sentences),
        cmocka_unit_test(test_beam_items),
        cmocka_unit_test(test_beam_widths),
    };
    return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
