import { expect, test, type Browser, type Page } from '@playwright/test';
import { maskName } from '../../src/lib/roster/roster';
import { fillTube, openDemoRound, residents, seal, station, tubeRow } from '../support/sampling';

const peers = (page: Page, n: number) => expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', String(n), { timeout: 30_000 });

async function newPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

// Tablets this test makes itself are not closed by Playwright: left open, they would stay in
// the demo site's room and sync into the next test.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('two recorders apart use the same tube and the same person: after merging both records stand and the supervisor sees the conflicts', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const [p1, p2, p3] = residents(3, 40);
  const a = await newPage(browser, baseURL!);
  await openDemoRound(a);
  const b = await newPage(browser, baseURL!);
  await b.goto('/');
  await b.getByRole('button', { name: '打开演示站点' }).click();
  await expect(b.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  // The round reaches B through sync.
  await b.goto('/rounds');
  await expect(b.getByTestId('current-round')).toHaveText('当前轮次：第1轮', { timeout: 30_000 });

  await station(a, '/recorder');
  await station(b, '/recorder');
  await peers(a, 1);
  await a.getByTestId('sync-toggle').click();
  await peers(b, 0);

  // Apart: both open tube T-SAME-0001, and both put p3 into a tube of their own.
  await fillTube(a, 'T-SAME-0001', [p1!]);
  await seal(a, 'T-SAME-0001', 1);
  await fillTube(a, 'T-A-0002', [p3!]);
  await seal(a, 'T-A-0002', 1);
  await fillTube(b, 'T-SAME-0001', [p2!]);
  await seal(b, 'T-SAME-0001', 1);
  await fillTube(b, 'T-B-0003', [p3!]);
  await seal(b, 'T-B-0003', 1);

  await a.getByTestId('sync-toggle').click();
  await peers(a, 1);
  // Nothing was overwritten: the shared tube holds both people on both tablets.
  await expect(tubeRow(a, 'T-SAME-0001')).toContainText('2 人', { timeout: 15_000 });
  await expect(tubeRow(b, 'T-SAME-0001')).toContainText('2 人', { timeout: 15_000 });

  await a.goto('/coverage');
  const list = a.getByTestId('conflict');
  // A sealed T-SAME-0001 before B put p2 into it, so that is a clash too.
  await expect(list).toHaveCount(3);
  await expect(list.filter({ hasText: '同一试管被两台平板开管：T-SAME-0001' })).toHaveCount(1);
  await expect(list.filter({ hasText: '封管后仍有采样：T-SAME-0001' })).toHaveCount(1);
  const twice = list.filter({ hasText: `同一人被采入两支试管：${maskName(p3!.name)}` });
  await expect(twice).toHaveCount(1);
  await expect(twice.getByRole('listitem')).toHaveCount(2);
});
