/* Fuzzes the whole pipeline up to entities (name tagger, mentions, links,
 * actors, places) on plain text: every mention, entity and group must lie
 * in the text, every entity's mentions must point back to it, and records
 * must write. */
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
    FILE *null = fopen("/dev/null", "w");
    if (!null || sitrep_record_write(rec, null, 0) != SITREP_OK)
        abort();
    fclose(null);
    return 0;
}
