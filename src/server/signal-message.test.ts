import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSignalMessage, publishFrame } from './signal-message.js';

const limits = { maxTopicsPerConnection: 8, maxTopicLength: 256 };

describe('parseSignalMessage', () => {
  it('reads what y-webrtc sends', () => {
    expect(parseSignalMessage('{"type":"subscribe","topics":[]}', limits)).toEqual({ kind: 'subscribe', topics: [] });
    expect(parseSignalMessage('{"type":"subscribe","topics":["bastion-s1"]}', limits)).toEqual({ kind: 'subscribe', topics: ['bastion-s1'] });
    expect(parseSignalMessage('{"type":"unsubscribe","topics":["bastion-s1"]}', limits)).toEqual({ kind: 'unsubscribe', topics: ['bastion-s1'] });
    expect(parseSignalMessage('{"type":"publish","topic":"bastion-s1","data":"b64=="}', limits)).toEqual({ kind: 'publish', topic: 'bastion-s1', data: 'b64==' });
    expect(parseSignalMessage('{"type":"ping"}', limits)).toEqual({ kind: 'ping' });
  });

  it('lets a newer client’s message by, and refuses what is not the protocol, with a reason', () => {
    expect(parseSignalMessage('{"type":"awareness","x":1}', limits)).toEqual({ kind: 'other' });
    expect(parseSignalMessage('{"type":', limits)).toEqual({ kind: 'refused', reason: 'not-json' });
    for (const text of ['null', '[]', '"ping"', '{"type":1}', '{}']) expect(parseSignalMessage(text, limits), text).toEqual({ kind: 'refused', reason: 'shape' });
    for (const topics of ['"a"', '[1]', '[""]', `["${'t'.repeat(257)}"]`, JSON.stringify(Array(9).fill('t'))]) {
      expect(parseSignalMessage(`{"type":"subscribe","topics":${topics}}`, limits), topics).toEqual({ kind: 'refused', reason: 'topics' });
    }
    expect(parseSignalMessage('{"type":"publish","data":"x"}', limits)).toEqual({ kind: 'refused', reason: 'topic' });
  });

  it('never throws on any text, any JSON, or any object with a protocol type', () => {
    const typed = fc.record({ type: fc.constantFrom('subscribe', 'unsubscribe', 'publish', 'ping'), topics: fc.jsonValue({ maxDepth: 2 }), topic: fc.jsonValue({ maxDepth: 1 }), data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['type'] });
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), typed.map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(text, (t) => {
        const m = parseSignalMessage(t, limits);
        // What it accepts is well formed: topics are bounded strings.
        if (m.kind === 'subscribe' || m.kind === 'unsubscribe') return m.topics.every((x) => typeof x === 'string' && x.length <= 256);
        if (m.kind === 'publish') return typeof m.topic === 'string';
        return true;
      }),
      { numRuns: 2_000 }
    );
    // A ceiling for a loaded machine, not a speed claim.
  }, 30_000);
});

describe('publishFrame', () => {
  it('relays the data with the room’s count, as y-webrtc’s server does', () => {
    expect(JSON.parse(publishFrame('r', { a: [1] }, 3)!)).toEqual({ type: 'publish', topic: 'r', data: { a: [1] }, clients: 3 });
  });

  it('gives nothing, rather than throwing, for data nested too deep to write back', () => {
    const deep = JSON.parse('['.repeat(30_000) + ']'.repeat(30_000));
    expect(publishFrame('r', deep, 2)).toBeUndefined();
  });
});
