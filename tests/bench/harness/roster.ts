/**
 * Roster figures on the 40,000-person roster: coverage per building (the supervisor's 一张图)
 * against a plain loop over the same arrays, and roster search as the search screens call it
 * on every keystroke (name, pinyin initials, room).
 */
import { coverage } from '$lib/supervise/coverage';
import { searchRoster } from '$lib/roster/roster';
import type { Entry, Person } from '$lib/core/types';
import { makeRow, median, type Row } from '../rows.js';
import { benchRoster } from './seed';

const ROUND = { id: 'benchcov' };

/** A round's entries: 95% of the roster sampled (some twice), a few checked in only. */
function roundEntries(people: readonly Person[]): Entry[] {
  const out: Entry[] = [];
  people.forEach((p, i) => {
    const base = { at: 1_700_000_000_000 + i * 1000, device: 'benchdv1', station: 'recorder', staff: '李四', subject: p.id, verdict: 'accepted', round: ROUND.id } as const;
    if (i % 20 !== 0) out.push({ ...base, id: `benchdv1:${i.toString(36)}`, kind: 'sample', tube: `T${Math.floor(i / 10)}` });
    if (i % 20 === 0 || i % 50 === 1) out.push({ ...base, id: `benchdv2:${i.toString(36)}`, kind: 'check-in' });
  });
  return out;
}

/** The least a count per building can cost: one pass over the entries, one over the people. */
function plainLoop(people: readonly Person[], entries: readonly Entry[]): Map<string, number[]> {
  const sampled = new Set<string>();
  for (const e of entries) if (e.kind === 'sample' && e.round === ROUND.id) sampled.add(e.subject);
  const counts = new Map<string, number[]>();
  for (const p of people) {
    let c = counts.get(p.building);
    if (!c) counts.set(p.building, (c = [0, 0]));
    c[0]!++;
    if (sampled.has(p.id)) c[1]!++;
  }
  return counts;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function measureCoverage(): Row[] {
  const people = benchRoster();
  const entries = roundEntries(people);
  const ours: number[] = [];
  const floor: number[] = [];
  // Alternated, after a warm-up of each, so both see the same machine.
  for (let i = 0; i < 12; i++) {
    const a = time(() => coverage(people, entries, ROUND));
    const b = time(() => plainLoop(people, entries));
    if (i > 0) ours.push(a);
    if (i > 0) floor.push(b);
  }
  return [
    makeRow({ name: `coverage per building, 40k roster + ${Math.round(entries.length / 1000)}k round entries (in memory)`, value: median(ours), unit: 'ms', floor: median(floor), goal: '≤ 100 ms', meets: (v) => v <= 100 })
  ];
}

/** Queries as typed, keystroke by keystroke: the first keys match the most people. */
function queries(people: readonly Person[]): Record<'name' | 'pinyin' | 'room', string[]> {
  const p = people[12_345]!;
  const name = Array.from(p.name);
  return {
    name: name.map((_, i) => name.slice(0, i + 1).join('')),
    pinyin: Array.from(p.initials, (_, i) => p.initials.slice(0, i + 1)),
    room: ['1', p.room.slice(0, 2), p.room, `${parseInt(p.building, 10)}-${parseInt(p.unit, 10)}-${p.room}`, `${p.building}${p.unit}${p.room}`]
  };
}

export function measureSearch(): { rows: Row[]; notes: string[] } {
  const people = benchRoster();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const [kind, list] of Object.entries(queries(people))) {
    // Each query's median of 7 runs; the row is the slowest query of its kind.
    const perQuery = list.map((q) => {
      searchRoster(people, q, 31);
      return { q, ms: median(Array.from({ length: 7 }, () => time(() => searchRoster(people, q, 31)))) };
    });
    const worst = perQuery.reduce((a, b) => (b.ms > a.ms ? b : a));
    notes.push(`search ${kind}: ${perQuery.map((x) => `"${x.q}" ${x.ms.toFixed(1)} ms`).join(', ')}`);
    rows.push(makeRow({ name: `roster search by ${kind}, 40k roster, slowest keystroke ("${worst.q}")`, value: worst.ms, unit: 'ms/query', goal: '≤ 50 ms', meets: (v) => v <= 50 }));
  }
  return { rows, notes };
}
