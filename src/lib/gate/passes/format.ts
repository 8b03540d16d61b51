/**
 * The pass format (出入证), modelled on the EU Digital COVID Certificate: `BP1:` + base45 of
 * a COSE_Sign1 (RFC 9052) whose payload is the CBOR array of claims (claims.ts).
 *
 *   B P 1 :                   prefix: routes the scan, versions the envelope (a BP2 can differ)
 *   base45( d2                tag 18 COSE_Sign1 (written; optional when read)
 *           84                array(4)
 *             49              bstr(9): protected header, signed
 *               a2 01 27      {1 (alg): -8 (EdDSA),
 *               04 44 <kid>    4 (kid): bstr(4)}  first 4 bytes of SHA-256(raw public key)
 *             a0              {}: unprotected header, empty
 *             58 30 <claims>  bstr(~48, claims.ts): payload
 *             58 40 <sig> )   bstr(64): Ed25519 over Sig_structure
 *   Sig_structure = ["Signature1", protected, h'', payload]
 *                 = 84 6a "Signature1" 49 <protected> 40 <bstr payload>
 *
 * Why: base45 keeps the QR code in alphanumeric mode and is text a keyboard-wedge scanner
 * can type; COSE_Sign1 with a kid is what the DCC verifiers do offline, with a trust list of
 * keys to rotate; a 4-byte kid only selects the key (the signature decides), and 4 bytes is
 * plenty among a site's few keys; EdDSA (Ed25519) gives 64-byte signatures and is in
 * WebCrypto. No zlib (the DCC deflates its long JSON-like claims; ours are ~50 bytes and
 * the signature does not compress). A typical pass (site and person ids of 8 characters, a
 * pass id of 10) is 129 bytes, 198 characters: a QR code of version 8 at error correction M;
 * with every id at its longest (16), 151 bytes, 231 characters, version 9.
 *
 * Reading is strict: the bytes must be exactly what `encodeSign1` writes for the parts read
 * (with or without the tag), so the unsigned framing has one form only, and any change to
 * it is refused instead of quietly accepted. Because it has one form, it is read by hand
 * (parseSign1 below) rather than by a CBOR decoder: a decoder builds values that would
 * then have to be checked and written again to prove the bytes were that form, which was
 * most of a scan's work before the signature.
 */
import { concatBytes } from '$lib/core/bytes';
import { cleanCode } from '$lib/core/code';
import { decodeBase45, encodeBase45 } from './base45';

export const PASS_PREFIX = 'BP1:';
/** Longest pass text we look at: real ones are under 240 characters. */
export const MAX_PASS_TEXT = 400;
const EDDSA = -8;
const COSE_SIGN1_TAG = 0xd2;
const SIGNATURE_LENGTH = 64;

