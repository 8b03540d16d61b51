import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOIN_PREFIX, MAX_JOIN_CODE, MAX_SIGNALING, formatIceServers, formatJoinCode, parseIceServers, parseJoinCode, parseSignalingList, readJoinCode } from './join-code';
import { makeSite } from '$lib/core/builders';
import { toBase64url } from '$lib/core/base64url';

describe('join codes', () => {
  it('round-trip a site, Chinese name included', () => {
    const site = makeSite({ name: '幸福里小区 3期', secret: 'A'.repeat(43) });
    const code = formatJoinCode(site);
    expect(code.startsWith(JOIN_PREFIX)).toBe(true);
    expect(parseJoinCode(code)).toEqual({ id: site.id, name: site.name, timeZone: site.timeZone, secret: site.secret });
  });

  it('refuses anything else, without throwing', () => {
    const good = formatJoinCode(makeSite());
    for (const bad of ['', 'hello', JOIN_PREFIX, JOIN_PREFIX + '!!!', good.slice(0, -4), JOIN_PREFIX + btoa('{"i":"x"}'), good + 'x'.repeat(700)]) {
      expect(parseJoinCode(bad)).toBeNull();
    }
    const tampered = JOIN_PREFIX + btoa(JSON.stringify({ i: 'demo0001', n: 'Site', z: 'Mars/Olympus', s: 'x'.repeat(20) }));
    expect(parseJoinCode(tampered)).toBeNull();
    fc.assert(fc.property(fc.string(), (s) => void parseJoinCode(JOIN_PREFIX + s)));
  });

  it('carry the site\'s signaling servers, and refuse a code whose addresses are not ws:// or wss://', () => {
    const site = makeSite({ signaling: ['ws://192.168.1.20:4173/signal', 'wss://signal.example.org/'] });
    expect(parseJoinCode(formatJoinCode(site))?.signaling).toEqual(site.signaling);
    for (const g of [['http://x/signal'], ['javascript:alert(1)'], ['ws://a', 'ws://b', 'ws://c', 'ws://d', 'ws://e'], 'ws://x', [42]]) {
      const code = JOIN_PREFIX + btoa(JSON.stringify({ i: 'demo0001', n: 'Site', z: 'Asia/Shanghai', s: 'x'.repeat(20), g }));
      expect(parseJoinCode(code)).toBeNull();
    }
  });
});

describe('the root pass key in a join code', () => {
  const ROOT = toBase64url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));
  const fields = { i: 'demo0001', n: 'Site', z: 'Asia/Shanghai', s: 'x'.repeat(20) };
  const code = (f: Record<string, unknown>) => JOIN_PREFIX + Buffer.from(JSON.stringify(f)).toString('base64url');

  it('is carried as `r` and read back as the site’s passRoot', () => {
    const site = makeSite({ passRoot: ROOT, signaling: ['wss://signal.example.org/'] });
    const text = formatJoinCode(site);
    expect(JSON.parse(Buffer.from(text.slice(JOIN_PREFIX.length), 'base64url').toString())).toMatchObject({ r: ROOT });
    expect(parseJoinCode(text)).toEqual({ id: site.id, name: site.name, timeZone: site.timeZone, secret: site.secret, signaling: site.signaling, passRoot: ROOT });
  });

  it('is refused as a bad field `r` when it is not a public key’s text', () => {
    for (const r of ['', 'x', ROOT.slice(0, 42), ROOT + 'A', ROOT.slice(0, 42) + 'B', ROOT.replace(/^./, '+'), toBase64url(new Uint8Array(33)), 42, null, [ROOT], { r: ROOT }]) {
      expect(readJoinCode(code({ ...fields, r })), JSON.stringify(r)).toEqual({ ok: false, reason: 'bad-field', field: 'r' });
    }
  });

  it('may be absent: a code made before passes were signed still reads, with no root', () => {
    const read = readJoinCode(code(fields));
    expect(read).toEqual({ ok: true, site: { id: 'demo0001', name: 'Site', timeZone: 'Asia/Shanghai', secret: 'x'.repeat(20) } });
    expect(read.ok && 'passRoot' in read.site).toBe(false);
  });

  it('keeps the longest code within the cap and within a QR code at error correction M, as join-code.ts says', () => {
    const longest = {
      id: 'z'.repeat(16),
      name: '\u0001'.repeat(60), // each escaped as \\u0001 in the JSON
      timeZone: 'Z'.repeat(64), // no zone is this long: the bound the reader allows
      secret: 'A'.repeat(128),
      signaling: Array.from({ length: MAX_SIGNALING }, (_, i) => `wss://signal-${i}.example.org/${'s'.repeat(200)}`.slice(0, 200)),
      passRoot: ROOT
    };
    const text = formatJoinCode(longest);
    expect(text.length).toBe(1960);
    expect(formatJoinCode({ ...longest, passRoot: undefined }).length).toBe(1893);
    expect(text.length).toBeLessThanOrEqual(MAX_JOIN_CODE);
    expect(text.length).toBeLessThanOrEqual(2331);
    // With a zone the reader accepts, another tablet reads it whole.
    const real = { ...longest, timeZone: 'America/Argentina/ComodRivadavia' };
    expect(readJoinCode(formatJoinCode(real))).toEqual({ ok: true, site: real });
  });
});

describe('signaling addresses typed in settings', () => {
  it('takes one ws:// or wss:// address per line, ignoring blanks and repeats', () => {
    expect(parseSignalingList(' ws://10.0.0.2:4173/signal \n\nwss://a.example/s\nws://10.0.0.2:4173/signal')).toEqual(['ws://10.0.0.2:4173/signal', 'wss://a.example/s']);
    expect(parseSignalingList('')).toEqual([]);
  });
  it('refuses the whole list if one line is not an address', () => {
    for (const bad of ['http://10.0.0.2/signal', 'ws://user:pw@host/', 'ws://', 'hello', 'ws://a\nws://b\nws://c\nws://d\nws://e']) expect(parseSignalingList(bad)).toBeNull();
  });
});

describe('ICE servers typed in settings', () => {
  it('takes STUN addresses, and TURN addresses with their username and credential', () => {
    const text = 'stun:10.0.0.1:3478\nturn:10.0.0.1:3478?transport=udp gate pw1';
    const servers = parseIceServers(text);
    expect(servers).toEqual([{ urls: 'stun:10.0.0.1:3478' }, { urls: 'turn:10.0.0.1:3478?transport=udp', username: 'gate', credential: 'pw1' }]);
    expect(formatIceServers(servers!)).toBe(text);
    expect(parseIceServers('  \n')).toEqual([]);
  });
  it('refuses a TURN server without credentials, a STUN server with them, and anything else', () => {
    for (const bad of ['turn:10.0.0.1', 'stun:10.0.0.1 user pw', 'http://10.0.0.1', 'stun:', 'turn:a u p extra']) expect(parseIceServers(bad)).toBeNull();
  });
});
