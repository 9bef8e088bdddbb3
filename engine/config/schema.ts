import { Type, type Static } from 'typebox';

/**
 * Every environment variable the engine reads, in one schema. Defaults describe the
 * embedded mode: PGlite under DATA_DIR, a Temporal dev server started by the app.
 */
export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'Interface the API listens on.' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'API and builder UI port.' }),
  TRUST_PROXY: Type.String({
    default: '',
    description: 'Behind a reverse proxy: "true" (trust X-Forwarded-For from anyone) or the comma-separated proxy addresses/CIDRs. Sign-in back-off and rate limits then count the real client address. Empty: trust none.',
  }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATA_DIR: Type.String({ default: '.data', minLength: 1, description: 'Folder for embedded state (PGlite, Temporal SQLite).' }),
  DATABASE_URL: Type.Optional(
    Type.String({ minLength: 1, description: 'postgres:// URL of a Postgres server; unset = embedded PGlite.' }),
  ),
  TEMPORAL_ADDRESS: Type.Optional(
    Type.String({ pattern: '^[^\\s:]+:[0-9]{1,5}$', description: 'host:port of a Temporal frontend; unset = start a dev server.' }),
  ),
  TEMPORAL_NAMESPACE: Type.String({ default: 'default', minLength: 1 }),
  TEMPORAL_TASK_QUEUE: Type.String({ default: 'journeys', minLength: 1 }),
  TEMPORAL_CLI_PATH: Type.Optional(Type.String({ minLength: 1, description: 'Path to the `temporal` CLI binary.' })),
  TEMPORAL_DEV_SERVER_PORT: Type.Integer({ default: 7233, minimum: 1, maximum: 65535 }),
  TEMPORAL_DEV_UI_PORT: Type.Integer({ default: 8233, minimum: 1, maximum: 65535 }),
  TEMPORAL_CONNECT_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100 }),
  SEED_DEMO: Type.Boolean({ default: true, description: 'Seed the demo workspace on first start.' }),
  SMTP_URL: Type.Optional(Type.String({ minLength: 1, description: 'smtp:// or smtps:// URL of the mail server; unset = the local outbox.' })),
  MAIL_FROM: Type.String({ default: 'Journey Engine <journeys@localhost>', minLength: 3, description: 'Default sender of journey email.' }),
  PUBLIC_URL: Type.Optional(Type.String({ minLength: 1, description: 'Base URL contacts reach the engine at (unsubscribe links); default http://HOST:PORT.' })),
  UNSUBSCRIBE_SECRET: Type.Optional(
    Type.String({ minLength: 32, description: 'Signs unsubscribe links; unset = generated once into DATA_DIR.' }),
  ),
  PREFERENCE_LINK_DAYS: Type.Integer({ default: 30, minimum: 1, maximum: 365, description: 'Days a preference center link in an email stays valid.' }),
  CONFIRMATION_LINK_DAYS: Type.Integer({ default: 7, minimum: 1, maximum: 90, description: 'Days a double opt-in confirmation link stays valid.' }),
  TWILIO_ACCOUNT_SID: Type.Optional(Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'Twilio account; unset = SMS goes to the local outbox.' })),
  TWILIO_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'Twilio auth token (also verifies status callbacks).' })),
  TWILIO_FROM: Type.Optional(Type.String({ minLength: 2, description: 'Sender: an E.164 number, or a Messaging Service SID (MG…).' })),
  TWILIO_API_URL: Type.Optional(Type.String({ minLength: 1, description: 'Base URL of the Twilio API (a regional edge or a proxy); default https://api.twilio.com.' })),
  WEBHOOK_SIGNING_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'Signs webhook requests (X-Journey-Signature); unset = generated once into DATA_DIR.' })),
  WEBHOOK_ALLOWED_HOSTS: Type.String({ default: '', description: 'Comma-separated host names and CIDR ranges webhooks may reach although private (e.g. 10.0.0.0/8,hooks.internal).' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 1_200, minimum: 0, maximum: 1_000_000, description: 'API requests per minute per API key (per client address without one); 0 = no limit.' }),
  OWNER_EMAIL: Type.Optional(Type.String({ minLength: 3, description: 'With OWNER_PASSWORD: creates the instance owner at start when no one has signed up (automation); no default.' })),
  OWNER_PASSWORD: Type.Optional(Type.String({ minLength: 1, description: 'The owner\'s password, with OWNER_EMAIL; the password rules apply.' })),
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'Signs session and CSRF cookies; unset = generated once into DATA_DIR.' })),
  SESSION_IDLE_MINUTES: Type.Integer({ default: 720, minimum: 5, maximum: 43_200, description: 'A signed-in session ends after this long without a request.' }),
  SESSION_MAX_HOURS: Type.Integer({ default: 168, minimum: 1, maximum: 8_760, description: 'A session ends this long after sign-in, however active.' }),
  INVITATION_DAYS: Type.Integer({ default: 7, minimum: 1, maximum: 30, description: 'Days an invitation link stays valid.' }),
  ACTIONS_MODULE: Type.Optional(Type.String({ minLength: 1, description: 'Path of a JavaScript module exporting custom actions.' })),
});

export type Env = Static<typeof EnvSchema>;
