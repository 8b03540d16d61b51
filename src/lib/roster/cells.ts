/**
 * Reading one roster cell. Community office spreadsheets are typed by hand, pasted from other
 * systems and round-tripped through Excel, so every reader here is forgiving about form
 * (full-width digits, `3号楼`, `1201室`, `1.38001380000E+10`) and strict about meaning: a value
 * that cannot be read back exactly is reported, never guessed.
 *
 * Cells are hostile input. They are only ever treated as text: nothing here interprets HTML or
 * formulas, and a leading `=` `+` `-` `@` is kept as written.
 */

/** Longest name kept; anything longer is refused rather than cut (a cut name is a wrong name). */
export const MAX_NAME_LENGTH = 64;
/** Longest value kept for any other field. */
export const MAX_CELL_LENGTH = 128;

// Control characters (C0, DEL, C1) and invisible format characters (zero-width spaces and joiners,
// BOMs, bidi overrides that could reorder what the gate screen shows).
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const LINE_BREAKS_AND_TABS = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
const WHITESPACE_RUN = /\s+/g;
// What our own CSV export puts before a cell that starts like a formula (see write-file.ts).
const EXPORT_ESCAPE = /^'(?=[=+\-@])/;
// Most cells are plain ASCII or common CJK ideographs, which NFKC leaves as they are: a cell with
// nothing else in it, no space and no leading quote is already clean. (Keeps 40,000 rows fast.)
const NEEDS_WORK = /[^\x21-\x7e\u4e00-\u9fff]|^'/;

/**
 * Turns any cell value into clean text: NFKC (full-width digits and letters become ASCII),
 * tabs and line breaks become spaces, invisible characters go, whitespace runs collapse, ends
 * are trimmed. The quote our CSV export adds before formula-like text is taken off again.
 */
export function cleanCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .normalize('NFKC')
    .replace(LINE_BREAKS_AND_TABS, ' ')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .replace(EXPORT_ESCAPE, '');
}

// What people type into a cell that has nothing to say.
const NOTHING = new Set(['无', '暂无', '没有', '空', '-', '--', '/', '\\', '—', 'n/a', 'na', 'none', 'null', 'nil', '0']);

/** True for a cell that stands for "nothing" (`无`, `/`, `-`, `N/A` …). */
export function isNothing(text: string): boolean {
  return text.length === 0 || NOTHING.has(text.toLowerCase());
}

// Spreadsheets turn 1201 into 1201.0 or 1201.00 when a column was numeric.
function dropZeroFraction(text: string): string {
  return text.includes('.') ? text.replace(/^(\d+)\.0+$/, '$1') : text;
}

function dropLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** `3`, `3栋`, `3号楼`, `3幢`, `03#`, `3.0` → `3栋`; anything else (`A座`, `北区7栋`) is kept as written. */
export function readBuilding(text: string): string {
  const t = dropZeroFraction(text.replace(/\s/g, ''));
  const m = /^(\d+)(?:号楼|號樓|号栋|栋|棟|幢|号|楼|#)?$/.exec(t);
  return m ? `${dropLeadingZeros(m[1]!)}栋` : t;
}

/** `2`, `2单元`, `02`, `2.0` → `2单元`; anything else is kept as written. */
export function readUnit(text: string): string {
  const t = dropZeroFraction(text.replace(/\s/g, ''));
  const m = /^(\d+)(?:单元|單元|号|#)?$/.exec(t);
  return m ? `${dropLeadingZeros(m[1]!)}单元` : t;
}

/** `1201`, `1201室`, `1201号`, `1201.0`, `01201` → `1201`; anything else (`B1201`, `12-01`) is kept. */
export function readRoom(text: string): string {
  const t = dropZeroFraction(text.replace(/\s/g, ''));
  const m = /^(\d+)(?:室|号|房)?$/.exec(t);
  return m ? dropLeadingZeros(m[1]!) : t.replace(/(?<=\d)(?:室|房)$/, '');
}

/** Address parts split from one combined cell; empty strings for parts it did not name. */
export interface AddressParts {
  building: string;
  unit: string;
  room: string;
}

/**
 * Splits a combined address: `3栋2单元1201`, `3号楼2单元1201室`, `幸福里小区3幢1201`, `3-2-1201`,
 * `3-1201`. A village address that ends in a number (`张家村15号`) gives a room alone.
 * Returns null when no room can be found.
 */
export function splitAddress(text: string): AddressParts | null {
  const t = text.replace(/\s/g, '');
  const named = /(\d+|[A-Za-z]\d*)(?:号楼|號樓|号栋|栋|棟|幢|座|楼)(?:(\d+)(?:单元|單元))?[-#]?(\d+[A-Za-z]?)(?:室|号|房)?$/.exec(t);
  if (named) {
    return {
      building: readBuilding(named[1]!),
      unit: named[2] ? readUnit(named[2]) : '',
      room: readRoom(named[3]!)
    };
  }
  const dashed = /^(\d+)[-/](?:(\d+)[-/])?(\d+)$/.exec(t);
  if (dashed) {
    return { building: readBuilding(dashed[1]!), unit: dashed[2] ? readUnit(dashed[2]) : '', room: readRoom(dashed[3]!) };
  }
  const numbered = /(\d+)(?:室|号|房)?$/.exec(t);
  return numbered ? { building: '', unit: '', room: readRoom(numbered[1]!) } : null;
}

/** A phone cell read: the digits to keep, or why none can be kept. */
export type PhoneReading = { ok: true; phone: string } | { ok: false; problem: 'lost-digits' | 'malformed' };

// A number a spreadsheet showed in scientific notation: 1.38001380000E+10.
const SCIENTIFIC = /^(\d)(?:\.(\d+))?e\+?(\d+)$/i;

/**
 * Reads a phone cell. Takes off `+86`/`0086`, spaces, dashes and brackets, the `.0` a numeric
 * column adds, and expands scientific notation when the mantissa still holds every digit
 * (`1.38E+10` does not: its last eight digits are gone, so it is refused, not padded with zeros).
 * Accepts mainland mobiles (1[3-9] + 9 digits), landlines with area code (0 + 9–11 digits) and
 * local landlines (7–8 digits, as a community office in one city writes them).
 * A cell with several numbers (`138…/139…`) gives the first.
 */
export function readPhone(text: string): PhoneReading {
  const first = text.split(/[/,;、，；]|\s{2,}|或/)[0]!.trim();
  let t = dropZeroFraction(first.replace(/[\s()\-–—]/g, ''));
  const sci = SCIENTIFIC.exec(t);
  if (sci) {
    const mantissa = sci[1]! + (sci[2] ?? '');
    const exponent = Number(sci[3]);
    if (mantissa.replace(/0+$/, '').length > exponent + 1 || exponent > 20) return { ok: false, problem: 'malformed' };
    if (mantissa.length < exponent + 1) return { ok: false, problem: 'lost-digits' };
    t = mantissa.slice(0, exponent + 1);
  }
  t = t.replace(/^(?:\+?0{0,2}86)(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(t) || /^0\d{9,11}$/.test(t) || /^[2-9]\d{6,7}$/.test(t)) return { ok: true, phone: t };
  return { ok: false, problem: 'malformed' };
}

/** An ID cell read: the masked form to keep, or why none can be kept. The full number is never returned. */
export type IdReading = { ok: true; masked: string } | { ok: false; problem: 'lost-digits' | 'checksum' | 'malformed' };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True when an 18-character resident ID number's last character matches its checksum (GB 11643). */
export function idChecksumOk(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

/**
 * Reads an ID number cell and masks it at once (first four and last four characters kept).
 * Resident ID numbers (18 characters) must pass their checksum: a spreadsheet that stored one as
 * a number kept only 15 digits and filled the rest with zeros, and the checksum catches that.
 * Old 15-digit numbers, passports and permits (6–20 letters and digits) are accepted as they
 * are, and so is a number that is already masked (`1101**********1234`, as our export writes it).
 */
export function readIdNumber(text: string, mask: (id: string) => string): IdReading {
  const t = dropZeroFraction(text.replace(/[\s-]/g, '')).toUpperCase();
  if (/^[0-9A-Z]{1,4}\*+[0-9A-Z]{1,4}$/.test(t)) return { ok: true, masked: t };
  if (SCIENTIFIC.test(t)) return { ok: false, problem: 'lost-digits' };
  if (/^\d{17}[\dX]$/.test(t)) return idChecksumOk(t) ? { ok: true, masked: mask(t) } : { ok: false, problem: 'checksum' };
  if (/^\d{15}$/.test(t) || /^[A-Z0-9]{6,20}$/.test(t)) return { ok: true, masked: mask(t) };
  return { ok: false, problem: 'malformed' };
}

const CJK = '\\p{Script=Han}';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'gu');

/**
 * Tidies a name: offices pad two-character names with spaces to line them up (`张  三`), and
 * minority names use several look-alikes of the middle dot (阿卜杜·热合曼). Spaces between Latin
 * words are kept.
 */
export function readName(text: string): string {
  if (!/[\s•・‧∙⋅]/.test(text)) return text;
  return text.replace(SPACE_BETWEEN_HAN, '').replace(/[•・‧∙⋅]/g, '·');
}
