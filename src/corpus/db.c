/*
 * db.c: one small interface over SQLite and PostgreSQL (libpq).
 *
 * Statements are written once, with '?' for each parameter; for
 * PostgreSQL the '?'s become $1, $2 ... when a statement is first
 * prepared.  Every value reaches the server as a parameter, never spliced
 * into the SQL.  Statements given with `cache` are prepared once per
 * connection and kept, keyed by the SQL string's address (the store's
 * statements are string literals or strings it keeps).
 */
#include "corpus/corpus.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define CACHE_SLOTS 128

typedef struct cached {
    const char *sql;
    sqlite3_stmt *st; /* SQLite */
    char name[16];    /* PostgreSQL: the prepared statement's name */
    int nparams;
} cached;

struct sr_db {
    int kind; /* SR_DB_SQLITE, SR_DB_PG */
    sqlite3 *lite;
    PGconn *pg;
    cached cache[CACHE_SLOTS];
    int nprepared;
    char err[512];
    char sqlstate[8]; /* of the last failure: PostgreSQL's SQLSTATE, "BUSY" for SQLite's lock */
};

int sr_db_kind(const sr_db *db)
{
    return db->kind;
}

const char *sr_db_error(const sr_db *db)
{
    return db->err;
}

const char *sr_db_sqlstate(const sr_db *db)
{
    return db->sqlstate;
}

bool sr_db_retryable(const sr_db *db)
{
    /* serialization failure, deadlock detected; SQLite's database is locked */
    return !strcmp(db->sqlstate, "40001") || !strcmp(db->sqlstate, "40P01") || !strcmp(db->sqlstate, "BUSY");
}

/* Remembers why the last statement failed (the caller then sets err). */
static void pg_state(sr_db *db, const PGresult *r)
{
    const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(db->sqlstate, sizeof db->sqlstate, "%s", s ? s : "");
}

static void lite_state(sr_db *db)
{
    int rc = sqlite3_errcode(db->lite);
    snprintf(db->sqlstate, sizeof db->sqlstate, "%s", rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? "BUSY" : "");
}

static bool fail(sr_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(sr_db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->err, sizeof db->err, fmt, ap);
    va_end(ap);
    /* libpq's messages end in a line break */
    size_t n = strlen(db->err);
    while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
        db->err[--n] = 0;
    return false;
}

sr_db *sr_db_open(const char *url, char *err, size_t errn)
{
    sr_db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errn, "out of memory");
        return NULL;
    }
    if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11)) {
        db->kind = SR_DB_PG;
        db->pg = PQconnectdb(url);
        if (PQstatus(db->pg) != CONNECTION_OK) {
            fail(db, "%s", PQerrorMessage(db->pg));
            snprintf(err, errn, "%s", db->err);
            sr_db_close(db);
            return NULL;
        }
        PGresult *r = PQexec(db->pg, "SET client_min_messages = warning");
        PQclear(r);
        return db;
    }
    db->kind = SR_DB_SQLITE;
    const char *path = !strncmp(url, "sqlite://", 9) ? url + 9 : url;
    if (sqlite3_open_v2(path, &db->lite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errn, "%s: %s", path, db->lite ? sqlite3_errmsg(db->lite) : "cannot open");
        sr_db_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->lite, 30000);
    char *msg = NULL;
    /* Turning a new file to WAL needs it to itself for a moment: a second
       worker opening the same new store at that moment is told "locked"
       without the busy handler, so it tries again (for the same 30 s). */
    int rc;
    for (int tries = 0;; tries++) {
        rc = sqlite3_exec(db->lite, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
                          NULL, NULL, &msg);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
        if (tries == 3000)
            break;
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(10);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errn, "%s: %s", path, msg ? msg : "cannot set WAL");
        sqlite3_free(msg);
        sr_db_close(db);
        return NULL;
    }
    return db;
}

void sr_db_close(sr_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (db->cache[i].st)
            sqlite3_finalize(db->cache[i].st);
    if (db->lite)
        sqlite3_close(db->lite);
    if (db->pg)
        PQfinish(db->pg);
    free(db);
}

bool sr_db_script(sr_db *db, const char *sql)
{
    if (db->kind == SR_DB_SQLITE) {
        char *msg = NULL;
        if (sqlite3_exec(db->lite, sql, NULL, NULL, &msg) != SQLITE_OK) {
            lite_state(db);
            fail(db, "%s", msg ? msg : sqlite3_errmsg(db->lite));
            sqlite3_free(msg);
            return false;
        }
        return true;
    }
    PGresult *r = PQexec(db->pg, sql);
    ExecStatusType s = PQresultStatus(r);
    bool ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    if (!ok) {
        pg_state(db, r);
        fail(db, "%s", PQresultErrorMessage(r));
    }
    PQclear(r);
    return ok;
}

