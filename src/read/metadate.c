/*
 * metadate.c: dates as article metadata writes them, to ISO 8601.
 *
 *   Sunday, 15 October, 2017, 9:37pm       -> 2017-10-15T21:37
 *   2017-10-15T21:37:00+08:00              -> 2017-10-15T21:37+08:00
 *   Oct. 15, 2017 at 10:50 a.m. EDT        -> 2017-10-15T10:50-04:00
 *   Sun 15 Oct 2017 21.37 BST              -> 2017-10-15T21:37+01:00
 *   15/10/2017                             -> 2017-10-15 (day first when
 *                                             both readings are possible)
 *
 * A UTC offset is written only when the input states one (an offset, Z, or
 * a zone abbreviation with one meaning).  Seconds are kept when non-zero.
 * What is no real date is no date at all: a day the month does not have, an
 * hour past 23 or a minute past 59 ("2020-02-30", "2020-02-10T25:61"), a
 * year before 1800 or after 2199 ("0003-02-20").  15-10-2017 reads as
 * 15/10/2017.
 * This parser is for metadata lines; time expressions in running text are
 * the time stage's business.
 */
#include "read/read.h"

#include <strings.h>

typedef struct dt {
    int y, mo, d, h, mi, s;
    int ampm;     /* 0 none, 1 am, 2 pm */
    bool has_time, has_off;
    bool bad;     /* a clock time out of range: the whole is no date */
    int off;      /* minutes east of UTC */
} dt;

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

static const struct { const char *name; int off; } zones[] = {
    {"utc", 0}, {"gmt", 0}, {"z", 0}, {"bst", 60}, {"cet", 60}, {"cest", 120},
    {"eet", 120}, {"eest", 180}, {"msk", 180}, {"est", -300}, {"edt", -240},
    {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480},
    {"pdt", -420}, {"hkt", 480}, {"sgt", 480}, {"jst", 540}, {"kst", 540},
    {"aest", 600}, {"aedt", 660}, {"wib", 420}, {"pkt", 300}, {"wat", 60},
    {"eat", 180}, {"cat", 120}, {"sast", 120},
};

