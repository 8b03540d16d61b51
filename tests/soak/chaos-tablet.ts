/**
 * One tablet of a chaos run: a real Chromium on its own profile on disk, driven only
 * through the app's own screens (the sync switch in the top bar, the signaling servers in
 * Settings, the gate). It can be closed, killed and reopened on the same profile. It moves
 * between screens by the app's own links, so sync is not restarted behind the run's back:
 * only a reload, a reopen or a change of signaling server restarts it.
 */
import { expect, type Page } from '@playwright/test';
import type { Person } from '../../src/lib/core/types';
import { demoCode, verdict, wedgeScan } from '../support/app';
import { launchTablet, newProfile, removeProfile, type Tablet } from '../support/tablet';
import { openDemoSite, openGate, tallyCard, VerdictWatch } from './gate-screen';
import { shownOf } from './people';

/** The gate tally cards a chaos run compares. */
export const CARDS = ['in', 'out', 'refused', 'duplicate', 'voided', 'conflicts'] as const;
export type Cards = Record<(typeof CARDS)[number], number | null>;

export class ChaosTablet {
  readonly profile = newProfile();
  /** the signaling server this tablet is set to */
  server: string;
  #tablet: Tablet | null = null;
  #watch: VerdictWatch | null = null;

  constructor(
    readonly name: string,
    server: string
  ) {
    this.server = server;
  }

  get isOpen() {
    return this.#tablet !== null;
  }
  get page(): Page {
    if (!this.#tablet) throw new Error(`${this.name} is closed`);
    return this.#tablet.page;
  }

  /** First start: the demo site, the staff signed in, the tablet named (on the default server, S1). */
  async create(staff: string): Promise<void> {
    await this.#launch();
    await openDemoSite(this.page, staff);
    await this.#nav('设置');
    await this.page.getByLabel('本机名称').fill(this.name);
    await this.page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
    await this.gate();
  }

  /** Starts the browser again on its profile; why the gate did not open, if it did not. */
  async reopen(ms: number): Promise<string | null> {
    await this.#launch();
    return openGate(this.page, ms);
  }

  /** Closes the browser: politely, or with SIGKILL. */
  async close(kill: boolean): Promise<void> {
    const t = this.#tablet!;
    this.#tablet = null;
    await (kill ? t.kill() : t.close());
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await expect(verdict(this.page)).toHaveAttribute('data-kind', 'ready', { timeout: 30_000 });
  }

  async paused(): Promise<boolean> {
    return (await this.page.getByTestId('sync-status').textContent())?.trim() === '同步已暂停';
  }

  /** The app's own "pause sync" switch; whether sync is paused afterwards. */
  async toggleSync(): Promise<boolean> {
    const was = await this.paused();
    await this.page.getByTestId('sync-toggle').click();
    await expect.poll(() => this.paused()).toBe(!was);
    return !was;
  }

  /** Points this tablet at a signaling server (Settings → 保存并重新连接) and returns to the gate. */
  async useServer(url: string): Promise<void> {
    await this.#nav('设置');
    await this.page.getByTestId('signaling-input').fill(url);
    await this.page.getByRole('button', { name: '保存并重新连接' }).click();
    await expect(this.page.getByTestId('signaling-in-use')).toContainText(url);
    this.server = url;
    await this.gate();
  }

  /** Back to the gate by its link; waits until it takes scans. */
  async gate(): Promise<void> {
    await this.#nav('卡口');
    await expect(verdict(this.page)).toHaveAttribute('data-kind', 'ready', { timeout: 30_000 });
  }

  /** Scans `p` with a wedge burst; the verdict's kind, or null if none came within `ms`. */
  async scan(p: Person, ms: number): Promise<string | null> {
    const mark = this.#watch!.mark();
    await wedgeScan(this.page, demoCode(p));
    return this.#watch!.wait(mark, shownOf(p), ms);
  }

  async cards(): Promise<Cards> {
    const values = await Promise.all(CARDS.map((key) => tallyCard(this.page, key)));
    return Object.fromEntries(CARDS.map((key, i) => [key, values[i]!])) as Cards;
  }

  /** Opens the devices panel from the sync badge (an in-app link: sync goes on). */
  async openDevices(): Promise<void> {
    await this.page.getByTestId('open-devices').click();
    await expect(this.page.getByTestId('devices')).toBeVisible();
  }

  /** On the devices panel: each other tablet as "name:agreement" (same, differs, unknown). */
  async agreementNow(): Promise<string[]> {
    return this.page
      .locator('[data-testid="device-row"]:not([data-agreement="self"])')
      .evaluateAll((els) => els.map((e) => `${e.querySelector('[data-testid="device-name"]')?.textContent}:${e.getAttribute('data-agreement')}`));
  }

  async dispose(): Promise<void> {
    if (this.#tablet) await this.close(false);
    removeProfile(this.profile);
  }

  async #launch(): Promise<void> {
    this.#tablet = await launchTablet({ profile: this.profile });
    this.#watch = await VerdictWatch.install(this.#tablet.context);
  }

  async #nav(label: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: label, exact: true }).click();
  }
}
