/* The JSON writer's numbers: integers and fixed-point values written
 * without printf must be exactly what printf would have written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "out/out.h"

/* What sr_json_fixed wrote for v, and what "%.*f" and the same trimming
 * give. */
static void one_fixed(double v, int decimals, char *got, size_t gn, char *want, size_t wn)
{
    sr_buf b;
    sr_buf_init(&b);
    sr_json j = {.b = &b, .first = true};
    sr_json_fixed(&j, v, decimals);
    snprintf(got, gn, "%.*s", (int)b.n, b.p);
    sr_buf_free(&b);
    if (v != v || v > 1e15 || v < -1e15) {
        snprintf(want, wn, "null");
        return;
    }
    int n = snprintf(want, wn, "%.*f", decimals, v);
    while (n > 2 && want[n - 1] == '0' && want[n - 2] != '.')
        n--;
    if (n > 2 && want[n - 1] == '0' && want[n - 2] == '.' && decimals < 4)
        n -= 2;
    want[n] = 0;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_fixed_as_printf(void **state)
{
    (void)state;
    char got[64], want[64];
    /* values at and around halves, signs, zeros, magnitudes */
    static const double edge[] = {0,      -0.0,    0.5,      -0.5,     1.5,       2.5,     0.125,     0.375,
                                  0.005,  0.015,   0.025,    1.00005,  -1.00005,  36.0,    38.15,     130.0,
                                  1e-9,   -1e-9,   99.99995, 179.9999, -179.99995, 1e11,   123456789.123456, 1e15,
                                  -1e15,  4.35,    0.045,    2.675,    -33.99995, 0.99995, 9.5,       10.5};
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
        for (int d = 0; d <= 6; d++) {
            one_fixed(edge[i], d, got, sizeof got, want, sizeof want);
            assert_string_equal(got, want);
        }
    /* coordinates and scores as records have them, and arbitrary doubles */
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 300000; i++) {
        double v;
        switch (i % 3) {
        case 0: v = ((double)(next(&s) % 3600000001u) / 1e7) - 180.0; break; /* degrees, 7 places */
        case 1: v = (double)(next(&s) % 20001u) / 20000.0; break;             /* a confidence */
        default: {
            uint64_t bits = next(&s);
            memcpy(&v, &bits, sizeof v);
            if (v != v)
                v = 1.0;
        }
        }
        int d = (int)(next(&s) % 7);
        one_fixed(v, d, got, sizeof got, want, sizeof want);
        assert_string_equal(got, want);
    }
}

static void test_int_as_printf(void **state)
{
    (void)state;
    static const int64_t edge[] = {0, 1, -1, 9, 10, -10, 99, 100, 2147483647, -2147483648LL, INT64_MAX, INT64_MIN};
    uint64_t s = 88172645463325252u;
    for (int i = 0; i < 100000 + 12; i++) {
        int64_t v = i < 12 ? edge[i] : (int64_t)(next(&s) >> (next(&s) % 64));
        if (i >= 12 && (i & 1))
            v = -v;
        sr_buf b;
        sr_buf_init(&b);
        sr_json j = {.b = &b, .first = true};
        sr_json_int(&j, v);
        char want[32];
        int n = snprintf(want, sizeof want, "%lld", (long long)v);
        assert_int_equal(b.n, n);
        assert_memory_equal(b.p, want, (size_t)n);
        sr_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_as_printf),
        cmocka_unit_test(test_int_as_printf),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
