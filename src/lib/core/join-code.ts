/**
 * The join code: what a new tablet needs to join a site — its id, name, time zone and
 * secret — as one line of text that any tablet of the site shows as a QR code. Whoever
 * holds it can join and read the site's data, so it is shown only on request, never
 * printed on the personal codes.
 *
 * Format: `BSTJ1.` + base64url(JSON { i, n, z, s }). A scanned join code is hostile input
 * like any other: `parseJoinCode` checks every field and answers null, never throws.
 */
import { isTimeZone } from './day';
import type { Site } from './types';

export const JOIN_PREFIX = 'BSTJ1.';

const SITE_ID = /^[0-9a-z]{4,16}$/;
const MAX_JOIN_CODE = 600;

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
export function formatJoinCode(site: Pick<Site, 'id' | 'name' | 'timeZone' | 'secret'>): string {
  return JOIN_PREFIX + toBase64Url(JSON.stringify({ i: site.id, n: site.name, z: site.timeZone, s: site.secret }));
}

/** Reads a join code (scanned or pasted); null for anything that is not a valid one. */
export function parseJoinCode(text: string): Pick<Site, 'id' | 'name' | 'timeZone' | 'secret'> | null {
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
  const { i, n, z, s } = v as Record<string, unknown>;
  if (typeof i !== 'string' || !SITE_ID.test(i)) return null;
  if (typeof n !== 'string' || n.trim().length === 0 || n.length > 60) return null;
  if (typeof z !== 'string' || !isTimeZone(z)) return null;
  if (typeof s !== 'string' || s.length < 16 || s.length > 128) return null;
  return { id: i, name: n, timeZone: z, secret: s };
}

/** True if a scanned text looks like a join code (so scan screens can route it). */
export const isJoinCode = (text: string) => text.trim().startsWith(JOIN_PREFIX);
