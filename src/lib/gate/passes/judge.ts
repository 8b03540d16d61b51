/**
 * Judging a scanned pass at the gate: valid, or refused with the one reason most useful to
 * the duty person. Checks, in this order, each assuming the ones before passed:
 *
 *   1 not-a-pass        no `BP1:` prefix, over the length cap, or not base45: not a pass at all
 *   2 forged            base45, but not our COSE_Sign1 (CBOR garbage, another algorithm, a
 *                       second form of the framing, claims missing or malformed)
 *   3 other-site        the claims name another site — read before the signature, because a
 *                       neighbour's genuine pass is signed by a key we do not hold, and "another
 *                       site's pass" tells the duty person what "unknown key" would not
 *   4 unknown-key       no key of this site has the pass's kid (never ours, or a key removed
 *                       because it leaked)
 *   5 tampered          a key of ours is named but the signature does not verify
 *   6 key-not-in-force  genuine, but issued outside its key's window (a retired key, keys.ts)
 *   7 revoked           genuine, but lost and replaced: before the dates, because a revoked
 *                       card in someone's hand matters even once it has expired
 *   8 not-yet-valid     now < validFrom
 *   9 expired           now ≥ validUntil
 *
 * Step 3 reads claims that are not yet verified; it can only ever refuse, never admit.
 * Every refusal carries a short English `detail` for the log. Never throws.
 */
import { decodeClaims, type PassClaims } from './claims';
import { parseSign1, readPassText, sigStructure } from './format';
import type { PassKeys } from './keys';

/** Every reason a pass is refused, in the order they are checked. */
export const PASS_REFUSALS = ['not-a-pass', 'forged', 'other-site', 'unknown-key', 'tampered', 'key-not-in-force', 'revoked', 'not-yet-valid', 'expired'] as const;
export type PassRefusal = (typeof PASS_REFUSALS)[number];
/** Reasons refused before the signature is known good. */
export type UnverifiedRefusal = Extract<PassRefusal, 'not-a-pass' | 'forged' | 'other-site' | 'unknown-key' | 'tampered'>;
/** Reasons refused for a genuine pass: its claims are trustworthy, to show. */
export type VerifiedRefusal = Exclude<PassRefusal, UnverifiedRefusal>;

export type PassVerdict =
  | { kind: 'valid'; claims: PassClaims; kid: string }
  | { kind: 'refused'; reason: UnverifiedRefusal; detail: string }
  | { kind: 'refused'; reason: VerifiedRefusal; detail: string; claims: PassClaims };

/** What the gate knows when it judges a pass. */
export interface PassContext {
  siteId: string;
  keys: PassKeys;
  /**
   * The site's revocations: pass ids, and holders whose every pass issued before a moment
   * (epoch seconds) is revoked — a lost card whose id nobody wrote down is revoked by its
   * holder, and the new card printed after it works.
   */
  revoked: { has(passId: string): boolean; holderRevokedAt?(holderId: string): number | undefined };
  /** Milliseconds since the epoch, as every clock of the app (passes count in seconds). */
  now: number;
}

/** Judges one scanned text as a pass of this site. Never throws. */
export async function judgePass(text: string, ctx: PassContext): Promise<PassVerdict> {
  const bytes = readPassText(text);
  if (!bytes.ok) return { kind: 'refused', reason: 'not-a-pass', detail: bytes.detail };
  const sign1 = parseSign1(bytes.value);
  if (!sign1.ok) return { kind: 'refused', reason: 'forged', detail: sign1.detail };
  const { kid, payload, signature } = sign1.value;
  const decoded = decodeClaims(payload);
  if (!decoded.ok) return { kind: 'refused', reason: 'forged', detail: decoded.detail };
  const claims = decoded.claims;
  if (claims.siteId !== ctx.siteId) return { kind: 'refused', reason: 'other-site', detail: `site ${claims.siteId}` };

  const check = await ctx.keys.verify(kid, signature, sigStructure(kid, payload));
  if (check.kind === 'unknown-key') return { kind: 'refused', reason: 'unknown-key', detail: 'no key of this site has this kid' };
  if (check.kind === 'bad-signature') return { kind: 'refused', reason: 'tampered', detail: check.detail };

  const { key } = check;
  const refuse = (reason: VerifiedRefusal, detail: string): PassVerdict => ({ kind: 'refused', reason, detail, claims });
  if (claims.issuedAt < key.from || (key.until !== null && claims.issuedAt >= key.until)) {
    return refuse('key-not-in-force', `issued ${claims.issuedAt}, key in force ${key.from}–${key.until ?? ''}`);
  }
  if (ctx.revoked.has(claims.passId)) return refuse('revoked', `pass ${claims.passId}`);
  const holderRevoked = ctx.revoked.holderRevokedAt?.(claims.holder.id);
  if (holderRevoked !== undefined && claims.issuedAt < holderRevoked) return refuse('revoked', `passes of ${claims.holder.id} issued before ${holderRevoked}`);
  const now = Math.floor(ctx.now / 1000);
  if (now < claims.validFrom) return refuse('not-yet-valid', `valid from ${claims.validFrom}`);
  if (claims.validUntil !== null && now >= claims.validUntil) return refuse('expired', `valid until ${claims.validUntil}`);
  return { kind: 'valid', claims, kid: key.kid };
}
