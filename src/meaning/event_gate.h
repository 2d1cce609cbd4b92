/*
 * event_gate.h: the learned parts of the event stage (event.c), and what
 * tools/event_train.c needs to learn them.
 *
 * Conflict sense.  A trigger whose word can tell political violence, a
 * protest or a riot (an ACLED class, or CAMEO 18-20) is scored by a linear
 * model over hashed features of its context: the words around it and in
 * its clause (lemmas; names as their entity type, numbers and dates left
 * out), the trigger's word with each, who acts and on whom (sectors,
 * entity types), the WordNet classes of the clause's nouns.  A score below
 * the threshold: the word is used in another sense.
 *
 * Incident type.  The ACLED sub-event type of an incident (its mentions
 * merged into one event) is the class of highest score over the features
 * of its mentions and the sub-types the rules give them.
 *
 * The weights are the model's EVTW section:
 *   u32 magic 'EVT1', u32 nslots (SR_EVTW_SLOTS), float threshold,
 *   float weight[nslots];
 *   u32 nslots (SR_EVTT_SLOTS), u32 nclasses (SR_ACLED_S__COUNT),
 *   float weight[nslots][nclasses], float examples[nclasses] (how many
 *   the weights learned from: too few, and the rules' type stands)
 */
#ifndef SR_EVENT_GATE_H
#define SR_EVENT_GATE_H

#include "meaning/meaning.h"

#define SR_EVTW_MAGIC 0x31545645u /* "EVT1" */
#define SR_EVTW_SLOTS (1u << 16)
#define SR_EVTT_SLOTS (1u << 14)
#define SR_EVF_MAX 512  /* features of one trigger at most */
#define SR_INF_MAX 2048 /* of one incident */

/* Called, when set, for every candidate trigger with its features
 * (incident = false) and for every incident (incident = true, ev the
 * merged event, its type still the rules'): for training.  n < 0 (ev and
 * feat NULL): the last -n candidates are withdrawn (their sentence is read
 * again, parsed). */
typedef void (*sr_event_trace_fn)(void *ctx, const sr_doc *d, const sr_event *ev, bool incident,
                                  const uint32_t *feat, int n);
void sr_event_set_trace(sr_event_trace_fn fn, void *ctx);

#endif
