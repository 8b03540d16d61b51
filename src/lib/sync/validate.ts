/**
 * Validation of an update from a peer, before it touches the doc it is meant for.
 *
 * Algorithm: decode the update's structs and delete set (`Y.decodeUpdate`, no doc involved)
 * and judge every struct the doc does not hold yet against the doc's current state, read
 * only. No scratch copy of the doc is made: a copy costs time in the size of the doc
 * (measured: ~250 ms to copy a 40,000-entry day, ~14 ms to judge a 58 KB piece of
 * 1,000 entries by decoding) for every message, so a catch-up of N messages would be
 * quadratic; decoding costs time in the size of the update alone. The structs ARE what
 * `Y.applyUpdate` integrates, so judging them is judging the change (validate.test.ts
 * checks this against a scratch-copy oracle).
 *
 * Invariants of what a day doc may receive (entries are append-only, DESIGN.md):
 * - only new keys of the top-level map `entries`, set once: a struct with an origin (a
 *   Y.Map overwrite points at the value it replaces), a key the doc or the update already
 *   holds (a concurrent set would hide one of the two values), a delete set or a deleted
 *   struct are refused: they change or delete an entry;
 * - every key is an entry id and every value decodes with `decodeEntry`.
 *
 * Authorship (who may write `device:seq`). Yjs gives each struct a clientID, random per
 * loaded doc, not a device id, and a relaying peer is not the author, so the sender says
 * nothing about authorship. The rule: a Yjs client is one doc instance on one tablet and
 * writes only that tablet's entries, so **all entries of one clientID must name one
 * device** — the binding is derived from what the doc already holds plus the update, and
 * stored nowhere. An entry a removed device wrote after its removal (`isDeviceAccepted`) is refused.
 * Limits: this catches a confused, cloned or hijacked client, not a determined insider: a
 * peer holding the site secret can still write under another device's id from a fresh
 * clientID. Real authorship needs per-device signatures (an Ed25519 key per tablet, its
 * public key in the site doc's `devices`); this module is where they would be checked.
 *
 * The site doc: only the maps `config`, `people`, `devices`, `rounds`, `removed`, `policy`,
 * `passKeys`, `revoked`;
 * overwrites and deletions are allowed there (a roster re-import replaces people, closing a
 * round replaces it, a supervisor changes the gate policy); people decode with
 * `decodePerson`, rounds with `decodeRound`, devices are `{ n, s }`, removals decode with
 * `decodeRemoval`, policy fields with `decodePolicyField`, pass keys with
 * `decodeStoredPassKey`, revocations with `decodeRevocation`, config keys come from a known
 * set (`passRoot` a public key's text). An overwrite names no key, only the struct it
 * replaces: the key is found in the update or the doc; a struct that replaces something
 * unknown is refused (the chunker sends structs in causal order).
 *
 * Never throws on hostile input: everything ends in a closed result value.
 */
import * as Y from 'yjs';
import { decodeEntry } from '$lib/core/entry-codec';
import { isDeviceId, parseEntryId } from '$lib/core/entry-id';
import { decodePolicyField, isPolicyKey } from '$lib/core/gate-policy-codec';
import { isPlainRecord } from '$lib/core/plain';
import { STATIONS } from '$lib/core/types';
import { decodeRevocation, decodeStoredPassKey, isPublicKeyText } from '$lib/core/pass-trust-codec';
import {
  SITE_DOC,
  configOf,
  decodePerson,
  decodeRemoval,
  decodeRound,
  devicesOf,
  isDayDoc,
  passKeysOf,
  peopleOf,
  policyOf,
  removedOf,
  revokedOf,
  roundsOf
} from '$lib/ledger/docs';

/** Yjs exports the class but not its type. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** Largest sync message (DESIGN.md, "Sync"): 16 KiB is the safe size between browsers, 256 KiB Chromium's limit. */
export const MAX_MESSAGE = 64 * 1024;

/** Why an update was refused. Closed set: the devices panel names each one. */
export type Refusal =
  | 'too-large'
  | 'malformed'
  | 'unknown-doc'
  | 'unknown-field'
  | 'bad-key'
  | 'bad-value'
  | 'foreign-entry'
  | 'revoked-device'
  | 'changes-entry'
  | 'deletes-entry';

/** The outcome of validating one update: `items` new structs it brings, or why it was refused. */
export type Validation = { ok: true; items: number } | { ok: false; reason: Refusal; detail: string };

export interface ValidateOptions {
  /** Largest update accepted, in bytes (default MAX_MESSAGE). */
  maxBytes?: number;
  /** False for the `seq`-th entry of a device the site removed before it wrote it. Default: all accepted. */
  isDeviceAccepted?: (device: string, seq: number) => boolean;
}

