import { isAbsolute, resolve } from 'node:path';
import envSchema from 'env-schema';
import { ConfigError } from './errors';
import { EnvSchema, type Env } from './schema';
import type { AccountsConfig, AppConfig, DatabaseConfig, MailConfig, SmsConfig, TemporalConfig } from './types';

/**
 * Reads and validates the environment once, at boot. Throws ConfigError with a message
 * naming the variable at fault.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const env = validateEnv(source);
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(cwd, env.DATA_DIR);
  return {
    environment: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, trustProxy: trustProxyOf(env.TRUST_PROXY) },
    logLevel: env.LOG_LEVEL,
    dataDir,
    database: databaseConfig(env, dataDir),
    temporal: temporalConfig(env, dataDir, cwd),
    seedDemo: env.SEED_DEMO,
    mail: mailConfig(env),
    sms: smsConfig(env),
    actionsModule: env.ACTIONS_MODULE === undefined ? undefined : isAbsolute(env.ACTIONS_MODULE) ? env.ACTIONS_MODULE : resolve(cwd, env.ACTIONS_MODULE),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    accounts: accountsConfig(env),
    webhooks: { signingSecret: env.WEBHOOK_SIGNING_SECRET, allowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',').map((entry) => entry.trim()).filter(Boolean) },
  };
}

function validateEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "unset" in shells (`DATABASE_URL= npm start`).
  const data = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  try {
    return envSchema<Env>({ schema: EnvSchema, data, env: false, dotenv: false });
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${describeEnvError(error)}`);
  }
}

function describeEnvError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Ajv reports "env/PORT must be integer, env must have required property X"; drop the prefix.
  return message.replace(/(^|, )env\//g, '$1');
}

function databaseConfig(env: Env, dataDir: string): DatabaseConfig {
  if (env.DATABASE_URL === undefined) return { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') };
  let url: URL;
  try {
    url = new URL(env.DATABASE_URL);
  } catch {
    throw new ConfigError('Invalid configuration: DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`Invalid configuration: DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//).`);
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new ConfigError('Invalid configuration: DATABASE_URL has no host.');
  }
  return { kind: 'postgres', url: env.DATABASE_URL };
}

function temporalConfig(env: Env, dataDir: string, cwd: string): TemporalConfig {
  const common = {
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    connectTimeoutMs: env.TEMPORAL_CONNECT_TIMEOUT_MS,
  };
  if (env.TEMPORAL_ADDRESS !== undefined) return { ...common, mode: 'external', address: env.TEMPORAL_ADDRESS };
  return {
    ...common,
    mode: 'dev-server',
    address: `127.0.0.1:${env.TEMPORAL_DEV_SERVER_PORT}`,
    port: env.TEMPORAL_DEV_SERVER_PORT,
    uiPort: env.TEMPORAL_DEV_UI_PORT,
    dbFile: resolve(dataDir, 'temporal.sqlite'),
    cliPath: env.TEMPORAL_CLI_PATH,
    projectRoot: cwd,
  };
}

function mailConfig(env: Env): MailConfig {
  if (env.SMTP_URL !== undefined) {
    const protocol = URL.canParse(env.SMTP_URL) ? new URL(env.SMTP_URL).protocol : undefined;
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new ConfigError('Invalid configuration: SMTP_URL must be smtp://user:password@host:587 or smtps://… (unset it to use the local outbox).');
    }
  }
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(env.MAIL_FROM)?.[1];
  if (!domain) throw new ConfigError('Invalid configuration: MAIL_FROM must be an address such as "Shop <news@shop.example>".');
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const publicUrl = env.PUBLIC_URL ?? `http://${host}:${env.PORT}`;
  if (!URL.canParse(publicUrl)) throw new ConfigError('Invalid configuration: PUBLIC_URL is not a URL (expected https://journeys.example.com).');
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    domain,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    unsubscribeSecret: env.UNSUBSCRIBE_SECRET,
    preferenceLinkDays: env.PREFERENCE_LINK_DAYS,
    confirmationLinkDays: env.CONFIRMATION_LINK_DAYS,
  };
}

function trustProxyOf(value: string): boolean | string[] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  const entries = trimmed.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.some((entry) => !/^[0-9a-fA-F.:]+(\/[0-9]{1,3})?$/.test(entry))) throw new ConfigError('Invalid configuration: TRUST_PROXY must be true or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.0/8).');
  return entries;
}

function accountsConfig(env: Env): AccountsConfig {
  const { OWNER_EMAIL: email, OWNER_PASSWORD: password } = env;
  if ((email === undefined) !== (password === undefined)) throw new ConfigError('Invalid configuration: OWNER_EMAIL and OWNER_PASSWORD go together (unset both to get a setup link at start).');
  return {
    owner: email !== undefined && password !== undefined ? { email, password } : undefined,
    sessionSecret: env.SESSION_SECRET,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    invitationDays: env.INVITATION_DAYS,
  };
}

function smsConfig(env: Env): SmsConfig {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from, TWILIO_API_URL: apiUrl } = env;
  if (accountSid === undefined && authToken === undefined && from === undefined) return { twilio: undefined };
  if (accountSid === undefined || authToken === undefined || from === undefined) {
    throw new ConfigError('Invalid configuration: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together (unset all three to use the local outbox).');
  }
  if (!/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/.test(from)) throw new ConfigError('Invalid configuration: TWILIO_FROM must be an E.164 number (+14155550123) or a Messaging Service SID (MG…).');
  if (apiUrl !== undefined && !URL.canParse(apiUrl)) throw new ConfigError('Invalid configuration: TWILIO_API_URL is not a URL.');
  return { twilio: { accountSid, authToken, from, apiUrl } };
}
