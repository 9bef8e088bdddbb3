import { join } from 'node:path';
import { createActionRegistry } from '../../activities/actions';
import { loadCustomActions } from '../../engine/custom-actions';
import { createApiKey } from '../../engine/journeys';
import { draft, trigger } from '../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun } from '../workflows/journey/harness';
import { useJourneySuite } from '../workflows/journey/suite';
import { journeyApp } from './journeys/test-app';

const MODULE = join(__dirname, 'custom-actions', 'coupon-action.cjs');

// A custom action from the developer's own module (ACTIONS_MODULE) joins the built-in ones:
// it appears in the catalog the palette reads and runs inside a journey end to end.
const registry = createActionRegistry();
beforeAll(async () => {
  for (const action of await loadCustomActions(MODULE)) registry.register(action);
});
const suite = useJourneySuite('custom-actions', { actions: registry });

describe('custom actions (ACTIONS_MODULE)', () => {
  it('runs inside a journey, with schema defaults and the step idempotency key', async () => {
    const fixture = await createWorkspace(suite.db, { ada: null });
    const published = await publish(suite.db, fixture, draft([trigger(), { id: 'coupon', kind: 'action', config: { actionId: 'acme.coupon', actionVersion: 1, input: {} } }], [['start', 'coupon']]), registry);
    const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
    if (result.status === 'not_entered') throw new Error(result.reason);
    expect(await nodePath(suite.db, result.enrollmentId)).toEqual(['start:event', 'coupon:issued']);
    const contact = await suite.db.prisma.contact.findUniqueOrThrow({ where: { id: fixture.contactIds.ada } });
    expect(contact.attributes).toEqual({ coupon: `ACME10-${result.enrollmentId.slice(0, 8).toUpperCase()}` });
  });

  it('appears in the action catalog next to the built-in actions, with its input schema', async () => {
    const app = await journeyApp(suite.db, { actions: registry });
    try {
      const workspace = await suite.db.prisma.workspace.create({ data: { name: 'Catalog', slug: 'catalog' } });
      const { key } = await createApiKey(suite.db.prisma, workspace.id, 'canvas');
      const response = await app.inject({ method: 'GET', url: '/v1/actions', headers: { authorization: `Bearer ${key}` } });
      expect(response.statusCode).toBe(200);
      const actions = response.json<{ actions: { id: string; outputs: string[]; input: { properties?: Record<string, unknown> } }[] }>().actions;
      expect(actions.map((action) => action.id)).toEqual(expect.arrayContaining(['acme.coupon', 'email', 'sms', 'webhook', 'segment.add', 'loyalty.award_points']));
      expect(actions.find((action) => action.id === 'acme.coupon')).toMatchObject({ outputs: ['issued'], input: { properties: { percent: expect.objectContaining({ default: 10 }) } } });
    } finally {
      await app.close();
    }
  });

  it('explains a module that is missing or exports no actions', async () => {
    await expect(loadCustomActions(join(__dirname, 'custom-actions', 'missing.cjs'))).rejects.toThrow(/could not be loaded/);
    await expect(loadCustomActions(join(__dirname, 'journeys', 'test-app.ts'))).rejects.toThrow(/must export an array of actions/);
  });

  it('refuses catalog fields that are functions rather than data, naming the action and field', async () => {
    await expect(loadCustomActions(join(__dirname, 'custom-actions', 'message-function.cjs'))).rejects.toThrow(/action acme\.fax: message must be data/);
  });
});
