import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DAY, connect, entriesState, entryValue, makePeer, settle } from './sync-fixtures';
import { MSG, encodeMessage } from './wire';
import { createConnectedPair } from './memory-transport';
import type { Transport } from './store';

describe('PeerSync between two peers', () => {
  it('exchanges what each lacks, both ways, and says when it is synced', async () => {
    const a = makePeer('deva0001');
    const b = makePeer('devb0001');
    a.write(5);
    b.write(3, 'day:2026-11-21');
    const { sx, sy } = connect(a, b);
    await Promise.all([sx.whenSynced, sy.whenSynced]);
    await settle([a, b]);
    expect(entriesState(a)).toEqual(entriesState(b));
    expect(Object.keys(entriesState(a)[DAY]!)).toHaveLength(5);
    expect(Object.keys(entriesState(a)['day:2026-11-21']!)).toHaveLength(3);
    expect(a.problems).toEqual([]);
  });

  it('sends live writes after the catch-up', async () => {
    const a = makePeer('deva0001');
    const b = makePeer('devb0001');
    connect(a, b);
    await settle([a, b]);
    const [id] = a.write(1);
    await settle([a, b]);
    expect(entriesState(b)[DAY]![id!]).toEqual(entryValue('deva0001', 1));
  });

  it('relays: A and C converge through B though they never meet', async () => {
    const [a, b, c] = [makePeer('deva0001'), makePeer('devb0001'), makePeer('devc0001')];
    a.write(4);
    c.write(2);
    connect(a, b);
    connect(b, c);
    await settle([a, b, c]);
    a.write(1);
    c.write(1, 'day:2026-11-23');
    await settle([a, b, c]);
    expect(entriesState(a)).toEqual(entriesState(c));
    expect(entriesState(a)).toEqual(entriesState(b));
    expect(Object.keys(entriesState(c)[DAY]!)).toHaveLength(7);
  });

  it('drops and reports malformed and hostile messages, and keeps going', async () => {
    const a = makePeer('deva0001');
    const b = makePeer('devb0001');
    const { pair } = connect(a, b);
    await settle([a, b]);
    const stranger = new Y.Doc();
    stranger.getMap('entries').set('devb0001:1', entryValue('devb0001', 1));
    stranger.getMap('entries').set('deva0001:1', entryValue('deva0001', 1)); // one client, two devices
    const hostile = [
      new Uint8Array([9, 9, 9]),
      encodeMessage({ type: MSG.UPDATE, doc: DAY, update: new Uint8Array([1, 2, 3, 4]) }),
      encodeMessage({ type: MSG.UPDATE, doc: 'secrets', update: Y.encodeStateAsUpdate(stranger) }),
      encodeMessage({ type: MSG.UPDATE, doc: DAY, update: Y.encodeStateAsUpdate(stranger) }),
      new Uint8Array(70 * 1024)
    ];
    for (const m of hostile) pair.b.send(m);
    await settle([a, b]);
    expect(a.problems.map((p) => p.reason)).toEqual(['bad-message', 'malformed', 'unknown-doc', 'foreign-entry', 'too-large']);
    expect(entriesState(a)[DAY] ?? {}).toEqual({});
    b.write(1);
    await settle([a, b]);
    expect(Object.keys(entriesState(a)[DAY]!)).toEqual(['devb0001:1']);
  });
});

describe('the handshake', () => {
  it('recovers when one side speaks before the other listens (a pre-negotiated channel)', async () => {
    const a = makePeer('aaaaaaaa');
    const b = makePeer('bbbbbbbb');
    a.write(5);
    b.write(3);
    const pair = createConnectedPair();
    // Everything A sends before B has its end of the channel is lost, as on WebRTC.
    let listening = false;
    let lost = 0;
    const lossy: Transport = {
      send: (m) => (listening ? pair.a.send(m) : void lost++),
      onMessage: (h) => pair.a.onMessage(h),
      onClose: (h) => pair.a.onClose(h),
      close: () => pair.a.close()
    };
    a.node.connect(lossy);
    await a.node.idle();
    listening = true;
    b.node.connect(pair.b);
    await settle([a, b]);
    expect(lost).toBeGreaterThan(0);
    expect(entriesState(a)).toEqual(entriesState(b));
    expect(Object.keys(entriesState(a)[DAY]!)).toHaveLength(8);
  });
});
