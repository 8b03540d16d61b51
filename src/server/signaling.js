// A y-webrtc signaling endpoint on the app's own port (`/signal`), so one laptop at a site
// is all the tablets need to find each other. It speaks y-webrtc's protocol (subscribe,
// unsubscribe, publish, ping) and relays signaling messages between the subscribers of a
// topic; it never sees site data (y-webrtc encrypts signaling with the room password, and
// the sync itself runs peer to peer). Input is hostile: size- and count-capped, bad JSON
// ignored, dead connections dropped.
import { WebSocketServer } from 'ws';

const MAX_MESSAGE = 64 * 1024;
const MAX_TOPICS_PER_CONN = 16;
const PING_MS = 30_000;

/**
 * Attaches the endpoint to `server` at `path`. Returns a function that closes it.
 * @param {import('node:http').Server} server
 * @param {string} path
 */
export function attachSignaling(server, path = '/signal') {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  /** @type {Map<string, Set<import('ws').WebSocket>>} */
  const topics = new Map();

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (/** @type {import('ws').WebSocket} */ ws) => {
    /** @type {Set<string>} */
    const mine = new Set();
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_MS);
    ws.on('pong', () => (alive = true));
    ws.on('close', () => {
      clearInterval(ping);
      for (const t of mine) {
        const subs = topics.get(t);
        subs?.delete(ws);
        if (subs?.size === 0) topics.delete(t);
      }
    });
    ws.on('message', (data) => {
      let message;
      try {
        message = JSON.parse(String(data));
      } catch {
        return; // not JSON: ignored
      }
      if (!message || typeof message.type !== 'string') return;
      if (message.type === 'subscribe' && Array.isArray(message.topics)) {
        for (const t of message.topics) {
          if (typeof t !== 'string' || t.length > 256 || mine.size >= MAX_TOPICS_PER_CONN) continue;
          let subs = topics.get(t);
          if (!subs) topics.set(t, (subs = new Set()));
          subs.add(ws);
          mine.add(t);
        }
      } else if (message.type === 'unsubscribe' && Array.isArray(message.topics)) {
        for (const t of message.topics) {
          topics.get(t)?.delete(ws);
          mine.delete(t);
        }
      } else if (message.type === 'publish' && typeof message.topic === 'string') {
        const subs = topics.get(message.topic);
        if (!subs) return;
        const out = JSON.stringify({ ...message, clients: subs.size });
        for (const peer of subs) if (peer.readyState === peer.OPEN) peer.send(out);
      } else if (message.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      }
    });
  });

  return () => wss.close();
}
