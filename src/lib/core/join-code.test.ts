import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOIN_PREFIX, formatJoinCode, parseJoinCode } from './join-code';
import { makeSite } from './builders';

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
});
