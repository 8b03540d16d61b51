import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeEntry } from '$lib/core/entry-codec';
import { makeEntry, makePerson } from '$lib/core/builders';
import { decodePerson, encodePerson, entriesOf } from './docs';

describe('doc shapes', () => {
  it('stores a gate entry in about 50 bytes of Yjs update (key included)', () => {
    const doc = new Y.Doc();
    const n = 2000;
    doc.transact(() => {
      for (let i = 1; i <= n; i++) {
        const e = makeEntry({ id: `k3x9a2b1:${i.toString(36)}`, subject: `p${(i * 7919).toString(36).padStart(7, '0')}`, at: 1_763_776_800_000 + i * 3000 });
        entriesOf(doc).set(e.id, encodeEntry(e));
      }
    });
    const perEntry = Y.encodeStateAsUpdate(doc).byteLength / n;
    expect(perEntry).toBeLessThanOrEqual(64);
  });

  it('round-trips a person and refuses malformed ones', () => {
    const p = makePerson({ tags: ['elderly', 'bedridden'] });
    expect(decodePerson(p.id, encodePerson(p))).toEqual(p);
    expect(decodePerson(p.id, { ...encodePerson(p), t: [42] })).toBeNull();
    expect(decodePerson(p.id, { n: 1 })).toBeNull();
    expect(decodePerson(p.id, 'text')).toBeNull();
  });
});
