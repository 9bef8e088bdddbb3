import { expect, expectAccessible, screenshot, test } from './fixtures';

/**
 * Pages the server renders itself (setup, invitations, unsubscribe, preferences): no script,
 * a strict CSP, and often the first thing a new user or a contact sees.
 */
test.describe('server pages', () => {
  test('/setup without a token explains that the link cannot be used', async ({ page, expectConsoleMessage }) => {
    // Chromium logs every 4xx document it loads; the 410 is the point of this test.
    expectConsoleMessage(/status of 410/, 'the server answers 410 Gone for an unusable setup link');
    const response = await page.goto('/setup');
    expect(response?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1, name: 'This setup link cannot be used' })).toBeVisible();
    await expect(page.getByText('If the owner account exists, sign in instead.')).toBeVisible();
    await expectAccessible(page, 'setup-link-unusable');
    await screenshot(page, 'setup-link-unusable');
  });
});
