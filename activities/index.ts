import type { WorkerDeps } from './worker-deps';
import { createCrmActivities } from './crm';
import { createEnrollmentActivities } from './enrollment';
import { createHelloActivities } from './hello';
import { createJourneyActivities } from './journey';

/** Every activity the worker registers, built from its dependencies (no globals). */
export function createActivities(deps: WorkerDeps) {
  return {
    ...createHelloActivities(deps),
    ...createJourneyActivities(deps),
    ...createCrmActivities(deps),
    ...createEnrollmentActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
export type { WorkerDeps } from './worker-deps';
