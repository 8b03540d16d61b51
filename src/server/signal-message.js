// Reads one message of y-webrtc's signaling protocol from hostile text. y-webrtc clients
// send JSON objects: `{type: 'subscribe' | 'unsubscribe', topics: string[]}`,
// `{type: 'publish', topic: string, data}` and `{type: 'ping'}`. Anything else that is
// JSON with a string `type` is a message of a newer client and is ignored, as y-webrtc's
// own server does; what is not even that is refused with a reason. Never throws.

/**
 * @typedef {{ kind: 'subscribe' | 'unsubscribe', topics: string[] }
 *   | { kind: 'publish', topic: string, data: unknown }
 *   | { kind: 'ping' }
 *   | { kind: 'other' }
 *   | { kind: 'refused', reason: 'not-json' | 'shape' | 'topics' | 'topic' }} SignalMessage
 */

/**
 * @param {string} text
 * @param {{ maxTopicsPerConnection: number, maxTopicLength: number }} limits
 * @returns {SignalMessage}
 */
export function parseSignalMessage(text, limits) {
  let message;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'refused', reason: 'not-json' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message) || typeof message.type !== 'string') {
    return { kind: 'refused', reason: 'shape' };
  }
  const isTopic = (/** @type {unknown} */ t) => typeof t === 'string' && t.length > 0 && t.length <= limits.maxTopicLength;
  switch (message.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = message.topics;
      // More topics than one socket may hold is never honest: refused whole, unread.
      if (!Array.isArray(topics) || topics.length > limits.maxTopicsPerConnection || !topics.every(isTopic)) {
        return { kind: 'refused', reason: 'topics' };
      }
      return { kind: message.type, topics };
    }
    case 'publish':
      if (!isTopic(message.topic)) return { kind: 'refused', reason: 'topic' };
      return { kind: 'publish', topic: message.topic, data: message.data };
    case 'ping':
      return { kind: 'ping' };
    default:
      return { kind: 'other' };
  }
}

/**
 * The frame relayed to a room's subscribers, with their number as y-webrtc's server adds it;
 * undefined when `data` cannot be written back (JSON nested thousands deep parses but
 * overflows the stack of JSON.stringify: contained here, and the sender refused for it).
 * @param {string} topic
 * @param {unknown} data
 * @param {number} clients
 * @returns {string | undefined}
 */
export function publishFrame(topic, data, clients) {
  try {
    return JSON.stringify({ type: 'publish', topic, data, clients });
  } catch {
    return undefined;
  }
}