/** Config keys a peer may set in the site doc. */
export const CONFIG_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'timeZone', 'createdAt', 'passRoot']);
const SITE_MAPS = ['config', 'people', 'devices', 'rounds', 'removed', 'policy', 'passKeys', 'revoked'] as const;
type SiteMap = (typeof SITE_MAPS)[number];
/** Where a struct of the site doc sits: its map and key. */
type Place = { map: SiteMap; key: string };

// Content refs of Yjs (AbstractContent.getRef()).
const REF_DELETED = 1;
const REF_ANY = 8;

const refuse = (reason: Refusal, detail: string): Validation => ({ ok: false, reason, detail });

/**
 * Judges `update` for `doc` (the current state of `docName`, an empty doc if this peer has
 * none yet). Reads the doc, never changes it.
 */
export function validateUpdate(docName: string, doc: Y.Doc, update: Uint8Array, opts: ValidateOptions = {}): Validation {
  const maxBytes = opts.maxBytes ?? MAX_MESSAGE;
  if (!(update instanceof Uint8Array)) return refuse('malformed', 'not bytes');
  if (update.length > maxBytes) return refuse('too-large', `${update.length} > ${maxBytes} bytes`);
  const isSite = docName === SITE_DOC;
  if (!isSite && !isDayDoc(docName)) return refuse('unknown-doc', docName);
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    return refuse('malformed', `undecodable update: ${(e as Error)?.message ?? e}`);
  }
  try {
    // Structs the doc holds already are skipped by Yjs, so they are not judged either.
    const fresh = decoded.structs.filter((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client));
    return isSite ? judgeSite(doc, fresh, decoded.ds) : judgeDay(doc, fresh, decoded.ds, opts);
  } catch (e) {
    // A shape no honest peer sends (a value that breaks a check's assumptions).
    return refuse('malformed', `unreadable structs: ${(e as Error)?.message ?? e}`);
  }
}

function judgeDay(doc: Y.Doc, structs: readonly (Y.Item | Y.GC)[], ds: DeleteSet, opts: ValidateOptions): Validation {
  const entries = doc.getMap('entries');
  const binding = clientDevices(doc);
  const seen = new Set<string>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) return refuse('deletes-entry', 'garbage-collected struct in a day');
    if (s.origin !== null || s.rightOrigin !== null) return refuse('changes-entry', `overwrites ${idText(s.origin ?? s.rightOrigin!)}`);
    const parent: unknown = s.parent;
    if (parent !== 'entries' || typeof s.parentSub !== 'string') return refuse('unknown-field', `day docs hold only entries (${String(parent)})`);
    const key = s.parentSub;
    const ref = parseEntryId(key);
    if (!ref) return refuse('bad-key', `not an entry id: ${key.slice(0, 40)}`);
    const refNum = s.content.getRef();
    if (refNum === REF_DELETED) return refuse('deletes-entry', key);
    const value = refNum === REF_ANY ? (s.content as Y.ContentAny).arr : null;
    if (!value || value.length !== 1 || !decodeEntry(key, value[0])) return refuse('bad-value', key);
    if (entries.has(key) || seen.has(key)) return refuse('changes-entry', key);
    seen.add(key);
    const bound = binding.get(s.id.client);
    if (bound !== undefined && bound !== ref.device) return refuse('foreign-entry', `${key} from a client of ${bound}`);
    binding.set(s.id.client, ref.device);
    if (opts.isDeviceAccepted && !opts.isDeviceAccepted(ref.device, ref.seq)) return refuse('revoked-device', key);
  }
  // After the structs: an overwrite deletes the value it replaces, and is better named a change.
  if (ds.clients.size > 0) return refuse('deletes-entry', 'the update deletes items of a day');
  return { ok: true, items: structs.length };
}

/** The device each Yjs client of a day doc writes for, from the first entry it wrote. */
function clientDevices(doc: Y.Doc): Map<number, string> {
  const out = new Map<number, string>();
  doc.store.clients.forEach((structs, client) => {
    const first = structs.find((s): s is Y.Item => s instanceof Y.Item && typeof s.parentSub === 'string');
    const device = first ? parseEntryId(first.parentSub!)?.device : undefined;
    if (device) out.set(client, device);
  });
  return out;
}

