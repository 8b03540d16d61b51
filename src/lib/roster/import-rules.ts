/**
 * Importing a roster (底册) from a table of cells, as parsed from CSV or XLSX.
 *
 * Two steps, so the user can correct the first: `detectColumns` finds the header and maps the
 * columns; `mapRows` turns every row below the header into a person, or says why not.
 *
 * Every row below the header ends in exactly one of four places: a person, a refused row (with a
 * reason from a closed set and its 1-based spreadsheet row number), a skipped row (a footer such
 * as `合计`, the header repeated, a vacant room, a row that names only an address) or, silently,
 * a blank row. A person with a bad phone or ID number is still imported, without that value, and
 * a warning says so: leaving a resident off the roster over a typo would make them "not on the
 * roster" at the gate.
 *
 * Merged cells (a building merged down over its residents, a room over its household) reach us as
 * one filled cell and blanks below it, so building, unit and room are filled down from the row
 * above, within the same building and unit: a row that names another building starts afresh.
 * (The price: a room left blank by mistake takes the room above. The person is still found by name.)
 */
import { makePersonId } from './person-id';
import { maskIdNumber } from './roster';
import {
  MAX_CELL_LENGTH,
  MAX_NAME_LENGTH,
  cleanCell,
  isNothing,
  readBuilding,
  readIdNumber,
  readName,
  readPhone,
  readRoom,
  readUnit,
  splitAddress
} from './cells';
import { headerField, type ColumnMapping, type RosterField } from './columns';
import { readTags } from './tags';
import { nameInitials } from './name-initials';
import type { Person, PersonTag } from '$lib/core/types';

export { detectColumns, ROSTER_FIELDS } from './columns';
export type { ColumnDetection, ColumnMapping, RosterField, UnknownHeader } from './columns';

/**
 * Why a row did not become a person. Closed set: each has a message in both languages.
 * - `missing-name`: no name (the row has a phone, ID or tags, so it is a person without one).
 * - `bad-name`: the name has no letter at all (`123`, `--`): most likely a shifted column.
 * - `missing-room`: no room, neither in a room column nor in an address.
 * - `duplicate`: the same person (same id: building, unit, room, name, masked ID) as an earlier row; `detail` is that row's number.
 * - `too-long`: a cell is longer than any real value (name 64, others 128 characters); `detail` is the field.
 */
export const REFUSE_REASONS = ['missing-name', 'bad-name', 'missing-room', 'duplicate', 'too-long'] as const;
export type RefuseReason = (typeof REFUSE_REASONS)[number];

/**
 * What was wrong with a row that was still imported. Closed set, like `RefuseReason`.
 * - `bad-phone`: the phone was left out; `detail` is `lost-digits` (Excel showed it as `1.38E+10`
 *   and saved it so) or `malformed`.
 * - `bad-id`: the ID number was left out; `detail` is `lost-digits`, `checksum` (often an 18-digit
 *   number Excel stored as a number, which keeps only 15 digits) or `malformed`.
 * - `unknown-tag`: a word in the tags cell names no special group; `detail` is the word.
 */
export const WARNING_REASONS = ['bad-phone', 'bad-id', 'unknown-tag'] as const;
export type WarningReason = (typeof WARNING_REASONS)[number];

/**
 * Rows left out on purpose, shown to the user but not counted as errors.
 * - `footer`: `合计`, `制表人：…`, `审核` and the like below the table.
 * - `repeated-header`: the header again (exports that repeat it on every printed page).
 * - `vacant`: a room marked vacant (`空置`, `空房`, `出租` …).
 * - `address-only`: a row with an address and nothing else (a section row such as `3栋`).
 */
export const SKIP_KINDS = ['footer', 'repeated-header', 'vacant', 'address-only'] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];

/** A row that did not become a person. `row` is 1-based, as the spreadsheet shows it. */
export interface RefusedRow {
  row: number;
  reason: RefuseReason;
  /** See `RefuseReason`. Never the content of an ID cell. */
  detail?: string;
}

/** A row imported with a value left out. `row` is 1-based. */
export interface RowWarning {
  row: number;
  reason: WarningReason;
  detail?: string;
}

