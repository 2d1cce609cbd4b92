/* Fuzzes the whole pipeline (name tagger, mentions, links, actors, places,
 * times, quantities, quotes, events) on plain text: every mention, entity,
 * group and event must lie in the text, every entity's mentions must point
 * back to it, events' entities must exist, and records must write as JSON,
 * ACLED-style CSV and GDELT rows. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sitrep_model *m;
    static sitrep_extractor *x;
    if (!m && (sitrep_model_open(NULL, &m) != SITREP_OK || sitrep_extractor_new(m, &x) != SITREP_OK))
        abort();
    const sitrep_record *rec;
    sitrep_status st = sitrep_extract_buffer(x, (const char *)data, size, SITREP_FORMAT_TEXT, "f", &rec);
    if (st != SITREP_OK)
        return 0; /* an error record: fine */
    const sr_doc *d = &rec->doc;
    for (uint32_t k = 0; k < d->mentions.n; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (mn->start >= mn->end || mn->end > d->len || mn->entity >= d->entities.n ||
            mn->type >= SR_ENT__COUNT)
            abort();
    }
    for (uint32_t e = 0; e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        if (!en->nmentions || !en->name || en->affiliation >= (int32_t)d->entities.n)
            abort();
        for (uint32_t q = 0; q < en->nmentions; q++)
            if (en->mentions[q] >= d->mentions.n || d->mentions.v[en->mentions[q]].entity != e)
                abort();
        if (en->place != UINT32_MAX && !sr_geo_place(m, en->place))
            abort();
    }
    for (uint32_t g = 0; g < d->groups.n; g++)
        if (d->groups.v[g].start > d->groups.v[g].end || d->groups.v[g].end > d->len)
            abort();
    for (uint32_t i = 0; i < d->events.n; i++) {
        const sr_event *ev = &d->events.v[i];
        if (ev->start > ev->end || ev->end > d->len || ev->trig_start >= ev->trig_end ||
            ev->trig_start < ev->start || ev->trig_end > ev->end || !ev->plover ||
            ev->source.entity >= (int32_t)d->entities.n || ev->target.entity >= (int32_t)d->entities.n ||
            ev->location >= (int32_t)d->entities.n || ev->reported_by >= (int32_t)d->entities.n ||
            ev->source.end > d->len || ev->target.end > d->len || ev->fat_end > d->len ||
            ev->fat_start > ev->fat_end || ev->acled_type >= SR_ACLED_T__COUNT ||
            ev->acled_sub >= SR_ACLED_S__COUNT || ev->modality >= SR_MOD__COUNT)
            abort();
    }
    FILE *null = fopen("/dev/null", "w");
    if (!null || sitrep_record_write(rec, null, 0) != SITREP_OK ||
        sitrep_record_write(rec, null, SITREP_WRITE_EVENTS_CSV | SITREP_WRITE_EVENTS_HEADER) != SITREP_OK ||
        sitrep_record_write(rec, null, SITREP_WRITE_EVENTS_GDELT) != SITREP_OK)
        abort();
    fclose(null);
    return 0;
}
