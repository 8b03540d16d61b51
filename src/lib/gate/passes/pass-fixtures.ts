/** Builders for pass tests: claims, a site with its key, and random claims for properties. */
import fc from 'fast-check';
import { HOLDER_KINDS, PASS_KINDS, type PassClaims } from './claims';
import { webCryptoEd25519, type Ed25519 } from './ed25519';
import { generatePassKey, importSigningKey, PassKeys, type GeneratedPassKey, type SigningKey, type TrustedKey } from './keys';
import type { PassContext } from './judge';
import { signPass } from './sign';

/** 2026-03-01 00:00:00 UTC, in epoch seconds. */
export const T0 = 1_772_323_200;
export const DAY = 86_400;

export function makeClaims(overrides: Partial<PassClaims> = {}): PassClaims {
  return {
    siteId: 'demo0001',
    passId: 'p7k2m9x4qa',
    holder: { kind: 'household', id: 'h3b2u1r0502' },
    kind: 'resident',
    issuedAt: T0,
    validFrom: T0,
    validUntil: T0 + 30 * DAY,
    ...overrides
  };
}

/** A site's key as the issuing tablet holds it and as the trust list names it. */
export interface SiteKey {
  generated: GeneratedPassKey;
  signing: SigningKey;
  trusted: TrustedKey;
}

export async function makeSiteKey(window: { from?: number; until?: number | null } = {}, ed: Ed25519 = webCryptoEd25519): Promise<SiteKey> {
  const generated = await generatePassKey(ed);
  return {
    generated,
    signing: await importSigningKey(generated, ed),
    trusted: { kid: generated.kid, publicKey: generated.publicKey, from: window.from ?? T0 - 365 * DAY, until: window.until ?? null }
  };
}

/** What a gate of `siteId` trusting `keys` judges with, at `now` (seconds) unless changed. */
export function gateContext(keys: TrustedKey[] | PassKeys, overrides: Partial<PassContext> & { at?: number } = {}): PassContext {
  const { at = T0 + DAY, ...rest } = overrides;
  return {
    siteId: 'demo0001',
    keys: keys instanceof PassKeys ? keys : new PassKeys(keys, webCryptoEd25519),
    revoked: new Set<string>(),
    now: at * 1000,
    ...rest
  };
}

export function signed(key: SiteKey, overrides: Partial<PassClaims> = {}): Promise<string> {
  return signPass(makeClaims(overrides), key.signing);
}

const id = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9a-z]{${min},${max}}$`));

/** Any claims a pass may carry. */
export const claimsArb: fc.Arbitrary<PassClaims> = fc
  .record({
    siteId: id(4, 16),
    passId: id(4, 16),
    holder: fc.record({ kind: fc.constantFrom(...HOLDER_KINDS), id: id(4, 16) }),
    kind: fc.constantFrom(...PASS_KINDS),
    issuedAt: fc.integer({ min: 0, max: 0xffffffff }),
    validFrom: fc.integer({ min: 0, max: 0xfffffffe }),
    span: fc.option(fc.integer({ min: 1, max: 400 * DAY }), { nil: null })
  })
  .map(({ span, ...c }) => ({ ...c, validUntil: span === null ? null : Math.min(0xffffffff, c.validFrom + span) }));
