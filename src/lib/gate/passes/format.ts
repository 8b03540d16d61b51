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
 * it is refused instead of quietly accepted.
 */
import { concatBytes } from '$lib/core/bytes';
import { cleanCode } from '$lib/core/code';
import { decodeBase45, encodeBase45 } from './base45';
import { decodeCbor, untag } from './cbor';

export const PASS_PREFIX = 'BP1:';
/** Longest pass text we look at: real ones are under 240 characters. */
export const MAX_PASS_TEXT = 400;
const EDDSA = -8;
const COSE_SIGN1_TAG = 0xd2;
const SIGNATURE_LENGTH = 64;

/** A COSE_Sign1 taken apart. */
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
 * The COSE bytes of a pass text. Capped, then cleaned as every scan is (code.ts), then
 * upper-cased: base45 has no lower case, and a wedge scanner under Caps Lock types it inverted.
 */
export function readPassText(text: string): Read<Uint8Array> {
  if (!isPassText(text)) return { ok: false, detail: 'no BP1: prefix' };
  const clean = text.length > MAX_PASS_TEXT * 2 ? '' : cleanCode(text).toUpperCase();
  if (clean.length > MAX_PASS_TEXT || clean === '') return { ok: false, detail: 'too long' };
  const decoded = decodeBase45(clean.slice(PASS_PREFIX.length));
  return decoded.ok ? { ok: true, value: decoded.bytes } : { ok: false, detail: `base45: ${decoded.reason}` };
}

/** Takes COSE bytes apart, refusing anything but the one form `encodeSign1` writes. Never throws. */
export function parseSign1(bytes: Uint8Array): Read<Sign1> {
  const decoded = decodeCbor(bytes);
  if (!decoded.ok) return decoded;
  const tagged = bytes[0] === COSE_SIGN1_TAG;
  const outer = tagged ? untag(decoded.value, 18) : decoded.value;
  if (!Array.isArray(outer) || outer.length !== 4) return { ok: false, detail: 'not a COSE_Sign1 array' };
  const [protectedBytes, unprotected, payload, signature] = outer as unknown[];
  if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    return { ok: false, detail: 'COSE_Sign1 parts are not byte strings' };
  }
  if (!(unprotected instanceof Map) || unprotected.size !== 0) return { ok: false, detail: 'unprotected header not empty' };
  if (signature.length !== SIGNATURE_LENGTH) return { ok: false, detail: 'signature length' };
  const header = decodeCbor(protectedBytes);
  if (!header.ok) return header;
  const h = header.value;
  if (!(h instanceof Map) || h.size !== 2) return { ok: false, detail: 'protected header shape' };
  if (h.get(1) !== EDDSA) return { ok: false, detail: `algorithm ${String(h.get(1)).slice(0, 12)}` };
  const kid = h.get(4);
  if (!(kid instanceof Uint8Array) || kid.length < 1 || kid.length > 16) return { ok: false, detail: 'kid' };
  const sign1 = { kid: Uint8Array.from(kid), payload: Uint8Array.from(payload), signature: Uint8Array.from(signature) };
  const canonical = encodeSign1(sign1);
  if (!sameBytes(tagged ? canonical : canonical.subarray(1), bytes)) return { ok: false, detail: 'not the canonical encoding' };
  return { ok: true, value: sign1 };
}

/** The bytes the signature covers (RFC 9052 §4.4, no external data). */
export function sigStructure(kid: Uint8Array, payload: Uint8Array): Uint8Array {
  return concatBytes([0x84, 0x6a], new TextEncoder().encode('Signature1'), bstr(protectedHeader(kid)), [0x40], bstr(payload));
}

function encodeSign1({ kid, payload, signature }: Sign1): Uint8Array {
  return concatBytes([COSE_SIGN1_TAG, 0x84], bstr(protectedHeader(kid)), [0xa0], bstr(payload), bstr(signature));
}

function protectedHeader(kid: Uint8Array): Uint8Array {
  return concatBytes([0xa2, 0x01, 0x20 | (-1 - EDDSA), 0x04], bstr(kid));
}

/** A CBOR byte string: its head (major type 2, shortest length form) and its bytes. */
function bstr(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const head = n < 24 ? [0x40 | n] : n < 256 ? [0x58, n] : [0x59, n >> 8, n & 0xff];
  return concatBytes(head, bytes);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
