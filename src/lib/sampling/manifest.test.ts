import { describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { readTubes } from '$lib/sampling/tube';
import { boxManifest, manifestRows } from './manifest';

const round = makeRound({ pooling: 5 });
const roster = new Map([
  ['p1', makePerson({ id: 'p1', name: '张三丰', building: '3栋', unit: '1单元', room: '101' })],
  ['p2', makePerson({ id: 'p2', name: '李四', building: '3栋', unit: '1单元', room: '102' })]
]);
const person = (id: string) => roster.get(id);

/** Two tubes sealed and boxed; a third tube's sample was voided. */
function twoTubesInABox() {
  const tab = new TabletRecorder('dev0000001', round);
  tab.open('T001');
  tab.sample('p1', 'T001');
  const wrong = tab.sample('p2', 'T001');
  tab.void(wrong);
  tab.seal('T001');
  tab.open('T002');
  tab.sample('p2', 'T002');
  tab.sample('x9', 'T002');
  tab.seal('T002');
  tab.boxAdd('BOX1', 'T002');
  tab.boxAdd('BOX1', 'T001');
  tab.boxSeal('BOX1');
  return tab.entries;
}

describe('boxManifest', () => {
  it('lists the tubes in the order they went in, with their unvoided people, seals and who', () => {
    const m = boxManifest(readTubes(twoTubesInABox(), round), 'BOX1', person)!;
    expect(m.sealed).toBe(true);
    expect(m.tubes.map((t) => t.barcode)).toEqual(['T002', 'T001']);
    expect(m.tubes[0]!.people.map((p) => p.name)).toEqual(['李*', 'x9']);
    expect(m.tubes[1]!.people.map((p) => p.address)).toEqual(['3栋-1单元-101']);
    expect(m.people).toBe(3);
    expect(m.tubes.every((t) => t.seal && t.added.staff === '李四')).toBe(true);
  });

  it('has nothing for a box nothing was put in', () => {
    expect(boxManifest(readTubes(twoTubesInABox(), round), 'BOX2', person)).toBeUndefined();
  });
});

describe('manifestRows', () => {
  it('has the header, then one row per person with the tube and its times', () => {
    const m = boxManifest(readTubes(twoTubesInABox(), round), 'BOX1', person)!;
    const rows = manifestRows(m, ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'h10'], (at) => String(at));
    expect(rows).toHaveLength(4);
    expect(rows[0]![0]).toBe('h1');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[7]])).toEqual([
      ['BOX1', 'T002', '李*'],
      ['BOX1', 'T002', 'x9'],
      ['BOX1', 'T001', '张*丰']
    ]);
    expect(rows.every((r) => r.length === 10)).toBe(true);
  });
});
