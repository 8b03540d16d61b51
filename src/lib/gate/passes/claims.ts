/**
 * What a pass says: the claims, their checks, and their CBOR form.
 *
 * The payload is one CBOR array, positions instead of keys (every byte is a module of the
 * printed QR code), enums as small integers:
 *
 *   [ version, siteId, passId, holderKind, holderId, passKind, issuedAt, validFrom, validUntil ]
 *     1        text    text    1 person    text      1 resident  uint     uint       uint | null
 *                              2 household           2 worker    (epoch seconds, uint32)
 *                                                    3 vehicle
 *                                                    4 visitor
 *
 * Nothing personal: no name, room or phone — the card prints the name beside the code, and
 * a pass photographed at the gate tells a stranger only ids. `issuedAt` is kept apart from
 * `validFrom` because the key's validity window is judged at issue (a pass printed today
 * for next week is still today's key's). `validUntil` null: valid until revoked.
 */
import { decodeCbor, encodeCbor } from './cbor';

export const CLAIMS_VERSION = 1;

export const PASS_KINDS = ['resident', 'worker', 'vehicle', 'visitor'] as const;
export type PassKind = (typeof PASS_KINDS)[number];
export const HOLDER_KINDS = ['person', 'household'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** The claims of one pass. Times are epoch seconds. */
export interface PassClaims {
  siteId: string;
  /** Short and unique within the site: what the revoked list names. */
  passId: string;
  holder: { kind: HolderKind; id: string };
  kind: PassKind;
  issuedAt: number;
  /** Valid from this second on… */
  validFrom: number;
  /** …up to (not including) this one; null: until revoked. */
  validUntil: number | null;
}

/** The ids a pass may carry: those of sites, people and households. */
const ID = /^[0-9a-z]{4,16}$/;
const MAX_SECONDS = 0xffffffff;

const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SECONDS;

/** Why these claims cannot be a pass, or null if they can. */
export function claimsProblem(c: PassClaims): string | null {
  if (!isId(c.siteId)) return 'site id';
  if (!isId(c.passId)) return 'pass id';
  if (!HOLDER_KINDS.includes(c.holder.kind) || !isId(c.holder.id)) return 'holder';
  if (!PASS_KINDS.includes(c.kind)) return 'pass kind';
  if (!isSeconds(c.issuedAt) || !isSeconds(c.validFrom)) return 'times (epoch seconds, uint32)';
  if (c.validUntil !== null && (!isSeconds(c.validUntil) || c.validUntil <= c.validFrom)) return 'valid until';
  return null;
}

/** The CBOR payload of valid claims (the caller checked them with `claimsProblem`). */
export function encodeClaims(c: PassClaims): Uint8Array {
  const holderKind = HOLDER_KINDS.indexOf(c.holder.kind) + 1;
  const kind = PASS_KINDS.indexOf(c.kind) + 1;
  return encodeCbor([CLAIMS_VERSION, c.siteId, c.passId, holderKind, c.holder.id, kind, c.issuedAt, c.validFrom, c.validUntil]);
}

export type ClaimsDecoded = { ok: true; claims: PassClaims } | { ok: false; detail: string };

/** Reads a payload back into claims, checking every field. Never throws. */
export function decodeClaims(payload: Uint8Array): ClaimsDecoded {
  const decoded = decodeCbor(payload);
  if (!decoded.ok) return decoded;
  const a = decoded.value;
  if (!Array.isArray(a) || a.length !== 9) return { ok: false, detail: 'claims: not an array of 9' };
  if (a[0] !== CLAIMS_VERSION) return { ok: false, detail: `claims: version ${String(a[0]).slice(0, 12)}` };
  const holder = Number.isInteger(a[3]) ? HOLDER_KINDS[a[3] - 1] : undefined;
  const kind = Number.isInteger(a[5]) ? PASS_KINDS[a[5] - 1] : undefined;
  if (!holder || !kind) return { ok: false, detail: 'claims: holder or pass kind' };
  const claims: PassClaims = {
    siteId: a[1],
    passId: a[2],
    holder: { kind: holder, id: a[4] },
    kind,
    issuedAt: a[6],
    validFrom: a[7],
    validUntil: a[8]
  };
  const problem = claimsProblem(claims);
  return problem ? { ok: false, detail: `claims: ${problem}` } : { ok: true, claims };
}
