/**
 * Parsers of outside input on adversarial inputs at three sizes, n, 10n and 100n (up to each
 * parser's cap): how much longer each takes per 10× the input. Linear time is ~10× per 10×; a
 * quadratic parser shows ~100×. Small inputs are dominated by a fixed cost, so a ratio well
 * under 10× is expected there. What a parser refuses by its length costs nothing however long
 * the input: those rows show ~1×. Each time is the fastest of several samples (nine for a call
 * under 10 ms, three for a longer one): the ratio is about the algorithm, and a collection or a
 * busy machine only ever adds time. The figure is the
 * growth per 10× over the whole span, √(t(100n) / t(n)) (a step alone moves with the machine's
 * load at microsecond times); the notes give both steps.
 */
import * as Y from 'yjs';
import { parseCode } from '$lib/core/code';
import { MAX_HANDOVER_NOTE, encodeEntry } from '$lib/core/entry-codec';
import { makeEntry } from '$lib/core/builders';
import { JOIN_PREFIX, readJoinCode } from '$lib/site/join-code';
import { HANDOVER_PREFIX, readHandoverCode } from '$lib/handover/code';
import { MSG, decodeMessage, encodeMessage } from '$lib/sync/wire';
import { readAdvert } from '$lib/sync/advert';
import { validateUpdate } from '$lib/sync/validate';
import { MAX_ROSTER_XML_BYTES, readRosterFile } from '$lib/roster/read-file';
import { measureWorkbook } from '$lib/roster/workbook-size';
import { detectColumns, mapRows } from '$lib/roster/import-rules';
import { sheetData, workbookFile } from '$lib/roster/xlsx-fixtures';
import { makeRow, type Row } from '../rows.js';

interface Case {
  name: string;
  /** n, 10n, 100n in the case's own unit */
  sizes: [number, number, number];
  unit: string;
  /** Builds the input of a size, once, outside the timing. */
  input: (size: number) => unknown | Promise<unknown>;
  run: (input: never) => unknown | Promise<unknown>;
  /** What the parser cannot do without, timed the same way (its growth is the platform's, not the parser's). */
  floor?: { name: string; run: (input: never) => unknown };
}

const b64url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const day = 'day:2026-11-22';

