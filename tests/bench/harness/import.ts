/**
 * Roster import of 40,000 rows, end to end as the import screen runs it: the app's
 * `RosterImporter` reads an XLSX file (what community offices send), maps the rows, and writes
 * them through the ledger (one Yjs transaction, one IndexedDB transaction), then the roster is
 * read back into memory as the session does after an import.
 */
import { RosterImporter, type RosterTarget } from '$lib/roster/import.svelte';
import { writeRosterXlsx } from '$lib/roster/read-file';
import type { Person } from '$lib/core/types';
import { makeRow, type Row } from '../rows.js';
import { benchRoster, benchSite } from './seed';
import { openTablet } from './peers';

export async function measureImport(): Promise<{ rows: Row[]; notes: string[] }> {
  const people = benchRoster();
  const blob = await writeRosterXlsx(people);
  const file = new File([blob], '底册.xlsx', { type: blob.type });
  const tablet = await openTablet(benchSite('benchimport'), 'bench-import');
  try {
    let inMemory: Person[] = [];
    let byId = new Map<string, Person>();
    const target: RosterTarget = {
      get people() {
        return inMemory;
      },
      person: (id) => byId.get(id),
      async importPeople(list) {
        await tablet.ledger.importPeople(list);
        inMemory = tablet.ledger.people();
        byId = new Map(inMemory.map((p) => [p.id, p]));
      }
    };
    const importer = new RosterImporter(target);
    const t0 = performance.now();
    await importer.open(file);
    const t1 = performance.now();
    await importer.showPreview();
    const t2 = performance.now();
    await importer.confirm();
    const t3 = performance.now();
    if (importer.phase !== 'done' || inMemory.length !== people.length) throw new Error(`import ended ${importer.phase} with ${inMemory.length} people`);
    const seconds = (t3 - t0) / 1000;
    return {
      rows: [
        makeRow({ name: `roster import, ${people.length} rows XLSX (read + map + write)`, value: people.length / seconds, unit: 'rows/s', goal: '40k rows ≤ 5 s (≥ 8,000 rows/s)', meets: (v) => v >= 8000 })
      ],
      notes: [`roster import: read ${Math.round(t1 - t0)} ms, map ${Math.round(t2 - t1)} ms, write ${Math.round(t3 - t2)} ms, total ${seconds.toFixed(2)} s (file ${Math.round(file.size / 1024)} KiB)`]
    };
  } finally {
    tablet.close();
  }
}
