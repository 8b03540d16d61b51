/**
 * Clients of the signaling endpoint for node tests: an honest one speaking y-webrtc's
 * protocol as a tablet does, and raw TCP sockets for what no WebSocket library sends
 * (half an upgrade, a handshake and then silence). Each client binds its own loopback
 * address (127.0.0.0/8 is all local on Linux), as each real tablet has its own LAN address,
 * so that the per-address caps are what they are at a site.
 */
import net from 'node:net';
import WebSocket from 'ws';

export type Closed = { code: number; reason: string };

/** Connects from `address`; resolves with the open socket, or with the refusal's HTTP status. */
export function connect(port: number, address: string): Promise<WebSocket | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/signal`, { localAddress: address });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    // A reset before an answer: seen as a refusal with no status.
    ws.once('error', () => resolve({ refused: 0 }));
  });
}

/** Resolves when `ws` closes, with its close code (1006: cut without a close frame). */
export function closed(ws: WebSocket): Promise<Closed> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: 'already closed' });
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** A tablet's signaling connection: subscribes, publishes, and keeps what it receives. */
export class SignalClient {
  /** The data of every publish received, in order, with the `clients` count it carried. */
  received: { data: unknown; clients: number }[] = [];
  pongs = 0;
  readonly closed: Promise<Closed>;

  constructor(readonly ws: WebSocket) {
    this.closed = closed(ws);
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.type === 'publish') this.received.push({ data: m.data, clients: m.clients });
      else if (m.type === 'pong') this.pongs++;
    });
  }

  static async open(port: number, address: string, topics: string[] = []): Promise<SignalClient> {
    const ws = await connect(port, address);
    if (!(ws instanceof WebSocket)) throw new Error(`an honest client from ${address} was refused (${ws.refused})`);
    const client = new SignalClient(ws);
    // As y-webrtc does: an empty subscribe at once, the rooms once their keys are derived.
    client.send({ type: 'subscribe', topics: [] });
    if (topics.length) client.send({ type: 'subscribe', topics });
    return client;
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  publish(topic: string, data: unknown) {
    this.send({ type: 'publish', topic, data });
  }

  /** Waits until a received publish's data passes `pred`; throws after `ms`. */
  async waitFor(pred: (data: unknown, clients: number) => boolean, ms = 5_000): Promise<void> {
    const until = Date.now() + ms;
    while (!this.received.some((r) => pred(r.data, r.clients))) {
      if (Date.now() > until) throw new Error('the awaited publish never arrived');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close() {
    this.ws.close();
  }
}

let relays = 0;
/** One publish from `from` reaches `to`: the room still works for them. */
export async function expectRelay(from: SignalClient, to: SignalClient, topic: string): Promise<void> {
  const token = `relay-${++relays}`;
  from.publish(topic, { token });
  await to.waitFor((d) => (d as { token?: string })?.token === token);
}

/** A raw TCP socket from `address`, keeping all it receives, with a promise of its close. */
export function rawSocket(port: number, address: string) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress: address });
  const state = { received: Buffer.alloc(0), closedAt: 0 };
  socket.on('data', (chunk: Buffer) => (state.received = Buffer.concat([state.received, chunk])));
  // The server ends these sockets on purpose; a reset is one way it may.
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) =>
    socket.once('close', () => {
      state.closedAt = performance.now();
      resolve();
    })
  );
  const ready = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, ended, ready };
}

export const UPGRADE =
  'GET /signal HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/** A client's text frame (masked, as a client must), written by hand. */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 125) throw new Error('maskedTextFrame: short frames only');
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = payload.map((b, i) => b ^ mask[i % 4]!);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}
