import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';

/**
 * The key that signs unsubscribe links: UNSUBSCRIBE_SECRET, or one generated on first start
 * and kept in DATA_DIR (readable by the owner only), so links in mail already sent keep
 * working across restarts.
 */
export function resolveUnsubscribeSecret(config: AppConfig): string {
  if (config.mail.unsubscribeSecret) return config.mail.unsubscribeSecret;
  const file = join(config.dataDir, 'unsubscribe.secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
