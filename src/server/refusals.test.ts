import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Refusals } from './refusals.js';

describe('Refusals', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs a flood as one counted line per period, the largest reason first', () => {
    const lines: string[] = [];
    const refusals = new Refusals('signaling', 10_000, (l) => lines.push(l));
    for (let i = 0; i < 5_000; i++) refusals.count('sockets-per-ip');
    refusals.count('oversize');
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(lines).toEqual(['signaling: refused or dropped 5001 within 10 s (sockets-per-ip 5000, oversize 1)']);
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(1);
    expect(refusals.totals).toEqual({ 'sockets-per-ip': 5000, oversize: 1 });
  });

  it('logs nothing for clients that only reset their own sockets, and counts them beside the next refusal', () => {
    const lines: string[] = [];
    const refusals = new Refusals('http', 1_000, (l) => lines.push(l));
    refusals.count('reset', { quiet: true });
    vi.advanceTimersByTime(5_000);
    expect(lines).toEqual([]);
    refusals.count('timeout');
    vi.advanceTimersByTime(1_000);
    expect(lines).toEqual(['http: refused or dropped 2 within 1 s (reset 1, timeout 1)']);
  });
});
