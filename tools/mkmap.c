/*
 * mkmap.c: turns Natural Earth's country borders, as world-atlas ships them
 * (TopoJSON: quantized, delta-encoded arcs shared by neighbouring
 * countries), into SVG path data for the report's map, as a C include.
 *
 * usage: mkmap countries-110m.json iso_3166-1.json > worldmap.inc
 *
 * Every ISO 3166-1 country (iso-codes) is written, with its codes, its
 * common name and, where Natural Earth draws it (joined by the numeric
 * code, else by name), its outline: the report names countries and draws
 * those it has incidents in.  Natural Earth's areas with no ISO code
 * (Kosovo, Northern Cyprus, Somaliland) are written with empty codes.
 *
 * Projection: equirectangular, ten units a degree: x = (lon + 180) * 10,
 * y = (90 - lat) * 10, so the world is 3600 x 1800 and a point of the map
 * is (lon, lat) by one multiplication.  Each ring is written as an absolute
 * move and relative line segments in whole units (0.1 degree, about the
 * precision of the 1:110m data), repeated points dropped.  Each country
 * keeps its bounding box, so a report shows only the countries in view.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { long x, y; } pt;
typedef struct { pt *p; size_t n; } arc;

static arc *arcs;
static size_t narcs;
static double scale[2] = {1, 1}, translate[2] = {0, 0};

static void die(const char *msg)
{
    fprintf(stderr, "mkmap: %s\n", msg);
    exit(1);
}

/* Map units of a quantized position. */
static long ux(long q) { return lround((q * scale[0] + translate[0] + 180.0) * 10.0); }
static long uy(long q) { return lround((90.0 - (q * scale[1] + translate[1])) * 10.0); }

static void read_arcs(const cJSON *top)
{
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(top, "transform");
    if (tr) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(tr, "scale");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(tr, "translate");
        if (cJSON_GetArraySize(s) != 2 || cJSON_GetArraySize(t) != 2)
            die("bad transform");
        for (int i = 0; i < 2; i++) {
            scale[i] = cJSON_GetArrayItem(s, i)->valuedouble;
            translate[i] = cJSON_GetArrayItem(t, i)->valuedouble;
        }
    }
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(top, "arcs");
    if (!cJSON_IsArray(a))
        die("no arcs");
    narcs = (size_t)cJSON_GetArraySize(a);
    arcs = calloc(narcs, sizeof *arcs);
    if (!arcs)
        die("out of memory");
    size_t k = 0;
    const cJSON *one;
    cJSON_ArrayForEach(one, a) {
        size_t n = (size_t)cJSON_GetArraySize(one);
        arcs[k].p = calloc(n ? n : 1, sizeof(pt));
        if (!arcs[k].p)
            die("out of memory");
        long x = 0, y = 0;
        const cJSON *pos;
        cJSON_ArrayForEach(pos, one) {
            if (cJSON_GetArraySize(pos) < 2)
                die("bad position");
            /* delta-encoded when quantized, absolute otherwise */
            long px = (long)cJSON_GetArrayItem(pos, 0)->valuedouble;
            long py = (long)cJSON_GetArrayItem(pos, 1)->valuedouble;
            if (tr) { x += px; y += py; } else { x = px; y = py; }
            arcs[k].p[arcs[k].n++] = (pt){ux(x), uy(y)};
        }
        k++;
    }
}

typedef struct {
    char *s;
    size_t n, cap;
    long x0, y0, x1, y1; /* bounding box */
} out;

static void put(out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->n + n + 1 > o->cap) {
        o->cap = (o->n + n + 1) * 2;
        o->s = realloc(o->s, o->cap);
        if (!o->s)
            die("out of memory");
    }
    memcpy(o->s + o->n, s, n + 1);
    o->n += n;
}

/* A number after path data: a space only between two numbers (a minus
 * sign separates itself). */
static void num(out *o, long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%s%ld",
             v >= 0 && o->n && o->s[o->n - 1] >= '0' && o->s[o->n - 1] <= '9' ? " " : "", v);
    put(o, tmp);
}

