/**
 * The join code: what a new tablet needs to join a site — its id, name, time zone and
 * secret — as one line of text that any tablet of the site shows as a QR code. Whoever
 * holds it can join and read the site's data, so it is shown only on request, never
 * printed on the personal codes.
 *
 * Format: `BSTJ1.` + base64url(JSON { i, n, z, s, g? }), `g` the signaling addresses. A scanned join code is hostile input
 * like any other: `parseJoinCode` checks every field and answers null, never throws.
 */
import { isTimeZone } from '$lib/core/day';
import type { Site } from '$lib/core/types';

export const JOIN_PREFIX = 'BSTJ1.';

const SITE_ID = /^[0-9a-z]{4,16}$/;
const MAX_JOIN_CODE = 1200;
/** At most this many signaling servers per site (each tablet keeps a socket to each). */
export const MAX_SIGNALING = 4;

/** True for a signaling address a tablet may connect to. */
export function isSignalingUrl(text: string): boolean {
  if (text.length > 200 || !/^wss?:\/\/[^\s/]+/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Reads the signaling addresses typed in settings (one per line, blank lines ignored);
 * null if any line is not an address or there are too many.
 */
export function parseSignalingList(text: string): string[] | null {
  const lines = [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
  return lines.length <= MAX_SIGNALING && lines.every(isSignalingUrl) ? lines : null;
}

/**
 * Reads the ICE servers typed in settings: one `stun:` / `turn:` / `turns:` address per line,
 * a TURN server followed by `username credential`. Null if a line is not one. Empty (the
 * default) suits a LAN with no internet: the tablets reach each other directly.
 */
export function parseIceServers(text: string): IceServer[] | null {
  const out: IceServer[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const [url, username, credential, ...rest] = line.split(/\s+/);
    if (rest.length || !url || url.length > 200 || !/^(stun|turns?):[^\s@/]+$/.test(url.split('?')[0]!)) return null;
    const isTurn = url.startsWith('turn');
    if (isTurn !== (username !== undefined && credential !== undefined)) return null;
    out.push(isTurn ? { urls: url, username: username!, credential: credential! } : { urls: url });
  }
  return out.length <= MAX_SIGNALING ? out : null;
}

/** An ICE server as RTCPeerConnection takes it (a TURN server with its credentials). */
export interface IceServer {
  urls: string;
  username?: string;
  credential?: string;
}

/** The ICE servers as settings show them, one per line. */
export const formatIceServers = (servers: readonly IceServer[]) => servers.map((s) => [s.urls, s.username, s.credential].filter(Boolean).join(' ')).join('\n');

type JoinedSite = Pick<Site, 'id' | 'name' | 'timeZone' | 'secret' | 'signaling'>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The join code of a site. */
export function formatJoinCode(site: JoinedSite): string {
  const fields: Record<string, unknown> = { i: site.id, n: site.name, z: site.timeZone, s: site.secret };
  if (site.signaling?.length) fields.g = site.signaling;
  return JOIN_PREFIX + toBase64Url(JSON.stringify(fields));
}

/** Reads a join code (scanned or pasted); null for anything that is not a valid one. */
export function parseJoinCode(text: string): JoinedSite | null {
  const t = text.trim();
  if (t.length > MAX_JOIN_CODE || !t.startsWith(JOIN_PREFIX)) return null;
  const json = fromBase64Url(t.slice(JOIN_PREFIX.length));
  if (json === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { i, n, z, s, g } = v as Record<string, unknown>;
  if (typeof i !== 'string' || !SITE_ID.test(i)) return null;
  if (typeof n !== 'string' || n.trim().length === 0 || n.length > 60) return null;
  if (typeof z !== 'string' || !isTimeZone(z)) return null;
  if (typeof s !== 'string' || s.length < 16 || s.length > 128) return null;
  if (g === undefined) return { id: i, name: n, timeZone: z, secret: s };
  if (!Array.isArray(g) || g.length > MAX_SIGNALING || !g.every((u) => typeof u === 'string' && isSignalingUrl(u))) return null;
  return { id: i, name: n, timeZone: z, secret: s, signaling: g as string[] };
}

/** True if a scanned text looks like a join code (so scan screens can route it). */
export const isJoinCode = (text: string) => text.trim().startsWith(JOIN_PREFIX);
