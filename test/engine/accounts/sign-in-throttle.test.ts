import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { checkSignIn } from '../../../engine/accounts';
import { FREE_FAILURES, lockFor, recordFailure, throttleKeys, throttleWait } from '../../../engine/accounts/throttle';
import { databaseKinds, openMigratedDatabase } from '../../support/database';
import { addPerson, GOOD_PASSWORD } from '../../support/people';
import { journeyApp, workspaceWithKey } from '../journeys/test-app';

// Every attempt that is not throttled runs scrypt (N=2^17): well under a second each, but many add up.
jest.setTimeout(120_000);

interface ErrorReply {
  error: { code: string; message: string; field?: string; requestId: string };
}
const errorOf = (response: LightMyRequestResponse): ErrorReply['error'] => response.json<ErrorReply>().error;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const WRONG = 'not the right password';

describe('lockFor', () => {
  it('is free for the first four failures, then doubles from one second', () => {
    expect(FREE_FAILURES).toBe(4);
    expect([0, 1, 2, 3, 4].map(lockFor)).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map(lockFor)).toEqual([1, 2, 4, 8, 16, 32].map((seconds) => seconds * SECOND));
    expect(lockFor(14)).toBe(512 * SECOND);
  });

  it('is capped at fifteen minutes', () => {
    expect(lockFor(15)).toBe(15 * MINUTE);
    expect(lockFor(16)).toBe(15 * MINUTE);
    expect(lockFor(100)).toBe(15 * MINUTE);
    expect(lockFor(10_000)).toBe(15 * MINUTE);
    // Never shrinks as failures grow.
    const locks = Array.from({ length: 200 }, (_, failures) => lockFor(failures));
    expect(locks.every((lock, index) => index === 0 || lock >= (locks[index - 1] ?? 0))).toBe(true);
  });
});

