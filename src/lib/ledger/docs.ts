/**
 * The shapes of the Y.Docs (see ../shared/DESIGN.md, "Y.Docs"):
 *
 * - `site`: `config` (name, time zone), `people` (the roster: person id → compact person),
 *   `devices` (device id → name and station), `rounds` (round id → round; a round is
 *   replaced whole when it is closed, the one value in the site doc that changes),
 *   `removed` (device id → removal: a lost tablet the supervisor removed; written once),
 *   `policy` (the gate policy: field → text, core/gate-policy-codec.ts; a field is
 *   replaced whenever the supervisor changes it), `passKeys` (the trust list of the site's
 *   pass-signing keys: kid → public key, window and the root key's certificate;
 *   gate/passes/trust-list.ts), `revoked` (pass id → revocation: a lost pass; written once).
 * - `day:YYYY-MM-DD`: `entries` (entry id → compact immutable entry, entry-codec.ts).
 *
 * Values are plain objects, written once and never changed: a Y.Map of plain values is
 * the cheapest layout to load and to hold in memory (STACK.md, "Yjs sizes").
 */
import * as Y from 'yjs';
import { PERSON_TAGS, type Person, type PersonTag } from '$lib/core/types';
import { validateRound, type Round } from '$lib/core/round';
import { isPlainRecord } from '$lib/core/plain';

export const SITE_DOC = 'site';
export const dayDocName = (day: string) => `day:${day}`;
export const isDayDoc = (name: string) => /^day:\d{4}-\d{2}-\d{2}$/.test(name);

export const entriesOf = (doc: Y.Doc) => doc.getMap<unknown>('entries');
export const peopleOf = (doc: Y.Doc) => doc.getMap<unknown>('people');
export const configOf = (doc: Y.Doc) => doc.getMap<unknown>('config');
export const devicesOf = (doc: Y.Doc) => doc.getMap<unknown>('devices');
export const roundsOf = (doc: Y.Doc) => doc.getMap<unknown>('rounds');
export const removedOf = (doc: Y.Doc) => doc.getMap<unknown>('removed');
export const policyOf = (doc: Y.Doc) => doc.getMap<unknown>('policy');
export const passKeysOf = (doc: Y.Doc) => doc.getMap<unknown>('passKeys');
export const revokedOf = (doc: Y.Doc) => doc.getMap<unknown>('revoked');

/**
 * A tablet the site no longer trusts (lost or stolen). Its entries up to `upTo` (its highest
 * sequence number the remover held) stay, marked; any later one is refused by every tablet.
 */
export interface Removal {
  /** When, by the remover's clock (ms). */
  at: number;
  upTo: number;
  /** The supervisor who removed it. */
  by: string;
}

/** Decodes a stored removal; null when malformed (values may come from peers). */
export function decodeRemoval(raw: unknown): Removal | null {
  if (!isPlainRecord(raw)) return null;
  const v = raw;
  if (!Number.isSafeInteger(v.at) || !Number.isSafeInteger(v.upTo) || (v.upTo as number) < 0) return null;
  if (typeof v.by !== 'string' || v.by.length > 40) return null;
  return { at: v.at as number, upTo: v.upTo as number, by: v.by };
}

/** A person as stored in the site doc (the id is the key). */
export interface StoredPerson {
  n: string;
  i: string;
  b: string;
  u: string;
  r: string;
  ph?: string;
  id?: string;
  t?: number[];
}

export function encodePerson(p: Person): StoredPerson {
  const out: StoredPerson = { n: p.name, i: p.initials, b: p.building, u: p.unit, r: p.room };
  if (p.phone) out.ph = p.phone;
  if (p.idMasked) out.id = p.idMasked;
  if (p.tags.length) out.t = p.tags.map((t) => PERSON_TAGS.indexOf(t));
  return out;
}

const str = (v: unknown, max = 128): v is string => typeof v === 'string' && v.length <= max;

/** Decodes a stored person; null when malformed (values may come from peers). */
export function decodePerson(id: string, raw: unknown): Person | null {
  if (!str(id, 16) || !isPlainRecord(raw)) return null;
  const v = raw;
  if (!str(v.n, 64) || !str(v.i, 64) || !str(v.b) || !str(v.u) || !str(v.r)) return null;
  if (v.ph !== undefined && !str(v.ph, 32)) return null;
  if (v.id !== undefined && !str(v.id, 32)) return null;
  const tags: PersonTag[] = [];
  if (v.t !== undefined) {
    if (!Array.isArray(v.t)) return null;
    for (const i of v.t) {
      const tag = typeof i === 'number' ? PERSON_TAGS[i] : undefined;
      if (!tag) return null;
      tags.push(tag);
    }
  }
  return {
    id,
    name: v.n,
    initials: v.i,
    building: v.b,
    unit: v.u,
    room: v.r,
    phone: (v.ph as string | undefined) ?? '',
    idMasked: (v.id as string | undefined) ?? '',
    tags
  };
}

/** A round as stored in the site doc: the Round itself, checked on the way out. */
export function decodeRound(id: string, raw: unknown): Round | null {
  const check = validateRound(raw);
  return check.ok && check.round.id === id ? check.round : null;
}

