/**
 * A site's pass keys: generating one, signing with it, and the trust list every tablet
 * verifies against.
 *
 * Trust, decided here: a key has a validity window [from, until) in epoch seconds, and a pass
 * is good only if its key's window holds the pass's `issuedAt`. So rotating keys (a new key
 * from today, the old one's `until` set to today) leaves every pass the old key issued
 * working, while a pass the old key signs after its `until` (a retired key found on an old
 * tablet) is refused. The window is judged at issue, not at the scan, because a printed
 * card outlives the key that signed it. A key that leaked is not retired but removed from
 * the list: then every pass it signed, backdated or not, is refused as of an unknown key.
 *
 * The private key (PKCS#8) never goes in the site doc: it stays on the tablets that issue
 * passes. The trust list (kid, public key, window) is what the site doc syncs.
 */
import { Point } from '@noble/ed25519';
import { PassKeyError, detectEd25519, type Ed25519, type Signer, type Verifier } from './ed25519';

/** A key as `generatePassKey` makes it. */
export interface GeneratedPassKey {
  /** 8 hex characters: the first 4 bytes of SHA-256 of the raw public key. */
  kid: string;
  /** The raw 32-byte public key: goes in the site doc's trust list. */
  publicKey: Uint8Array;
  /** PKCS#8, for the issuing tablet's storage only. */
  privateKey: Uint8Array;
}

/** One entry of a site's trust list. */
export interface TrustedKey {
  kid: string;
  publicKey: Uint8Array;
  /** Passes issued from this second on… */
  from: number;
  /** …up to (not including) this one verify; null: still issuing. */
  until: number | null;
}

/** What signs passes: a kid and the private key behind it. */
export interface SigningKey {
  kid: string;
  sign: Signer;
}

/** The kid of a raw public key. */
export async function kidOf(publicKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(publicKey)));
  return toHex(digest.subarray(0, 4));
}

/** A new Ed25519 key for a site's passes. */
export async function generatePassKey(ed?: Ed25519): Promise<GeneratedPassKey> {
  const { publicKey, pkcs8 } = await (ed ?? (await detectEd25519())).generate();
  return { kid: await kidOf(publicKey), publicKey, privateKey: pkcs8 };
}

/** The signing key of a stored private key; throws `PassKeyError` if it is not one. */
export async function importSigningKey(key: { kid: string; privateKey: Uint8Array }, ed?: Ed25519): Promise<SigningKey> {
  return { kid: key.kid, sign: await (ed ?? (await detectEd25519())).signer(key.privateKey) };
}

/** What the trust list says of a signature. */
export type KeyCheck = { kind: 'verified'; key: TrustedKey } | { kind: 'unknown-key' } | { kind: 'bad-signature'; detail: string };

const KID = /^(?:[0-9a-f]{2}){1,16}$/;

/**
 * A site's trust list, built from the site doc's entries. Entries that cannot be keys are
 * left out and listed in `ignored`; each key is imported once, on first use.
 */
export class PassKeys {
  readonly ignored: { kid: string; why: string }[] = [];
  readonly #byKid = new Map<string, TrustedKey[]>();
  readonly #verifiers = new Map<TrustedKey, Promise<Verifier | string>>();
  /** The same, once imported: a scan then goes from its kid to WebCrypto without an await. */
  readonly #ready = new Map<TrustedKey, Verifier | string>();
  readonly #ed: Promise<Ed25519>;

  constructor(keys: readonly TrustedKey[], ed?: Ed25519) {
    this.#ed = ed ? Promise.resolve(ed) : detectEd25519();
    for (const key of keys) {
      const why = entryProblem(key);
      if (why) this.ignored.push({ kid: String(key?.kid), why });
      else this.#byKid.set(key.kid, [...(this.#byKid.get(key.kid) ?? []), key]);
    }
  }

  /** Checks a signature against the keys the kid names. Never throws. */
  async verify(kid: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<KeyCheck> {
    const candidates = this.#byKid.get(toHex(kid));
    if (!candidates) return { kind: 'unknown-key' };
    let detail = 'signature does not verify';
    for (const key of candidates) {
      const verifier = this.#ready.get(key) ?? (await this.#verifier(key));
      if (typeof verifier === 'string') {
        detail = verifier;
        continue;
      }
      try {
        if (await verifier(signature, message)) return { kind: 'verified', key };
      } catch (error) {
        // A verifier that throws has not verified: the pass is refused, with what it said.
        detail = `verify: ${String(error).slice(0, 80)}`;
      }
    }
    return { kind: 'bad-signature', detail };
  }

  /** The key's verifier, or why the key cannot verify (then counted once in `ignored`). */
  #verifier(key: TrustedKey): Promise<Verifier | string> {
    let verifier = this.#verifiers.get(key);
    if (!verifier) {
      verifier = this.#import(key).then(
        (imported) => {
          this.#ready.set(key, imported);
          return imported;
        },
        (error: unknown) => {
          const why = `unusable key: ${String(error).slice(0, 80)}`;
          this.ignored.push({ kid: key.kid, why });
          this.#ready.set(key, why);
          return why;
        }
      );
      this.#verifiers.set(key, verifier);
    }
    return verifier;
  }

  async #import(key: TrustedKey): Promise<Verifier> {
    if ((await kidOf(key.publicKey)) !== key.kid) throw new Error('kid is not that of the public key');
    return (await this.#ed).verifier(key.publicKey);
  }
}

function entryProblem(key: TrustedKey): string | null {
  if (typeof key !== 'object' || key === null) return 'not an entry'; // the site doc is synced: anything may be in it
  if (typeof key.kid !== 'string' || !KID.test(key.kid)) return 'kid';
  if (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== 32) return 'public key';
  if (!isStrongPoint(key.publicKey)) return 'weak public key';
  if (!Number.isInteger(key.from) || (key.until !== null && !(Number.isInteger(key.until) && key.until > key.from))) return 'window';
  return null;
}

/**
 * A public key WebCrypto can be trusted with. OpenSSL's Ed25519 (Node's WebCrypto; Chrome's
 * BoringSSL checks the same equation, not tried here) does not refuse small-order public
 * keys, and under one — an all-zero placeholder is one — signatures of S = 0 verify for most
 * messages (for the neutral point, every message: see judge.test.ts). noble's strict mode
 * refuses them; checking here gives both backends the same answer, always.
 */
function isStrongPoint(publicKey: Uint8Array): boolean {
  try {
    return !Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    // Not a canonical point encoding: refused as a key, which is what the caller records.
    return false;
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex, as kids are written in the trust list (one per scan: no arrays made). */
function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!];
  return hex;
}

/** The bytes of a kid as the pass carries them. */
export function kidBytes(kid: string): Uint8Array {
  if (!KID.test(kid)) throw new PassKeyError(`not a kid: ${kid.slice(0, 40)}`);
  return Uint8Array.from(kid.match(/../g)!, (h) => parseInt(h, 16));
}
