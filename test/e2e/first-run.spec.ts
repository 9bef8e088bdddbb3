import { currentSession, expect, expectAccessible, screenshot, signInThroughSetupLink, test } from './fixtures';

/**
 * What a new user sees first: the link `npm start` prints, the owner form, then the builder.
 * Every test fails on console errors or warnings (fixtures.ts). The setup link works once per
 * run, so only the first test uses it; later tests start with `await signIn(page)`.
 */
test.describe('first run', () => {
  test('the setup link creates the owner, who lands in the builder signed in', async ({ page }) => {
    const owner = await signInThroughSetupLink(page);

    const session = await currentSession(page);
    expect(session.user).toMatchObject({ email: owner.email, name: owner.name, isOwner: true });
    // The engine seeds the demo workspace on its first start; the owner is its admin.
    expect(session.workspace).toMatchObject({ slug: 'demo', role: 'admin' });

    // The builder app has rendered. (It is being rebuilt: journeys, templates and canvas steps
    // come next, as further steps here or tests that start with `await signIn(page)`.)
    await expect(page.locator('#root')).not.toBeEmpty();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'builder-home');
    await screenshot(page, 'first-run');
  });
});
