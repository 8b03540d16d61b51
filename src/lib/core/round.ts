/**
 * Rounds (轮次): one mass-testing round, opened and closed by a supervisor. Coverage is per
 * round, and every sampling entry names its round, so a round may span several days' docs.
 *
 * A round arrives from peers like everything else, so `validateRound` treats its input as
 * hostile and answers with the list of problems (values), never an exception.
 */
import type { Entry } from './types';
import { isPlainRecord } from './plain';

/** How many swabs share one tube: single (单采), five (五混一), ten (十混一), twenty. */
export const POOLINGS = [1, 5, 10, 20] as const;
export type Pooling = (typeof POOLINGS)[number];

/** The sticker colours of the day (each has a name in the message catalogue). */
export const STICKER_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'white'] as const;
export type StickerColour = (typeof STICKER_COLOURS)[number];

/** One mass-testing round. */
export interface Round {
  /** Short base36, random (injected), unique within the site. */
  id: string;
  /** As the supervisor calls it: `第3轮`. */
  name: string;
  /** `YYYY-MM-DD` in the site's time zone: the day the round was called for. */
  date: string;
  pooling: Pooling;
  stickerColour: StickerColour;
  openedAt: number;
  /** Set once the round is closed: no more tubes or samples. */
  closedAt?: number;
}

/** Why a value is not a valid round. Closed set; a form shows one message for each. */
export type RoundProblem = 'bad-id' | 'name-empty' | 'name-too-long' | 'bad-date' | 'bad-pooling' | 'bad-colour' | 'bad-time' | 'closed-before-opened';

export type RoundCheck = { ok: true; round: Round } | { ok: false; problems: RoundProblem[] };

/** Longest round name. */
export const MAX_ROUND_NAME = 40;

const ROUND_ID = /^[0-9a-z]{4,16}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateKey(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Checks a round (from a form or from a peer). Returns a clean copy, or every problem found. */
export function validateRound(raw: unknown): RoundCheck {
  if (!isPlainRecord(raw)) return { ok: false, problems: ['bad-id'] };
  const v = raw;
  const problems: RoundProblem[] = [];
  if (typeof v.id !== 'string' || !ROUND_ID.test(v.id)) problems.push('bad-id');
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  if (name.length === 0) problems.push('name-empty');
  else if (Array.from(name).length > MAX_ROUND_NAME) problems.push('name-too-long');
  if (typeof v.date !== 'string' || !isDateKey(v.date)) problems.push('bad-date');
  if (!POOLINGS.includes(v.pooling as Pooling)) problems.push('bad-pooling');
  if (!STICKER_COLOURS.includes(v.stickerColour as StickerColour)) problems.push('bad-colour');
  if (!isTime(v.openedAt) || (v.closedAt !== undefined && !isTime(v.closedAt))) problems.push('bad-time');
  else if (v.closedAt !== undefined && (v.closedAt as number) < v.openedAt) problems.push('closed-before-opened');
  if (problems.length > 0) return { ok: false, problems };

  const round: Round = {
    id: v.id as string,
    name,
    date: v.date as string,
    pooling: v.pooling as Pooling,
    stickerColour: v.stickerColour as StickerColour,
    openedAt: v.openedAt as number
  };
  if (v.closedAt !== undefined) round.closedAt = v.closedAt as number;
  return { ok: true, round };
}

/** True while the round takes tubes and samples. */
export function isRoundOpen(round: Round): boolean {
  return round.closedAt === undefined;
}

/** The round closed at `now` (a new value; a round already closed keeps its first close). */
export function closeRound(round: Round, now: number): Round {
  return round.closedAt === undefined ? { ...round, closedAt: Math.max(now, round.openedAt) } : round;
}

/**
 * The round new entries go to: the open round opened last (ties by id, so every tablet
 * picks the same one), or undefined when none is open.
 */
export function currentRound(rounds: Iterable<Round>): Round | undefined {
  let best: Round | undefined;
  for (const r of rounds) {
    if (!isRoundOpen(r)) continue;
    if (!best || r.openedAt > best.openedAt || (r.openedAt === best.openedAt && r.id > best.id)) best = r;
  }
  return best;
}

/** The round an entry belongs to, if it names one of `rounds`. */
export function roundOf(entry: Pick<Entry, 'round'>, rounds: ReadonlyMap<string, Round>): Round | undefined {
  return entry.round === undefined ? undefined : rounds.get(entry.round);
}

/** The entries of one round, in the order given. */
export function entriesOfRound(entries: Iterable<Entry>, roundId: string): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) if (e.round === roundId) out.push(e);
  return out;
}
