import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64url } from '$lib/core/base64url';
import { makeSite } from '$lib/core/builders';
import type { Revocation, StoredPassKey } from '$lib/core/pass-trust-codec';
import { Ledger } from './ledger';
import { configOf, passKeysOf, revokedOf } from './docs';
import { deleteTestLedgers, openTestLedger, T0 } from './fixtures';
import { passTrustIn, putPassKey, putRevocation, revocationsIn, writeConfig } from './site-doc';

afterEach(deleteTestLedgers);

const ROOT = toBase64url(new Uint8Array(32).fill(3));
const KID = '0a1b2c3d';
const key: StoredPassKey = { p: toBase64url(new Uint8Array(32).fill(7)), f: 1_772_323_200, c: toBase64url(new Uint8Array(64).fill(9)) };
const lost: Revocation = { at: T0, by: '赵主管', holder: 'h3b2u1r0502' };

describe('the pass trust in the site doc', () => {
  it('holds no root and no keys in a new doc; the root is the config’s, when it is a key', () => {
    const doc = new Y.Doc();
    expect(passTrustIn(doc)).toEqual({ root: undefined, keys: new Map() });
    writeConfig(doc, makeSite({ passRoot: ROOT }));
    expect(passTrustIn(doc).root).toBe(ROOT);
    // A site made before passes were signed writes none.
    const older = new Y.Doc();
    writeConfig(older, makeSite());
    expect(configOf(older).has('passRoot')).toBe(false);
    // A root that is not a key's text (a peer's, written around validation) is none.
    for (const bad of ['not a key', 42, ROOT.slice(1)]) {
      configOf(older).set('passRoot', bad);
      expect(passTrustIn(older).root).toBeUndefined();
    }
  });

  it('puts a key into the trust list and reads it back; a later put replaces its window', () => {
    const doc = new Y.Doc();
    putPassKey(doc, KID, key);
    expect(passTrustIn(doc).keys).toEqual(new Map([[KID, key]]));
    putPassKey(doc, KID, { ...key, u: key.f + 86_400 });
    expect(passTrustIn(doc).keys.get(KID)).toEqual({ ...key, u: key.f + 86_400 });
  });

  it('refuses to store a key no tablet could read back, writing nothing', () => {
    const doc = new Y.Doc();
    for (const [kid, bad] of [
      ['ABCDEF01', key],
      [KID, { ...key, p: 'short' }],
      [KID, { ...key, u: key.f }]
    ] as [string, StoredPassKey][]) {
      expect(() => putPassKey(doc, kid, bad)).toThrow(RangeError);
    }
    expect(passKeysOf(doc).size).toBe(0);
  });

  it('leaves out a malformed key or revocation another tablet wrote, and reads the rest', () => {
    const doc = new Y.Doc();
    putPassKey(doc, KID, key);
    passKeysOf(doc).set('ffffffff', { p: key.p });
    passKeysOf(doc).set('__proto__', key);
    putRevocation(doc, 'p7k2m9x4qa', lost);
    revokedOf(doc).set('lost0002', { at: 'yesterday', by: '赵' });
    expect([...passTrustIn(doc).keys.keys()]).toEqual([KID]);
    expect(revocationsIn(doc)).toEqual(new Map([['p7k2m9x4qa', lost]]));
  });

  it('keeps the first revocation of a pass: a second says false and changes nothing', () => {
    const doc = new Y.Doc();
    expect(revocationsIn(doc).size).toBe(0);
    expect(putRevocation(doc, 'p7k2m9x4qa', lost)).toBe(true);
    expect(putRevocation(doc, 'p7k2m9x4qa', { at: T0 + 1, by: '钱主管' })).toBe(false);
    expect(revocationsIn(doc)).toEqual(new Map([['p7k2m9x4qa', lost]]));
  });

  it('refuses to store a revocation no tablet could read back, writing nothing', () => {
    const doc = new Y.Doc();
    for (const [id, bad] of [
      ['P7K2', lost],
      ['constructor', lost],
      ['p7k2m9x4qa', { ...lost, by: 'x'.repeat(41) }],
      ['p7k2m9x4qa', { ...lost, holder: '楼1' }],
      ['p7k2m9x4qa', { ...lost, at: 1.5 }]
    ] as [string, Revocation][]) {
      expect(() => putRevocation(doc, id, bad)).toThrow(RangeError);
    }
    expect(revokedOf(doc).size).toBe(0);
  });

  it('is durable through the ledger: keys and revocations are there after a reopen; a bad one rejects and writes nothing', async () => {
    const { site, db, ledger } = await openTestLedger('ptr');
    await ledger.putPassKey(KID, key);
    await ledger.revokePass('p7k2m9x4qa', lost);
    await ledger.revokePass('p7k2m9x4qa', { at: T0 + 5, by: '钱主管' });
    const rows = await db.updates.count();
    const siteDoc = ledger.siteDoc;
    // A programmer's error, not a disk's: a RangeError, before any write (the site doc in memory kept).
    await expect(ledger.putPassKey(KID, { ...key, f: -1 })).rejects.toThrow(RangeError);
    await expect(ledger.revokePass('x', lost)).rejects.toThrow(RangeError);
    expect(await db.updates.count()).toBe(rows);
    expect(ledger.siteDoc).toBe(siteDoc);
    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    expect(again.passTrust().keys).toEqual(new Map([[KID, key]]));
    expect(again.revocations()).toEqual(new Map([['p7k2m9x4qa', lost]]));
    again.destroy();
  });
});
