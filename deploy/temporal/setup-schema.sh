#!/bin/sh
# Creates Temporal's two databases on the shared Postgres server and brings their schemas
# to the version the server image expects. Safe to re-run: `create` tolerates an existing
# database and `update-schema` only applies missing versions.
set -eu
SQL="temporal-sql-tool --plugin postgres12 --ep ${POSTGRES_SEEDS} -p ${DB_PORT} -u ${POSTGRES_USER} --pw ${POSTGRES_PWD}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

echo "waiting for Postgres at ${POSTGRES_SEEDS}:${DB_PORT}"
until nc -z "${POSTGRES_SEEDS}" "${DB_PORT}"; do sleep 1; done

for pair in "temporal:temporal" "temporal_visibility:visibility"; do
  db=${pair%%:*}
  dir=${pair##*:}
  $SQL --db "$db" create || echo "database $db already exists"
  $SQL --db "$db" setup-schema -v 0.0
  $SQL --db "$db" update-schema -d "$SCHEMA_ROOT/$dir/versioned"
done
echo "Temporal schema is up to date"
