/**
 * Hostile input against `judgePass`: flipped bits, edited characters, arbitrary strings and
 * bytes. Nothing but the passes the site signed is ever valid, and nothing throws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase45, encodeBase45 } from './base45';
import { cleanCode } from '$lib/core/code';
import { encodeCbor } from './cbor';
import { judgePass, PASS_REFUSALS, type PassVerdict } from './judge';
import { claimsArb, gateContext, makeSiteKey, T0, type SiteKey } from './pass-fixtures';
import { signPass } from './sign';

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const coseOf = (text: string) => {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  return d.bytes;
};
const passOf = (bytes: Uint8Array) => 'BP1:' + encodeBase45(bytes);

function expectRefused(verdict: PassVerdict, input: string) {
  if (verdict.kind !== 'refused') expect.fail(`admitted: ${input}`);
  expect(PASS_REFUSALS).toContain(verdict.reason);
  expect(typeof verdict.detail).toBe('string');
}

/** Passes of random claims, all valid at the gate that judges them at T0. */
async function somePasses(key: SiteKey, count: number, seed: number) {
  const claims = fc.sample(claimsArb, { numRuns: count, seed }).map((c) => ({ ...c, siteId: 'demo0001', validFrom: T0, validUntil: null }));
  return Promise.all(claims.map((c) => signPass(c, key.signing)));
}

describe('judgePass under hostile input', () => {
  it('refuses every one of 10,000 single-bit flips of valid passes', async () => {
    const key = await makeSiteKey({ from: 0 });
    const ctx = gateContext([key.trusted], { at: T0 });
    const tally = new Map<string, number>();
    const started = performance.now();
    let flips = 0;
    // Every bit of each pass, until 10,000: each pass's every bit, not a sample of them.
    for (const pass of await somePasses(key, 12, 7)) {
      expect(await judgePass(pass, ctx)).toMatchObject({ kind: 'valid' });
      const cose = coseOf(pass);
      for (let bit = 0; bit < cose.length * 8 && flips < 10_000; bit++, flips++) {
        const bytes = cose.slice();
        bytes[bit >> 3]! ^= 1 << (bit & 7);
        const text = passOf(bytes);
        const verdict = await judgePass(text, ctx);
        expectRefused(verdict, text);
        if (verdict.kind === 'refused') tally.set(verdict.reason, (tally.get(verdict.reason) ?? 0) + 1);
      }
    }
    expect(flips).toBe(10_000);
    console.log(`${flips} bit flips in ${Math.round(performance.now() - started)} ms:`, Object.fromEntries(tally));
  }, 60_000); // ~4 s on an idle core; a bound, not a timing

  it('refuses any character edit of a pass that changes what it says', async () => {
    const key = await makeSiteKey({ from: 0 });
    const ctx = gateContext([key.trusted], { at: T0 });
    const passes = await somePasses(key, 20, 11);
    const normal = (t: string) => cleanCode(t).toUpperCase();
    const edit = fc.record({
      pass: fc.constantFrom(...passes),
      op: fc.constantFrom('replace', 'insert', 'delete'),
      at: fc.nat(),
      ch: fc.constantFrom(...BASE45, ...'abcxyz=_#\u3000\u00e9\n')
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ pass, op, at, ch }) => {
        const i = at % pass.length;
        const text = pass.slice(0, i) + (op === 'delete' ? '' : ch) + pass.slice(op === 'insert' ? i : i + 1);
        const verdict = await judgePass(text, ctx);
        // Case, invisible characters and spaces at the ends are a scanner's, not the pass's.
        if (normal(text) === normal(pass)) expect(verdict).toMatchObject({ kind: 'valid' });
        else expectRefused(verdict, text);
      }),
      { numRuns: 3000, seed: 5 }
    );
  }, 30_000);

  it('answers arbitrary text with a reason, never an exception', async () => {
    const ctx = gateContext([(await makeSiteKey()).trusted]);
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...BASE45, ...'bp1'), maxLength: 300 }).map((s) => 'BP1:' + s),
      fc.string({ maxLength: 2000 }).map((s) => 'bp1:' + s)
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => expectRefused(await judgePass(text, ctx), text)),
      { numRuns: 3000, seed: 3 }
    );
  }, 30_000);

  it('answers arbitrary bytes and CBOR behind the prefix with a reason', async () => {
    const ctx = gateContext([(await makeSiteKey()).trusted]);
    const cbor = fc.anything({ maxDepth: 3, withMap: true, withSet: true, withTypedArray: true, withBigInt: true, withNullPrototype: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 260 }),
      cbor.map((v) => encodeCbor(v)),
      fc.array(fc.oneof(fc.constant(new Uint8Array(64)), fc.uint8Array({ maxLength: 70 }), cbor), { maxLength: 5 }).map((a) => encodeCbor(a))
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => expectRefused(await judgePass(passOf(b), ctx), Buffer.from(b).toString('hex'))),
      { numRuns: 3000, seed: 9 }
    );
  }, 30_000);

  it('refuses CBOR made to build large or strange structures, quickly', async () => {
    const ctx = gateContext([(await makeSiteKey()).trusted]);
    const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
    const hostile = [
      '9bffffffffffffffff', // an array of 2^64 - 1 items
      '9a7fffffff' + '00'.repeat(200), // an array of 2^31 items, with 200 bytes left
      'bb00000000ffffffff', // a map of 2^32 - 1 entries
      '5affffffff00', // a byte string of 4 GB
      '9f'.repeat(250), // deep indefinite arrays
      '81'.repeat(250) + '00', // 250 nested arrays
      'd81c81d81d00', // value sharing: an array holding itself
      '9a00100000' + '00'.repeat(200), // an array of 2^20 items, with 200 bytes left
      // A record defined (tag 0xdfff) and used four times: cbor-x's default build compiles a
      // reader for it with new Function; the no-eval build only reads it.
      '85d9dfff8319e00081616101' + 'd9e0008102'.repeat(4),
      'd86982006161' + 'd86982006161'.repeat(30), // legacy records (tag 105), malformed
      'd8338401020304', // packed table
      'c2' + '5f'.repeat(3), // a bigint of a malformed indefinite string
      'd2' + '84' + '43a10127' + 'a0' + '40' + '5840' + '00'.repeat(64) // alg ES256-ish header, empty payload
    ].map(hex);
    const started = performance.now();
    for (const b of hostile) expectRefused(await judgePass(passOf(b), ctx), Buffer.from(b).toString('hex'));
    console.log(`${hostile.length} hostile CBOR inputs refused in ${Math.round(performance.now() - started)} ms`);
  });
});
