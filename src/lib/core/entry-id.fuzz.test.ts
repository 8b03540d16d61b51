import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatEntryId, isDeviceId, parseEntryId } from './entry-id';
import { deviceId, fuzzRuns, hostileText, mutatedText } from './fuzz-fixtures';

const device = deviceId;
const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

describe('parseEntryId under fuzzing', () => {
  it('reads back every id it formats', () => {
    fc.assert(
      fc.property(device, seq, (d, n) => {
        expect(parseEntryId(formatEntryId(d, n))).toEqual({ device: d, seq: n });
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throws, and reads only ids of a device id and an exact sequence number', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(30), fc.tuple(device, seq).chain(([d, n]) => mutatedText(formatEntryId(d, n)))), (text) => {
        const id = parseEntryId(text);
        if (!id) return;
        expect(isDeviceId(id.device)).toBe(true);
        expect(Number.isSafeInteger(id.seq) && id.seq >= 1).toBe(true);
        expect(formatEntryId(id.device, id.seq)).toBe(text);
      }),
      { numRuns: fuzzRuns() }
    );
    expect(parseEntryId('deva0001:zzzzzzzzzzz')).toBeNull(); // past 2^53
  });

  it('regression: refuses the device id `constructor`, which every plain object already holds', () => {
    expect(isDeviceId('constructor')).toBe(false);
    expect(parseEntryId('constructor:1')).toBeNull();
    expect(isDeviceId('construct')).toBe(true);
  });

  it('regression: refuses a sequence number with a leading zero, a second key for the same entry', () => {
    expect(parseEntryId('deva0001:1')).toEqual({ device: 'deva0001', seq: 1 });
    for (const id of ['deva0001:01', 'deva0001:001', 'deva0001:0']) expect(parseEntryId(id)).toBeNull();
  });
});
