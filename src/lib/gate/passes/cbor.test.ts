import { afterEach, describe, expect, it } from 'vitest';
import { decodeCbor } from './cbor';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
const RealFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = RealFunction;
});

describe('the CBOR decoder of passes', () => {
  it('generates no code from hostile bytes (a strict CSP, and nothing for them to compile)', () => {
    const compiled: unknown[][] = [];
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        compiled.push(args);
        return Reflect.construct(target, args);
      }
    });
    // A record (tag 0xdfff) defined and used four times: cbor-x's default build compiles a reader for it.
    const decoded = decodeCbor(hex('85d9dfff8319e00081616101' + 'd9e0008102'.repeat(4)));
    expect(decoded).toEqual({ ok: true, value: [{ a: 1 }, { a: 2 }, { a: 2 }, { a: 2 }, { a: 2 }] });
    expect(compiled).toEqual([]);
  });

  it('keeps maps and arrays apart, and integer keys integers', () => {
    expect(decodeCbor(hex('a0'))).toEqual({ ok: true, value: new Map() });
    expect(decodeCbor(hex('80'))).toEqual({ ok: true, value: [] });
    expect(decodeCbor(hex('a10127'))).toEqual({ ok: true, value: new Map([[1, -8]]) });
  });

  it('refuses trailing bytes and truncation as values', () => {
    expect(decodeCbor(hex('0405'))).toEqual({ ok: false, detail: 'cbor: Data read, but end of buffer not reached' });
    expect(decodeCbor(hex('82'))).toEqual({ ok: false, detail: 'cbor: Unexpected end of CBOR data' });
  });
});
