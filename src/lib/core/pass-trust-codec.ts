/**
 * The stored shapes of the site doc's pass trust (ledger/docs.ts `passKeys`, `revoked`):
 * what sync validation checks a peer's value against, and what the trust list
 * (gate/passes/trust-list.ts) reads. Values may come from peers: decoding never throws.
 */
import { fromBase64url } from './base64url';
import { isPlainRecord } from './plain';

/**
 * One key of the site's trust list as the site doc stores it under its kid: the raw public
 * key, the window of issue [f, u) in epoch seconds, and `c`, the root key's signature over
 * them (absent on the root's own entry, which every tablet knows from the site: see
 * gate/passes/trust-list.ts). Only the shape is checked here; whether `c` verifies is the
 * trust list's to decide, since verifying is asynchronous and sync validation is not.
 */
export interface StoredPassKey {
  /** base64url of the 32-byte raw public key */
  p: string;
  f: number;
  u?: number;
  /** base64url of the root key's 64-byte Ed25519 signature */
  c?: string;
}

const KID_TEXT = /^[0-9a-f]{8}$/;
const isSeconds = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
// The canonical base64url of exactly `n` bytes: a text of the right length whose last
// character carries stray low bits decodes to nothing a tablet wrote (and no key).
const isBytesText = (v: unknown, n: number): v is string => typeof v === 'string' && v.length === Math.ceil((n * 4) / 3) && fromBase64url(v)?.length === n;

/**
 * True for the text of a raw Ed25519 public key (the canonical base64url of 32 bytes): a key
 * of the trust list, and the site's root as the Site, the join code and the site doc name it.
 */
export const isPublicKeyText = (v: unknown): v is string => isBytesText(v, 32);

/** Decodes a stored pass key; null when malformed (values may come from peers). */
export function decodeStoredPassKey(kid: string, raw: unknown): StoredPassKey | null {
  if (!KID_TEXT.test(kid) || !isPlainRecord(raw)) return null;
  const v = raw;
  if (!isPublicKeyText(v.p) || !isSeconds(v.f)) return null;
  if (v.u !== undefined && !(isSeconds(v.u) && v.u > v.f)) return null;
  if (v.c !== undefined && !isBytesText(v.c, 64)) return null;
  const out: StoredPassKey = { p: v.p, f: v.f };
  if (v.u !== undefined) out.u = v.u as number;
  if (v.c !== undefined) out.c = v.c as string;
  return out;
}

/** A pass the site no longer honours (lost, or replaced by a new one). */
export interface Revocation {
  /** When, by the revoking tablet's clock (ms). */
  at: number;
  /** The supervisor who revoked it. */
  by: string;
  /** Whose pass it was (a person or household id), to list it by name. */
  holder?: string;
}

const PASS_ID = /^[0-9a-z]{4,16}$/;

/** The key revoking every pass of a holder issued before the revocation (a person or household id). */
export const HOLDER_REVOCATION = 'h:';
/**
 * The key of a revocation: a pass id, or `h:` and a holder id. `constructor` fits the id
 * pattern but is what every plain object holds (as for device ids, core/entry-id.ts); no
 * tablet makes it (gate/passes/sign.ts newPassId gives 10 characters).
 */
export function isRevocationKey(key: string): boolean {
  const id = key.startsWith(HOLDER_REVOCATION) ? key.slice(HOLDER_REVOCATION.length) : key;
  return PASS_ID.test(id) && id !== 'constructor';
}

/** Decodes a stored revocation; null when malformed (values may come from peers). */
export function decodeRevocation(passId: string, raw: unknown): Revocation | null {
  if (!isRevocationKey(passId) || !isPlainRecord(raw)) return null;
  const v = raw;
  if (!Number.isSafeInteger(v.at) || (v.at as number) < 0 || typeof v.by !== 'string' || v.by.length > 40) return null;
  if (v.holder !== undefined && !(typeof v.holder === 'string' && PASS_ID.test(v.holder))) return null;
  const out: Revocation = { at: v.at as number, by: v.by };
  if (v.holder !== undefined) out.holder = v.holder as string;
  return out;
}
