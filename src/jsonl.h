/* jsonl.h: the JSONL line scanner (jsonl.c). */
#ifndef SR_JSONL_H
#define SR_JSONL_H

#include "internal.h"

typedef enum { SR_JSON_ABSENT, SR_JSON_STRING, SR_JSON_NUMBER, SR_JSON_OTHER } sr_json_type;

/* A member to look for.  `name` is set by the caller; the rest is filled:
 * a string's decoded bytes (NUL-terminated, in the arena), a number's text,
 * or type OTHER for any other value. */
typedef struct sr_jsonl_field {
    const char *name;
    const char *value;
    size_t len;
    sr_json_type type;
} sr_jsonl_field;

typedef struct sr_jsonl_error {
    const char *message; /* static */
    size_t offset;       /* byte offset in the line */
} sr_jsonl_error;

/* Parses one line holding one JSON object (white space around it allowed).
 * The first occurrence of a member wins.  Returns false with *err set when
 * the line is not exactly one valid JSON object. */
bool sr_jsonl_parse(const char *line, size_t n, sr_arena *arena, sr_jsonl_field *fields,
                    size_t nfields, sr_jsonl_error *err);

#endif
