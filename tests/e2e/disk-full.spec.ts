import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCode, demoRoster, verdict, wedgeScan } from '../support/app';
import { BASE_URL, launchTablet } from '../support/tablet';

/**
 * A real full disk: the tablet's browser profile lives on a small tmpfs (mounting one needs
 * root, as CI and the development machines here run), which the test fills to the last byte.
 */
function mountTinyDisk(megabytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-tiny-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  return dir;
}

/** Writes zeros into `file` until the disk refuses more. */
function fillDisk(file: string) {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1024 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}

test('a full disk: the scan is not shown as recorded, the screen says so, and nothing else changes', async () => {
  test.setTimeout(120_000);
  const disk = mountTinyDisk(256);
  const profile = join(disk, 'profile');
  const filler = join(disk, 'filler.bin');
  const [alice, carol, ...others] = demoRoster().slice(50, 112);
  let tablet: Awaited<ReturnType<typeof launchTablet>> | undefined;
  try {
    tablet = await launchTablet({ profile });
    const { page } = tablet;
    await page.goto(BASE_URL);
    await page.getByRole('button', { name: '打开演示站点' }).click();
    await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
    await page.goto(`${BASE_URL}/gate`);
    await page.getByTestId('staff-name').fill('王五');
    await page.getByRole('button', { name: '保存' }).click();
    await wedgeScan(page, demoCode(alice!));
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');

    // Full to the last byte, the disk may still take a few scans: the database's files can
    // have room left in space they already hold. Scan until one does not fit.
    fillDisk(filler);
    const tallyIn = async () => Number((await page.getByTestId('tally-in').textContent())?.replace(/\D/g, '') ?? NaN);
    const listed = (n: number) => Math.min(n, 12); // the recent list shows the latest dozen
    let recorded = 1;
    for (const next of others) {
      await wedgeScan(page, demoCode(next));
      await expect.poll(async () => (await verdict(page).getAttribute('data-kind')) === 'error' || (await tallyIn()) === recorded + 1).toBe(true);
      if ((await verdict(page).getAttribute('data-kind')) === 'error') break;
      recorded++;
    }
    await expect(verdict(page)).toHaveAttribute('data-kind', 'error');
    await expect(verdict(page)).toContainText('这次扫码没有保存');
    await expect(page.getByTestId('recent-item')).toHaveCount(listed(recorded));
    expect(await tallyIn()).toBe(recorded);

    // Space freed: scanning goes on, and everything acknowledged is there after a reload.
    // (Not after a browser restart: Chromium itself discards the origin's IndexedDB once a
    // write has hit ENOSPC — measured here, beyond what a page can prevent; see README.)
    rmSync(filler);
    await page.waitForTimeout(3100); // past the repeat window
    await wedgeScan(page, demoCode(carol!));
    await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
    await page.reload();
    await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
    await expect(page.getByTestId('recent-item')).toHaveCount(listed(recorded + 1));
    await expect.poll(tallyIn).toBe(recorded + 1);
  } finally {
    // Closed even when the test fails: a tablet left running would join the next tests' demo room.
    await tablet?.close();
    execFileSync('umount', ['-l', disk]);
    rmSync(disk, { recursive: true, force: true });
  }
});
