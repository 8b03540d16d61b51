import { describe, expect, it } from 'vitest';
import { RepeatFilter } from './repeat-filter';

describe('RepeatFilter', () => {
  it('admits a code once within the window, and again after it', () => {
    const f = new RepeatFilter(3000);
    expect(f.admit('A', 0)).toBe(true);
    expect(f.admit('A', 1000)).toBe(false);
    expect(f.admit('B', 1100)).toBe(true);
    expect(f.admit('A', 5000)).toBe(true);
  });

  it('keeps a code held steadily in view as one event', () => {
    const f = new RepeatFilter(3000);
    let events = 0;
    for (let t = 0; t < 20_000; t += 100) if (f.admit('A', t)) events++;
    expect(events).toBe(1);
  });

  it('admits again when the clock runs backwards', () => {
    const f = new RepeatFilter(3000);
    f.admit('A', 10_000);
    expect(f.admit('A', 2_000)).toBe(true);
  });
});
