// A y-webrtc signaling endpoint on the app's own port (`/signal`), so one laptop at a site
// is all the tablets need to find each other. It speaks y-webrtc's protocol (subscribe,
// unsubscribe, publish, ping) and relays signaling messages between the subscribers of a
// topic (a room); it never sees site data (y-webrtc encrypts signaling with the room
// password, and the sync itself runs peer to peer).
//
// Input is hostile, and no one client may take the endpoint down or starve the others:
// - every socket has an error handler (the raw socket from the upgrade on, the WebSocket,
//   the WebSocketServer), so a reset, an oversize frame (ws closes it, 1009) or a bad frame
//   ends that socket only;
// - sockets are capped in all and per address before the upgrade (503), rooms in all and
//   subscribers per room (1013), rooms per socket and malformed messages (1008);
// - each socket spends from a token bucket of messages and one of bytes, and from its
//   address's pair, which outlives the socket (so reconnecting buys no fresh burst); past
//   any of them it is closed (1008);
// - a socket that joins no room in time is closed (1008), one that answers no ping is cut,
//   and one that does not read what it is sent is cut once its backlog passes a cap,
//   rather than the server buffering for it without bound.
// Every refusal is counted and logged as one line per period (refusals.js). The limits
// and why their defaults never refuse an honest tablet: limits.js.
import { STATUS_CODES } from 'node:http';
import { WebSocketServer } from 'ws';
import { AddressBudgets, ConnectionCaps, addressOf } from './caps.js';
import { resolveLimits } from './limits.js';
import { Refusals } from './refusals.js';
import { Client } from './signal-client.js';
import { Rooms } from './rooms.js';
import { parseSignalMessage, publishFrame } from './signal-message.js';

const PONG = JSON.stringify({ type: 'pong' });

/**
 * @typedef {Partial<import('./limits.js').Limits> & {
 *   path?: string,
 *   log?: (line: string) => void
 * }} SignalingOptions
 */

/**
 * Attaches the endpoint to `server` at `options.path` (`/signal`), with the limits of
 * limits.js unless `options` overrides some. Returns a function that closes it.
 * @param {import('node:http').Server} server
 * @param {SignalingOptions} [options]
 */
