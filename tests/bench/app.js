/**
 * The figures measured on the real app (the built PWA, as `npm start` serves it), on a site
 * the harness seeds through the app's own storage code: first with the 40k roster and no
 * entries, then with 400,000 entries (ten rounds, 40,000 of them today). The site has a pass
 * key, as every site made in the app has, and the scans alternate bare personal codes with
 * signed passes it issued.
 */
import { percentile, makeRow, median } from './rows.js';
import { scanLatency, wedgeThroughput } from './app-scan.js';
import { coldStarts, heapUsed, openGate } from './app-start.js';

/** @typedef {import('./rows.js').Row} Row */
/** @typedef {import('./harness/main').Scannable} Scannable */
/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */

const SITE = 'benchsite';
const EMPTY = 'benchempty';
const LATENCY_SCANS = 41; // of each kind (personal codes, signed passes); the first of each is a warm-up
const WEDGE_SCANS = 200;
const PAUSE_MS = 600;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @typedef {Awaited<ReturnType<typeof scanLatency>>} Latency */

/**
 * The scan rows of one state of the site: bare personal codes, signed passes (taken in turn
 * with them, each beside its own floor put), and the one beside the other.
 * @param {Row[]} rows
 * @param {string[]} notes
 * @param {string} where
 * @param {Latency} t
 */
function latencyRows(rows, notes, where, t) {
  const code = /** @type {Latency[string]} */ (t.code);
  const pass = /** @type {Latency[string]} */ (t.pass);
  for (const [what, times] of /** @type {const} */ ([['scan', code], ['scan of a signed pass (BP1, wedge)', pass]])) {
    for (const p of [50, 95]) {
      rows.push(makeRow({ name: `${what} → durable entry → verdict in DOM, p${p}, ${where}`, value: percentile(times.scans, p), unit: 'ms', floor: percentile(times.floors, p), goal: '≤ 2× floor', meets: (_, r) => r !== null && r <= 2 }));
    }
  }
  rows.push(makeRow({ name: `signature check at the gate: signed-pass scan p50; peer personal-code scan p50, ${where}`, value: median(pass.scans), unit: 'ms', floor: median(code.scans) }));
  notes.push(`scans, ${where}: ${code.scans.length} personal codes and ${pass.scans.length} signed passes in turn; p50/p95 personal code ${median(code.scans).toFixed(1)}/${percentile(code.scans, 95).toFixed(1)} ms, signed pass ${median(pass.scans).toFixed(1)}/${percentile(pass.scans, 95).toFixed(1)} ms; verdicts not green: ${code.notAccepted} codes, ${pass.notAccepted} passes; inside the pass scans, crypto.subtle.verify (${pass.verifyMs.length} seen) p50/p95 ${median(pass.verifyMs).toFixed(2)}/${percentile(pass.verifyMs, 95).toFixed(2)} ms, called ${median(pass.verifyAt).toFixed(1)}/${percentile(pass.verifyAt, 95).toFixed(1)} ms after the Enter`);
}

/**
 * @param {BrowserContext} context
 * @param {string} origin
 * @param {(step: string) => void} log
 * @returns {Promise<{ rows: Row[], notes: string[] }>}
 */
