/*
 * map.c: the countries (ISO 3166-1 codes and names, Natural Earth's
 * outlines, compiled in from build/gen/worldmap.inc by tools/mkmap.c), the
 * colours of event types, and the report's map as inline SVG.
 */
#include "serve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "worldmap.inc"

#define NCOUNTRIES (sizeof sr_map_countries / sizeof *sr_map_countries)

const sr_map_country *sr_map_country_find(const char *s)
{
    if (!s || !*s)
        return NULL;
    for (size_t i = 0; i < NCOUNTRIES; i++) {
        const sr_map_country *c = &sr_map_countries[i];
        if ((c->a2[0] && strcasecmp(c->a2, s) == 0) || (c->a3[0] && strcasecmp(c->a3, s) == 0) ||
            strcasecmp(c->name, s) == 0 || (c->iso_name[0] && strcasecmp(c->iso_name, s) == 0))
            return c;
    }
    return NULL;
}

/* ACLED's six event types; anything else (a PLOVER type ACLED does not
 * code, or none) is "other". */
static const struct { const char *type, *cls, *colour; } types[] = {
    {"Battles", "battles", "#c0392b"},
    {"Explosions/Remote violence", "explosions", "#e67e22"},
    {"Violence against civilians", "vac", "#8e44ad"},
    {"Protests", "protests", "#2874a6"},
    {"Riots", "riots", "#148f77"},
    {"Strategic developments", "strategic", "#707b7c"},
};
#define OTHER_COLOUR "#b7950b"

const char *sr_type_colour(const char *t)
{
    for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
        if (strcasecmp(types[i].type, t) == 0)
            return types[i].colour;
    return OTHER_COLOUR;
}

const char *sr_type_class(const char *t)
{
    for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
        if (strcasecmp(types[i].type, t) == 0)
            return types[i].cls;
    return "other";
}

static double mx(double lon) { return (lon + 180.0) * 10.0; }
static double my(double lat) { return (90.0 - lat) * 10.0; }

typedef struct { uint32_t i; double r; } dot;
static int by_radius(const void *a, const void *b)
{
    const dot *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? 1 : -1; /* large first, small ones on top */
    return (x->i > y->i) - (x->i < y->i);
}

