/* Fuzzes the model loader.  The input patches a copy of the real model
 * (XOR bytes at an offset, optionally truncating); with the first byte's
 * low bit set, every checksum is recomputed afterwards, so the checks that
 * stand behind the checksums (table bounds, records, tags) are reached.
 * A model that opens must then tag a sentence without fault. */
#include "fuzz_common.h"


static unsigned char *orig;
static size_t orig_len;

static void fix_crcs(unsigned char *b, size_t n)
{
    sr_model_header h;
    if (n < sizeof h)
        return;
    memcpy(&h, b, sizeof h);
    if (h.nsections > 64 || sizeof h + (size_t)h.nsections * sizeof(sr_model_section) > n)
        return;
    sr_model_section *sec = (sr_model_section *)(void *)(b + sizeof h);
    for (uint32_t i = 0; i < h.nsections; i++)
        if (sec[i].offset <= n && sec[i].length <= n - sec[i].offset)
            sec[i].crc = sr_model_checksum(b + sec[i].offset, (size_t)sec[i].length);
    h.table_crc = sr_model_checksum(sec, h.nsections * sizeof *sec);
    memcpy(b, &h, sizeof h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!orig) {
        FILE *f = fopen(SITREP_MODEL_DEFAULT, "rb");
        if (!f)
            abort();
        fseek(f, 0, SEEK_END);
        orig_len = (size_t)ftell(f);
        rewind(f);
        orig = malloc(orig_len);
        if (!orig || fread(orig, 1, orig_len, f) != orig_len)
            abort();
        fclose(f);
    }
    if (size < 6)
        return 0;
    unsigned char *b = malloc(orig_len);
    memcpy(b, orig, orig_len);
    size_t n = orig_len;
    uint32_t off;
    memcpy(&off, data + 1, 4);
    /* Most of the model is big tables; aim half the patches at the header,
     * section table and small sections at the start. */
    off = (data[0] & 2) ? off % 4096 : off % (uint32_t)orig_len;
    for (size_t i = 5; i < size && off + (i - 5) < n; i++)
        b[off + (i - 5)] ^= data[i];
    if (data[0] & 4)
        n = off; /* truncate */
    if (data[0] & 1)
        fix_crcs(b, n);
    sitrep_model *m;
    if (sitrep_model_open_memory(b, n, &m) == SITREP_OK) {
        sitrep_extractor *x;
        if (sitrep_extractor_new(m, &x) != SITREP_OK)
            abort();
        static const char text[] = "Militants killed 30 people in Paris on Friday, officials said.";
        const sitrep_record *rec;
        sitrep_extract_buffer(x, text, sizeof text - 1, SITREP_FORMAT_TEXT, "fuzz", &rec);
        if (rec)
            sitrep_record_write(rec, fz_null(), SITREP_WRITE_TOKENS);
        sitrep_extractor_free(x);
        sitrep_model_free(m);
    }
    free(b);
    return 0;
}
