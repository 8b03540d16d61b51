/**
 * A transport box's manifest (转运箱清单): its tubes in the order they went in, each with the
 * people in it, when and by whom it was sealed and boxed. Derived from the round's tube book;
 * pure, so the printed sheet, the CSV and the tests all read the same thing.
 */
import { formatAddress, maskName } from '$lib/roster/roster';
import { tubesInBox, type TubeBook } from '$lib/sampling/tube';
import type { Entry, Person } from '$lib/core/types';

/** One person in a tube of the manifest. */
export interface ManifestPerson {
  id: string;
  /** Masked (张*三); a person not on the roster shows their id. */
  name: string;
  /** Building-unit-room, empty when not on the roster. */
  address: string;
  sample: Entry;
}

export interface ManifestTube {
  barcode: string;
  people: ManifestPerson[];
  seal?: Entry;
  added: Entry;
}

export interface BoxManifest {
  code: string;
  sealed: boolean;
  seal?: Entry;
  tubes: ManifestTube[];
  /** People over all tubes (a re-swabbed person in two tubes counts in each). */
  people: number;
}

/** The manifest of box `code` in `book`, or undefined when nothing was put in it. */
export function boxManifest(book: TubeBook, code: string, person: (id: string) => Person | undefined): BoxManifest | undefined {
  const box = book.boxes.get(code);
  if (!box || box.adds.length === 0) return undefined;
  const tubes: ManifestTube[] = [];
  for (const barcode of tubesInBox(box)) {
    const tube = book.tubes.get(barcode);
    const added = box.adds.find((e) => e.tube === barcode)!;
    const people = (tube?.samples ?? []).map((sample) => {
      const p = person(sample.subject);
      return { id: sample.subject, name: p ? maskName(p.name) : sample.subject, address: p ? formatAddress(p) : '', sample };
    });
    tubes.push({ barcode, people, seal: tube?.seals[0], added });
  }
  return { code, sealed: box.status === 'sealed', seal: box.seals[0], tubes, people: tubes.reduce((n, t) => n + t.people.length, 0) };
}

/**
 * The manifest as table rows for a CSV, one row per person: box, tube, tube sealed at/by,
 * boxed at/by, address, masked name, sampled at/by. `header` is in the user's language.
 */
export function manifestRows(manifest: BoxManifest, header: readonly string[], time: (at: number) => string): string[][] {
  const rows: string[][] = [[...header]];
  for (const t of manifest.tubes) {
    const tubeCells = [manifest.code, t.barcode, t.seal ? time(t.seal.at) : '', t.seal?.staff ?? '', time(t.added.at), t.added.staff];
    for (const p of t.people) rows.push([...tubeCells, p.address, p.name, time(p.sample.at), p.sample.staff]);
  }
  return rows;
}
