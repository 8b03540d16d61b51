import { describe, expect, it } from 'vitest';
import { AddressBudgets, ConnectionCaps, TokenBucket, addressOf } from './caps.js';

describe('TokenBucket', () => {
  it('passes a burst up to its capacity at once, then only what the refill allows', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 10; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 1_000; // five more
    for (let i = 0; i < 5; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 60_000; // never more than the capacity
    for (let i = 0; i < 10; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });

  it('refills nothing when the clock steps back, and takes nothing from a refused cost', () => {
    let now = 10_000;
    const bucket = new TokenBucket(4, 1, () => now);
    expect(bucket.take(3)).toBe(true);
    now = 0;
    expect(bucket.take(2)).toBe(false);
    expect(bucket.take(1)).toBe(true);
  });
});

describe('ConnectionCaps', () => {
  it('refuses past the cap per address and in all, and lets one in again once one is released', () => {
    const caps = new ConnectionCaps(3, 2);
    expect([caps.admit('a'), caps.admit('a'), caps.admit('a')]).toEqual(['ok', 'ok', 'per-ip']);
    expect([caps.admit('b'), caps.admit('c')]).toEqual(['ok', 'full']);
    caps.release('a');
    expect(caps.admit('c')).toBe('ok');
    // A release of nothing held changes nothing.
    caps.release('z');
    expect(caps.total).toBe(3);
  });

  it('counts an IPv4 client on a dual-stack socket as the same address', () => {
    expect(addressOf({ remoteAddress: '::ffff:10.0.0.7' })).toBe('10.0.0.7');
    expect(addressOf({ remoteAddress: 'fe80::1' })).toBe('fe80::1');
  });
});

describe('AddressBudgets', () => {
  const rates = { messageBurst: 3, messagesPerSecond: 1, byteBurst: 100, bytesPerSecond: 10 };

  it('gives a reconnecting address the budget it left, not a new one', () => {
    let now = 0;
    const budgets = new AddressBudgets(rates, 10, () => now);
    const first = budgets.open('a')!;
    expect([first.messages.take(1), first.messages.take(1)]).toEqual([true, true]);
    budgets.close(first);
    budgets.forgetRefilled();
    const second = budgets.open('a')!;
    expect([second.messages.take(1), second.messages.take(1)]).toEqual([true, false]);
    // Refilled and with no socket open, it is forgotten: the same as a new one.
    budgets.close(second);
    now += 10_000;
    budgets.forgetRefilled();
    expect(budgets.size).toBe(0);
  });

  it('holds an address with a socket open however long, and refuses a new address past the cap', () => {
    let now = 0;
    const budgets = new AddressBudgets(rates, 2, () => now);
    budgets.open('a');
    const b = budgets.open('b')!;
    now += 60_000;
    expect(budgets.open('c')).toBeUndefined();
    budgets.close(b);
    expect(budgets.open('c')).toBeDefined();
    expect(budgets.size).toBe(2);
  });
});
