/**
 * The hand reader of the COSE_Sign1 framing (format.ts `parseSign1`): its one form is read,
 * every other form refused with a reason, and what it builds to verify (the Sig_structure)
 * is what a CBOR encoder writes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase45, encodeBase45 } from './base45';
import { encodeCbor } from './cbor';
import { encodeClaims } from './claims';
import { formatPassText, parseSign1, sigStructure } from './format';
import { judgePass } from './judge';
import { gateContext, makeClaims, makeSiteKey, signed } from './pass-fixtures';

const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const head = (n: number) => (n < 24 ? (0x40 | n).toString(16) : `58${n.toString(16).padStart(2, '0')}`);
const coseOf = (text: string) => {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  return d.bytes;
};

const KID = '01020304';
const PAYLOAD = hexOf(encodeClaims(makeClaims()));
const SIG = 'ab'.repeat(64);

/** The framing as hex, each part replaceable; heads follow their part's length unless given. */
function frame(parts: Partial<Record<'tag' | 'array' | 'protectedHead' | 'header' | 'unprotected' | 'payloadHead' | 'payload' | 'sigHead' | 'sig' | 'trailing', string>> = {}) {
  const header = parts.header ?? `a2012704${head(KID.length / 2)}${KID}`;
  const payload = parts.payload ?? PAYLOAD;
  return bytesOf(
    (parts.tag ?? 'd2') +
      (parts.array ?? '84') +
      (parts.protectedHead ?? head(header.length / 2)) +
      header +
      (parts.unprotected ?? 'a0') +
      (parts.payloadHead ?? head(payload.length / 2)) +
      payload +
      (parts.sigHead ?? '5840') +
      (parts.sig ?? SIG) +
      (parts.trailing ?? '')
  );
}

