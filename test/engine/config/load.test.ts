import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../../engine/config';

const cwd = '/srv/app';

describe('loadConfig', () => {
  it('defaults to the embedded mode: PGlite under .data and a dev server', () => {
    const config = loadConfig({}, cwd);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxy: false });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: resolve(cwd, '.data/pglite') });
    expect(config.temporal).toMatchObject({
      mode: 'dev-server',
      address: '127.0.0.1:7233',
      uiPort: 8233,
      dbFile: resolve(cwd, '.data/temporal.sqlite'),
      namespace: 'default',
      taskQueue: 'journeys',
    });
    expect(config.seedDemo).toBe(true);
  });

  it('switches to a Postgres server and an external Temporal cluster', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://app:secret@db:5432/journeys', TEMPORAL_ADDRESS: 'temporal:7233', PORT: '8080' },
      cwd,
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app:secret@db:5432/journeys' });
    expect(config.temporal).toMatchObject({ mode: 'external', address: 'temporal:7233' });
    expect(config.http.port).toBe(8080);
  });

  it('sends mail to the local outbox unless SMTP_URL is set, with links to PUBLIC_URL', () => {
    expect(loadConfig({}, cwd).mail).toEqual({ smtpUrl: undefined, from: 'Journey Engine <journeys@localhost>', domain: 'localhost', publicUrl: 'http://127.0.0.1:3000', unsubscribeSecret: undefined, preferenceLinkDays: 30, confirmationLinkDays: 7 });
    const configured = loadConfig({ SMTP_URL: 'smtps://u:p@mail.shop.example:465', MAIL_FROM: 'Shop <news@shop.example>', PUBLIC_URL: 'https://journeys.shop.example/', HOST: '0.0.0.0' }, cwd);
    expect(configured.mail).toMatchObject({ smtpUrl: 'smtps://u:p@mail.shop.example:465', domain: 'shop.example', publicUrl: 'https://journeys.shop.example' });
  });

  it('trusts no proxy unless TRUST_PROXY names them', () => {
    expect(loadConfig({}, cwd).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, cwd).http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: 'true' }, cwd).http.trustProxy).toBe(true);
  });

  it('reads the session lifetimes, with the owner unset by default', () => {
    expect(loadConfig({}, cwd).accounts).toEqual({ owner: undefined, sessionSecret: undefined, sessionIdleMinutes: 720, sessionMaxHours: 168, invitationDays: 7 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' }, cwd).database.kind).toBe('pglite');
  });

  it.each([
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL must start with postgres:\/\//],
    [{ TEMPORAL_ADDRESS: 'temporal' }, /TEMPORAL_ADDRESS must match pattern/],
    [{ PORT: 'eighty' }, /PORT must be integer/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be boolean/],
    [{ SMTP_URL: 'http://mail:25' }, /SMTP_URL must be smtp:\/\//],
    [{ MAIL_FROM: 'nobody' }, /MAIL_FROM must be an address/],
    [{ PUBLIC_URL: 'journeys' }, /PUBLIC_URL is not a URL/],
    [{ TRUST_PROXY: 'the load balancer' }, /TRUST_PROXY must be true or comma-separated/],
    [{ OWNER_PASSWORD: 'correct horse battery staple' }, /OWNER_EMAIL and OWNER_PASSWORD go together/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must NOT have fewer than 32 characters/],
    [{ SESSION_IDLE_MINUTES: '1' }, /SESSION_IDLE_MINUTES must be >= 5/],
    [{ UNSUBSCRIBE_SECRET: 'short' }, /UNSUBSCRIBE_SECRET must NOT have fewer than 32 characters/],
    [{ TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` }, /TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together/],
    [{ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+14155550123' }, /TWILIO_ACCOUNT_SID must match pattern/],
    [{ TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '0800 123' }, /TWILIO_FROM must be an E.164 number/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });
});
