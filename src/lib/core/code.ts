/**
 * Parsing of scanned codes. Everything a camera, a keyboard-wedge scanner or a keyboard
 * hands us is hostile until proven otherwise: it is length-capped, stripped of control and
 * invisible characters and of the prefixes scanners add (AIM symbology identifiers like
 * `]Q1`, ECI escapes like `\000026`), folded to half-width (a scanner typing through a
 * Chinese IME produces full-width letters), and only then classified.
 */

/** Longest code we look at; longer input is refused before any other work. */
export const MAX_CODE_LENGTH = 512;

/** Prefix of the personal codes Bastion prints for residents: `BST:<site>:<person>`. */
export const PERSON_CODE_PREFIX = 'BST';

export type ParsedCode =
  | { kind: 'person'; text: string; siteId: string; personId: string }
  | { kind: 'unknown'; text: string }
  | { kind: 'too-long'; text: string }
  | { kind: 'empty'; text: '' };

// C0/C1 controls, DEL, zero-width characters, bidi overrides and the BOM: never meaningful
// in a code, and bidi overrides can make a code display as something else.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
const ECI_ESCAPE = /\\\d{6}/g;
const ID = /^[0-9a-z]{4,16}$/;

/** Cleans raw scanner text into the text we store and show (never as HTML). */
export function cleanCode(raw: string): string {
  const capped = raw.length > MAX_CODE_LENGTH * 2 ? raw.slice(0, MAX_CODE_LENGTH * 2) : raw;
  return capped.normalize('NFKC').replace(INVISIBLE, '').replace(AIM_PREFIX, '').replace(ECI_ESCAPE, '').trim();
}

/** Classifies a scanned text. Never throws. */
export function parseCode(raw: string): ParsedCode {
  // By its length first: however blank it looks, a burst that long is noise or an attack,
  // and the person at the scanner should see it refused rather than nothing at all.
  if (raw.length > MAX_CODE_LENGTH) return { kind: 'too-long', text: cleanCode(raw.slice(0, 128)).slice(0, 64) };
  const text = cleanCode(raw);
  if (text.length === 0) return { kind: 'empty', text: '' };
  // NFKC can lengthen a text (one ligature becomes up to 18 characters).
  if (text.length > MAX_CODE_LENGTH) return { kind: 'too-long', text: text.slice(0, 64) };
  const parts = text.split(':');
  if (parts.length === 3 && parts[0]!.toUpperCase() === PERSON_CODE_PREFIX) {
    const siteId = parts[1]!.toLowerCase();
    const personId = parts[2]!.toLowerCase();
    if (ID.test(siteId) && ID.test(personId)) return { kind: 'person', text, siteId, personId };
  }
  return { kind: 'unknown', text };
}

/**
 * The text printed into a resident's QR code or barcode. Upper case, so a QR code can use
 * its compact alphanumeric mode and a Code128 label stays short.
 */
export function formatPersonCode(siteId: string, personId: string): string {
  return `${PERSON_CODE_PREFIX}:${siteId}:${personId}`.toUpperCase();
}
