/**
 * Seeded attacks on the signaling endpoint for its fuzz test: random and oversize frames,
 * binary garbage, frames that are not UTF-8, random JSON of every shape (and of the
 * protocol's shapes with wrong fields), JSON nested thousands deep, huge topic arrays,
 * floods of connections and of messages, half-open upgrades, raw HTTP garbage, and sockets
 * that complete the handshake and then never answer. fast-check generates them from a
 * seed, so a failing run can be replayed with `FUZZ_SEED`.
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import { UPGRADE, connect, maskedTextFrame, rawSocket } from './signal-clients';

export type Frame = { text: string } | { binary: Uint8Array } | { notUtf8: Uint8Array };

export type Attack =
  | { kind: 'frames'; from: string; frames: Frame[] }
  | { kind: 'connection-flood'; from: string; sockets: number }
  | { kind: 'message-flood'; from: string; topic: string; messages: number }
  | { kind: 'half-open'; from: string; upTo: number }
  | { kind: 'http-garbage'; from: string; bytes: Uint8Array }
  | { kind: 'silent'; from: string; topic: string };

/** What the attacks did, for the figures; `raw` are the sockets the server must close by itself. */
export interface Tally {
  attacks: Record<string, number>;
  frames: number;
  sockets: number;
  refusedUpgrades: number;
  raw: ReturnType<typeof rawSocket>[];
}

export function attacks(opts: { seed: number; count: number; room: string; maxPayload: number }): Attack[] {
  const from = fc.integer({ min: 1, max: 16 }).map((n) => `127.0.1.${n}`);
  const topic = fc.oneof(fc.constant(opts.room), fc.string({ maxLength: 20 }), fc.string({ minLength: 250, maxLength: 300 }));
  const shaped = fc
    .record(
      {
        type: fc.constantFrom('subscribe', 'unsubscribe', 'publish', 'ping', 'announce', ''),
        topics: fc.oneof(fc.array(fc.oneof(topic, fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 1 })), { maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
        topic: fc.oneof(topic, fc.jsonValue({ maxDepth: 2 })),
        data: fc.jsonValue({ maxDepth: 3 })
      },
      { requiredKeys: ['type'] }
    )
    .map((m) => JSON.stringify(m));
  const frame: fc.Arbitrary<Frame> = fc.oneof(
    { weight: 4, arbitrary: shaped.map((text) => ({ text })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: JSON.stringify(v) ?? 'null' })) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((binary) => ({ binary })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => ({ notUtf8: Uint8Array.from([0xff, ...b]) })) },
    { weight: 1, arbitrary: fc.integer({ min: opts.maxPayload + 1, max: 2 * opts.maxPayload }).map((n) => ({ text: 'o'.repeat(n) })) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 2_000, max: 8_000 }).map((d) => ({ text: `{"type":"publish","topic":"${opts.room}","data":${'['.repeat(d)}${']'.repeat(d)}}` }))
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 5, max: 2_000 }).map((n) => ({ text: JSON.stringify({ type: 'subscribe', topics: Array.from({ length: n }, (_, i) => `t${i}`) }) }))
    }
  );
  const attack: fc.Arbitrary<Attack> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('frames' as const), from, frames: fc.array(frame, { minLength: 1, maxLength: 8 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('connection-flood' as const), from, sockets: fc.integer({ min: 4, max: 24 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('message-flood' as const), from, topic, messages: fc.integer({ min: 50, max: 800 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('half-open' as const), from, upTo: fc.integer({ min: 0, max: UPGRADE.length - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('http-garbage' as const), from, bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('silent' as const), from, topic: fc.constant(opts.room) }) }
  );
  return fc.sample(attack, { seed: opts.seed, numRuns: opts.count });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `ws` has closed, or after `ms` (then cuts it: the attack is over). */
async function closedOrCut(ws: WebSocket, ms: number) {
  if (ws.readyState !== WebSocket.CLOSED) await Promise.race([new Promise((r) => ws.once('close', r)), pause(ms)]);
  ws.terminate();
}

async function open(port: number, from: string, tally: Tally): Promise<WebSocket | undefined> {
  const ws = await connect(port, from);
  if (!(ws instanceof WebSocket)) {
    tally.refusedUpgrades++;
    return undefined;
  }
  tally.sockets++;
  // The server closes and cuts these on purpose: their errors are the point, not a failure.
  ws.on('error', () => undefined);
  return ws;
}

/** Runs one attack to its end (each ends by itself within about a second). */
export async function run(port: number, attack: Attack, tally: Tally): Promise<void> {
  tally.attacks[attack.kind] = (tally.attacks[attack.kind] ?? 0) + 1;
  switch (attack.kind) {
    case 'frames': {
      const ws = await open(port, attack.from, tally);
      if (!ws) return;
      for (const f of attack.frames) {
        if (ws.readyState !== WebSocket.OPEN) break;
        if ('text' in f) ws.send(f.text);
        else if ('binary' in f) ws.send(f.binary);
        else ws.send(Buffer.from(f.notUtf8), { binary: false });
        tally.frames++;
      }
      return closedOrCut(ws, 300);
    }
    case 'connection-flood': {
      const all = await Promise.all(Array.from({ length: attack.sockets }, () => open(port, attack.from, tally)));
      await pause(200);
      for (const ws of all) ws?.terminate();
      return;
    }
    case 'message-flood': {
      const ws = await open(port, attack.from, tally);
      if (!ws) return;
      ws.send(JSON.stringify({ type: 'subscribe', topics: [attack.topic] }));
      for (let i = 0; i < attack.messages && ws.readyState === WebSocket.OPEN; i++) {
        ws.send(JSON.stringify({ type: i % 3 ? 'publish' : 'ping', topic: attack.topic, data: `flood ${i}` }));
        tally.frames++;
      }
      return closedOrCut(ws, 500);
    }
    case 'half-open': {
      const raw = rawSocket(port, attack.from);
      tally.raw.push(raw);
      await raw.ready;
      raw.socket.write(UPGRADE.slice(0, attack.upTo));
      return;
    }
    case 'http-garbage': {
      const raw = rawSocket(port, attack.from);
      await raw.ready;
      raw.socket.write(Buffer.concat([Buffer.from(attack.bytes), Buffer.from('\r\n\r\n')]));
      await Promise.race([raw.ended, pause(500)]);
      raw.socket.destroy();
      return;
    }
    case 'silent': {
      const raw = rawSocket(port, attack.from);
      tally.raw.push(raw);
      await raw.ready;
      raw.socket.write(UPGRADE);
      raw.socket.write(maskedTextFrame(JSON.stringify({ type: 'subscribe', topics: [attack.topic] })));
      return;
    }
  }
}