describe.each(databaseKinds)('sign-in throttling (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let app: FastifyInstance;
  let workspaceId: string;
  let people = 0;

  /** A new person with the good password (each test its own, so no test sees another's failures). */
  const person = async (): Promise<string> => {
    people += 1;
    const email = `person${people}-${kind}@throttle.test`;
    await addPerson(database.db, workspaceId, 'editor', email);
    return email;
  };
  const attempt = (email: string, password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/session', payload: { email, password }, remoteAddress });
  const row = (key: string) => database.db.prisma.signInThrottle.findUnique({ where: { key } });
  const failuresOf = async (key: string) => (await row(key))?.failures;
  const expectRefused = (response: LightMyRequestResponse) => {
    expect({ status: response.statusCode, code: errorOf(response).code }).toEqual({ status: 401, code: 'SIGN_IN_FAILED' });
    expect(response.cookies).toEqual([]);
  };
  const expectThrottled = (response: LightMyRequestResponse, seconds: number) => {
    expect({ status: response.statusCode, code: errorOf(response).code, retryAfter: response.headers['retry-after'] }).toEqual({ status: 429, code: 'SIGN_IN_THROTTLED', retryAfter: String(seconds) });
    expect(errorOf(response).message).toBe(`Too many failed sign-ins: retry in ${seconds === 1 ? '1 second' : `${seconds} seconds`}.`);
    expect(response.cookies).toEqual([]);
  };

  // The clock stands still while a test runs (timers stay real): a lock lasts exactly what the
  // code says, however long scrypt takes on this machine, and tests move time on themselves.
  // `performance` stands still too: the lock runs from the end of the password check, measured
  // with it.
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['hrtime', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    app = await journeyApp(database.db);
    ({ workspaceId } = await workspaceWithKey(database.db));
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('refuses four wrong passwords with 401, locks after the fifth (the right password too), and a sign-in after the lock clears the account', async () => {
    const email = await person();
    const address = '203.0.113.1';
    const t0 = Date.now();
    for (let failure = 1; failure <= 4; failure += 1) {
      expectRefused(await attempt(email, WRONG, address));
      expect(await row(`account:${email}`)).toMatchObject({ failures: failure, lockedUntil: null });
      expect(await row(`address:${address}`)).toMatchObject({ failures: failure, lockedUntil: null });
    }

    expectRefused(await attempt(email, WRONG, address));
    for (const key of [`account:${email}`, `address:${address}`]) expect(await row(key)).toMatchObject({ failures: 5, lockedUntil: new Date(t0 + SECOND) });
    expectThrottled(await attempt(email, GOOD_PASSWORD, address), 1);
    // A throttled attempt is not checked, so it does not count.
    expectThrottled(await attempt(email, WRONG, address), 1);
    expect(await failuresOf(`account:${email}`)).toBe(5);
    expect(await database.db.prisma.userSession.count({ where: { user: { email } } })).toBe(0);
    jest.setSystemTime(t0 + SECOND - 1);
    expectThrottled(await attempt(email, GOOD_PASSWORD, address), 1);

    // Once the lock has passed a wrong password counts again, and the next lock is twice as long.
    jest.setSystemTime(t0 + SECOND);
    expectRefused(await attempt(email, WRONG, address));
    expect(await row(`account:${email}`)).toMatchObject({ failures: 6, lockedUntil: new Date(t0 + 3 * SECOND) });
    expectThrottled(await attempt(email, GOOD_PASSWORD, address), 2);

    // Once that one has passed too, the right password signs in and clears the account's failures…
    jest.setSystemTime(t0 + 3 * SECOND);
    const signedIn = await attempt(email, GOOD_PASSWORD, address);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.cookies.map((cookie) => cookie.name)).toContain('je_session');
    expect(await row(`account:${email}`)).toBeNull();
    // …but not the address's: one good account does not launder guesses at others.
    expect(await failuresOf(`address:${address}`)).toBe(6);
    // With the account cleared a typo is free again for the account; the address is past its free failures.
    expectRefused(await attempt(email, WRONG, address));
    expect(await failuresOf(`account:${email}`)).toBe(1);
    expect(await row(`address:${address}`)).toMatchObject({ failures: 7, lockedUntil: new Date(t0 + 7 * SECOND) });
    expectThrottled(await attempt(email, GOOD_PASSWORD, address), 4);
  });

  it('throttles an unknown email exactly like a known one', async () => {
    const unknown = `nobody-${kind}@throttle.test`;
    const known = await person();
    /** Five wrong passwords, then at once the right one; every reply. */
    const lockOut = async (email: string, address: string) => {
      const replies: LightMyRequestResponse[] = [];
      for (let failure = 1; failure <= 5; failure += 1) replies.push(await attempt(email, WRONG, address));
      replies.push(await attempt(email, GOOD_PASSWORD, address));
      return replies;
    };
    const forUnknown = await lockOut(unknown, '203.0.113.20');
    const forKnown = await lockOut(known, '203.0.113.21');
    for (const replies of [forUnknown, forKnown]) {
      const [throttled, ...refused] = [...replies].reverse();
      refused.forEach(expectRefused);
      if (!throttled) throw new Error('no reply to the sixth attempt');
      expectThrottled(throttled, 1);
    }
    // Status, code, message, field and retry-after alike: nothing tells the two apart.
    const shape = (reply: LightMyRequestResponse) => {
      const { requestId, ...rest } = errorOf(reply);
      return { ...rest, requestId: typeof requestId, status: reply.statusCode, retryAfter: reply.headers['retry-after'], contentType: reply.headers['content-type'] };
    };
    expect(forUnknown.map(shape)).toEqual(forKnown.map(shape));
    expect(await row(`account:${unknown}`)).toMatchObject({ failures: 5 });
    expect(await database.db.prisma.user.count({ where: { email: unknown } })).toBe(0);
  });

  it('locks every account tried from an address that has failed too often, and not the same accounts from elsewhere', async () => {
    const victim = await person();
    const address = '203.0.113.30';
    // A password spray: one guess at each of five addresses, none of which exists.
    for (let guess = 1; guess <= 5; guess += 1) expectRefused(await attempt(`spray${guess}-${kind}@throttle.test`, WRONG, address));
    expectThrottled(await attempt(victim, GOOD_PASSWORD, address), 1);
    expect(await row(`account:${victim}`)).toBeNull();
    expect(await failuresOf(`address:${address}`)).toBe(5);
    // The account itself is fine: from another address the right password signs in.
    expect((await attempt(victim, GOOD_PASSWORD, '203.0.113.31')).statusCode).toBe(200);
  });

  it('locks an account that has failed too often, from any address; the email is compared normalized', async () => {
    const email = await person();
    const spellings = [email, email.toUpperCase(), `  ${email}`, email, `${email.slice(0, 1).toUpperCase()}${email.slice(1)}`];
    for (const [index, spelling] of spellings.entries()) expectRefused(await attempt(spelling, WRONG, `203.0.113.${40 + index}`));
    expectThrottled(await attempt(email, GOOD_PASSWORD, '203.0.113.49'), 1);
    expect(await failuresOf(`account:${email}`)).toBe(5);
    // Each address failed only once: no address is locked.
    for (const index of spellings.keys()) expect(await row(`address:203.0.113.${40 + index}`)).toMatchObject({ failures: 1, lockedUntil: null });
    expect(await row('address:203.0.113.49')).toBeNull();
  });

  it('lets the right password in once the lock time has passed, by the clock it is given', async () => {
    const email = await person();
    const clientAddress = '203.0.113.60';
    const keys = throttleKeys(email, clientAddress);
    expect(keys).toEqual([`account:${email}`, `address:${clientAddress}`]);
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // Five failures, a minute apart: the fifth locks for a second from its own time.
    for (let failure = 0; failure < 5; failure += 1) expect(await checkSignIn(database.db.prisma, { email, password: WRONG, clientAddress }, at(failure * MINUTE))).toEqual({ kind: 'refused' });
    const lockedAt = at(4 * MINUTE);
    expect(await row(`account:${email}`)).toMatchObject({ failures: 5, lockedUntil: at(4 * MINUTE + SECOND) });

    expect(await throttleWait(database.db.prisma, keys, lockedAt)).toBe(SECOND);
    expect(await checkSignIn(database.db.prisma, { email, password: GOOD_PASSWORD, clientAddress }, lockedAt)).toEqual({ kind: 'throttled', retryAfterMs: SECOND });
    expect(await checkSignIn(database.db.prisma, { email, password: GOOD_PASSWORD, clientAddress }, at(4 * MINUTE + 999))).toEqual({ kind: 'throttled', retryAfterMs: 1 });
    // The account lock holds whatever address asks, and the address lock whatever account.
    expect(await checkSignIn(database.db.prisma, { email, password: GOOD_PASSWORD, clientAddress: '203.0.113.61' }, lockedAt)).toMatchObject({ kind: 'throttled' });
    expect(await checkSignIn(database.db.prisma, { email: `other-${email}`, password: GOOD_PASSWORD, clientAddress }, lockedAt)).toMatchObject({ kind: 'throttled' });
    expect(await failuresOf(`account:${email}`)).toBe(5);

    expect(await throttleWait(database.db.prisma, keys, at(4 * MINUTE + SECOND))).toBe(0);
    const signedIn = await checkSignIn(database.db.prisma, { email, password: GOOD_PASSWORD, clientAddress }, at(4 * MINUTE + SECOND));
    expect(signedIn).toEqual({ kind: 'signed_in', userId: expect.any(String), workspaceId });
    expect(await row(`account:${email}`)).toBeNull();
    expect(await row(`address:${clientAddress}`)).toMatchObject({ failures: 5 });
  });

  it('forgets failures older than an hour', async () => {
    const keys = [`account:forget-${kind}@throttle.test`, 'address:203.0.113.70'];
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    // Four failures two hours ago: free, and nearly at the lock.
    for (let failure = 0; failure < 4; failure += 1) await recordFailure(database.db.prisma, keys, at(-2 * HOUR + failure * SECOND));
    for (const key of keys) expect(await row(key)).toMatchObject({ failures: 4, lockedUntil: null, updatedAt: at(-2 * HOUR + 3 * SECOND) });

    // A fifth now starts the count again instead of locking.
    await recordFailure(database.db.prisma, keys, now);
    for (const key of keys) expect(await row(key)).toMatchObject({ failures: 1, lockedUntil: null, updatedAt: now });
    expect(await throttleWait(database.db.prisma, keys, now)).toBe(0);

    // A failure exactly an hour after the last is still remembered; one a moment later than that is not.
    await recordFailure(database.db.prisma, keys, at(HOUR));
    expect(await failuresOf(keys[0] ?? '')).toBe(2);
    await recordFailure(database.db.prisma, keys, at(2 * HOUR + 1));
    expect(await failuresOf(keys[0] ?? '')).toBe(1);
  });

  it('lets a burst of simultaneous guesses through the free failures and no more', async () => {
    const email = await person();
    const guesses = Array.from({ length: 11 }, (_, index) => `simultaneous wrong guess ${index}`);
    const results = await Promise.all([...guesses, GOOD_PASSWORD].map((password) => checkSignIn(database.db.prisma, { email, password, clientAddress: '203.0.113.80' })));
    // Each attempt is counted before its password is checked, so at most five are checked at
    // all (four free failures and the one that locks), whichever arrives first.
    const checked = results.filter((result) => result.kind !== 'throttled');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.filter((result) => result.kind === 'throttled').length).toBeGreaterThanOrEqual(7);
  });

  it('counts concurrent failures for one key up to the lock, and refuses the rest without counting them', async () => {
    const keys = [`account:burst-${kind}@throttle.test`];
    const now = new Date();
    const counted = await Promise.all(Array.from({ length: 8 }, () => recordFailure(database.db.prisma, keys, now)));
    expect(counted.filter(Boolean)).toHaveLength(5);
    const burst = await row(keys[0] ?? '');
    expect(burst?.failures).toBe(5);
    expect(burst?.lockedUntil).toEqual(new Date(now.getTime() + lockFor(5)));
    expect(await throttleWait(database.db.prisma, keys, now)).toBe(lockFor(5));
  });
});
