#!/bin/sh
# Runs once, when the Postgres volume is first initialised: a separate role for Temporal,
# allowed to create its own two databases, so the app's role never touches them.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL
