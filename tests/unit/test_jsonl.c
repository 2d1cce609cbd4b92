/* The JSONL line scanner. */
#include "testutil.h"

static sr_arena arena;

static bool parse(const char *line, sr_jsonl_field *f, size_t nf, sr_jsonl_error *err)
{
    sr_arena_reset(&arena);
    return sr_jsonl_parse(line, strlen(line), &arena, f, nf, err);
}

static void test_fields_and_escapes(void **state)
{
    (void)state;
    sr_jsonl_field f[3] = {{.name = "text"}, {.name = "id"}, {.name = "title"}};
    sr_jsonl_error err;
    const char *line = " {\"id\": 42, \"skip\": {\"a\": [1, 2.5e3, true, null, \"x\"]}, "
                       "\"text\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\n\\t\\/\", \"text\": \"second\"} ";
    assert_true(parse(line, f, 3, &err));
    assert_int_equal(f[0].type, SR_JSON_STRING);
    assert_string_equal(f[0].value, "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\"\n\t/");
    assert_int_equal(f[0].len, strlen(f[0].value));
    assert_int_equal(f[1].type, SR_JSON_NUMBER);
    assert_string_equal(f[1].value, "42");
    assert_int_equal(f[2].type, SR_JSON_ABSENT);
}

static void test_lone_surrogate_and_nul(void **state)
{
    (void)state;
    sr_jsonl_field f[1] = {{.name = "text"}};
    sr_jsonl_error err;
    assert_true(parse("{\"text\":\"a\\ud800b\\u0000c\"}", f, 1, &err));
    assert_int_equal(f[0].len, 1 + 3 + 1 + 1 + 1);
    assert_memory_equal(f[0].value, "a\xEF\xBF\xBD" "b\0c", 7);
}

static void test_errors_with_offsets(void **state)
{
    (void)state;
    sr_jsonl_field f[1] = {{.name = "text"}};
    sr_jsonl_error err;
    assert_false(parse("{\"text\":\"never closed}", f, 1, &err));
    assert_string_equal(err.message, "unterminated string");
    assert_int_equal(err.offset, 8);
    assert_false(parse("{\"text\":\"ok\"} trailing", f, 1, &err));
    assert_string_equal(err.message, "unexpected data after the object");
    assert_int_equal(err.offset, 14);
    assert_false(parse("[1,2]", f, 1, &err));
    assert_int_equal(err.offset, 0);
    assert_false(parse("{\"text\":01}", f, 1, &err));
    assert_false(parse("{\"text\":\"a\",}", f, 1, &err));
    assert_string_equal(err.message, "expected a member name");
    assert_false(parse("{\"text\":\"bad \\x escape\"}", f, 1, &err));
    assert_false(parse("{\"text\":\"raw\ttab\"}", f, 1, &err));
    assert_string_equal(err.message, "control character in string");
    assert_false(parse("{\"a\":[[[[", f, 1, &err));
    assert_string_equal(err.message, "unexpected end of line");
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *line = malloc(depth * 2 + 32);
    size_t k = (size_t)sprintf(line, "{\"a\":");
    for (size_t i = 0; i < depth; i++)
        line[k++] = '[';
    for (size_t i = 0; i < depth; i++)
        line[k++] = ']';
    strcpy(line + k, "}");
    sr_jsonl_field f[1] = {{.name = "text"}};
    sr_jsonl_error err;
    assert_false(parse(line, f, 1, &err));
    assert_string_equal(err.message, "nesting too deep");
    free(line);
}

int main(void)
{
    sr_arena_init(&arena);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_escapes),
        cmocka_unit_test(test_lone_surrogate_and_nul),
        cmocka_unit_test(test_errors_with_offsets),
        cmocka_unit_test(test_deep_nesting_is_bounded),
    };
    int r = cmocka_run_group_tests_name("jsonl", tests, NULL, NULL);
    sr_arena_free(&arena);
    return r;
}
