import { describe, expect, it } from 'vitest';
import { handoverTable, type HandoverLabels } from './table';
import { summarizeShift } from '$lib/handover/rules';
import { makeEntry } from '$lib/core/builders';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const labels: HandoverLabels = {
  section: 'section',
  item: 'item',
  count: 'count',
  tally: 'tally',
  digests: 'digests',
  tablets: 'tablets',
  countText: (k) => k,
  digest: 'digest',
  dayDigest: (d) => `day ${d}`,
  agreementText: (t) => t.agreement
};

describe('handoverTable', () => {
  it('lists the tally, the digests and each tablet’s standing', () => {
    const entries = [
      makeEntry({ id: 'aaaaaaaa:1', device: 'aaaaaaaa', at: T0 + 1 }),
      makeEntry({ id: 'aaaaaaaa:2', device: 'aaaaaaaa', at: T0 + 2, verdict: 'refused', reason: 'unknown-code' })
    ];
    const summary = summarizeShift({ device: 'aaaaaaaa', scope: 'gate', window: { from: T0, to: T0 + 3_600_000 }, context: entries, rounds: [], days: { '2026-11-22': '2-0000000a-0000000b' } });
    const rows = handoverTable(summary, [{ device: 'bbbbbbbb', name: '北门2号', agreement: 'differs', via: 'sync', worked: false }], labels);
    expect(rows[0]).toEqual(['section', 'item', 'count']);
    expect(rows).toContainEqual(['tally', 'entries', '2']);
    expect(rows).toContainEqual(['tally', 'kind:gate-in', '1']);
    expect(rows).toContainEqual(['tally', 'device:aaaaaaaa', '2']);
    expect(rows).toContainEqual(['tally', 'refused', '1']);
    expect(rows).toContainEqual(['digests', 'day 2026-11-22', '2-0000000a-0000000b']);
    expect(rows[rows.length - 1]).toEqual(['tablets', '北门2号', 'differs']);
  });
});
