# A private PostgreSQL for a test, sourced by tests/corpus.sh,
# tests/ingest_parallel.sh and tests/serve.sh: Debian's postgresql-15
# (initdb + pg_ctl) in $pgdir, listening on 127.0.0.1:$pgport only, trust
# authentication for the user sitrep.  As root the server runs as `nobody`
# (postgres refuses root).  pg_start picks the port itself: one derived
# from the process id, and the next candidate while the one tried is
# already in use (by another test, or anything else on the machine); it
# sets pg_up=1 when the server answers.  pg_stop stops it.  The caller sets
# pgdir first; pg_start's arguments are more server settings.
pgbin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
pg_stop() { [ -f "$pgdir/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1; }
pg_start() {
    pg_up=0
    [ -x "$pgbin/initdb" ] || return 1
    mkdir -p "$pgdir" && chmod 700 "$pgdir"
    [ "$(id -u)" -eq 0 ] && chown nobody "$pgdir"
    if ! (cd / && as_pg "$pgbin/initdb" -D "$pgdir/data" -U sitrep --auth=trust --no-locale -E UTF8) > "$pgdir.initdb.log" 2>&1; then
        tail -n 20 "$pgdir.initdb.log"
        return 1
    fi
    try=0
    while [ $try -lt 8 ]; do
        pgport=$((20000 + ($$ * 31 + try * 7919) % 20000))
        if (cd / && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off $*" start) > "$pgdir.pgctl.log" 2>&1; then
            pg_up=1
            return 0
        fi
        grep -q "already in use" "$pgdir/log" 2> /dev/null || break
        try=$((try + 1))
    done
    cat "$pgdir.pgctl.log" "$pgdir/log" 2> /dev/null | tail -n 20
    return 1
}
pgurl() { echo "postgresql://sitrep@127.0.0.1:$pgport/$1"; }
createdb_() { psql -q -h 127.0.0.1 -p "$pgport" -U sitrep -d postgres -c "CREATE DATABASE $1" > /dev/null 2>&1; }
