import { describe, expect, it } from 'vitest';
import { WedgeBuffer } from './wedge-buffer';

/** Types `text` into `buffer` one key every `gapMs`, from `start`; returns the time of the last key. */
function type(buffer: WedgeBuffer, text: string, start: number, gapMs: number): number {
  let at = start;
  for (const [i, char] of [...text].entries()) {
    at = start + i * gapMs;
    buffer.key(char, at);
  }
  return at;
}

const CODE = 'BST:AB12CD:P0001';

describe('WedgeBuffer', () => {
  it('emits a fast burst ended by Enter', () => {
    const buffer = new WedgeBuffer();
    const last = type(buffer, CODE, 1000, 5);
    expect(buffer.end(last + 5)).toBe(CODE);
  });

  it('does not emit what a person typed, however it ends', () => {
    const buffer = new WedgeBuffer();
    const last = type(buffer, 'hello', 1000, 150);
    expect(buffer.end(last + 150)).toBeNull();
    // Even a quick Enter after slow keys only carries the last key, below the minimum length.
    const again = type(buffer, 'hello', 5000, 150);
    expect(buffer.end(again + 10)).toBeNull();
  });

  it('emits only the scanner code when a person typed just before it', () => {
    const buffer = new WedgeBuffer();
    const human = type(buffer, 'abc', 1000, 200);
    const last = type(buffer, CODE, human + 400, 8);
    expect(buffer.end(last + 8)).toBe(CODE);
  });

  it('drops a burst whose terminator comes late', () => {
    const buffer = new WedgeBuffer();
    const last = type(buffer, CODE, 1000, 5);
    expect(buffer.end(last + 500)).toBeNull();
  });

  it('accepts Tab the same as Enter and is ready for the next scan', () => {
    // The buffer does not know which key ended the burst; wedge.ts maps Enter and Tab to end().
    const buffer = new WedgeBuffer();
    const first = type(buffer, 'TUBE-0001', 0, 4);
    expect(buffer.end(first + 4)).toBe('TUBE-0001');
    const second = type(buffer, 'TUBE-0002', 100, 4);
    expect(buffer.end(second + 4)).toBe('TUBE-0002');
  });

  it('ignores bursts shorter than the minimum length', () => {
    const buffer = new WedgeBuffer({ minLength: 3 });
    const last = type(buffer, 'ab', 0, 5);
    expect(buffer.end(last + 5)).toBeNull();
  });

  it('never buffers more than the cap, and still reports the overlong scan', () => {
    const buffer = new WedgeBuffer({ maxLength: 600 });
    const last = type(buffer, 'X'.repeat(5000), 0, 1);
    expect(buffer.length).toBe(600);
    expect(buffer.end(last + 1)).toBe('X'.repeat(600));
  });

  it('keeps a burst whole through a few stalls (a busy tablet, a Bluetooth hiccup)', () => {
    const buffer = new WedgeBuffer();
    let at = 1000;
    for (const [i, char] of [...CODE].entries()) {
      at += i % 5 === 4 ? 180 : 4; // every fifth key arrives after a 180 ms stall
      buffer.key(char, at);
    }
    expect(buffer.end(at + 4)).toBe(CODE);
  });

  it('starts afresh after a pause, so what came before never prefixes the scan', () => {
    const buffer = new WedgeBuffer();
    const stray = type(buffer, 'xyz', 1000, 3);
    const last = type(buffer, CODE, stray + 450, 4);
    expect(buffer.end(last + 4)).toBe(CODE);
  });

  it('does not emit a person typing steadily and quickly', () => {
    const buffer = new WedgeBuffer();
    const last = type(buffer, 'abcdefghij', 0, 90);
    expect(buffer.end(last + 90)).toBeNull();
  });

  it('respects a custom inter-key gap for slow Bluetooth scanners', () => {
    const buffer = new WedgeBuffer({ maxInterKeyMs: 80 });
    const last = type(buffer, CODE, 0, 70);
    expect(buffer.end(last + 70)).toBe(CODE);
  });

  it('treats a clock running backwards as the end of a burst', () => {
    const buffer = new WedgeBuffer();
    const last = type(buffer, CODE, 1000, 5);
    expect(buffer.end(last - 100)).toBeNull();
  });
});
