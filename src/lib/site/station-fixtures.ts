/**
 * A station's context on a real ledger over fake-indexeddb (tests import
 * 'fake-indexeddb/auto' first), with a roster, a duty person and a supervisor PIN, for unit
 * tests of the station classes. `deleteTestLedgers` (ledger/fixtures.ts) cleans up.
 */
import { currentRound, type Round } from '$lib/core/round';
import type { Person } from '$lib/core/types';
import { openTestLedger, T0 } from '$lib/ledger/fixtures';
import { stationContext, type StationContext } from './station-context';

export { T0 };

export interface TestStationOptions {
  people?: readonly Person[];
  staff?: string;
  pin?: string;
  rounds?: readonly Round[];
  now?: () => number;
}

/** Opens a fresh site's ledger and a context over it; the roster is kept in memory as the app does. */
export async function openTestStation(prefix: string, opts: TestStationOptions = {}) {
  const { site, ledger } = await openTestLedger(prefix, opts.now);
  if (opts.people?.length) await ledger.importPeople(opts.people);
  for (const round of opts.rounds ?? []) await ledger.saveRound(round);
  let people = ledger.people();
  let byId = new Map(people.map((p) => [p.id, p]));
  const ctx: StationContext = stationContext(ledger, {
    staff: () => opts.staff ?? 'Wang',
    person: (id) => byId.get(id),
    people: () => people,
    currentRound: () => currentRound(ledger.rounds()),
    rounds: () => ledger.rounds(),
    checkPin: async (pin) => pin === (opts.pin ?? '1234'),
    addPeople: async (added) => {
      await ledger.importPeople(added);
      people = ledger.people();
      byId = new Map(people.map((p) => [p.id, p]));
    }
  });
  return { site, ledger, ctx };
}
