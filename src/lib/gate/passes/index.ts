/**
 * Signed passes (出入证): what the gate and the roster's print sheets call. The format is
 * described in format.ts, the claims in claims.ts, trust and rotation in keys.ts, the order
 * of the verdicts in judge.ts.
 *
 *   issuing tablet:  generatePassKey() once → importSigningKey(stored) → signPass(claims, key)
 *   every tablet:    new PassKeys(siteDoc trust list) → isPassText(scan) → judgePass(scan, ctx)
 */
export { HOLDER_KINDS, PASS_KINDS, claimsProblem, type HolderKind, type PassClaims, type PassKind } from './claims';
export { PassKeyError, detectEd25519, type Ed25519 } from './ed25519';
export { MAX_PASS_TEXT, PASS_PREFIX, isPassText } from './format';
export { PASS_REFUSALS, judgePass, type PassContext, type PassRefusal, type PassVerdict, type UnverifiedRefusal, type VerifiedRefusal } from './judge';
export { PassKeys, generatePassKey, importSigningKey, kidOf, type GeneratedPassKey, type SigningKey, type TrustedKey } from './keys';
export { PassClaimsError, newPassId, signPass } from './sign';
