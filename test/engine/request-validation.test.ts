import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requestValidatorCompiler } from '../../engine/request-validation';

const Shape = Type.Object({ topics: Type.Array(Type.String()), email: Type.String({ format: 'email' }), count: Type.Optional(Type.Integer()) }, { additionalProperties: false });

/** The compiler on a bare fastify app: which part of a request coerces, and formats still apply. */
describe('requestValidatorCompiler', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(requestValidatorCompiler());
    await app.register(formBody);
    const echo = async (request: { body: unknown; query: unknown }) => ({ body: request.body ?? null, query: request.query });
    app.post('/json', { schema: { body: Shape, querystring: Type.Object({ limit: Type.Optional(Type.Integer()) }) } }, echo);
    app.post('/form', { schema: { body: { content: { 'application/x-www-form-urlencoded': { schema: Shape } } } } }, echo);
    await app.ready();
  });
  afterAll(() => app.close());

  const json = (payload: unknown, url = '/json') => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  it('takes a JSON body as sent, and coerces the query string', async () => {
    const ok = await json({ topics: ['news'], email: 'ada@example.com', count: 2 }, '/json?limit=10');
    expect(ok.json()).toEqual({ body: { topics: ['news'], email: 'ada@example.com', count: 2 }, query: { limit: 10 } });
    expect((await json({ topics: 'news', email: 'ada@example.com' })).statusCode).toBe(400);
    expect((await json({ topics: [], email: 'ada@example.com', count: '2' })).statusCode).toBe(400);
  });

  it('still checks formats in a body', async () => {
    expect((await json({ topics: [], email: 'not an address' })).statusCode).toBe(400);
  });

  it('coerces a form body declared per content type: a single checkbox value is a list of one', async () => {
    const form = await app.inject({ method: 'POST', url: '/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'topics=news&email=ada%40example.com&count=2' });
    expect(form.json()).toMatchObject({ body: { topics: ['news'], email: 'ada@example.com', count: 2 } });
  });
});
