/**
 * Base45 (RFC 9285): bytes as text in the 45 characters of a QR code's alphanumeric mode,
 * which packs 11 bits in two characters — about 20 % denser than base64 in byte mode, and
 * every character is one a keyboard-wedge scanner can type.
 *
 * Each pair of bytes [a, b] is n = a·256 + b, written as three characters c d e with
 * n = c + d·45 + e·45²; a last single byte is written as two characters c d. Decoding
 * refuses, with a reason: a character outside the alphabet, a triple worth more than 65535,
 * a pair worth more than 255, and a dangling single character. Never throws.
 *
 * The last character of an encoding is never a space (e ≤ 65535 / 2025 = 32, d ≤ 255 / 45 = 5,
 * and the space is 36), so trimming scanned text can never eat part of a code.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Each character's value by its char code (-1: not base45): a gate decodes one per scan. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export type Base45Decoded = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** The base45 text of some bytes. */
export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45) % 45]! + ALPHABET[Math.floor(n / 2025)]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** The bytes a base45 text stands for (from `start` on), or why it stands for none. */
export function decodeBase45(text: string, start = 0): Base45Decoded {
  const length = text.length - start;
  if (length % 3 === 1) return { ok: false, reason: `a dangling character at ${text.length - 1 - start}` };
  const bytes = new Uint8Array(Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0));
  let i = start;
  let o = 0;
  // Whole triples, unrolled: a gate decodes one pass per scan, ~70 triples.
  for (const end = text.length - 2; i < end; i += 3) {
    const c = valueAt(text, i);
    const d = valueAt(text, i + 1);
    const e = valueAt(text, i + 2);
    if ((c | d | e) < 0) return notBase45(text, i, start);
    const n = c + d * 45 + e * 2025;
    if (n > 0xffff) return { ok: false, reason: `a triple over 65535 at ${i - start}` };
    bytes[o++] = n >> 8;
    bytes[o++] = n & 0xff;
  }
  if (i < text.length) {
    const c = valueAt(text, i);
    const d = valueAt(text, i + 1);
    if ((c | d) < 0) return notBase45(text, i, start);
    const n = c + d * 45;
    if (n > 0xff) return { ok: false, reason: `a pair over 255 at ${i - start}` };
    bytes[o] = n;
  }
  return { ok: true, bytes };
}

/** The value of the character at `i`, or -1 if it is not base45. */
function valueAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? VALUE[code]! : -1;
}

function notBase45(text: string, i: number, start: number): Base45Decoded {
  while (valueAt(text, i) >= 0) i++;
  return { ok: false, reason: `not a base45 character at ${i - start}` };
}
