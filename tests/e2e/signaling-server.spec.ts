/**
 * The signaling server of `npm start` against clients that break its rules, in node, against
 * the real process (`node src/server/serve.js` serving build/). For each limit: the client
 * past it is refused or closed, and the others — an honest pair on its own addresses — keep
 * relaying, while the process stays up and serves the app. Limits are made small through
 * `SIGNAL_LIMITS` so each is reached in a few messages.
 */
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { SignalClient, UPGRADE, closed, connect, expectRelay, maskedTextFrame, rawSocket } from '../support/signal-clients';
import { getApp, refusalsLogged, startServer, waitForLogged, type ServerUnderTest } from '../support/signal-server';

const ROOM = 'bastion-site-1';
const A = '127.0.0.2';
const B = '127.0.0.3';
const ABUSER = '127.0.0.66';

let server: ServerUnderTest;
test.afterEach(async () => {
  await server?.stop();
});
test.beforeEach(() => {
  server = undefined as unknown as ServerUnderTest;
});

/** The honest pair, in ROOM, relaying to each other. */
async function honestPair(): Promise<[SignalClient, SignalClient]> {
  const a = await SignalClient.open(server.port, A, [ROOM]);
  const b = await SignalClient.open(server.port, B, [ROOM]);
  await expectRelay(a, b, ROOM);
  return [a, b];
}

/** The others are untouched: the process is up, serves the app, and the pair relays both ways. */
async function othersUnaffected(a: SignalClient, b: SignalClient) {
  expect(server.exited).toBeNull();
  expect(await getApp(server.port)).toMatchObject({ status: 200, isApp: true });
  expect(await getApp(server.port, '/gate')).toMatchObject({ status: 200, isApp: true });
  await expectRelay(a, b, ROOM);
  await expectRelay(b, a, ROOM);
}

test('a frame of 70,000 bytes closes only the socket that sent it: the server stays up, serves the app and relays for the others', async () => {
  server = await startServer({ logEveryMs: 200 });
  const [a, b] = await honestPair();
  const abuser = await SignalClient.open(server.port, ABUSER, [ROOM]);
  abuser.ws.send('x'.repeat(70_000));
  expect((await abuser.closed).code).toBe(1009);
  await othersUnaffected(a, b);
  // The same from a tablet of the room itself, as one JSON publish.
  a.publish(ROOM, 'y'.repeat(70_000));
  expect((await a.closed).code).toBe(1009);
  const again = await SignalClient.open(server.port, A, [ROOM]);
  await othersUnaffected(again, b);
  expect(await waitForLogged(server, 'oversize', 2)).toBe(2);
});

test('past the per-address cap a connection is refused (503); other addresses connect and relay', async () => {
  server = await startServer({ maxConnectionsPerIp: 3, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const outcomes = await Promise.all(Array.from({ length: 10 }, () => connect(server.port, ABUSER)));
  expect(outcomes.filter((o) => o instanceof WebSocket)).toHaveLength(3);
  expect(outcomes.filter((o) => !(o instanceof WebSocket)).map((o) => (o as { refused: number }).refused)).toEqual(Array(7).fill(503));
  const c = await SignalClient.open(server.port, '127.0.0.4', [ROOM]);
  await expectRelay(a, c, ROOM);
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'sockets-per-ip', 7)).toBe(7);
  // One closed, one more is let in from that address (once the server has seen it close).
  const open = outcomes.filter((o) => o instanceof WebSocket);
  open[0]!.close();
  await closed(open[0]!);
  await expect.poll(async () => (await connect(server.port, ABUSER)) instanceof WebSocket).toBe(true);
});

test('past the global cap a connection is refused (503); the connections already open keep relaying', async () => {
  server = await startServer({ maxConnections: 6, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const flood = [];
  for (let i = 0; i < 8; i++) flood.push(await connect(server.port, `127.0.1.${i + 1}`));
  expect(flood.map((o) => (o instanceof WebSocket ? 'open' : o.refused))).toEqual(['open', 'open', 'open', 'open', 503, 503, 503, 503]);
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'sockets-full', 4)).toBe(4);
});

