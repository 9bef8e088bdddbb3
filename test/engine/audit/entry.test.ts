import { safeSummary } from '../../../engine/audit';

describe('safeSummary', () => {
  it('drops secret-named keys and address-like strings at any depth, and keeps channel-keyed before/after', () => {
    expect(
      safeSummary({
        password: 'hunter2',
        key: 'jek_live_abc',
        sessionToken: 'x',
        version: 3,
        to: 'paused',
        contact: { email: 'ada@example.com', phone: '+1 415 555 0142', plan: 'pro' },
        recipients: ['ada@example.com', 'segment'],
        before: { doubleOptIn: { email: true } },
      }),
    ).toEqual({ version: 3, to: 'paused', contact: { plan: 'pro' }, recipients: ['segment'], before: { doubleOptIn: { email: true } } });
  });
});
