import type { AccountsConfig } from '../config/types';
import type { SessionPolicy } from './sessions';

/**
 * What signing in needs (engine/accounts, engine/plugins/auth.ts). Declared here, where it is
 * filled, and only named by the app's services: the reverse made the two folders an import ring.
 */
export interface AccountServices {
  /** Signs the CSRF cookie and keys its tokens: SESSION_SECRET or `DATA_DIR/session.secret`. */
  secret: string;
  /** Secure cookies, with the `__Host-` prefix, when PUBLIC_URL is https. */
  secureCookies: boolean;
  sessionPolicy: SessionPolicy;
  /** Days an invitation link stays valid. */
  invitationDays: number;
  /**
   * Embedded mode (no SMTP) also prints invitation links to the console, as it prints the
   * setup link: the person running it can pass a link on without reading the outbox.
   */
  printLink: ((line: string) => void) | undefined;
}

/** The accounts half's settings from the configuration (the secret is resolved by the caller). */
export function accountServicesOf(config: AccountsConfig, publicUrl: string, secret: string, printLink: AccountServices['printLink']): AccountServices {
  return {
    secret,
    secureCookies: publicUrl.startsWith('https:'),
    sessionPolicy: { idleMs: config.sessionIdleMinutes * 60_000, maxAgeMs: config.sessionMaxHours * 3_600_000 },
    invitationDays: config.invitationDays,
    printLink,
  };
}
