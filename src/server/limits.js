// The limits of `npm start`'s server: how much any one client may take of it. Every default
// is set so that an honest tablet never meets it, from what y-webrtc 10.3 and lib0's
// websocket client actually do (read in node_modules, measured with two tablets):
// - a tablet keeps one socket per signaling address and page (each tab its own), subscribes
//   at once on connect (first `topics: []`, its room ~0.1 s later, once the room key is
//   derived), and pings every 15 s; it closes and reconnects by itself if it hears nothing
//   for 30 s, and reconnects 0–2.5 s after any close;
// - per peer it meets it publishes about 3 messages (offer or answer ~0.9 KB, ICE candidates
//   ~0.5 KB), and answers every peer of the room that still has room for it (maxConns
//   20–34), so a tablet joining a fresh room of a few hundred sends ~1,000 messages, ~0.7 MB,
//   within seconds, then ~4 a minute;
// - every publish goes to every subscriber of the room (the addressee is inside the
//   encrypted payload), so what a tablet receives grows with the room.
// The site runs one room per site and has hundreds of tablets at most, each on its own LAN
// address. Behind a reverse proxy on the same machine every tablet has the proxy's address:
// raise the per-address caps and budget there (README, "Sync between tablets").

/** The server's limits; every one a positive integer. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Largest WebSocket message; honest ones are under 2 KB. ws closes a bigger one with 1009. */
  maxPayloadBytes: 64 * 1024,
  /** Open signaling sockets in all, and from one address (tabs, and a flapping Wi-Fi's stale sockets until the ping finds them). */
  maxConnections: 1024,
  maxConnectionsPerIp: 16,
  /** Rooms in all, rooms one socket may be in (the app uses one), subscribers of one room. */
  maxTopics: 1024,
  maxTopicsPerConnection: 8,
  maxSubscribersPerTopic: 512,
  /** A room name's length (the app's are `bastion-` and a site id). */
  maxTopicLength: 256,
  /** Per socket: a burst of messages (control pings included) and bytes, and their refill per second. */
  messageBurst: 1500,
  messagesPerSecond: 50,
  byteBurst: 2 * 1024 * 1024,
  bytesPerSecond: 128 * 1024,
  /** Per address, over all its sockets and reconnects: this many sockets' worth of the two buckets above (tabs). */
  perIpBudget: 4,
  /** A socket whose unsent output passes this is dropped rather than buffered without bound. */
  maxBufferedBytes: 1024 * 1024,
  /** A socket that has not joined a room by then is closed (honest ones join within ~0.1 s). */
  subscribeWithinMs: 10_000,
  /** The server pings every socket this often and drops one that did not answer the last ping. */
  pingIntervalMs: 30_000,
  /** After a close frame, how long a socket has to answer before it is cut. */
  closeGraceMs: 2_000,
  /** Refusals are counted and logged at most once per this period, in one line. */
  logEveryMs: 10_000,
  /** HTTP (serve.js): sockets in all and per address (a browser opens ~6 per origin). */
  maxSockets: 2048,
  maxSocketsPerIp: 64,
  /** HTTP: time to send a request's headers (an upgrade's too), the whole request, and idle sockets. */
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleSocketMs: 120_000,
  /** How often node checks the two timeouts above (its default, 30 s, would let them run late). */
  timeoutCheckMs: 1_000
});

/** @typedef {{ -readonly [K in keyof typeof DEFAULT_LIMITS]: number }} Limits */

/** A limit that is unknown, not a positive integer, or inconsistent with another. */
export class LimitsError extends Error {
  name = 'LimitsError';
}

/**
 * The defaults with `overrides` on top; throws LimitsError for a bad one, so a typo in
 * an operator's setting stops the server rather than being ignored.
 * @param {Record<string, unknown>} [overrides]
 * @returns {Limits}
 */
export function resolveLimits(overrides = {}) {
  /** @type {Limits} */
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_LIMITS)) throw new LimitsError(`unknown limit "${key}"`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new LimitsError(`limit "${key}" must be a positive integer, not ${JSON.stringify(value)}`);
    }
    limits[/** @type {keyof Limits} */ (key)] = value;
  }
  // A message the byte bucket could never hold would refuse every socket that sent one.
  if (limits.byteBurst < limits.maxPayloadBytes) throw new LimitsError('byteBurst must be at least maxPayloadBytes');
  return limits;
}

/**
 * The limits from the environment: `SIGNAL_LIMITS` holds a JSON object of overrides.
 * @param {string | undefined} json
 * @returns {Limits}
 */
export function limitsFromEnv(json) {
  if (json === undefined || json.trim() === '') return resolveLimits();
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new LimitsError(`SIGNAL_LIMITS is not JSON: ${/** @type {Error} */ (err).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new LimitsError('SIGNAL_LIMITS must be a JSON object');
  return resolveLimits(parsed);
}
