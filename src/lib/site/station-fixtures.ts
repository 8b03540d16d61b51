/**
 * A station's context on a real ledger over fake-indexeddb (tests import
 * 'fake-indexeddb/auto' first), with a roster, a duty person and a supervisor PIN, for unit
 * tests of the station classes. `deleteTestLedgers` (ledger/fixtures.ts) cleans up.
 */
import { formatPersonCode } from '$lib/core/code';
import { currentRound, type Round } from '$lib/core/round';
import type { ScannedCode, ScanSource } from '$lib/scan/scanned-code';
import type { Person } from '$lib/core/types';
import { openTestLedger, T0 } from '$lib/ledger/fixtures';
import { stationContext, type StationContext } from './station-context';
import { PassKeys, judgePass } from '$lib/gate/passes';

export { T0 };

export interface TestStationOptions {
  people?: readonly Person[];
  staff?: string;
  pin?: string;
  rounds?: readonly Round[];
  now?: () => number;
  /** The trust list passes are judged against (none: every pass is of an unknown key). */
  passKeys?: PassKeys;
  revoked?: ReadonlySet<string>;
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
    },
    judgePass: (text, now) => judgePass(text, { siteId: site.id, keys: opts.passKeys ?? new PassKeys([]), revoked: opts.revoked ?? new Set(), now })
  });
  return { site, ledger, ctx };
}

/**
 * Scans into a station as a scanner would, each `step` ms after the one before (5 s: past the
 * repeat window), and answers with what the station then shows; `code` prints a person code.
 */
export function scannerFor<S>(station: { scan(code: ScannedCode): Promise<void>; readonly shown: S }, siteId: string) {
  let clock = T0;
  return {
    scan: async (text: string, source: ScanSource = 'wedge', step = 5000): Promise<S> => {
      clock += step;
      await station.scan({ text, source, at: clock });
      return station.shown;
    },
    code: (id: string, site = siteId) => formatPersonCode(site, id)
  };
}