export async function measureApp(context, origin, log) {
  const rows = /** @type {Row[]} */ ([]);
  const notes = /** @type {string[]} */ ([]);
  const gateUrl = `${origin}/gate`;
  const harness = await context.newPage();
  await harness.goto(`${origin}/__bench/index.html`);
  await harness.waitForFunction(() => !!window.bench);
  await harness.evaluate(() => window.bench.wipe());
  log('app: seeding the 40k roster');
  await harness.evaluate((id) => window.bench.seedEmpty(id), EMPTY);
  const rosterMs = await harness.evaluate((id) => window.bench.seedRoster(id), SITE);
  const people = await harness.evaluate(({ id, n }) => window.bench.scannable(id, 0, n), { id: SITE, n: 4 * LATENCY_SCANS + WEDGE_SCANS });
  // Every second person of the latency scans holds a signed pass (the site's key issues them
  // as the print screen does): codes and passes take turns, on the same gate screen.
  const turns = people.slice(0, 4 * LATENCY_SCANS);
  const passes = await harness.evaluate(({ id, list }) => window.bench.signedPasses(id, list), { id: SITE, list: turns.filter((_, i) => i % 2 === 1) });
  const latency = turns.map((p, i) => (i % 2 === 1 ? /** @type {Scannable} */ (passes[(i - 1) / 2]) : p));
  const dbName = `bastion-site-${SITE}`;

  // 40k roster, no entries yet.
  log('app: scans on the 40k roster, no entries');
  let gate = await openGate(context, gateUrl);
  await sleep(1000);
  notes.push(`JS heap with the 40k roster and no entries: ${((await heapUsed(gate.page)) / 1e6).toFixed(1)} MB`);
  const empty = await scanLatency(gate.page, latency.slice(0, 2 * LATENCY_SCANS), { pauseMs: PAUSE_MS, device: 'benchflr' });
  await gate.page.close();
  latencyRows(rows, notes, '40k roster, empty', empty);

  log('app: seeding 400k entries');
  const seeded = await harness.evaluate((id) => window.bench.seedRounds(id), SITE);
  notes.push(`seeding: 40k roster ${(rosterMs / 1000).toFixed(1)} s, ${seeded.entries} entries ${(seeded.ms / 1000).toFixed(1)} s`);

  // A tablet is not restarted while it is still writing 400,000 rows to disk.
  await sleep(5000);
  log('app: cold starts');
  const use = (/** @type {'full' | 'empty'} */ site) => harness.evaluate((id) => window.bench.useSite(id), site === 'full' ? SITE : EMPTY);
  const starts = await coldStarts(context, gateUrl, use, 5);
  rows.push(makeRow({ name: 'cold start to scan-ready, 40k roster + 40k entries today + 360k over 30 days', value: median(starts.full), unit: 'ms', floor: median(starts.empty), goal: '≤ 1500 ms', meets: (v) => v <= 1500 }));
  notes.push(`cold starts (ms): large site ${starts.full.map(Math.round).join(', ')}; empty site ${starts.empty.map(Math.round).join(', ')}`);
  notes.push(`large site, today's 40k-entry doc loaded and its index checked after scan-ready, at (ms from navigation): ${starts.fullToday.map(Math.round).join(', ')}`);

  log('app: heap and scans with 400k stored');
  await use('full');
  gate = await openGate(context, gateUrl);
  // Let the screen's live queries (today's tally, recent scans) finish before measuring.
  await sleep(3000);
  const heap = await heapUsed(gate.page);
  rows.push(makeRow({ name: 'JS heap of the gate screen, 40k roster + 40k entries today (400k stored)', value: heap / 1e6, unit: 'MB', goal: '≤ 150 MB', meets: (v) => v <= 150 }));

  const full = await scanLatency(gate.page, latency.slice(2 * LATENCY_SCANS), { pauseMs: PAUSE_MS, device: 'benchflr' });
  latencyRows(rows, notes, '40k roster, 400k stored', full);
  const painted = (/** @type {Latency[string] | undefined} */ t) => `${median(t?.frames ?? []).toFixed(1)}/${percentile(t?.frames ?? [], 95).toFixed(1)} ms`;
  notes.push(`verdict painted (next frame), p50/p95, personal code / signed pass: empty ${painted(empty.code)} / ${painted(empty.pass)}, 400k ${painted(full.code)} / ${painted(full.pass)}`);

  log('app: wedge scans');
  const wedge = await wedgeThroughput(gate.page, people.slice(4 * LATENCY_SCANS), dbName);
  rows.push(makeRow({ name: `sustained wedge scans, ${WEDGE_SCANS} back to back, 400k stored`, value: wedge.rate, unit: 'scans/s', goal: '≥ 20/s', meets: (v) => v >= 20 }));
  rows.push(makeRow({ name: 'wedge scans lost (not on disk afterwards)', value: wedge.lost, unit: 'scans', goal: '0', meets: (v) => v === 0 }));
  notes.push(`wedge: ${WEDGE_SCANS} scans, ${wedge.seconds.toFixed(2)} s from the first Enter to the last verdict (keys sent in ${wedge.sendSeconds.toFixed(2)} s)${wedge.pending ? `; the last verdict not within 30 s: ${wedge.pending} scans reached the disk only in the 20 s after` : ''}`);
  await gate.page.close();
  await harness.close();
  return { rows, notes };
}
