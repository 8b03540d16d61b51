/**
 * What the site doc says (roster, rounds, tablets, config, gate policy) and the changes a tablet makes
 * to it (import people, save a round, register itself). Plain functions over a Y.Doc: the
 * ledger calls them on its current site doc and, for changes, inside its durable write
 * (`Ledger.changeSite`), so none of them touches the disk or the write lane itself.
 */
import type * as Y from 'yjs';
import { STATIONS, type Person, type Site, type StationKind } from '$lib/core/types';
import type { Round } from '$lib/core/round';
import { applyPolicyChange, policyFieldOf, type GatePolicy, type PolicyChange } from '$lib/core/gate-policy';
import { decodePolicyField, encodePolicyChange, readPolicy } from '$lib/core/gate-policy-codec';
import { HOLDER_REVOCATION, decodeRevocation, decodeStoredPassKey, isPublicKeyText, type Revocation, type StoredPassKey } from '$lib/core/pass-trust-codec';
import { configOf, decodePerson, decodeRound, devicesOf, encodePerson, passKeysOf, peopleOf, policyOf, revokedOf, roundsOf } from './docs';

/** A tablet as the site doc names it. */
export interface DeviceInfo {
  name: string;
  station: StationKind;
}

/** All roster people as the site doc holds them. */
export function peopleIn(doc: Y.Doc): Person[] {
  const out: Person[] = [];
  peopleOf(doc).forEach((raw, id) => {
    const p = decodePerson(id, raw);
    if (p) out.push(p);
  });
  return out;
}

/** The site's rounds, newest first. */
export function roundsIn(doc: Y.Doc): Round[] {
  const out: Round[] = [];
  roundsOf(doc).forEach((raw, id) => {
    const r = decodeRound(id, raw);
    if (r) out.push(r);
  });
  return out.sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : 1));
}

/** The tablets the site doc knows: id → name and station. */
export function devicesIn(doc: Y.Doc): Map<string, DeviceInfo> {
  const out = new Map<string, DeviceInfo>();
  devicesOf(doc).forEach((raw, id) => {
    const v = raw as { n?: unknown; s?: unknown };
    const station = typeof v.s === 'number' ? STATIONS[v.s] : undefined;
    if (typeof v.n === 'string' && station) out.set(id, { name: v.n, station });
  });
  return out;
}

/** Site name and zone as the site doc says, else as `site` says (the doc is the truth once it has them). */
export function configIn(doc: Y.Doc, site: Site): { name: string; timeZone: string } {
  const c = configOf(doc);
  return { name: String(c.get('name') ?? site.name), timeZone: String(c.get('timeZone') ?? site.timeZone) };
}

/** Whether the site doc has its config yet (a new site's first open writes it). */
export const hasConfig = (doc: Y.Doc): boolean => configOf(doc).has('name');

/** Writes the site's config into a new site doc. */
export function writeConfig(doc: Y.Doc, site: Site): void {
  const c = configOf(doc);
  c.set('id', site.id);
  c.set('name', site.name);
  c.set('timeZone', site.timeZone);
  c.set('createdAt', site.createdAt);
  if (site.passRoot) c.set('passRoot', site.passRoot);
}

/** Adds (or replaces) people on the roster. */
export function addPeople(doc: Y.Doc, people: readonly Person[]): void {
  const map = peopleOf(doc);
  for (const p of people) map.set(p.id, encodePerson(p));
}

/** Puts a checked round in place of any round of its id. */
export function putRound(doc: Y.Doc, round: Round): void {
  roundsOf(doc).set(round.id, { ...round });
}

/** Names `deviceId` and its station in the site doc; false (nothing written) if it already says so. */
export function putDevice(doc: Y.Doc, deviceId: string, name: string, station: StationKind): boolean {
  const value = { n: name.slice(0, 40), s: STATIONS.indexOf(station) };
  const current = devicesOf(doc).get(deviceId) as typeof value | undefined;
  if (current && current.n === value.n && current.s === value.s) return false;
  devicesOf(doc).set(deviceId, value);
  return true;
}

