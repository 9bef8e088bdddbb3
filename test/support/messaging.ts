import type { MailDeps } from '../../activities/mail';
import type { SmsDeps } from '../../activities/sms';

/** Mail settings for tests: the local outbox unless a transport is given. */
export function testMail(overrides: Partial<MailDeps> = {}): MailDeps {
  return {
    from: 'Roastery <hello@roastery.test>',
    domain: 'roastery.test',
    publicUrl: 'http://127.0.0.1:3000',
    unsubscribeSecret: 'test-unsubscribe-secret-of-at-least-32-chars',
    ...overrides,
  };
}

/** SMS settings for tests: the local outbox unless Twilio is given. */
export function testSms(overrides: Partial<SmsDeps> = {}): SmsDeps {
  return { outboxFrom: '+15550000000', ...overrides };
}