/** A COSE_Sign1 taken apart (by `parseSign1`: views of the bytes it read). */
export interface Sign1 {
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

export type Read<T> = { ok: true; value: T } | { ok: false; detail: string };

/** True for scanned text that claims to be a pass (the scan intake routes it to `judgePass`). */
export function isPassText(text: string): boolean {
  // Only the head is looked at, cleaned as every scan is (an AIM prefix, invisible characters).
  return cleanCode(text.slice(0, 32)).slice(0, PASS_PREFIX.length).toUpperCase() === PASS_PREFIX;
}

/** The text of a pass. */
export function formatPassText(sign1: Sign1): string {
  return PASS_PREFIX + encodeBase45(encodeSign1(sign1));
}

/**
 * A pass text as it was printed, which cleaning would leave as it is: ASCII is its own NFKC
 * form, none of these characters is invisible, upper-cased or part of a scanner's prefix or
 * escape, and no base45 text ends in a space (base45.ts). Most scans are this: their cleaning
 * is skipped.
 */
const AS_PRINTED = /^BP1:[0-9A-Z $%*+\-./:]*[0-9A-Z$%*+\-./:]$/;

/**
 * The COSE bytes of a pass text. Capped, then cleaned as every scan is (code.ts), then
 * upper-cased: base45 has no lower case, and a wedge scanner under Caps Lock types it inverted.
 */
export function readPassText(text: string): Read<Uint8Array> {
  let clean = text;
  if (text.length > MAX_PASS_TEXT || !AS_PRINTED.test(text)) {
    if (!isPassText(text)) return { ok: false, detail: 'no BP1: prefix' };
    clean = text.length > MAX_PASS_TEXT * 2 ? '' : cleanCode(text).toUpperCase();
    if (clean.length > MAX_PASS_TEXT || clean === '') return { ok: false, detail: 'too long' };
  }
  const decoded = decodeBase45(clean, PASS_PREFIX.length);
  return decoded.ok ? { ok: true, value: decoded.bytes } : { ok: false, detail: `base45: ${decoded.reason}` };
}

/**
 * Takes COSE bytes apart, refusing anything but the one form `encodeSign1` writes:
 *
 *   [d2] 84 <bstr protected = a2 01 27 04 <bstr kid, 1–16 bytes>> a0 <bstr payload> 58 40 <sig>
 *
 * every length in its shortest form, nothing after the signature. The parts are views of
 * `bytes` (no copies: judging a pass reads them once). Never throws.
 */
export function parseSign1(bytes: Uint8Array): Read<Sign1> {
  let at = bytes[0] === COSE_SIGN1_TAG ? 1 : 0;
  if (at >= bytes.length) return refuse('truncated');
  if (bytes[at] !== 0x84) return refuse('not a COSE_Sign1 array');
  const protectedPart = bstrAt(bytes, at + 1, bytes.length);
  if (typeof protectedPart === 'string') return refuse(OUTER[protectedPart]);
  at = protectedPart.end;
  if (at >= bytes.length) return refuse('truncated');
  if (bytes[at] !== 0xa0) return refuse('unprotected header not empty');
  const payload = bstrAt(bytes, at + 1, bytes.length);
  if (typeof payload === 'string') return refuse(OUTER[payload]);
  const signature = bstrAt(bytes, payload.end, bytes.length);
  if (typeof signature === 'string') return refuse(OUTER[signature]);
  if (signature.end - signature.start !== SIGNATURE_LENGTH) return refuse('signature length');
  const after = bytes.length - signature.end;
  if (after !== 0) return refuse(`${after} byte${after === 1 ? '' : 's'} after the signature`);
  const kid = kidAt(bytes, protectedPart);
  if (typeof kid === 'string') return refuse(kid);
  const view = (span: Span) => bytes.subarray(span.start, span.end);
  return { ok: true, value: { kid: view(kid), payload: view(payload), signature: view(signature) } };
}

/** The bytes the signature covers (RFC 9052 §4.4, no external data), in one allocation. */
export function sigStructure(kid: Uint8Array, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const protectedLength = PROTECTED_HEAD.length + bstrHeadLength(kid.length) + kid.length;
  const out = new Uint8Array(SIG_PREFIX.length + bstrHeadLength(protectedLength) + protectedLength + 1 + bstrHeadLength(payload.length) + payload.length);
  out.set(SIG_PREFIX);
  let at = writeBstrHead(out, SIG_PREFIX.length, protectedLength);
  out.set(PROTECTED_HEAD, at);
  at = writeBstrHead(out, at + PROTECTED_HEAD.length, kid.length);
  out.set(kid, at);
  at += kid.length;
  out[at++] = 0x40; // external_aad: h''
  out.set(payload, writeBstrHead(out, at, payload.length));
  return out;
}

/** The protected header up to its kid: {1 (alg): -8 (EdDSA), 4 (kid): …}. */
const PROTECTED_HEAD = Uint8Array.of(0xa2, 0x01, 0x20 | (-1 - EDDSA), 0x04);
const CONTEXT = 'Signature1';
/** [CONTEXT, …: the Sig_structure's head (84 6a "Signature1"), the same for every pass. */
const SIG_PREFIX = Uint8Array.from([0x84, 0x60 | CONTEXT.length, ...Array.from(CONTEXT, (c) => c.charCodeAt(0))]);

function encodeSign1({ kid, payload, signature }: Sign1): Uint8Array {
  return concatBytes([COSE_SIGN1_TAG, 0x84], bstr(concatBytes(PROTECTED_HEAD, bstr(kid))), [0xa0], bstr(payload), bstr(signature));
}

/** A CBOR byte string: its head (major type 2, shortest length form) and its bytes. */
function bstr(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bstrHeadLength(bytes.length) + bytes.length);
  out.set(bytes, writeBstrHead(out, 0, bytes.length));
  return out;
}

