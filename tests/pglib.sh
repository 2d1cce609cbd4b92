# A private PostgreSQL for a test, sourced by tests/corpus.sh and
# tests/ingest_parallel.sh: Debian's postgresql-15 (initdb + pg_ctl) in
# $pgdir, listening on 127.0.0.1:$port only, trust authentication for the
# user sitrep.  As root the server runs as `nobody` (postgres refuses
# root).  pg_start sets pg_up=1 when the server answers; pg_stop stops it.
# The caller sets pgdir and port first.
pgbin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
pg_stop() { [ -f "$pgdir/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1; }
pg_start() {
    pg_up=0
    [ -x "$pgbin/initdb" ] || return 1
    mkdir -p "$pgdir" && chmod 700 "$pgdir"
    [ "$(id -u)" -eq 0 ] && chown nobody "$pgdir"
    if (cd / && as_pg "$pgbin/initdb" -D "$pgdir/data" -U sitrep --auth=trust --no-locale -E UTF8) > "$pgdir.initdb.log" 2>&1 &&
        (cd / && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off $*" start) > "$pgdir.pgctl.log" 2>&1; then
        pg_up=1
    else
        cat "$pgdir.initdb.log" "$pgdir.pgctl.log" "$pgdir/log" 2>/dev/null | tail -n 20
    fi
}
pgurl() { echo "postgresql://sitrep@127.0.0.1:$port/$1"; }
createdb_() { psql -q -h 127.0.0.1 -p "$port" -U sitrep -d postgres -c "CREATE DATABASE $1" > /dev/null 2>&1; }
