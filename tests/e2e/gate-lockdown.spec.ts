/**
 * The gate under the supervisor's rules, set on the policy screen: only in, no out, with an
 * exemption chosen at the gate; a household's outing quota counted across two tablets.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Person } from '../../src/lib/core/types';
import { householdOf } from '../../src/lib/gate/outings';
import { maskName } from '../../src/lib/roster/roster';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';

const PIN = '2468';

async function setPin(page: Page) {
  await page.goto('/settings');
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByTestId('pin-status')).toHaveText('已设置主管密码');
}

/** Saves what `edit` changed on the policy screen, behind the PIN. */
async function changePolicy(page: Page, edit: () => Promise<void>) {
  await page.goto('/gate/policy');
  await expect(page.getByRole('heading', { name: '卡口通行规则' })).toBeVisible();
  await edit();
  await page.getByTestId('policy-save-bar').getByRole('button', { name: '保存更改' }).click();
  const dialog = page.getByTestId('policy-save-dialog');
  await dialog.getByTestId('policy-pin').fill(PIN);
  await dialog.getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
}

async function goOut(page: Page) {
  await page.goto('/gate');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await page.getByRole('radio', { name: '出' }).click();
}

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('under only-in, an exit is refused, and let through with an exemption chosen at the gate, counted apart', async ({ page }) => {
  const carol = demoRoster().find((p) => !p.tags.includes('quarantined'))!;
  await openDemoGate(page, '李主任');
  await setPin(page);
  await changePolicy(page, () => page.getByTestId('mode-only-in').click());

  await goOut(page);
  await wedgeScan(page, demoCode(carol));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await expect(page.getByTestId('verdict-reason')).toHaveText('只进不出：外出须选择事由');
  await page.getByTestId('exemption-medical').click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(carol.name));
  await expect(page.getByTestId('verdict-exemption')).toHaveText('事由：就医');
  await expect(page.getByTestId('tally-exempt')).toContainText('1');
  await expect(page.getByTestId('tally-out')).toContainText('0');
  await expect(page.getByTestId('tally-refused')).toContainText('1');
});

async function tablet(browser: Browser, baseURL: string, staff: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(page, staff);
  return page;
}

test('a household over its outing quota is refused on a second tablet once the first tablet\'s outing has synced', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const byHousehold = new Map<string, Person[]>();
  for (const p of demoRoster().filter((p) => !p.tags.includes('quarantined'))) byHousehold.set(householdOf(p), [...(byHousehold.get(householdOf(p)) ?? []), p]);
  const [first, second] = [...byHousehold.values()].find((members) => members.length >= 2)!;
  const north = await tablet(browser, baseURL!, '李主任');
  await setPin(north);
  await changePolicy(north, async () => {
    await north.getByTestId('quota-on').click();
    await north.getByTestId('quota-days').fill('1');
    await north.getByTestId('quota-outings').fill('1');
    await north.getByTestId('quota-hours').fill('4');
  });
  const south = await tablet(browser, baseURL!, '王五');
  await expect(south.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });

  await goOut(north);
  await wedgeScan(north, demoCode(first!));
  await expect(verdict(north)).toHaveAttribute('data-kind', 'accepted');

  // Once the devices screen says the two tablets hold the same entries, the outing is here.
  await south.goto('/devices');
  await expect(south.locator('[data-testid="device-row"]:not([data-agreement="self"])')).toHaveAttribute('data-agreement', 'same', { timeout: 30_000 });
  await goOut(south);
  await wedgeScan(south, demoCode(second!));
  await expect(verdict(south)).toHaveAttribute('data-kind', 'refused');
  await expect(south.getByTestId('verdict-reason')).toContainText('本户外出次数已满');
  await expect(south.getByTestId('verdict-reason')).toContainText('下次可外出时间');
  await expect(south.getByTestId('verdict-name')).toHaveText(maskName(second!.name));
});
