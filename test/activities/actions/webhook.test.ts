import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { createActionRegistry } from '../../../activities/actions';
import { draft, trigger } from '../../workflows/journey/drafts';
import { createWorkspace, nodePath, publish, runInput, startRun } from '../../workflows/journey/harness';
import { useJourneySuite } from '../../workflows/journey/suite';
import { testWebhooks } from '../../support/messaging';

// The built-in webhook action inside a real journey run, calling a receiver on loopback that
// verifies the signature the way a shop would.
const secret = testWebhooks().signingSecret;
interface Received { body: string; idempotencyKey: string; verified: boolean; headers: Record<string, unknown> }
const received: Received[] = [];
const answers: number[] = [];
let receiver: FastifyInstance | undefined;
let base = '';
beforeAll(async () => {
  receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  receiver.post('/hooks/order', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const signature = String(request.headers['x-journey-signature'] ?? '');
    const [t, v1] = signature.split(',').map((part) => part.split('=')[1] ?? '');
    const verified = v1 === createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    received.push({ body, idempotencyKey: String(request.headers['idempotency-key'] ?? ''), verified, headers: request.headers });
    const status = answers.shift() ?? 200;
    return reply.status(status).send(status === 200 ? { tier: 'gold', points: 120 } : { error: 'down' });
  });
  base = await receiver.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await receiver?.close();
});
const suite = useJourneySuite('webhook-action', { actions: createActionRegistry() });

const hook = (input: Record<string, unknown>) => ({ id: 'hook', kind: 'action' as const, config: { actionId: 'webhook', actionVersion: 1, input } });

async function run(input: Record<string, unknown>) {
  const fixture = await createWorkspace(suite.db, { ada: null });
  const published = await publish(suite.db, fixture, draft([trigger(), hook(input)], [['start', 'hook']]), suite.actions);
  const result = await (await startRun(suite.env, suite.taskQueue, runInput(fixture, published, 'ada'))).result();
  if (result.status === 'not_entered') throw new Error(result.reason);
  return { fixture, result, path: await nodePath(suite.db, result.enrollmentId) };
}

describe('the webhook action in a journey', () => {
  it('sends a signed request with the step idempotency key and saves the JSON answer on the contact', async () => {
    const before = received.length;
    const { fixture, result, path } = await run({ url: `${base}/hooks/order`, headers: { 'X-Shop': 'roastery' }, body: '{"email": {{ contact.email | json }}}', saveResponseAs: 'loyalty' });
    expect(path).toEqual(['start:event', 'hook:sent']);
    const [call, ...more] = received.slice(before);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ body: '{"email": "ada@example.com"}', idempotencyKey: `${result.enrollmentId}:hook:2`, verified: true, headers: expect.objectContaining({ 'x-shop': 'roastery' }) });
    const contact = await suite.db.prisma.contact.findUniqueOrThrow({ where: { id: fixture.contactIds.ada } });
    expect(contact.attributes).toMatchObject({ loyalty: { tier: 'gold', points: 120 } });
    // Saved like any contact write: the change is announced for attribute triggers and segments.
    const announced = await suite.db.prisma.outboxEntry.findMany({ where: { topic: 'contact.attribute_changed' } });
    expect(announced.map((entry) => entry.payload)).toContainEqual(expect.objectContaining({ contactId: fixture.contactIds.ada, field: 'attributes.loyalty', to: { tier: 'gold', points: 120 } }));
  });

  it('a 503 is retried with the same idempotency key, and the step succeeds once', async () => {
    answers.push(503);
    const before = received.length;
    const { path } = await run({ url: `${base}/hooks/order`, body: '{}' });
    expect(path).toEqual(['start:event', 'hook:sent']);
    const calls = received.slice(before);
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
  });

  it('a 400 fails the node without retrying', async () => {
    answers.push(400);
    const before = received.length;
    expect((await run({ url: `${base}/hooks/order`, body: '{}' })).path).toEqual(['start:event', 'hook:failed']);
    expect(received.length - before).toBe(1);
  });

  it('refuses private destinations: the node fails and nothing is called', async () => {
    const before = received.length;
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://localhost/hooks/order', 'http://10.0.0.1/hooks']) {
      expect((await run({ url, body: '{}' })).path).toEqual(['start:event', 'hook:failed']);
    }
    expect(received.length).toBe(before);
  });

  it('a body that does not render to JSON fails the node', async () => {
    expect((await run({ url: `${base}/hooks/order`, body: '{"name": {{ contact.firstName }}}' })).path).toEqual(['start:event', 'hook:failed']);
  });
});