/** The gate policy the site doc says, each field unreadable or absent at its default (never throws). */
export function policyIn(doc: Y.Doc): GatePolicy {
  return readPolicy(policyOf(doc).entries());
}

/**
 * Writes each change that is not what the site doc already says (a field absent from it
 * says its default), and returns those: the caller records one `policy` entry each.
 * Changes, not a whole policy: a screen that read the policy before another supervisor's
 * change synced would otherwise write back the old value of fields it never touched
 * (core/gate-policy.ts `policyChanges` turns an edited policy into its changes). Each field
 * is its own key, so two supervisors' changes of different fields merge; of one field, the
 * last write wins. A change no tablet could read back (a quota out of bounds, a bad label)
 * throws a RangeError, and nothing is written.
 */
export function writePolicy(doc: Y.Doc, changes: readonly PolicyChange[]): PolicyChange[] {
  const bad = unreadableChange(changes);
  if (bad) throw new RangeError(`invalid policy change ${bad}`);
  const map = policyOf(doc);
  let current = policyIn(doc);
  const written: PolicyChange[] = [];
  for (const change of changes) {
    const { key, value } = encodePolicyChange(change);
    const now = policyFieldOf(current, change);
    if (now && encodePolicyChange(now).value === value) continue;
    map.set(key, value);
    current = applyPolicyChange(current, change);
    written.push(change);
  }
  return written;
}

/**
 * The first of `changes` that no tablet could read back, as `key=value`, if any. A form
 * checks its values first (gate/policy.ts): one that fails is a programmer error.
 */
export function unreadableChange(changes: readonly PolicyChange[]): string | undefined {
  for (const { key, value } of changes.map(encodePolicyChange)) if (!decodePolicyField(key, value)) return `${key}=${value}`;
  return undefined;
}

/** The site's pass trust as the doc holds it: the root key (base64url) and the stored keys by kid. */
export interface PassTrust {
  root: string | undefined;
  keys: Map<string, StoredPassKey>;
}

/** The pass trust the site doc holds; malformed values are left out (never throws). */
export function passTrustIn(doc: Y.Doc): PassTrust {
  const keys = new Map<string, StoredPassKey>();
  passKeysOf(doc).forEach((raw, kid) => {
    const key = decodeStoredPassKey(kid, raw);
    if (key) keys.set(kid, key);
  });
  const root = configOf(doc).get('passRoot');
  return { root: isPublicKeyText(root) ? root : undefined, keys };
}

/** Puts a key (new, or its window changed) into the trust list. */
export function putPassKey(doc: Y.Doc, kid: string, key: StoredPassKey): void {
  if (!decodeStoredPassKey(kid, key)) throw new RangeError(`not a storable pass key ${kid}`);
  passKeysOf(doc).set(kid, { ...key });
}

/** The revoked passes the site doc holds, by pass id. */
export function revocationsIn(doc: Y.Doc): Map<string, Revocation> {
  const out = new Map<string, Revocation>();
  revokedOf(doc).forEach((raw, id) => {
    const r = decodeRevocation(id, raw);
    if (r) out.set(id, r);
  });
  return out;
}

/**
 * Revokes a pass; false (nothing written) if it was revoked already: the first revocation
 * stands. A holder's revocation (key `h:<id>`) is replaced by a later one: it covers more.
 */
export function putRevocation(doc: Y.Doc, passId: string, revocation: Revocation): boolean {
  if (!decodeRevocation(passId, revocation)) throw new RangeError(`not a storable revocation ${passId}`);
  const before = decodeRevocation(passId, revokedOf(doc).get(passId));
  if (before && !(passId.startsWith(HOLDER_REVOCATION) && revocation.at > before.at)) return false;
  revokedOf(doc).set(passId, { ...revocation });
  return true;
}
