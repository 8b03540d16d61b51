import { describe, expect, it } from 'vitest';
import { makeDemoRoster, seededRandom } from './demo-roster';
import { searchRoster } from './roster';
import { makePersonId } from './person-id';
import { PERSON_TAGS } from '$lib/core/types';

describe('makeDemoRoster', () => {
  const people = makeDemoRoster(seededRandom(2022));

  it('is the same for the same seed, and differs for another', () => {
    expect(makeDemoRoster(seededRandom(2022))).toEqual(people);
    // A smaller roster from the same seed is the start of the larger one.
    expect(makeDemoRoster(seededRandom(2022), 500)).toEqual(people.slice(0, 500));
    expect(makeDemoRoster(seededRandom(7), 200)).not.toEqual(makeDemoRoster(seededRandom(2022), 200));
  });

  it('houses 10,000 people in four towers, in households of one to five', () => {
    expect(people).toHaveLength(10_000);
    expect(new Set(people.map((p) => p.building))).toEqual(new Set(['1栋', '2栋', '3栋', '4栋']));
    const households = new Map<string, number>();
    for (const p of people) households.set(`${p.building}|${p.unit}|${p.room}`, (households.get(`${p.building}|${p.unit}|${p.room}`) ?? 0) + 1);
    expect(Math.max(...households.values())).toBeLessThanOrEqual(5);
    expect(households.size).toBeGreaterThan(2500);
    for (const p of people) expect(p.room).toMatch(/^\d{1,2}0[1-8]$/);
  });

  it('gives unique ids derived as an import would derive them', () => {
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    for (const p of people.slice(0, 100)) expect(p.id).toBe(makePersonId(p));
  });

  it('looks like a real roster: Chinese names, phones, masked IDs, initials and special groups', () => {
    for (const p of people) {
      expect(p.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(p.initials).toMatch(/^[a-z]{2,4}$/);
      expect(p.phone).toMatch(/^(1[3-9]\d{9})?$/);
      expect(p.idMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    }
    const share = (tag: (typeof PERSON_TAGS)[number]) => people.filter((p) => p.tags.includes(tag)).length / people.length;
    expect(share('elderly')).toBeGreaterThan(0.1);
    expect(share('elderly')).toBeLessThan(0.25);
    for (const tag of ['disabled', 'pregnant', 'bedridden', 'quarantined', 'sick'] as const) {
      expect(share(tag), tag).toBeGreaterThan(0.002);
      expect(share(tag), tag).toBeLessThan(0.05);
    }
    expect(people.filter((p) => p.name.startsWith('王')).length).toBeGreaterThan(people.filter((p) => p.name.startsWith('钱')).length);
  });

  it('makes every resident findable by name', () => {
    const small = makeDemoRoster(seededRandom(5), 2000);
    for (const p of small) expect(searchRoster(small, p.name, small.length)).toContain(p);
    // And a sample of the full roster, with the screen's own limit.
    for (let i = 0; i < people.length; i += 97) expect(searchRoster(people, people[i]!.name)).toContain(people[i]);
  });

  it('spreads a larger roster over more towers', () => {
    const big = makeDemoRoster(seededRandom(1), 20_000);
    expect(big).toHaveLength(20_000);
    expect(new Set(big.map((p) => p.building)).size).toBeGreaterThan(4);
    expect(new Set(big.map((p) => p.id)).size).toBe(big.length);
  });
});
