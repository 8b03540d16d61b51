import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoCode, demoRoster, namedDemoTablet, newTablet, openDemoGate, signIn, verdict, wedgeScan } from '../support/app';

// Tablets this test makes itself are not closed by Playwright: left open, they would stay in
// their site's room and sync into the next test.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

const count = (page: Page, key: string) => page.locator(`[data-testid="handover-count"][data-key="${key}"] [data-col="n"]`);
const difference = (page: Page, key: string) => page.locator(`[data-testid="handover-difference"][data-key="${key}"]`);

/** The tablet's own id, as its handover screen lists it among the tablets of the shift. */
async function ownDeviceId(page: Page): Promise<string> {
  const row = page.locator('[data-testid="handover-count"][data-key^="device:"]');
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-key'))!.slice('device:'.length);
}

test('one tablet: the gate shift is tallied, printed, exported and handed over', async ({ page }) => {
  test.setTimeout(120_000);
  const [alice, bob] = demoRoster().slice(70, 72);
  await openDemoGate(page, '王五');
  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await wedgeScan(page, demoCode(bob!));
  await expect(verdict(page)).toContainText('已登记');
  await wedgeScan(page, 'VISITOR-PASS-001');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await page.getByRole('radio', { name: '出' }).click();
  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toContainText('已登记 · 出');

  await openHandover(page);
  // "This station" is the gate, where this tablet has been scanning.
  await expect(page.getByRole('radio', { name: '卡口' })).toBeChecked();
  await expect(page.getByTestId('handover-entries')).toHaveText('4');
  await expect(count(page, 'kind:gate-in')).toHaveText('2');
  await expect(count(page, 'kind:gate-out')).toHaveText('1');
  await expect(count(page, 'refused')).toHaveText('1');
  await expect(count(page, 'station:gate')).toHaveText('4');
  await expect(page.locator('[data-testid="handover-count"][data-key^="device:"] [data-col="n"]')).toHaveText(['4']);
  await expect(page.getByTestId('handover-digest')).toHaveText(/^4-[0-9a-f]{8}-[0-9a-f]{8}$/);
  await expect(page.getByTestId('handover-agreement')).toHaveAttribute('data-state', 'agree');

  // Exported: the same numbers in a file.
  const download = page.waitForEvent('download');
  await page.getByTestId('handover-csv').click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv).toContain('本班统计,进入,2');
  expect(csv).toContain('本班统计,拒绝（红）,1');

  // On paper: the sheet's head with the names, no form or buttons.
  await page.getByTestId('handover-incoming').fill('赵六');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('交班人：王五　接班人：赵六')).toBeVisible();
  await expect(page.getByTestId('handover-form')).toBeHidden();
  await expect(count(page, 'kind:gate-in')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.getByTestId('handover-record').click();
  await expect(page.getByTestId('handover-message')).toHaveText('已记录交接：王五 → 赵六');
  await expect(page.getByTestId('handover-recorded')).toHaveCount(1);
  await expect(page.getByTestId('handover-recorded')).toContainText('卡口：王五 → 赵六，4 条记录');
  // The next shift starts empty, and the incoming person is now on duty on this tablet.
  await expect(page.getByTestId('handover-entries')).toHaveText('0');
  await expect(page.getByTestId('handover-outgoing')).toHaveValue('赵六');
  await page.reload();
  await expect(page.getByTestId('handover-recorded')).toContainText('卡口：王五 → 赵六，4 条记录');
  await expect(page.getByTestId('handover-entries')).toHaveText('0');
  // Back at the gate the handover is not listed as a scan.
  await page.getByRole('link', { name: '卡口' }).first().click();
  await expect(page.getByTestId('recent-item')).toHaveCount(4);
});

/** Two tablets of a new site, B joined through A's join code, both at the gate and syncing. */
async function twoTablets(browser: Browser, baseURL: string): Promise<[Page, Page]> {
  const a = await newTablet(browser, baseURL);
  await a.getByLabel('站点名称').fill('和平里小区');
  await a.getByRole('button', { name: '创建' }).click();
  await expect(a.getByText('选择岗位')).toBeVisible();
  await a.goto('/settings');
  await a.getByRole('button', { name: '显示加入码' }).click();
  const code = (await a.getByTestId('join-code').textContent())!.trim();
  await signIn(a, '王五');
  const b = await newTablet(browser, baseURL);
  await b.getByTestId('join-code-input').fill(code);
  await b.getByRole('button', { name: '加入', exact: true }).click();
  await expect(b.getByText('选择岗位')).toBeVisible();
  await signIn(b, '赵六');
  for (const p of [a, b]) await expect(p.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });
  return [a, b];
}

/** Opens the handover screen from the home page: in the app, not by reloading it (a reload would resume sync). */
async function openHandover(page: Page) {
  await page.getByRole('link', { name: '首页' }).click();
  await page.getByTestId('tile-handover').click();
}

async function shownCode(page: Page): Promise<string> {
  await page.getByTestId('handover-show-code').click();
  const text = (await page.getByTestId('handover-code').textContent())!.trim();
  await page.getByTestId('handover-show-code').click();
  return text;
}

