import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeRound, currentRound, entriesOfRound, isDateKey, roundOf, validateRound } from './round';
import { makeRound, TabletRecorder } from './sampling-builders';

describe('validateRound', () => {
  it('accepts a well-formed round and returns a clean copy', () => {
    const round = makeRound({ name: '  第3轮 ' });
    expect(validateRound(round)).toEqual({ ok: true, round: { ...round, name: '第3轮' } });
    expect(validateRound({ ...round, extra: 'x' })).toEqual({ ok: true, round: { ...round, name: '第3轮' } });
  });

  it('names every problem of a malformed round, and never throws', () => {
    const round = makeRound();
    const problems = (v: unknown) => {
      const check = validateRound(v);
      return check.ok ? [] : check.problems;
    };
    expect(problems({ ...round, id: 'X!' })).toEqual(['bad-id']);
    expect(problems({ ...round, name: ' ' })).toEqual(['name-empty']);
    expect(problems({ ...round, name: '轮'.repeat(41) })).toEqual(['name-too-long']);
    expect(problems({ ...round, date: '2026-02-30' })).toEqual(['bad-date']);
    expect(problems({ ...round, pooling: 8 })).toEqual(['bad-pooling']);
    expect(problems({ ...round, stickerColour: 'tartan' })).toEqual(['bad-colour']);
    expect(problems({ ...round, openedAt: -1 })).toEqual(['bad-time']);
    expect(problems({ ...round, closedAt: round.openedAt - 1 })).toEqual(['closed-before-opened']);
    expect(problems({ ...round, pooling: '10', date: '22/11/2026' })).toEqual(['bad-date', 'bad-pooling']);
    expect(problems(null)).toEqual(['bad-id']);
    fc.assert(fc.property(fc.anything(), (v) => void validateRound(v)));
  });

  it('knows real dates', () => {
    expect(isDateKey('2024-02-29')).toBe(true);
    expect(isDateKey('2026-02-29')).toBe(false);
    expect(isDateKey('2026-1-01')).toBe(false);
  });
});

describe('rounds and entries', () => {
  it('picks the open round opened last, and closes a round once', () => {
    const r2 = makeRound({ id: 'rnd2', openedAt: 100, closedAt: 200 });
    const r3 = makeRound({ id: 'rnd3', openedAt: 300 });
    const r4 = makeRound({ id: 'rnd4', openedAt: 250 });
    expect(currentRound([r2, r3, r4])?.id).toBe('rnd3');
    expect(currentRound([r2])).toBeUndefined();
    const closed = closeRound(r3, 400);
    expect(closed.closedAt).toBe(400);
    expect(closeRound(closed, 500)).toBe(closed);
    expect(currentRound([r2, closed, r4])?.id).toBe('rnd4');
  });

  it('files each entry under the round it names', () => {
    const round = makeRound();
    const t = new TabletRecorder('tabaaaa1', round);
    const mine = t.sample('p1', 'T001');
    const other = t.record({ kind: 'sample', subject: 'p2', tube: 'T002', round: 'rnd9' });
    const gate = t.record({ kind: 'gate-in', round: undefined });
    const rounds = new Map([[round.id, round]]);
    expect(roundOf(mine, rounds)).toBe(round);
    expect(roundOf(other, rounds)).toBeUndefined();
    expect(roundOf(gate, rounds)).toBeUndefined();
    expect(entriesOfRound(t.entries, round.id)).toEqual([mine]);
  });
});
