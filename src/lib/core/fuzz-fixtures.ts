/**
 * What the `*.fuzz.test.ts` suites share: how many runs a property gets, and the hostile
 * inputs every parser of outside input is fed (text a scanner or a peer could send, values
 * one field off the valid shape, bytes cut short or flipped).
 *
 * Runs: `FUZZ_RUNS` (default 2,000) for a cheap property; a costly one asks for a share of
 * it, so a soak (`FUZZ_RUNS=100000 npx vitest run -t '' $(git ls-files '*.fuzz.test.ts')`)
 * scales every suite at once and `npm test` keeps all of them under a minute together.
 */
import fc from 'fast-check';
import { concatBytes } from './bytes';
import { isDeviceId } from './entry-id';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

/** Runs of a property: `share` of FUZZ_RUNS (at least one). */
export function fuzzRuns(share = 1): number {
  const runs = Number(env.FUZZ_RUNS ?? 2000);
  return Math.max(1, Math.round((Number.isFinite(runs) ? runs : 2000) * share));
}

/** A timeout for a fuzz test that scales with its runs (a soak runs many more). */
export const FUZZ_TIMEOUT = Math.max(60_000, fuzzRuns() * 30);

/** Any device id a peer's entries or adverts may name (6–12 base36 characters, `constructor` excepted). */
export const deviceId = fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'), minLength: 6, maxLength: 12 }).filter(isDeviceId);

/** Characters that have broken parsers elsewhere: controls, invisibles, bidi, surrogates, look-alikes. */
export const HOSTILE_CHARS = [
  '\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', ' ',
  '\u200b', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\ufeff', '\ufffd',
  '\ud800', '\udbff', '\udc00', '\udfff', '😀', '𠮷', '\u{10ffff}', 'Ａ', '：', '．', '\u0301',
  '"', "'", '\\', '/', '%', '<', '>', '&', ':', '.', '=', '~', ',', ';', '|', '#', '+', '-', '_', '(', '[', '{', '0', '9', 'a', 'z', 'Z'
];

/** Any text, weighted towards the characters in HOSTILE_CHARS. */
export const hostileText = (maxLength = 80) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS), maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ maxLength })
  );

/** `text` with one hostile edit: cut, a character changed, inserted or removed, or hostile text around it. */
export const mutatedText = (text: string) =>
  fc.oneof(
    fc.nat(text.length).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat(Math.max(0, text.length - 1)), fc.constantFrom(...HOSTILE_CHARS)).map(([i, c]) => text.slice(0, i) + c + text.slice(i + 1)),
    fc.tuple(fc.nat(text.length), fc.constantFrom(...HOSTILE_CHARS)).map(([i, c]) => text.slice(0, i) + c + text.slice(i)),
    fc.nat(Math.max(0, text.length - 1)).map((i) => text.slice(0, i) + text.slice(i + 1)),
    fc.tuple(hostileText(8), hostileText(8)).map(([a, b]) => a + text + b)
  );

/** Values of the wrong type, or of the right type at its edges. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    undefined, null, true, false, 0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1e21, 10n ** 30n,
    '', '0', 'NaN', '__proto__', 'constructor', [], [[[]]], {}, new Uint8Array(3), new Date(NaN)
  ),
  hostileText(20),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.nat(400).map((depth) => nest(depth))
);

/** `[[[…]]]` `depth` deep: a parser that recurses on it should not blow the stack. */
export function nest(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/**
 * An object built key by key with plain assignment, as a decoder of the wire builds one
 * (lib0's `readAny`): a `__proto__` key then sets the object's prototype instead of a field.
 */
export function assignKeys(pairs: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) out[k] = v;
  return out;
}

/**
 * An object with exactly these own keys, `__proto__` included as a plain field: what a hostile
 * sender puts on the wire (JSON.parse makes the same), for the receiver's decoder to assign.
 */
export function ownKeys(pairs: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/**
 * `valid` (a plain record) one mutation away from valid: a field dropped, given a wrong
 * value, an extra field or prototype key added, or the whole value hidden behind `__proto__`.
 * Built as the receiver's decoder builds it (`assignKeys`), or as a sender writes it (`ownKeys`).
 */
export function mutatedRecord(valid: Record<string, unknown>, build = assignKeys): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const key = fc.oneof(...(keys.length ? [fc.constantFrom(...keys)] : []), fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 3 }));
  const op = fc.tuple(fc.constantFrom('drop', 'set', 'set', 'hide'), key, wrongValue);
  const edited = fc.array(op, { minLength: 1, maxLength: 3 }).map((ops) => {
    let pairs: [string, unknown][] = Object.entries(valid);
    for (const [what, k, v] of ops) {
      if (what === 'drop') pairs = pairs.filter(([kk]) => kk !== k);
      else if (what === 'hide') pairs = [['__proto__', build(pairs)]];
      else pairs = [...pairs.filter(([kk]) => kk !== k), [k, v]];
    }
    return build(pairs) as unknown;
  });
  return fc.oneof({ weight: 9, arbitrary: edited }, { weight: 1, arbitrary: wrongValue });
}

/** Bytes `bytes` with hostile edits: cut short, some bytes set, a run inserted or repeated. */
export const mutatedBytes = (bytes: Uint8Array): fc.Arbitrary<Uint8Array<ArrayBuffer>> =>
  fc.oneof(
    fc.nat(bytes.length).map((n) => bytes.slice(0, n)),
    fc.array(fc.tuple(fc.nat(Math.max(0, bytes.length - 1)), fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
      const out = bytes.slice();
      for (const [i, special, any] of edits) out[i] = i % 2 ? special : any;
      return out;
    }),
    fc.tuple(fc.nat(bytes.length), fc.uint8Array({ minLength: 1, maxLength: 12 })).map(([i, run]) => concatBytes(bytes.subarray(0, i), run, bytes.subarray(i))),
    fc.tuple(fc.nat(bytes.length), fc.nat(bytes.length)).map(([a, b]) => concatBytes(bytes, bytes.subarray(Math.min(a, b), Math.max(a, b))))
  );
