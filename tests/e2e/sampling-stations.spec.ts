/**
 * The sampling point's stations in the built app: the guide (check-in, sticker, amber for
 * someone already checked in or sampled, registering a person not on the roster), the
 * recorder (a Code128 tube label, ten people, seal; refusals; undo; re-swab) driven by the
 * fake camera and by a keyboard wedge alike, and transport boxes with their manifest.
 * Tests with a camera launch their own browser, because the camera file is a launch flag.
 */
import { readFileSync } from 'node:fs';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import { demoCode, verdict, wedgeScan } from '../support/app';
import { qrVideo, sequenceVideo } from '../support/fake-video';
import { fillTube, openDemoRound, residents, seal, station, tubeRow } from '../support/sampling';

const BASE_URL = `http://127.0.0.1:${process.env.PORT ?? 4173}`;

async function launch(video: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
  });
}

const reason = (page: Page) => page.getByTestId('verdict-reason');

/** Types a code into "find a person" (manual entry, one tap from every scan screen). */
async function typeCode(page: Page, text: string) {
  await page.getByTestId('open-search').click();
  await page.getByTestId('manual-code').fill(text);
  await page.getByTestId('manual-code').press('Enter');
  await expect(page.getByTestId('person-search')).toHaveCount(0);
}

test('the home screen has the stations and the supervisor screens', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  for (const [id, name] of [['gate', '卡口登记'], ['guide', '引导员'], ['recorder', '录入员'], ['rounds', '轮次'], ['coverage', '覆盖情况'], ['missing', '漏检名单'], ['visits', '上门采样'], ['trace', '混管追阳']]) {
    await expect(page.getByTestId(`tile-${id}`)).toContainText(name!);
  }
  await page.getByTestId('tile-guide').click();
  await expect(page).toHaveURL(/\/guide$/);
});

test('a sampling station without an open round says so and links to the rounds', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  await page.goto('/recorder');
  await page.getByTestId('staff-name').fill('李四');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('no-round')).toContainText('没有进行中的轮次');
  await page.getByTestId('no-round').getByRole('link').click();
  await expect(page).toHaveURL(/\/rounds$/);
});

test('by camera: the guide checks a resident in and hands a sticker; the recorder takes a Code128 tube and ten QR codes and seals', async () => {
  const people = residents(10);
  const guideBrowser = await launch(qrVideo(demoCode(people[0]!)));
  try {
    const context = await guideBrowser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
    const page = await context.newPage();
    await openDemoRound(page);
    await station(page, '/guide');
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted', { timeout: 15_000 });
    await expect(page.getByText('已签到', { exact: true })).toBeVisible();
    await expect(page.getByTestId('verdict-name')).toHaveText(maskName(people[0]!.name));
    await expect(page.getByTestId('verdict-address')).toHaveText(formatAddress(people[0]!));
    await page.getByTestId('give-sticker').click();
    await expect(page.getByTestId('sticker-done')).toHaveText(/^已发放.+贴纸$/);
    // Still in front of the camera: one check-in, not a second (amber) one.
    await page.waitForTimeout(4_000);
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
    await expect(page.getByTestId('sticker-done')).toBeVisible();
  } finally {
    await guideBrowser.close();
  }

  const tube = 'T20261122001';
  const video = sequenceVideo([{ code128: tube }, ...people.map((p) => ({ qr: demoCode(p) }))], { codeFrames: 4, blankFrames: 1 });
  const recorderBrowser = await launch(video);
  try {
    const context = await recorderBrowser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
    const page = await context.newPage();
    await openDemoRound(page);
    await station(page, '/recorder');
    await expect(page.getByTestId('tube-barcode')).toHaveText(`试管 ${tube}`, { timeout: 20_000 });
    await expect(page.getByTestId('tube-count')).toHaveText('10 / 10', { timeout: 40_000 });
    await expect(page.getByTestId('tube-full')).toHaveText('试管已满，请封管');
    const names = await page.getByTestId('tube-slot').allTextContents();
    expect(names.map((t) => t.replace(/^\d+/, '').trim()).sort()).toEqual(people.map((p) => maskName(p.name)).sort());
    await seal(page, tube, 10);
    await expect(page.getByTestId('open-tube')).toHaveAttribute('data-status', 'none');
  } finally {
    await recorderBrowser.close();
  }
});