/* The SQL with $1, $2 ... for '?', in a buffer the caller frees. */
static char *pg_sql(const char *sql, int *nparams)
{
    size_t n = strlen(sql), q = 0;
    for (size_t i = 0; i < n; i++)
        q += sql[i] == '?';
    char *out = malloc(n + q * 6 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (sql[i] == '?')
            o += (size_t)sprintf(out + o, "$%d", ++k);
        else
            out[o++] = sql[i];
    }
    out[o] = 0;
    *nparams = k;
    return out;
}

static cached *slot(sr_db *db, const char *sql)
{
    uintptr_t h = ((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15u;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        cached *c = &db->cache[(h + (uintptr_t)i) % CACHE_SLOTS];
        if (c->sql == sql || !c->sql)
            return c;
    }
    return NULL;
}

/* PostgreSQL: a value as text (ints, reals) or binary (blobs). */
typedef struct pgparams {
    const char *v[SR_DB_MAXPARAMS];
    int len[SR_DB_MAXPARAMS], fmt[SR_DB_MAXPARAMS];
    Oid types[SR_DB_MAXPARAMS];
    char num[SR_DB_MAXPARAMS][32];
} pgparams;

static void pg_bind(pgparams *pp, const sr_val *p, int n)
{
    for (int i = 0; i < n; i++) {
        pp->fmt[i] = 0;
        pp->len[i] = 0;
        pp->types[i] = 0;
        switch (p[i].t) {
        case SR_V_NULL: pp->v[i] = NULL; break;
        case SR_V_INT:
            snprintf(pp->num[i], sizeof pp->num[i], "%lld", (long long)p[i].i);
            pp->v[i] = pp->num[i];
            pp->types[i] = 20; /* int8 */
            break;
        case SR_V_REAL:
            snprintf(pp->num[i], sizeof pp->num[i], "%.17g", p[i].f);
            pp->v[i] = pp->num[i];
            pp->types[i] = 701; /* float8 */
            break;
        case SR_V_TEXT: pp->v[i] = p[i].s; pp->types[i] = 25; break;
        case SR_V_BLOB:
            pp->v[i] = p[i].s;
            pp->len[i] = (int)p[i].n;
            pp->fmt[i] = 1;
            pp->types[i] = 17; /* bytea */
            break;
        }
    }
}

static bool lite_bind(sr_db *db, sqlite3_stmt *st, const sr_val *p, int n)
{
    for (int i = 0; i < n; i++) {
        int rc = SQLITE_OK;
        switch (p[i].t) {
        case SR_V_NULL: rc = sqlite3_bind_null(st, i + 1); break;
        case SR_V_INT: rc = sqlite3_bind_int64(st, i + 1, p[i].i); break;
        case SR_V_REAL: rc = sqlite3_bind_double(st, i + 1, p[i].f); break;
        case SR_V_TEXT: rc = sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_TRANSIENT); break;
        case SR_V_BLOB: rc = sqlite3_bind_blob(st, i + 1, p[i].s, (int)p[i].n, SQLITE_TRANSIENT); break;
        }
        if (rc != SQLITE_OK)
            return fail(db, "bind: %s", sqlite3_errmsg(db->lite));
    }
    return true;
}

