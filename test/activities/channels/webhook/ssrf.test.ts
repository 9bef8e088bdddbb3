import { addressAllowed, checkHost, guardedLookup, parseAllowList } from '../../../../activities/channels/webhook/ssrf';

const none = parseAllowList([]);

describe('the SSRF guard', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false], // cloud metadata
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false], // IPv4-mapped loopback
    ['not-an-ip', false],
  ])('%s is allowed: %s', (address, allowed) => {
    expect(addressAllowed(address, none)).toBe(allowed);
  });

  it('lets an allow-list open CIDR ranges and host names', () => {
    const allow = parseAllowList(['10.0.0.0/8', '127.0.0.1', 'hooks.internal']);
    expect(addressAllowed('10.200.0.1', allow)).toBe(true);
    expect(addressAllowed('127.0.0.1', allow)).toBe(true);
    expect(addressAllowed('127.0.0.2', allow)).toBe(false);
    expect(() => checkHost('hooks.internal', allow)).not.toThrow();
  });

  it('refuses private IP literals and localhost names before connecting', () => {
    for (const host of ['127.0.0.1', '[::1]', '169.254.169.254', 'localhost', 'api.localhost']) expect(() => checkHost(host, none)).toThrow(/webhooks may not reach it/);
    expect(() => checkHost('example.com', none)).not.toThrow();
  });

  it('checks every address a name resolves to, at connect time', async () => {
    const lookup = guardedLookup(none);
    const result = await new Promise<unknown>((resolve) => lookup('localhost', {}, (error) => resolve(error)));
    expect(result).toBeInstanceOf(Error);
    expect(String(result)).toContain('resolves to');
  });
});
