import Fastify from 'fastify';
import { guardRoutes } from '../../../engine/access/guard';
import { registerErrorHandler } from '../../../engine/errors';

describe('the route guard', () => {
  it('fails closed: a route missing from the permission table answers 403 to everyone, naming itself', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    await app.register(async (api) => {
      guardRoutes(api);
      api.get('/v1/forgotten/:id', async () => ({ secret: 'leaked' }));
      api.get('/health', async () => ({ ok: true }));
    });
    const forgotten = await app.inject({ method: 'GET', url: '/v1/forgotten/1' });
    expect({ status: forgotten.statusCode, body: forgotten.json() }).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: expect.stringContaining('GET /v1/forgotten/{id} has no permission declared') } },
    });
    expect(forgotten.body).not.toContain('leaked');
    // HEAD follows GET.
    expect((await app.inject({ method: 'HEAD', url: '/v1/forgotten/1' })).statusCode).toBe(403);
    // A public route in the table is left open.
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });
});
