/**
 * What each tablet tells the others about itself (DESIGN.md, "Each tablet advertises"): its
 * name, station, entry count and the digest of its entry set per day. The devices panel and
 * the shift handover compare these with this tablet's own digests.
 *
 * Adverts travel as ADVERT messages of the sync protocol (wire.ts) and are relayed like
 * updates, newest per device winning by the sender's own clock (`at`), so a tablet learns
 * of tablets it never meets directly. An advert arrives from peers: `readAdvert` (its text)
 * and `decodeAdvert` (its value) treat it as hostile.
 */
import { STATIONS, type StationKind } from '$lib/core/types';
import { parseDigest } from '$lib/core/digest';
import { isDeviceId } from '$lib/core/entry-id';
import { isPlainRecord } from '$lib/core/plain';
import { MAX_ADVERT } from './wire';

/** One tablet's self-description, as it sent it. */
export interface Advert {
  device: string;
  /** The name given in settings ("North gate #1"). */
  name: string;
  station: StationKind;
  /** Entries this tablet holds, all days it has loaded. */
  entries: number;
  /** Day (`YYYY-MM-DD`) → `formatDigest` text of the entries of that day it holds. */
  days: Record<string, string>;
  /** The sender's clock when it made this advert (ms). */
  at: number;
}

/** What this tablet knows of another tablet of the site. */
export interface TabletView {
  advert: Advert;
  /** Connected to this tablet directly now. */
  connected: boolean;
  /** Heard through another tablet lately (reachable through it), not directly. */
  relayed: boolean;
  /** This tablet's clock when the advert (or the direct connection) was last heard. */
  lastSeen: number;
}

const MAX_DAYS = 62;

/** Reads an advert from a peer; null unless it is exactly a well-formed one. */
export function decodeAdvert(raw: unknown): Advert | null {
  if (!isPlainRecord(raw)) return null;
  const v = raw;
  if (typeof v.device !== 'string' || !isDeviceId(v.device)) return null;
  if (typeof v.name !== 'string' || v.name.length > 64) return null;
  if (typeof v.station !== 'string' || !(STATIONS as readonly string[]).includes(v.station)) return null;
  if (!Number.isSafeInteger(v.entries) || (v.entries as number) < 0) return null;
  if (!Number.isSafeInteger(v.at) || (v.at as number) < 0) return null;
  if (!isPlainRecord(v.days)) return null;
  const days: Record<string, string> = {};
  const list = Object.entries(v.days as Record<string, unknown>);
  if (list.length > MAX_DAYS) return null;
  for (const [day, digest] of list) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || typeof digest !== 'string' || !parseDigest(digest)) return null;
    days[day] = digest;
  }
  return { device: v.device, name: v.name, station: v.station as StationKind, entries: v.entries as number, days, at: v.at as number };
}

/** Reads an advert's text as an ADVERT message carries it; null unless it is exactly one, within MAX_ADVERT. */
export function readAdvert(text: string): Advert | null {
  // By length first (characters never outnumber the UTF-8 bytes the wire counts).
  if (text.length > MAX_ADVERT) return null;
  try {
    return decodeAdvert(JSON.parse(text));
  } catch {
    return null; // not JSON: a malformed advert, which the session reports
  }
}
