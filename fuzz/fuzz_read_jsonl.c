/* Fuzzes JSONL framing and parsing: whatever the input, a good document
 * on the line after it must still be read (one bad line never loses the
 * rest of a batch). */
#include "fuzz_common.h"

#include <cJSON.h>
#include <string.h>

/* The first line of the input through our scanner and through cJSON:
 * when both accept it, the decoded "text" and "id" must agree; when ours
 * accepts, cJSON must too (but for lone surrogates, which we write as
 * U+FFFD and cJSON refuses).  cJSON is laxer (numbers such as 01 or +1,
 * raw control characters, data after the object), so the converse is not
 * checked. */
static void differential(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t n = nl ? (size_t)(nl - s) : size;
    sr_arena a;
    sr_arena_init(&a);
    sr_jsonl_field f[2] = {{.name = "text"}, {.name = "id"}};
    sr_jsonl_error err;
    bool ours = sr_jsonl_parse(s, n, &a, f, 2, &err);
    if (!ours && err.offset > n)
        abort();
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    bool theirs = j && cJSON_IsObject(j);
    if (theirs && end)
        for (const char *p = end; p < s + n; p++)
            if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                theirs = false;
    if (ours && !theirs && !memmem(s, n, "\\u", 2))
        abort();
    if (ours && theirs) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        bool ts = cJSON_IsString(t);
        if (ts != (f[0].type == SR_JSON_STRING))
            abort();
        if (ts && !memchr(f[0].value, 0, f[0].len) &&
            (strlen(t->valuestring) != f[0].len || memcmp(t->valuestring, f[0].value, f[0].len) != 0))
            abort();
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
        if (cJSON_IsString(id) != (f[1].type == SR_JSON_STRING))
            abort();
        if (cJSON_IsNumber(id) != (f[1].type == SR_JSON_NUMBER))
            abort();
    }
    cJSON_Delete(j);
    sr_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    differential(data, size);
    static const char tail[] = "\n{\"id\":\"sentinel\",\"text\":\"Still read.\"}\n";
    char *buf = malloc(size + sizeof tail);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    memcpy(buf + size, tail, sizeof tail - 1);
    sitrep_source_options opt = {.format = SITREP_FORMAT_JSONL, .max_doc_bytes = 4096};
    sitrep_source *src;
    if (sitrep_source_open_memory(buf, size + sizeof tail - 1, "fuzz.jsonl", &opt, &src) != SITREP_OK)
        abort();
    const sitrep_record *rec;
    char last[32] = "";
    while (sitrep_extract_next(fz_extractor(), src, &rec) != SITREP_END) {
        if (!rec)
            abort();
        sitrep_record_write(rec, fz_null(), 0);
        snprintf(last, sizeof last, "%s", sitrep_record_id(rec));
    }
    if (strcmp(last, "sentinel") != 0)
        abort();
    sitrep_source_free(src);
    free(buf);
    return 0;
}
