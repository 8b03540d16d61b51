/**
 * A small world for the checkpoint's properties: four residents in two households, tablets
 * whose clocks step back and forth at random, and a replay that judges every scan on its
 * tablet by the checkpoint's rules over what that tablet holds (all entries so far when the
 * tablets are connected, only its own when they are apart), recording what it says.
 */
import fc from 'fast-check';
import { makeEntry, makePerson } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import { defaultPolicy, type GatePolicy, type OutingQuota } from '$lib/core/gate-policy';
import type { Direction, Entry } from '$lib/core/types';
import { checkpointEntryFields, judgeCheckpoint, type CheckpointVerdict } from './checkpoint';
import { householdMembers, householdOf } from './outings';
import { gatePositions } from './rules';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
export const DEVICES = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'];

export const PEOPLE = [
  makePerson({ id: 'p0', room: '101' }),
  makePerson({ id: 'p1', room: '101', tags: ['elderly'] }),
  makePerson({ id: 'p2', room: '102' }),
  makePerson({ id: 'p3', room: '102', tags: ['pregnant'] })
];
const byId = new Map(PEOPLE.map((p) => [p.id, p]));
/** A resident's household, as the roster says. */
export const householdOfId = (id: string) => {
  const p = byId.get(id);
  return p && householdOf(p);
};

export interface Scan {
  tablet: number;
  who: number;
  direction: Direction;
  /** Real time since the scan before (ms). */
  gap: number;
  /** The tablet's clock steps to this offset (minutes) just before the scan. */
  clock: number | undefined;
  /** The duty person chose an exemption. */
  exempt: boolean;
}

export const scanArb = (tablets: number, maxGap = 12 * HOUR) =>
  fc.record({
    tablet: fc.nat(tablets - 1),
    who: fc.nat(PEOPLE.length - 1),
    direction: fc.constantFrom<Direction>('in', 'out', 'out'),
    gap: fc.integer({ min: 1000, max: maxGap }),
    clock: fc.option(fc.integer({ min: -180, max: 180 }), { nil: undefined, freq: 3 }),
    exempt: fc.nat(3).map((n) => n === 0)
  });

export const quotaArb: fc.Arbitrary<OutingQuota> = fc.record({ outings: fc.integer({ min: 1, max: 2 }), days: fc.integer({ min: 1, max: 2 }), hours: fc.integer({ min: 1, max: 8 }) });

export const policyWith = (quota: OutingQuota | null): GatePolicy => ({ ...defaultPolicy(), quota });

/** Each scan's reading of its tablet's clock (real time plus the tablet's current offset). */
export function readings(scans: readonly Scan[], trueClocks = false): number[] {
  const offset = new Map<number, number>();
  let real = T0;
  return scans.map((s) => {
    real += s.gap;
    if (s.clock !== undefined && !trueClocks) offset.set(s.tablet, s.clock * MINUTE);
    return real + (offset.get(s.tablet) ?? 0);
  });
}

/** Replays `scans`; `connected`: every tablet holds every entry so far, else only its own. */
export function replay(scans: readonly Scan[], policy: GatePolicy, opts: { connected: boolean; trueClocks?: boolean }): { entries: Entry[]; verdicts: CheckpointVerdict[] } {
  const at = readings(scans, opts.trueClocks);
  const seq = DEVICES.map(() => 0);
  const entries: Entry[] = [];
  const verdicts = scans.map((s, i) => {
    const device = DEVICES[s.tablet]!;
    const held = opts.connected ? entries : entries.filter((e) => e.device === device);
    const person = PEOPLE[s.who]!;
    const verdict = judgeCheckpoint({
      code: { kind: 'person', personId: person.id, text: person.id },
      direction: s.direction,
      person,
      position: gatePositions(held).get(person.id),
      policy,
      now: at[i]!,
      exemption: s.exempt ? 'medical' : undefined,
      household: { members: householdMembers(PEOPLE, person), entries: held }
    });
    entries.push(makeEntry({ ...checkpointEntryFields(verdict), id: formatEntryId(device, ++seq[s.tablet]!), device, at: at[i]! }));
    return verdict;
  });
  return { entries, verdicts };
}

/** The same entries as another tablet may hold them: in another order, some delivered twice. */
export const arrivals = (entries: readonly Entry[]) =>
  fc.tuple(fc.shuffledSubarray([...entries], { minLength: entries.length, maxLength: entries.length }), fc.subarray([...entries])).map(([a, b]) => [...a, ...b]);
