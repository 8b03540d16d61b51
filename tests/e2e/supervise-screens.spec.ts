import { expect, test, type Page } from '@playwright/test';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';
import { downloadedCsv } from '../support/sampling';
import { maskName } from '../../src/lib/roster/roster';
import type { Person } from '../../src/lib/core/types';

const TUBE = 'T00012345';

async function openRound(page: Page) {
  await page.goto('/rounds');
  await page.getByTestId('round-name').fill('第1轮');
  await page.getByRole('radio', { name: '十混一', exact: true }).check();
  await page.getByRole('button', { name: '开启', exact: true }).click();
  await expect(page.getByTestId('current-round')).toHaveText('当前轮次：第1轮');
}

/** The door-to-door team samples `people` at home into one tube, by keyboard wedge, and seals it. */
async function sampleAtHome(page: Page, building: string, people: Person[]) {
  await page.goto('/visits');
  await page.getByTestId('visit-buildings').getByLabel(building, { exact: true }).check();
  await wedgeScan(page, TUBE);
  await expect(verdict(page)).toHaveText(`已开管 ${TUBE}`);
  for (const [i, p] of people.entries()) {
    await wedgeScan(page, demoCode(p));
    await expect(verdict(page)).toContainText(`${maskName(p.name)} 已入管（${i + 1}/10）`);
  }
  await expect(verdict(page)).toContainText('试管已满，请封管');
  await page.getByTestId('visit-seal').click();
  await expect(verdict(page)).toHaveText(`已封管 ${TUBE}`);
}