void sr_map_svg(sr_buf *b, const sr_report *r, const uint32_t *sel, uint32_t n)
{
    /* the view: the incidents' extent, padded, at least 24 x 12 degrees,
     * two units wide for one high, inside the world */
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    uint32_t ngeo = 0;
    for (uint32_t k = 0; k < n; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        if (!inc->has_geo)
            continue;
        ngeo++;
        double x = mx(inc->lon), y = my(inc->lat);
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
    }
    if (!ngeo) {
        x0 = 0;
        x1 = 3600;
        y0 = 100;
        y1 = 1500;
    } else {
        double w = (x1 - x0) * 1.3 + 60, h = (y1 - y0) * 1.3 + 60;
        if (w < 240) w = 240;
        if (h < 120) h = 120;
        if (w < 2 * h) w = 2 * h;
        else h = w / 2;
        if (w > 3600) { w = 3600; h = 1800; }
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        x0 = cx - w / 2;
        y0 = cy - h / 2;
        if (x0 < 0) x0 = 0;
        if (x0 + w > 3600) x0 = 3600 - w;
        if (y0 < 0) y0 = 0;
        if (y0 + h > 1800) y0 = 1800 - h;
        x1 = x0 + w;
        y1 = y0 + h;
    }
    double w = x1 - x0;
    sr_buf_printf(b,
                  "<svg id=\"map-svg\" class=\"map\" viewBox=\"%.0f %.0f %.0f %.0f\" "
                  "preserveAspectRatio=\"xMidYMid meet\" role=\"img\" "
                  "aria-label=\"Map of %u incidents\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                  x0, y0, w, y1 - y0, ngeo);
    sr_buf_printf(b, "<rect class=\"sea\" x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\"/>\n", x0, y0,
                  w, y1 - y0);
    /* graticule every 10 degrees in a close view, every 30 in a wide one */
    int step = w > 1200 ? 300 : 100;
    sr_buf_puts(b, "<path class=\"grat\" d=\"");
    for (int gx = ((int)x0 / step + 1) * step; gx < x1; gx += step)
        sr_buf_printf(b, "M%d %.0fV%.0f", gx, y0, y1);
    for (int gy = ((int)y0 / step + 1) * step; gy < y1; gy += step)
        sr_buf_printf(b, "M%.0f %dH%.0f", x0, gy, x1);
    sr_buf_puts(b, "\"/>\n<g class=\"countries\">\n");
    /* the countries in view; those with incidents a shade darker */
    for (size_t i = 0; i < NCOUNTRIES; i++) {
        const sr_map_country *c = &sr_map_countries[i];
        if (!c->d || c->x1 < x0 || c->x0 > x1 || c->y1 < y0 || c->y0 > y1)
            continue;
        bool hit = false;
        for (uint32_t k = 0; k < n && !hit && c->a2[0]; k++)
            hit = strcmp(r->inc.v[sel[k]].cc, c->a2) == 0;
        sr_buf_printf(b, "<path%s d=\"%s\"><title>", hit ? " class=\"hit\"" : "", c->d);
        sr_html_escape(b, c->name, strlen(c->name));
        sr_buf_puts(b, "</title></path>\n");
    }
    sr_buf_puts(b, "</g>\n");
    /* country names in a close view, at the middle of their box */
    if (w <= 1200) {
        sr_buf_puts(b, "<g class=\"labels\">\n");
        for (size_t i = 0; i < NCOUNTRIES; i++) {
            const sr_map_country *c = &sr_map_countries[i];
            if (!c->d || c->x1 - c->x0 > 3000)
                continue;
            double cx = (c->x0 + c->x1) / 2.0, cy = (c->y0 + c->y1) / 2.0;
            if (cx < x0 || cx > x1 || cy < y0 || cy > y1 || (c->x1 - c->x0) < w / 25)
                continue;
            sr_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"%.1f\">", cx, cy, w / 70);
            sr_html_escape(b, c->name, strlen(c->name));
            sr_buf_puts(b, "</text>\n");
        }
        sr_buf_puts(b, "</g>\n");
    }
    /* the incidents: area for fatalities */
    dot *dots = ngeo ? malloc(ngeo * sizeof *dots) : NULL;
    uint32_t nd = 0;
    double unit = w / 400;
    for (uint32_t k = 0; k < n && dots; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        if (!inc->has_geo)
            continue;
        double f = inc->fat_best > 0 ? (double)inc->fat_best : 0;
        double rad = unit * (1.6 + 1.2 * sqrt(f));
        if (rad > unit * 16)
            rad = unit * 16;
        dots[nd++] = (dot){sel[k], rad};
    }
    if (nd)
        qsort(dots, nd, sizeof *dots, by_radius);
    sr_buf_puts(b, "<g class=\"dots\">\n");
    for (uint32_t k = 0; k < nd; k++) {
        const sr_incident *inc = &r->inc.v[dots[k].i];
        sr_buf_printf(b,
                      "<a href=\"#inc-%u\"><circle class=\"t-%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                      "fill=\"%s\"><title>",
                      dots[k].i + 1, sr_type_class(inc->event_type), inc->geo_precision == 3 ? " p3" : "",
                      mx(inc->lon), my(inc->lat), dots[k].r, sr_type_colour(inc->event_type));
        const char *parts[] = {inc->date, inc->event_type, inc->location, inc->country};
        bool first = true;
        for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
            if (!parts[p])
                continue;
            if (!first)
                sr_buf_puts(b, " · ");
            sr_html_escape(b, parts[p], strlen(parts[p]));
            first = false;
        }
        if (inc->fat_best >= 0)
            sr_buf_printf(b, " · %lld killed", (long long)inc->fat_best);
        sr_buf_puts(b, "</title></circle></a>\n");
    }
    sr_buf_puts(b, "</g>\n</svg>\n");
    free(dots);
}
