/**
 * A whole round at one sampling point, on one tablet, as issue 3 names it: the guide checks
 * ten residents of one building in through the camera; the recorder scans a Code128 tube
 * label and their ten personal QR codes through the camera and seals the tube; the coverage
 * screen shows the building's numbers; the missing list is exactly the building's other
 * residents; the tube, marked positive, lists exactly its ten people.
 *
 * One tablet: one Chromium profile (its IndexedDB, its site, its round), launched three times
 * because a fake camera's video is a launch flag: the guide's video, the recorder's video,
 * then no camera for the supervisor's screens. The numbers expected are counted here from the
 * demo roster, independently of the app. The keyboard-wedge recorder is in
 * sampling-stations.spec.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import { demoRoster } from '../support/app';
import { ROUND_TUBE, roundPeople, roundVideos } from '../support/round-videos';
import { downloadedCsv, openDemoRound, seal, station } from '../support/sampling';
import { BASE_URL } from '../support/tablet';

/** The tablet on `profile`, its camera playing `video` (none: no camera at all). */
async function launch(profile: string, video?: string): Promise<{ context: BrowserContext; page: Page }> {
  const camera = video ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] : [];
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: [...chromiumArgs, ...camera], baseURL: BASE_URL, locale: 'zh-CN' });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/**
 * Remembers every verdict the guide's screen shows (`kind|address`): the camera moves on to
 * the next person in under a second, faster than a test could look at each one.
 */
function watchVerdicts() {
  const w = window as unknown as { seen: string[] };
  w.seen = [];
  const note = () => {
    const v = document.querySelector('[data-testid="verdict"]');
    const address = document.querySelector('[data-testid="verdict-address"]')?.textContent ?? '';
    const seen = `${v?.getAttribute('data-kind')}|${address}`;
    if (v && w.seen.at(-1) !== seen) w.seen.push(seen);
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

const cell = (page: Page, row: string, col: string) => page.getByTestId(row).locator(`[data-col="${col}"]`);

test('a whole round at one point: camera check-in and camera recorder, then coverage, the missing list and a positive tube, all exact', async () => {
  test.setTimeout(240_000);
  const people = roundPeople();
  const building = people[0]!.building;
  const ids = new Set(people.map((p) => p.id));
  const residents = demoRoster().filter((p) => p.building === building);
  const others = residents.filter((p) => !ids.has(p.id));
  expect(people.every((p) => p.building === building)).toBe(true);
  const videos = roundVideos();
  const profile = mkdtempSync(join(tmpdir(), 'bastion-round-'));
  let tablet: { context: BrowserContext; page: Page } | undefined;
  try {
    // The guide: each of the ten in front of the camera is checked in, green, once.
    tablet = await launch(profile, videos.guide);
    let page = tablet.page;
    await openDemoRound(page);
    await page.addInitScript(watchVerdicts);
    await station(page, '/guide');
    const green = people.map((p) => `accepted|${formatAddress(p)}`);
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    await expect
      .poll(
        async () => {
          const shown = await seen();
          return green.filter((g) => !shown.includes(g));
        },
        { timeout: 60_000 }
      )
      .toEqual([]);
    // Every code the camera read was one of this site's residents: nothing was refused.
    expect((await seen()).filter((s) => s.startsWith('refused'))).toEqual([]);
    await tablet.context.close();

    // The recorder: the Code128 label opens the tube, the ten QR codes fill it, then seal.
    tablet = await launch(profile, videos.recorder);
    page = tablet.page;
    await station(page, '/recorder');
    await expect(page.getByTestId('tube-barcode')).toHaveText(`试管 ${ROUND_TUBE}`, { timeout: 30_000 });
    await expect(page.getByTestId('tube-count')).toHaveText('10 / 10', { timeout: 60_000 });
    await expect(page.getByTestId('tube-full')).toHaveText('试管已满，请封管');
    const slots = await page.getByTestId('tube-slot').allTextContents();
    expect(slots.map((t) => t.replace(/^\d+/, '').trim()).sort()).toEqual(people.map((p) => maskName(p.name)).sort());
    await seal(page, ROUND_TUBE, 10);
    await tablet.context.close();

    // The supervisor, on the same tablet with no camera.
    tablet = await launch(profile);
    page = tablet.page;
    await page.goto('/coverage');
    await expect(cell(page, `cov-${building}`, 'roster')).toHaveText(String(residents.length));
    await expect(cell(page, `cov-${building}`, 'checked-in')).toHaveText('10');
    await expect(cell(page, `cov-${building}`, 'sampled')).toHaveText('10');
    await expect(cell(page, `cov-${building}`, 'missing')).toHaveText(String(residents.length - 10));
    await expect(cell(page, 'cov-total', 'roster')).toHaveText(String(demoRoster().length));
    await expect(cell(page, 'cov-total', 'sampled')).toHaveText('10');
    for (const unit of new Set(residents.map((p) => p.unit))) {
      const inUnit = residents.filter((p) => p.unit === unit);
      const sampled = inUnit.filter((p) => ids.has(p.id)).length;
      await expect(cell(page, `cov-${building}-${unit}`, 'sampled')).toHaveText(String(sampled));
      await expect(cell(page, `cov-${building}-${unit}`, 'missing')).toHaveText(String(inUnit.length - sampled));
    }
    await expect(page.getByTestId('apart-not-on-roster')).toHaveText('不在底册：0 人');
    await expect(page.getByTestId('apart-not-sampled')).toHaveText('已签到但未采样：0 人');

    // The missing list of the building: exactly everyone else there, on screen and in the file.
    await page.goto('/missing');
    await page.getByTestId('filter-building').selectOption(building);
    await expect(page.getByTestId('missing-count')).toHaveText(`共 ${others.length} 人`);
    await expect(page.getByTestId('missing-table').locator('tbody tr')).toHaveCount(others.length);
    for (const p of people) await expect(page.locator(`[data-testid="missing-table"] tr[data-person="${p.id}"]`)).toHaveCount(0);
    const csv = await downloadedCsv(page, () => page.getByTestId('export-csv').click());
    expect(csv.slice(1).map((r) => r[6]).sort()).toEqual(others.map((p) => p.id).sort());
    expect(csv.slice(1).every((r) => r[0] === building)).toBe(true);

    // The lab reports the tube positive: exactly its ten people, at once.
    await page.goto('/trace');
    await page.getByTestId('trace-tube').fill(ROUND_TUBE);
    await page.getByTestId('trace-tube').press('Enter');
    await expect(page.getByTestId('trace-result')).toHaveText(`${ROUND_TUBE}：未出结果`);
    await page.getByTestId('mark-positive').click();
    await expect(page.getByTestId('trace-result')).toHaveText(`${ROUND_TUBE}：阳性`);
    const traced = page.getByTestId('trace-people').locator('li');
    await expect(traced).toHaveCount(10);
    expect((await traced.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-person')))).sort()).toEqual([...ids].sort());
    for (const p of people) await expect(page.locator(`li[data-person="${p.id}"] [data-col="address"]`)).toHaveText(formatAddress(p));
    const file = await downloadedCsv(page, () => page.getByTestId('trace-export').click());
    expect(file.slice(1).map((r) => r.at(-1)).sort()).toEqual([...ids].sort());
  } finally {
    await tablet?.context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