describe('parseSign1, the hand reader of the one framing', () => {
  it('reads the framing, tagged or not, into views of the bytes read', () => {
    for (const bytes of [frame(), frame({ tag: '' })]) {
      const read = parseSign1(bytes);
      if (!read.ok) expect.fail(read.detail);
      expect([hexOf(read.value.kid), hexOf(read.value.payload), hexOf(read.value.signature)]).toEqual([KID, PAYLOAD, SIG]);
      expect(read.value.signature.buffer).toBe(bytes.buffer);
    }
  });

  it('refuses it cut short at every byte', () => {
    for (const whole of [frame(), frame({ tag: '' })]) {
      for (let n = 0; n < whole.length; n++) expect(parseSign1(whole.subarray(0, n)), `${n} bytes`).toEqual({ ok: false, detail: 'truncated' });
    }
  });

  it('refuses another tag, another array, and anything after the signature', () => {
    const cases: [Parameters<typeof frame>[0], string][] = [
      [{ tag: 'd3' }, 'not a COSE_Sign1 array'],
      [{ tag: 'd812' }, 'not a COSE_Sign1 array'], // tag 18 in its two-byte form
      [{ tag: 'd2d2' }, 'not a COSE_Sign1 array'],
      [{ tag: 'c0' }, 'not a COSE_Sign1 array'],
      [{ array: '83' }, 'not a COSE_Sign1 array'],
      [{ array: '85' }, 'not a COSE_Sign1 array'],
      [{ array: '9f', trailing: 'ff' }, 'not a COSE_Sign1 array'],
      [{ trailing: '00' }, '1 byte after the signature'],
      [{ trailing: 'd2845840' }, '4 bytes after the signature']
    ];
    for (const [parts, detail] of cases) expect(parseSign1(frame(parts)), JSON.stringify(parts)).toEqual({ ok: false, detail });
  });

  it('refuses every length written in a longer form than its shortest, or of the wrong size', () => {
    const cases: [Parameters<typeof frame>[0], string][] = [
      [{ protectedHead: '5809' }, 'not the canonical encoding'], // 58 09 for a 9-byte bstr
      [{ header: `a2012704580401020304` }, 'not the canonical encoding'], // the kid as 58 04
      [{ payloadHead: `59${(PAYLOAD.length / 2).toString(16).padStart(4, '0')}` }, 'not the canonical encoding'],
      [{ payloadHead: `5a000000${(PAYLOAD.length / 2).toString(16)}` }, 'not the canonical encoding'],
      [{ payloadHead: '5f', payload: `${head(PAYLOAD.length / 2)}${PAYLOAD}ff` }, 'not the canonical encoding'], // indefinite
      [{ payloadHead: '5c' }, 'not well-formed CBOR'], // a reserved length
      [{ sigHead: '590040' }, 'not the canonical encoding'],
      [{ sigHead: '583f', sig: SIG.slice(2) }, 'signature length'],
      [{ sigHead: '5841', sig: SIG + '00' }, 'signature length'],
      [{ sigHead: '583f' }, 'signature length'],
      [{ sigHead: '5841' }, 'truncated'],
      [{ sigHead: '40', sig: '' }, 'signature length'],
      [{ payloadHead: head(PAYLOAD.length / 2 + 1) }, 'signature length'], // the payload eats the signature's head
      [{ protectedHead: '48' }, 'unprotected header not empty'], // the header ends inside the kid
      [{ protectedHead: '4a' }, 'unprotected header not empty'],
      [{ header: `a201270445${KID}` }, 'protected header shape'], // the kid runs past the header
      [{ header: `a201270443${KID}` }, 'protected header shape'], // the header goes on after the kid
      [{ header: 'a201270440' }, 'kid'],
      [{ header: `a201270451${'01'.repeat(17)}` }, 'kid'],
      [{ header: `a201270464${'6b696430'}` }, 'kid'] // a text string
    ];
    for (const [parts, detail] of cases) expect(parseSign1(frame(parts)), JSON.stringify(parts)).toEqual({ ok: false, detail });
    expect(parseSign1(frame({ header: `a201270450${'01'.repeat(16)}` }))).toMatchObject({ ok: true });
  });

  it('refuses another header, a header in another order, and an unprotected header with anything in it', () => {
    const cases: [Parameters<typeof frame>[0], string][] = [
      [{ header: `a1012704` }, 'protected header shape'],
      [{ header: `a2012604${head(4)}${KID}` }, 'algorithm -7'],
      [{ header: `a2010104${head(4)}${KID}` }, 'algorithm 1'],
      [{ header: `a2013807${head(4)}${KID}` }, 'protected header shape'], // -8 in a longer form
      [{ header: `a2044401020304${'0127'}` }, 'protected header shape'],
      [{ header: `a3012704${head(4)}${KID}0000` }, 'protected header shape'],
      [{ header: `a2012704${head(4)}${KID}`, protectedHead: '60' }, 'COSE_Sign1 parts are not byte strings'],
      [{ unprotected: '80' }, 'unprotected header not empty'],
      [{ unprotected: `a104${head(4)}${KID}` }, 'unprotected header not empty'],
      [{ unprotected: 'bfff' }, 'unprotected header not empty'],
      [{ payloadHead: '78' + (PAYLOAD.length / 2).toString(16) }, 'COSE_Sign1 parts are not byte strings']
    ];
    for (const [parts, detail] of cases) expect(parseSign1(frame(parts)), JSON.stringify(parts)).toEqual({ ok: false, detail });
  });

  it('reads what a CBOR encoder writes of the framing, for any kid and payload', () => {
    const parts = fc.record({ kid: fc.uint8Array({ minLength: 1, maxLength: 16 }), payload: fc.uint8Array({ maxLength: 300 }), signature: fc.uint8Array({ minLength: 64, maxLength: 64 }) });
    fc.assert(
      fc.property(parts, ({ kid, payload, signature }) => {
        const header = encodeCbor(new Map<number, unknown>([[1, -8], [4, kid]]));
        const read = parseSign1(encodeCbor([header, new Map(), payload, signature]));
        expect(read).toEqual({ ok: true, value: { kid, payload, signature } });
        // RFC 9052's Sig_structure, as the encoder writes it.
        expect(hexOf(sigStructure(kid, payload))).toBe(hexOf(encodeCbor(['Signature1', header, new Uint8Array(), payload])));
      })
    );
  });

  it('accepts nothing but the canonical form when a byte is added, dropped or changed', async () => {
    const whole = coseOf(await signed(await makeSiteKey()));
    const edit = fc.record({ op: fc.constantFrom('insert', 'delete', 'replace'), at: fc.nat({ max: whole.length }), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(edit, ({ op, at, byte }) => {
        const i = Math.min(at, whole.length - (op === 'insert' ? 0 : 1));
        const bytes = Uint8Array.from([...whole.subarray(0, i), ...(op === 'delete' ? [] : [byte]), ...whole.subarray(op === 'insert' ? i : i + 1)]);
        const read = parseSign1(bytes);
        // Whatever is read is written back byte for byte (with the tag, which reading allows to be missing).
        if (read.ok) expect(hexOf(coseOf(formatPassText(read.value)))).toBe(hexOf(bytes[0] === 0xd2 ? bytes : Uint8Array.of(0xd2, ...bytes)));
        else expect(typeof read.detail).toBe('string');
      }),
      { numRuns: 3000, seed: 12 }
    );
  });

  it('makes judgePass refuse a pass cut short, as forged', async () => {
    const key = await makeSiteKey();
    const whole = coseOf(await signed(key));
    const ctx = gateContext([key.trusted]);
    for (let n = 0; n < whole.length; n++) {
      expect(await judgePass('BP1:' + encodeBase45(whole.subarray(0, n)), ctx)).toEqual({ kind: 'refused', reason: 'forged', detail: 'truncated' });
    }
  });
});
