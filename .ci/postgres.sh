# Sourced by .ci/run: a real PostgreSQL for the workspace tests (issue 12), from Debian.
# Installs the server if missing, starts its cluster, makes a throwaway user and database, and
# exports XK_TEST_DATABASE_URL (the tests wipe that database; never point it at real data).
# Run as root (CI). Idempotent: a second run reuses the cluster, user and database.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {found=1} END {exit !found}' \
    || pg_createcluster "$PG_VERSION" main
pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1 || pg_ctlcluster "$PG_VERSION" main start
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')
pg_sql() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -tAc "$1"; }
[ "$(pg_sql "SELECT 1 FROM pg_roles WHERE rolname = 'xk_ci'")" = 1 ] \
    || pg_sql "CREATE ROLE xk_ci LOGIN PASSWORD 'xk_ci'" >/dev/null
[ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = 'xk_ci'")" = 1 ] \
    || pg_sql "CREATE DATABASE xk_ci OWNER xk_ci" >/dev/null
export XK_TEST_DATABASE_URL="postgresql://xk_ci:xk_ci@127.0.0.1:${PG_PORT}/xk_ci"
