import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { decodeEntry, encodeEntry } from '$lib/core/entry-codec';
import { encodePerson } from '$lib/ledger/docs';
import { putPassKey, putRevocation, writePolicy } from '$lib/ledger/site-doc';
import { toBase64url } from '$lib/core/base64url';
import { makeEntry, makePerson } from '$lib/core/builders';
import { validateUpdate } from './validate';
import { DAY, entryValue } from './sync-fixtures';

/** A doc as a tablet of `device` writes it: entries 1..n under its id, one Yjs client. */
function dayDoc(device: string, n: number, from = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let seq = from; seq < from + n; seq++) doc.getMap('entries').set(`${device}:${seq.toString(36)}`, entryValue(device, seq));
  });
  return doc;
}
const copy = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};
/** What a change to `base` sends: the structs `base` lacks. */
const diff = (changed: Y.Doc, base: Y.Doc) => Y.encodeStateAsUpdate(changed, Y.encodeStateVector(base));
const reason = (v: ReturnType<typeof validateUpdate>) => (v.ok ? 'ok' : v.reason);

describe('validateUpdate on a day doc', () => {
  const mine = dayDoc('deva0001', 3);

  it('accepts new entries of other devices, and what it holds already', () => {
    expect(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(dayDoc('devb0001', 5)))).toEqual({ ok: true, items: 5 });
    expect(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(mine))).toEqual({ ok: true, items: 0 });
  });

  it('accepts a peer’s visitor, vehicle and temperature entries, and refuses one whose details break their caps', () => {
    const peer = new Y.Doc();
    const set = (seq: number, fields: Parameters<typeof makeEntry>[0]) =>
      peer.getMap('entries').set(`devc0001:${seq}`, encodeEntry(makeEntry({ id: `devc0001:${seq}`, device: 'devc0001', ...fields })));
    set(1, { kind: 'visitor', subject: 'v0102030405', visitor: { name: '李四', phone: '13812341234', kind: 'delivery', room: '3-2-501' }, health: 'green' });
    set(2, { kind: 'vehicle', subject: 'c0102030405', vehicle: { plate: '粤BD12345', kind: 'truck', aboard: 2, purpose: 'supply', itinerary: 'green' }, health: 'green' });
    set(3, { kind: 'temperature', celsiusTenths: 375, reason: 'second-reading' });
    expect(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(peer))).toEqual({ ok: true, items: 3 });
    const bad = copy(peer);
    const value = encodeEntry(makeEntry({ id: 'devc0001:4', device: 'devc0001', kind: 'vehicle', health: 'green' }));
    bad.getMap('entries').set('devc0001:4', { ...value, a: { l: '粤BD123456789', k: 0, a: 1, y: 0, j: 0 } });
    expect(validateUpdate(DAY, mine, diff(bad, peer))).toMatchObject({ ok: false, reason: 'bad-value' });
  });

  it('refuses an update that overwrites an existing entry', () => {
    const theirs = copy(mine);
    theirs.getMap('entries').set('deva0001:1', entryValue('deva0001', 9));
    expect(validateUpdate(DAY, mine, diff(theirs, mine))).toMatchObject({ ok: false, reason: 'changes-entry' });
  });

  it('refuses a second value under a key the doc holds (a concurrent set would hide one)', () => {
    const forged = new Y.Doc();
    forged.getMap('entries').set('deva0001:2', entryValue('deva0001', 7));
    expect(reason(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(forged)))).toBe('changes-entry');
  });

  it('refuses a deletion', () => {
    const theirs = copy(mine);
    theirs.getMap('entries').delete('deva0001:3');
    expect(reason(validateUpdate(DAY, mine, diff(theirs, mine)))).toBe('deletes-entry');
  });

  it('refuses entries of two devices from one Yjs client, in the update or against the doc', () => {
    const mixed = dayDoc('devb0001', 1);
    mixed.getMap('entries').set('devc0001:1', entryValue('devc0001', 1));
    expect(reason(validateUpdate(DAY, new Y.Doc(), Y.encodeStateAsUpdate(mixed)))).toBe('foreign-entry');
    // The doc holds the client's first entry (devb0001:1); its next one names devc0001.
    const client = dayDoc('devb0001', 1);
    const held = copy(client);
    client.getMap('entries').set('devc0001:5', entryValue('devc0001', 5));
    expect(reason(validateUpdate(DAY, held, diff(client, held)))).toBe('foreign-entry');
    // The same entry from a client with no entries yet is another tablet's own: accepted.
    expect(validateUpdate(DAY, held, Y.encodeStateAsUpdate(dayDoc('devc0001', 1))).ok).toBe(true);
  });

  it('refuses entries a removed device wrote after its removal, and keeps accepting its earlier ones', () => {
    const removedAfter3 = (d: string, seq: number) => d !== 'devb0001' || seq <= 3;
    const later = validateUpdate(DAY, mine, Y.encodeStateAsUpdate(dayDoc('devb0001', 4)), { isDeviceAccepted: removedAfter3 });
    expect(reason(later)).toBe('revoked-device');
    expect(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(dayDoc('devb0001', 3)), { isDeviceAccepted: removedAfter3 }).ok).toBe(true);
  });

  it('refuses bad keys, bad values, other fields, and oversized updates', () => {
    const at = (f: (d: Y.Doc) => void) => {
      const d = new Y.Doc();
      f(d);
      return reason(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(d)));
    };
    expect(at((d) => d.getMap('entries').set('not an id', entryValue('deva0001', 1)))).toBe('bad-key');
    expect(at((d) => d.getMap('entries').set('devb0001:1', { k: 99 }))).toBe('bad-value');
    expect(at((d) => d.getMap('entries').set('devb0001:1', new Y.Map()))).toBe('bad-value');
    expect(at((d) => d.getMap('tally').set('x', 1))).toBe('unknown-field');
    expect(at((d) => d.getArray('entries').push([1]))).toBe('unknown-field');
    expect(reason(validateUpdate(DAY, mine, Y.encodeStateAsUpdate(dayDoc('devb0001', 2000)), { maxBytes: 64 * 1024 }))).toBe('too-large');
    expect(reason(validateUpdate('day:yesterday', mine, Y.encodeStateAsUpdate(mine)))).toBe('unknown-doc');
  });
});

