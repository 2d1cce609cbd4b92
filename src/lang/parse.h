/*
 * lang/parse.h: the dependency parser (parse.c): Universal Dependencies
 * part-of-speech tags (UPOS), heads and relations for the tokens of a
 * document, learned from UD English EWT by tools/parse_train.c.  Included
 * by lang.h.
 */
#ifndef SR_LANG_PARSE_H
#define SR_LANG_PARSE_H

#include "model/model.h"

#include <stdio.h>

/* The universal part-of-speech tags (ORDER UPOS). */
typedef enum sr_upos {
    SR_UPOS_NONE, /* not tagged (the sentence was not parsed) */
    SR_UPOS_ADJ, SR_UPOS_ADP, SR_UPOS_ADV, SR_UPOS_AUX, SR_UPOS_CCONJ, SR_UPOS_DET,
    SR_UPOS_INTJ, SR_UPOS_NOUN, SR_UPOS_NUM, SR_UPOS_PART, SR_UPOS_PRON, SR_UPOS_PROPN,
    SR_UPOS_PUNCT, SR_UPOS_SCONJ, SR_UPOS_SYM, SR_UPOS_VERB, SR_UPOS_X,
    SR_UPOS__COUNT
} sr_upos;
extern const char *const sr_upos_names[SR_UPOS__COUNT];

/* The relations EWT uses (ORDER DEP); NONE: not parsed.  A relation the
 * tables lack reads as DEP. */
typedef enum sr_dep {
    SR_DEP_NONE,
    SR_DEP_ACL, SR_DEP_ACL_RELCL, SR_DEP_ADVCL, SR_DEP_ADVCL_RELCL, SR_DEP_ADVMOD, SR_DEP_AMOD,
    SR_DEP_APPOS, SR_DEP_AUX, SR_DEP_AUX_PASS, SR_DEP_CASE, SR_DEP_CC, SR_DEP_CC_PRECONJ,
    SR_DEP_CCOMP, SR_DEP_COMPOUND, SR_DEP_COMPOUND_PRT, SR_DEP_CONJ, SR_DEP_COP, SR_DEP_CSUBJ,
    SR_DEP_CSUBJ_OUTER, SR_DEP_CSUBJ_PASS, SR_DEP_DEP, SR_DEP_DET, SR_DEP_DET_PREDET,
    SR_DEP_DISCOURSE, SR_DEP_DISLOCATED, SR_DEP_EXPL, SR_DEP_FIXED, SR_DEP_FLAT, SR_DEP_GOESWITH,
    SR_DEP_IOBJ, SR_DEP_LIST, SR_DEP_MARK, SR_DEP_NMOD, SR_DEP_NMOD_DESC, SR_DEP_NMOD_POSS,
    SR_DEP_NMOD_UNMARKED, SR_DEP_NSUBJ, SR_DEP_NSUBJ_OUTER, SR_DEP_NSUBJ_PASS, SR_DEP_NUMMOD,
    SR_DEP_OBJ, SR_DEP_OBL, SR_DEP_OBL_AGENT, SR_DEP_OBL_UNMARKED, SR_DEP_ORPHAN, SR_DEP_PARATAXIS,
    SR_DEP_PUNCT, SR_DEP_REPARANDUM, SR_DEP_ROOT, SR_DEP_VOCATIVE, SR_DEP_XCOMP,
    SR_DEP__COUNT
} sr_dep;
extern const char *const sr_dep_names[SR_DEP__COUNT];
/* The relation named s[0..n) ("nsubj:pass"); SR_DEP_DEP when unknown. */
sr_dep sr_dep_find(const char *s, size_t n);
sr_upos sr_upos_find(const char *s, size_t n);

#define SR_PARSE_VERSION 3u /* of the feature templates and the section; weights must match */
#define SR_PARSE_NLABELS (SR_DEP__COUNT - 1)
/* Transitions (arc-eager, the root at the buffer's end): shift, reduce,
 * then left arcs and right arcs, one a relation. */
