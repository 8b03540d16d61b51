import { expect, test, type Page } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';
import { maskName } from '../../src/lib/roster/roster';

const pad = (page: Page) => page.getByTestId('temperature');

/** Types a reading on the pad with real clicks and records it. */
async function reading(page: Page, digits: string) {
  for (const d of digits) await page.getByTestId(`temp-key-${d}`).click();
  await page.getByTestId('temp-confirm').click();
}

test('with temperature on, a fever reading is flagged amber, taken again and counted', async ({ page }) => {
  const [alice, bob] = demoRoster().slice(80, 82);
  await openDemoGate(page);
  // Off by default: a green verdict brings no pad.
  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(pad(page)).toHaveCount(0);

  // The supervisor turns temperature on (the demo has no PIN set: none is asked).
  await page.goto('/');
  await page.getByTestId('tile-policy').click();
  await page.getByTestId('temperature').getByRole('radio', { name: '开启' }).click();
  await page.getByTestId('policy-save-bar').getByRole('button', { name: '保存更改' }).click();
  await page.getByTestId('policy-save-dialog').getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('policy-saved')).toHaveText('已保存 1 项更改');

  await page.goto('/gate');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await page.getByRole('radio', { name: '出' }).click();
  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(pad(page)).toHaveAttribute('data-step', 'first');

  // A reading outside 35.0–42.0 °C is said so and not recorded.
  await reading(page, '345');
  await expect(page.getByTestId('temperature-problem')).toHaveText('34.5 °C 不在 35.0–42.0 °C 之间：请重新测量');
  for (let i = 0; i < 3; i++) await page.getByTestId('temp-back').click();

  await reading(page, '375');
  await expect(pad(page)).toHaveAttribute('data-step', 'second');
  await expect(pad(page)).toHaveClass(/duplicate/);
  await expect(page.getByTestId('temperature-said')).toHaveText('体温 37.5 °C，达到 37.3 °C：请复测');
  await expect(pad(page).getByRole('heading')).toHaveText('第二次测量');
  await reading(page, '380');
  await expect(pad(page)).toHaveAttribute('data-step', 'done');
  await expect(page.getByTestId('temperature-said')).toHaveText('复测仍为 38.0 °C：请按发热流程处置，联系医护人员');

  // The next person's pad starts afresh.
  await wedgeScan(page, demoCode(bob!));
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(bob!.name));
  await expect(pad(page)).toHaveAttribute('data-step', 'first');
  await reading(page, '365');
  await expect(page.getByTestId('temperature-said')).toHaveText('体温 36.5 °C · 正常');

  await page.goto('/tally');
  await expect(page.getByTestId('tally-temperature-taken')).toContainText('3');
  await expect(page.getByTestId('tally-temperature-flagged')).toContainText('1');
  await expect(page.getByTestId('tally-temperature-second')).toContainText('1');
  await expect(page.getByTestId('tally-temperature-fever')).toContainText('1');
});
