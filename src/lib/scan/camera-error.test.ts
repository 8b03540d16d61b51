import { describe, expect, it } from 'vitest';
import { toCameraError } from './camera-error';

// Node 17+ has DOMException, which is what getUserMedia rejects with in browsers.
const reject = (name: string) => new DOMException('because', name);

describe('toCameraError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'absent'],
    ['OverconstrainedError', 'absent'],
    ['NotReadableError', 'in-use']
  ])('maps %s to %s', (name, kind) => {
    expect(toCameraError(reject(name))).toEqual({ kind, detail: `${name}: because` });
  });

  it('calls anything else a failure, keeping what it said', () => {
    expect(toCameraError(new TypeError('bad constraints'))).toEqual({ kind: 'failed', detail: 'TypeError: bad constraints' });
    expect(toCameraError('boom')).toEqual({ kind: 'failed', detail: 'boom' });
    expect(toCameraError(null)).toEqual({ kind: 'failed', detail: 'null' });
  });
});
