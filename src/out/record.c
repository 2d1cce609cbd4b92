/*
 * record.c: writes a document as a record (docs/record.md): JSON, one line
 * or indented, or a short readable summary.
 */
#include "out/out.h"

static void write_meta(sr_json *j, const sr_meta *m)
{
    sr_json_key(j, "meta");
    sr_json_begin_object(j);
    sr_json_key(j, "title");
    sr_json_cstr(j, m->title);
    sr_json_key(j, "section");
    sr_json_cstr(j, m->section);
    sr_json_key(j, "published");
    sr_json_cstr(j, m->published);
    sr_json_key(j, "published_basis");
    sr_json_cstr(j, m->published_basis);
    sr_json_key(j, "updated");
    sr_json_cstr(j, m->updated);
    sr_json_key(j, "byline");
    sr_json_cstr(j, m->byline);
    sr_json_key(j, "dateline");
    sr_json_cstr(j, m->dateline);
    if (m->agency) {
        sr_json_key(j, "agency");
        sr_json_cstr(j, m->agency);
    }
    sr_json_key(j, "url");
    sr_json_cstr(j, m->url);
    sr_json_key(j, "language");
    sr_json_cstr(j, m->language);
    sr_json_end_object(j);
}

/* "start": s, "end": e (byte offsets into the text), and "text": those
 * bytes when `text`, inside an open object. */
static void write_offsets(sr_json *j, const sr_doc *d, uint32_t s, uint32_t e, bool text)
{
    sr_json_key(j, "start");
    sr_json_int(j, s);
    sr_json_key(j, "end");
    sr_json_int(j, e);
    if (text) {
        sr_json_key(j, "text");
        sr_json_string(j, d->text + s, e - s);
    }
}

static void write_tokens(const sr_doc *d, const sitrep_model *m, sr_json *j)
{
    char lemma[128];
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        const sr_token *t = &d->tokens.v[i];
        if (!d->tags) {
            sr_json_span(j, t->start, t->end, sr_tok_kind_names[t->kind]);
            continue;
        }
        sr_json_begin_object(j);
        bool pretty = j->pretty;
        j->pretty = false; /* one token a line */
        write_offsets(j, d, t->start, t->end, false);
        sr_json_key(j, "kind");
        sr_json_cstr(j, sr_tok_kind_names[t->kind]);
        sr_json_key(j, "tag");
        sr_json_cstr(j, sr_tag_name(m, d->tags[i]));
        if (t->kind == SR_TOK_WORD) {
            size_t n = sr_lemma_of(d, m, i, lemma, sizeof lemma);
            sr_json_key(j, "lemma");
            sr_json_string(j, lemma, n);
        }
        if (d->ner && d->ner[i]) {
            sr_json_key(j, "name");
            sr_json_cstr(j, sr_ner_label_names[d->ner[i]]);
        }
        if (sr_parsed(d, i)) { /* the parse: head is a token index, null at a root */
            sr_json_key(j, "upos");
            sr_json_cstr(j, sr_upos_names[d->upos[i]]);
            sr_json_key(j, "head");
            if (d->heads[i] == SR_NO_HEAD)
                sr_json_null(j);
            else
                sr_json_int(j, d->heads[i]);
            sr_json_key(j, "rel");
            sr_json_cstr(j, sr_dep_names[d->deprels[i]]);
        }
        sr_json_end_object(j);
        j->pretty = pretty;
    }
}

static void write_actor(sr_json *j, const sr_actor *a)
{
    sr_json_key(j, "actor");
    sr_json_begin_object(j);
    sr_json_key(j, "code");
    sr_json_cstr(j, a->code);
    sr_json_key(j, "country");
    sr_json_cstr(j, a->country[0] ? a->country : NULL);
    sr_json_key(j, "sector");
    sr_json_cstr(j, a->sector[0] ? a->sector : NULL);
    sr_json_end_object(j);
}