enum { SR_PA_SHIFT, SR_PA_REDUCE, SR_PA_LEFT, SR_PA_RIGHT = SR_PA_LEFT + SR_PARSE_NLABELS,
       SR_PA__COUNT = SR_PA_RIGHT + SR_PARSE_NLABELS };
/* The kinds of transition, scored first; an arc's relation is scored after
 * its kind is chosen. */
enum { SR_PK_SHIFT, SR_PK_REDUCE, SR_PK_LEFT, SR_PK_RIGHT, SR_PK__COUNT };
#define SR_PARSE_MAXFEAT 96
#define SR_PARSE_MAXCLASS 128
/* Sentences longer than this are left unparsed. */
#define SR_PARSE_MAXLEN 400
/* No head: a root, or a token that was not parsed. */
#define SR_NO_HEAD UINT32_MAX

bool sr_parse_load(sitrep_model *m);
bool sr_parse_available(const sitrep_model *m);

/* Stage "parse": tags (d->upos), heads (d->heads, document token indexes,
 * SR_NO_HEAD for a root) and relations (d->deprels) for the sentences that
 * need them: all when `all`, else those with a candidate event trigger (a
 * word whose lemma is an event entry of the lexicons).  Tokens of other
 * sentences keep SR_UPOS_NONE, SR_NO_HEAD and SR_DEP_NONE. */
sitrep_status sr_parse_run(sr_doc *d, const sitrep_model *m, bool all);
/* The same with a beam of `width` items (0: the model's default,
 * sr_parse_default_beam; 1: greedy; at most SR_PARSE_MAXBEAM). */
sitrep_status sr_parse_run_beam(sr_doc *d, const sitrep_model *m, bool all, uint32_t width);
/* Parses tokens [first, first + n) of a tagged document as one sentence. */
sitrep_status sr_parse_sentence(sr_doc *d, const sitrep_model *m, uint32_t first, uint32_t n);

/* ---- questions about the parse, for the stages after it ------------------ */

/* Was token i parsed? */
static inline bool sr_parsed(const sr_doc *d, uint32_t i)
{
    return d->deprels && i < d->tokens.n && d->deprels[i] != SR_DEP_NONE;
}
/* The first dependent of token h with relation rel (UINT32_MAX if none);
 * looks within h's sentence only. */
uint32_t sr_parse_dependent(const sr_doc *d, uint32_t h, sr_dep rel);
/* The subject of a predicate token v: nsubj, nsubj:pass, csubj...; through
 * the first conjunct ("X attacked and seized Y": seized's subject is X) and
 * control ("tried to seize": the trier), or UINT32_MAX. */
uint32_t sr_parse_subject(const sr_doc *d, uint32_t v);
/* The direct object of v (obj, else iobj), or UINT32_MAX. */
uint32_t sr_parse_object(const sr_doc *d, uint32_t v);
/* The agent of a passive v ("by the police": the noun), or UINT32_MAX. */
uint32_t sr_parse_agent(const sr_doc *d, uint32_t v);
/* Is v a passive predicate (an aux:pass or nsubj:pass dependent, or a
 * participle modifying a noun: "a convoy seized by rebels")? */
bool sr_parse_is_passive(const sr_doc *d, uint32_t v);
/* The verb governing token i: the nearest ancestor (i itself excluded)
 * tagged VERB (or AUX heading a clause), or UINT32_MAX. */
uint32_t sr_parse_governor(const sr_doc *d, uint32_t i);

/* ---- CoNLL-U, for `sitrep parse` and the trainer --------------------------- */

/* One sentence of a CoNLL-U file: its word lines (multiword-token ranges
 * and empty nodes skipped), columns as read (arena strings). */