test('a round seen by the supervisor: coverage, the missing list, a home visit, a positive tube', async ({ page }) => {
  test.setTimeout(120_000);
  const roster = demoRoster();
  const { building, unit } = roster[0]!;
  const ofUnit = roster.filter((p) => p.building === building && p.unit === unit);
  const sampled = ofUnit.slice(0, 10);
  const others = ofUnit.slice(10);
  const inBuilding = roster.filter((p) => p.building === building).length;

  await openDemoGate(page);
  await openRound(page);
  await sampleAtHome(page, building, sampled);

  // (a) Coverage of the building and the unit, counted here from the roster independently.
  await page.goto('/coverage');
  const unitRow = page.getByTestId(`cov-${building}-${unit}`);
  await expect(unitRow.locator('[data-col="roster"]')).toHaveText(String(ofUnit.length));
  await expect(unitRow.locator('[data-col="sampled"]')).toHaveText('10');
  await expect(unitRow.locator('[data-col="missing"]')).toHaveText(String(ofUnit.length - 10));
  const buildingRow = page.getByTestId(`cov-${building}`);
  await expect(buildingRow.locator('[data-col="sampled"]')).toHaveText('10');
  await expect(buildingRow.locator('[data-col="missing"]')).toHaveText(String(inBuilding - 10));
  await expect(page.getByTestId('coverage-map').getByTestId(`map-${building}`)).toBeVisible();
  const reconcile = page.getByTestId('reconcile-row');
  await expect(reconcile).toHaveCount(1);
  await expect(reconcile).toContainText('上门采样');
  await expect(reconcile.locator('[data-col="people"]')).toHaveText('10');
  // The tube is sealed and not boxed: the whole round's boxed count is flagged.
  await expect(page.getByTestId('reconcile-total').locator('[data-col="boxed"]')).toHaveClass(/off/);
  // A shift long before the round: nothing of this tablet's work falls in it.
  await page.getByTestId('shift-from').fill('2000-01-01T08:00');
  await page.getByTestId('shift-to').fill('2000-01-01T16:00');
  await expect(reconcile).toHaveCount(0);
  await page.getByRole('button', { name: '整轮' }).click();
  await expect(reconcile).toHaveCount(1);

  // (b) The missing list of the unit is exactly the others, by room and masked name.
  await page.goto('/missing');
  await page.getByTestId('filter-building').selectOption(building);
  await page.getByTestId('filter-unit').selectOption(unit);
  await expect(page.getByTestId('missing-count')).toHaveText(`共 ${others.length} 人`);
  const rows = page.getByTestId('missing-table').locator('tbody tr');
  await expect(rows).toHaveCount(others.length);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('[data-col="room"]')!.textContent} ${tr.querySelector('[data-col="name"]')!.textContent}`));
  expect(shown.sort()).toEqual(others.map((p) => `${p.room} ${maskName(p.name)}`).sort());

  // (e) Its CSV export has the same rows.
  const csv = await downloadedCsv(page, () => page.getByTestId('export-csv').click());
  expect(csv[0]).toEqual(['楼栋', '单元', '房号', '姓名', '手机', '特殊人群', '人员编号']);
  expect(csv.slice(1).map((r) => r[6]).sort()).toEqual(others.map((p) => p.id).sort());
  expect(csv.slice(1).map((r) => `${r[2]} ${r[3]} ${r[4]}`).sort()).toEqual(others.map((p) => `${p.room} ${maskName(p.name)} ${p.phone}`).sort());

  // (d) A home visit that finds no one: recorded with its note, and the person stays missing.
  const away = others[0]!;
  await page.goto('/visits');
  await page.getByTestId('visit-buildings').getByLabel(building, { exact: true }).check();
  await page.getByTestId('visit-find').fill(away.room);
  const row = page.locator(`li[data-person="${away.id}"]`);
  await row.getByTestId('visit-outcome').selectOption({ label: '不在家' });
  await row.getByTestId('visit-note').fill('敲门无人，晚上再来');
  await row.getByTestId('visit-record').click();
  await expect(verdict(page)).toHaveText(`已记录：${maskName(away.name)} · 不在家`);
  await expect(row.getByTestId('visit-last')).toHaveText('上次：不在家 敲门无人，晚上再来');
  await page.goto('/missing');
  await page.getByTestId('filter-building').selectOption(building);
  await page.getByTestId('filter-unit').selectOption(unit);
  await expect(page.locator(`[data-testid="missing-table"] tr[data-person="${away.id}"]`)).toBeVisible();
  await expect(page.getByTestId('missing-count')).toHaveText(`共 ${others.length} 人`);

  // (c) The tube comes back positive: its ten people are listed at once; one is isolated.
  await page.goto('/trace');
  await page.getByTestId('trace-tube').fill(TUBE);
  await page.getByTestId('trace-tube').press('Enter');
  await expect(page.getByTestId('trace-result')).toHaveText(`${TUBE}：未出结果`);
  await page.getByTestId('mark-positive').click();
  await expect(page.getByTestId('trace-result')).toHaveText(`${TUBE}：阳性`);
  const people = page.getByTestId('trace-people').locator('li');
  await expect(people).toHaveCount(10);
  expect((await people.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-person')))).sort()).toEqual(sampled.map((p) => p.id).sort());
  const first = people.filter({ has: page.locator(`[data-col="phone"]`) }).first();
  const firstId = await first.getAttribute('data-person');
  await first.getByRole('button', { name: '已隔离' }).click();
  await expect(first).toHaveAttribute('data-status', 'isolated');
  await expect(first.getByTestId('trace-status')).toHaveText('已隔离');

  const traced = await downloadedCsv(page, () => page.getByTestId('trace-export').click());
  expect(traced).toHaveLength(11);
  expect(traced.slice(1).map((r) => r.at(-1)).sort()).toEqual(sampled.map((p) => p.id).sort());
  expect(traced.find((r) => r.at(-1) === firstId)?.at(-2)).toBe('已隔离');
  expect(traced.slice(1).every((r) => r[0] === TUBE)).toBe(true);

  // After a reload (the list is on this tablet's disk), the tube's state is still there.
  await page.reload();
  await page.getByTestId('trace-tube').fill(TUBE);
  await page.getByTestId('trace-tube').press('Enter');
  await expect(page.getByTestId('trace-result')).toHaveText(`${TUBE}：阳性`);
  await expect(page.locator(`li[data-person="${firstId}"]`)).toHaveAttribute('data-status', 'isolated');
});

test('the door-to-door team follows the recorder rules, and marking a tube positive needs the supervisor PIN', async ({ page }) => {
  const roster = demoRoster();
  const { building } = roster[0]!;
  const [ann, bob] = roster.filter((p) => p.building === building);

  await openDemoGate(page);
  await openRound(page);
  await page.goto('/visits');
  await page.getByTestId('visit-buildings').getByLabel(building, { exact: true }).check();
  await wedgeScan(page, demoCode(ann!));
  await expect(verdict(page)).toHaveText('请先扫试管条码');
  await wedgeScan(page, 'T00000001');
  await expect(page.getByTestId('visit-tube')).toContainText('T00000001（0/10）');
  await page.getByTestId('visit-seal').click();
  await expect(verdict(page)).toHaveText('空管不能封管');
  await wedgeScan(page, demoCode(ann!));
  await wedgeScan(page, demoCode(bob!));
  await expect(page.getByTestId('visit-tube')).toContainText('T00000001（2/10）');
  await page.getByTestId('visit-seal').click();
  await expect(verdict(page)).toHaveText('已封管 T00000001');
  // Ann is sampled this round: a second tube refuses her, and she is off the team's list.
  await wedgeScan(page, 'T00000002');
  await wedgeScan(page, demoCode(ann!));
  await expect(verdict(page)).toHaveText('本轮已采样（在其他试管）');
  await page.getByTestId('visit-find').fill(ann!.room);
  await expect(page.locator(`li[data-person="${ann!.id}"]`)).toHaveCount(0);

  await page.goto('/settings');
  await page.getByTestId('pin-input').fill('2468');
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByTestId('pin-status')).toHaveText('已设置主管密码');

  await page.goto('/trace');
  await page.getByTestId('trace-tube').fill('T00000001');
  await page.getByTestId('trace-tube').press('Enter');
  await page.getByTestId('trace-pin').fill('1111');
  await page.getByTestId('mark-positive').click();
  await expect(page.getByRole('alert')).toHaveText('主管密码不正确');
  await expect(page.getByTestId('trace-result')).toHaveText('T00000001：未出结果');
  await page.getByTestId('trace-pin').fill('2468');
  await page.getByTestId('mark-positive').click();
  await expect(page.getByTestId('trace-result')).toHaveText('T00000001：阳性');
  await expect(page.getByTestId('trace-people').locator('li')).toHaveCount(2);
});
