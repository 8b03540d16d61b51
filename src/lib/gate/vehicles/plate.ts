/**
 * Chinese motor-vehicle plates (机动车号牌), as a road checkpoint reads them off a car.
 *
 * The rules checked (GA 36-2018 and the number rules of the traffic police):
 * - a plate is the province's abbreviation (one of the 31 characters below), the letter of
 *   the issuing office (发牌机关代号), then the serial (序号);
 * - the letters I and O are never used (they read as 1 and 0);
 * - ordinary plates (blue, yellow): 7 characters, the serial 5 letters or digits;
 * - new-energy plates (新能源): 8 characters, a serial of 6:
 *   - small (小型, green): the serial's first character (the plate's 3rd) is a letter for the
 *     power type — D for pure electric, F for the rest at first; as numbers ran out the
 *     police opened A, B, C, E (pure electric) and G, H, J, K (not pure) — its second a
 *     letter or a digit, its last four digits: 粤BD12345, 京AFA1234;
 *   - large (大型, yellow-green): five digits, then D or F (the plate's 8th): 粤B12345D.
 * Not covered: plates with a character suffix (学 coach, 警 police, 挂 trailer, 港/澳,
 * 使/领), military and armed-police plates; a checkpoint writes those in the note of the
 * passage if it ever needs to.
 *
 * `checkPlate` never throws: it answers the plate (its kind) or the first thing wrong with
 * it, which the screen says in words.
 */

/** The province abbreviations, in the order the keypad shows them. */
export const PROVINCES = Array.from('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');
/** Letters a plate uses: A–Z without I and O. */
export const PLATE_LETTERS = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ');
export const PLATE_DIGITS = Array.from('0123456789');
/** What a small new-energy plate's serial may begin with (pure electric, then not pure). */
export const SMALL_NEW_ENERGY = Array.from('DABCEFGHJK');
/** What a large new-energy plate's serial may end with. */
export const LARGE_NEW_ENERGY = ['D', 'F'];

export const ORDINARY_LENGTH = 7;
export const NEW_ENERGY_LENGTH = 8;

export type PlateKind = 'ordinary' | 'new-energy-small' | 'new-energy-large';

/** The first thing wrong with a plate; `position` counts from 1, as the screen says it. */
export type PlateProblem =
  | { kind: 'empty' }
  | { kind: 'province'; char: string }
  | { kind: 'office'; char: string }
  | { kind: 'i-or-o'; position: number; char: string }
  | { kind: 'not-allowed'; position: number; char: string }
  | { kind: 'short'; length: number }
  | { kind: 'long'; length: number }
  | { kind: 'small-third'; char: string }
  | { kind: 'small-digits'; position: number; char: string }
  | { kind: 'large-digits'; position: number; char: string }
  | { kind: 'large-last'; char: string };

export type PlateCheck = { ok: true; plate: string; kind: PlateKind } | { ok: false; problem: PlateProblem };

const provinces = new Set(PROVINCES);
const letters = new Set(PLATE_LETTERS);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => letters.has(c);

/** A plate as typed or scanned, in the form it is stored: NFKC, upper case, no spaces or dots (粤B·D12345). */
export function normalizePlate(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s·•.\-_]+/g, '');
}

/** Checks a (normalised) plate. */
export function checkPlate(plate: string): PlateCheck {
  const chars = Array.from(plate);
  const fail = (problem: PlateProblem): PlateCheck => ({ ok: false, problem });
  if (chars.length === 0) return fail({ kind: 'empty' });
  if (!provinces.has(chars[0]!)) return fail({ kind: 'province', char: chars[0]! });
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === 'I' || c === 'O') return fail({ kind: 'i-or-o', position: i + 1, char: c });
    if (i === 1 && !isLetter(c)) return fail({ kind: 'office', char: c });
    if (!isLetter(c) && !isDigit(c)) return fail({ kind: 'not-allowed', position: i + 1, char: c });
  }
  if (chars.length < ORDINARY_LENGTH) return fail({ kind: 'short', length: chars.length });
  if (chars.length > NEW_ENERGY_LENGTH) return fail({ kind: 'long', length: chars.length });
  if (chars.length === ORDINARY_LENGTH) return { ok: true, plate, kind: 'ordinary' };
  return checkNewEnergy(plate, chars);
}

function checkNewEnergy(plate: string, chars: string[]): PlateCheck {
  const serial = chars.slice(2);
  const fail = (problem: PlateProblem): PlateCheck => ({ ok: false, problem });
  if (isLetter(serial[0]!)) {
    if (!SMALL_NEW_ENERGY.includes(serial[0]!)) return fail({ kind: 'small-third', char: serial[0]! });
    for (let i = 2; i < 6; i++) if (!isDigit(serial[i]!)) return fail({ kind: 'small-digits', position: i + 3, char: serial[i]! });
    return { ok: true, plate, kind: 'new-energy-small' };
  }
  for (let i = 0; i < 5; i++) if (!isDigit(serial[i]!)) return fail({ kind: 'large-digits', position: i + 3, char: serial[i]! });
  if (!LARGE_NEW_ENERGY.includes(serial[5]!)) return fail({ kind: 'large-last', char: serial[5]! });
  return { ok: true, plate, kind: 'new-energy-large' };
}

/** Which keys the keypad offers for the next character of `typed`: provinces first, then the office letter, then letters and digits. */
export function nextKeys(typed: string): 'provinces' | 'letters' | 'serial' | 'full' {
  const n = Array.from(typed).length;
  return n === 0 ? 'provinces' : n === 1 ? 'letters' : n < NEW_ENERGY_LENGTH ? 'serial' : 'full';
}
