#!/bin/sh
# Remakes the upgrade fixtures of storetest.RunUpgrade with the code of an
# earlier release REV (default f26a8a4, the last before the migrations were
# written once in sqlstore/migrations):
#   sqlite/testdata/upgrade-REV.db.gz, .json    a SQLite database and what REV read back
#   postgres/testdata/upgrade-REV.sql.gz, .json a pg_dump of a PostgreSQL schema and what REV read back
# It exports REV into a temporary folder, copies storetest/upgrade.go and
# main.go (beside this script) into it, fills a database of each store
# there with storetest.FillUpgrade and writes what storetest.ReadUpgrade
# reads back. Needs STRETCHWISE_TEST_POSTGRES (a throwaway database: the
# schema stretchwise_upgrade is dropped) and pg_dump.
# Usage, from the repository root: sh storetest/testdata/upgrade/make.sh [REV]
set -eu
rev=${1:-f26a8a4}
root=$(git rev-parse --show-toplevel)
url=${STRETCHWISE_TEST_POSTGRES:?set STRETCHWISE_TEST_POSTGRES to a throwaway database}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$tmp"
cp "$root/storetest/upgrade.go" "$tmp/storetest/"
mkdir "$tmp/upgrademake"
sed '/^\/\/go:build ignore$/d' "$root/storetest/testdata/upgrade/main.go" > "$tmp/upgrademake/main.go"
(cd "$tmp" && go run ./upgrademake "$root/sqlite/testdata/upgrade-$rev" "$url" "$root/postgres/testdata/upgrade-$rev.json")
# INSERTs, not COPY, so that the test can load it with one Exec; no psql
# meta-commands (\restrict), owners or grants.
pg_dump --schema=stretchwise_upgrade --inserts --no-owner --no-privileges "$url" |
	grep -v '^\\' | gzip -9n > "$root/postgres/testdata/upgrade-$rev.sql.gz"
echo "made the fixtures of $rev"
