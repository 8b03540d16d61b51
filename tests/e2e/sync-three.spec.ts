/**
 * Three tablets of one site, as the field has them: joined by the join code, apart and
 * together again, talking through two different signaling servers so that A and C never
 * meet and converge only through B; and a fresh tablet catching up on a 40,000-entry day.
 */
import http from 'node:http';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';
import { formatJoinCode, parseJoinCode } from '../../src/lib/site/join-code';
import { attachSignaling } from '../../src/server/signaling.js';
import { dayOfEntries, writeDayUpdate } from '../support/seed';

const PORT = Number(process.env.PORT ?? 4173);
const S1 = `ws://127.0.0.1:${PORT}/signal`;

// A second signaling server, on a port the system picks (so it never collides with another run).
let second: http.Server;
let S2 = '';
test.beforeAll(async () => {
  second = http.createServer((_req, res) => res.writeHead(404).end());
  attachSignaling(second);
  await new Promise<void>((resolve) => second.listen(0, '127.0.0.1', resolve));
  S2 = `ws://127.0.0.1:${(second.address() as import('node:net').AddressInfo).port}/signal`;
});
test.afterAll(async () => {
  second.closeAllConnections();
  await new Promise((resolve) => second.close(resolve));
});
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

const peers = (page: Page, n: number) => expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', String(n), { timeout: 45_000 });
const row = (page: Page, name: string) => page.getByTestId('device-row').filter({ has: page.getByTestId('device-name').getByText(name, { exact: true }) });

async function nameTablet(page: Page, name: string, signaling?: string) {
  await page.goto('/settings');
  await page.getByLabel('本机名称').fill(name);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  if (signaling) {
    await page.getByTestId('signaling-input').fill(signaling);
    await page.getByRole('button', { name: '保存并重新连接' }).click();
    await expect(page.getByTestId('signaling-in-use')).toContainText(signaling);
  }
}

/** A new tablet that joins with `code` and signs in at the gate. */
async function joiner(browser: Browser, baseURL: string, code: string, name: string, staff: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto('/');
  await page.getByTestId('join-code-input').fill(code);
  await page.getByRole('button', { name: '加入', exact: true }).click();
  await expect(page.getByText('选择岗位')).toBeVisible();
  await nameTablet(page, name);
  await page.goto('/gate');
  await page.getByTestId('staff-name').fill(staff);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  return page;
}

async function joinCode(page: Page): Promise<string> {
  await page.goto('/settings');
  await page.getByRole('button', { name: '显示加入码' }).click();
  return (await page.getByTestId('join-code').textContent())!.trim();
}

const withSignaling = (code: string, signaling: string[]) => formatJoinCode({ ...parseJoinCode(code)!, signaling });
const toggleSync = (page: Page) => page.getByTestId('sync-toggle').click();
/** Opens the gate and waits until it takes scans (keys typed earlier would be lost). */
async function gate(page: Page) {
  await page.goto('/gate');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
}

test('three tablets: A and C on different signaling servers converge through B; apart, then one tally with the duplicate flagged', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const [x, y] = demoRoster().slice(300, 302);
  const a = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(a, '王五');
  await nameTablet(a, '北门A', S1);
  const code = await joinCode(a);
  expect(parseJoinCode(code)?.signaling).toEqual([S1]);

  // C only knows the second server, B both: A and C can never meet.
  const c = await joiner(browser, baseURL!, withSignaling(code, [S2]), '南门C', '赵六');
  const b = await joiner(browser, baseURL!, withSignaling(code, [S1, S2]), '东门B', '钱七');
  await peers(b, 2);
  await peers(a, 1);
  await peers(c, 1);
  // The roster reached C from A through B.
  await c.goto('/roster');
  await expect(c.getByTestId('roster-total')).toContainText('10000', { timeout: 60_000 });
  await gate(c);
  await wedgeScan(c, demoCode(x!));
  await expect(verdict(c)).toHaveAttribute('data-kind', 'accepted', { timeout: 30_000 });

  await a.goto('/devices');
  await expect(row(a, '南门C')).toContainText('经其他平板转达', { timeout: 30_000 });
  await expect(row(a, '南门C')).toHaveAttribute('data-connected', 'false');
  await expect(row(a, '东门B')).toHaveAttribute('data-connected', 'true');

  // Apart: A lets y in, and so does C (a duplicate neither can see); B lets x out.
  for (const t of [a, b, c]) {
    await gate(t);
    await toggleSync(t);
    await expect(t.getByTestId('sync-status')).toHaveText('同步已暂停');
  }
  await wedgeScan(a, demoCode(y!));
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await wedgeScan(c, demoCode(y!));
  await expect(verdict(c)).toHaveAttribute('data-kind', 'accepted');
  await b.getByRole('radio', { name: '出' }).click();
  await wedgeScan(b, demoCode(x!));
  await expect(verdict(b)).toHaveAttribute('data-kind', 'accepted');

  for (const t of [a, b, c]) await toggleSync(t);
  await peers(b, 2);
  for (const t of [a, b, c]) {
    await t.goto('/tally');
    await expect(t.getByTestId('tally-in')).toContainText('2', { timeout: 30_000 });
    await expect(t.getByTestId('tally-out')).toContainText('1');
    await expect(t.getByTestId('tally-conflicts')).toContainText('1');
    await expect(t.getByTestId('gate-conflict')).toHaveCount(1);
    await expect(t.getByTestId('gate-conflict')).toHaveAttribute('data-subject', y!.id);
    await expect(t.getByTestId('gate-conflict').locator('li')).toHaveCount(2);
  }
  // Same digests everywhere, A still never connected to C.
  for (const [t, others] of [[a, ['东门B', '南门C']], [b, ['北门A', '南门C']], [c, ['北门A', '东门B']]] as const) {
    await t.goto('/devices');
    for (const name of others) await expect(row(t, name).getByTestId('device-agreement')).toHaveText('数据一致', { timeout: 30_000 });
  }
  await expect(row(a, '南门C')).toHaveAttribute('data-connected', 'false');
});

test('a fresh tablet joins a site holding 40,000 entries today and receives every one, with progress shown', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const a = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(a, '王五');
  const seeded = dayOfEntries('seed0001', demoRoster(), 40_000);
  await writeDayUpdate(a, 'demo0001', seeded.day, seeded.update);
  await a.reload();
  await nameTablet(a, '北门A');
  await a.goto('/tally');
  await expect(a.getByTestId('tally-in')).toContainText('20000', { timeout: 60_000 });
  const code = await joinCode(a);

  const d = await (await browser.newContext({ baseURL })).newPage();
  await d.goto('/');
  await d.getByTestId('join-code-input').fill(code);
  await d.getByRole('button', { name: '加入', exact: true }).click();
  await expect(d.getByTestId('sync-status')).toContainText(/正在接收：\d+\/\d+/, { timeout: 60_000 });
  const started = Date.now();
  await d.goto('/devices');
  await expect(row(d, '北门A').getByTestId('device-entries')).toHaveText('40000 条记录', { timeout: 60_000 });
  await expect(row(d, '北门A').getByTestId('device-agreement')).toHaveText('数据一致', { timeout: 180_000 });
  console.log(`40k catch-up in the browser: ${((Date.now() - started) / 1000).toFixed(1)} s after progress showed`);
  await d.goto('/tally');
  await expect(d.getByTestId('tally-in')).toContainText('20000', { timeout: 30_000 });
  await expect(d.getByTestId('tally-out')).toContainText('20000');
  await expect(d.getByTestId('tally-outside')).toContainText('10000');
});