/* One ring's path data, its first point moved by `shift` units. */
static void emit(out *o, const pt *p, size_t n, long shift)
{
    put(o, "M");
    num(o, p[0].x + shift);
    num(o, p[0].y);
    int lines = 0;
    for (size_t j = 1; j < n; j++) {
        if (p[j].x == p[j - 1].x && p[j].y == p[j - 1].y)
            continue;
        if (!lines) {
            put(o, "l");
            lines = 1;
        }
        num(o, p[j].x - p[j - 1].x);
        num(o, p[j].y - p[j - 1].y);
    }
    put(o, "z");
}

/* One ring: arcs by index (~i: arc i reversed), each after the first
 * starting where the one before ended.  A step of more than half the
 * world's width crosses the antimeridian: the ring is unwrapped there (its
 * longitudes kept continuous) and drawn twice, once on each side, so the
 * map clips each copy at its edge.  A ring that does not close once
 * unwrapped goes round a pole (Antarctica): it is left out, the map stops
 * short of the poles anyway. */
static void ring(out *o, const cJSON *r)
{
    static pt *v;
    static size_t cap;
    size_t n = 0;
    long wrap = 0;
    const cJSON *ai;
    cJSON_ArrayForEach(ai, r) {
        long i = (long)ai->valuedouble;
        int rev = i < 0;
        size_t k = (size_t)(rev ? ~i : i);
        if (k >= narcs)
            die("arc index out of range");
        const arc *a = &arcs[k];
        for (size_t j = n ? 1 : 0; j < a->n; j++) {
            pt p = a->p[rev ? a->n - 1 - j : j];
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                v = realloc(v, cap * sizeof *v);
                if (!v)
                    die("out of memory");
            }
            if (n) {
                long dx = p.x + wrap - v[n - 1].x;
                if (dx > 1800) wrap -= 3600;
                else if (dx < -1800) wrap += 3600;
            }
            v[n++] = (pt){p.x + wrap, p.y};
        }
    }
    if (n < 3 || wrap != 0)
        return;
    long x0 = v[0].x, x1 = v[0].x;
    for (size_t j = 0; j < n; j++) {
        if (v[j].x < x0) x0 = v[j].x;
        if (v[j].x > x1) x1 = v[j].x;
        if (v[j].y < o->y0) o->y0 = v[j].y;
        if (v[j].y > o->y1) o->y1 = v[j].y;
    }
    if (x0 < o->x0) o->x0 = x0;
    if (x1 > o->x1) o->x1 = x1;
    emit(o, v, n, 0);
    if (x0 < 0)
        emit(o, v, n, 3600);
    if (x1 > 3600)
        emit(o, v, n, -3600);
    if (x0 < 0 || x1 > 3600) {
        o->x0 = 0;
        o->x1 = 3600;
    }
}

static void polygon(out *o, const cJSON *rings)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, rings) ring(o, r);
}

/* A C string literal of s (names and ids are plain text; path data is
 * digits, spaces and letters). */
