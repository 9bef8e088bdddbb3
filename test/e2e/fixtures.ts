import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, request, type ConsoleMessage, type Page } from '@playwright/test';
import { engineInfo, type EngineInfo } from './engine';

export { expect };

/** Where tests save their screenshots (git-ignored); the best are copied to docs/ by hand. */
export const SCREENSHOTS_DIR = join(__dirname, 'screenshots');

export interface Owner {
  email: string;
  name: string;
  password: string;
}

/** The owner every run creates through the setup link. */
const OWNER: Owner = { email: 'owner@example.com', name: 'Olivia Owner', password: 'correct horse battery staple' };

interface Fixtures {
  /**
   * Declares a console message this test expects (for example Chromium's own "Failed to load
   * resource" line for a page the server answers 4xx on purpose). The message must then appear
   * — the test fails if it does not — and only the messages it matches are excused.
   */
  expectConsoleMessage: (pattern: RegExp, why: string) => void;
}

interface WorkerFixtures {
  /** The engine global setup started for this run. */
  engine: EngineInfo;
}

interface Expected {
  pattern: RegExp;
  why: string;
  seen: number;
}

export const test = base.extend<Fixtures & { expected: Expected[] }, WorkerFixtures>({
  engine: [async ({}, use) => use(engineInfo()), { scope: 'worker' }],
  baseURL: async ({ engine }, use) => use(engine.baseUrl),
  expected: async ({}, use) => use([]),
  expectConsoleMessage: async ({ expected }, use) => {
    await use((pattern, why) => void expected.push({ pattern, why, seen: 0 }));
  },
  /**
   * The page fails its test on any console error or warning (React's development warnings
   * included) and on any uncaught exception, in this page or any other the test opens. Nothing
   * is allow-listed: use expectConsoleMessage for what a test provokes on purpose.
   */
  page: async ({ page, expected }, use) => {
    const problems: string[] = [];
    const context = page.context();
    const onConsole = (message: ConsoleMessage): void => {
      if (!['error', 'warning', 'assert'].includes(message.type())) return;
      const line = describeConsole(message);
      const match = expected.find((entry) => entry.pattern.test(message.text()));
      if (match) match.seen += 1;
      else problems.push(line);
    };
    const onPageError = (error: Error): void => void problems.push(`uncaught exception: ${error.stack ?? error.message}`);
    context.on('console', onConsole);
    page.on('pageerror', onPageError);
    context.on('page', (opened) => opened.on('pageerror', onPageError));
    await use(page);
    context.off('console', onConsole);
    page.off('pageerror', onPageError);
    expect(problems, `the browser reported errors or warnings:\n${problems.join('\n')}`).toEqual([]);
    const missing = expected.filter((entry) => entry.seen === 0).map((entry) => `${entry.pattern} (${entry.why})`);
    expect(missing, 'expected console messages that never appeared').toEqual([]);
  },
});

function describeConsole(message: ConsoleMessage): string {
  const { url, lineNumber, columnNumber } = message.location();
  return `console.${message.type()}: ${message.text()}${url ? ` (${url}:${lineNumber}:${columnNumber})` : ''}`;
}

