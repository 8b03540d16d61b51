/**
 * Importing a roster file, one step at a time, for the import screen:
 *
 *   idle → reading → mapping → preview → writing → done
 *                 ↘ failed    ↖ back ↙          ↘ failed
 *
 * `mapping` shows the columns as detected and lets the user assign any column to a field;
 * `preview` shows what `mapRows` made of the file; `writing` hands every person to the roster
 * at once (the ledger writes all or nothing), so `failed` always means nothing was changed.
 * Rows are mapped in steps with a yield to the browser in between, so 40,000 rows move a
 * progress bar instead of freezing the screen.
 */
import {
  detectColumns,
  mapRowsInSteps,
  type ColumnDetection,
  type ColumnMapping,
  type RefuseReason,
  type RosterField,
  type RosterImport,
  type SkipKind,
  type WarningReason
} from '$lib/roster/import-rules';
import { readRosterFile, UnsupportedRosterFileError, type UnsupportedRosterFileKind } from '$lib/roster/read-file';
import type { Person } from '$lib/core/types';

export type ImportPhase = 'idle' | 'reading' | 'mapping' | 'preview' | 'writing' | 'done' | 'failed';

/** A step that takes time, with how far it has got (0–100), or null when that cannot be known. */
export interface ImportProgress {
  step: 'reading' | 'mapping' | 'writing';
  percent: number | null;
}

/** Why an import stopped. Nothing on the roster was changed. */
export type ImportFailure = { kind: 'file'; reason: UnsupportedRosterFileKind } | { kind: 'error'; error: unknown };

/** One column of the file as the mapping table shows it. */
export interface ImportColumn {
  column: number;
  header: string;
  sample: string;
  field: RosterField | null;
  /** The header names no field (and the user has not assigned one yet). */
  unknown: boolean;
}

/** One line of the problem report, in spreadsheet order. `row` is 1-based. */
export type ProblemRow =
  | { row: number; kind: 'refused'; reason: RefuseReason; detail?: string }
  | { row: number; kind: 'warning'; reason: WarningReason; detail?: string }
  | { row: number; kind: 'skipped'; reason: SkipKind; detail: string };

/** What the import needs of the roster (the open site's `SiteRoster` is one). */
export interface RosterTarget {
  readonly people: readonly Person[];
  person(id: string): Person | undefined;
  importPeople(people: readonly Person[]): Promise<void>;
}