static void literal(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20 || c >= 0x7f) printf("\\%03o", c);
        else putchar(c);
    }
    putchar('"');
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "mkmap: cannot open %s (run scripts/setup.sh)\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
        die("cannot read a file");
    buf[len] = 0;
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    free(buf);
    if (!j) {
        fprintf(stderr, "mkmap: %s: invalid JSON\n", path);
        exit(1);
    }
    return j;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die("usage: mkmap countries-110m.json iso_3166-1.json");
    cJSON *top = read_json(argv[1]);
    cJSON *iso = read_json(argv[2]);
    const cJSON *isol = cJSON_GetObjectItemCaseSensitive(iso, "3166-1");
    if (!cJSON_IsArray(isol))
        die("no 3166-1 list");
    int nisol = cJSON_GetArraySize(isol);
    char *used = calloc((size_t)nisol + 1, 1);
    if (!used)
        die("out of memory");
    read_arcs(top);
    const cJSON *objs = cJSON_GetObjectItemCaseSensitive(top, "objects");
    const cJSON *countries = cJSON_GetObjectItemCaseSensitive(objs, "countries");
    const cJSON *geoms = cJSON_GetObjectItemCaseSensitive(countries, "geometries");
    if (!cJSON_IsArray(geoms))
        die("no objects.countries.geometries");

    printf("/* Generated by tools/mkmap.c from %s (Natural Earth via world-atlas).\n"
           " * Equirectangular, 10 units a degree: x = (lon+180)*10, y = (90-lat)*10. */\n",
           strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1]);
    printf("#define SR_MAP_W 3600\n#define SR_MAP_H 1800\n");
    printf("static const sr_map_country sr_map_countries[] = {\n");
    /* {alpha-2, alpha-3, name, ISO name, x0, y0, x1, y1, path} */
    size_t n = 0, bytes = 0;
    const cJSON *g;
    cJSON_ArrayForEach(g, geoms) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(g, "type");
        const cJSON *ga = cJSON_GetObjectItemCaseSensitive(g, "arcs");
        if (!cJSON_IsString(type) || !cJSON_IsArray(ga))
            continue; /* a null geometry */
        out o = {.x0 = 1L << 30, .y0 = 1L << 30, .x1 = -(1L << 30), .y1 = -(1L << 30)};
        put(&o, "");
        if (strcmp(type->valuestring, "Polygon") == 0) {
            polygon(&o, ga);
        } else if (strcmp(type->valuestring, "MultiPolygon") == 0) {
            const cJSON *p;
            cJSON_ArrayForEach(p, ga) polygon(&o, p);
        } else {
            continue;
        }
        if (o.n == 0)
            continue;
        const char *id = str(g, "id");
        const char *name = str(cJSON_GetObjectItemCaseSensitive(g, "properties"), "name");
        const cJSON *c = NULL;
        int ci = 0;
        for (ci = 0; ci < nisol; ci++) {
            const cJSON *e = cJSON_GetArrayItem(isol, ci);
            const char *num = str(e, "numeric"), *cn = str(e, "common_name"), *nm = str(e, "name");
            if ((id && num && strcmp(id, num) == 0) ||
                (name && ((cn && strcmp(cn, name) == 0) || (nm && strcmp(nm, name) == 0)))) {
                c = e;
                break;
            }
        }
        if (c)
            used[ci] = 1;
        printf("    {");
        literal(c ? str(c, "alpha_2") : "");
        printf(", ");
        literal(c ? str(c, "alpha_3") : "");
        printf(", ");
        literal(name ? name : "");
        printf(", ");
        literal(c ? (str(c, "common_name") ? str(c, "common_name") : str(c, "name")) : "");
        printf(", %ld, %ld, %ld, %ld,\n     ", o.x0, o.y0, o.x1, o.y1);
        literal(o.s);
        printf("},\n");
        bytes += o.n;
        n++;
        free(o.s);
    }
    /* the countries Natural Earth does not draw at this scale */
    for (int ci = 0; ci < nisol; ci++) {
        if (used[ci])
            continue;
        const cJSON *e = cJSON_GetArrayItem(isol, ci);
        const char *cn = str(e, "common_name"), *nm = str(e, "name");
        printf("    {");
        literal(str(e, "alpha_2") ? str(e, "alpha_2") : "");
        printf(", ");
        literal(str(e, "alpha_3") ? str(e, "alpha_3") : "");
        printf(", ");
        literal(cn ? cn : nm ? nm : "");
        printf(", ");
        literal(nm ? nm : "");
        printf(", 0, 0, 0, 0, NULL},\n");
    }
    printf("};\n");
    free(used);
    cJSON_Delete(iso);
    fprintf(stderr, "mkmap: %zu countries, %zu bytes of path data\n", n, bytes);
    cJSON_Delete(top);
    for (size_t k = 0; k < narcs; k++)
        free(arcs[k].p);
    free(arcs);
    return 0;
}
