/* Records as JSON: parse our own output and check the contract. */
#include "testutil.h"

#include <cJSON.h>

static cJSON *write_and_parse(const sitrep_record *rec, unsigned flags)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(sitrep_record_write(rec, f, flags), SITREP_OK);
    fclose(f);
    cJSON *j = cJSON_ParseWithLength(buf, n);
    free(buf);
    assert_non_null(j);
    return j;
}

static void test_offsets_survive_json(void **state)
{
    (void)state;
    const char *t = "Headline\n\nA \"quoted\" word,\ta tab, a bad \xFF" " byte and \xE2\x80\x9C" "curly\xE2\x80\x9D.";
    const sitrep_record *rec;
    assert_int_equal(sitrep_extract_buffer(tu_x, t, strlen(t), SITREP_FORMAT_TEXT, "r", &rec), SITREP_OK);
    cJSON *j = write_and_parse(rec, 0);
    const char *text = cJSON_GetObjectItem(j, "text")->valuestring;
    /* same byte length: the invalid byte is written as '?' */
    assert_int_equal(strlen(text), strlen(t));
    const cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "sentences"), 0);
    int a = cJSON_GetObjectItem(s0, "start")->valueint, b = cJSON_GetObjectItem(s0, "end")->valueint;
    assert_memory_equal(text + a, "A \"quoted\" word,\ta tab", 22);
    assert_int_equal(b, (int)strlen(t));
    assert_string_equal(cJSON_GetObjectItem(j, "schema")->valuestring, "sitrep/1");
    const cJSON *w = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "warnings"), 0);
    assert_string_equal(cJSON_GetObjectItem(w, "code")->valuestring, "utf8");
    cJSON_Delete(j);

    /* pretty output parses to the same structure */
    cJSON *p = write_and_parse(rec, SITREP_WRITE_PRETTY | SITREP_WRITE_NO_TEXT);
    assert_null(cJSON_GetObjectItem(p, "text"));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p, "blocks")), 2);
    cJSON_Delete(p);
}

static void test_error_record(void **state)
{
    (void)state;
    const sitrep_record *rec;
    const char *bad = "{\"id\":\"q\",\"text\":";
    assert_int_equal(sitrep_extract_buffer(tu_x, bad, strlen(bad), SITREP_FORMAT_JSONL, "in", &rec),
                     SITREP_EFORMAT);
    assert_true(sitrep_record_is_error(rec));
    cJSON *j = write_and_parse(rec, 0);
    assert_string_equal(cJSON_GetObjectItem(j, "id")->valuestring, "in");
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"), "message"));
    assert_null(cJSON_GetObjectItem(j, "text"));
    cJSON_Delete(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets_survive_json),
        cmocka_unit_test(test_error_record),
    };
    return cmocka_run_group_tests_name("record", tests, tu_setup, tu_teardown);
}
