import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, signIn, test } from './fixtures';

/**
 * A marketer's session with the builder, end to end against the real engine: from the template
 * gallery, then a journey built by hand (drag and drop, forms), checked, published, run by
 * events sent through the API, changed, compared with its first version, and protected from a
 * stale tab. Every step fails on any console error or warning (fixtures.ts).
 */

const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Selects a step by clicking its title corner (the minimap may cover the rest of a node near the edge). */
async function select(page: Page, id: string): Promise<void> {
  await node(page, id).click({ position: { x: 24, y: 16 } });
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
}

/** Drags a palette entry onto the empty canvas at (x, y) of the pane. */
async function dragFromPalette(page: Page, label: string, x: number, y: number): Promise<void> {
  await page.getByRole('complementary', { name: 'Steps' }).getByRole('button', { name: label, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Draws an edge from a node's output handle to another node's input, as a marketer drags it. */
async function connect(page: Page, from: string, output: string, to: string, onto: 'input' | 'node' = 'input'): Promise<void> {
  const source = node(page, from).locator(`.react-flow__handle.source[data-handleid="${output}"]`);
  const target = onto === 'input' ? node(page, to).locator('.react-flow__handle.target') : node(page, to);
  await source.hover();
  await page.mouse.down();
  const box = await target.boundingBox();
  if (!box) throw new Error(`no input handle on ${to}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function newJourneyDialog(page: Page): Promise<Locator> {
  await page.goto('/journeys');
  await page.getByRole('button', { name: 'New journey' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New journey' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe.configure({ mode: 'serial' });

test.describe('the journey builder', () => {
  test('creates a journey from the template gallery, linted clean in the browser', async ({ page }) => {
    await signIn(page);
    await page.goto('/journeys');
    await expect(page.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
    await expectAccessible(page, 'journeys-list');
    const dialog = await newJourneyDialog(page);
    await expectAccessible(page, 'new-journey-dialog');
    await screenshot(page, 'template-gallery');
    await dialog.getByRole('button', { name: /Abandoned cart/ }).click();
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('textbox', { name: 'Journey name' })).toHaveValue('Abandoned cart');
    await expect(page.getByLabel(/^Trigger: Checkout started/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors · 0 warnings');
    await expectAccessible(page, 'canvas-template');
    await screenshot(page, 'canvas-template');

    // Dropping a step on a connection's + inserts it there: the one edge becomes two.
    const [nodes, edges] = [await page.locator('.react-flow__node').count(), await page.locator('.react-flow__edge').count()];
    await page.getByRole('complementary', { name: 'Steps' }).getByRole('button', { name: 'Wait', exact: true }).dragTo(page.locator('.edge-drop').first());
    await expect(page.locator('.react-flow__node')).toHaveCount(nodes + 1);
    await expect(page.locator('.react-flow__edge')).toHaveCount(edges + 1);
  });

  test('builds, checks, publishes, runs, changes and compares a journey made by hand', async ({ page, expectConsoleMessage }) => {
    expectConsoleMessage(/status of 409/, 'the stale tab saves on purpose and the engine refuses it with 409 DRAFT_CONFLICT');
    await signIn(page);
    const dialog = await newJourneyDialog(page);
    await dialog.getByLabel('Name').fill('Hand-built follow-up');
    await dialog.getByRole('button', { name: 'Blank journey' }).click();
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    const journeyUrl = page.url();
    const journeyId = new URL(journeyUrl).pathname.split('/').at(-1) ?? '';
    const inspector = page.getByRole('complementary', { name: 'Step settings' });
    const problems = page.getByRole('region', { name: 'Problems' });

    // The trigger: an event, configured through the generated form.
    await select(page, 'trigger');
    await inspector.getByLabel('Starts when').selectOption('event');
    await inspector.locator('#root_event').fill('Order Completed');
    await expect(node(page, 'trigger')).toContainText('When "Order Completed" happens');

    // Trigger → wait → branch → two actions, by drag and drop.
    await dragFromPalette(page, 'Wait', 260, 230);
    await expect(node(page, 'wait-1')).toBeVisible();
    await connect(page, 'trigger', 'next', 'wait-1');
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await dragFromPalette(page, 'If / else', 260, 400);
    await connect(page, 'wait-1', 'next', 'branch-1');
    await dragFromPalette(page, 'Send email', 80, 580);
    await dragFromPalette(page, 'Send SMS', 440, 580);
    await connect(page, 'branch-1', 'yes', 'action-1');
    await connect(page, 'branch-1', 'else', 'action-2');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    // Nothing may lead into the trigger: the drag is refused while it happens.
    await connect(page, 'action-2', 'next', 'trigger', 'node');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    // Auto-layout on demand: trigger on top, the branch's outputs side by side below.
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await expect.poll(async () => (await node(page, 'action-1').boundingBox())?.y ?? 0).toBeGreaterThan((await node(page, 'branch-1').boundingBox())?.y ?? 0);
    const [yes, no] = [await node(page, 'action-1').boundingBox(), await node(page, 'action-2').boundingBox()];
    expect(yes?.x ?? 0).toBeLessThan(no?.x ?? 0);

    // Alt and the arrows move the selection along the journey.
    await select(page, 'trigger');
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page).toHaveURL(/[?&]node=wait-1/);
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page).toHaveURL(/[?&]node=branch-1/);
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page).toHaveURL(/[?&]node=action-1/);
    await page.keyboard.press('Alt+ArrowRight');
    await expect(page).toHaveURL(/[?&]node=action-2/);
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();

    // The branch's condition, through the condition builder.
    await select(page, 'branch-1');
    await inspector.getByLabel('Rule 1: what').selectOption({ label: 'Predicted CLV' });
    await inspector.getByLabel('Rule 1: comparison').selectOption({ label: 'is greater than' });
    await inspector.getByLabel('Rule 1: value').fill('500');
    await expect(node(page, 'branch-1')).toContainText('If Predicted CLV is greater than 500');
    await screenshot(page, 'condition-builder');

    // Configure the steps through their forms; errors show on the node until they are fixed.
    await select(page, 'wait-1');
    await inspector.locator('#root_duration_amount').fill('2');
    await expect(node(page, 'wait-1')).toContainText('Wait 2 days');
    await select(page, 'action-1');
    await expect(node(page, 'action-1')).toContainText('2 errors');
    await inspector.locator('#root_subject').fill('Thanks for your order, {{ contact.firstName }}');
    await inspector.locator('#root_html').fill('<p>We are packing it now.</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>');
    await select(page, 'action-2');
    await inspector.locator('#root_body').fill('Thanks, {{ contact.frist_name }}! Your order is on its way.');

    // A lint warning appears on the node and in the problems list, then goes once fixed.
    await expect(problems).toContainText('did you mean contact.firstName?');
    await expect(node(page, 'action-2')).toContainText('1 warning');
    await screenshot(page, 'canvas-lint-warning');
    // Choosing the problem selects its step and puts the cursor in the field at fault.
    await problems.getByRole('button', { name: /did you mean contact\.firstName/ }).click();
    await expect(inspector.locator('#root_body')).toBeFocused();
    await inspector.locator('#root_body').fill('Thanks, {{ contact.firstName }}! Your order is on its way.');
    await expect(problems).toContainText('0 errors · 0 warnings');
    await expect(node(page, 'action-2')).not.toContainText('warning');

    // Undo and redo, of form edits too.
    await inspector.getByLabel('Label').fill('Thank-you SMS');
    await expect(node(page, 'action-2')).toContainText('Thank-you SMS');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(node(page, 'action-2')).not.toContainText('Thank-you SMS');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(node(page, 'action-2')).toContainText('Thank-you SMS');
    await saved(page);
    await expectAccessible(page, 'canvas-built');

    // Publish, through the confirmation that states the most messages per channel.
    await page.getByRole('button', { name: 'Publish' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish this journey?' });
    await expect(publish).toContainText('email: 1');
    await expect(publish).toContainText('sms: 1');
    await expectAccessible(page, 'publish-dialog');
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect(publish).toContainText('Published version 1');
    await publish.getByRole('button', { name: 'Close' }).click();

    // Events sent through the API move contacts; the canvas counts them as they go.
    const session = await (await page.request.get('/v1/session')).json();
    const key = await page.request.post('/v1/api-keys/', { data: { name: 'e2e tracking', scope: 'ingest' }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(key.status()).toBe(201);
    const { key: secret } = await key.json();
    for (const n of [1, 2, 3]) {
      const tracked = await page.request.post('/v1/track', { data: { email: `buyer${n}@example.com`, name: 'Order Completed' }, headers: { authorization: `Bearer ${secret}` } });
      expect(tracked.ok()).toBe(true);
    }
    await expect(node(page, 'trigger').getByLabel('Statistics')).toContainText('entered3', { timeout: 30_000 });
    await expect(node(page, 'wait-1').getByLabel('Statistics')).toContainText('in progress3', { timeout: 30_000 });
    await screenshot(page, 'canvas-live-stats');

    // Version 2: a changed step, then the visual diff against version 1.
    await select(page, 'wait-1');
    await inspector.locator('#root_duration_amount').fill('3');
    await saved(page);
    await page.getByRole('button', { name: 'Publish' }).click();
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect(publish).toContainText('Published version 2');
    await publish.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Compare with a version').selectOption('1');
    await expect(page.getByRole('status').filter({ hasText: 'vs v1' })).toContainText('0 added · 1 changed · 0 removed');
    await expect(page.getByLabel(/^Wait: Wait 3 days \(changed\)/)).toBeVisible();
    await screenshot(page, 'canvas-version-diff');

    // Any published version opens read-only.
    await page.locator('.versions-menu summary').click();
    await page.getByRole('link', { name: /^v1 · published/ }).click();
    await expect(page).toHaveURL(new RegExp(`/journeys/${journeyId}/versions/1$`));
    await expect(page.getByRole('status').filter({ hasText: 'Version 1, read-only' })).toBeVisible();
    await expect(node(page, 'wait-1')).toContainText('Wait 2 days');
    await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0);
    await expectAccessible(page, 'version-read-only');
    await page.getByRole('link', { name: 'Back to the draft' }).click();
    await expect(node(page, 'wait-1')).toContainText('Wait 3 days');

    // A stale tab: another tab saves first; this one is told and never overwrites it.
    const other = await page.context().newPage();
    await other.goto(journeyUrl);
    await other.getByRole('textbox', { name: 'Journey name' }).fill('Hand-built follow-up (edited elsewhere)');
    await expect(other.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
    await page.getByRole('textbox', { name: 'Journey name' }).fill('Hand-built follow-up (stale)');
    await expect(page.getByRole('alert')).toContainText('reload');
    await expect(page.getByRole('status').filter({ hasText: 'changed elsewhere' })).toBeVisible();
    await screenshot(page, 'canvas-conflict');
    const stored = await (await page.request.get(`/v1/journeys/${journeyId}`)).json();
    expect(stored.name).toBe('Hand-built follow-up (edited elsewhere)');
    await other.close();
  });

  test('exports the draft as a journey file, and imports one with its problems located on the steps', async ({ page }) => {
    await signIn(page);
    const dialog = await newJourneyDialog(page);
    await dialog.getByRole('button', { name: /Birthday/ }).click();
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText('0 errors · 0 warnings');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^birthday[a-z0-9-]*\.journey\.json$/);
    const file: { nodes: { id: string; kind: string; config: Record<string, unknown> }[] } = JSON.parse(await readFile(await download.path(), 'utf8'));
    const step = file.nodes.find((candidate) => candidate.kind === 'action');
    if (!step) throw new Error('the birthday template sends something');

    // The same file, edited by hand to call an action this engine does not have.
    step.config.actionId = 'acme.fax';
    await page.getByLabel('Journey file to import').setInputFiles({ name: 'edited.journey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(problems).toContainText('There is no action "acme.fax" version 1.');
    await expect(node(page, step.id)).toContainText('1 error');
    // A file that is not a journey is refused with where it is wrong, and changes nothing.
    await page.getByLabel('Journey file to import').setInputFiles({ name: 'bad.journey.json', mimeType: 'application/json', buffer: Buffer.from('{"name": 1}') });
    await expect(page.getByRole('alert')).toContainText('This is not a journey file');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(problems).toContainText('0 errors · 0 warnings');
  });
});
