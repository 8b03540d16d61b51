/**
 * The benchmark's rows and the few statistics they need, shared by the Node runner and the
 * harness page (plain JS with JSDoc types, so both sides import the same file).
 *
 * Every figure is measured beside its floor (or its peer) in the same run and reported as a
 * ratio too: these machines are noisy, and a ratio moves much less between runs than a time.
 */

/**
 * One row of the table and of results.json. `floor` and `ratio` are null where the figure has
 * no floor; `ratio` is value / floor. `met` is null for a figure reported without a goal
 * (its goal '—'): one the issues ask to see, not to meet.
 * @typedef {{ name: string, value: number, unit: string, floor: number | null, ratio: number | null, goal: string, met: boolean | null }} Row
 */

/**
 * The p-th percentile (0–100) of `samples`, by the nearest-rank method: always one of the
 * samples, so a p95 of 40 samples is the second largest, never an interpolation.
 * @param {readonly number[]} samples
 * @param {number} p
 */
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return /** @type {number} */ (sorted[rank - 1]);
}

/** @param {readonly number[]} samples */
export const median = (samples) => percentile(samples, 50);

/** @param {number} x */
const round = (x) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

/**
 * Builds a row; `meets` judges the value (and the ratio, where there is a floor) against the
 * goal. Without `meets` the row has no goal: shown, never judged.
 * @param {{ name: string, value: number, unit: string, floor?: number | null, goal?: string, meets?: (value: number, ratio: number | null) => boolean }} spec
 * @returns {Row}
 */
export function makeRow({ name, value, unit, floor = null, goal = '—', meets }) {
  const ratio = floor === null || floor === 0 ? null : value / floor;
  return {
    name,
    value: round(value),
    unit,
    floor: floor === null ? null : round(floor),
    ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
    goal: meets ? goal : '—',
    met: meets ? Number.isFinite(value) && meets(value, ratio) : null
  };
}
