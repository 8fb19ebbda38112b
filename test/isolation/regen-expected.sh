#!/bin/sh
# Regenerates test/isolation/expected/NAME.out for each specs/NAME.spec (or the names given)
# with PostgreSQL 15's own isolationtester against the reference server.
# Usage: test/isolation/regen-expected.sh [name ...]
set -e
cd "$(dirname "$0")"
TESTER=${ISOLATIONTESTER:-/usr/lib/postgresql/15/lib/pgxs/src/test/isolation/isolationtester}
CONN=${PGCONN:-"host=/tmp/pgref port=5499 user=postgres dbname=isolation_regress"}
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run psql "${CONN%dbname=*}dbname=postgres" -X -q -c 'CREATE DATABASE isolation_regress' 2>/dev/null || true
names=${*:-$(ls specs | sed 's/\.spec$//')}
for n in $names; do
  run "$TESTER" "$CONN" < "specs/$n.spec" > "expected/$n.out"
  echo "expected/$n.out"
done
