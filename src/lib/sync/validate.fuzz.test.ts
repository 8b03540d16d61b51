import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { decodeEntry } from '$lib/core/entry-codec';
import { makePerson } from '$lib/core/builders';
import { FUZZ_TIMEOUT, fuzzRuns, hostileText, mutatedBytes, mutatedRecord, ownKeys, wrongValue } from '$lib/core/fuzz-fixtures';
import { SITE_DOC, encodePerson } from '$lib/ledger/docs';
import { MAX_MESSAGE, validateUpdate, type Refusal, type Validation } from './validate';
import { DAY, entryValue } from './sync-fixtures';

const REFUSALS: readonly Refusal[] = ['too-large', 'malformed', 'unknown-doc', 'unknown-field', 'bad-key', 'bad-value', 'foreign-entry', 'revoked-device', 'changes-entry', 'deletes-entry'];
const SITE_MAPS = ['config', 'people', 'devices', 'rounds', 'removed'] as const;
const ROUND = { id: 'r0001', name: '第1轮', date: '2026-11-22', pooling: 10, stickerColour: 'red', openedAt: 1 };

function copy(doc: Y.Doc): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
}
const diff = (changed: Y.Doc, base: Y.Doc) => Y.encodeStateAsUpdate(changed, Y.encodeStateVector(base));

function dayDoc(device: string, n: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let seq = 1; seq <= n; seq++) doc.getMap('entries').set(`${device}:${seq.toString(36)}`, entryValue(device, seq));
  });
  return doc;
}
function siteDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('config').set('name', '幸福里');
  doc.getMap('people').set('p1', encodePerson(makePerson({ id: 'p1' })));
  doc.getMap('devices').set('deva0001', { n: 'North gate', s: 0 });
  doc.getMap('rounds').set(ROUND.id, ROUND);
  doc.getMap('people').set('p1', encodePerson(makePerson({ id: 'p1', room: '102' })));
  return doc;
}

function expectOutcome(v: Validation): void {
  if (v.ok) expect(Number.isSafeInteger(v.items) && v.items >= 0).toBe(true);
  else {
    expect(REFUSALS).toContain(v.reason);
    expect(typeof v.detail).toBe('string');
  }
}

/**
 * Judges `update` for `base`; when it is accepted, applies it to a copy and checks what every
 * tablet needs of an accepted update: held entries unchanged, every entry valid, and the
 * change re-encoded from the doc (what this tablet sends the next one) accepted too.
 */
function judgeAndPassOn(name: string, base: Y.Doc, update: Uint8Array): Validation {
  const v = validateUpdate(name, base, update);
  expectOutcome(v);
  if (!v.ok) return v;
  const after = copy(base);
  try {
    Y.applyUpdate(after, update);
  } catch {
    return v; // Yjs refused it itself (the app reports a store failure): nothing integrated to pass on
  }
  if (name !== SITE_DOC) {
    base.getMap('entries').forEach((value, key) => expect(after.getMap('entries').get(key)).toEqual(value));
    after.getMap('entries').forEach((value, key) => expect(decodeEntry(key, value), key).not.toBeNull());
  }
  const passedOn = validateUpdate(name, base, diff(after, base));
  expect(passedOn, 'what one tablet accepts, the next accepts from it').toMatchObject({ ok: true });
  return v;
}

const heldDay = dayDoc('deva0001', 5);
const heldSite = siteDoc();
const realDay = Y.encodeStateAsUpdate(dayDoc('devb0001', 12));
const realSite = diff(
  (() => {
    const d = copy(heldSite);
    d.getMap('people').set('p2', encodePerson(makePerson({ id: 'p2' })));
    d.getMap('rounds').set(ROUND.id, { ...ROUND, closedAt: 2 });
    d.getMap('removed').set('devc0001', { at: 5, upTo: 3, by: '王' });
    return d;
  })(),
  heldSite
);

/** Values as the wire decoder builds them: valid, one edit off, or wrong altogether. */
const entryLike = fc.oneof(fc.constant(entryValue('devb0001', 1) as unknown), mutatedRecord(entryValue('devb0001', 1) as unknown as Record<string, unknown>, ownKeys), wrongValue);
const dayKey = fc.oneof(fc.constantFrom('devb0001:1', 'devb0001:2', 'deva0001:1', 'devc0001:1'), hostileText(16));

/** Sets a value as a peer's doc would; false where Yjs itself refuses the value (then no peer sends it this way). */
function trySet(map: Y.Map<unknown>, key: string, value: unknown): boolean {
  try {
    map.set(key, value);
    return true;
  } catch {
    return false;
  }
}

