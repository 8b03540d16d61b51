import { describe, expect, it } from 'vitest';
import type { ScannedCode } from './scanned-code';
import { attachWedge } from './wedge';

// Node has EventTarget but no KeyboardEvent or DOM: a plain Event carrying the fields the
// wedge reads stands in for a key, with its arrival time pinned.
function key(k: string, timeStamp: number, extra: Partial<KeyboardEvent> = {}): Event {
  const event = Object.assign(new Event('keydown', { cancelable: true }), { key: k, repeat: false, isComposing: false, ctrlKey: false, metaKey: false, altKey: false }, extra);
  Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  return event;
}

function setup() {
  const target = new EventTarget();
  const scans: ScannedCode[] = [];
  const detach = attachWedge(target as unknown as Window, (code) => scans.push(code), { now: () => 42 });
  /** Sends each key `gapMs` apart, then the terminator; returns the terminator's event. */
  const send = (text: string, start: number, gapMs: number, end = 'Enter') => {
    let at = start;
    for (const char of text) {
      if (char === char.toUpperCase() && char !== char.toLowerCase()) target.dispatchEvent(key('Shift', at));
      target.dispatchEvent(key(char, at));
      at += gapMs;
    }
    const terminator = key(end, at);
    target.dispatchEvent(terminator);
    return terminator;
  };
  return { target, scans, detach, send };
}

describe('attachWedge', () => {
  it('emits a scanner burst as a wedge scan and swallows its Enter', () => {
    const { scans, send } = setup();
    const enter = send('BST:AB12CD:P0001', 0, 3);
    expect(scans).toEqual([{ text: 'BST:AB12CD:P0001', source: 'wedge', at: 42 }]);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('leaves a person typing alone, Enter included', () => {
    const { scans, send } = setup();
    const enter = send('hello', 0, 180);
    expect(scans).toEqual([]);
    expect(enter.defaultPrevented).toBe(false);
  });

  it('accepts a Tab terminator', () => {
    const { scans, send } = setup();
    const tab = send('TUBE-0001', 0, 3, 'Tab');
    expect(scans.map((s) => s.text)).toEqual(['TUBE-0001']);
    expect(tab.defaultPrevented).toBe(true);
  });

  it('ignores Unidentified keys inside a burst', () => {
    const { target, scans } = setup();
    target.dispatchEvent(key('A', 0));
    target.dispatchEvent(key('Unidentified', 2));
    target.dispatchEvent(key('B', 4));
    target.dispatchEvent(key('C', 6));
    target.dispatchEvent(key('Enter', 8));
    expect(scans.map((s) => s.text)).toEqual(['ABC']);
  });

  it('keeps characters outside the BMP: an emoji burst is a scan, and one inside a code stays in it', () => {
    const { scans, send } = setup();
    send('😀😀😀😀', 0, 3);
    send('BST:AB12CD:P00😀01', 1000, 3);
    expect(scans.map((s) => s.text)).toEqual(['😀😀😀😀', 'BST:AB12CD:P00😀01']);
  });

  it('cancels a space inside a burst (no scrolling) but leaves a lone space alone', () => {
    const { target, scans } = setup();
    const lone = key(' ', 0);
    target.dispatchEvent(lone);
    expect(lone.defaultPrevented).toBe(false);
    target.dispatchEvent(key('A', 1000));
    const inside = key(' ', 1003);
    target.dispatchEvent(inside);
    target.dispatchEvent(key('B', 1006));
    target.dispatchEvent(key('Enter', 1009));
    expect(inside.defaultPrevented).toBe(true);
    expect(scans.map((s) => s.text)).toEqual(['A B']);
  });

  it('stops listening once detached', () => {
    const { scans, send, detach } = setup();
    detach();
    send('BST:AB12CD:P0001', 0, 3);
    expect(scans).toEqual([]);
  });
});
