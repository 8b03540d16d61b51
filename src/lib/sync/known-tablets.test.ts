import { beforeEach, describe, expect, it } from 'vitest';
import type { Advert } from '$lib/sync/advert';
import { HEARTBEAT_MS, KnownTablets } from './known-tablets.svelte';

// Node has no localStorage: a plain one, emptied before each test (a fresh tablet).
const stored = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) }
});
beforeEach(() => stored.clear());

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const advert = (device: string, name: string, at = T0): Advert => ({ device, name, station: 'gate', entries: 12, days: { '2026-11-22': '12-0000abcd-0000ef01' }, at });
const view = (book: KnownTablets, device: string) => book.views.find((v) => v.advert.device === device);

describe('KnownTablets', () => {
  it('a tablet heard only through others is reachable while its heartbeats come, and last seen once they stop', () => {
    const book = new KnownTablets('site0001');
    book.hear(advert('aaaaaaaa', '北门1号'), false, T0);
    expect(view(book, 'aaaaaaaa')).toMatchObject({ connected: false, relayed: true, lastSeen: T0 });
    book.refresh(T0 + 2 * HEARTBEAT_MS);
    expect(view(book, 'aaaaaaaa')?.relayed).toBe(true); // a heartbeat or two may be late
    book.hear(advert('aaaaaaaa', '北门1号', T0 + 2 * HEARTBEAT_MS), false, T0 + 2 * HEARTBEAT_MS);
    book.refresh(T0 + 4 * HEARTBEAT_MS + 1);
    expect(view(book, 'aaaaaaaa')).toMatchObject({ relayed: true });
    book.refresh(T0 + 5 * HEARTBEAT_MS + 1); // three heartbeats missed: no longer reachable
    expect(view(book, 'aaaaaaaa')).toMatchObject({ connected: false, relayed: false, lastSeen: T0 + 2 * HEARTBEAT_MS });
  });

  it('a connected tablet is never "relayed", and is last seen when it leaves; connected ones come first', () => {
    const book = new KnownTablets('site0001');
    book.hear(advert('aaaaaaaa', '北门1号'), false, T0);
    book.hear(advert('bbbbbbbb', '南门1号'), true, T0 + 1000);
    book.setConnected(['bbbbbbbb'], T0 + 1000);
    expect(book.views.map((v) => v.advert.name)).toEqual(['南门1号', '北门1号']);
    book.hear(advert('bbbbbbbb', '南门1号'), false, T0 + 2000); // its advert relayed by another
    expect(view(book, 'bbbbbbbb')).toMatchObject({ connected: true, relayed: false });
    book.setConnected([], T0 + 60_000);
    expect(view(book, 'bbbbbbbb')).toMatchObject({ connected: false, relayed: false, lastSeen: T0 + 60_000 });
  });

  it('remembers each tablet\'s last advert and last seen across a restart, per site; damaged memory starts afresh', () => {
    const book = new KnownTablets('site0001');
    book.hear(advert('aaaaaaaa', '北门1号'), true, T0);
    book.setConnected(['aaaaaaaa'], T0);
    book.setConnected([], T0 + 5000);

    const restarted = new KnownTablets('site0001');
    expect(view(restarted, 'aaaaaaaa')).toMatchObject({ advert: { name: '北门1号', entries: 12 }, connected: false, lastSeen: T0 + 5000 });
    expect(new KnownTablets('site0002').views).toEqual([]);

    stored.set('bastion-tablets-site0001', '[{"advert":{"device":"<script>","name":1}},"x"');
    expect(new KnownTablets('site0001').views).toEqual([]);
    stored.set('bastion-tablets-site0001', JSON.stringify([{ advert: { device: 'not an id!', name: 'x' }, lastSeen: T0 }]));
    expect(new KnownTablets('site0001').views).toEqual([]);
  });
});
