import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatEntryId, makeDeviceId, parseEntryId } from './entry-id';

describe('entry ids', () => {
  it('formats device:seq in base36 and parses it back', () => {
    expect(formatEntryId('abc123def0', 1)).toBe('abc123def0:1');
    expect(formatEntryId('abc123def0', 36)).toBe('abc123def0:10');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (seq) => {
        expect(parseEntryId(formatEntryId('abc123def0', seq))).toEqual({ device: 'abc123def0', seq });
      })
    );
  });

  it('makes device ids from the injected randomness', () => {
    const id = makeDeviceId((n) => new Uint8Array(n).fill(37));
    expect(id).toBe('11111111');
  });

  it('refuses what is not an entry id', () => {
    for (const s of ['', 'abc:1', 'ABC123DEF0:1', 'abc123def0:0', 'abc123def0:', 'abc123def0:1:2', 'abc123def0:-1']) {
      expect(parseEntryId(s)).toBeNull();
    }
    expect(() => formatEntryId('bad id', 1)).toThrow();
  });
});
