/**
 * The soak's knobs, read from the environment once, and the one way it prints a figure.
 * Every random choice of a run comes from a seeded generator, so a run that found
 * something can be repeated with the seed it printed.
 */
import { seededRandom } from '../../src/lib/roster/demo-roster';

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number, not "${raw}"`);
  return n;
}

export const params = {
  /** kill -9 cycles of the kill soak */
  kills: count('SOAK_KILLS', 300),
  /** seeded chaos runs */
  seeds: count('SOAK_SEEDS', 10),
  /** base seed: the kill soak uses it, chaos run i uses it + i */
  seed: count('SOAK_SEED', 1),
  /** tablets in each chaos run */
  tablets: Math.max(2, count('SOAK_TABLETS', 3)),
  /** actions in each chaos run before the final heal */
  actions: count('SOAK_ACTIONS', 30),
  /** how long a relaunched tablet may take to show a gate ready to scan */
  openMs: count('SOAK_OPEN_MS', 30_000),
  /** how long the tablets may take to agree after the final heal */
  convergeMs: count('SOAK_CONVERGE_MS', 120_000),
  /** print every chaos step as it runs */
  verbose: !!process.env.SOAK_VERBOSE
};

export type Random = () => number;
export const random = (seed: number): Random => seededRandom(seed);
/** A whole number in [0, n). */
export const below = (rng: Random, n: number) => Math.floor(rng() * n);
export const pick = <T>(rng: Random, list: readonly T[]): T => list[below(rng, list.length)]!;

/** One figure or event of the soak, on a line of its own so it can be grepped from a log. */
export function say(line: string): void {
  console.log(`[soak] ${line}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
