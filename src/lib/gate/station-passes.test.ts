import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import type { Entry } from '$lib/core/types';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation, scannerFor, T0 } from '$lib/site/station-fixtures';
import { decodeBase45, encodeBase45 } from './passes/base45';
import { generatePassKey, importSigningKey, PassKeys, signPass, type GeneratedPassKey, type PassClaims, type SigningKey } from './passes';
import { householdPassId } from './outings';
import { GateStation } from './station.svelte';

afterEach(deleteTestLedgers);

const HOUR = 3_600_000;
const NOW = Math.floor(T0 / 1000);
const DAY = 86_400;

const li = makePerson({ id: 'li000001', name: '李四', building: '3', unit: '2', room: '502' });
const liWife = makePerson({ id: 'wa000001', name: '王芳', building: '3', unit: '2', room: '502' });
const zhang = makePerson({ id: 'zh000001', name: '张三', building: '5', unit: '1', room: '101' });
const sick = makePerson({ id: 'qu000001', name: '赵六', building: '7', unit: '1', room: '301', tags: ['quarantined'] });

/** A gate of a site whose trust list holds one key; the ledger's clock is `clock.now`. */
async function gate(opts: { revoked?: string[]; keyFrom?: number } = {}) {
  const key: GeneratedPassKey = await generatePassKey();
  const signer: SigningKey = await importSigningKey(key);
  const clock = { now: T0 };
  const passKeys = new PassKeys([{ kid: key.kid, publicKey: key.publicKey, from: opts.keyFrom ?? 0, until: null }]);
  const opened = await openTestStation('gp', { people: [li, liWife, zhang, sick], passKeys, revoked: new Set(opts.revoked ?? []), now: () => clock.now });
  const station = new GateStation(opened.ctx);
  const { scan, code } = scannerFor(station, opened.site.id);
  const claims = (over: Partial<PassClaims> = {}): PassClaims => ({
    siteId: opened.site.id,
    passId: 'pass0001',
    holder: { kind: 'person', id: li.id },
    kind: 'resident',
    issuedAt: NOW - DAY,
    validFrom: NOW - DAY,
    validUntil: NOW + 30 * DAY,
    ...over
  });
  const pass = (over: Partial<PassClaims> = {}, by: SigningKey = signer) => signPass(claims(over), by);
  const stored = async (): Promise<Entry[]> => (await opened.ledger.reads.dayEntries('2026-11-22')).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { ...opened, station, scan, code, pass, claims, stored, clock };
}

/** The pass with one byte of its COSE bytes changed (the last: the signature's). */
function withLastByteChanged(text: string): string {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  d.bytes[d.bytes.length - 1]! ^= 1;
  return 'BP1:' + encodeBase45(d.bytes);
}

