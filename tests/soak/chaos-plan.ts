/**
 * A chaos run's plan, drawn from its seed before anything runs, so a seed names one exact
 * sequence of steps and a finding can be replayed.
 *
 * The plan follows a model of the tablets: open or closed, which signaling server each is
 * set to (S1 or S2: two servers make real partitions — tablets on different servers never
 * meet), whether its sync is paused (a reload, a reopen or a change of server starts sync
 * afresh, unpaused), and whom each has scanned. Steps are drawn by weight from those the
 * model allows: a scan at an open tablet, of a fresh resident or of one another tablet has
 * scanned (amber if the news reached it, a cross-tablet conflict if not); pause or resume
 * sync; reload; close (politely or SIGKILL) while another stays open; reopen; move to the
 * other server (partition); heal (every open tablet back on S1, sync on). The plan ends by
 * healing everything: every tablet open, on S1, syncing.
 */
import type { Person } from '../../src/lib/core/types';
import { below, pick, random, type Random } from './params';

export type Step =
  | { kind: 'scan'; tablet: number; person: Person; repeat: boolean }
  | { kind: 'pause' | 'resume' | 'reload' | 'reopen'; tablet: number }
  | { kind: 'close'; tablet: number; kill: boolean }
  | { kind: 'move'; tablet: number; to: 'S1' | 'S2' }
  | { kind: 'heal' }
  | { kind: 'heal-all' };

interface Model {
  open: boolean[];
  server: ('S1' | 'S2')[];
  paused: boolean[];
  scannedBy: Map<string, Set<number>>;
}

const WEIGHTS = { scan: 8, toggle: 2, reload: 1, close: 1, reopen: 2, move: 2, heal: 1 };

/** `actions` steps for `tablets` tablets, then the final heal; residents taken from `people` in order. */
export function planChaos(seed: number, tablets: number, actions: number, people: readonly Person[]): Step[] {
  const rng = random(seed);
  const m: Model = { open: Array(tablets).fill(true), server: Array(tablets).fill('S1'), paused: Array(tablets).fill(false), scannedBy: new Map() };
  let fresh = 0;
  const steps: Step[] = [];
  const indexes = (ok: (i: number) => boolean) => [...Array(tablets).keys()].filter(ok);
  for (let n = 0; n < actions; n++) {
    const open = indexes((i) => m.open[i]!);
    const closed = indexes((i) => !m.open[i]);
    const choices: [keyof typeof WEIGHTS, boolean][] = [
      ['scan', true],
      ['toggle', true],
      ['reload', true],
      ['close', open.length > 1],
      ['reopen', closed.length > 0],
      ['move', true],
      ['heal', open.some((i) => m.paused[i] || m.server[i] === 'S2')]
    ];
    const kind = weighted(rng, choices.filter(([, ok]) => ok).map(([k]) => k));
    const t = pick(rng, open);
    if (kind === 'scan') {
      const others = [...m.scannedBy].filter(([, by]) => !by.has(t)).map(([id]) => id);
      const repeat = others.length > 0 && rng() < 0.35;
      const again = repeat ? pick(rng, others) : null;
      const person = again ? people.find((p) => p.id === again) : people[fresh++];
      if (!person) throw new RangeError('the demo roster ran out of residents for this plan');
      const by = m.scannedBy.get(person.id) ?? new Set<number>();
      m.scannedBy.set(person.id, by.add(t));
      steps.push({ kind: 'scan', tablet: t, person, repeat });
    } else if (kind === 'toggle') {
      steps.push({ kind: m.paused[t] ? 'resume' : 'pause', tablet: t });
      m.paused[t] = !m.paused[t];
    } else if (kind === 'reload') {
      steps.push({ kind: 'reload', tablet: t });
      m.paused[t] = false;
    } else if (kind === 'close') {
      steps.push({ kind: 'close', tablet: t, kill: rng() < 0.5 });
      m.open[t] = false;
    } else if (kind === 'reopen') {
      const r = pick(rng, closed);
      steps.push({ kind: 'reopen', tablet: r });
      m.open[r] = true;
      m.paused[r] = false;
    } else if (kind === 'move') {
      const to = m.server[t] === 'S1' ? 'S2' : 'S1';
      steps.push({ kind: 'move', tablet: t, to });
      m.server[t] = to;
      m.paused[t] = false;
    } else {
      steps.push({ kind: 'heal' });
      for (const i of open) [m.server[i], m.paused[i]] = ['S1', false];
    }
  }
  steps.push({ kind: 'heal-all' });
  return steps;
}

function weighted(rng: Random, kinds: (keyof typeof WEIGHTS)[]): keyof typeof WEIGHTS {
  let r = below(rng, kinds.reduce((sum, k) => sum + WEIGHTS[k], 0));
  for (const k of kinds) if ((r -= WEIGHTS[k]) < 0) return k;
  return kinds[0]!;
}

/** One line for a step, as the soak prints it. */
export function describeStep(s: Step, name: (i: number) => string, who: (p: Person) => string): string {
  switch (s.kind) {
    case 'scan':
      return `scan ${who(s.person)} at ${name(s.tablet)}${s.repeat ? ' (scanned elsewhere before)' : ''}`;
    case 'close':
      return `${s.kill ? 'kill -9' : 'close'} ${name(s.tablet)}`;
    case 'move':
      return `move ${name(s.tablet)} to signaling ${s.to}`;
    case 'heal':
    case 'heal-all':
      return s.kind === 'heal' ? 'heal the open tablets' : 'heal all: reopen, S1, sync on';
    default:
      return `${s.kind} ${name(s.tablet)}`;
  }
}
