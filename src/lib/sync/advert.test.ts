import { describe, expect, it } from 'vitest';
import { connect, makePeer, settle } from './sync-fixtures';
import { decodeAdvert, type Advert } from './advert';
import { MSG, encodeMessage } from './wire';

const advertOf = (device: string, at: number, over: Partial<Advert> = {}): Advert => ({
  device,
  name: `tablet ${device}`,
  station: 'gate',
  entries: 3,
  days: { '2026-11-22': '3-0000abcd-0000ef01' },
  at,
  ...over
});

/** A peer whose advert the test can change, as a tablet's does when it records. */
function advertising(device: string) {
  let current = advertOf(device, 1);
  const peer = makePeer(device, { advert: () => current });
  return Object.assign(peer, {
    change(over: Partial<Advert>) {
      current = { ...current, ...over, at: current.at + 1 };
      peer.node.advertise();
    }
  });
}

describe('adverts between tablets', () => {
  it('tells each tablet of a chain about every other, marking which it heard directly', async () => {
    const [a, b, c] = [advertising('deva0001'), advertising('devb0001'), advertising('devc0001')];
    connect(a, b);
    connect(b, c);
    await settle([a, b, c]);
    expect([...a.node.adverts.keys()].sort()).toEqual(['devb0001', 'devc0001']);
    expect([...c.node.adverts.keys()].sort()).toEqual(['deva0001', 'devb0001']);
    expect(a.heard.find((h) => h.advert.device === 'devc0001')?.direct).toBe(false);
    expect(a.heard.find((h) => h.advert.device === 'devb0001')?.direct).toBe(true);
  });

  it('passes on a newer advert once and drops older ones, so a ring ends quiet', async () => {
    const [a, b, c] = [advertising('deva0001'), advertising('devb0001'), advertising('devc0001')];
    connect(a, b);
    connect(b, c);
    connect(c, a);
    await settle([a, b, c]);
    const before = b.heard.length;
    a.change({ entries: 9 });
    await settle([a, b, c]);
    expect(b.node.adverts.get('deva0001')?.entries).toBe(9);
    expect(c.node.adverts.get('deva0001')?.entries).toBe(9);
    expect(b.heard.length).toBe(before + 1); // heard once though it reached B by two paths
  });

  it('refuses a malformed advert, reports it, and keeps what it knew', async () => {
    const [a, b] = [advertising('deva0001'), advertising('devb0001')];
    const { pair } = connect(a, b);
    await settle([a, b]);
    const hostile = [
      'not json',
      JSON.stringify({ ...advertOf('devb0001', 99), days: { 'not-a-day': 'x' } }),
      JSON.stringify({ ...advertOf('devb0001', 99), station: 'kitchen' }),
      JSON.stringify({ ...advertOf('DEV!', 99) })
    ];
    for (const text of hostile) pair.b.send(encodeMessage({ type: MSG.ADVERT, doc: '', advert: text }));
    await settle([a, b]);
    expect(a.problems.filter((p) => p.reason === 'bad-advert')).toHaveLength(hostile.length);
    expect(a.node.adverts.get('devb0001')?.at).toBe(1);
  });

  it('decodes only exact adverts', () => {
    expect(decodeAdvert(advertOf('deva0001', 5))).toEqual(advertOf('deva0001', 5));
    expect(decodeAdvert(null)).toBeNull();
    expect(decodeAdvert({ ...advertOf('deva0001', 5), entries: -1 })).toBeNull();
    expect(decodeAdvert({ ...advertOf('deva0001', 5), name: 'x'.repeat(65) })).toBeNull();
    const days = Object.fromEntries(Array.from({ length: 63 }, (_, i) => [`2026-01-${String(i).padStart(2, '0')}`, '0-00000000-00000000']));
    expect(decodeAdvert({ ...advertOf('deva0001', 5), days })).toBeNull();
  });
});
