/**
 * The one CBOR codec of passes: cbor-x, configured for bytes a stranger wrote.
 *
 * - The `index-no-eval` build: cbor-x's default build compiles a reader with `new Function`
 *   for record structures, which hostile bytes can define (tags 105, 0xdfff); the no-eval
 *   build never generates code, so it runs under a CSP without 'unsafe-eval' and gives
 *   hostile input nothing to compile. It is also the same JavaScript in Node and in the
 *   browser (the default Node entry may load a native addon).
 * - Maps decode as `Map`, not objects (`mapsAsObjects: false`), so an empty map and an empty
 *   array stay different and integer keys stay integers; records are off.
 * - Callers cap the input first (a pass is under 270 bytes); cbor-x 1.6.9 also refuses an
 *   array or map header longer than the bytes left, so a few bytes cannot allocate much.
 *
 * cbor-x throws on malformed input; `decodeCbor` contains that as a value on purpose (the
 * message is kept as the refusal's detail).
 */
import { Decoder, Encoder, Tag } from 'cbor-x/index-no-eval';

const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false });

export type CborDecoded = { ok: true; value: unknown } | { ok: false; detail: string };

/** Decodes one CBOR item that must fill `bytes` exactly. Never throws. */
export function decodeCbor(bytes: Uint8Array): CborDecoded {
  try {
    return { ok: true, value: decoder.decode(bytes) };
  } catch (error) {
    return { ok: false, detail: `cbor: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}` };
  }
}

/** Encodes a value we built (claims): plain arrays, integers, strings and null. */
export function encodeCbor(value: unknown): Uint8Array {
  // cbor-x may hand back a view of its reusable buffer: copy it out.
  return Uint8Array.from(encoder.encode(value));
}

/** The value inside tag `tag`, or undefined when `value` is not so tagged. */
export function untag(value: unknown, tag: number): unknown {
  return value instanceof Tag && value.tag === tag ? value.value : undefined;
}