export function attachSignaling(server, options = {}) {
  const { path = '/signal', log = console.warn, ...overrides } = options;
  const limits = resolveLimits(overrides);
  const refusals = new Refusals('signaling', limits.logEveryMs, log);
  const caps = new ConnectionCaps(limits.maxConnections, limits.maxConnectionsPerIp);
  const n = limits.perIpBudget;
  const budgets = new AddressBudgets(
    { messageBurst: n * limits.messageBurst, messagesPerSecond: n * limits.messagesPerSecond, byteBurst: n * limits.byteBurst, bytesPerSecond: n * limits.bytesPerSecond },
    // Addresses with a socket open, and as many again still refilling.
    2 * limits.maxConnections
  );
  const rooms = new Rooms(limits.maxTopics, limits.maxSubscribersPerTopic);
  /** @type {Set<Client>} */
  const clients = new Set();
  // No compression: a small compressed frame could inflate to far more than it weighs.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false, clientTracking: false });
  // With noServer, ws emits no 'error' of its own; should a later version, it is logged, not thrown.
  wss.on('error', (err) => log(`signaling: server error: ${err.message}`));

  /**
   * Answers an upgrade with an HTTP status and closes the socket.
   * @param {import('node:stream').Duplex} socket
   * @param {number} status
   * @param {string} reason
   */
  function refuse(socket, status, reason) {
    refusals.count(reason);
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function onUpgrade(request, socket, head) {
    // For the socket's whole life: a client resetting mid-upgrade or mid-refusal would
    // otherwise be an uncaught 'error'. Counted, quietly: a tablet closing does it too.
    socket.on('error', () => refusals.count('reset', { quiet: true }));
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== path) return refuse(socket, 404, 'path');
    const address = addressOf(/** @type {import('node:net').Socket} */ (socket));
    if (address === undefined) return socket.destroy();
    const admission = caps.admit(address);
    if (admission !== 'ok') return refuse(socket, 503, admission === 'full' ? 'sockets-full' : 'sockets-per-ip');
    const budget = budgets.open(address);
    if (!budget) {
      caps.release(address);
      return refuse(socket, 503, 'addresses-full');
    }
    // One release however the socket ends: a handshake ws refused, a close, a cut.
    socket.once('close', () => {
      caps.release(address);
      budgets.close(budget);
    });
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, budget));
  }

  /**
   * @param {import('ws').WebSocket} ws
   * @param {import('./caps.js').Budget} budget
   */
  function onConnection(ws, budget) {
    const client = new Client(ws, limits, budget);
    clients.add(client);
    // ws closes the socket itself after a protocol error (1009 oversize, 1002, 1007); the
    // error is only counted here, so that it never reaches the process.
    ws.on('error', (err) => refusals.count(/** @type {{ code?: string }} */ (err).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'oversize' : 'bad-frame'));
    ws.on('close', () => {
      clients.delete(client);
      clearTimeout(client.timer);
      leaveAll(client);
    });
    ws.on('pong', () => (client.alive = true));
    // Control pings cost like messages, or a flood of them would go unmetered.
    ws.on('ping', (data) => client.closed || spend(client, data.length));
    ws.on('message', (data, isBinary) => onMessage(client, /** @type {Buffer} */ (data), isBinary));
    client.timer = setTimeout(() => {
      if (client.topics.size === 0) drop(client, 1008, 'join a room', 'no-room');
    }, limits.subscribeWithinMs);
  }

  /**
   * @param {Client} client
   * @param {Buffer} data
   * @param {boolean} isBinary
   */
  function onMessage(client, data, isBinary) {
    if (client.closed || !spend(client, data.length)) return;
    if (isBinary) return drop(client, 1003, 'text only', 'binary');
    const message = parseSignalMessage(data.toString('utf8'), limits);
    switch (message.kind) {
      case 'refused':
        return drop(client, 1008, message.reason, message.reason);
      case 'subscribe':
        return join(client, message.topics);
      case 'unsubscribe':
        for (const topic of message.topics) {
          rooms.leave(topic, client);
          client.topics.delete(topic);
        }
        return;
      case 'publish': {
        const subscribers = rooms.get(message.topic);
        if (!subscribers) return;
        const frame = publishFrame(message.topic, message.data, subscribers.size);
        if (frame === undefined) return drop(client, 1008, 'shape', 'shape');
        for (const peer of subscribers) deliver(peer, frame);
        return;
      }
      case 'ping':
        return deliver(client, PONG);
      case 'other':
        return; // a newer client's message: ignored, as y-webrtc's own server does
    }
  }

  /**
   * Takes one message of `bytes` from the client's buckets; closes it if it has spent them.
   * @param {Client} client
   * @param {number} bytes
   */
  function spend(client, bytes) {
    const { budget } = client;
    const over = !client.messages.take(1) || !client.bytes.take(bytes) ? 'rate' : !budget.messages.take(1) || !budget.bytes.take(bytes) ? 'rate-per-ip' : undefined;
    if (over) drop(client, 1008, 'rate limit', over);
    return !over;
  }

  /**
   * @param {Client} client
   * @param {string[]} topics
   */
  function join(client, topics) {
    for (const topic of topics) {
      if (client.topics.has(topic)) continue;
      if (client.topics.size >= limits.maxTopicsPerConnection) return drop(client, 1008, 'too many rooms', 'rooms-per-socket');
      const joined = rooms.join(topic, client);
      if (joined !== 'ok') return drop(client, 1013, joined, joined);
      client.topics.add(topic);
    }
  }

  /**
   * Sends `frame` unless the peer's backlog is past the cap; then the peer is cut.
   * @param {Client} peer
   * @param {string} frame
   */
  function deliver(peer, frame) {
    if (peer.closed) return;
    if (peer.ws.bufferedAmount > limits.maxBufferedBytes) return cut(peer, 'slow-reader');
    peer.ws.send(frame);
  }

  /** @param {Client} client */
  function leaveAll(client) {
    for (const topic of client.topics) rooms.leave(topic, client);
    client.topics.clear();
  }

  /**
   * Closes with a close frame, and cuts the socket if it does not answer in time.
   * @param {Client} client
   * @param {number} code
   * @param {string} reason sent to the client
   * @param {string} tally counted
   */
  function drop(client, code, reason, tally) {
    if (client.closed) return;
    client.closed = true;
    refusals.count(tally);
    leaveAll(client);
    clearTimeout(client.timer);
    client.ws.close(code, reason);
    client.timer = setTimeout(() => client.ws.terminate(), limits.closeGraceMs);
  }

  /**
   * Cuts the socket at once (a close frame would wait behind its backlog or go unanswered).
   * @param {Client} client
   * @param {string} tally
   */
  function cut(client, tally) {
    if (client.closed) return;
    client.closed = true;
    refusals.count(tally);
    leaveAll(client);
    client.ws.terminate();
  }

  const sweep = setInterval(() => {
    budgets.forgetRefilled();
    for (const client of clients) {
      if (client.closed) continue;
      if (!client.alive) {
        cut(client, 'no-pong');
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }, limits.pingIntervalMs);
  sweep.unref();

  server.on('upgrade', onUpgrade);
  return () => {
    clearInterval(sweep);
    server.off('upgrade', onUpgrade);
    for (const client of clients) client.ws.terminate();
    wss.close();
    refusals.flush();
  };
}