bool sr_db_run(sr_db *db, const char *sql, const sr_val *p, int n, sr_rows *rows, bool cache)
{
    if (rows)
        memset(rows, 0, sizeof *rows);
    if (n > SR_DB_MAXPARAMS)
        return fail(db, "too many parameters (%d)", n);
    if (db->kind == SR_DB_SQLITE) {
        cached *c = cache ? slot(db, sql) : NULL;
        sqlite3_stmt *st = c && c->sql ? c->st : NULL;
        if (!st) {
            if (sqlite3_prepare_v2(db->lite, sql, -1, &st, NULL) != SQLITE_OK) {
                lite_state(db);
                return fail(db, "%s in: %.200s", sqlite3_errmsg(db->lite), sql);
            }
            if (c) {
                c->sql = sql;
                c->st = st;
            }
        }
        if (!lite_bind(db, st, p, n)) {
            sqlite3_reset(st);
            if (!c)
                sqlite3_finalize(st);
            return false;
        }
        if (rows) {
            rows->db = db;
            rows->lite = st;
            rows->own = !c;
            return true;
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        bool ok = rc == SQLITE_DONE;
        if (!ok) {
            lite_state(db);
            fail(db, "%s in: %.200s", sqlite3_errmsg(db->lite), sql);
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (!c)
            sqlite3_finalize(st);
        return ok;
    }
    pgparams pp;
    pg_bind(&pp, p, n);
    PGresult *r;
    cached *c = cache ? slot(db, sql) : NULL;
    if (c) {
        if (!c->sql) {
            int np;
            char *q = pg_sql(sql, &np);
            if (!q)
                return fail(db, "out of memory");
            snprintf(c->name, sizeof c->name, "s%d", ++db->nprepared);
            PGresult *pr = PQprepare(db->pg, c->name, q, n, pp.types);
            free(q);
            bool ok = PQresultStatus(pr) == PGRES_COMMAND_OK;
            if (!ok) {
                pg_state(db, pr);
                fail(db, "%s in: %.200s", PQresultErrorMessage(pr), sql);
            }
            PQclear(pr);
            if (!ok)
                return false;
            c->sql = sql;
            c->nparams = n;
        }
        r = PQexecPrepared(db->pg, c->name, n, pp.v, pp.len, pp.fmt, 0);
    } else {
        int np;
        char *q = pg_sql(sql, &np);
        if (!q)
            return fail(db, "out of memory");
        r = PQexecParams(db->pg, q, n, pp.types, pp.v, pp.len, pp.fmt, 0);
        free(q);
    }
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        pg_state(db, r);
        fail(db, "%s in: %.200s", PQresultErrorMessage(r), sql);
        PQclear(r);
        return false;
    }
    if (rows) {
        rows->db = db;
        rows->pg = r;
        rows->row = -1;
        rows->nrows = PQntuples(r);
    } else
        PQclear(r);
    return true;
}

bool sr_rows_next(sr_rows *r)
{
    if (r->done || !r->db)
        return false;
    if (r->lite) {
        int rc = sqlite3_step(r->lite);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE) {
            lite_state(r->db);
            fail(r->db, "%s", sqlite3_errmsg(r->db->lite));
            r->failed = true;
        }
        r->done = true;
        return false;
    }
    if (++r->row < r->nrows)
        return true;
    r->done = true;
    return false;
}

bool sr_rows_null(const sr_rows *r, int col)
{
    if (r->lite)
        return sqlite3_column_type(r->lite, col) == SQLITE_NULL;
    return PQgetisnull(r->pg, r->row, col);
}

int64_t sr_rows_int(const sr_rows *r, int col)
{
    if (r->lite)
        return sqlite3_column_int64(r->lite, col);
    if (PQgetisnull(r->pg, r->row, col))
        return 0;
    const char *s = PQgetvalue(r->pg, r->row, col);
    if (s[0] == 't' || s[0] == 'f') /* booleans */
        return s[0] == 't';
    return strtoll(s, NULL, 10);
}

double sr_rows_real(const sr_rows *r, int col)
{
    if (r->lite)
        return sqlite3_column_double(r->lite, col);
    if (PQgetisnull(r->pg, r->row, col))
        return 0;
    return strtod(PQgetvalue(r->pg, r->row, col), NULL);
}

const char *sr_rows_text(const sr_rows *r, int col)
{
    if (r->lite) {
        const unsigned char *s = sqlite3_column_text(r->lite, col);
        return s ? (const char *)s : "";
    }
    if (PQgetisnull(r->pg, r->row, col))
        return "";
    return PQgetvalue(r->pg, r->row, col);
}

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t sr_rows_blob(const sr_rows *r, int col, void *out, size_t cap)
{
    if (r->lite) {
        size_t n = (size_t)sqlite3_column_bytes(r->lite, col);
        const void *p = sqlite3_column_blob(r->lite, col);
        if (!p || n > cap)
            return 0;
        memcpy(out, p, n);
        return n;
    }
    if (PQgetisnull(r->pg, r->row, col))
        return 0;
    const char *s = PQgetvalue(r->pg, r->row, col);
    if (s[0] != '\\' || s[1] != 'x')
        return 0;
    s += 2;
    size_t n = strlen(s) / 2;
    if (n > cap)
        return 0;
    unsigned char *o = out;
    for (size_t i = 0; i < n; i++) {
        int a = hexv(s[2 * i]), b = hexv(s[2 * i + 1]);
        if (a < 0 || b < 0)
            return 0;
        o[i] = (unsigned char)(a * 16 + b);
    }
    return n;
}

bool sr_rows_end(sr_rows *r)
{
    bool ok = !r->failed;
    if (r->lite) {
        sqlite3_reset(r->lite);
        sqlite3_clear_bindings(r->lite);
        if (r->own)
            sqlite3_finalize(r->lite);
    }
    if (r->pg)
        PQclear(r->pg);
    memset(r, 0, sizeof *r);
    return ok;
}

bool sr_db_one_int(sr_db *db, const char *sql, const sr_val *p, int n, int64_t *out, bool *found)
{
    sr_rows r;
    if (!sr_db_run(db, sql, p, n, &r, true))
        return false;
    *found = sr_rows_next(&r);
    if (*found)
        *out = sr_rows_int(&r, 0);
    return sr_rows_end(&r);
}
