import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { FUZZ_TIMEOUT, fuzzRuns, mutatedBytes } from '$lib/core/fuzz-fixtures';
import { MAX_ADVERT, MSG, decodeMessage, decodeStateVector, encodeMessage, type Message } from './wire';
import { MAX_MESSAGE } from './validate';

const utf8 = (s: string) => new TextEncoder().encode(s).length;
/** Well-formed text of at most `max` UTF-8 bytes (a lone surrogate cannot travel as UTF-8). */
const name = (max: number) => fc.string({ unit: 'grapheme', maxLength: max }).filter((s) => utf8(s) <= max);
const count = fc.oneof(fc.nat(1000), fc.maxSafeNat());
const bytes = fc.uint8Array({ maxLength: 300 });

/** Any message a tablet sends. */
const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ type: fc.constant(MSG.HELLO), doc: fc.constant('' as const), device: name(64), docs: count }),
  fc.record({ type: fc.constant(MSG.STATE), doc: name(64), stateVector: bytes }),
  fc.record({ type: fc.constant(MSG.CHUNK), doc: name(64), total: count, items: count, update: bytes }),
  fc.record({ type: fc.constant(MSG.DONE), doc: name(64) }),
  fc.record({ type: fc.constant(MSG.UPDATE), doc: name(64), update: bytes }),
  fc.record({ type: fc.constant(MSG.ADVERT), doc: fc.constant('' as const), advert: name(300) })
);

function expectMessage(m: Message | null): void {
  if (!m) return;
  expect(Object.values(MSG)).toContain(m.type);
  expect(utf8(m.doc)).toBeLessThanOrEqual(64);
  for (const n of [m.type === MSG.HELLO && m.docs, m.type === MSG.CHUNK && m.total, m.type === MSG.CHUNK && m.items]) {
    if (n !== false) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
  }
  if (m.type === MSG.ADVERT) expect(utf8(m.advert)).toBeLessThanOrEqual(MAX_ADVERT);
  // Whatever it read, written again, reads the same.
  expect(decodeMessage(encodeMessage(m))).toEqual(m);
}

describe('wire messages under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('read back every message a tablet writes', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeMessage(encodeMessage(m))).toEqual(m);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throw on any bytes, or on a message cut, flipped or spliced, and read only well-formed messages', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => expectMessage(decodeMessage(b))), { numRuns: fuzzRuns() });
    fc.assert(fc.property(message.chain((m) => mutatedBytes(encodeMessage(m))), (b) => expectMessage(decodeMessage(b))), { numRuns: fuzzRuns() });
  });

  it('refuse by length before reading: a message at the cap is read, one byte over it is not', () => {
    const frame = encodeMessage({ type: MSG.UPDATE, doc: 'day:2026-11-22', update: new Uint8Array(0) }).length;
    const room = MAX_MESSAGE - frame - 2; // two bytes of length prefix for an update this size
    const atCap = encodeMessage({ type: MSG.UPDATE, doc: 'day:2026-11-22', update: new Uint8Array(room) });
    expect(atCap.length).toBe(MAX_MESSAGE);
    expect(decodeMessage(atCap)?.type).toBe(MSG.UPDATE);
    const over = encodeMessage({ type: MSG.UPDATE, doc: 'day:2026-11-22', update: new Uint8Array(room + 1) });
    expect(decodeMessage(over)).toBeNull();
    expect(decodeMessage(over, over.length)?.type).toBe(MSG.UPDATE);
  });

  it('regression: refuse a count or length past 2^53, where numbers stop being exact', () => {
    const hello = (docs: number[]) => new Uint8Array([MSG.HELLO, 0, 1, 0x61, ...docs]);
    expect(decodeMessage(hello([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toMatchObject({ docs: Number.MAX_SAFE_INTEGER });
    expect(decodeMessage(hello([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x10]))).toBeNull();
    expect(decodeMessage(hello([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBeNull();
    expect(decodeStateVector(new Uint8Array([1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBeNull();
  });
});

describe('state vectors under fuzzing', () => {
  it('read back what Yjs writes, and never throw on anything else', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 20 })), { maxLength: 8 }), (writes) => {
        const doc = new Y.Doc();
        for (const [client, n] of writes) {
          doc.clientID = client;
          for (let i = 0; i < n; i++) doc.getMap('m').set(String(i), i);
        }
        const sv = Y.encodeStateVector(doc);
        expect(decodeStateVector(sv)).toEqual(Y.decodeStateVector(sv));
      }),
      { numRuns: fuzzRuns(0.1) }
    );
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), mutatedBytes(new Uint8Array([2, 1, 5, 0xa1, 0x01, 0x80, 0x01]))), (b) => {
        const sv = decodeStateVector(b);
        if (sv) for (const [client, clock] of sv) expect(Number.isSafeInteger(client) && Number.isSafeInteger(clock)).toBe(true);
      }),
      { numRuns: fuzzRuns() }
    );
  });
});
