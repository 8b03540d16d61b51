import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { makePerson } from '$lib/core/builders';
import { encodePerson } from '$lib/ledger/docs';
import { encodeMissing, splitUpdate } from './chunk';
import { validateUpdate } from './validate';
import { DAY, connect, makePeer, settle } from './sync-fixtures';

/** A site doc whose roster three tablets imported and re-imported over each other's values. */
function rewrittenRoster(): Y.Doc {
  const site = new Y.Doc();
  for (let round = 0; round < 6; round++) {
    const tablet = new Y.Doc();
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(site));
    tablet.transact(() => {
      for (let i = 0; i < 300; i++) tablet.getMap('people').set(`p${i}`, encodePerson(makePerson({ id: `p${i}`, room: `${round}0${i}` })));
    });
    tablet.getMap('people').delete(`p${round}`);
    Y.applyUpdate(site, Y.encodeStateAsUpdate(tablet));
  }
  return site;
}

describe('encodeMissing', () => {
  it('cuts pieces under the budget that each pass validation in order and rebuild the doc', () => {
    const site = rewrittenRoster();
    const budget = 4000;
    const chunks = encodeMissing(site, new Map(), budget);
    expect(chunks.length).toBeGreaterThan(5);
    const copy = new Y.Doc();
    for (const c of chunks) {
      expect(c.update.length).toBeLessThanOrEqual(budget);
      expect(validateUpdate('site', copy, c.update)).toMatchObject({ ok: true });
      Y.applyUpdate(copy, c.update);
    }
    expect(copy.getMap('people').toJSON()).toEqual(site.getMap('people').toJSON());
    expect(copy.getMap('people').has('p5')).toBe(false); // deleted in the last round
  });

  it('sends only what the peer lacks', () => {
    const site = rewrittenRoster();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(site));
    const structs = encodeMissing(site, Y.decodeStateVector(Y.encodeStateVector(peer)), 4000).reduce((n, c) => n + c.items, 0);
    expect(structs).toBe(0);
  });

  it('converges in any order of arrival', () => {
    const site = rewrittenRoster();
    const chunks = encodeMissing(site, new Map(), 3000);
    fc.assert(
      fc.property(fc.shuffledSubarray(chunks, { minLength: chunks.length }), (shuffled) => {
        const copy = new Y.Doc();
        for (const c of shuffled) Y.applyUpdate(copy, c.update);
        expect(copy.getMap('people').toJSON()).toEqual(site.getMap('people').toJSON());
      }),
      { numRuns: 20 }
    );
    // 20 runs of a 3,000-person roster: ~2 s alone, more on a loaded CI machine.
  }, 30_000);
});

describe('splitUpdate', () => {
  it('splits a large live update (a roster import) and keeps a small one whole', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.transact(() => {
      for (let i = 0; i < 3000; i++) doc.getMap('people').set(`p${i}`, encodePerson(makePerson({ id: `p${i}` })));
    });
    const big = updates[0]!;
    const pieces = splitUpdate(big, 16 * 1024);
    expect(big.length).toBeGreaterThan(16 * 1024 * 4);
    const copy = new Y.Doc();
    for (const p of pieces) {
      expect(p.update.length).toBeLessThanOrEqual(16 * 1024);
      Y.applyUpdate(copy, p.update);
    }
    expect(copy.getMap('people').size).toBe(3000);
    expect(splitUpdate(pieces[0]!.update, 16 * 1024)).toHaveLength(1);
  });

  it('carries a roster import of 10,000 people live through a session in bounded messages', async () => {
    const a = makePeer('deva0001');
    const b = makePeer('devb0001');
    const { pair } = connect(a, b);
    await settle([a, b]);
    const site = a.store.open('site');
    site.transact(() => {
      for (let i = 0; i < 10_000; i++) site.getMap('people').set(`p${i}`, encodePerson(makePerson({ id: `p${i}` })));
    }, 'local');
    a.write(1, DAY);
    await settle([a, b]);
    expect(b.store.open('site').getMap('people').size).toBe(10_000);
    expect(Math.max(...pair.a.sentSizes)).toBeLessThanOrEqual(64 * 1024);
    expect(b.problems).toEqual([]);
  });
});