/** A row left out on purpose. `row` is 1-based; `text` is its first non-empty cell, cut to 64 characters. */
export interface SkippedRow {
  row: number;
  kind: SkipKind;
  text: string;
}

/** What `mapRows` made of a table. */
export interface RosterImport {
  people: Person[];
  refused: RefusedRow[];
  warnings: RowWarning[];
  skipped: SkippedRow[];
  /** Rows with nothing in them, skipped silently. */
  blankRows: number;
}

/** Options of `mapRows`. */
export interface MapRowsOptions {
  /** Fill building, unit and room down from the row above when blank (merged cells). Default true. */
  fillDown?: boolean;
}

/** Options of `mapRowsInSteps`: those of `mapRows`, and how many rows make one step. */
export interface MapRowsStepOptions extends MapRowsOptions {
  /** Rows read between two yields. Default 5000. */
  rowsPerStep?: number;
}

/** How far `mapRowsInSteps` has got: rows below the header read so far, of `total`. */
export interface MapRowsProgress {
  done: number;
  total: number;
}

const FOOTER = /^(合计|总计|小计|共计|制表|填表|审核|审批|负责人|统计人|统计时间|统计日期|备注:|注:|说明:|签字|签名|盖章|共\d+(户|人)|total\b|prepared by)/i;
const VACANT = /^(空置|空房|空户|空|无人|无人居住|出租|待售|未入住|vacant|empty)$/i;
const HAS_LETTER = /\p{L}/u;

function cell(row: readonly unknown[], column: number | undefined): string {
  return column === undefined ? '' : cleanCell(row[column]);
}

function firstText(row: readonly unknown[]): string {
  for (const value of row) {
    const text = cleanCell(value);
    if (text.length > 0) return Array.from(text).slice(0, 64).join('');
  }
  return '';
}

type Cells = Record<RosterField, string>;

function readCells(row: readonly unknown[], mapping: ColumnMapping): Cells {
  return {
    building: cell(row, mapping.building),
    unit: cell(row, mapping.unit),
    room: cell(row, mapping.room),
    name: cell(row, mapping.name),
    phone: cell(row, mapping.phone),
    idNumber: cell(row, mapping.idNumber),
    tags: cell(row, mapping.tags),
    address: cell(row, mapping.address)
  };
}

function tooLongField(c: Cells): RosterField | null {
  if (c.name.length > MAX_NAME_LENGTH) return 'name';
  for (const field of ['building', 'unit', 'room', 'phone', 'idNumber', 'tags', 'address'] as const) {
    if (c[field].length > MAX_CELL_LENGTH) return field;
  }
  return null;
}

/**
 * Turns the rows below `headerRow` (0-based; -1 for a table without header) into people, using
 * `mapping` (column of each field). Pure; never throws, whatever the cells hold.
 */
