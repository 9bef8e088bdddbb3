import { Type } from 'typebox';
import { defineAction } from '../definition';
import { PermanentActionError } from '../errors';

/**
 * Enters the contact into another journey (its latest published version), under that
 * journey's own entry rules. Starting is idempotent: a contact already in it is not entered twice.
 */
export const startJourneyAction = defineAction({
  id: 'journey.start',
  version: 1,
  label: 'Start another journey',
  description: 'Enters the contact into another published journey of the workspace.',
  category: 'flow',
  icon: 'play',
  input: Type.Object({ journeyId: Type.String({ format: 'uuid', title: 'Journey' }) }, { additionalProperties: false }),
  outputs: ['done'],
  run: async (context, input) => {
    if (input.journeyId === context.journeyId) throw new PermanentActionError('a journey cannot start itself; use a loop with a wait instead');
    const started = await context.deps.journeys.start({ workspaceId: context.workspaceId, journeyId: input.journeyId, contactId: context.contactId });
    if (!started) throw new PermanentActionError(`journey ${input.journeyId} has no published version in this workspace`);
    return { outcome: 'done' };
  },
});
