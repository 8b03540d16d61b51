/**
 * `npm run bench`: the performance figures of issue 5, printed as a table and written to
 * tests/bench/results.json (git-ignored), so two runs can be compared. A benchmark, never a
 * test: it prints figures and judges them against the goals, it does not fail on a miss.
 *
 * Expects the app built in build/ (the npm script builds it first); builds the harness page
 * itself, serves both on 127.0.0.1:$BENCH_PORT (4190), and runs two tablets (Chromium profiles
 * on disk) one after the other: one for the library figures, one for the app itself.
 */
import { build } from 'vite';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from './server.js';
import { launchTablet } from './browser.js';
import { measureApp } from './app.js';
import { formatTable } from './table.js';

/** @typedef {import('./rows.js').Row} Row */

const PORT = Number(process.env.BENCH_PORT ?? 4190);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const HARNESS_OUT = fileURLToPath(new URL('../.generated/bench-harness', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
// Storage first, on a clean profile: its figure is the growth of the origin's disk usage.
const LIBRARY = ['storage', 'decode', 'coverage', 'search', 'import', 'sync', 'write', 'parsers', 'passes'];
// Groups that time sub-millisecond steps one by one: run on a cross-origin isolated harness
// page, where the timer ticks in 5 µs instead of 100 µs (server.js).
const ISOLATED = new Set(['passes']);
// BENCH_ONLY=decode,app measures only those groups ('app' is the app itself), to iterate on one figure.
const ONLY = process.env.BENCH_ONLY?.split(',').map((g) => g.trim());
const wanted = (/** @type {string} */ group) => !ONLY || ONLY.includes(group);

const started = Date.now();
/** @param {string} what */
const log = (what) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${what}`);

async function main() {
  const load = [os.loadavg()[0]];
  log('building the harness page');
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), build: { outDir: HARNESS_OUT } });
  const stop = await serve(PORT, HARNESS_OUT);
  const rows = /** @type {Row[]} */ ([]);
  const notes = /** @type {string[]} */ ([]);
  let browserVersion = '';
  try {
    const library = await launchTablet();
    try {
      /** @type {Map<boolean, import('@playwright/test').Page>} */
      const pages = new Map();
      const pageFor = async (/** @type {boolean} */ isolated) => {
        let page = pages.get(isolated);
        if (!page) {
          page = await library.context.newPage();
          await page.goto(`${ORIGIN}/__bench/index.html${isolated ? '?isolated' : ''}`);
          await page.waitForFunction(() => !!window.bench);
          pages.set(isolated, page);
        }
        return page;
      };
      browserVersion = await (await pageFor(false)).evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '');
      for (const group of LIBRARY.filter(wanted)) {
        log(`measuring ${group}`);
        const page = await pageFor(ISOLATED.has(group));
        const measured = await page.evaluate((g) => window.bench.measure(g), group);
        rows.push(...measured.rows);
        notes.push(...measured.notes);
      }
    } finally {
      await library.close();
    }
    if (wanted('app')) {
      log('measuring the app (seeding 400k entries takes a while)');
      const tablet = await launchTablet();
      try {
        const app = await measureApp(tablet.context, ORIGIN, log);
        rows.push(...app.rows);
        notes.push(...app.notes);
      } finally {
        await tablet.close();
      }
    }
  } finally {
    await stop();
  }
  load.push(os.loadavg()[0]);
  writeFileSync(RESULTS, `${JSON.stringify(rows, null, 2)}\n`);
  const cpus = os.cpus();
  console.log(`\n${formatTable(rows)}\n`);
  for (const note of notes) console.log(`- ${note}`);
  console.log(`- machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${browserVersion} headless`);
  console.log(`- load average (1 min) at start ${load[0]?.toFixed(1)}, at end ${load[1]?.toFixed(1)}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  const judged = rows.filter((r) => r.met !== null);
  const missed = judged.filter((r) => !r.met).length;
  console.log(`\n${judged.length - missed} of ${judged.length} goals met; figures in ${RESULTS}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
