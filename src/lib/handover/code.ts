/**
 * A handover summary as one line of text: what a tablet shows as a QR for a tablet it is
 * not connected to, and what a recorded `handover` entry keeps in its note.
 *
 * Format: `BSTH1.` device . scope . from . to . digest . days . counts [. acknowledged]
 *   from, to      ms since the epoch, base36
 *   digest        formatDigest of the shift's entries
 *   days          `YYYY-MM-DD=digest` joined by `~` (every day the shift touches)
 *   counts        `key:n` joined by `,`: r refused, u duplicate, v voids, c conflicts,
 *                 o tablets left out, k<kind index>, s<station index>, d<device id>
 *   acknowledged  (a record only) `device=d|u` joined by `~`: tablets that differed or
 *                 were unknown when the staff acknowledged it
 * Plain characters only (no base64 as in the join code): a shift of ten tablets is ~300
 * characters, within what a keyboard-wedge scanner types (600). The entries count is the
 * digest's count. Indexes are into ENTRY_KINDS and STATIONS, which are only appended to.
 *
 * The text arrives from a camera or a peer's note: `readHandoverCode` refuses it by its length
 * first, then checks every field and that the counts add up, and answers the summary or why
 * not, never throws.
 */
import { formatDigest, parseDigest } from '$lib/core/digest';
import { isDeviceId } from '$lib/core/entry-id';
import type { HandoverScope, HandoverSummary, ShiftTally } from './rules';
import { isShiftWindow } from './shift-window';
import { ENTRY_KINDS, STATIONS } from '$lib/core/types';

export const HANDOVER_PREFIX = 'BSTH1.';
/** What a QR (and a wedge scanner) carries. A stored note may be longer (MAX_HANDOVER_NOTE in entry-codec.ts). */
export const MAX_HANDOVER_CODE = 600;
const MAX_DAYS = 8;

/** A tablet that stood apart when the handover was recorded anyway. */
export interface Acknowledged {
  device: string;
  agreement: 'differs' | 'unknown';
}

function countsText(t: ShiftTally, withDevices: boolean): string {
  const parts = [`r:${t.refused}`, `u:${t.duplicate}`, `v:${t.voids}`, `c:${t.conflicts}`];
  ENTRY_KINDS.forEach((k, i) => {
    if (t.byKind[k]) parts.push(`k${i}:${t.byKind[k]}`);
  });
  STATIONS.forEach((s, i) => {
    if (t.byStation[s]) parts.push(`s${i}:${t.byStation[s]}`);
  });
  const devices = Object.keys(t.byDevice).sort();
  if (withDevices) for (const d of devices) parts.push(`d${d}:${t.byDevice[d]}`);
  else parts.push(`o:${devices.length + t.omittedDevices}`);
  return parts.join(',');
}

/**
 * The text of a summary, within `max` characters: the per-tablet counts are left out (and
 * their number kept) if that is what it takes; null if even that does not fit.
 */
export function formatHandoverCode(s: HandoverSummary, opts: { max?: number; acknowledged?: readonly Acknowledged[] } = {}): string | null {
  const max = opts.max ?? MAX_HANDOVER_CODE;
  const days = Object.keys(s.days).sort();
  if (days.length > MAX_DAYS) return null;
  const head = [s.device, s.scope, s.window.from.toString(36), s.window.to.toString(36), formatDigest(s.digest), days.map((d) => `${d}=${s.days[d]}`).join('~')];
  const ack = opts.acknowledged?.length ? [opts.acknowledged.map((a) => `${a.device}=${a.agreement === 'differs' ? 'd' : 'u'}`).join('~')] : [];
  for (const withDevices of [s.tally.omittedDevices === 0, false]) {
    const text = HANDOVER_PREFIX + [...head, countsText(s.tally, withDevices), ...ack].join('.');
    if (text.length <= max) return text;
  }
  return null;
}

const SCOPES: readonly string[] = ['site', ...STATIONS];
const COUNT = /^(r|u|v|c|o|k(?:0|[1-9]\d?)|s\d|d[0-9a-z]{6,12}):(0|[1-9]\d{0,8})$/;
const DAY = /^(\d{4}-\d{2}-\d{2})=(.+)$/;

/**
 * Why a text is not a handover code. `too-long`: over the cap, refused unread;
 * `not-a-handover-code`: no `BSTH1.` prefix; `malformed`: a field unreadable or out of its
 * rules; `counts-disagree`: the counts do not add up to the entries (damaged or altered).
 */
export type HandoverCodeRefusal = 'too-long' | 'not-a-handover-code' | 'malformed' | 'counts-disagree';

/** What a handover code says, or why it says nothing. */
export type HandoverCodeReading = { ok: true; summary: HandoverSummary; acknowledged: Acknowledged[] } | { ok: false; reason: HandoverCodeRefusal };

