/**
 * One seeded chaos run: the tablets created on the demo site, the plan (chaos-plan.ts)
 * carried out step by step through the app's screens, then the final heal and the checks.
 *
 * Converged means: every tablet's gate tally shows exactly what the verdicts seen imply —
 * `in` = residents let in at all, `conflicts` = the other green passes of the same people
 * (one per extra tablet that let them in while apart), `duplicate` = the amber verdicts,
 * nothing out, refused or voided — and every tablet's devices panel says each other tablet
 * holds the same entries ("数据一致", the app's own digest comparison). With every scan
 * acknowledged and every count exact, nothing acknowledged is missing anywhere; if a count
 * is off, each resident is re-scanned on that tablet to name what it lacks.
 */
import { expect } from '@playwright/test';
import type { Person } from '../../src/lib/core/types';
import { describeStep, planChaos, type Step } from './chaos-plan';
import { CARDS, ChaosTablet, type Cards } from './chaos-tablet';
import { recentText, soakPeople } from './people';
import { params, say, sleep } from './params';

const STAFF = ['王五', '赵六', '钱七', '孙八', '周九', '吴十'];

export interface ChaosResult {
  seed: number;
  steps: number;
  accepted: number;
  amber: number;
  lost: string[];
  problems: string[];
  /** what was seen on the way that is not a failure by itself (printed) */
  notes: string[];
  /** from the end of the final heal until every check held; null if they never did */
  convergeMs: number | null;
}

