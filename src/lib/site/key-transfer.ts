/**
 * Handing the site's pass-signing key to another supervisor tablet (issue 12: "only through
 * a PIN-protected step"). The giving tablet, behind its supervisor PIN, shows the key as a
 * QR code sealed with a one-time 8-digit transfer code shown beside it, never inside it; the
 * receiving tablet, behind its own supervisor PIN, scans the QR and types the digits. A
 * photo of the QR alone opens nothing: the digits are stretched by PBKDF2 (600,000 rounds of
 * SHA-256, OWASP's figure), so trying all 10^8 codes costs about 10^8 × a third of a second
 * of a tablet's CPU. The receiving tablet keeps the key only if it is one of the site's
 * trusted keys (its kid is that of its public half and the trust list names it).
 *
 *   BPK1. + base64url( salt(16) | iv(12) | AES-256-GCM( JSON { s: site, k: kid, p: pkcs8 (b64url), r: root } ) )
 */
import { fromBase64url, toBase64url } from '$lib/core/base64url';
import { concatBytes } from '$lib/core/bytes';
import { kidOf } from '$lib/gate/passes';
import { publicKeyOfPkcs8 } from '$lib/gate/passes/ed25519';
import type { HeldKey } from './pass-keyring';

export const KEY_TRANSFER_PREFIX = 'BPK1.';
const ROUNDS = 600_000;
/** A sealed key is ~200 bytes; anything much longer is not one. */
const MAX_TEXT = 600;

export type KeyTransferRefusal = 'not-a-key-code' | 'wrong-code' | 'other-site' | 'not-a-site-key';
export type KeyTransferReading = { ok: true; key: HeldKey } | { ok: false; reason: KeyTransferRefusal };

/** A fresh transfer code: 8 random digits. */
export function newTransferCode(random: Uint8Array = crypto.getRandomValues(new Uint8Array(8))): string {
  return Array.from(random.subarray(0, 8), (b) => String(b % 10)).join('');
}

/** True for 8 digits, spaces allowed (the screen shows `1234 5678`). */
export const isTransferCode = (text: string) => /^\d{8}$/.test(text.replace(/\s+/g, ''));

async function aesKey(code: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(code.replace(/\s+/g, '')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ROUNDS }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The QR text that carries `key` of `siteId`, sealed with `code`. */
export async function sealKey(siteId: string, key: HeldKey, code: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify({ s: siteId, k: key.kid, p: toBase64url(key.privateKey), r: key.root }));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(code, salt), plain));
  return KEY_TRANSFER_PREFIX + toBase64url(concatBytes(salt, iv, sealed));
}

/**
 * Opens a sealed key scanned on the receiving tablet. `trusted` says whether a kid is in the
 * site's trust list. Never throws on what was scanned or typed.
 */
export async function openKey(text: string, code: string, siteId: string, trusted: (kid: string) => boolean): Promise<KeyTransferReading> {
  const t = text.trim();
  if (t.length > MAX_TEXT || !t.startsWith(KEY_TRANSFER_PREFIX)) return { ok: false, reason: 'not-a-key-code' };
  const bytes = fromBase64url(t.slice(KEY_TRANSFER_PREFIX.length));
  if (!bytes || bytes.length < 16 + 12 + 16 + 1) return { ok: false, reason: 'not-a-key-code' };
  if (!isTransferCode(code)) return { ok: false, reason: 'wrong-code' };
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(16, 28) }, await aesKey(code, bytes.slice(0, 16)), bytes.slice(28)));
  } catch {
    // GCM's tag fails for a wrong code and for a changed QR alike: one answer, ask again.
    return { ok: false, reason: 'wrong-code' };
  }
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return { ok: false, reason: 'not-a-key-code' };
  }
  const { s, k, p, r } = (v ?? {}) as Record<string, unknown>;
  if (typeof s !== 'string' || typeof k !== 'string' || typeof p !== 'string' || typeof r !== 'boolean') return { ok: false, reason: 'not-a-key-code' };
  if (s !== siteId) return { ok: false, reason: 'other-site' };
  const privateKey = fromBase64url(p);
  const publicKey = privateKey && (await publicKeyOfPkcs8(privateKey));
  if (!publicKey || (await kidOf(publicKey)) !== k || !trusted(k)) return { ok: false, reason: 'not-a-site-key' };
  return { ok: true, key: { kid: k, privateKey: privateKey!, root: r } };
}
