import type { FastifyInstance } from 'fastify';
import { createActionRegistry } from '../../../activities/actions';
import { createApiKey } from '../../../engine/journeys';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';
import { journeyApp } from './test-app';

// A send skipped inside the ledger (no consent here) is a skipped visit of its node, with the
// reason: the node's statistics count it as skipped, not completed, next to the suppressed message.
const suite = useJourneySuite('node-stats', { actions: createActionRegistry() });

let app: FastifyInstance | undefined;
afterAll(async () => {
  await app?.close();
});

describe('per-node statistics of a send skipped for lack of consent', () => {
  it('count it as skipped on its node, with the reason, in GET /v1/journeys/:id/stats', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const send = { id: 'send', kind: 'action' as const, config: { actionId: 'email', actionVersion: 1, input: { subject: 'Spring beans', html: '<p>New beans</p>', messageType: 'marketing' } } };
    const published = await publish(suite.db, fixture, draft([trigger(), send], [['start', 'send']]), suite.actions);
    const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'send:skipped']);

    const ledger = await suite.db.prisma.communication.findFirstOrThrow({ where: { workspaceId: fixture.workspaceId } });
    expect(ledger).toMatchObject({ status: 'suppressed', nodeId: 'send', error: expect.any(String) });
    expect(await suite.db.prisma.nodeExecution.findFirstOrThrow({ where: { enrollmentId: result.enrollmentId, nodeId: 'send' } })).toMatchObject({ status: 'skipped', outcome: 'skipped', error: ledger.error });

    app = await journeyApp(suite.db);
    const { key } = await createApiKey(suite.db.prisma, fixture.workspaceId, 'stats');
    const response = await app.inject({ method: 'GET', url: `/v1/journeys/${fixture.journeyId}/stats`, headers: { authorization: `Bearer ${key}` } });
    expect(response.statusCode).toBe(200);
    const node = response.json<{ nodes: { nodeId: string }[] }>().nodes.find((stats) => stats.nodeId === 'send');
    expect(node).toMatchObject({ visits: 1, completed: 0, skipped: 1, failed: 0, reasons: [{ status: 'skipped', reason: ledger.error, count: 1 }], messages: { suppressed: 1, sent: 0 } });
    // The contact's own path says the same, step by step.
    const detail = await app.inject({ method: 'GET', url: `/v1/journeys/${fixture.journeyId}/enrollments/${result.enrollmentId}`, headers: { authorization: `Bearer ${key}` } });
    expect(detail.statusCode).toBe(200);
    expect(detail.json<{ steps: unknown[] }>().steps).toEqual([
      expect.objectContaining({ nodeId: 'start', status: 'completed' }),
      expect.objectContaining({ nodeId: 'send', status: 'skipped', outcome: 'skipped', error: ledger.error }),
    ]);
  });
});