async function scanCode(page: Page, code: string) {
  await page.getByTestId('handover-scan').click();
  await wedgeScan(page, code);
}

test('two tablets apart compare their shifts by QR, and agree once synced', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const [a, b] = await twoTablets(browser, baseURL!);

  // Apart: A refuses two visitors, B one; neither hears the other.
  await a.getByTestId('sync-toggle').click();
  await expect(a.getByTestId('sync-status')).toHaveText('同步已暂停');
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-peers', '0', { timeout: 30_000 });
  for (const pass of ['VISITOR-PASS-001', 'VISITOR-PASS-002']) {
    await wedgeScan(a, pass);
    await expect(a.getByTestId('verdict-code')).toHaveText(pass);
  }
  await wedgeScan(b, 'VISITOR-PASS-003');
  await expect(b.getByTestId('tally-refused')).toContainText('1');

  await openHandover(a);
  await expect(a.getByTestId('handover-entries')).toHaveText('2');
  const idA = await ownDeviceId(a);
  await openHandover(b);
  await expect(b.getByTestId('handover-entries')).toHaveText('1');
  const idB = await ownDeviceId(b);
  await scanCode(b, await shownCode(a));
  const result = b.getByTestId('handover-compare');
  await expect(result).toHaveAttribute('data-result', 'differs');
  await expect(difference(b, 'entries').locator('[data-col="mine"]')).toHaveText('1');
  await expect(difference(b, 'entries').locator('[data-col="theirs"]')).toHaveText('2');
  await expect(difference(b, `device:${idA}`).locator('[data-col="mine"]')).toHaveText('0');
  await expect(difference(b, `device:${idA}`).locator('[data-col="theirs"]')).toHaveText('2');
  await expect(difference(b, `device:${idB}`).locator('[data-col="mine"]')).toHaveText('1');
  await expect(difference(b, `device:${idB}`).locator('[data-col="theirs"]')).toHaveText('0');
  // A, which worked the shift, now stands as differing (known by QR), and holds the handover up.
  await expect(b.locator(`[data-testid="handover-tablet"][data-device="${idA}"]`)).toHaveAttribute('data-agreement', 'differs');
  await expect(b.getByTestId('handover-agreement')).toHaveAttribute('data-state', 'blocked');
  await b.getByTestId('handover-incoming').fill('钱七');
  await b.getByTestId('handover-record').click();
  await expect(b.getByTestId('handover-message')).toHaveText('有平板不一致或无法核对：请勾选确认后再记录。');
  await expect(b.getByTestId('handover-recorded')).toHaveCount(0);

  // Together again: both hold all three entries, and A's code now compares equal.
  await a.getByTestId('sync-toggle').click();
  for (const p of [a, b]) await expect(p.getByTestId('handover-entries')).toHaveText('3', { timeout: 30_000 });
  await scanCode(b, await shownCode(a));
  await expect(result).toHaveAttribute('data-result', 'equal');
  await expect(result).toContainText('计数和核对码一致。');
  await expect(b.locator(`[data-testid="handover-tablet"][data-device="${idA}"]`)).toHaveAttribute('data-agreement', 'equal');
});

test('three tablets that worked one shift all see each other agree, and the handover reaches every tablet', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const people = demoRoster().slice(300, 303);
  const names = ['北门1号', '北门2号', '南门1号'];
  const tablets: Page[] = [];
  for (const [i, name] of names.entries()) tablets.push(await namedDemoTablet(browser, baseURL!, name, ['王五', '赵六', '钱七'][i]!));
  for (const [i, t] of tablets.entries()) {
    await expect(t.getByTestId('sync-status')).toHaveAttribute('data-peers', '2', { timeout: 30_000 });
    await wedgeScan(t, demoCode(people[i]!));
    await expect(verdict(t)).toHaveAttribute('data-kind', 'accepted');
  }

  for (const t of tablets) await openHandover(t);
  for (const [i, t] of tablets.entries()) {
    await expect(t.getByTestId('handover-entries')).toHaveText('3', { timeout: 30_000 });
    const others = t.getByTestId('handover-tablet');
    await expect(others).toHaveCount(2);
    for (const name of names.filter((_, j) => j !== i)) {
      const row = others.filter({ hasText: name });
      await expect(row).toHaveAttribute('data-agreement', 'equal', { timeout: 30_000 });
      await expect(row).toContainText('一致 · 经同步');
      await expect(row).toContainText('本班 1 条记录');
    }
    await expect(t.getByTestId('handover-agreement')).toHaveAttribute('data-state', 'agree');
  }

  // Recorded on one tablet with no acknowledgement needed; the others receive it.
  const [a, , c] = tablets as [Page, Page, Page];
  await c.getByTestId('handover-incoming').fill('孙八');
  await c.getByTestId('handover-record').click();
  await expect(c.getByTestId('handover-message')).toHaveText('已记录交接：钱七 → 孙八');
  await expect(a.getByTestId('handover-recorded')).toContainText('卡口：钱七 → 孙八，3 条记录', { timeout: 15_000 });
  await expect(a.getByTestId('handover-entries')).toHaveText('0');
});