export async function chaosRun(seed: number, o: { tablets: number; actions: number; servers: Record<'S1' | 'S2', string>; openMs: number; convergeMs: number }): Promise<ChaosResult> {
  const tablets = Array.from({ length: o.tablets }, (_, i) => new ChaosTablet(`T${i + 1}`, o.servers.S1));
  const plan = planChaos(seed, o.tablets, o.actions, soakPeople(seed));
  const r: ChaosResult = { seed, steps: plan.length, accepted: 0, amber: 0, lost: [], problems: [], notes: [], convergeMs: null };
  const seen: { person: Person; kind: string }[] = [];
  const trail: string[] = [];
  const describe = (s: Step) => describeStep(s, (i) => tablets[i]!.name, recentText);
  const begun = Date.now();
  try {
    try {
      for (const [i, t] of tablets.entries()) await t.create(STAFF[i % STAFF.length]!);
    } catch (e) {
      throw new Error(`seed ${seed}, setting the tablets up: ${brief(e)}`);
    }
    // Relaying makes a partial mesh converge as well; one that does not fill up is noted.
    for (const t of tablets) {
      const full = String(o.tablets - 1);
      await expect(t.page.getByTestId('sync-status')).toHaveAttribute('data-peers', full, { timeout: 60_000 }).catch(async () => {
        r.notes.push(`after setup ${t.name} was connected to ${await t.page.getByTestId('sync-status').getAttribute('data-peers')} of ${full} tablets for 60 s`);
      });
    }
    for (const [n, step] of plan.entries()) {
      trail.push(`step ${n + 1}: ${describe(step)}`);
      if (params.verbose) say(`chaos seed ${seed} ${trail.at(-1)} (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
      try {
        await perform(step, tablets, o, seen, r);
      } catch (e) {
        throw new Error(`seed ${seed} step ${n + 1} (${describe(step)}): ${brief(e)}`);
      }
    }
    r.accepted = seen.filter((s) => s.kind === 'accepted').length;
    r.amber = seen.filter((s) => s.kind === 'duplicate').length;
    const healed = Date.now();
    const expected = expectedCards(seen);
    const settled = await converge(tablets, expected, healed + o.convergeMs);
    if (settled) r.convergeMs = Date.now() - healed;
    else await diagnose(tablets, expected, seen, r);
  } catch (e) {
    r.problems.push((e as Error).message);
  } finally {
    for (const t of tablets) await t.dispose().catch((e: Error) => r.problems.push(`closing ${t.name}: ${e.message}`));
  }
  if (r.problems.length || r.lost.length) for (const line of trail) say(`chaos seed ${seed} ${line}`);
  return r;
}

const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** An error in one line: Playwright's message without colours, the call log left out. */
function brief(e: unknown): string {
  const text = (e as Error).message.replace(COLOUR, '').split('Call log:')[0]!;
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}

async function perform(step: Step, tablets: ChaosTablet[], o: { servers: Record<'S1' | 'S2', string>; openMs: number }, seen: { person: Person; kind: string }[], r: ChaosResult) {
  const t = 'tablet' in step ? tablets[step.tablet]! : null;
  switch (step.kind) {
    case 'scan': {
      const kind = await t!.scan(step.person, 15_000);
      if (kind !== 'accepted' && kind !== 'duplicate') throw new Error(`the scan was answered ${kind ?? 'not at all'} within 15 s`);
      seen.push({ person: step.person, kind });
      return;
    }
    case 'pause':
    case 'resume':
      if ((await t!.toggleSync()) !== (step.kind === 'pause')) throw new Error('the sync switch did not do what it said');
      return;
    case 'reload':
      return t!.reload();
    case 'close':
      return t!.close(step.kill);
    case 'reopen': {
      const failed = await t!.reopen(o.openMs);
      if (failed) r.problems.push(`failed open of ${t!.name}: ${failed}`);
      return;
    }
    case 'move':
      return t!.useServer(o.servers[step.to]);
    case 'heal-all':
      for (const c of tablets.filter((x) => !x.isOpen)) {
        const failed = await c.reopen(o.openMs);
        if (failed) throw new Error(`failed open of ${c.name}: ${failed}`);
      }
    // falls through: then heal them all
    case 'heal':
      for (const x of tablets.filter((y) => y.isOpen)) {
        if (x.server !== o.servers.S1) await x.useServer(o.servers.S1);
        else if (await x.paused()) await x.toggleSync();
      }
  }
}

function expectedCards(seen: { person: Person; kind: string }[]): Cards {
  const green = seen.filter((s) => s.kind === 'accepted');
  const people = new Set(green.map((s) => s.person.id)).size;
  return { in: people, out: 0, refused: 0, duplicate: seen.length - green.length, voided: 0, conflicts: green.length - people };
}

const sameCards = (a: Cards, b: Cards) => CARDS.every((k) => a[k] === b[k]);

/** Polls the tallies, then the devices panels, until both agree everywhere or `deadline`. */
async function converge(tablets: ChaosTablet[], expected: Cards, deadline: number): Promise<boolean> {
  for (;;) {
    const cards = await Promise.all(tablets.map((t) => t.cards()));
    if (cards.every((c) => sameCards(c, expected))) break;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
  const want = tablets.length - 1;
  for (const t of tablets) await t.openDevices();
  try {
    for (;;) {
      const rows = await Promise.all(tablets.map((t) => t.agreementNow()));
      if (rows.every((rs) => rs.length === want && rs.every((s) => s.endsWith(':same')))) return true;
      if (Date.now() > deadline) return false;
      await sleep(250);
    }
  } finally {
    for (const t of tablets) await t.gate();
  }
}

/**
 * After a failed convergence: what each tablet shows, and every acknowledged resident it
 * lacks. Sync is paused everywhere first, so that one tablet's re-scans cannot reach the
 * next one before it is asked.
 */
async function diagnose(tablets: ChaosTablet[], expected: Cards, seen: { person: Person; kind: string }[], r: ChaosResult) {
  const people = [...new Map(seen.map((s) => [s.person.id, s.person])).values()];
  const shown: Cards[] = [];
  for (const t of tablets) {
    if (!(await t.paused())) await t.toggleSync();
    shown.push(await t.cards());
    await t.openDevices();
    const rows = await t.agreementNow();
    await t.gate();
    r.problems.push(`did not converge: ${t.name} shows ${JSON.stringify(shown.at(-1))} (expected ${JSON.stringify(expected)}), devices panel ${rows.join(', ')}`);
  }
  for (const [i, t] of tablets.entries()) {
    if (sameCards(shown[i]!, expected)) continue;
    for (const p of people) {
      // An acknowledged resident this tablet has never heard of is let in as if new.
      if ((await t.scan(p, 10_000)) === 'accepted') r.lost.push(`seed ${r.seed}: ${t.name} lacks ${recentText(p)}`);
    }
  }
}
