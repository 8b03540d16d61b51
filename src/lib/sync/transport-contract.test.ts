import { afterEach, describe, expect, it } from 'vitest';
import { createConnectedPair } from './memory-transport';
import { channelTransport } from './webrtc';
import { asDataChannel, fakeChannelPair, type FakeDataChannel } from './channel-fixtures';
import { runTransportContract } from './transport-contract';

runTransportContract('in-memory pair', () => createConnectedPair({ auto: true }));

for (const over of ['message-channel', 'broadcast-channel'] as const) {
  runTransportContract(`channelTransport over a ${over}`, () => {
    const [x, y] = fakeChannelPair(over);
    return { a: channelTransport(asDataChannel(x)), b: channelTransport(asDataChannel(y)) };
  });
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What only a data channel has: a send buffer that fills, and the `ended` callback. */
describe('channelTransport on a data channel', () => {
  const KIB = 1024;
  const channels: FakeDataChannel[] = [];
  const joined = () => {
    const pair = fakeChannelPair('message-channel');
    channels.push(...pair);
    return pair;
  };
  afterEach(() => channels.splice(0).forEach((c) => c.close()));

  it('waits for a full buffer to drain: however much is sent, little more than 1 MiB waits in it', async () => {
    const [x, y] = joined();
    const [a, b] = [channelTransport(asDataChannel(x)), channelTransport(asDataChannel(y))];
    let arrived = 0;
    b.onMessage(() => arrived++);
    for (let i = 0; i < 48; i++) await a.send(new Uint8Array(64 * KIB));
    for (let i = 0; i < 500 && arrived < 48; i++) await tick(2);
    expect(arrived).toBe(48);
    expect(x.peakBuffered).toBeGreaterThan(1024 * KIB); // the buffer did fill: the wait was taken
    expect(x.peakBuffered).toBeLessThanOrEqual(1024 * KIB + 64 * KIB);
  });

  it('ends a send waiting on a congested channel when the peer goes away, and says ended once', async () => {
    const [x, y] = joined();
    let ended = 0;
    const a = channelTransport(asDataChannel(x), () => ended++);
    await tick(10);
    x.stall();
    let sent = 0;
    const run = (async () => {
      for (let i = 0; i < 24; i++) {
        await a.send(new Uint8Array(64 * KIB));
        sent++;
      }
    })();
    await tick(30);
    expect(sent).toBeLessThan(24); // waiting for the buffer to drain
    // The page at the other end navigated away: the channel closes under the transport, and
    // what waits in its buffer is never sent (no `bufferedamountlow` comes).
    y.close();
    await Promise.race([run, tick(2000).then(() => Promise.reject(new Error('a waiting send hung on a closed channel')))]);
    await tick(20);
    a.close();
    expect(sent).toBe(24);
    expect(ended).toBe(1);
  });

  it('delivers nothing after an error ended the transport, though the channel is not closed yet', async () => {
    const [x, y] = joined();
    const [a, b] = [channelTransport(asDataChannel(x)), channelTransport(asDataChannel(y))];
    let closed = false;
    let afterClose = 0;
    a.onClose(() => (closed = true));
    a.onMessage(() => closed && afterClose++);
    await tick(10);
    x.fail();
    expect(closed).toBe(true);
    await b.send(new Uint8Array([1, 2, 3]));
    await tick(30);
    expect(afterClose).toBe(0);
  });
});