test('a room past its subscriber cap closes the next subscriber (1013); its members keep relaying', async () => {
  server = await startServer({ maxSubscribersPerTopic: 3, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const third = await SignalClient.open(server.port, '127.0.0.4', [ROOM]);
  await expectRelay(a, third, ROOM);
  const fourth = await SignalClient.open(server.port, ABUSER, [ROOM]);
  expect(await fourth.closed).toEqual({ code: 1013, reason: 'room-full' });
  await othersUnaffected(a, b);
  // Three subscribers, not four, are counted in what the room receives.
  expect(b.received.at(-1)?.clients).toBe(3);
});

test('rooms past the global cap, or past the cap per socket, are refused; the rooms there keep working', async () => {
  server = await startServer({ maxTopics: 4, maxTopicsPerConnection: 2, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const first = await SignalClient.open(server.port, ABUSER, ['spam-1', 'spam-2']);
  const second = await SignalClient.open(server.port, ABUSER, ['spam-3']);
  await expectRelay(first, first, 'spam-2');
  await expectRelay(second, second, 'spam-3');
  // The fifth room: there is no room for it.
  second.send({ type: 'subscribe', topics: ['spam-4'] });
  expect(await second.closed).toEqual({ code: 1013, reason: 'rooms-full' });
  // Three rooms on one socket, in one message and one at a time.
  const greedy = await SignalClient.open(server.port, '127.0.0.67', []);
  greedy.send({ type: 'subscribe', topics: ['x', 'y', 'z'] });
  expect(await greedy.closed).toEqual({ code: 1008, reason: 'topics' });
  first.send({ type: 'subscribe', topics: ['spam-5'] });
  expect(await first.closed).toEqual({ code: 1008, reason: 'too many rooms' });
  await othersUnaffected(a, b);
  // Their rooms are gone with them: a new one can be made.
  const late = await SignalClient.open(server.port, '127.0.0.4', ['site-2']);
  await expectRelay(late, late, 'site-2');
});

test('garbage closes the socket that sent it, with a code; the others keep relaying', async () => {
  server = await startServer({ logEveryMs: 200 });
  const [a, b] = await honestPair();
  const deep = `{"type":"publish","topic":"${ROOM}","data":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
  const cases: [string, (ws: WebSocket) => void, number][] = [
    ['not JSON', (ws) => ws.send('{"type":"subscribe",'), 1008],
    ['JSON but no type', (ws) => ws.send('[1,2,3]'), 1008],
    ['topics not an array', (ws) => ws.send('{"type":"subscribe","topics":"room"}'), 1008],
    ['a topic not a string', (ws) => ws.send('{"type":"subscribe","topics":[{"a":1}]}'), 1008],
    ['10,000 topics', (ws) => ws.send(JSON.stringify({ type: 'subscribe', topics: Array(10_000).fill('t') })), 1008],
    ['a publish with no topic', (ws) => ws.send('{"type":"publish","data":"x"}'), 1008],
    ['a publish nested 30,000 deep', (ws) => ws.send(deep), 1008],
    ['a binary frame', (ws) => ws.send(Buffer.from([0, 1, 2, 255])), 1003],
    ['a text frame that is not UTF-8', (ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }), 1007]
  ];
  for (const [what, send, code] of cases) {
    const abuser = await SignalClient.open(server.port, ABUSER, [ROOM]);
    send(abuser.ws);
    expect((await abuser.closed).code, what).toBe(code);
  }
  await othersUnaffected(a, b);
  // Newer clients' messages are let by, as y-webrtc's own server does.
  a.send({ type: 'awareness', anything: [1, 2] });
  await othersUnaffected(a, b);
  // Each counted under its reason, none twice.
  await waitForLogged(server, 'bad-frame');
  expect(refusalsLogged(server)).toEqual({ 'not-json': 1, shape: 2, topics: 3, topic: 1, binary: 1, 'bad-frame': 1 });
});

test('a socket past its message rate or its byte rate is closed (1008); an honest burst and the others pass', async () => {
  server = await startServer({ messageBurst: 60, messagesPerSecond: 10, maxPayloadBytes: 16_384, byteBurst: 40_000, bytesPerSecond: 4_000, logEveryMs: 200 });
  const [a, b] = await honestPair();
  // An honest burst within the bucket: 40 publishes at once all arrive.
  for (let i = 0; i < 40; i++) a.publish(ROOM, { burst: i });
  await b.waitFor((d) => (d as { burst?: number })?.burst === 39);
  const pinger = await SignalClient.open(server.port, ABUSER, [ROOM]);
  for (let i = 0; i < 500; i++) pinger.send({ type: 'ping' });
  expect(await pinger.closed).toEqual({ code: 1008, reason: 'rate limit' });
  // It was answered until it was past the limit, not after.
  expect(pinger.pongs).toBeGreaterThan(0);
  expect(pinger.pongs).toBeLessThan(60);
  const heavy = await SignalClient.open(server.port, ABUSER, [ROOM]);
  for (let i = 0; i < 5; i++) heavy.publish(ROOM, 'z'.repeat(15_000));
  expect(await heavy.closed).toEqual({ code: 1008, reason: 'rate limit' });
  // Control-frame pings are metered too.
  const controls = await SignalClient.open(server.port, ABUSER, [ROOM]);
  for (let i = 0; i < 500; i++) controls.ws.ping();
  expect((await controls.closed).code).toBe(1008);
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'rate', 3)).toBe(3);
});

test('reconnecting buys no fresh burst: an address past its budget over all its sockets is closed (1008); other addresses pass', async () => {
  server = await startServer({ messageBurst: 60, messagesPerSecond: 1, perIpBudget: 2, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const outcomes = [];
  // Each socket stays within its own burst (2 subscribes and 50 pings of 60); three of them
  // spend more than the address's 120.
  for (let round = 0; round < 3; round++) {
    const again = await SignalClient.open(server.port, ABUSER, [ROOM]);
    for (let i = 0; i < 50; i++) again.send({ type: 'ping' });
    await expect.poll(() => again.pongs + (again.ws.readyState === WebSocket.OPEN ? 0 : 1000)).toBeGreaterThanOrEqual(50);
    again.close();
    outcomes.push(await again.closed);
  }
  expect(outcomes.map((o) => o.code)).toEqual([1005, 1005, 1008]);
  const elsewhere = await SignalClient.open(server.port, '127.0.0.4', [ROOM]);
  for (let i = 0; i < 50; i++) elsewhere.send({ type: 'ping' });
  await expect.poll(() => elsewhere.pongs).toBe(50);
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'rate-per-ip')).toBe(1);
});

test('a reader that stops reading is cut once its backlog passes the cap; the room keeps receiving everything', async () => {
  server = await startServer({ maxBufferedBytes: 256 * 1024, byteBurst: 512 * 1024 * 1024, bytesPerSecond: 64 * 1024 * 1024, messageBurst: 100_000, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const slow = await SignalClient.open(server.port, ABUSER, [ROOM]);
  await expectRelay(a, slow, ROOM);
  (slow.ws as unknown as { _socket: import('node:net').Socket })._socket.pause();
  // Publish until the room counts two subscribers again (the kernel's socket buffers
  // take a few MB first); each publish is awaited by b, so nothing piles up at a.
  let sent = 0;
  const chunk = 'q'.repeat(60_000);
  while (sent < 2_000 && b.received.at(-1)?.clients !== 2) {
    a.publish(ROOM, { seq: ++sent, chunk });
    await b.waitFor((d) => (d as { seq?: number })?.seq === sent);
  }
  expect(b.received.at(-1)?.clients).toBe(2);
  console.log(`slow reader cut after ${sent} publishes of 60 kB (${((sent * 60_000) / 1e6).toFixed(1)} MB)`);
  (slow.ws as unknown as { _socket: import('node:net').Socket })._socket.resume();
  expect((await slow.closed).code).toBe(1006);
  expect(b.received.filter((r) => (r.data as { seq?: number })?.seq !== undefined)).toHaveLength(sent);
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'slow-reader')).toBe(1);
});

test('a socket that joins no room, one that stalls mid-upgrade and one that stops answering pings are closed; honest ones stay', async () => {
  server = await startServer({ subscribeWithinMs: 600, pingIntervalMs: 300, headersTimeoutMs: 600, timeoutCheckMs: 100, logEveryMs: 200 });
  const [a, b] = await honestPair();
  const started = performance.now();
  // Connected, pinging, in no room.
  const lurker = await SignalClient.open(server.port, ABUSER, []);
  const pinging = setInterval(() => lurker.send({ type: 'ping' }), 100);
  // Half an upgrade, then nothing.
  const stalled = rawSocket(server.port, '127.0.0.67');
  await stalled.ready;
  stalled.socket.write(UPGRADE.slice(0, 60));
  // A full handshake and a subscribe, then silence: no pong ever.
  const silent = rawSocket(server.port, '127.0.0.68');
  await silent.ready;
  silent.socket.write(UPGRADE);
  silent.socket.write(maskedTextFrame(JSON.stringify({ type: 'subscribe', topics: [ROOM] })));

  expect(await lurker.closed).toEqual({ code: 1008, reason: 'join a room' });
  clearInterval(pinging);
  await stalled.ended;
  expect(stalled.state.received.toString()).toMatch(/^HTTP\/1\.1 408 /);
  await silent.ended;
  const afterHandshake = silent.state.received.subarray(silent.state.received.indexOf('\r\n\r\n') + 4);
  expect(silent.state.received.toString()).toMatch(/^HTTP\/1\.1 101 /);
  // Only pings came after the handshake (0x89, empty): it was cut, not sent a close frame.
  expect(afterHandshake.length).toBeGreaterThan(0);
  expect([...afterHandshake].every((byte, i) => byte === (i % 2 === 0 ? 0x89 : 0x00))).toBe(true);
  console.log(
    `closed after: no room ${Math.round(performance.now() - started)} ms, stalled upgrade ${Math.round(stalled.state.closedAt - started)} ms, ` +
      `no pong ${Math.round(silent.state.closedAt - started)} ms`
  );
  // The honest pair answered every ping (ws does) and joined at once: still there.
  await othersUnaffected(a, b);
  expect(await waitForLogged(server, 'no-room')).toBe(1);
  expect(await waitForLogged(server, 'no-pong')).toBe(1);
  expect(await waitForLogged(server, 'timeout', 1, 'http')).toBe(1);
});

test('a mistyped limit in SIGNAL_LIMITS stops the server at start, saying which', async () => {
  await expect(startServer({ maxConnectionPerIp: 3 })).rejects.toThrow(/Bastion is not served: unknown limit "maxConnectionPerIp"/);
  await expect(startServer({ maxTopics: 0 })).rejects.toThrow(/limit "maxTopics" must be a positive integer/);
});