describe('GateStation with signed passes', () => {
  it('lets a resident with a signed pass through, recorded under the person', async () => {
    const { station, scan, pass, claims, stored } = await gate();
    const shown = await scan(await pass());
    expect(shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', person: li, direction: 'in' }, pass: claims(), named: { verified: true } });
    expect((await stored()).map((e) => [e.kind, e.subject, e.verdict, e.reason])).toEqual([['gate-in', li.id, 'accepted', undefined]]);
    station.destroy();
  });

  it('refuses every pass it cannot honour with its reason, and records each as pass-<reason>', async () => {
    const { station, scan, pass, stored, site } = await gate({ revoked: ['lost0001'] });
    const stranger = await importSigningKey(await generatePassKey());
    const cases: [string, string, string][] = [
      ['BP1:hello world', 'forged', ''],
      ['BP1:' + encodeBase45(new TextEncoder().encode('{"site":"x"}')), 'forged', ''],
      [await pass({ siteId: 'next0002' }), 'other-site', ''],
      [await pass({}, stranger), 'unknown-key', ''],
      [withLastByteChanged(await pass()), 'tampered', ''],
      [await pass({ passId: 'lost0001' }), 'revoked', li.id],
      [await pass({ passId: 'soon0001', validFrom: NOW + DAY }), 'not-yet-valid', li.id],
      [await pass({ passId: 'old00001', validFrom: NOW - 30 * DAY, validUntil: NOW - DAY }), 'expired', li.id]
    ];
    for (const [text, reason, subject] of cases) {
      const shown = await scan(text);
      expect(shown, reason).toMatchObject({ kind: 'pass-refused', reason });
      const entry = (await stored()).at(-1)!;
      expect(entry, reason).toMatchObject({ kind: 'gate-in', verdict: 'refused', reason: `pass-${reason}`, direction: 'in' });
      // A genuine pass refused is its holder's; one whose claims cannot be trusted is only its text.
      expect(entry.subject, reason).toBe(subject || text);
      // Only claims the signature vouches for are shown.
      expect(shown?.kind === 'pass-refused' && shown.claims?.holder.id, reason).toBe(subject ? li.id : undefined);
    }
    expect(await stored()).toHaveLength(cases.length);
    expect(site.id).not.toBe('next0002');
    station.destroy();
  });

  it('refuses a pass issued outside its key’s window', async () => {
    const { station, scan, pass, stored } = await gate({ keyFrom: NOW });
    expect(await scan(await pass({ issuedAt: NOW - DAY }))).toMatchObject({ kind: 'pass-refused', reason: 'key-not-in-force' });
    expect((await stored()).at(-1)).toMatchObject({ reason: 'pass-key-not-in-force', subject: li.id });
    station.destroy();
  });

  it('shows a household pass’s members to choose from, records nothing until one is chosen, then judges that one', async () => {
    const { station, scan, pass, stored } = await gate();
    const shown = await scan(await pass({ holder: { kind: 'household', id: householdPassId(li) } }));
    expect(shown).toMatchObject({ kind: 'household', direction: 'in' });
    expect(shown?.kind === 'household' && shown.members.map((p) => p.id).sort()).toEqual([li.id, liWife.id].sort());
    expect(await stored()).toHaveLength(0);
    // Someone of another household is no choice.
    await station.choose(zhang.id);
    expect(station.shown).toBe(shown);
    await station.choose(liWife.id);
    expect(station.shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', person: liWife }, named: { verified: true } });
    expect((await stored()).map((e) => [e.subject, e.verdict])).toEqual([[liWife.id, 'accepted']]);
    station.destroy();
  });

  it('takes a household pass of a one-person household as that person’s', async () => {
    const { station, scan, pass } = await gate();
    expect(await scan(await pass({ holder: { kind: 'household', id: householdPassId(zhang) } }))).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', person: zhang } });
    station.destroy();
  });

  it('offers no override for a code of nobody on the roster', async () => {
    const { station, scan, code, stored } = await gate();
    expect(await scan(code('nobody01'))).toMatchObject({ verdict: { kind: 'refused', reason: 'not-on-roster' } });
    expect(await station.override('1234', '访客')).toBe(false);
    await station.exempt('medical');
    expect(await stored()).toHaveLength(1);
    station.destroy();
  });

  it('says a health-code web address is not our pass, and records it so', async () => {
    const { station, scan, stored } = await gate();
    const url = 'https://jkm.sh.gov.cn/qr?c=AB12';
    expect(await scan(url)).toMatchObject({ kind: 'not-ours', what: 'health-code', text: url });
    expect((await stored()).at(-1)).toMatchObject({ kind: 'gate-in', subject: url, verdict: 'refused', reason: 'not-our-code' });
    station.destroy();
  });

  it('in only-in mode refuses a pass out, and lets it through with an exemption, recorded on the entry', async () => {
    const { station, scan, pass, ledger, stored } = await gate();
    await ledger.changePolicy([{ field: 'mode', mode: 'only-in' }]);
    station.direction = 'out';
    expect(await scan(await pass())).toMatchObject({ kind: 'verdict', verdict: { kind: 'refused', reason: 'only-in', person: li } });
    await station.exempt('medical');
    expect(station.shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', direction: 'out', exemption: 'medical' } });
    expect((await stored()).map((e) => [e.kind, e.verdict, e.reason, e.exemption])).toEqual([
      ['gate-out', 'refused', 'only-in', undefined],
      ['gate-out', 'accepted', undefined, 'medical']
    ]);
    station.destroy();
  });

  it('refuses a quarantined person out whatever the exemption; the supervisor lets them out with the PIN and a reason', async () => {
    const { station, scan, pass, stored } = await gate();
    station.direction = 'out';
    const refused = { kind: 'verdict', verdict: { kind: 'refused', reason: 'quarantined', person: sick } };
    expect(await scan(await pass({ holder: { kind: 'person', id: sick.id } }))).toMatchObject(refused);
    const before = (await stored()).length;
    // No exemption lifts quarantine: choosing one changes nothing, and records nothing more.
    await station.exempt('medical');
    expect(station.shown).toMatchObject(refused);
    expect(await stored()).toHaveLength(before);
    expect(await station.override('0000', '120 转运')).toBe(false);
    expect(await station.override('1234', '   ')).toBe(false);
    expect(await stored()).toHaveLength(before);
    expect(station.shown).toMatchObject(refused);
    expect(await station.override('1234', '120 转运')).toBe(true);
    expect(station.shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', override: { reason: '120 转运', lifted: 'quarantined' } } });
    expect((await stored()).at(-1)).toMatchObject({ kind: 'gate-out', subject: sick.id, verdict: 'accepted', reason: 'supervisor-override', note: '120 转运' });
    station.destroy();
  });

  it('with bare codes off, refuses a personal code as unsigned, and still takes a signed pass', async () => {
    const { station, scan, code, pass, ledger, stored } = await gate();
    await ledger.changePolicy([{ field: 'unsigned-codes', on: false }]);
    expect(await scan(code(li.id))).toMatchObject({ kind: 'verdict', verdict: { kind: 'refused', reason: 'unsigned-code', person: li } });
    // Neither an exemption nor the supervisor lets a bare code through: nothing happens, nothing more is recorded.
    await station.exempt('medical');
    expect(await station.override('1234', '认识他')).toBe(false);
    expect(station.shown).toMatchObject({ verdict: { reason: 'unsigned-code' } });
    expect(await scan(await pass())).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', person: li } });
    expect((await stored()).map((e) => [e.verdict, e.reason])).toEqual([
      ['refused', 'unsigned-code'],
      ['accepted', undefined]
    ]);
    station.destroy();
  });

  it('counts a household’s outings: a second member out within the day is refused with when the next is allowed', async () => {
    const { station, scan, pass, ledger, clock, stored } = await gate();
    await ledger.changePolicy([{ field: 'quota', quota: { outings: 1, days: 1, hours: 4 } }]);
    const household = await pass({ holder: { kind: 'household', id: householdPassId(li) } });
    station.direction = 'out';
    await scan(household);
    await station.choose(li.id);
    expect(station.shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', person: li } });
    clock.now = T0 + 2 * HOUR;
    station.direction = 'in';
    await scan(household);
    await station.choose(li.id);
    clock.now = T0 + 3 * HOUR;
    station.direction = 'out';
    await scan(household);
    await station.choose(liWife.id);
    expect(station.shown).toMatchObject({ kind: 'verdict', verdict: { kind: 'refused', reason: 'quota-full', person: liWife, nextAt: T0 + 24 * HOUR } });
    expect((await stored()).map((e) => [e.subject, e.kind, e.verdict, e.reason])).toEqual([
      [li.id, 'gate-out', 'accepted', undefined],
      [li.id, 'gate-in', 'accepted', undefined],
      [liWife.id, 'gate-out', 'refused', 'quota-full']
    ]);
    station.destroy();
  });
});

