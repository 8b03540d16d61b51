/**
 * Issuing a pass: claims → CBOR payload → COSE_Sign1 signed by the site's key → `BP1:` text.
 * Only the tablets that hold the site's private key can do this; every tablet can verify.
 */
import { claimsProblem, encodeClaims, type PassClaims } from './claims';
import { formatPassText, sigStructure } from './format';
import { kidBytes, type SigningKey } from './keys';

/** Claims that no pass may carry were handed to `signPass`: a programmer's error. */
export class PassClaimsError extends Error {
  override name = 'PassClaimsError';
}

/** The text of a signed pass (what its QR code holds). Throws `PassClaimsError` on bad claims. */
export async function signPass(claims: PassClaims, key: SigningKey): Promise<string> {
  const problem = claimsProblem(claims);
  if (problem) throw new PassClaimsError(`cannot sign a pass with a bad ${problem}`);
  const kid = kidBytes(key.kid);
  const payload = encodeClaims(claims);
  const signature = await key.sign(sigStructure(kid, payload));
  return formatPassText({ kid, payload, signature });
}

/** A fresh pass id: 48 random bits as 10 base36 characters (a site's 50,000 passes collide with odds of about 1 in 200,000). */
export function newPassId(random: Uint8Array = crypto.getRandomValues(new Uint8Array(6))): string {
  const n = random.subarray(0, 6).reduce((acc, b) => acc * 256 + b, 0);
  return n.toString(36).padStart(10, '0');
}
