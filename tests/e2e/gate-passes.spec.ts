/**
 * Signed passes (出入证) in the built app: printed from the roster on the tablet that holds
 * the site's key, held up to another tablet's camera, judged at its gate; a pass changed by
 * one character, a quarantined resident going out, and a code that is no pass of ours.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import { demoRoster, namedDemoTablet, openDemoGate, verdict, wedgeScan } from '../support/app';
import { pngVideo } from '../support/fake-video';
import { BASE_URL } from '../support/tablet';

/** Signs personal passes for the unit of `person` on the print screen; returns that person's card. */
async function printPasses(page: Page, person = demoRoster()[0]!) {
  await page.goto('/roster/codes');
  await page.getByTestId('codes-building').selectOption({ label: person.building });
  await page.getByTestId('codes-unit').selectOption({ label: person.unit });
  await page.getByTestId('card-kind-person').check();
  await page.getByTestId('make-passes').click();
  const card = page.getByTestId('pass-label').filter({ hasText: formatAddress(person) }).filter({ hasText: maskName(person.name) }).first();
  await expect(card).toBeVisible();
  return card;
}

test('a printed pass held up to another tablet\'s camera is green, and the same pass with one character changed is red', async ({ page }) => {
  const alice = demoRoster()[0]!;
  await openDemoGate(page);
  const card = await printPasses(page, alice);
  await expect(card.getByTestId('label-validity')).toContainText('有效期至');
  const text = (await card.getAttribute('data-pass'))!;
  expect(text.startsWith('BP1:')).toBe(true);
  // The card's QR code as the print screen draws it: what the gate tablet's camera sees.
  const qr = await card.locator('svg').screenshot({ scale: 'css' });

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${pngVideo('printed-pass', await enlarge(page, qr))}`]
  });
  try {
    const gate = await (await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' })).newPage();
    await openDemoGate(gate);
    await expect(verdict(gate)).toHaveAttribute('data-kind', 'accepted', { timeout: 20_000 });
    await expect(gate.getByTestId('verdict-name')).toHaveText(maskName(alice.name));
    await expect(gate.getByTestId('verdict-address')).toContainText('出入证已核验');
  } finally {
    await browser.close();
  }

  // One character of the signature changed: it no longer holds. (A character of the claims
  // changed may first read as another site's pass, or as no pass at all: judge.ts's order.)
  const at = text.length - 20;
  const changed = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  await page.goto('/gate');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await wedgeScan(page, changed);
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await expect(page.getByTestId('verdict-reason')).toHaveText('出入证已被篡改');
  // The genuine one typed by the wedge scanner as she leaves is green (going out, whether or
  // not her way in at the other tablet has synced here yet).
  await page.getByRole('radio', { name: '出' }).click();
  await wedgeScan(page, text);
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(alice.name));
});

/** The QR of a card drawn larger, as a camera 20 cm away sees it (the print is 30 mm). */
async function enlarge(page: Page, png: Buffer): Promise<Buffer> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const scale = Math.floor(400 / image.width);
    const canvas = new OffscreenCanvas(image.width * scale, image.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, png.toString('base64')).then((b64) => Buffer.from(b64, 'base64'));
}

test('a quarantined resident is refused out, then let out by the supervisor with the PIN and a reason', async ({ page }) => {
  const quarantined = demoRoster().find((p) => p.tags.includes('quarantined'))!;
  await openDemoGate(page);
  await page.goto('/settings');
  await page.getByTestId('pin-input').fill('2468');
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByTestId('pin-status')).toHaveText('已设置主管密码');
  const card = await printPasses(page, quarantined);
  const text = (await card.getAttribute('data-pass'))!;

  await page.goto('/gate');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await page.getByRole('radio', { name: '出' }).click();
  await wedgeScan(page, text);
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await expect(page.getByTestId('verdict-reason')).toHaveText('居家隔离人员不得外出');
  await expect(page.getByTestId('verdict-tags')).toContainText('隔离');
  // No exemption lifts quarantine; only the supervisor.
  await expect(page.getByTestId('exemption-medical')).toHaveCount(0);
  await page.getByTestId('override').click();
  await page.getByTestId('override-reason').fill('120 急救转运');
  await page.getByTestId('override-pin').fill('1111');
  await page.getByRole('button', { name: '确认放行' }).click();
  await expect(page.getByText('密码不对，没有放行')).toBeVisible();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'refused');
  await page.getByTestId('override-pin').fill('2468');
  await page.getByRole('button', { name: '确认放行' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('verdict-override')).toContainText('120 急救转运');
  await expect(page.getByTestId('recent-item')).toHaveCount(2);
});

test('a health-code web address is answered as not this site\'s pass, with what to ask for', async ({ page }) => {
  await openDemoGate(page);
  await wedgeScan(page, 'https://jkm.example.gov.cn/qr?code=8F3A2C');
  await expect(verdict(page)).toHaveAttribute('data-kind', 'duplicate');
  await expect(page.getByTestId('verdict-reason')).toHaveText('这不是本小区的出入证');
  await expect(verdict(page)).toContainText('这是健康码或行程码');
  await expect(verdict(page)).not.toContainText('禁止通行');
  // Its row in the recent list is amber as the verdict was, not the red of a refusal.
  await expect(page.getByTestId('recent-item').first()).toHaveCSS('border-left-color', 'rgb(245, 158, 11)');
});

test('a pass revoked on one tablet is refused at another\'s gate once it syncs, and the card printed after it works', async ({ browser }) => {
  test.setTimeout(180_000);
  const bob = demoRoster()[3]!;
  const office = await namedDemoTablet(browser, BASE_URL, '居委会', '李主任');
  const gate = await namedDemoTablet(browser, BASE_URL, '北门1号', '王五');
  const lost = (await (await printPasses(office, bob)).getAttribute('data-pass'))!;
  await expect(verdict(gate)).toHaveAttribute('data-kind', 'ready');
  await wedgeScan(gate, lost);
  await expect(verdict(gate)).toHaveAttribute('data-kind', 'accepted');

  await office.goto('/roster');
  await office.getByTestId('roster-search').fill(bob.name);
  await office.getByTestId('roster-result').filter({ hasText: formatAddress(bob) }).getByRole('button', { name: '挂失出入证' }).click();
  await office.getByRole('button', { name: '确认挂失' }).click();
  await expect(office.getByRole('status').filter({ hasText: '已挂失' })).toBeVisible();
  await expect(office.getByTestId('revoked-list')).toContainText(maskName(bob.name));

  // Going out with the lost card: refused once the revocation has reached this tablet.
  await gate.getByRole('radio', { name: '出' }).click();
  await expect(async () => {
    await wedgeScan(gate, lost);
    await expect(gate.getByTestId('verdict-reason')).toHaveText('出入证已挂失作废', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  const renewed = (await (await printPasses(office, bob)).getAttribute('data-pass'))!;
  expect(renewed).not.toBe(lost);
  await wedgeScan(gate, renewed);
  await expect(verdict(gate)).toHaveAttribute('data-kind', 'accepted');
  await expect(gate.getByTestId('verdict-name')).toHaveText(maskName(bob.name));
});
