/**
 * The join code: what a new tablet needs to join a site — its id, name, time zone and
 * secret — as one line of text that any tablet of the site shows as a QR code. Whoever
 * holds it can join and read the site's data, so it is shown only on request, never
 * printed on the personal codes.
 *
 * Format: `BSTJ1.` + base64url(JSON { i, n, z, s, g?, r? }), `g` the signaling addresses, `r`
 * the site's root pass key (the Site's `passRoot`, pinned by the joining tablet). A scanned
 * join code is hostile input like any other: `readJoinCode` refuses it by its length first,
 * then checks every field, and answers the site or why not, never throws.
 *
 * Size: the longest code of a site the app accepts (a 60-character name, every character
 * escaped in JSON; a 64-character zone; a 128-character secret; four 200-character signaling
 * addresses; the 43-character root key) is 1,960 characters (1,893 without the key), within
 * MAX_JOIN_CODE and within what a QR code at error correction M holds (2,331 bytes). Secrets
 * and signaling addresses are plain ASCII for that.
 */
import { isTimeZone } from '$lib/core/day';
import { isPublicKeyText } from '$lib/core/pass-trust-codec';
import type { Site } from '$lib/core/types';

export const JOIN_PREFIX = 'BSTJ1.';

const SITE_ID = /^[0-9a-z]{4,16}$/;
// What site-lifecycle's randomSecret makes (base64url), and the demo's secret.
const SECRET = /^[A-Za-z0-9_-]{16,128}$/;
/** Longest join code read; longer text is refused before it is decoded (see the header). */
export const MAX_JOIN_CODE = 2048;
/** At most this many signaling servers per site (each tablet keeps a socket to each). */
export const MAX_SIGNALING = 4;

/** True for a signaling address a tablet may connect to: ws:// or wss://, printable ASCII, no quotes or backslashes. */
export function isSignalingUrl(text: string): boolean {
  if (text.length > 200 || !/^wss?:\/\/[^\s/]+/.test(text) || !/^[!#-[\]-~]+$/.test(text)) return false;
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

type JoinedSite = Pick<Site, 'id' | 'name' | 'timeZone' | 'secret' | 'signaling' | 'passRoot'>;

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
  if (site.passRoot) fields.r = site.passRoot;
  return JOIN_PREFIX + toBase64Url(JSON.stringify(fields));
}

/**
 * Why a text is not a join code. `too-long`: over MAX_JOIN_CODE, refused unread; `not-a-join-code`:
 * no `BSTJ1.` prefix; `unreadable`: not base64url of UTF-8 JSON; `bad-field`: a field missing or
 * out of its rules (`field` names it).
 */
export type JoinCodeRefusal = 'too-long' | 'not-a-join-code' | 'unreadable' | 'bad-field';

/** What a join code says: the site, or why it is not one. */
export type JoinCodeReading = { ok: true; site: JoinedSite } | { ok: false; reason: JoinCodeRefusal; field?: string };

const refuse = (reason: JoinCodeRefusal, field?: string): JoinCodeReading => (field ? { ok: false, reason, field } : { ok: false, reason });

/** Reads a join code (scanned or pasted): the site, or why not. */
export function readJoinCode(text: string): JoinCodeReading {
  if (text.length > MAX_JOIN_CODE) return refuse('too-long');
  const t = text.trim();
  if (!t.startsWith(JOIN_PREFIX)) return refuse('not-a-join-code');
  const json = fromBase64Url(t.slice(JOIN_PREFIX.length));
  if (json === null) return refuse('unreadable');
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return refuse('unreadable');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse('unreadable');
  const { i, n, z, s, g, r } = v as Record<string, unknown>;
  if (typeof i !== 'string' || !SITE_ID.test(i)) return refuse('bad-field', 'i');
  if (typeof n !== 'string' || n.trim().length === 0 || n.length > 60) return refuse('bad-field', 'n');
  if (typeof z !== 'string' || z.length > 64 || !isTimeZone(z)) return refuse('bad-field', 'z');
  if (typeof s !== 'string' || !SECRET.test(s)) return refuse('bad-field', 's');
  // The site's root pass key (a join code made before passes were signed has none).
  if (r !== undefined && !isPublicKeyText(r)) return refuse('bad-field', 'r');
  const site: JoinedSite = { id: i, name: n, timeZone: z, secret: s };
  if (r !== undefined) site.passRoot = r as string;
  if (g === undefined) return { ok: true, site };
  if (!Array.isArray(g) || g.length > MAX_SIGNALING || !g.every((u) => typeof u === 'string' && isSignalingUrl(u))) return refuse('bad-field', 'g');
  // An empty list is no list (formatJoinCode writes none): one site, one reading.
  if (g.length > 0) site.signaling = g as string[];
  return { ok: true, site };
}

/** The site of a join code, or null (for callers that need no reason). */
export function parseJoinCode(text: string): JoinedSite | null {
  const read = readJoinCode(text);
  return read.ok ? read.site : null;
}

/** True if a scanned text looks like a join code (so scan screens can route it). */
export const isJoinCode = (text: string) => text.trim().startsWith(JOIN_PREFIX);
