import { describe, expect, it } from 'vitest';
import { RepeatFilter } from '$lib/scan/repeat-filter';
import { dropRepeats, type ScannedCode, type ScanSource } from './scanned-code';

const scan = (text: string, at: number, source: ScanSource = 'camera'): ScannedCode => ({ text, source, at });

function collect(windowMs = 3000) {
  const seen: ScannedCode[] = [];
  const handler = dropRepeats((code) => seen.push(code), new RepeatFilter(windowMs));
  return { seen, handler };
}

describe('dropRepeats', () => {
  it('makes a code held in front of the camera one event', () => {
    const { seen, handler } = collect();
    for (let at = 0; at <= 2000; at += 250) handler(scan('BST:AB12:P0001', at));
    expect(seen).toEqual([scan('BST:AB12:P0001', 0)]);
  });

  it('treats the same code from the wedge within the window as a repeat too', () => {
    const { seen, handler } = collect();
    handler(scan('TUBE-1', 0, 'camera'));
    handler(scan('TUBE-1', 500, 'wedge'));
    expect(seen.map((s) => s.source)).toEqual(['camera']);
  });

  it('lets a different code and the same code after the window through', () => {
    const { seen, handler } = collect(3000);
    handler(scan('A', 0));
    handler(scan('B', 100));
    handler(scan('A', 4000));
    expect(seen.map((s) => `${s.text}@${s.at}`)).toEqual(['A@0', 'B@100', 'A@4000']);
  });

  it('always answers a code typed by hand', () => {
    const { seen, handler } = collect();
    handler(scan('BST:AB12:P0001', 0, 'camera'));
    handler(scan('BST:AB12:P0001', 1000, 'manual'));
    expect(seen.map((s) => s.source)).toEqual(['camera', 'manual']);
  });
});
