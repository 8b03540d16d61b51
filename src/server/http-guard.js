// The HTTP side of `npm start`'s server, guarded like the signaling side: sockets capped in
// all and per address (cut at once, before a byte is read), a bound on the time a client
// may take to send a request's headers (an upgrade to /signal included: a client that
// sends half an upgrade and stalls is answered 408 and closed) and the whole request, idle
// sockets closed, and every malformed request answered and closed rather than thrown.
import http from 'node:http';
import { ConnectionCaps, addressOf } from './caps.js';
import { Refusals } from './refusals.js';

/**
 * An http.Server for `handler` under `limits` (limits.js).
 * @param {http.RequestListener} handler
 * @param {import('./limits.js').Limits} limits
 * @param {(line: string) => void} log
 * @returns {http.Server}
 */
export function createGuardedServer(handler, limits, log) {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: limits.timeoutCheckMs
    },
    handler
  );
  // An idle socket is closed (ws turns this off on the sockets it takes over).
  server.setTimeout(limits.idleSocketMs);
  const refusals = new Refusals('http', limits.logEveryMs, log);
  const caps = new ConnectionCaps(limits.maxSockets, limits.maxSocketsPerIp);

  server.on('connection', (/** @type {import('node:net').Socket} */ socket) => {
    const address = addressOf(socket);
    if (address === undefined) return socket.destroy();
    const admission = caps.admit(address);
    if (admission !== 'ok') {
      refusals.count(admission === 'full' ? 'sockets-full' : 'sockets-per-ip');
      return socket.destroy();
    }
    socket.once('close', () => caps.release(address));
  });

  // Node's own answer to a bad request is much the same; ours also counts it.
  server.on('clientError', (err, socket) => {
    const code = /** @type {{ code?: string }} */ (err).code;
    const timedOut = code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (code === 'ECONNRESET') refusals.count('reset', { quiet: true });
    else refusals.count(timedOut ? 'timeout' : 'bad-request');
    if (code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}