describe('validateUpdate on the site doc', () => {
  it('accepts a round and its closing, refuses a malformed one', () => {
    const site = new Y.Doc();
    const mine = new Y.Doc();
    const round = { id: 'r0001', name: '第3轮', date: '2026-11-22', pooling: 10, stickerColour: 'green', openedAt: 1 };
    site.getMap('rounds').set('r0001', round);
    expect(validateUpdate('site', mine, Y.encodeStateAsUpdate(site)).ok).toBe(true);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(site));
    site.getMap('rounds').set('r0001', { ...round, closedAt: 2 });
    expect(validateUpdate('site', mine, diff(site, mine)).ok).toBe(true);
    site.getMap('rounds').set('r0001', { ...round, pooling: 7 });
    expect(reason(validateUpdate('site', mine, diff(site, mine)))).toBe('bad-value');
    const other = new Y.Doc();
    other.getMap('rounds').set('r0002', round); // stored under another id than its own
    expect(reason(validateUpdate('site', mine, Y.encodeStateAsUpdate(other)))).toBe('bad-value');
  });

  it('accepts roster imports and re-imports, refuses bad people and unknown config', () => {
    const site = new Y.Doc();
    site.getMap('people').set('p1', encodePerson(makePerson({ id: 'p1' })));
    const mine = new Y.Doc();
    expect(validateUpdate('site', mine, Y.encodeStateAsUpdate(site)).ok).toBe(true);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(site));
    site.getMap('people').set('p1', encodePerson(makePerson({ id: 'p1', room: '102' })));
    expect(validateUpdate('site', mine, diff(site, mine)).ok).toBe(true);
    site.getMap('people').set('p1', { n: 5 });
    expect(reason(validateUpdate('site', mine, diff(site, mine)))).toBe('bad-value');
    const other = new Y.Doc();
    other.getMap('config').set('signalling', 'wss://evil');
    expect(reason(validateUpdate('site', mine, Y.encodeStateAsUpdate(other)))).toBe('unknown-field');
    const devices = (id: string, value: unknown) => {
      const d = new Y.Doc();
      d.getMap('devices').set(id, value);
      return reason(validateUpdate('site', mine, Y.encodeStateAsUpdate(d)));
    };
    expect(devices('devc0001', { n: 'Gate 2', s: 0 })).toBe('ok');
    expect(devices('x', { n: 'Gate 2', s: 0 })).toBe('bad-key');
    expect(devices('devc0001', { n: 'Gate 2', s: 7 })).toBe('bad-value');
  });

  it('accepts a supervisor’s policy change and its later change, refuses a field or value no tablet reads', () => {
    const site = new Y.Doc();
    const mine = new Y.Doc();
    writePolicy(site, [{ field: 'mode', mode: 'only-in' }, { field: 'exemption', exemption: { id: 'x1', order: 4, active: true, label: '送药' } }]);
    expect(validateUpdate('site', mine, Y.encodeStateAsUpdate(site)).ok).toBe(true);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(site));
    writePolicy(site, [{ field: 'mode', mode: 'closed' }]);
    expect(validateUpdate('site', mine, diff(site, mine)).ok).toBe(true);
    const policy = (key: string, value: unknown) => {
      const d = new Y.Doc();
      d.getMap('policy').set(key, value);
      return reason(validateUpdate('site', mine, Y.encodeStateAsUpdate(d)));
    };
    expect(policy('quota', '1/2/4')).toBe('ok');
    expect(policy('mode', 'lockdown')).toBe('bad-value');
    expect(policy('quota', { n: 1, d: 2, h: 4 })).toBe('bad-value');
    expect(policy('exemption:x2', '5/on/')).toBe('bad-value');
    expect(policy('exemption:X2', '5/on/送药')).toBe('unknown-field');
    expect(policy('signalling', 'wss://evil')).toBe('unknown-field');
    // An overwrite of a policy field is judged where it lands, like any other site value.
    site.getMap('policy').set('mode', 'sideways');
    expect(reason(validateUpdate('site', mine, diff(site, mine)))).toBe('bad-value');
  });
});

