/**
 * Printing the rows: a Markdown table (so the README's figures are pasted, not retyped).
 */

/** @typedef {import('./rows.js').Row} Row */

/** @param {number | null} x */
const num = (x) => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 3 }));

/**
 * @param {Row[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  const head = ['figure', 'value', 'floor / peer', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [r.name, `${num(r.value)} ${r.unit}`, r.floor === null ? '—' : `${num(r.floor)} ${r.unit}`, r.ratio === null ? '—' : `${num(r.ratio)}×`, r.goal, r.met === null ? '—' : r.met ? 'yes' : '**NO**']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
