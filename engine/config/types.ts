export type DatabaseConfig =
  | { kind: 'pglite'; /** Absolute folder of the PGlite data directory; 'memory://' for tests. */ dataDir: string }
  | { kind: 'postgres'; url: string };

interface TemporalCommon {
  namespace: string;
  taskQueue: string;
  connectTimeoutMs: number;
  address: string;
}

export type TemporalConfig =
  | (TemporalCommon & { mode: 'external' })
  | (TemporalCommon & {
      mode: 'dev-server';
      port: number;
      uiPort: number;
      /** SQLite file that makes the dev server's state survive restarts. */
      dbFile: string;
      cliPath: string | undefined;
      /** Where `.tools/temporal/bin` is looked for. */
      projectRoot: string;
    });

export interface MailConfig {
  /** Unset: email goes to the local outbox. */
  smtpUrl: string | undefined;
  from: string;
  /** The sender's domain, for Message-IDs. */
  domain: string;
  /** Where unsubscribe links point. */
  publicUrl: string;
  /** Unset: generated once and kept in DATA_DIR (server.ts). */
  unsubscribeSecret: string | undefined;
  /** Lifetime of preference center links in email, in days. */
  preferenceLinkDays: number;
  /** Lifetime of double opt-in confirmation links, in days. */
  confirmationLinkDays: number;
}

export interface SmsConfig {
  /** Unset: SMS goes to the local outbox. */
  twilio: { accountSid: string; authToken: string; from: string; apiUrl: string | undefined } | undefined;
}

export interface WebhookConfig {
  /** Unset: generated once and kept in DATA_DIR (server.ts). */
  signingSecret: string | undefined;
  allowedHosts: string[];
}

export interface AccountsConfig {
  /** Both set: the owner is created at start when no user exists. */
  owner: { email: string; password: string } | undefined;
  /** Unset: generated once and kept in DATA_DIR (server.ts). */
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  invitationDays: number;
}

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  /** `trustProxy` as fastify takes it: false, true, or the proxies' addresses. */
  http: { host: string; port: number; trustProxy: boolean | string[] };
  logLevel: string;
  dataDir: string;
  database: DatabaseConfig;
  temporal: TemporalConfig;
  seedDemo: boolean;
  mail: MailConfig;
  sms: SmsConfig;
  webhooks: WebhookConfig;
  accounts: AccountsConfig;
  /** API requests per minute per key (or client address); 0 = no limit. */
  rateLimitPerMinute: number;
  /** A module of custom actions (absolute path), loaded at start. */
  actionsModule: string | undefined;
}
