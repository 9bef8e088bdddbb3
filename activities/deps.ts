import type { Database } from '../engine/db';

/** What activities may use; the worker entry supplies it. */
export interface ActivityDeps {
  db: Database;
}
