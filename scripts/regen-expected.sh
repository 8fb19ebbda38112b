#!/usr/bin/env bash
# regen-expected.sh — regenerate test/sql/*.out from the real PostgreSQL 15 server.
#
# Usage:  scripts/regen-expected.sh            # every test/sql/*.sql
#         scripts/regen-expected.sh NAME ...   # only test/sql/NAME.sql (NAME or NAME.sql)
#
# How PostgreSQL is started (PostgreSQL 15 is the specification; its output is the oracle):
#   * A private cluster is created in a fresh temp dir (mktemp -d) with
#       initdb -D $TMP/data -A trust -U postgres --locale=C -E UTF8
#     The temp dir is owned by the user that runs the server: when this script runs as
#     root, the dir is chown'ed to "postgres" and every server/client command is run
#     through `runuser -u postgres --` (PostgreSQL refuses to run as root); when run as
#     a non-root user, everything runs as that user directly.
#   * The server is started with pg_ctl on a free port (checked against 127.0.0.1),
#     listen_addresses='' (no TCP at all) and its unix socket in the temp dir
#     (unix_socket_directories=$TMP), fsync=off; the server log is $TMP/server.log.
#   * For each test file a fresh database "relata_test" is created, then
#       psql -X -a -d relata_test < NAME.sql > NAME.out 2>&1
#     is run with PGTZ=UTC, PGDATESTYLE='ISO, MDY', LC_MESSAGES=C, PGCLIENTENCODING=UTF8,
#     and the database is dropped again.
#   * On exit (normal or not) a trap stops the server (pg_ctl stop -m immediate) and
#     removes the temp dir.
#
# Test files must be deterministic: no printed now()/random()/oids.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SQLDIR="$ROOT/test/sql"
DBNAME=relata_test

if [ "$(id -u)" = 0 ]; then
    RUNAS=(runuser -u postgres --)
else
    RUNAS=()
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/relata-regen.XXXXXX")
chmod 700 "$TMP"
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$TMP"
fi
STARTED=0

as_pg() {
    # run a command as the server's owner, from inside the temp dir
    (cd "$TMP" && "${RUNAS[@]}" env -u LC_ALL \
        PGHOST="$TMP" PGPORT="$PORT" PGUSER=postgres \
        PGTZ=UTC PGDATESTYLE='ISO, MDY' LC_MESSAGES=C PGCLIENTENCODING=UTF8 \
        "$@")
}

cleanup() {
    if [ "$STARTED" = 1 ]; then
        as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port. With listen_addresses='' the port only names the socket file in our
# private dir, but we still avoid ports in use on localhost.
PORT=
for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        PORT=$p
        break
    fi
done
[ -n "$PORT" ] || { echo "no free port found" >&2; exit 1; }

as_pg "$PGBIN/initdb" -D "$TMP/data" -A trust -U postgres --locale=C -E UTF8 \
    >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; exit 1; }

as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses='' -c unix_socket_directories='$TMP' -c fsync=off" \
    start >/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
STARTED=1

# The files to run.
names=()
if [ "$#" -gt 0 ]; then
    for a in "$@"; do
        n=$(basename "$a"); n=${n%.sql}
        [ -f "$SQLDIR/$n.sql" ] || { echo "no such test: $SQLDIR/$n.sql" >&2; exit 1; }
        names+=("$n")
    done
else
    for f in "$SQLDIR"/*.sql; do
        [ -e "$f" ] || continue
        n=$(basename "$f"); names+=("${n%.sql}")
    done
fi

for n in "${names[@]}"; do
    as_pg "$PGBIN/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $DBNAME" >/dev/null 2>&1
    as_pg "$PGBIN/psql" -X -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DBNAME" >/dev/null
    # Errors in the test file are expected; psql's exit status is not.
    as_pg "$PGBIN/psql" -X -a -d "$DBNAME" <"$SQLDIR/$n.sql" >"$SQLDIR/$n.out" 2>&1 || true
    as_pg "$PGBIN/psql" -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE $DBNAME" >/dev/null
    echo "$n"
done
