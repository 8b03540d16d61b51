/**
 * Two tabs of one tablet (a supervisor opens the app again, or the PWA and a browser tab):
 * one database, one device id, and what one tab records is seen at once by the other
 * (ledger-tabs.ts over a BroadcastChannel): its gate tally, its recent list, and the rules,
 * which judge the next scan in the other tab from the person's gate position.
 */
import { expect, test } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';

test('two tabs of one tablet: a scan in one is counted, listed and judged in the other, and no id is given twice', async ({ page, context }) => {
  const [alice, bob, carol] = demoRoster().slice(400, 403);
  await openDemoGate(page);
  const other = await context.newPage();
  await other.goto('/gate');
  await expect(verdict(other)).toHaveAttribute('data-kind', 'ready');

  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  // The other tab hears it without a reload.
  await expect(other.getByTestId('tally-in')).toContainText('1');
  await expect(other.getByTestId('recent-item')).toHaveCount(1);

  // Alice is inside now: the other tab's rules know it.
  await wedgeScan(other, demoCode(alice!));
  await expect(verdict(other)).toHaveAttribute('data-kind', 'duplicate');

  // Both tabs record at once, each with numbers of its own.
  await Promise.all([wedgeScan(page, demoCode(bob!)), wedgeScan(other, demoCode(carol!))]);
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(verdict(other)).toHaveAttribute('data-kind', 'accepted');
  for (const tab of [page, other]) {
    await expect(tab.getByTestId('tally-in')).toContainText('3');
    await expect(tab.getByTestId('recent-item')).toHaveCount(4);
  }
  // After a reload of both, everything is still there, once.
  await other.close();
  await page.reload();
  await expect(page.getByTestId('tally-in')).toContainText('3');
  await expect(page.getByTestId('tally-duplicate')).toContainText('1');
  await expect(page.getByTestId('recent-item')).toHaveCount(4);
});
