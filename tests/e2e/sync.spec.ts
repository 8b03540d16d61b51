import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';

async function tablet(browser: Browser, baseURL: string, staff: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await openDemoGate(page, staff);
  return page;
}

const synced = (page: Page) => expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });

// Tablets this test makes itself are not closed by Playwright: left open, they would stay in
// their site's room and sync into the next test.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('two tablets find each other through the signaling endpoint and share one tally, also after a partition', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const [alice, bob, carol] = demoRoster().slice(60, 63);
  const a = await tablet(browser, baseURL!, '王五');
  const b = await tablet(browser, baseURL!, '赵六');
  await synced(a);
  await synced(b);

  // A scan on A shows in B's tally (B's own recent list stays its own).
  await wedgeScan(a, demoCode(alice!));
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await expect(b.getByTestId('tally-in')).toContainText('1', { timeout: 15_000 });
  await expect(b.getByTestId('recent-item')).toHaveCount(0);

  // Apart: each records what it sees; neither hears the other.
  await a.getByTestId('sync-toggle').click();
  await expect(a.getByTestId('sync-status')).toHaveText('同步已暂停');
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-peers', '0', { timeout: 30_000 });
  await wedgeScan(a, demoCode(bob!));
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await wedgeScan(b, demoCode(carol!));
  await expect(verdict(b)).toHaveAttribute('data-kind', 'accepted');
  await expect(a.getByTestId('tally-in')).toContainText('2');
  await expect(b.getByTestId('tally-in')).toContainText('2');

  // Together again: both hold all three entries.
  await a.getByTestId('sync-toggle').click();
  await synced(a);
  await expect(a.getByTestId('tally-in')).toContainText('3', { timeout: 15_000 });
  await expect(b.getByTestId('tally-in')).toContainText('3', { timeout: 15_000 });
});
