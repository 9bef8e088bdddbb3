import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';

/**
 * A signing key from the environment, or one generated on first start and kept in DATA_DIR
 * (readable by the owner only), so links and signatures made before a restart stay valid.
 */
export function resolveSecret(config: AppConfig, fromEnvironment: string | undefined, fileName: string): string {
  if (fromEnvironment) return fromEnvironment;
  const file = join(config.dataDir, fileName);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** The key of unsubscribe links: UNSUBSCRIBE_SECRET or `DATA_DIR/unsubscribe.secret`. */
export const resolveUnsubscribeSecret = (config: AppConfig): string => resolveSecret(config, config.mail.unsubscribeSecret, 'unsubscribe.secret');

/** The key of webhook signatures: WEBHOOK_SIGNING_SECRET or `DATA_DIR/webhook-signing.secret`. */
export const resolveWebhookSecret = (config: AppConfig): string => resolveSecret(config, config.webhooks.signingSecret, 'webhook-signing.secret');

/** The key of session and CSRF cookies: SESSION_SECRET or `DATA_DIR/session.secret`. */
export const resolveSessionSecret = (config: AppConfig): string => resolveSecret(config, config.accounts.sessionSecret, 'session.secret');
