/**
 * What every `Transport` owes the sync session, as one suite run against each transport
 * (automerge-repo's adapter tests): the in-memory pair of tests and `channelTransport` over
 * a data channel must be interchangeable under `PeerSync`.
 *
 * What the session relies on (session.ts), and so what the suite checks:
 * - Messages arrive in the order sent, byte for byte, as Uint8Arrays, both ways at once,
 *   from empty to the largest message (64 KiB), including those sent the moment the
 *   transport was made (a session says HELLO at once).
 * - `onMessage` sets the one handler; one set later still gets every later message.
 * - `close` is heard once on each end, whichever end closed (a session ends on it); after it
 *   nothing more arrives, and a send neither throws nor arrives.
 * - A send's promise (backpressure) resolves, also for one still waiting when the
 *   connection ends: the session chains every send on the one before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from './store';

/** Two transports joined to each other, fresh. */
export interface TransportPair {
  a: Transport;
  b: Transport;
}

const KIB = 1024;

/** `n` bytes of a pattern that differs by `seed`, so that swapped messages show. */
function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 255;
  return out;
}

/** Empty, one byte, 64 KiB, a view into the middle of a larger buffer, and small ones. */
function sample(seed: number): Uint8Array[] {
  const big = pattern(4 * KIB, seed + 1);
  return [new Uint8Array(0), pattern(1, seed), pattern(64 * KIB, seed), big.subarray(1000, 1100), ...Array.from({ length: 20 }, (_, i) => pattern(10 + i, seed + i))];
}

/** Where two lists of messages first differ, or null. */
function firstDifference(sent: readonly Uint8Array[], received: readonly Uint8Array[]): string | null {
  if (received.length !== sent.length) return `${received.length} messages arrived of ${sent.length} sent`;
  for (let m = 0; m < sent.length; m++) {
    const [s, r] = [sent[m]!, received[m]!];
    if (!(r instanceof Uint8Array)) return `message ${m} arrived as ${Object.prototype.toString.call(r)}`;
    if (r.length !== s.length) return `message ${m}: ${r.length} bytes arrived of ${s.length}`;
    for (let i = 0; i < s.length; i++) if (r[i] !== s[i]) return `message ${m}: byte ${i} is ${r[i]}, sent ${s[i]}`;
  }
  return null;
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await tick(2)) if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
}

/** Resolves as `p` does, or fails after `ms` saying what hung. */
function within<T>(p: Promise<T>, what: string, ms = 3000): Promise<T> {
  return Promise.race([p, tick(ms).then(() => Promise.reject(new Error(`${what} did not settle in ${ms} ms`)))]);
}

/** Sends one after the other, each awaited, as the session's send chain does. */
async function sendAll(t: Transport, messages: readonly Uint8Array[], sent?: { count: number }): Promise<void> {
  for (const m of messages) {
    await t.send(m);
    if (sent) sent.count++;
  }
}

/** Every message `t` receives, and whether `t` had said close before it arrived. */
function record(t: Transport) {
  const got = { messages: [] as Uint8Array[], afterClose: 0, closes: 0 };
  t.onMessage((m) => {
    got.messages.push(m);
    if (got.closes > 0) got.afterClose++;
  });
  t.onClose(() => got.closes++);
  return got;
}

/** Runs the contract against the pairs `connect` makes, a fresh one per test. */
export function runTransportContract(name: string, connect: () => TransportPair): void {
  describe(`Transport contract: ${name}`, () => {
    const made: TransportPair[] = [];
    const pair = () => {
      const p = connect();
      made.push(p);
      return p;
    };
    afterEach(() => {
      for (const { a, b } of made.splice(0)) [a, b].forEach((t) => t.close());
    });

    it('carries messages in order and byte for byte, both ways at once, from 0 bytes to 64 KiB, from the moment it is made', async () => {
      const { a, b } = pair();
      const [atA, atB] = [record(a), record(b)];
      const [fromA, fromB] = [sample(1), sample(2)];
      await within(Promise.all([sendAll(a, fromA), sendAll(b, fromB)]), 'the sends');
      await until(() => atB.messages.length >= fromA.length && atA.messages.length >= fromB.length, 'everything arrived');
      await tick(20); // nothing arrives twice
      expect(firstDifference(fromA, atB.messages)).toBeNull();
      expect(firstDifference(fromB, atA.messages)).toBeNull();
    });

    it('gives later messages to a handler set after the connection was made, and to the newest handler only', async () => {
      const { a, b } = pair();
      await tick(20);
      const first: Uint8Array[] = [];
      const second: Uint8Array[] = [];
      b.onMessage((m) => first.push(m));
      await a.send(pattern(5, 1));
      await until(() => first.length === 1, 'the first handler heard');
      b.onMessage((m) => second.push(m));
      await a.send(pattern(6, 2));
      await until(() => second.length === 1, 'the second handler heard');
      await tick(20);
      expect(firstDifference([pattern(5, 1)], first)).toBeNull();
      expect(firstDifference([pattern(6, 2)], second)).toBeNull();
    });

    const closers: [string, (p: TransportPair) => void][] = [
      ['this end closes', (p) => p.a.close()],
      ['the other end closes', (p) => p.b.close()],
      ['both close at once', (p) => [p.a, p.b].forEach((t) => t.close())],
      ['one end closes twice', (p) => [p.a, p.a].forEach((t) => t.close())]
    ];
    it.each(closers)('says close once on each end when %s', async (_, close) => {
      const p = pair();
      await tick(20);
      const [atA, atB] = [record(p.a), record(p.b)];
      close(p);
      await until(() => atA.closes > 0 && atB.closes > 0, 'both ends heard close');
      await tick(20);
      expect([atA.closes, atB.closes]).toEqual([1, 1]);
    });

    it.each(closers.slice(0, 2))('delivers nothing after close, and a send after it neither throws nor arrives, when %s', async (_, close) => {
      const p = pair();
      await tick(20);
      const [atA, atB] = [record(p.a), record(p.b)];
      // Messages in flight when the connection ends may be lost with it, never come after it.
      const inFlight = [sendAll(p.a, sample(3)), sendAll(p.b, sample(4))];
      close(p);
      await until(() => atA.closes > 0 && atB.closes > 0, 'both ends heard close');
      await within(Promise.all(inFlight), 'sends in flight at close');
      const [countA, countB] = [atA.messages.length, atB.messages.length];
      await within(Promise.all([p.a.send(pattern(3, 9)), p.b.send(pattern(3, 9))]), 'sends after close');
      await tick(30);
      expect([atA.afterClose, atB.afterClose]).toEqual([0, 0]);
      expect([atA.messages.length, atB.messages.length]).toEqual([countA, countB]);
    });

    it('resolves every send of a long run of the largest messages, and all of them arrive', async () => {
      const { a, b } = pair();
      const atB = record(b);
      const run = Array.from({ length: 40 }, (_, i) => pattern(64 * KIB, i));
      await within(sendAll(a, run), '40 sends of 64 KiB', 10_000);
      await until(() => atB.messages.length >= run.length, 'the run arrived', 10_000);
      expect(firstDifference(run, atB.messages)).toBeNull();
    });

    it('settles every send still waiting when the connection ends', async () => {
      const { a, b } = pair();
      record(b);
      const sent = { count: 0 };
      const run = within(
        sendAll(a, Array.from({ length: 40 }, (_, i) => pattern(64 * KIB, i)), sent),
        'the sends behind a closed connection'
      );
      await until(() => sent.count >= 1, 'the first send resolved');
      a.close();
      await run;
      expect(sent.count).toBe(40);
    });
  });
}