describe('validateUpdate under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('never throws on any bytes, for either kind of doc, and answers accepted or one named refusal', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, site) => {
        judgeAndPassOn(site ? SITE_DOC : DAY, site ? heldSite : heldDay, bytes);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('never throws on real updates cut, flipped or spliced, and what it accepts can be passed on', () => {
    fc.assert(fc.property(mutatedBytes(realDay), (bytes) => void judgeAndPassOn(DAY, heldDay, bytes)), { numRuns: fuzzRuns(0.3) });
    fc.assert(fc.property(mutatedBytes(realSite), (bytes) => void judgeAndPassOn(SITE_DOC, heldSite, bytes)), { numRuns: fuzzRuns(0.3) });
  });

  it('judges docs written with hostile keys and values (prototype keys included) and passes on what it accepts', () => {
    const op = fc.tuple(dayKey, entryLike, fc.boolean());
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), fc.boolean(), (ops, fromHeld) => {
        const d = fromHeld ? copy(heldDay) : new Y.Doc();
        for (const [key, value, remove] of ops) {
          if (remove) d.getMap('entries').delete(key);
          else trySet(d.getMap('entries'), key, value);
        }
        judgeAndPassOn(DAY, heldDay, diff(d, heldDay));
      }),
      { numRuns: fuzzRuns(0.15) }
    );
    const siteValue = fc.oneof(
      mutatedRecord(encodePerson(makePerson()) as unknown as Record<string, unknown>, ownKeys),
      mutatedRecord({ n: 'Gate', s: 1 }, ownKeys),
      mutatedRecord(ROUND, ownKeys),
      mutatedRecord({ at: 1, upTo: 2, by: 'x' }, ownKeys),
      wrongValue
    );
    const siteOp = fc.tuple(fc.constantFrom(...SITE_MAPS, 'tally'), fc.oneof(fc.constantFrom('p1', 'deva0001', 'r0001', 'name', 'timeZone'), hostileText(12)), siteValue);
    fc.assert(
      fc.property(fc.array(siteOp, { minLength: 1, maxLength: 5 }), (ops) => {
        const d = copy(heldSite);
        for (const [map, key, value] of ops) trySet(d.getMap(map), key, value);
        judgeAndPassOn(SITE_DOC, heldSite, diff(d, heldSite));
      }),
      { numRuns: fuzzRuns(0.15) }
    );
  });

  it('refuses by length before decoding: at the cap an update is judged on what it holds, one byte over it is too large', () => {
    const atCap = new Uint8Array(MAX_MESSAGE).fill(0xff);
    expect(validateUpdate(DAY, heldDay, atCap)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(validateUpdate(DAY, heldDay, new Uint8Array(MAX_MESSAGE + 1).fill(0xff))).toMatchObject({ ok: false, reason: 'too-large' });
    const big = dayDoc('devb0001', 1);
    big.getMap('entries').set('devb0001:2', { ...entryValue('devb0001', 2), w: 'x'.repeat(400) });
    const update = Y.encodeStateAsUpdate(big);
    expect(validateUpdate(DAY, heldDay, update, { maxBytes: update.length }).ok).toBe(true);
    expect(validateUpdate(DAY, heldDay, update, { maxBytes: update.length - 1 })).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('regression: refuses an entry or a person whose fields are inherited through `__proto__` (the next tablet would read `{}`)', () => {
    const day = new Y.Doc();
    day.getMap('entries').set('devb0001:1', ownKeys([['__proto__', entryValue('devb0001', 1)]]));
    expect(validateUpdate(DAY, heldDay, Y.encodeStateAsUpdate(day))).toMatchObject({ ok: false, reason: 'bad-value' });
    const site = new Y.Doc();
    site.getMap('people').set('p9', ownKeys([['__proto__', encodePerson(makePerson({ id: 'p9' }))]]));
    expect(validateUpdate(SITE_DOC, heldSite, Y.encodeStateAsUpdate(site))).toMatchObject({ ok: false, reason: 'bad-value' });
  });

  it('regression: resolves a chain of overwrites in any order, in work linear in its length', () => {
    // Each overwrite by a new client: Yjs writes clients highest first, so the chain arrives reversed.
    const links = 1000;
    const chain = new Y.Doc();
    for (let client = 1; client <= links; client++) {
      chain.clientID = client;
      chain.getMap('config').set('name', `v${client}`);
    }
    const update = Y.encodeStateAsUpdate(chain);
    const held = new Y.Doc();
    const clients = held.store.clients;
    let lookups = 0;
    const get = clients.get.bind(clients);
    clients.get = (client: number) => (lookups++, get(client));
    expect(validateUpdate(SITE_DOC, held, update, { maxBytes: Infinity })).toEqual({ ok: true, items: links });
    expect(lookups).toBeLessThanOrEqual(3 * links);
    // A chain that runs in a circle, or ends at nothing held, is refused.
    const orphan = new Y.Doc();
    orphan.clientID = 7;
    Y.applyUpdate(orphan, Y.encodeStateAsUpdate(chain));
    orphan.getMap('config').set('name', 'last');
    expect(validateUpdate(SITE_DOC, new Y.Doc(), diff(orphan, chain))).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
