import type { Client } from '@temporalio/client';
import type { JourneyStarter } from '../../activities/journeys';
import type { PrismaClient } from '../../prisma/generated/client';
import { latestPublishedVersion } from './published';
import { startJourneyRun } from './start-run';

/** Entering a contact into a journey's latest published version, for the `journey.start` action. */
export function createJourneyStarter(prisma: PrismaClient, client: Client, taskQueue: string): JourneyStarter {
  return {
    start: async ({ workspaceId, journeyId, contactId }) => {
      const latest = await latestPublishedVersion(prisma, workspaceId, journeyId);
      if (!latest) return false;
      await startJourneyRun(client, taskQueue, { workspaceId, journeyId, contactId, journeyVersionId: latest.journeyVersionId, version: latest.version, plan: latest.plan });
      return true;
    },
  };
}
