import type { AccountsConfig } from '../config/types';
import type { AccountServices } from '../plugins/services';

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
