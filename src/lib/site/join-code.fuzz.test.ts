import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZ_TIMEOUT, fuzzRuns, hostileText, mutatedRecord, mutatedText, ownKeys } from '$lib/core/fuzz-fixtures';
import { toBase64url } from '$lib/core/base64url';
import { JOIN_PREFIX, MAX_JOIN_CODE, MAX_SIGNALING, formatJoinCode, isSignalingUrl, parseIceServers, parseSignalingList, readJoinCode, type JoinCodeReading } from './join-code';

type JoinedSite = Extract<JoinCodeReading, { ok: true }>['site'];

const chars = (set: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...set), minLength: min, maxLength: max });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PRINTABLE = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => c !== '"' && c !== '\\').join('');
const ZONES = Intl.supportedValuesOf('timeZone');

const signalingUrl = fc
  .tuple(fc.constantFrom('ws://', 'wss://'), chars('abcdefghijklmnopqrstuvwxyz0123456789.-', 1, 40), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), chars(PRINTABLE, 0, 150))
  .map(([scheme, host, port, path]) => `${scheme}${host}${port ? `:${port}` : ''}/${path}`.slice(0, 200))
  .filter(isSignalingUrl);

/** Any site a tablet can show the join code of. */
const site: fc.Arbitrary<JoinedSite> = fc
  .record({
    id: chars('0123456789abcdefghijklmnopqrstuvwxyz', 4, 16),
    name: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((n) => n.length <= 60 && n.trim().length > 0),
    timeZone: fc.constantFrom(...ZONES),
    secret: chars(BASE64URL, 16, 128),
    signaling: fc.option(fc.array(signalingUrl, { minLength: 1, maxLength: MAX_SIGNALING }), { nil: undefined }),
    passRoot: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toBase64url), { nil: undefined })
  })
  .map((s) => {
    if (!s.signaling) delete s.signaling;
    if (!s.passRoot) delete s.passRoot;
    return s;
  });

/** A join code of any JSON fields (a bigint written as the huge number it is). */
const code = (fields: unknown) => JOIN_PREFIX + Buffer.from(JSON.stringify(fields, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).toString('base64url');

function expectReading(r: JoinCodeReading): void {
  if (r.ok) expect(readJoinCode(formatJoinCode(r.site))).toEqual(r);
  else expect(['too-long', 'not-a-join-code', 'unreadable', 'bad-field']).toContain(r.reason);
}

describe('join codes under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('read back the site of every join code a tablet shows, within the cap', () => {
    fc.assert(
      fc.property(site, (s) => {
        const text = formatJoinCode(s);
        expect(text.length).toBeLessThanOrEqual(MAX_JOIN_CODE);
        expect(readJoinCode(text)).toEqual({ ok: true, site: s });
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('never throw on any text, or a code one edit off, and answer a site or one named refusal', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(300), hostileText(100).map((t) => JOIN_PREFIX + t), site.chain((s) => mutatedText(formatJoinCode(s)))), (text) => expectReading(readJoinCode(text))),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throw on fields of the wrong type, out of range, or under prototype keys', () => {
    fc.assert(
      fc.property(site.chain((s) => mutatedRecord({ i: s.id, n: s.name, z: s.timeZone, s: s.secret, ...(s.signaling ? { g: s.signaling } : {}), ...(s.passRoot ? { r: s.passRoot } : {}) }, ownKeys)), (fields) => {
        expectReading(readJoinCode(code(fields ?? null)));
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('refuse by length before decoding: a code padded to the cap is read, one character more is refused as too long', () => {
    const text = formatJoinCode({ id: 'demo0001', name: '幸福里', timeZone: 'Asia/Shanghai', secret: 'A'.repeat(43) });
    expect(readJoinCode(text.padEnd(MAX_JOIN_CODE, ' ')).ok).toBe(true);
    expect(readJoinCode(text.padEnd(MAX_JOIN_CODE + 1, ' '))).toEqual({ ok: false, reason: 'too-long' });
    expect(readJoinCode(JOIN_PREFIX + 'A'.repeat(10 * MAX_JOIN_CODE))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('regression: the longest site the app accepts has a join code another tablet reads (it was refused over 1,200 characters)', () => {
    const longest: JoinedSite = {
      id: 'z'.repeat(16),
      name: '\u0001'.repeat(60), // every character escaped as \\u0001 in the JSON
      timeZone: 'America/Argentina/ComodRivadavia',
      secret: 'A'.repeat(128),
      signaling: Array.from({ length: MAX_SIGNALING }, (_, i) => `wss://signal-${i}.example.org/${'s'.repeat(200)}`.slice(0, 200))
    };
    const text = formatJoinCode(longest);
    expect(text.length).toBeGreaterThan(1200);
    expect(readJoinCode(text)).toEqual({ ok: true, site: longest });
  });

  it('regression: an empty list of signaling addresses reads as none, as the tablet would show it (fuzzing found it)', () => {
    const fields = { i: 'demo0001', n: 'Site', z: 'Asia/Shanghai', s: 'A'.repeat(20) };
    const site = { id: 'demo0001', name: 'Site', timeZone: 'Asia/Shanghai', secret: 'A'.repeat(20) };
    expect(readJoinCode(code({ ...fields, g: [] }))).toEqual({ ok: true, site });
  });

  it('refuse a secret or a signaling address outside plain ASCII, which would let a code outgrow the cap', () => {
    const fields = { i: 'demo0001', n: 'Site', z: 'Asia/Shanghai', s: 'A'.repeat(20) };
    expect(readJoinCode(code({ ...fields, s: '"'.repeat(20) }))).toEqual({ ok: false, reason: 'bad-field', field: 's' });
    for (const url of ['ws://a/"x', 'ws://a/\\x', 'ws://a/路径', 'wss://例子.中国/']) {
      expect(isSignalingUrl(url)).toBe(false);
      expect(readJoinCode(code({ ...fields, g: [url] }))).toEqual({ ok: false, reason: 'bad-field', field: 'g' });
    }
  });
});

describe('signaling and ICE servers typed in settings, under fuzzing', () => {
  it('never throw, and accept only lists of addresses that read back the same', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(300), fc.array(fc.oneof(signalingUrl, hostileText(30)), { maxLength: 6 }).map((l) => l.join('\n'))), (text) => {
        const list = parseSignalingList(text);
        if (list) {
          expect(list.length).toBeLessThanOrEqual(MAX_SIGNALING);
          expect(list.every(isSignalingUrl)).toBe(true);
          expect(parseSignalingList(list.join('\n'))).toEqual(list);
        }
        const ice = parseIceServers(text);
        if (ice) expect(ice.length).toBeLessThanOrEqual(MAX_SIGNALING);
      }),
      { numRuns: fuzzRuns() }
    );
  });
});