const refuse = (reason: HandoverCodeRefusal): HandoverCodeReading => ({ ok: false, reason });

/** Reads a handover code (scanned, typed or stored) of at most `max` characters: the summary, or why not. */
export function readHandoverCode(text: string, max = MAX_HANDOVER_CODE): HandoverCodeReading {
  if (text.length > max) return refuse('too-long');
  const t = text.trim();
  if (!t.startsWith(HANDOVER_PREFIX)) return refuse('not-a-handover-code');
  const parts = t.slice(HANDOVER_PREFIX.length).split('.');
  if (parts.length !== 7 && parts.length !== 8) return refuse('malformed');
  const [device, scope, from36, to36, digestText, daysText, countsText, ackText] = parts as [string, string, string, string, string, string, string, string?];
  if (!isDeviceId(device) || !SCOPES.includes(scope) || !/^[0-9a-z]{1,11}$/.test(from36) || !/^[0-9a-z]{1,11}$/.test(to36)) return refuse('malformed');
  const window = { from: parseInt(from36, 36), to: parseInt(to36, 36) };
  const digest = parseDigest(digestText);
  if (!digest || !isShiftWindow(window)) return refuse('malformed');
  const days: Record<string, string> = {};
  const dayList = daysText.split('~');
  if (dayList.length > MAX_DAYS) return refuse('malformed');
  for (const item of dayList) {
    const m = DAY.exec(item);
    if (!m || m[1]! in days || !parseDigest(m[2]!)) return refuse('malformed');
    days[m[1]!] = m[2]!;
  }
  const tally = readCounts(countsText, digest.count, scope as HandoverScope);
  if (typeof tally === 'string') return refuse(tally);
  const acknowledged = ackText === undefined ? [] : readAcknowledged(ackText);
  if (!acknowledged) return refuse('malformed');
  return { ok: true, summary: { device, scope: scope as HandoverScope, window, tally, digest, days }, acknowledged };
}

/** The summary of a handover code, or null (for callers that need no reason). */
export function parseHandoverCode(text: string, max = MAX_HANDOVER_CODE): { summary: HandoverSummary; acknowledged: Acknowledged[] } | null {
  const read = readHandoverCode(text, max);
  return read.ok ? { summary: read.summary, acknowledged: read.acknowledged } : null;
}

function readCounts(text: string, entries: number, scope: HandoverScope): ShiftTally | 'malformed' | 'counts-disagree' {
  const t: ShiftTally = { entries, byKind: {}, byStation: {}, byDevice: {}, omittedDevices: 0, refused: 0, duplicate: 0, voids: 0, conflicts: 0 };
  const seen = new Set<string>();
  for (const item of text.split(',')) {
    const m = COUNT.exec(item);
    if (!m || seen.has(m[1]!)) return 'malformed';
    seen.add(m[1]!);
    const [key, n] = [m[1]!, Number(m[2])];
    const simple = { r: 'refused', u: 'duplicate', v: 'voids', c: 'conflicts', o: 'omittedDevices' } as const;
    if (key in simple) {
      t[simple[key as keyof typeof simple]] = n;
      continue;
    }
    // A kind, station or tablet with nothing to count is not listed at all.
    if (n === 0) return 'malformed';
    if (key[0] === 'd') {
      if (!isDeviceId(key.slice(1))) return 'malformed';
      t.byDevice[key.slice(1)] = n;
    }
    else {
      const name = key[0] === 'k' ? ENTRY_KINDS[Number(key.slice(1))] : STATIONS[Number(key.slice(1))];
      if (!name) return 'malformed';
      if (key[0] === 'k') t.byKind[name as keyof typeof t.byKind] = n;
      else t.byStation[name as keyof typeof t.byStation] = n;
    }
  }
  const sum = (r: Partial<Record<string, number>>) => Object.values(r).reduce((a: number, b) => a + (b ?? 0), 0);
  if (sum(t.byStation) !== entries || sum(t.byKind) + t.refused + t.duplicate + t.voids > entries) return 'counts-disagree';
  if (scope !== 'site' && Object.keys(t.byStation).some((s) => s !== scope)) return 'counts-disagree';
  const devices = sum(t.byDevice);
  if (t.omittedDevices === 0 ? devices !== entries : devices !== 0) return 'counts-disagree';
  return t;
}

function readAcknowledged(text: string): Acknowledged[] | null {
  const out: Acknowledged[] = [];
  for (const item of text.split('~')) {
    const [device, code, ...rest] = item.split('=');
    if (rest.length || !device || !isDeviceId(device) || (code !== 'd' && code !== 'u')) return null;
    out.push({ device, agreement: code === 'd' ? 'differs' : 'unknown' });
  }
  return out;
}
