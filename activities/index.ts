import type { ActivityDeps } from './deps';
import { createCrmActivities } from './crm';
import { createEnrollmentActivities } from './enrollment';
import { createHelloActivities } from './hello';
import { createJourneyActivities } from './journey';

/** Every activity the worker registers, built from its dependencies (no globals). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createHelloActivities(deps),
    ...createJourneyActivities(deps),
    ...createCrmActivities(deps),
    ...createEnrollmentActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