static bool isd(char c) { return c >= '0' && c <= '9'; }
static bool isa(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Month from a word: full name or its first three letters (Sept too). */
static int month_of(const char *w, size_t n)
{
    if (n < 3 || n > 9 || !strchr("jfmasondJFMASOND", w[0]))
        return 0;
    for (int i = 0; i < 12; i++) {
        size_t l = strlen(months[i]);
        if ((n == l || n == 3 || (n == 4 && i == 8)) && n <= l && strncasecmp(w, months[i], n) == 0)
            return i + 1;
    }
    return 0;
}

static bool weekday_of(const char *w, size_t n)
{
    if (n < 3 || n > 9 || !strchr("mtwfsMTWFS", w[0]))
        return false;
    for (int i = 0; i < 7; i++) {
        size_t l = strlen(weekdays[i]);
        if ((n == l || n == 3 || (n == 4 && (i == 1 || i == 3))) && n <= l &&
            strncasecmp(w, weekdays[i], n) == 0)
            return true;
    }
    return false;
}

static int num(const char *s, size_t n, size_t *i, int *ndig)
{
    int v = 0, k = 0;
    while (*i < n && isd(s[*i]) && k < 9) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *ndig = k;
    return v;
}

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* "+08:00" "+0800" "+8" "-04" after UTC/GMT or a time. */
static bool parse_offset(const char *s, size_t n, size_t *i, int *off)
{
    size_t k = *i;
    if (k >= n || (s[k] != '+' && s[k] != '-'))
        return false;
    int sign = s[k] == '-' ? -1 : 1;
    k++;
    int nd;
    int v = num(s, n, &k, &nd);
    int h, m = 0;
    if (nd == 4) { h = v / 100; m = v % 100; }
    else if (nd == 1 || nd == 2) {
        h = v;
        if (k < n && s[k] == ':') {
            size_t k2 = k + 1;
            int nd2;
            int mm = num(s, n, &k2, &nd2);
            if (nd2 == 2) { m = mm; k = k2; }
        }
    } else {
        return false;
    }
    if (h > 14 || m > 59)
        return false;
    *off = sign * (h * 60 + m);
    *i = k;
    return true;
}

/* HH:MM[:SS] or HH.MM at s[*i]; also a bare hour before am/pm ("9pm"). */
static bool parse_time(const char *s, size_t n, size_t *i, dt *t)
{
    size_t k = *i;
    int nd;
    int h = num(s, n, &k, &nd);
    if (nd < 1 || nd > 2)
        return false;
    int mi = 0, sec = 0;
    bool sep = k + 2 < n && (s[k] == ':' || s[k] == '.') && isd(s[k + 1]) && isd(s[k + 2]) &&
               !(k + 3 < n && isd(s[k + 3]));
    if (sep) {
        bool dot = s[k] == '.';
        k++;
        mi = num(s, n, &k, &nd);
        if (mi > 59 || h > 23) { /* 25:61 is no time; 4.75 may be no time at all */
            t->bad = !dot;
            return false;
        }
        if (!dot && k + 2 < n && s[k] == ':' && isd(s[k + 1]) && isd(s[k + 2])) {
            k++;
            sec = num(s, n, &k, &nd);
            if (sec > 60) { /* 60: a leap second */
                t->bad = true;
                return false;
            }
            if (k < n && s[k] == '.') /* fractions of a second */
                for (k++; k < n && isd(s[k]); k++)
                    ;
        }
    }
    /* am / pm / a.m. / p.m. */
    size_t q = k;
    while (q < n && s[q] == ' ')
        q++;
    int ampm = 0;
    if (q + 1 < n && (s[q] == 'a' || s[q] == 'A' || s[q] == 'p' || s[q] == 'P')) {
        size_t r = q + 1;
        if (r < n && s[r] == '.')
            r++;
        if (r < n && (s[r] == 'm' || s[r] == 'M')) {
            r++;
            if (r < n && s[r] == '.')
                r++;
            if (r >= n || !isa(s[r])) {
                ampm = (s[q] == 'a' || s[q] == 'A') ? 1 : 2;
                k = r;
            }
        }
    }
    if (!sep && !ampm)
        return false;
    if (ampm) {
        if (h < 1 || h > 12) {
            t->bad = sep; /* "13:30 pm"; "37pm" is no time at all */
            return false;
        }
        if (ampm == 2 && h != 12)
            h += 12;
        if (ampm == 1 && h == 12)
            h = 0;
    }
    t->h = h;
    t->mi = mi;
    t->s = sec;
    t->has_time = true;
    *i = k;
    return true;
}

/* ISO 8601: 2017-10-15[T21:37[:00[.000]]][Z|+08:00]. */
static bool parse_iso(const char *s, size_t n, size_t *i, dt *t)
{
    size_t k = *i;
    int nd;
    int y = num(s, n, &k, &nd);
    if (nd != 4 || k >= n || s[k] != '-')
        return false;
    k++;
    int mo = num(s, n, &k, &nd);
    if (nd != 2 || k >= n || s[k] != '-')
        return false;
    k++;
    int d = num(s, n, &k, &nd);
    if (nd != 2)
        return false;
    t->y = y;
    t->mo = mo;
    t->d = d;
    if (k + 1 < n && (s[k] == 'T' || s[k] == ' ') && isd(s[k + 1])) {
        size_t q = k + 1;
        dt tt = *t;
        bool ok = parse_time(s, n, &q, &tt);
        if (!ok && (s[k] == 'T' || tt.bad)) {
            t->bad = true; /* "2020-02-10T25:61" */
            return false;
        }
        if (ok && !tt.ampm) {
            *t = tt;
            k = q;
            if (k < n && (s[k] == 'Z' || s[k] == 'z') && !(k + 1 < n && isa(s[k + 1]))) {
                t->has_off = true;
                t->off = 0;
                k++;
            } else if (parse_offset(s, n, &k, &t->off)) {
                t->has_off = true;
            }
        }
    }
    *i = k;
    return true;
}

/* Writes v as exactly `width` digits (v < 10^width). */
static char *put_digits(char *o, int v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        o[k] = (char)('0' + v % 10);
        v /= 10;
    }
    return o + width;
}

