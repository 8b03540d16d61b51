/**
 * Steps a person takes in the app, shared by the browser tests.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { formatPersonCode } from '../../src/lib/core/code';
import { makeDemoRoster, seededRandom } from '../../src/lib/roster/demo-roster';
import type { Person } from '../../src/lib/core/types';

export const DEMO_SITE_ID = 'demo0001';
const DEMO_ROSTER_SEED = 20220301;

let roster: Person[] | undefined;
/** The demo roster, generated exactly as the app generates it. */
export function demoRoster(): Person[] {
  roster ??= makeDemoRoster(seededRandom(DEMO_ROSTER_SEED));
  return roster;
}

export function demoCode(person: Person): string {
  return formatPersonCode(DEMO_SITE_ID, person.id);
}

/** Opens the app, creates the demo site and signs the staff in at the gate. */
export async function openDemoGate(page: Page, staff = '王五') {
  await page.goto('/');
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  await page.goto('/gate');
  await page.getByTestId('staff-name').fill(staff);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-kind', 'ready');
}

/** A tablet of its own (a new browser context) on the demo site, named, signed in at the gate. */
export async function namedDemoTablet(browser: Browser, baseURL: string, name: string, staff: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(page, staff);
  await page.goto('/settings');
  await page.getByLabel('本机名称').fill(name);
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await page.goto('/gate');
  return page;
}

/**
 * Types a code the way a keyboard-wedge scanner does: real key events, 4 ms apart, then
 * Enter. The keys go through CDP with explicit timestamps, because a scanner's keys are
 * stamped when they arrive whatever the page is doing, while Playwright's own typing waits
 * for each key's round trip — on a loaded machine that spreads a burst out as no scanner does.
 */
export async function wedgeScan(page: Page, text: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    let t = Date.now() / 1000;
    for (const ch of text) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: t });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: t + 0.001 });
      t += 0.004;
    }
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: t });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: t + 0.001 });
  } finally {
    await cdp.detach();
  }
}

export const verdict = (page: Page) => page.getByTestId('verdict');

/** A tablet of its own (a new browser context) on the start screen, no site yet. */
export async function newTablet(browser: Browser, baseURL: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto('/');
  return page;
}

/** Signs `staff` in at the gate and waits for it to be ready to scan. */
export async function signIn(page: Page, staff: string) {
  await page.goto('/gate');
  await page.getByTestId('staff-name').fill(staff);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
}