/** The size of a byte string's head in its shortest form; no part of a pass reaches 64 KiB. */
function bstrHeadLength(n: number): number {
  if (n > 0xffff) throw new RangeError(`a byte string of ${n} bytes in a pass`);
  return n < 24 ? 1 : n < 256 ? 2 : 3;
}

/** Writes a byte string's head for `n` bytes at `at`; returns where its bytes go. */
function writeBstrHead(out: Uint8Array, at: number, n: number): number {
  if (n < 24) {
    out[at] = 0x40 | n;
    return at + 1;
  }
  if (n < 256) {
    out[at] = 0x58;
    out[at + 1] = n;
    return at + 2;
  }
  out[at] = 0x59;
  out[at + 1] = n >> 8;
  out[at + 2] = n & 0xff;
  return at + 3;
}

/** Where a byte string's bytes lie in what is read. */
interface Span {
  start: number;
  end: number;
}
type BstrProblem = 'truncated' | 'not a byte string' | 'not canonical' | 'not well-formed';

const refuse = (detail: string): Read<never> => ({ ok: false, detail });
const OUTER: Record<BstrProblem, string> = {
  truncated: 'truncated',
  'not a byte string': 'COSE_Sign1 parts are not byte strings',
  'not canonical': 'not the canonical encoding',
  'not well-formed': 'not well-formed CBOR'
};

/**
 * The byte string whose head is at `at`, ending by `limit`. Its length must be in the
 * shortest form `bstr` writes: a 1-byte length under 24, a 2-byte one under 256, a 4- or
 * 8-byte one (nothing of a pass is 64 KiB) or an indefinite length are other forms.
 */
function bstrAt(bytes: Uint8Array, at: number, limit: number): Span | BstrProblem {
  if (at >= limit) return 'truncated';
  const head = bytes[at]!;
  if (head >> 5 !== 2) return 'not a byte string';
  const info = head & 0x1f;
  let n = info;
  let start = at + 1;
  if (info === 24) {
    if (start + 1 > limit) return 'truncated';
    n = bytes[start++]!;
    if (n < 24) return 'not canonical';
  } else if (info === 25) {
    if (start + 2 > limit) return 'truncated';
    n = (bytes[start]! << 8) | bytes[start + 1]!;
    start += 2;
    if (n < 256) return 'not canonical';
  } else if (info === 26 || info === 27 || info === 31) {
    return 'not canonical';
  } else if (info > 24) {
    return 'not well-formed'; // 28–30 are reserved
  }
  return start + n > limit ? 'truncated' : { start, end: start + n };
}

/** The kid of a protected header that must be exactly a2 01 27 04 <bstr kid>, or why not. */
function kidAt(bytes: Uint8Array, { start, end }: Span): Span | string {
  if (end - start < PROTECTED_HEAD.length || bytes[start] !== 0xa2 || bytes[start + 1] !== 0x01 || bytes[start + 3] !== 0x04) return 'protected header shape';
  const alg = bytes[start + 2]!;
  if (alg !== PROTECTED_HEAD[2]) return `algorithm ${alg < 24 ? alg : alg >= 0x20 && alg < 0x38 ? 0x1f - alg : `0x${alg.toString(16)}`}`;
  const kid = bstrAt(bytes, start + PROTECTED_HEAD.length, end);
  if (kid === 'not canonical') return OUTER[kid];
  if (kid === 'truncated') return 'protected header shape';
  if (typeof kid === 'string' || kid.end - kid.start < 1 || kid.end - kid.start > 16) return 'kid';
  return kid.end === end ? kid : 'protected header shape';
}