describe('validateUpdate on the site doc’s pass trust', () => {
  const key = { p: toBase64url(new Uint8Array(32).fill(7)), f: 1_772_323_200, c: toBase64url(new Uint8Array(64).fill(9)) };
  const revocation = { at: 1_795_000_000_000, by: '赵主管', holder: 'h3b2u1r0502' };
  const peerSets = (map: string, k: string, value: unknown, mine = new Y.Doc()) => {
    const d = new Y.Doc();
    d.getMap(map).set(k, value);
    return reason(validateUpdate('site', mine, Y.encodeStateAsUpdate(d)));
  };

  it('accepts a peer’s certified key, its later window, and a revocation, as the ledger writes them', () => {
    const site = new Y.Doc();
    const mine = new Y.Doc();
    putPassKey(site, '0a1b2c3d', key);
    putRevocation(site, 'p7k2m9x4qa', revocation);
    expect(validateUpdate('site', mine, Y.encodeStateAsUpdate(site))).toEqual({ ok: true, items: 2 });
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(site));
    // The key retired: its entry replaced with an end, certified again.
    putPassKey(site, '0a1b2c3d', { ...key, u: 1_780_000_000 });
    expect(validateUpdate('site', mine, diff(site, mine)).ok).toBe(true);
  });

  it('refuses a malformed key or revocation as a bad value, also when it overwrites a good one', () => {
    for (const bad of [{ ...key, p: 'short' }, { ...key, u: key.f }, { ...key, c: 'x'.repeat(86) }, { p: key.p }, 'key', null]) {
      expect(peerSets('passKeys', '0a1b2c3d', bad), JSON.stringify(bad)).toBe('bad-value');
    }
    expect(peerSets('passKeys', 'not-a-kid', key)).toBe('bad-value');
    for (const bad of [{ ...revocation, at: -1 }, { ...revocation, by: 'x'.repeat(41) }, { ...revocation, holder: 'H!' }, { by: '赵' }, 5]) {
      expect(peerSets('revoked', 'p7k2m9x4qa', bad), JSON.stringify(bad)).toBe('bad-value');
    }
    expect(peerSets('revoked', 'constructor', revocation)).toBe('bad-value');
    const site = new Y.Doc();
    const mine = new Y.Doc();
    putPassKey(site, '0a1b2c3d', key);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(site));
    site.getMap('passKeys').set('0a1b2c3d', { ...key, f: -5 });
    expect(reason(validateUpdate('site', mine, diff(site, mine)))).toBe('bad-value');
  });

  it('accepts the site’s root pass key in the config when it is a key’s text, and nothing else there', () => {
    expect(peerSets('config', 'passRoot', key.p)).toBe('ok');
    for (const bad of ['', 'not a key', key.p.slice(0, 42), key.p.slice(0, 42) + 'B', 42, null]) expect(peerSets('config', 'passRoot', bad), String(bad)).toBe('bad-value');
    expect(peerSets('config', 'passroot', key.p)).toBe('unknown-field');
  });
});

