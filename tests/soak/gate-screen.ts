/**
 * What the soak reads off the gate screen: the verdict as it appears (watched from inside
 * the page, so a kill right after it lands on the verdict the person saw), the tally cards
 * and the recent list.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { verdict } from '../support/app';
import { BASE_URL } from '../support/tablet';
import { sameShown, type Shown } from './people';

/** A verdict as the panel showed it. */
export interface SeenVerdict extends Shown {
  kind: string;
}

/**
 * Runs in the page: reports every new verdict the panel shows. Serialised into the page, so
 * it names nothing outside itself.
 */
function observeVerdict() {
  let last = '';
  const report = () => {
    const panel = document.querySelector('[data-testid="verdict"]');
    if (!panel) return;
    const kind = panel.getAttribute('data-kind') ?? '';
    const name = panel.querySelector('[data-testid="verdict-name"]')?.textContent?.trim() ?? '';
    // An amber verdict has no address of its own: its detail line is "address · since".
    const address = (panel.querySelector('[data-testid="verdict-address"]') ?? panel.querySelector('.detail'))?.textContent?.split(' · ')[0]?.trim() ?? '';
    const key = `${kind}|${name}|${address}`;
    if (key === last) return;
    last = key;
    (window as unknown as { __soakVerdict(v: unknown): void }).__soakVerdict({ kind, name, address });
  };
  new MutationObserver(report).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** The verdicts one browser showed, in order, as they arrived in the soak's process. */
export class VerdictWatch {
  readonly seen: SeenVerdict[] = [];
  #wake = new Set<() => void>();

  static async install(context: BrowserContext): Promise<VerdictWatch> {
    const watch = new VerdictWatch();
    await context.exposeBinding('__soakVerdict', (_source, v: SeenVerdict) => {
      watch.seen.push(v);
      for (const wake of watch.#wake) wake();
    });
    await context.addInitScript(observeVerdict);
    return watch;
  }

  /** A point in the stream: verdicts after it are answers to what is scanned next. */
  mark(): number {
    return this.seen.length;
  }

  /** The kind of the first verdict for `who` shown since `mark`, if any. */
  since(mark: number, who: Shown): string | null {
    return this.seen.slice(mark).find((v) => v.kind !== 'ready' && sameShown(v, who))?.kind ?? null;
  }

  /** Waits up to `ms` for a verdict for `who` after `mark`; its kind, or null. */
  async wait(mark: number, who: Shown, ms: number): Promise<string | null> {
    const found = this.since(mark, who);
    if (found) return found;
    return new Promise((resolve) => {
      const done = (kind: string | null) => {
        clearTimeout(timer);
        this.#wake.delete(check);
        resolve(kind);
      };
      const check = () => {
        const kind = this.since(mark, who);
        if (kind) done(kind);
      };
      const timer = setTimeout(() => done(null), ms);
      this.#wake.add(check);
    });
  }
}

/** Opens the gate at `path` and waits until it takes scans; why not, if it did not within `ms`. */
export async function openGate(page: Page, ms: number): Promise<string | null> {
  try {
    await page.goto(`${BASE_URL}/gate`, { timeout: ms });
    await expect(verdict(page)).toHaveAttribute('data-kind', 'ready', { timeout: ms });
    return null;
  } catch (e) {
    const shown = await page.locator('body').innerText({ timeout: 2_000 }).catch(() => '(no page)');
    return `${(e as Error).message.split('\n')[0]} — the screen showed: ${shown.replace(/\s+/g, ' ').slice(0, 160)}`;
  }
}

/** Creates the demo site on a fresh profile and signs the staff in at the gate. */
export async function openDemoSite(page: Page, staff: string) {
  await page.goto(BASE_URL);
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 60_000 });
  await page.goto(`${BASE_URL}/gate`);
  await page.getByTestId('staff-name').fill(staff);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  // Later opens may be offline: the app must then come from the service worker's cache.
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
}

/** A tally card's number ("–" while the tally loads reads as null). */
export async function tallyCard(page: Page, key: string): Promise<number | null> {
  const text = (await page.getByTestId(`tally-${key}`).locator('.value').textContent())?.trim() ?? '';
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The recent list's people, newest first. */
export async function recentPeople(page: Page): Promise<string[]> {
  return (await page.getByTestId('recent-item').locator('.who').allTextContents()).map((t) => t.trim());
}
