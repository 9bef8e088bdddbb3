export { openDatabase, DatabaseUnavailableError, redact, type Database } from './database';
export { MigrationError, type MigrationReport } from './migrator';
export { IN_MEMORY } from './pglite';
export { toJsonColumn } from './json';
export { isUniqueViolation } from './unique-violation';