function dayUpdate(entries: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let seq = 1; seq <= entries; seq++) {
      const id = `benchdv1:${seq.toString(36)}`;
      doc.getMap('entries').set(id, encodeEntry(makeEntry({ id, device: 'benchdv1', subject: `p${seq}` })));
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** Overwrites of one key, each by a new Yjs client: the update lists them newest first (a reversed chain). */
function reversedChain(links: number): Uint8Array {
  const doc = new Y.Doc();
  for (let client = 1; client <= links; client++) {
    doc.clientID = client;
    doc.getMap('config').set('name', `v${client}`);
  }
  return Y.encodeStateAsUpdate(doc);
}

async function rosterPipeline(file: File): Promise<number> {
  const table = await readRosterFile(file);
  const d = detectColumns(table);
  return mapRows(table, d.headerRow, d.mapping).people.length;
}

const CASES: Case[] = [
  { name: 'parseCode, NFKC-expanding ligatures (﷽ → 18 characters)', sizes: [5, 50, 500], unit: 'chars', input: (n) => '﷽'.repeat(n), run: (s: string) => parseCode(s) },
  { name: 'parseCode over its cap (refused by length)', sizes: [10_000, 100_000, 1_000_000], unit: 'chars', input: (n) => '\u200b'.repeat(n), run: (s: string) => parseCode(s) },
  {
    name: 'readJoinCode, JSON nested [[[…]]]',
    sizes: [20, 200, 2000],
    unit: 'chars',
    input: (n) => JOIN_PREFIX + b64url('['.repeat(Math.floor((n * 3) / 8)) + ']'.repeat(Math.floor((n * 3) / 8))),
    run: (s: string) => readJoinCode(s)
  },
  {
    name: 'readHandoverCode (note), tablet counts that never add up',
    sizes: [20, 200, 2000],
    unit: 'chars',
    input: (n) => {
      const head = `${HANDOVER_PREFIX}benchdv1.site.0.1.1-00000000-00000000.2026-11-22=1-00000000-00000000.`;
      const counts: string[] = [];
      for (let i = 0; head.length + counts.join(',').length < n - 12; i++) counts.push(`d${i.toString(36).padStart(6, '0')}:1`);
      return head + (counts.join(',') || 'r:0');
    },
    run: (s: string) => readHandoverCode(s, MAX_HANDOVER_NOTE)
  },
  {
    name: 'decodeMessage, an UPDATE',
    sizes: [650, 6500, 65_000],
    unit: 'bytes',
    input: (n) => encodeMessage({ type: MSG.UPDATE, doc: day, update: new Uint8Array(n - 24).fill(0x80) }),
    run: (b: Uint8Array) => decodeMessage(b),
    // The update is copied out of the message (the transport's buffer is not kept).
    floor: { name: 'copying the update alone', run: (b: Uint8Array) => b.slice(20) }
  },
  { name: 'readAdvert, JSON nested [[[…]]]', sizes: [80, 800, 8000], unit: 'chars', input: (n) => '['.repeat(n / 2) + ']'.repeat(n / 2), run: (s: string) => readAdvert(s) },
  { name: 'validateUpdate, new entries of a day', sizes: [10, 100, 1000], unit: 'entries', input: dayUpdate, run: (u: Uint8Array) => validateUpdate(day, new Y.Doc(), u) },
  { name: 'validateUpdate, a reversed chain of site-doc overwrites', sizes: [45, 450, 4500], unit: 'links', input: reversedChain, run: (u: Uint8Array) => validateUpdate('site', new Y.Doc(), u) },
  {
    name: 'roster CSV (read, detect, map), quoted cells with quotes inside',
    sizes: [2000, 20_000, 200_000],
    unit: 'rows',
    // n lines in all: the header, n - 2 rows, and the empty line after the last newline.
    input: (n) => new File(['楼栋,房号,姓名\n', `"3""栋",1201,"张""三"\n`.repeat(n - 2)], 'a.csv'),
    run: (f: File) => rosterPipeline(f)
  },
  {
    name: 'roster CSV (read, detect, map), a header cell of "(" with no ")"',
    sizes: [1000, 10_000, 100_000],
    unit: 'chars',
    input: (n) => new File([`姓名${'('.repeat(n)},房号\n张三,1201\n`], 'a.csv'),
    run: (f: File) => rosterPipeline(f)
  },
  {
    name: 'roster XLSX measured before it is read (workbook-size.ts)',
    sizes: [1000, 10_000, 100_000],
    unit: 'rows',
    input: async (n) => new Uint8Array(await (await workbookFile(sheetData([['姓名', '房号'], ...Array.from({ length: n - 1 }, (_, i) => [`张${i}`, String(1000 + i)])]), { deflate: true })).arrayBuffer()),
    run: (b: Uint8Array<ArrayBuffer>) => measureWorkbook(b, MAX_ROSTER_XML_BYTES)
  },
  {
    name: 'roster XLSX (measure, read-excel-file, detect, map)',
    sizes: [1000, 10_000, 100_000],
    unit: 'rows',
    input: (n) => workbookFile(sheetData([['姓名', '房号'], ...Array.from({ length: n - 1 }, (_, i) => [`张${i}`, String(1000 + i)])]), { deflate: true }),
    run: (f: File) => rosterPipeline(f)
  }
];

/** Milliseconds one call takes: calls repeated until 100 ms have passed, the fastest of such samples. */
async function timeOf(run: () => unknown): Promise<number> {
  const t = performance.now();
  await run(); // warm-up, and how long a call takes
  const count = performance.now() - t < 10 ? 9 : 3;
  const samples: number[] = [];
  for (let s = 0; s < count; s++) {
    let calls = 0;
    const t0 = performance.now();
    do {
      await run();
      calls++;
    } while (performance.now() - t0 < 100);
    samples.push((performance.now() - t0) / calls);
  }
  return Math.min(...samples);
}

export async function measureParsers(): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const c of CASES) {
    const times: number[] = [];
    const floors: number[] = [];
    for (const size of c.sizes) {
      const input = await c.input(size);
      times.push(await timeOf(() => c.run(input as never)));
      if (c.floor) floors.push(await timeOf(() => c.floor!.run(input as never)));
    }
    const [t1, t10, t100] = times as [number, number, number];
    const per10 = Math.sqrt(t100 / t1);
    rows.push(makeRow({ name: `parser: ${c.name}, ${c.sizes.map((s) => s.toLocaleString('en-US')).join(' / ')} ${c.unit}`, value: per10, unit: '× per 10×', goal: '≤ ~10× per 10× size', meets: (v) => v <= 12 }));
    const ms = (ts: number[]) => ts.map((t) => (t < 1 ? `${(t * 1000).toFixed(1)} µs` : `${t.toFixed(1)} ms`)).join(' / ');
    notes.push(`parser ${c.name}: ${ms(times)} (${(t10 / t1).toFixed(1)}×, ${(t100 / t10).toFixed(1)}×)${c.floor ? `; ${c.floor.name}: ${ms(floors)}` : ''}`);
  }
  return { rows, notes };
}