function judgeSite(doc: Y.Doc, structs: readonly (Y.Item | Y.GC)[], _ds: DeleteSet): Validation {
  const items = structs.filter((s): s is Y.Item => s instanceof Y.Item);
  // Where each struct of the update sits (map and key), for overwrites that point at it.
  const placed = new Map<string, Place>();
  for (const s of items) {
    if (s.rightOrigin !== null) return refuse('malformed', 'maps never set a right origin');
    if (s.origin !== null) continue;
    const parent: unknown = s.parent;
    const map = SITE_MAPS.find((m) => m === parent);
    if (!map || typeof s.parentSub !== 'string') return refuse('unknown-field', `site doc field ${String(parent)}`);
    placed.set(idText(s.id), { map, key: s.parentSub });
  }
  // An overwrite sits where the struct it replaces sits: follow each chain of overwrites in
  // the update down to a struct whose place is known (a new key of the update, or a struct of
  // the doc) and give that place to the whole chain. Each struct is walked once, in whatever
  // order the chains come (resolving them round by round was quadratic in a reversed chain).
  const overwrites = new Map(items.filter((s) => s.origin !== null).map((s) => [idText(s.id), s]));
  for (const start of overwrites.values()) {
    const chain = new Set<string>();
    let at: Place | null = null;
    for (let s: Y.Item | undefined = start; s && !chain.has(idText(s.id)); ) {
      const id = idText(s.id);
      at = placed.get(id) ?? null;
      if (at) break;
      chain.add(id);
      const next = overwrites.get(idText(s.origin!));
      if (!next) at = placed.get(idText(s.origin!)) ?? placeInDoc(doc, s.origin!);
      s = next;
    }
    // A chain that ends nowhere, or runs in a circle, replaces something this doc never held.
    if (!at) return refuse('malformed', `overwrites an unknown struct ${idText(start.origin!)}`);
    for (const id of chain) placed.set(id, at);
  }
  for (const s of items) {
    const { map, key } = placed.get(idText(s.id))!;
    const refNum = s.content.getRef();
    if (refNum === REF_DELETED) continue; // an overwritten value, already gone
    const value = refNum === REF_ANY ? (s.content as Y.ContentAny).arr : null;
    if (!value || value.length !== 1) return refuse('bad-value', `${map}/${key.slice(0, 40)}`);
    const problem = siteValueProblem(map, key, value[0]);
    if (problem) return refuse(problem, `${map}/${key.slice(0, 40)}`);
  }
  return { ok: true, items: structs.length };
}

function siteValueProblem(map: SiteMap, key: string, value: unknown): Refusal | null {
  if (map === 'people') return decodePerson(key, value) ? null : 'bad-value';
  if (map === 'rounds') return decodeRound(key, value) ? null : 'bad-value';
  if (map === 'removed') return !isDeviceId(key) ? 'bad-key' : decodeRemoval(value) ? null : 'bad-value';
  if (map === 'policy') return !isPolicyKey(key) ? 'unknown-field' : decodePolicyField(key, value) ? null : 'bad-value';
  if (map === 'passKeys') return decodeStoredPassKey(key, value) ? null : 'bad-value';
  if (map === 'revoked') return decodeRevocation(key, value) ? null : 'bad-value';
  if (map === 'devices') {
    if (!isDeviceId(key)) return 'bad-key';
    const ok = isPlainRecord(value) && typeof value.n === 'string' && value.n.length <= 40 && typeof value.s === 'number' && STATIONS[value.s] !== undefined;
    return ok ? null : 'bad-value';
  }
  if (!CONFIG_KEYS.has(key)) return 'unknown-field';
  // A root that is no key would leave a tablet that takes the site doc's root trusting no pass.
  if (key === 'passRoot') return isPublicKeyText(value) ? null : 'bad-value';
  return (typeof value === 'string' && value.length <= 128) || Number.isSafeInteger(value) ? null : 'bad-value';
}

/** The map and key of a struct the doc already holds, or null. */
function placeInDoc(doc: Y.Doc, id: Y.ID): Place | null {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.[structs.length - 1];
  if (!last || last.id.clock + last.length <= id.clock) return null;
  const item = structs![Y.findIndexSS(structs!, id.clock)];
  if (!(item instanceof Y.Item) || typeof item.parentSub !== 'string') return null;
  const maps: Record<SiteMap, Y.Map<unknown>> = {
    config: configOf(doc),
    people: peopleOf(doc),
    devices: devicesOf(doc),
    rounds: roundsOf(doc),
    removed: removedOf(doc),
    policy: policyOf(doc),
    passKeys: passKeysOf(doc),
    revoked: revokedOf(doc)
  };
  const map = SITE_MAPS.find((m) => (item.parent as unknown) === maps[m]);
  return map ? { map, key: item.parentSub } : null;
}

const idText = (id: Y.ID) => `${id.client}:${id.clock}`;
