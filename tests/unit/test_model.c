/* The model file: opening, validation, damage detection. */
#include "testutil.h"

#include <sys/stat.h>

static unsigned char *model_bytes;
static size_t model_len;

static int load(void **state)
{
    (void)state;
    FILE *f = fopen(SITREP_MODEL_DEFAULT, "rb");
    if (!f)
        return -1;
    struct stat st;
    fstat(fileno(f), &st);
    model_len = (size_t)st.st_size;
    model_bytes = malloc(model_len);
    size_t k = fread(model_bytes, 1, model_len, f);
    fclose(f);
    return k == model_len ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    free(model_bytes);
    return 0;
}

static void test_open_default_and_describe(void **state)
{
    (void)state;
    sitrep_model *m;
    assert_int_equal(sitrep_model_open(NULL, &m), SITREP_OK);
    assert_true(m->ntags >= 40);
    assert_true(m->lex.nentries > 40000);
    assert_true(m->wn_index.nentries > 100000);
    assert_true(sr_tag_find(m, "NNP") >= 0 && sr_tag_find(m, "VBD") >= 0);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(sitrep_model_describe(m, f), SITREP_OK);
    fclose(f);
    assert_non_null(strstr(buf, "LEXH"));
    assert_non_null(strstr(buf, "generator: tools/mkmodel.c"));
    free(buf);
    sitrep_model_free(m);
}

static void expect_bad(const unsigned char *b, size_t n, const char *why)
{
    sitrep_model *m = (sitrep_model *)(uintptr_t)1;
    assert_int_equal(sitrep_model_open_memory(b, n, &m), SITREP_EMODEL);
    assert_null(m);
    /* and through a file, with the reason in the message */
    char path[] = "/tmp/sitrep-test-model-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, n), (ssize_t)n);
    close(fd);
    char err[512];
    assert_int_equal(sitrep_model_open_err(path, &m, err, sizeof err), SITREP_EMODEL);
    if (!strstr(err, why))
        fail_msg("expected '%s' in '%s'", why, err);
    unlink(path);
}

static void test_damage_is_detected(void **state)
{
    (void)state;
    sitrep_model *m;
    assert_int_equal(sitrep_model_open_memory(model_bytes, model_len, &m), SITREP_OK);
    sitrep_model_free(m);

    unsigned char *b = malloc(model_len);
    /* truncated */
    expect_bad(model_bytes, model_len - 100, "truncated");
    expect_bad(model_bytes, 10, "shorter than its header");
    /* not a model */
    memcpy(b, model_bytes, model_len);
    b[0] = 'X';
    expect_bad(b, model_len, "not a sitrep model");
    /* another format version */
    memcpy(b, model_bytes, model_len);
    b[8] = 99;
    expect_bad(b, model_len, "version");
    /* one flipped bit in the middle of a section */
    memcpy(b, model_bytes, model_len);
    b[model_len / 2] ^= 0x10;
    expect_bad(b, model_len, "checksum");
    /* a section table entry pointing outside the file (its CRC fixed up) */
    memcpy(b, model_bytes, model_len);
    sr_model_section sec;
    memcpy(&sec, b + sizeof(sr_model_header), sizeof sec);
    sec.offset = model_len + 16;
    memcpy(b + sizeof(sr_model_header), &sec, sizeof sec);
    expect_bad(b, model_len, "checksum"); /* the table CRC catches it first */
    free(b);
    /* a missing file */
    char err[512];
    assert_int_equal(sitrep_model_open_err("/nonexistent/sitrep.model", &m, err, sizeof err),
                     SITREP_EMODEL);
    assert_non_null(strstr(err, "cannot open model"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_default_and_describe),
        cmocka_unit_test(test_damage_is_detected),
    };
    return cmocka_run_group_tests_name("model", tests, load, unload);
}