describe('validateUpdate on hostile bytes', () => {
  const mine = dayDoc('deva0001', 20);
  const real = Y.encodeStateAsUpdate(dayDoc('devb0001', 20));

  /** Soundness: whatever it accepts leaves every held entry as it was and every entry valid. */
  function acceptedIsHarmless(update: Uint8Array): void {
    const v = validateUpdate(DAY, mine, update);
    if (!v.ok) return;
    const scratch = copy(mine);
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      return; // Yjs refused it itself: nothing was integrated half-way that we rely on
    }
    const entries = scratch.getMap('entries');
    mine.getMap('entries').forEach((value, key) => expect(entries.get(key)).toEqual(value));
    entries.forEach((value, key) => expect(decodeEntry(key, value)).not.toBeNull());
  }

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => acceptedIsHarmless(bytes)), { numRuns: 2000 });
  });

  it('never throws on truncated real updates', () => {
    fc.assert(fc.property(fc.nat(real.length), (n) => acceptedIsHarmless(real.slice(0, n))), { numRuns: 500 });
  });

  it('never accepts harm from real updates with bytes tampered', () => {
    const changes = fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(changes, (edits) => {
        const bytes = real.slice();
        for (const [i, b] of edits) bytes[i] = b;
        acceptedIsHarmless(bytes);
      }),
      { numRuns: 2000 }
    );
  });

  it('never accepts harm from docs with tampered values', () => {
    const values = fc
      .oneof(fc.jsonValue(), fc.record({ k: fc.integer(), t: fc.integer(), s: fc.integer(), u: fc.string(), p: fc.string() }))
      .map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown); // plain objects, as Yjs takes them
    const keys = fc.oneof(fc.constantFrom('deva0001:1', 'devb0001:1', 'devb0001:2', 'x'), fc.string());
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 5 }), fc.boolean(), (sets, fromMine) => {
        const d = fromMine ? copy(mine) : new Y.Doc();
        for (const [k, v] of sets) d.getMap('entries').set(k, v);
        acceptedIsHarmless(diff(d, mine));
      }),
      { numRuns: 1000 }
    );
  });
});
