/*
 * event_gate.h: the learned test of conflict sense (event.c), and what
 * tools/event_train.c needs to learn it.
 *
 * A trigger whose word can tell political violence, a protest or a riot
 * (an ACLED class, or CAMEO 18-20) is scored by a linear model over
 * hashed features of its context: the words around it and in its clause
 * (lemmas; names as their entity type, numbers and dates left out), who
 * acts and on whom (sectors, entity types), the WordNet classes of the
 * clause's nouns.  The weights are the model's EVTW section:
 *   u32 magic 'EVT1', u32 nslots (a power of 2), float threshold,
 *   float weight[nslots]
 * A score below the threshold: the word is used in another sense.
 */
#ifndef SR_EVENT_GATE_H
#define SR_EVENT_GATE_H

#include "meaning/meaning.h"

#define SR_EVTW_MAGIC 0x31545645u /* "EVT1" */
#define SR_EVTW_SLOTS (1u << 16)
#define SR_EVF_MAX 512 /* features of one trigger at most */

/* Called, when set, for every candidate with its features (training). */
typedef void (*sr_event_trace_fn)(void *ctx, const sr_doc *d, const sr_event *ev,
                                  const uint32_t *feat, int n);
void sr_event_set_trace(sr_event_trace_fn fn, void *ctx);

#endif
