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
const VALUE = new Map([...ALPHABET].map((ch, i) => [ch, i]));

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

/** The bytes a base45 text stands for, or why it stands for none. */
export function decodeBase45(text: string): Base45Decoded {
  if (text.length % 3 === 1) return { ok: false, reason: `a dangling character at ${text.length - 1}` };
  const bytes = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  for (let i = 0, o = 0; i < text.length; i += 3) {
    let n = 0;
    const width = Math.min(3, text.length - i);
    for (let k = 0, weight = 1; k < width; k++, weight *= 45) {
      const v = VALUE.get(text[i + k]!);
      if (v === undefined) return { ok: false, reason: `not a base45 character at ${i + k}` };
      n += v * weight;
    }
    if (width === 3) {
      if (n > 0xffff) return { ok: false, reason: `a triple over 65535 at ${i}` };
      bytes[o++] = n >> 8;
      bytes[o++] = n & 0xff;
    } else {
      if (n > 0xff) return { ok: false, reason: `a pair over 255 at ${i}` };
      bytes[o++] = n;
    }
  }
  return { ok: true, bytes };
}
