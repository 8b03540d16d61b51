/**
 * A handover screen on a real ledger over fake-indexeddb, for the unit tests of
 * `HandoverStation` (tests import 'fake-indexeddb/auto' first, fake only `Date` and call
 * `deleteTestLedgers` afterwards). The ledger's clock is the (faked) system clock, as the
 * screen's is: the shift runs until `Date.now()`.
 */
import * as Y from 'yjs';
import { makeEntryDraft } from '$lib/core/builders';
import type { Entry } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';
import { T0, openTestLedger } from '$lib/ledger/fixtures';
import { HandoverStation } from './station.svelte';

export const HOUR = 3_600_000;
/** 12:00 in the test site's zone: two hours after T0. */
export const NOW = T0 + 2 * HOUR;
/** The first millisecond of 2026-11-22 in Asia/Shanghai. */
export const START_OF_DAY = Date.UTC(2026, 10, 21, 16, 0, 0);

/** Opens a site and its handover screen on this tablet's gate, with 王五 on duty. */
export async function openHandover(prefix = 'ho') {
  const { site, ledger } = await openTestLedger(prefix, () => Date.now());
  let staff = '王五';
  const station = new HandoverStation({ ledger, rounds: () => ledger.rounds(), station: () => 'gate', setStaff: async (name) => void (staff = name) });
  /** A gate pass of this tablet (at T0, 10:00, unless told). */
  const pass = (subject: string, fields: Partial<Entry> = {}) => ledger.record(makeEntryDraft({ subject, at: T0, ...fields }));
  const refused = (code: string, at = T0) => pass(code, { verdict: 'refused', reason: 'not-on-roster', at });
  return { site, ledger, station, pass, refused, staff: () => staff };
}

/** Gives `to` every entry `from` holds of `day`, as a catch-up would. */
export async function catchUp(from: Ledger, to: Ledger, day = '2026-11-22') {
  await to.applyUpdate(`day:${day}`, Y.encodeStateAsUpdate(await from.dayDoc(day)), 'peer');
}
