import { describe, expect, it } from 'vitest';
import { coverage, missingList } from '$lib/supervise/coverage';
import { traceTube } from '$lib/supervise/trace';
import { makePerson } from '$lib/core/builders';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { checkedInNotSampled, notOnRoster } from '$lib/supervise/marked-people';
import { latestVisits, markedTable, missingTable, traceTable, visitQueue, type TraceLabels } from './lists';

const round = makeRound();
const labels: TraceLabels = {
  building: '楼栋', unit: '单元', room: '房号', name: '姓名', phone: '手机', tags: '标签', id: '人员编号',
  tube: '试管', status: '状态', statusText: (s) => s ?? '-', notOnRoster: '不在底册'
};
const people = [
  makePerson({ id: 'p1', name: '张三丰', room: '101' }),
  makePerson({ id: 'p2', name: '李四', room: '102', tags: ['elderly'] }),
  makePerson({ id: 'p3', name: '王五', building: '2栋', room: '101' }),
  makePerson({ id: 'p4', name: '赵六', room: '103', tags: ['bedridden', 'disabled'] })
];

describe('door-to-door visits', () => {
  it('counts a home-visit sample in coverage like any other, and drops that person from the missing list', () => {
    const team = new TabletRecorder('home0001', round, 'homeVisit');
    team.open('H0001');
    team.sample('p4', 'H0001');
    team.seal('H0001');
    const c = coverage(people, team.entries, round);
    expect(c.sampled).toBe(1);
    expect(c.tags.bedridden).toMatchObject({ roster: 1, sampled: 1, missing: 0 });
    expect(missingList(people, team.entries, round).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('keeps the latest visit per person, ignoring voided ones, other rounds and entry order', () => {
    const team = new TabletRecorder('home0001', round, 'homeVisit');
    const other = new TabletRecorder('home0002', { id: 'rnd2' }, 'homeVisit');
    team.record({ kind: 'visit', subject: 'p1', outcome: 'not-home', note: '敲门无人' });
    const second = team.record({ kind: 'visit', subject: 'p1', outcome: 'in-hospital' });
    const wrong = team.record({ kind: 'visit', subject: 'p2', outcome: 'declined' });
    team.void(wrong);
    other.record({ kind: 'visit', subject: 'p3', outcome: 'moved-out' });
    const all = [...team.entries, ...other.entries];
    for (const order of [all, [...all].reverse()]) {
      const visits = latestVisits(order, round);
      expect([...visits.keys()]).toEqual(['p1']);
      expect(visits.get('p1')?.id).toBe(second.id);
    }
  });

  it('puts special groups first, then the rest, each in walking order, only for the chosen buildings', () => {
    const missing = missingList(people, [], round);
    expect(visitQueue(missing, new Set(['1栋'])).map((p) => p.id)).toEqual(['p2', 'p4', 'p1']);
    expect(visitQueue(missing, new Set(['2栋'])).map((p) => p.id)).toEqual(['p3']);
    expect(visitQueue(missing, new Set())).toEqual([]);
  });
});

describe('exported lists', () => {
  it('writes the missing list with masked names and full phones', () => {
    const rows = missingTable([people[0]!, people[3]!], labels);
    expect(rows[0]).toEqual(['楼栋', '单元', '房号', '姓名', '手机', '标签', '人员编号']);
    expect(rows[1]).toEqual(['1栋', '1单元', '101', '张*丰', '13800001234', '', 'p1']);
    expect(rows[2]?.[3]).toBe('赵*');
    expect(rows[2]?.[5]).toContain('卧床');
  });

  it('writes the lists kept apart: a registered person and an unknown id with their tubes, a walk-away with none', () => {
    const guide = new TabletRecorder('guid0001', round, 'guide');
    const recorder = new TabletRecorder('reco0001', round);
    const newcomer = makePerson({ id: 'reg1', name: '赵新来', building: '3栋', unit: '2单元', room: '1201', phone: '' });
    guide.record({ kind: 'check-in', subject: newcomer.id, reason: 'not-on-roster' });
    guide.checkIn('p2');
    recorder.sample(newcomer.id, 'T1');
    recorder.sample(newcomer.id, 'T2', 'swab-spoiled');
    recorder.sample('visitor', 'T1');
    const entries = [...guide.entries, ...recorder.entries];
    const roster = [...people, newcomer];
    expect(markedTable(notOnRoster(roster, entries, round), labels)).toEqual([
      ['楼栋', '单元', '房号', '姓名', '手机', '标签', '试管', '人员编号'],
      ['3栋', '2单元', '1201', '赵*来', '', '', 'T1 T2', 'reg1'],
      ['不在底册', '', '', '', '', '', 'T1', 'visitor']
    ]);
    expect(markedTable(checkedInNotSampled(roster, entries, round), labels).slice(1)).toEqual([['1栋', '1单元', '102', '李*', '13800001234', '老人', '', 'p2']]);
  });

  it('writes a traced tube with each person and their latest status, someone off the roster included', () => {
    const recorder = new TabletRecorder('reco0001', round);
    recorder.open('T1');
    recorder.sample('p1', 'T1');
    recorder.sample('visitor', 'T1');
    recorder.seal('T1');
    recorder.result('T1', 'positive');
    recorder.trace('p1', 'T1', 'reached');
    recorder.trace('p1', 'T1', 'isolated');
    const trace = traceTube(recorder.entries, round, 'T1', new Map(people.map((p) => [p.id, p])));
    const rows = traceTable(trace, labels);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['T1', '1栋', '1单元', '101', '张*丰', '13800001234', '', 'isolated', 'p1']);
    expect(rows[2]).toEqual(['T1', '不在底册', '', '', '', '', '', '-', 'visitor']);
  });
});
