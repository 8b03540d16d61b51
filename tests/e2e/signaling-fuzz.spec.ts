/**
 * A bounded fuzz of the real `npm start` server (loopback only, seeded, a few seconds, stops
 * by itself): hundreds of seeded attacks (signal-fuzz.ts) run a dozen at a time while an
 * honest pair of clients keeps publishing to each other in their room and `GET /` is
 * asked for all along. The process must stay up, every page request must get the app, every
 * honest message must arrive, every socket the server was left hanging must be closed by
 * the server itself, and the log must stay a few counted lines.
 */
import { expect, test } from '@playwright/test';
import { SignalClient } from '../support/signal-clients';
import { attacks, run, type Tally } from '../support/signal-fuzz';
import { getApp, refusalsLogged, startServer } from '../support/signal-server';

const ROOM = 'bastion-fuzzed-site';
const SEED = Number(process.env.FUZZ_SEED ?? 20_110_011);
const FUZZ_MS = 5_000;
const LIMITS = {
  maxPayloadBytes: 16 * 1024,
  maxConnections: 48,
  maxConnectionsPerIp: 6,
  maxTopics: 64,
  maxTopicsPerConnection: 4,
  maxSubscribersPerTopic: 24,
  messageBurst: 300,
  messagesPerSecond: 200,
  byteBurst: 128 * 1024,
  bytesPerSecond: 64 * 1024,
  subscribeWithinMs: 1_000,
  // Long enough that a loaded machine's stall never makes the honest pair miss a pong.
  pingIntervalMs: 3_000,
  closeGraceMs: 500,
  headersTimeoutMs: 1_000,
  timeoutCheckMs: 200,
  idleSocketMs: 3_000,
  maxSockets: 256,
  maxSocketsPerIp: 24,
  logEveryMs: 1_000
};

test('fuzzed by hundreds of seeded attacks, the server stays up, serves the app, and relays every honest message', async () => {
  test.setTimeout(60_000);
  const planned = attacks({ seed: SEED, count: 600, room: ROOM, maxPayload: LIMITS.maxPayloadBytes });
  const server = await startServer(LIMITS);
  try {
    const a = await SignalClient.open(server.port, '127.0.0.2', [ROOM]);
    const b = await SignalClient.open(server.port, '127.0.0.3', [ROOM]);
    let sentA = 0;
    let sentB = 0;
    const honest = setInterval(() => {
      a.publish(ROOM, { honest: 'a', seq: ++sentA });
      b.publish(ROOM, { honest: 'b', seq: ++sentB });
    }, 20);

    const pages: { status: number; isApp: boolean; ms: number }[] = [];
    let asking = true;
    const asker = (async () => {
      while (asking) {
        // A refused or failed request is recorded, so that the assertion below names it.
        pages.push(await getApp(server.port).catch(() => ({ status: 0, isApp: false, ms: 0 })));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const tally: Tally = { attacks: {}, frames: 0, sockets: 0, refusedUpgrades: 0, raw: [] };
    const until = performance.now() + FUZZ_MS;
    let next = 0;
    const worker = async () => {
      while (next < planned.length && performance.now() < until) await run(server.port, planned[next++]!, tally);
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    const ran = next;
    clearInterval(honest);
    asking = false;
    await asker;

    // Every honest message arrives, once, on the other side.
    const seqs = (c: SignalClient, from: string) =>
      new Set(c.received.map((r) => r.data as { honest?: string; seq?: number }).filter((d) => d?.honest === from).map((d) => d.seq));
    await expect.poll(() => seqs(b, 'a').size).toBe(sentA);
    await expect.poll(() => seqs(a, 'b').size).toBe(sentB);
    expect(b.received.filter((r) => (r.data as { honest?: string })?.honest === 'a')).toHaveLength(sentA);

    // The server closed every socket it was left hanging on: half upgrades, silent handshakes.
    await Promise.all(tally.raw.map((r) => r.ended));

    expect(server.exited).toBeNull();
    // However loaded the machine (the count is printed), the pages were asked for all along.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((p) => p.status === 200 && p.isApp)).toBe(true);
    expect(await getApp(server.port)).toMatchObject({ status: 200, isApp: true });

    // The log: the start line, then at most one counted line per period per side; no stack.
    const refusalLines = server.lines.filter((l) => /^(signaling|http): refused or dropped /.test(l));
    expect(server.lines.filter((l) => !refusalLines.includes(l))).toEqual([expect.stringMatching(/^Bastion is served on /)]);
    expect(refusalLines.length).toBeLessThanOrEqual(2 * (FUZZ_MS / LIMITS.logEveryMs + 4));
    const signaling = refusalsLogged(server);
    const refusedInAll = Object.values(signaling).reduce((n, x) => n + x, 0);
    // The attacks reached the server: most of them were refused or dropped there.
    expect(refusedInAll).toBeGreaterThan(ran / 4);

    const ms = pages.map((p) => p.ms).sort((x, y) => x - y);
    console.log(
      `seed ${SEED}: ${ran} attacks in ${FUZZ_MS / 1000} s (${JSON.stringify(tally.attacks)}), ${tally.frames} frames on ${tally.sockets} sockets, ` +
        `${tally.refusedUpgrades} upgrades refused, ${tally.raw.length} hanging sockets closed by the server\n` +
        `honest messages relayed: ${sentA} + ${sentB}, all; GET / answered ${pages.length} times, median ${ms[ms.length >> 1]!.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms\n` +
        `signaling refusals ${JSON.stringify(signaling)}; http ${JSON.stringify(refusalsLogged(server, 'http'))}; ${refusalLines.length} log lines`
    );
    a.close();
    b.close();
  } catch (err) {
    console.log(`seed ${SEED}; the server printed:\n${server.lines.join('\n')}`);
    throw err;
  } finally {
    await server.stop();
  }
});
