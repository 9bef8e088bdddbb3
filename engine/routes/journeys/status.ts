import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors';
import { changeJourneyStatus, type StatusChange } from '../../journeys/status';
import { common, conflictReply, errorReplies } from './common';
import { StatusChangeReply } from './read-schemas';
import { JourneyParams } from './schemas';

const changes: { change: StatusChange; summary: string; description: string; refusal: string }[] = [
  {
    change: 'pause',
    summary: 'Pause an active journey',
    description: 'No new entries (triggers, manual enrollment, the journey.start action) until it is resumed; contacts already in the journey continue. 409 unless the journey is active (or already paused).',
    refusal: 'only an active journey can be paused',
  },
  { change: 'resume', summary: 'Resume a paused journey', description: 'New entries again, on the latest published version. 409 unless the journey is paused (or already active).', refusal: 'only a paused journey can be resumed (publish a draft instead)' },
  {
    change: 'archive',
    summary: 'Archive a journey for good',
    description: 'No new entries, and it cannot be resumed; contacts already in the journey continue to their end (cancel single runs with the enrollment cancel route). Any journey can be archived; archiving it again changes nothing. Publishing a new version does not change the status of a paused or archived journey.',
    refusal: 'it cannot be archived',
  },
];

/** Status changes after publishing: pause, resume, archive. Registered inside journeyRoutes (its API key hook). */
export const journeyStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { prisma } = app.services.db;
  for (const { change, summary, description, refusal } of changes) {
    app.post(
      `/:journeyId/${change}`,
      { schema: { ...common, summary, description, params: JourneyParams, response: { 200: StatusChangeReply, ...(change === 'archive' ? {} : conflictReply), ...errorReplies } } },
      async (request) => {
        const { journeyId } = request.params;
        const result = await changeJourneyStatus(prisma, request.workspaceId, journeyId, change);
        if (result.ok) {
          request.audit = { summary: { from: result.from, to: result.status, changed: result.changed } };
          return { journeyId, status: result.status, changed: result.changed };
        }
        if (result.reason === 'not_found') throw new ApiError('NOT_FOUND', `journey ${journeyId}`);
        throw new ApiError('CONFLICT', `journey ${journeyId} is ${result.status}; ${refusal}`);
      },
    );
  }
};