test('the keyboard wedge drives the recorder as well: a tube label, ten people, seal', async ({ page }) => {
  const people = residents(10, 20);
  await openDemoRound(page);
  await station(page, '/recorder');
  await fillTube(page, 'T20261122002', people);
  await expect(page.getByTestId('tube-full')).toHaveText('试管已满，请封管');
  await seal(page, 'T20261122002', 10);
  await expect(page.getByTestId('verdict-sealed')).toHaveText('已封管 · 10 人');
});

test('the recorder refuses, with the reason: a full tube, an empty tube, a sealed tube, a person already in another tube (until re-swabbed); undo takes the last person out', async ({ page }) => {
  const people = residents(11, 40);
  await openDemoRound(page);
  await station(page, '/recorder');
  await fillTube(page, 'TA-0001', people.slice(0, 10));

  await wedgeScan(page, demoCode(people[10]!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await expect(reason(page)).toHaveText('试管已满，请封管');
  await expect(page.getByTestId('tube-count')).toHaveText('10 / 10');

  await page.getByTestId('undo-last').click();
  await page.getByRole('button', { name: '确认撤销' }).click();
  await expect(page.getByTestId('tube-count')).toHaveText('9 / 10');
  await expect(page.getByTestId('tube-slot')).toHaveCount(9);
  await expect(page.getByTestId('tube-slot').last()).toContainText(maskName(people[8]!.name));
  await seal(page, 'TA-0001', 9);

  await page.waitForTimeout(3_100); // past the repeat window: a deliberate second scan
  await wedgeScan(page, 'TA-0001');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await expect(reason(page)).toHaveText('该试管已封管');

  await wedgeScan(page, 'TB-0002');
  await expect(page.getByTestId('tube-count')).toHaveText('0 / 10');
  await page.getByTestId('seal-tube').click();
  await expect(reason(page)).toHaveText('空管不能封管');
  await expect(tubeRow(page, 'TB-0002')).toHaveAttribute('data-status', 'open');

  await wedgeScan(page, demoCode(people[0]!));
  await expect(reason(page)).toHaveText('本轮已在其他试管采样');
  await expect(verdict(page)).toContainText('已在试管 TA-0001');
  await expect(page.getByTestId('tube-count')).toHaveText('0 / 10');
  await page.getByTestId('reswab-reason').selectOption({ label: '试管破损' });
  await page.getByTestId('reswab').click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(verdict(page)).toContainText('重新采样：试管破损');
  await expect(page.getByTestId('tube-count')).toHaveText('1 / 10');
});

test('two sealed tubes go into a transport box; the sealed box\'s manifest lists both tubes and their twenty people, printable and as CSV', async ({ page }) => {
  const people = residents(20, 60);
  await openDemoRound(page);
  await station(page, '/recorder');
  await fillTube(page, 'TC-0001', people.slice(0, 10));
  await seal(page, 'TC-0001', 10);
  await fillTube(page, 'TC-0002', people.slice(10));
  await seal(page, 'TC-0002', 10);

  await page.getByRole('link', { name: '转运箱装箱' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await wedgeScan(page, 'BOX-0001');
  await expect(page.getByTestId('current-box')).toHaveText('转运箱 BOX-0001');
  await page.getByTestId('seal-box').click();
  await expect(reason(page)).toHaveText('空箱不能封箱');
  await wedgeScan(page, 'TC-0001');
  await expect(page.getByTestId('manifest-tube')).toHaveCount(1);
  await wedgeScan(page, 'TC-0002');
  await expect(page.getByTestId('manifest-tube')).toHaveCount(2);
  await page.getByTestId('seal-box').click();
  await expect(page.getByTestId('manifest-summary')).toContainText('2 管 · 20 人');
  await expect(page.getByTestId('manifest-summary')).toContainText('已封箱');
  await expect(page.getByTestId('manifest-person')).toHaveCount(20);
  for (const p of people) await expect(page.getByTestId('manifest')).toContainText(`${formatAddress(p)} ${maskName(p.name)}`);
  await expect(tubeRow(page, 'TC-0001')).toHaveAttribute('data-status', 'boxed');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-manifest').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF转运箱,试管,')).toBe(true);
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(21);
  expect(lines.filter((l) => l.startsWith('BOX-0001,TC-0002,'))).toHaveLength(10);

  // A sealed box takes no more tubes.
  await station(page, '/recorder');
  await fillTube(page, 'TC-0003', []);
  await station(page, '/boxes');
  await wedgeScan(page, 'BOX-0001');
  await wedgeScan(page, 'TC-0003');
  await expect(reason(page)).toHaveText('转运箱已封箱');
});

test('the guide is amber for someone already checked in or already sampled this round, and registers a person not on the roster', async ({ page }) => {
  const [ann, ben] = residents(2, 90);
  await openDemoRound(page);
  await station(page, '/recorder');
  await fillTube(page, 'TD-0001', [ben!]);

  await station(page, '/guide');
  await wedgeScan(page, demoCode(ann!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await page.waitForTimeout(3_100); // past the repeat window: she comes back to the queue
  await wedgeScan(page, demoCode(ann!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'duplicate');
  await expect(page.getByText('已记录，请核实')).toBeVisible();
  await expect(reason(page)).toContainText('本轮已签到');
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(ann!.name));

  await wedgeScan(page, demoCode(ben!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'duplicate');
  await expect(page.getByTestId('verdict-sampled')).toContainText('试管 TD-0001');

  await page.getByTestId('open-register').click();
  await page.getByTestId('register-name').fill('赵新来');
  await page.getByRole('button', { name: '登记并签到' }).click();
  await expect(page.getByTestId('register').getByRole('alert')).toHaveText(['请填写楼栋', '请填写房号']);
  await page.getByTestId('register-building').fill('3号楼');
  await page.getByTestId('register-unit').fill('2');
  await page.getByTestId('register-room').fill('1201');
  await page.getByRole('button', { name: '登记并签到' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('verdict-name')).toHaveText('赵*来');
  await expect(page.getByTestId('verdict-address')).toHaveText('3栋-2单元-1201');
  await expect(verdict(page)).toContainText('现场登记（不在底册）');
});

test('a tube sealed more than two hours ago and not boxed is flagged at the recorder and at the boxes, until it is boxed', async ({ page }) => {
  await page.clock.install();
  const people = residents(3, 120);
  await openDemoRound(page);
  await station(page, '/recorder');
  await fillTube(page, 'TE-0001', people);
  await seal(page, 'TE-0001', 3);
  await expect(page.getByTestId('stale-tubes')).toHaveCount(0);
  await page.clock.fastForward('02:01:00');
  await expect(page.getByTestId('stale-tubes')).toContainText('TE-0001');

  // Whoever packs the boxes sees it too; once it is in a box, the flag goes. The labels are
  // typed (manual entry): under the fast-forwarded page clock a wedge burst's key times are
  // not the scanner's, and a burst can be cut.
  await page.getByRole('link', { name: '转运箱装箱' }).click();
  await expect(page.getByTestId('stale-tubes')).toContainText('TE-0001');
  await typeCode(page, 'BOX-0009');
  await expect(page.getByTestId('current-box')).toHaveText('转运箱 BOX-0009');
  await typeCode(page, 'TE-0001');
  await expect(page.getByTestId('manifest-tube')).toHaveCount(1);
  await expect(page.getByTestId('stale-tubes')).toHaveCount(0);
});
