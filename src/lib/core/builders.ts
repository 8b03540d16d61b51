/**
 * Builders for tests and the demo: `makeX(overrides)` instead of copied literals, so a test
 * says only what matters to it.
 */
import type { Entry, Person, Site } from './types';

export function makeSite(overrides: Partial<Site> = {}): Site {
  return {
    id: 'demo0001',
    name: '幸福里小区',
    timeZone: 'Asia/Shanghai',
    secret: 'secret-for-tests-only',
    createdAt: Date.UTC(2026, 10, 1),
    ...overrides
  };
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p0000001',
    name: '张三',
    initials: 'zs',
    building: '1栋',
    unit: '1单元',
    room: '101',
    phone: '13800001234',
    idMasked: '1101**********1234',
    tags: [],
    ...overrides
  };
}

export function makeEntry(overrides: Partial<Entry> = {}): Entry {
  return {
    id: 'dev0000001:1',
    kind: 'gate-in',
    at: Date.UTC(2026, 10, 22, 2, 0, 0),
    device: 'dev0000001',
    station: 'gate',
    staff: '王五',
    subject: 'p0000001',
    verdict: 'accepted',
    direction: 'in',
    ...overrides
  };
}

/** An entry as a caller hands it to the ledger (no id, device or time). */
export function makeEntryDraft(overrides: Partial<Omit<Entry, 'id' | 'device'>> = {}) {
  const { id: _id, device: _device, at: _at, ...rest } = makeEntry(); // the ledger sets these
  return { ...rest, ...overrides };
}