static void write_entity_id(sr_json *j, uint32_t e)
{
    char id[16];
    int n = 0;
    id[n++] = 'e';
    char dg[12];
    int nd = 0;
    uint32_t v = e + 1;
    do {
        dg[nd++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (nd)
        id[n++] = dg[--nd];
    sr_json_string(j, id, (size_t)n);
}

static const char *const feature_names[] = {"country", "admin1", "city", "admin2", "continent"};

static void write_event_arg(const sr_doc *d, sr_json *j, const char *key, const sr_event_arg *a)
{
    sr_json_keyn(j, key, strlen(key));
    if (a->entity < 0 && !a->has_actor) {
        sr_json_null(j);
        return;
    }
    sr_json_begin_object(j);
    sr_json_key(j, "entity");
    if (a->entity >= 0)
        write_entity_id(j, (uint32_t)a->entity);
    else
        sr_json_null(j);
    sr_json_key(j, "text");
    if (a->end > a->start)
        sr_json_string(j, d->text + a->start, a->end - a->start);
    else
        sr_json_null(j);
    sr_json_key(j, "code");
    sr_json_cstr(j, a->has_actor ? a->actor.code : NULL);
    sr_json_key(j, "country");
    sr_json_cstr(j, a->has_actor && a->actor.country[0] ? a->actor.country : NULL);
    sr_json_key(j, "sector");
    sr_json_cstr(j, a->has_actor && a->actor.sector[0] ? a->actor.sector : NULL);
    if (a->end > a->start)
        write_offsets(j, d, a->start, a->end, false);
    sr_json_end_object(j);
}

/* lat, lon (when known), country (alpha-2) and admin1 of a gazetteer place. */
static void write_place_fields(sr_json *j, const sitrep_model *m, const sr_place_rec *p)
{
    if (p->has_coords) {
        sr_json_key(j, "lat");
        sr_json_fixed(j, p->lat, 4);
        sr_json_key(j, "lon");
        sr_json_fixed(j, p->lon, 4);
    }
    sr_json_key(j, "country");
    if (p->cc[0])
        sr_json_string(j, p->cc, 2);
    else
        sr_json_null(j); /* a continent */
    sr_json_key(j, "admin1");
    sr_json_cstr(j, sr_geo_admin1_name(m, p));
}

static const char *const precision_names[] = {"day", "month", "year"};

static void write_events(const sr_doc *d, const sitrep_model *m, sr_json *j)
{
    sr_json_key(j, "events");
    sr_json_begin_array(j);
    for (uint32_t i = 0; i < d->events.n; i++) {
        const sr_event *ev = &d->events.v[i];
        sr_json_begin_object(j);
        char id[16];
        snprintf(id, sizeof id, "v%u", i + 1);
        sr_json_key(j, "id");
        sr_json_cstr(j, id);
        write_offsets(j, d, ev->start, ev->end, false);
        sr_json_key(j, "trigger");
        sr_json_begin_object(j);
        write_offsets(j, d, ev->trig_start, ev->trig_end, true);
        sr_json_end_object(j);
        sr_json_key(j, "plover");
        sr_json_begin_object(j);
        sr_json_key(j, "type");
        sr_json_cstr(j, ev->plover);
        sr_json_key(j, "mode");
        sr_json_cstr(j, ev->mode);
        sr_json_end_object(j);
        sr_json_key(j, "cameo");
        sr_json_cstr(j, ev->cameo);
        sr_json_key(j, "acled");
        if (ev->acled_type) {
            sr_json_begin_object(j);
            sr_json_key(j, "event_type");
            sr_json_cstr(j, sr_acled_type_names[ev->acled_type]);
            sr_json_key(j, "sub_event_type");
            sr_json_cstr(j, sr_acled_sub_names[ev->acled_sub]);
            sr_json_end_object(j);
        } else
            sr_json_null(j);
        write_event_arg(d, j, "source", &ev->source);
        write_event_arg(d, j, "target", &ev->target);
        sr_json_key(j, "location");
        const sr_place_rec *p = sr_entity_place(d, m, ev->location);
        if (p) {
            const sr_entity *le = &d->entities.v[ev->location];
            sr_json_begin_object(j);
            sr_json_key(j, "entity");
            write_entity_id(j, (uint32_t)ev->location);
            sr_json_key(j, "name");
            sr_json_string(j, le->name, le->name_len);
            write_place_fields(j, m, p);
            sr_json_key(j, "precision");
            sr_json_int(j, p->feature == SR_FEATURE_CITY ? ev->loc_precision : p->feature == SR_FEATURE_ADMIN2 ? 2 : 3);
            if (ev->loc_end > ev->loc_start) /* evidence: the words naming it */
                write_offsets(j, d, ev->loc_start, ev->loc_end, false);
            sr_json_end_object(j);
        } else
            sr_json_null(j);
        sr_json_key(j, "date");
        if (ev->date_basis != SR_DATE_NONE) {
            sr_json_begin_object(j);
            sr_json_key(j, "value");
            sr_json_cstr(j, ev->date);
            sr_json_key(j, "precision");
            sr_json_cstr(j, precision_names[ev->date_precision]);
            sr_json_key(j, "basis");
            sr_json_cstr(j, ev->date_basis == SR_DATE_TEXT ? "text" : "published");
            if (ev->date_end > ev->date_start) /* evidence: the time expression */
                write_offsets(j, d, ev->date_start, ev->date_end, false);
            sr_json_end_object(j);
        } else
            sr_json_null(j);
        sr_json_key(j, "fatalities");
        if (ev->has_fatalities) {
            sr_json_begin_object(j);
            sr_json_key(j, "min");
            sr_json_int(j, ev->fat_min);
            sr_json_key(j, "max");
            sr_json_int(j, ev->fat_max);
            sr_json_key(j, "text");
            sr_json_string(j, d->text + ev->fat_start, ev->fat_end - ev->fat_start);
            write_offsets(j, d, ev->fat_start, ev->fat_end, false);
            sr_json_end_object(j);
        } else
            sr_json_null(j);
        sr_json_key(j, "injuries");
        if (ev->has_injuries) {
            sr_json_begin_object(j);
            sr_json_key(j, "min");
            sr_json_int(j, ev->inj_min);
            sr_json_key(j, "max");
            sr_json_int(j, ev->inj_max);
            write_offsets(j, d, ev->inj_start, ev->inj_end, true);
            sr_json_end_object(j);
        } else
            sr_json_null(j);
        sr_json_key(j, "history");
        sr_json_bool(j, ev->history);
        sr_json_key(j, "mentions"); /* of the one incident, each with its evidence */
        sr_json_begin_array(j);
        for (uint32_t k = 0; k < (ev->mentions ? ev->nmentions : 1); k++) {
            sr_event_mention one = {ev->start, ev->end, ev->trig_start, ev->trig_end, ev->reported_by};
            const sr_event_mention *mn = ev->mentions ? &ev->mentions[k] : &one;
            sr_json_begin_object(j);
            write_offsets(j, d, mn->start, mn->end, false);
            sr_json_key(j, "trigger");
            sr_json_begin_object(j);
            write_offsets(j, d, mn->trig_start, mn->trig_end, true);
            sr_json_end_object(j);
            sr_json_key(j, "reported_by");
            if (mn->reported_by >= 0)
                write_entity_id(j, (uint32_t)mn->reported_by);
            else
                sr_json_null(j);
            sr_json_end_object(j);
        }
        sr_json_end_array(j);
        sr_json_key(j, "reported_by");
        if (ev->reported_by >= 0)
            write_entity_id(j, (uint32_t)ev->reported_by);
        else
            sr_json_null(j);
        sr_json_key(j, "negated");
        sr_json_bool(j, ev->negated);
        sr_json_key(j, "modality");
        sr_json_cstr(j, sr_event_modality_names[ev->modality]);
        sr_json_key(j, "confidence");
        sr_json_fixed(j, ev->confidence, 2);
        sr_json_end_object(j);
    }
    sr_json_end_array(j);
}

static void write_entities(const sr_doc *d, const sitrep_model *m, sr_json *j)
{
    sr_json_key(j, "entities");
    sr_json_begin_array(j);
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        sr_json_begin_object(j);
        sr_json_key(j, "id");
        write_entity_id(j, e);
        sr_json_key(j, "type");
        sr_json_cstr(j, sr_ent_type_names[en->type]);
        sr_json_key(j, "name");
        sr_json_string(j, en->name, en->name_len);
        sr_json_key(j, "mentions");
        sr_json_begin_array(j);
        for (uint32_t q = 0; q < en->nmentions; q++) {
            const sr_mention *mn = &d->mentions.v[en->mentions[q]];
            sr_json_span(j, mn->start, mn->end, NULL);
        }
        sr_json_end_array(j);
        if (en->naliases) {
            sr_json_key(j, "aliases");
            sr_json_begin_array(j);
            for (uint32_t a = 0; a < en->naliases; a++)
                sr_json_string(j, d->norm + en->aliases[a].start,
                               en->aliases[a].end - en->aliases[a].start);
            sr_json_end_array(j);
        }
        if (en->title) {
            sr_json_key(j, "title");
            sr_json_cstr(j, en->title);
        }
        if (en->role) {
            sr_json_key(j, "role");
            sr_json_cstr(j, en->role);
        }
        if (en->affiliation >= 0) {
            sr_json_key(j, "affiliation");
            write_entity_id(j, (uint32_t)en->affiliation);
        }
        if (en->has_actor)
            write_actor(j, &en->actor);
        const sr_place_rec *p = sr_entity_place(d, m, (int32_t)e);
        if (p) {
            sr_json_key(j, "geo");
            sr_json_begin_object(j);
            write_place_fields(j, m, p);
            sr_json_key(j, "feature");
            sr_json_cstr(j, feature_names[p->feature]);
            sr_json_key(j, "population");
            if (p->population)
                sr_json_int(j, p->population);
            else
                sr_json_null(j);
            sr_json_key(j, "place");
            sr_json_cstr(j, m->strs + p->name_off);
            sr_json_end_object(j);
        }
        sr_json_end_object(j);
    }
    sr_json_end_array(j);
}

/* Group noun phrases that can act (an extension: "actors"). */
static void write_groups(const sr_doc *d, sr_json *j)
{
    sr_json_key(j, "actors");
    sr_json_begin_array(j);
    for (uint32_t g = 0; g < d->groups.n; g++) {
        const sr_group *gr = &d->groups.v[g];
        sr_json_begin_object(j);
        write_offsets(j, d, gr->start, gr->end, true);
        write_actor(j, &gr->actor);
        if (gr->entity >= 0) {
            sr_json_key(j, "entity");
            write_entity_id(j, (uint32_t)gr->entity);
        }
        sr_json_end_object(j);
    }
    sr_json_end_array(j);
}

static void write_json(const sr_doc *d, const sitrep_model *m, sr_buf *out, unsigned flags)
{
    sr_json j = {.b = out, .pretty = (flags & SITREP_WRITE_PRETTY) != 0, .first = true};
    sr_json_begin_object(&j);
    sr_json_key(&j, "schema");
    sr_json_cstr(&j, SITREP_SCHEMA);
    sr_json_key(&j, "id");
    sr_json_cstr(&j, d->id);
    if (d->error) {
        sr_json_key(&j, "error");
        sr_json_begin_object(&j);
        sr_json_key(&j, "message");
        sr_json_cstr(&j, d->error);
        sr_json_key(&j, "offset");
        sr_json_int(&j, d->error_offset);
        sr_json_end_object(&j);
        sr_json_end_object(&j);
        sr_buf_putc(out, '\n');
        return;
    }
    write_meta(&j, &d->meta);
    if (!(flags & SITREP_WRITE_NO_TEXT)) {
        sr_json_key(&j, "text");
        sr_json_string(&j, d->text, d->len);
    }
    sr_json_key(&j, "blocks");
    sr_json_begin_array(&j);
    for (uint32_t i = 0; i < d->blocks.n; i++) {
        const sr_block *b = &d->blocks.v[i];
        if (!b->heading) {
            sr_json_span(&j, b->start, b->end, sr_block_kind_names[b->kind]);
            continue;
        }
        /* a sub-heading inside the body: a body block, marked */
        sr_json_begin_object(&j);
        sr_json_key(&j, "start");
        sr_json_int(&j, b->start);
        sr_json_key(&j, "end");
        sr_json_int(&j, b->end);
        sr_json_key(&j, "kind");
        sr_json_cstr(&j, sr_block_kind_names[b->kind]);
        sr_json_key(&j, "heading");
        sr_json_bool(&j, true);
        sr_json_end_object(&j);
    }
    sr_json_end_array(&j);
    sr_json_key(&j, "sentences");
    sr_json_begin_array(&j);
    for (uint32_t i = 0; i < d->sentences.n; i++)
        sr_json_span(&j, d->sentences.v[i].start, d->sentences.v[i].end, NULL);
    sr_json_end_array(&j);
    if (d->ner) {
        write_entities(d, m, &j);
        write_groups(d, &j);
    }
    if (d->ner) {
        sr_json_key(&j, "times");
        sr_json_begin_array(&j);
        for (uint32_t i = 0; i < d->times.n; i++) {
            const sr_timex *t = &d->times.v[i];
            bool pretty = j.pretty;
            sr_json_begin_object(&j);
            j.pretty = false;
            sr_json_key(&j, "start");
            sr_json_int(&j, t->start);
            sr_json_key(&j, "end");
            sr_json_int(&j, t->end);
            sr_json_key(&j, "type");
            sr_json_cstr(&j, sr_timex_type_names[t->type]);
            sr_json_key(&j, "value");
            sr_json_cstr(&j, t->value);
            if (t->zone) {
                sr_json_key(&j, "zone");
                sr_json_cstr(&j, t->zone);
            }
            sr_json_end_object(&j);
            j.pretty = pretty;
        }
        sr_json_end_array(&j);
        sr_json_key(&j, "quantities");
        sr_json_begin_array(&j);
        for (uint32_t i = 0; i < d->quantities.n; i++) {
            const sr_quantity *q = &d->quantities.v[i];
            bool pretty = j.pretty;
            sr_json_begin_object(&j);
            j.pretty = false;
            sr_json_key(&j, "start");
            sr_json_int(&j, q->start);
            sr_json_key(&j, "end");
            sr_json_int(&j, q->end);
            sr_json_key(&j, "value");
            sr_json_fixed(&j, q->value, 3);
            sr_json_key(&j, "min");
            sr_json_fixed(&j, q->min, 3);
            sr_json_key(&j, "max");
            sr_json_fixed(&j, q->max, 3);
            sr_json_key(&j, "approx");
            sr_json_bool(&j, q->approx);
            sr_json_key(&j, "unit");
            sr_json_cstr(&j, q->unit);
            if (q->casualty) {
                sr_json_key(&j, "casualty");
                sr_json_cstr(&j, q->casualty);
            }
            sr_json_end_object(&j);
            j.pretty = pretty;
        }
        sr_json_end_array(&j);
        sr_json_key(&j, "quotes");
        sr_json_begin_array(&j);
        for (uint32_t i = 0; i < d->quotes.n; i++) {
            const sr_quote *q = &d->quotes.v[i];
            sr_json_begin_object(&j);
            sr_json_key(&j, "start");
            sr_json_int(&j, q->start);
            sr_json_key(&j, "end");
            sr_json_int(&j, q->end);
            sr_json_key(&j, "direct");
            sr_json_bool(&j, q->direct);
            sr_json_key(&j, "speaker");
            if (q->speaker >= 0)
                write_entity_id(&j, (uint32_t)q->speaker);
            else
                sr_json_null(&j);
            sr_json_key(&j, "speaker_text");
            if (q->speaker_end > q->speaker_start)
                sr_json_string(&j, d->text + q->speaker_start, q->speaker_end - q->speaker_start);
            else
                sr_json_null(&j);
            sr_json_key(&j, "cue");
            if (q->has_cue)
                sr_json_span(&j, q->cue_start, q->cue_end, NULL);
            else
                sr_json_null(&j);
            sr_json_end_object(&j);
        }
        sr_json_end_array(&j);
        write_events(d, m, &j);
    }
    if (flags & SITREP_WRITE_TOKENS) {
        sr_json_key(&j, "tokens");
        sr_json_begin_array(&j);
        write_tokens(d, m, &j);
        sr_json_end_array(&j);
        sr_json_key(&j, "matches");
        sr_json_begin_array(&j);
        for (uint32_t i = 0; i < d->matches.n; i++) {
            const sr_match *mt = &d->matches.v[i];
            const sr_lex_rec *r = mt->rec;
            bool pretty = j.pretty;
            sr_json_begin_object(&j);
            j.pretty = false;
            sr_json_key(&j, "start");
            sr_json_int(&j, mt->start);
            sr_json_key(&j, "end");
            sr_json_int(&j, mt->end);
            sr_json_key(&j, "kind");
            sr_json_cstr(&j, sr_lex_kind_name(r->kind));
            sr_json_key(&j, "name");
            sr_json_cstr(&j, mt->strs + r->name_off);
            if (r->code[0]) { sr_json_key(&j, "code"); sr_json_cstr(&j, r->code); }
            if (r->country[0]) { sr_json_key(&j, "country"); sr_json_cstr(&j, r->country); }
            if (r->sector[0]) { sr_json_key(&j, "sector"); sr_json_cstr(&j, r->sector); }
            if (r->type[0]) { sr_json_key(&j, "type"); sr_json_cstr(&j, r->type); }
            if (r->group[0]) { sr_json_key(&j, "group"); sr_json_cstr(&j, r->group); }
            sr_json_end_object(&j);
            j.pretty = pretty;
        }
        sr_json_end_array(&j);
    }
    sr_json_key(&j, "warnings");
    sr_json_begin_array(&j);
    for (uint32_t i = 0; i < d->warnings.n; i++) {
        const sr_warning *w = &d->warnings.v[i];
        sr_json_begin_object(&j);
        sr_json_key(&j, "code");
        sr_json_cstr(&j, w->code);
        sr_json_key(&j, "message");
        sr_json_cstr(&j, w->message);
        if (w->start >= 0) {
            sr_json_key(&j, "start");
            sr_json_int(&j, w->start);
        }
        sr_json_end_object(&j);
    }
    sr_json_end_array(&j);
    sr_json_end_object(&j);
    sr_buf_putc(out, '\n');
}

/* At most `max` bytes of s[0..n) on one line, cut at a character boundary. */
static void put_clipped(sr_buf *b, const char *s, size_t n, size_t max)
{
    size_t k = n < max ? n : max;
    while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    for (size_t i = 0; i < k; i++)
        sr_buf_putc(b, (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i]);
    if (k < n)
        sr_buf_puts(b, "...");
}

static void write_summary(const sr_doc *d, const sitrep_model *model, sr_buf *b)
{
    sr_buf_printf(b, "%s\n", d->id ? d->id : "?");
    if (d->error) {
        sr_buf_printf(b, "  error:      %s (byte %lld)\n", d->error, (long long)d->error_offset);
        return;
    }
    const sr_meta *m = &d->meta;
    if (m->title) {
        sr_buf_puts(b, "  title:      ");
        put_clipped(b, m->title, strlen(m->title), 100);
        sr_buf_putc(b, '\n');
    }
    if (m->section)
        sr_buf_printf(b, "  section:    %s\n", m->section);
    if (m->published || m->updated)
        sr_buf_printf(b, "  published:  %s%s%s\n", m->published ? m->published : "?",
                      m->updated ? "   updated: " : "", m->updated ? m->updated : "");
    if (m->byline)
        sr_buf_printf(b, "  byline:     %s\n", m->byline);
    if (m->dateline)
        sr_buf_printf(b, "  dateline:   %s%s%s%s\n", m->dateline, m->agency ? " (" : "",
                      m->agency ? m->agency : "", m->agency ? ")" : "");
    uint32_t counts[SR_BLOCK__COUNT] = {0};
    for (uint32_t i = 0; i < d->blocks.n; i++)
        counts[d->blocks.v[i].kind]++;
    sr_buf_printf(b, "  blocks:     %u (", d->blocks.n);
    bool first = true;
    for (int k = 0; k < SR_BLOCK__COUNT; k++) {
        if (!counts[k])
            continue;
        sr_buf_printf(b, "%s%u %s", first ? "" : ", ", counts[k], sr_block_kind_names[k]);
        first = false;
    }
    sr_buf_puts(b, ")\n");
    sr_buf_printf(b, "  sentences:  %u   tokens: %u   bytes: %u   warnings: %u\n", d->sentences.n,
                  d->tokens.n, d->len, d->warnings.n);
    for (uint32_t i = 0; i < d->sentences.n && i < 3; i++) {
        const sr_sentence *s = &d->sentences.v[i];
        sr_buf_printf(b, "  sentence %u: ", i + 1);
        put_clipped(b, d->text + s->start, s->end - s->start, 110);
        sr_buf_putc(b, '\n');
    }
    for (uint32_t i = 0; i < d->blocks.n; i++) {
        const sr_block *bl = &d->blocks.v[i];
        if (bl->kind != SR_BLOCK_BOILERPLATE)
            continue;
        sr_buf_puts(b, "  boilerplate: ");
        put_clipped(b, d->text + bl->start, bl->end - bl->start, 100);
        sr_buf_putc(b, '\n');
    }
    /* entities, most mentioned first (at most 12) */
    if (d->entities.n) {
        sr_buf_printf(b, "  entities:   %u\n", d->entities.n);
        uint32_t order[12];
        uint32_t n = 0;
        while (n < 12 && n < d->entities.n) {
            uint32_t best = UINT32_MAX;
            for (uint32_t e = 0; e < d->entities.n; e++) {
                bool used = false;
                for (uint32_t q = 0; q < n; q++)
                    used |= order[q] == e;
                if (!used && (best == UINT32_MAX ||
                              d->entities.v[e].nmentions > d->entities.v[best].nmentions))
                    best = e;
            }
            order[n++] = best;
        }
        for (uint32_t q = 0; q < n; q++) {
            const sr_entity *en = &d->entities.v[order[q]];
            sr_buf_printf(b, "    %-6s %.*s (%u)", sr_ent_type_names[en->type], (int)en->name_len,
                          en->name, en->nmentions);
            if (en->title)
                sr_buf_printf(b, " title=%s", en->title);
            if (en->role)
                sr_buf_printf(b, " role=%s", en->role);
            if (en->has_actor)
                sr_buf_printf(b, " actor=%s", en->actor.code);
            if (en->place != UINT32_MAX && model) {
                const sr_place_rec *p = sr_geo_place(model, en->place);
                if (p)
                    sr_buf_printf(b, " at %.2f,%.2f %.2s", (double)p->lat, (double)p->lon, p->cc);
            }
            sr_buf_putc(b, '\n');
        }
    }
    for (uint32_t i = 0; i < d->warnings.n && i < 5; i++)
        sr_buf_printf(b, "  warning:    %s: %s\n", d->warnings.v[i].code, d->warnings.v[i].message);
}

sitrep_status sr_record_write(const sr_doc *d, const sitrep_model *m, sr_buf *out, unsigned flags)
{
    /* One allocation for most records: the text plus ~40 bytes a span. */
    size_t spans = (size_t)d->blocks.n + d->sentences.n +
                   ((flags & SITREP_WRITE_TOKENS) ? d->tokens.n : 0);
    sr_buf_reserve(out, (size_t)d->len + d->len / 8 + 48 * spans + 1024);
    if (flags & SITREP_WRITE_EVENTS_HEADER)
        sr_write_events_csv_header(out);
    if (flags & SITREP_WRITE_EVENTS_CSV)
        sr_write_events_csv(d, m, out);
    else if (flags & SITREP_WRITE_EVENTS_GDELT)
        sr_write_events_gdelt(d, m, out);
    else if (flags & SITREP_WRITE_SUMMARY)
        write_summary(d, m, out);
    else
        write_json(d, m, out, flags);
    return out->failed ? SITREP_ENOMEM : SITREP_OK;
}
