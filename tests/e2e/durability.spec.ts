import { expect, test } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';
import { BASE_URL, launchTablet, newProfile, removeProfile } from '../support/tablet';
import { maskName } from '../../src/lib/roster/roster';

test.describe('nothing acknowledged is lost', () => {
  test('with the network gone, a reload still opens every screen and scans are recorded', async ({ page, context }) => {
    const [alice, bob] = demoRoster();
    await openDemoGate(page);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    await wedgeScan(page, demoCode(alice!));
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');

    await context.setOffline(true);
    await page.reload();
    await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
    await expect(page.getByTestId('recent-item')).toHaveCount(1);
    await wedgeScan(page, demoCode(bob!));
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
    await expect(page.getByTestId('verdict-name')).toHaveText(maskName(bob!.name));

    // A deep link typed into the address bar while offline.
    await page.goto('/tally');
    await expect(page.getByTestId('tally-in')).toContainText('2');
  });

  test('a first visit to a deep link installs the app for offline use, as a visit to the start page does', async ({ page, context }) => {
    await page.goto('/roster/import');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    const root = new URL('/', page.url()).href;
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${root}sw.js`);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(root);
    // The manifest an installing browser reads is linked on every page and answers.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]');
      return link ? (await fetch(link.href)).json() : null;
    });
    expect(manifest).toMatchObject({ start_url: '/', scope: '/' });

    await context.setOffline(true);
    await page.goto('/gate');
    await expect(page.getByRole('button', { name: '打开演示站点' }).or(page.getByTestId('verdict'))).toBeVisible();
  });

  test('entries survive closing the browser and starting it again', async () => {
    const profile = newProfile();
    const people = demoRoster().slice(20, 23);
    try {
      let tablet = await launchTablet({ profile });
      tablet.page.context().setDefaultNavigationTimeout(30_000);
      await tablet.page.goto(BASE_URL);
      await openDemoGateAt(tablet.page);
      for (const p of people) {
        await wedgeScan(tablet.page, demoCode(p));
        await expect(tablet.page.getByTestId('verdict-name')).toHaveText(maskName(p.name));
      }
      await tablet.close();

      tablet = await launchTablet({ profile });
      await tablet.page.goto(`${BASE_URL}/gate`);
      await expect(tablet.page.getByTestId('recent-item')).toHaveCount(people.length);
      await expect(tablet.page.getByTestId('tally-in')).toContainText(String(people.length));
      await tablet.close();
    } finally {
      removeProfile(profile);
    }
  });

  test('the browser killed right after a green verdict keeps the entry — every time', async () => {
    test.setTimeout(180_000);
    const profile = newProfile();
    const people = demoRoster().slice(30, 36);
    try {
      let tablet = await launchTablet({ profile });
      await tablet.page.goto(BASE_URL);
      await openDemoGateAt(tablet.page);
      for (const [i, p] of people.entries()) {
        if (i > 0) {
          tablet = await launchTablet({ profile });
          await tablet.page.goto(`${BASE_URL}/gate`);
        }
        // Every entry acknowledged before the previous kills is still there.
        await expect(verdict(tablet.page)).toHaveAttribute('data-kind', 'ready');
        await expect(tablet.page.getByTestId('tally-in')).toContainText(String(i));
        await wedgeScan(tablet.page, demoCode(p));
        await expect(verdict(tablet.page)).toHaveAttribute('data-kind', 'accepted');
        await tablet.kill();
      }
      tablet = await launchTablet({ profile });
      await tablet.page.goto(`${BASE_URL}/gate`);
      await expect(tablet.page.getByTestId('tally-in')).toContainText(String(people.length));
      const listed = await tablet.page.getByTestId('recent-item').allInnerTexts();
      for (const p of people) expect(listed.some((t) => t.includes(maskName(p.name)))).toBe(true);
      await tablet.close();
    } finally {
      removeProfile(profile);
    }
  });
});

/** openDemoGate for a page without Playwright's baseURL (a CDP-driven tablet). */
async function openDemoGateAt(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  await page.goto(`${BASE_URL}/gate`);
  await page.getByTestId('staff-name').fill('王五');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
}