const PREVIEW_SIZE = 20;
const ROWS_PER_STEP = 5000;

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class RosterImporter {
  #phase = $state<ImportPhase>('idle');
  #progress = $state<ImportProgress | null>(null);
  #failure = $state.raw<ImportFailure | null>(null);
  #fileName = $state('');
  #table = $state.raw<string[][]>([]);
  #detection = $state.raw<ColumnDetection | null>(null);
  #mapping = $state.raw<ColumnMapping>({});
  #result = $state.raw<RosterImport | null>(null);
  #updated = $state(0);
  // Each run gets a number; a run whose number is no longer current stops (the user went back).
  #run = 0;
  #target: RosterTarget;

  constructor(target: RosterTarget) {
    this.#target = target;
  }

  get phase() {
    return this.#phase;
  }
  get progress() {
    return this.#progress;
  }
  get failure() {
    return this.#failure;
  }
  get fileName() {
    return this.#fileName;
  }
  get rowCount() {
    return this.#table.length;
  }
  /** No header row was found: every column must be assigned by hand. */
  get headerless() {
    return this.#detection?.headerRow === -1;
  }

  get columns(): ImportColumn[] {
    return this.#columns;
  }
  #columns = $derived.by((): ImportColumn[] => {
    const detection = this.#detection;
    if (!detection) return [];
    const data = this.#table.slice(detection.headerRow + 1, detection.headerRow + 1 + PREVIEW_SIZE);
    const width = Math.max(detection.headers.length, ...data.map((row) => row.length));
    const fieldAt: (RosterField | undefined)[] = [];
    for (const [field, column] of Object.entries(this.#mapping) as [RosterField, number][]) fieldAt[column] = field;
    const unknown = detection.unknownHeaders.map((u) => u.column);
    return Array.from({ length: width }, (_, column) => ({
      column,
      header: detection.headers[column] ?? '',
      sample: data.map((row) => (row[column] ?? '').trim()).find((s) => s.length > 0) ?? '',
      field: fieldAt[column] ?? null,
      unknown: unknown.includes(column) && fieldAt[column] === undefined
    }));
  });

  /** Fields the import cannot do without and that no column holds yet. */
  get missing(): ('name' | 'room')[] {
    const out: ('name' | 'room')[] = [];
    if (this.#mapping.name === undefined) out.push('name');
    if (this.#mapping.room === undefined && this.#mapping.address === undefined) out.push('room');
    return out;
  }

  get result() {
    return this.#result;
  }
  get preview(): Person[] {
    return this.#result?.people.slice(0, PREVIEW_SIZE) ?? [];
  }
  /** Of the people to import, how many are on the roster already (and will be replaced). */
  get updated() {
    return this.#updated;
  }
  get added() {
    return (this.#result?.people.length ?? 0) - this.#updated;
  }
  /** Refused, warned and skipped rows, by row number. */
  get problems(): ProblemRow[] {
    return this.#problems;
  }
  #problems = $derived.by((): ProblemRow[] => {
    const r = this.#result;
    if (!r) return [];
    const rows: ProblemRow[] = [
      ...r.refused.map((x) => ({ row: x.row, kind: 'refused' as const, reason: x.reason, detail: x.detail })),
      ...r.warnings.map((x) => ({ row: x.row, kind: 'warning' as const, reason: x.reason, detail: x.detail })),
      ...r.skipped.map((x) => ({ row: x.row, kind: 'skipped' as const, reason: x.kind, detail: x.text }))
    ];
    return rows.sort((a, b) => a.row - b.row);
  });

  /** Reads a file the user picked and detects its columns. */
  async open(file: File): Promise<void> {
    const run = this.#restart();
    this.#fileName = file.name;
    this.#phase = 'reading';
    this.#progress = { step: 'reading', percent: null };
    try {
      const table = await readRosterFile(file);
      if (run !== this.#run) return;
      const detection = detectColumns(table);
      this.#table = table;
      this.#detection = detection;
      this.#mapping = detection.mapping;
      this.#phase = 'mapping';
    } catch (e) {
      if (run === this.#run) this.#fail(e);
    } finally {
      if (run === this.#run) this.#progress = null;
    }
  }

  /** Assigns a column to a field (taking the field from any other column), or to none. */
  assign(column: number, field: RosterField | null): void {
    if (this.#phase !== 'mapping' || this.#progress) return;
    const mapping: ColumnMapping = {};
    for (const [f, c] of Object.entries(this.#mapping) as [RosterField, number][]) {
      if (c !== column && f !== field) mapping[f] = c;
    }
    if (field) mapping[field] = column;
    this.#mapping = mapping;
  }

  /** Maps every row with the current columns, then shows the preview. */
  async showPreview(): Promise<void> {
    const detection = this.#detection;
    if (this.#phase !== 'mapping' || !detection || this.missing.length > 0 || this.#progress) return;
    const run = ++this.#run;
    this.#progress = { step: 'mapping', percent: 0 };
    const steps = mapRowsInSteps(this.#table, detection.headerRow, this.#mapping, { rowsPerStep: ROWS_PER_STEP });
    try {
      let step = steps.next();
      while (!step.done) {
        this.#progress = { step: 'mapping', percent: Math.floor((100 * step.value.done) / Math.max(1, step.value.total)) };
        await nextFrame();
        if (run !== this.#run) return;
        step = steps.next();
      }
      const result = step.value;
      this.#updated = result.people.filter((p) => this.#target.person(p.id) !== undefined).length;
      this.#result = result;
      this.#phase = 'preview';
    } catch (e) {
      this.#fail(e);
    } finally {
      if (run === this.#run) this.#progress = null;
    }
  }

  /** From the preview back to the columns. */
  back(): void {
    if (this.#phase !== 'preview') return;
    this.#run++;
    this.#result = null;
    this.#phase = 'mapping';
  }

  /** Writes the previewed people to the roster, all or nothing. */
  async confirm(): Promise<void> {
    const people = this.#result?.people;
    if (this.#phase !== 'preview' || !people || people.length === 0) return;
    const run = ++this.#run;
    this.#phase = 'writing';
    this.#progress = { step: 'writing', percent: null };
    try {
      await this.#target.importPeople(people);
      if (run === this.#run) this.#phase = 'done';
    } catch (e) {
      if (run === this.#run) this.#fail(e);
    } finally {
      if (run === this.#run) this.#progress = null;
    }
  }

  /** Forgets the file, to pick another. */
  reset(): void {
    this.#restart();
    this.#phase = 'idle';
  }

  #restart(): number {
    this.#failure = null;
    this.#table = [];
    this.#detection = null;
    this.#mapping = {};
    this.#result = null;
    this.#updated = 0;
    this.#progress = null;
    return ++this.#run;
  }

  #fail(e: unknown) {
    this.#failure = e instanceof UnsupportedRosterFileError ? { kind: 'file', reason: e.kind } : { kind: 'error', error: e };
    this.#phase = 'failed';
  }
}