typedef struct sr_conllu_word {
    const char *form, *upos, *xpos, *deprel;
    uint32_t head; /* 0 for the root; UINT32_MAX when "_" */
} sr_conllu_word;
typedef struct sr_conllu_sent {
    SR_VEC(sr_conllu_word) w;
    SR_VEC(const char *) comments; /* "# ..." lines, as read */
} sr_conllu_sent;
/* Reads the next sentence; returns 1, 0 at the end, -1 on a malformed line
 * (*line set to its number). */
int sr_conllu_read(FILE *in, sr_arena *a, sr_conllu_sent *s, uint64_t *line);
/* Makes d a document of the words as tokens (one space between them), one
 * sentence, and tags it (tag.c).  d is reset; its memory comes from a. */
sitrep_status sr_parse_doc_from_words(sr_doc *d, sr_arena *a, const sitrep_model *m,
                                      const sr_conllu_word *w, uint32_t n);

/* ---- for the trainer (tools/parse_train.c), which computes exactly the
 * features the parser uses ---------------------------------------------- */

/* The per-token facts of one sentence. */
typedef struct sr_ptok {
    uint64_t w;     /* the word, lower-cased */
    uint64_t pw;    /* the word as the parser sees it: w, or SR_PARSE_UNK
                     * when not in the parser's vocabulary (sr_parse_tag) */
    uint64_t sfx[4], pfx[3];
    uint64_t shape;
    uint8_t penn;   /* tag.c's tag */
    uint8_t cls;    /* the tagger's class (UPOS + treebank tag), set by tagging */
    uint8_t upos;
    uint8_t flags;
} sr_ptok;
typedef struct sr_psent {
    sr_ptok *t;
    uint32_t n;
} sr_psent;
/* A word as the parser keys it (sr_ptok.w): lower case, digits as 0, at
 * most 64 bytes (lw has room for 64); returns its length.  Its key. */
size_t sr_parse_word_form(const char *w, size_t len, char *lw);
uint64_t sr_parse_word_key(const char *lw, size_t n);
/* The per-token facts of tokens [first, first + n) of d, from a. */
sr_psent *sr_parse_prepare(sr_arena *a, const sr_doc *d, uint32_t first, uint32_t n);
/* The tagger's features of token i (with the classes of the tokens before
 * it as already set); returns their number (at most SR_PARSE_MAXFEAT). */
uint32_t sr_parse_tag_feats(const sr_psent *s, uint32_t i, uint64_t *f);

/* A parser configuration over n words; index n is the root. */
typedef struct sr_pstate {
    uint32_t n, cap;             /* words now; most words (set n <= cap, then reset) */
    uint32_t *stack, sp;
    uint32_t b;                  /* the buffer's first item (n: the root only) */
    uint32_t *head;              /* per word: head index, UINT32_MAX none */
    uint8_t *label;              /* per word: relation (sr_dep) */
    uint32_t *l1, *l2, *r1, *r2; /* leftmost, second leftmost, rightmost ... dependents */
    uint8_t *nl, *nr;            /* left and right dependents */
    uint64_t *lset, *rset;       /* labels of the left and right dependents */
} sr_pstate;
/* Allocates a configuration for n words from a (false when out of memory). */
bool sr_pstate_init(sr_pstate *st, sr_arena *a, uint32_t n);
void sr_pstate_reset(sr_pstate *st);
static inline bool sr_pstate_final(const sr_pstate *st) { return st->b == st->n && st->sp == 0; }
bool sr_pstate_valid(const sr_pstate *st, int action);
bool sr_pstate_kind_valid(const sr_pstate *st, int kind);
/* The transition of a kind with relation rel (sr_dep; ignored for shift
 * and reduce). */
static inline int sr_pstate_action(int kind, int rel)
{
    return kind == SR_PK_SHIFT ? SR_PA_SHIFT : kind == SR_PK_REDUCE ? SR_PA_REDUCE
         : (kind == SR_PK_LEFT ? SR_PA_LEFT : SR_PA_RIGHT) + rel - 1;
}
void sr_pstate_apply(sr_pstate *st, int action);
/* The parser's features of the configuration (for the kind of the next
 * transition); returns their number. */