/**
 * axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules). Fails on violations of
 * impact "serious" or "critical", listing each rule with the elements at fault; every violation,
 * minor ones included, is attached to the report as `axe-<name>.json`.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  await test.info().attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = blocking
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    - ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').split('\n').join('\n      ')}`)
        .join('\n');
      return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  expect(blocking.map((violation) => violation.id), `accessibility violations on "${name}" (${page.url()}):\n${report}`).toEqual([]);
}

/** A full-page screenshot in test/e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const ownerFile = (): string => join(engineInfo().stateDir, 'owner.json');

/** The owner created by signInThroughSetupLink earlier in this run, if any. */
export function existingOwner(): Owner | undefined {
  const file = ownerFile();
  if (!existsSync(file)) return undefined;
  const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const text = (key: string): string | undefined => {
    const value: unknown = typeof saved === 'object' && saved !== null ? Reflect.get(saved, key) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const [email, name, password] = [text('email'), text('name'), text('password')];
  if (!email || !name || !password) throw new Error(`${file} does not hold the owner's email, name and password`);
  return { email, name, password };
}

/**
 * The first-run path a new user takes: the link the engine printed, the owner form, and the
 * builder (the server redirects to `/`), signed in. The link works once per run (one engine per run); the owner's
 * credentials are kept in the run's state folder for later tests (existingOwner, signIn).
 */
export async function signInThroughSetupLink(page: Page, owner: Owner = OWNER): Promise<Owner> {
  if (existingOwner()) throw new Error('The setup link was used earlier in this run: use signIn(page) to sign in as the owner.');
  await page.goto(engineInfo().setupUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Create the owner account' })).toBeVisible();
  await page.getByLabel('Email address').fill(owner.email);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  const [created] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/setup'),
    page.getByRole('button', { name: 'Create account and sign in' }).click(),
  ]);
  // The server answers 303 to `/`; the builder may then route on by itself (e.g. /journeys).
  expect(created.status(), `POST /setup answered ${created.status()}: ${created.status() === 303 ? '' : await created.text()}`).toBe(303);
  expect(await created.headerValue('location')).toBe('/');
  writeFileSync(ownerFile(), JSON.stringify(owner));
  await page.waitForLoadState();
  expect(new URL(page.url()).pathname, 'still on the setup page after submitting').not.toBe('/setup');
  await expectSignedIn(page, owner);
  return owner;
}

/**
 * The run's owner, created without a browser (the setup form posted over HTTP) if no test has
 * used the setup link yet: for specs that need the owner but do not test the first run.
 */
export async function ensureOwner(owner: Owner = OWNER): Promise<Owner> {
  const existing = existingOwner();
  if (existing) return existing;
  const { baseUrl, setupUrl } = engineInfo();
  const token = new URL(setupUrl).searchParams.get('token') ?? '';
  const http = await request.newContext({ baseURL: baseUrl });
  try {
    const response = await http.post('/setup', { form: { token, email: owner.email, name: owner.name, password: owner.password }, maxRedirects: 0 });
    expect(response.status(), `POST /setup: ${await response.text()}`).toBe(303);
  } finally {
    await http.dispose();
  }
  writeFileSync(ownerFile(), JSON.stringify(owner));
  return owner;
}

/** Signs in on the builder's own page, /sign-in, as someone who has an account. */
export async function signInThroughSignInPage(page: Page, person: Pick<Owner, 'email' | 'password'>): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expectSignedIn(page, person);
}

/**
 * Signed in as the owner, whichever spec runs first: through the setup link if nobody has used
 * it yet in this run, else through the API's sign-in (POST /v1/session, which sets the session
 * cookie in the page's context). For a test of the sign-in page itself, use
 * signInThroughSignInPage.
 */
export async function signIn(page: Page): Promise<Owner> {
  const owner = existingOwner();
  if (!owner) return signInThroughSetupLink(page);
  const response = await page.request.post('/v1/session', { data: { email: owner.email, password: owner.password } });
  expect(response.status(), `POST /v1/session: ${await response.text()}`).toBe(200);
  await page.goto('/');
  return owner;
}

/** What GET /v1/session says about the signed-in person (the fields the tests read). */
export interface SessionView {
  user: { email: string; name: string; isOwner: boolean };
  workspace: { name: string; slug: string; role: string } | null;
  workspaces: Array<{ name: string; slug: string; role: string }>;
}

/** The session the page's cookies carry (GET /v1/session); fails when signed out. */
export async function currentSession(page: Page): Promise<SessionView> {
  const response = await page.request.get('/v1/session');
  expect(response.status(), 'GET /v1/session: is the browser signed in?').toBe(200);
  return (await response.json()) as SessionView;
}

async function expectSignedIn(page: Page, person: Pick<Owner, 'email'>): Promise<void> {
  expect((await currentSession(page)).user.email).toBe(person.email);
}
