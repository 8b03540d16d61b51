import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOIN_PREFIX, formatIceServers, formatJoinCode, parseIceServers, parseJoinCode, parseSignalingList } from './join-code';
import { makeSite } from '$lib/core/builders';

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