uint32_t sr_parse_feats(const sr_pstate *st, const sr_psent *s, uint64_t *f);
/* The features of the relation of the arc a transition of `kind` (left or
 * right) makes in st; returns their number. */
uint32_t sr_parse_label_feats(const sr_pstate *st, const sr_psent *s, int kind, uint64_t *f);
/* Does an arc of `kind` in st take the root relation without a choice (a
 * left arc from the root)? */
static inline bool sr_pstate_root_arc(const sr_pstate *st, int kind) { return kind == SR_PK_LEFT && st->b == st->n; }
/* Sets each word's class from the tagger's classes table (the trainer may
 * set cls itself) and its upos. */
void sr_parse_set_class(const sitrep_model *m, sr_psent *s, uint32_t i, uint8_t cls);
/* The parser's value of a word outside its vocabulary. */
#define SR_PARSE_UNK 3u
/* Tags sentence s with the model (classes and upos) and sets each word's
 * parser value (pw). */
void sr_parse_tag(const sitrep_model *m, sr_psent *s);
/* Parses s with the model into st (the configuration left final, roots
 * repaired). */
void sr_parse_decode(const sitrep_model *m, const sr_psent *s, sr_pstate *st);
/* Gives one root to a final configuration: the first word attached to the
 * root keeps it; the other roots attach to it as parataxis. */
void sr_pstate_one_root(sr_pstate *st);

/* ---- beam search ------------------------------------------------------------
 * The beam's configurations share their stacks: a stack item is an
 * immutable node holding what the features ask of its word, so a
 * transition costs O(1) whatever the sentence's length (a copy of a
 * configuration would cost its length). */

/* What the features see of a word's attachments. */
typedef struct sr_pword {
    uint32_t head, hhead;        /* its head, its head's head (UINT32_MAX none) */
    uint32_t l1, l2, r1, r2;     /* outer dependents, as in sr_pstate */
    uint64_t lset, rset;
    uint8_t label, hlabel;       /* its relation, its head's */
    uint8_t nl, nr;
    uint8_t ll1, ll2, lr1, lr2;  /* the relations of l1, l2, r1, r2 */
} sr_pword;
typedef struct sr_pnode {
    const struct sr_pnode *next; /* the item below; NULL at the bottom */
    uint32_t w;
    sr_pword f;
} sr_pnode;
/* A configuration of the beam. */
typedef struct sr_pitem {
    const sr_pnode *top; /* the stack */
    uint32_t n, b;       /* words; the buffer's first (n: the root) */
    sr_pword n0;         /* what b has (left dependents only) */
    int64_t score;
    uint8_t gold;        /* for the trainer: on the gold path */
} sr_pitem;
static inline bool sr_pitem_final(const sr_pitem *it) { return it->b == it->n && !it->top; }
bool sr_pitem_kind_valid(const sr_pitem *it, int kind);
/* The features of sr_parse_feats and sr_parse_label_feats, of an item. */
uint32_t sr_pitem_feats(const sr_pitem *it, const sr_psent *s, uint64_t *f);
uint32_t sr_pitem_label_feats(const sr_pitem *it, const sr_psent *s, int kind, uint64_t *f);
static inline bool sr_pitem_root_arc(const sr_pitem *it, int kind) { return kind == SR_PK_LEFT && it->b == it->n; }