export function mapRows(
  table: readonly (readonly unknown[])[],
  headerRow: number,
  mapping: ColumnMapping,
  options: MapRowsOptions = {}
): RosterImport {
  const steps = mapRowsInSteps(table, headerRow, mapping, { ...options, rowsPerStep: Infinity });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `mapRows` one step at a time, for a screen that must stay responsive over 40,000 rows: it
 * yields its progress every `rowsPerStep` rows and returns the same `RosterImport` as `mapRows`.
 * One pass with its state kept between steps (not `mapRows` on slices), so duplicates and merged
 * cells are still seen across the boundary of two steps.
 */
export function* mapRowsInSteps(
  table: readonly (readonly unknown[])[],
  headerRow: number,
  mapping: ColumnMapping,
  options: MapRowsStepOptions = {}
): Generator<MapRowsProgress, RosterImport, void> {
  const fillDown = options.fillDown ?? true;
  const rowsPerStep = Math.max(1, options.rowsPerStep ?? 5000);
  const out: RosterImport = { people: [], refused: [], warnings: [], skipped: [], blankRows: 0 };
  const firstRowOf = new Map<string, number>();
  // The address the rows above left open, for merged cells.
  let above = { building: '', unit: '', room: '' };
  const start = Math.max(0, headerRow + 1);
  const total = Math.max(0, table.length - start);

  for (let index = start; index < table.length; index++) {
    if (index > start && (index - start) % rowsPerStep === 0) yield { done: index - start, total };
    const row = table[index] ?? [];
    const rowNumber = index + 1;
    const text = firstText(row);
    if (text.length === 0) {
      out.blankRows++;
      continue;
    }
    const c = readCells(row, mapping);
    if (FOOTER.test(text.replace(/\s/g, '')) || FOOTER.test(c.name.replace(/\s/g, ''))) {
      out.skipped.push({ row: rowNumber, kind: 'footer', text });
      above = { building: '', unit: '', room: '' };
      continue;
    }
    // Every name header holds 名 or "name"; testing that first keeps the full check off most rows.
    if (/名|name/i.test(c.name) && headerField(c.name) === 'name') {
      out.skipped.push({ row: rowNumber, kind: 'repeated-header', text });
      above = { building: '', unit: '', room: '' };
      continue;
    }
    const tooLong = tooLongField(c);
    if (tooLong) {
      out.refused.push({ row: rowNumber, reason: 'too-long', detail: tooLong });
      continue;
    }

    // Address: own columns first, then the combined address, then the rows above.
    let building = c.building.length > 0 ? readBuilding(c.building) : '';
    let unit = c.unit.length > 0 ? readUnit(c.unit) : '';
    let room = c.room.length > 0 ? readRoom(c.room) : '';
    if (c.address.length > 0 && (room.length === 0 || building.length === 0)) {
      const parts = splitAddress(c.address);
      if (parts) {
        building ||= parts.building;
        unit ||= parts.unit;
        room ||= parts.room;
      }
    }
    if (fillDown) {
      // Within the same building (and unit), a blank part is the rest of a merged cell above.
      if (building.length === 0) building = above.building;
      if (unit.length === 0 && building === above.building) unit = above.unit;
      if (room.length === 0 && building === above.building && unit === above.unit) room = above.room;
      above = { building, unit, room };
    }

    const name = readName(c.name);
    const isPerson = c.phone.length > 0 || c.idNumber.length > 0 || c.tags.length > 0;
    if (name.length === 0 || VACANT.test(name)) {
      if (VACANT.test(name)) {
        out.skipped.push({ row: rowNumber, kind: 'vacant', text });
      } else if (!isPerson) {
        out.skipped.push({ row: rowNumber, kind: 'address-only', text });
      } else {
        out.refused.push({ row: rowNumber, reason: 'missing-name' });
      }
      continue;
    }
    if (!HAS_LETTER.test(name)) {
      out.refused.push({ row: rowNumber, reason: 'bad-name' });
      continue;
    }
    if (room.length === 0) {
      out.refused.push({ row: rowNumber, reason: 'missing-room' });
      continue;
    }

    const warnings: RowWarning[] = [];
    let phone = '';
    if (!isNothing(c.phone)) {
      const reading = readPhone(c.phone);
      if (reading.ok) phone = reading.phone;
      else warnings.push({ row: rowNumber, reason: 'bad-phone', detail: reading.problem });
    }
    let idMasked = '';
    if (!isNothing(c.idNumber)) {
      const reading = readIdNumber(c.idNumber, maskIdNumber);
      if (reading.ok) idMasked = reading.masked;
      else warnings.push({ row: rowNumber, reason: 'bad-id', detail: reading.problem });
    }
    let tags: PersonTag[] = [];
    if (c.tags.length > 0) {
      const reading = readTags(c.tags);
      tags = reading.tags;
      for (const word of reading.unknown) warnings.push({ row: rowNumber, reason: 'unknown-tag', detail: Array.from(word).slice(0, 32).join('') });
    }

    const id = makePersonId({ building, unit, room, name, idMasked });
    const first = firstRowOf.get(id);
    if (first !== undefined) {
      out.refused.push({ row: rowNumber, reason: 'duplicate', detail: String(first) });
      continue;
    }
    firstRowOf.set(id, rowNumber);
    out.people.push({ id, name, initials: nameInitials(name), building, unit, room, phone, idMasked, tags });
    out.warnings.push(...warnings);
  }
  return out;
}
