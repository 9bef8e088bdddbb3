import type { AccountServices } from '../../engine/accounts';
import type { MailDeps } from '../../activities/mail';
import type { ActionRegistry } from '../../activities/actions';
import type { ActivityDeps } from '../../activities/deps';
import type { WorkerDeps } from '../../activities/worker-deps';
import type { SmsDeps } from '../../activities/sms';
import { createWebhookDeps, type WebhookDeps } from '../../activities/webhooks';
import type { Database } from '../../engine/db';

/** Mail settings for tests: the local outbox unless a transport is given. */
export function testMail(overrides: Partial<MailDeps> = {}): MailDeps {
  return {
    from: 'Roastery <hello@roastery.test>',
    domain: 'roastery.test',
    publicUrl: 'http://127.0.0.1:3000',
    unsubscribeSecret: 'test-unsubscribe-secret-of-at-least-32-chars',
    preferenceLinkDays: 30,
    confirmationLinkDays: 7,
    ...overrides,
  };
}

/** SMS settings for tests: the local outbox unless Twilio is given. */
export function testSms(overrides: Partial<SmsDeps> = {}): SmsDeps {
  return { outboxFrom: '+15550000000', ...overrides };
}

/** Webhook settings for tests: loopback is allowed (the receivers run there). */
export function testWebhooks(overrides: Partial<WebhookDeps> = {}): WebhookDeps {
  return { ...createWebhookDeps({ signingSecret: 'test-webhook-signing-secret-0001', allowedHosts: ['127.0.0.1/32'] }), ...overrides };
}

/** Everything activities need, with test defaults for the transports. */
export function testActivityDeps(db: Database, actions: ActionRegistry, overrides: Partial<Omit<ActivityDeps, 'db'>> = {}): WorkerDeps {
  const journeys = { start: async (): Promise<boolean> => Promise.reject(new Error('journey.start is not wired in this test')) };
  const enroller = { enter: async (): Promise<'started'> => Promise.reject(new Error('bulk enrollment is not wired in this test')) };
  return { db, actions, mail: testMail(), sms: testSms(), webhooks: testWebhooks(), journeys, enroller, ...overrides };
}

/** Sign-in settings for tests: plain-http cookies, the default session lifetimes. */
export function testAccounts(overrides: Partial<AccountServices> = {}): AccountServices {
  return {
    secret: 'test-session-secret-of-at-least-32-characters',
    secureCookies: false,
    sessionPolicy: { idleMs: 12 * 3_600_000, maxAgeMs: 7 * 86_400_000 },
    invitationDays: 7,
    printLink: undefined,
    ...overrides,
  };
}