/* The beam's scratch, sized once for the longest sentence and the width. */
#define SR_PARSE_MAXBEAM 64
typedef struct sr_pbeam {
    uint32_t width, cap;       /* items kept; most words */
    sr_pnode *pool;            /* stack nodes: two a transition an item at most */
    size_t npool;
    sr_pitem *cur, *nxt;       /* the items of this step (best first), the next */
    uint32_t ncur, step;
    uint32_t *hist;            /* per step and item: its parent << 8 | its action */
    int gold;                  /* the item on the gold path after sr_pbeam_step, -1 none */
} sr_pbeam;
bool sr_pbeam_init(sr_pbeam *bm, sr_arena *a, uint32_t n, uint32_t width);
/* Starts a sentence of n words (n <= cap). */
void sr_pbeam_start(sr_pbeam *bm, uint32_t n);
/* How the beam scores: the four kinds' scores of features f, and the best
 * relation (sr_dep, never root) of an arc from its features. */
typedef struct sr_pscorer {
    void (*kinds)(void *ctx, const uint64_t *f, uint32_t n, int64_t *score);
    int (*label)(void *ctx, const uint64_t *f, uint32_t n);
    /* Joint scoring when set: every relation's score (nlabels, relation -
     * 1) of an arc's features, added to the item's; the SR_PARSE_JOINT
     * best relations of each arc compete in the beam. */
    void (*labels)(void *ctx, const uint64_t *f, uint32_t n, int64_t *score);
    void *ctx;
} sr_pscorer;
#define SR_PARSE_JOINT 3
/* One transition for every item: the `width` best scored successors are
 * kept, best first (ties: the earlier parent, then the kind).  With
 * gold_kind >= 0 (training), the successor of the gold item by gold_kind
 * takes gold_rel as its relation and is the gold one (bm->gold). */
void sr_pbeam_step(sr_pbeam *bm, const sr_psent *s, const sr_pscorer *sc, int gold_kind, int gold_rel);
/* The transitions that led to item j of the current step, in order, into
 * actions[0 .. bm->step). */
void sr_pbeam_path(const sr_pbeam *bm, uint32_t j, uint8_t *actions);
/* Parses s with beam search of `width` items (1: greedy) into st; bm sized
 * for s and width; actions has room for 2 s->n transitions. */
void sr_parse_decode_beam(const sitrep_model *m, const sr_psent *s, sr_pstate *st, sr_pbeam *bm,
                          uint8_t *actions);
/* The width the model's weights were learned with (the default). */
uint32_t sr_parse_default_beam(const sitrep_model *m);

/* The PARW section (written by parse_train, copied by mkmodel):
 *   "SRPARW\0\0", u32 version, u32 nclasses, u32 nkinds (4), u32 nlabels,
 *   u32 beam: the width the kinds were learned with (the default), | 0x100
 *     when the relations were learned with them in the beam (joint),
 *   then three weight tables:
 *   - the tagger's (nclasses wide), sparse:
 *     u32 nfeat, u32 nslots, u32 nent, float scale,
 *     nslots x {u32 fp, u32 at}: a feature's slot, probed linearly from
 *       key >> 32; fp its key's low 32 bits, at its run in ent (0: empty),
 *     u32 ent[nent]: ent[0] unused, then a run a feature: n, then n words
 *       (class << 16 | weight as u16); or, for a feature with many
 *       weights, 0x80000000 | m, then m words holding 2m i16 weights, one a
 *       class in order (m = (width + 1) / 2);
 *   - the transition kinds' (4 wide), dense, the weights in the slot:
 *     u32 nfeat, u32 nslots, float scale, u32 0,
 *     nslots x {u32 fp, i16 w[4]}: probed linearly from key >> 32, fp the
 *       key's low 32 bits with the lowest bit set (0: an empty slot);
 *   - the relations' (nlabels wide: relation - 1), sparse as the tagger's;
 *   then the parser's vocabulary: u32 nslots, nslots x u64 word (0: empty),
 *     probed linearly from word >> 40;
 *   then the classes: nclasses x {u8 upos, char xpos[7]}. */
#define SR_PARW_MAGIC "SRPARW\0\0"

#endif /* SR_LANG_PARSE_H */
