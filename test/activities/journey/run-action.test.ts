import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createActionRegistry } from '../../../activities/actions';
import { runAction } from '../../../activities/journey/run-action';
import type { NodeVisit, RunActionInput } from '../../../activities/journey/types';
import type { Database } from '../../../engine/db';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { testActivityDeps } from '../../support/messaging';
import { enrolledContact } from './fixture';

// The node visits a lean run carries into its action's activity are written beside the action:
// both land whatever the action's outcome, and the action's own errors keep their meaning.
describe.each(databaseKinds)('runAction with the visits it carries (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: Database;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const step = async (contactExists = true): Promise<RunActionInput> => {
    const { workspaceId, contactId: existing, journeyId, journeyVersionId, enrollmentId } = await enrolledContact(db, 'run-action');
    const at = Date.now();
    const visits: NodeVisit[] = [
      { nodeId: 'start', visit: 1, step: 1, status: 'completed', enteredAt: at, completedAt: at, outcome: 'next' },
      { nodeId: 'tag', visit: 1, step: 2, status: 'entered', enteredAt: at },
    ];
    // The contact may leave while the run is on its way to the action (an erasure).
    const contactId = contactExists ? existing : randomUUID();
    return {
      workspaceId,
      journeyId,
      journeyVersionId,
      contactId,
      enrollmentId,
      nodeId: 'tag',
      idempotencyKey: `${enrollmentId}:tag:2`,
      actionId: 'contact.set_attribute',
      actionVersion: 1,
      input: { attribute: 'tier', value: 'gold' },
      variables: {},
      now: at,
      visits,
    };
  };
  const written = (enrollmentId: string) => db.prisma.nodeExecution.findMany({ where: { enrollmentId }, orderBy: { step: 'asc' }, select: { nodeId: true, status: true } });

  it('runs the action and writes the visits', async () => {
    const request = await step();
    const deps = testActivityDeps(db, createActionRegistry());
    expect(await runAction(deps, request)).toEqual({ outcome: 'done' });
    expect(await written(request.enrollmentId)).toEqual([
      { nodeId: 'start', status: 'completed' },
      { nodeId: 'tag', status: 'entered' },
    ]);
    expect(await db.prisma.contact.findUniqueOrThrow({ where: { id: request.contactId }, select: { attributes: true } })).toEqual({ attributes: { tier: 'gold' } });
  });

  it('a permanent action failure is not retried, and the visits before it are written all the same', async () => {
    const request = await step(false);
    const deps = testActivityDeps(db, createActionRegistry());
    const failure = await runAction(deps, request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: 'PermanentActionFailure' });
    expect(await written(request.enrollmentId)).toHaveLength(2);
  });

  it('visits that cannot be written fail the activity for a retry even though the action ran', async () => {
    const request = await step();
    const deps = testActivityDeps(db, createActionRegistry());
    const broken = { ...request, visits: [{ nodeId: 'tag', visit: 1, step: 2, status: 'no-such-status', enteredAt: request.now } as unknown as NodeVisit] };
    const failure = await runAction(deps, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    // The retry finds the attribute already set and writes the visits it carries.
    expect(await runAction(deps, request)).toEqual({ outcome: 'done' });
    expect(await written(request.enrollmentId)).toHaveLength(2);
  });
});