size_t sr_metadate_parse(const char *s, size_t n, char out[static 32])
{
    dt t = {0};
    size_t i = 0, used = 0;
    int pending_num = -1; /* a day or year number seen before the month */
    bool have_date = false;

    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == ',' || c == '\t' || c == '|' || c == '/' || c == '-' || c == '(' ||
            c == ')' || c == ':') {
            if (c == '-' && (t.has_time || have_date) && i + 1 < n && isd(s[i + 1])) {
                int off;
                size_t k = i;
                if (t.has_time && parse_offset(s, n, &k, &off)) {
                    t.has_off = true;
                    t.off = off;
                    i = used = k;
                    continue;
                }
            }
            i++;
            continue;
        }
        if (c == '+' && t.has_time) {
            int off;
            size_t k = i;
            if (parse_offset(s, n, &k, &off)) {
                t.has_off = true;
                t.off = off;
                i = used = k;
                continue;
            }
            break;
        }
        if (isd(c)) {
            size_t k = i;
            if (!have_date && parse_iso(s, n, &k, &t)) {
                have_date = true;
                i = used = k;
                continue;
            }
            k = i;
            /* Numeric date: 15/10/2017 or 10/15/2017 or 15.10.2017 or 15-10-2017. */
            if (!have_date && !t.mo) {
                int nd1, nd2, nd3;
                int a = num(s, n, &k, &nd1);
                if (nd1 >= 1 && nd1 <= 2 && k < n && (s[k] == '/' || s[k] == '.' || s[k] == '-')) {
                    char sep = s[k++];
                    int b = num(s, n, &k, &nd2);
                    if (nd2 >= 1 && nd2 <= 2 && k < n && s[k] == sep) {
                        k++;
                        int y = num(s, n, &k, &nd3);
                        if (nd3 == 4 || (nd3 == 2 && sep != '-')) {
                            if (nd3 == 2)
                                y += y < 50 ? 2000 : 1900;
                            int day = a, mon = b; /* day first, as most of the world */
                            if (mon > 12 && day <= 12) { day = b; mon = a; }
                            t.y = y; t.mo = mon; t.d = day;
                            have_date = true;
                            i = used = k;
                            continue;
                        }
                    }
                }
            }
            k = i;
            dt tt = t;
            if (parse_time(s, n, &k, &tt)) {
                t = tt;
                i = used = k;
                continue;
            }
            if (tt.bad)
                return 0;
            k = i;
            int nd;
            int v = num(s, n, &k, &nd);
            /* ordinal suffix */
            if (k + 1 < n && ((strncasecmp(s + k, "st", 2) == 0) || strncasecmp(s + k, "nd", 2) == 0 ||
                              strncasecmp(s + k, "rd", 2) == 0 || strncasecmp(s + k, "th", 2) == 0) &&
                !(k + 2 < n && isa(s[k + 2])))
                k += 2;
            else if (k < n && isa(s[k]))
                break;
            if (nd == 4 && v >= 1800 && v <= 2199 && !t.y) {
                t.y = v;
                i = used = k;
                if (t.mo && t.d)
                    have_date = true;
                continue;
            }
            if (nd <= 2 && v >= 1 && v <= 31 && !t.d) {
                if (t.mo) {
                    t.d = v;
                    i = used = k;
                    if (t.y)
                        have_date = true;
                } else {
                    pending_num = v;
                    i = k;
                }
                continue;
            }
            break;
        }
        if (isa(c)) {
            size_t k = i;
            while (k < n && isa(s[k]))
                k++;
            size_t wl = k - i;
            size_t after = k < n && s[k] == '.' ? k + 1 : k;
            int mo;
            if (weekday_of(s + i, wl)) {
                i = after;
                continue;
            }
            if (!t.mo && (mo = month_of(s + i, wl)) != 0) {
                t.mo = mo;
                i = after;
                if (pending_num > 0) {
                    t.d = pending_num;
                    pending_num = -1;
                }
                used = after;
                if (t.y && t.d)
                    have_date = true;
                continue;
            }
            if ((wl == 2 && strncasecmp(s + i, "at", 2) == 0) ||
                (wl == 2 && strncasecmp(s + i, "on", 2) == 0) ||
                (wl == 2 && strncasecmp(s + i, "of", 2) == 0)) {
                i = k;
                continue;
            }
            bool zone = false;
            for (size_t z = 0; t.has_time && wl <= 4 && z < sizeof zones / sizeof *zones; z++) {
                if (wl == strlen(zones[z].name) && strncasecmp(s + i, zones[z].name, wl) == 0) {
                    t.has_off = true;
                    t.off = zones[z].off;
                    i = used = k;
                    int off;
                    size_t q = i;
                    if (parse_offset(s, n, &q, &off)) {
                        t.off = off;
                        i = used = q;
                    }
                    zone = true;
                    break;
                }
            }
            if (zone)
                continue;
            break;
        }
        break;
    }
    if (!(t.y && t.mo && t.d) || t.bad)
        return 0;
    if (t.y < 1800 || t.y > 2199 || t.mo < 1 || t.mo > 12 || t.d < 1 || t.d > days_in(t.y, t.mo))
        return 0;
    /* Written by hand: this runs for every document with a date. */
    char *o = out;
    o = put_digits(o, t.y, 4);
    *o++ = '-';
    o = put_digits(o, t.mo, 2);
    *o++ = '-';
    o = put_digits(o, t.d, 2);
    if (t.has_time) {
        *o++ = 'T';
        o = put_digits(o, t.h, 2);
        *o++ = ':';
        o = put_digits(o, t.mi, 2);
        if (t.s) {
            *o++ = ':';
            o = put_digits(o, t.s, 2);
        }
        if (t.has_off) {
            if (t.off == 0) {
                *o++ = 'Z';
            } else {
                int a = t.off < 0 ? -t.off : t.off;
                *o++ = t.off < 0 ? '-' : '+';
                o = put_digits(o, a / 60, 2);
                *o++ = ':';
                o = put_digits(o, a % 60, 2);
            }
        }
    }
    *o = 0;
    return used;
}
