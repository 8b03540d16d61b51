/**
 * Ed25519, from WebCrypto where the runtime has it (Chrome ≥ 137, Node 20) and from
 * @noble/ed25519 where it does not (older tablets' Chrome). Detected once per page, by
 * verifying RFC 8032's first test vector; the fallback records why it was taken.
 *
 * Both verify strictly (RFC 8032: canonical encodings, S < L): noble with `zip215: false`
 * (its default, ZIP-215, accepts non-canonical encodings WebCrypto refuses), so a pass gets
 * the same answer on every tablet. One difference stays, on purpose: noble checks the
 * cofactored equation and OpenSSL/BoringSSL the plain one, so a signature whose R carries
 * a small-order component verifies in noble only — but only the private key's holder can
 * make one (a signer never does by accident), and it admits nothing the holder could not
 * sign anyway. Small-order public keys, where WebCrypto accepts forgeries, never get this
 * far (keys.ts refuses them).
 *
 * Private keys travel as PKCS#8, which WebCrypto imports and exports; for Ed25519 it is a
 * fixed 16-byte prefix and the 32-byte seed noble signs with.
 */
import * as noble from '@noble/ed25519';

export type Signer = (message: Uint8Array) => Promise<Uint8Array>;
export type Verifier = (signature: Uint8Array, message: Uint8Array) => Promise<boolean>;

/** One implementation of what passes need of Ed25519. */
export interface Ed25519 {
  readonly name: 'webcrypto' | 'noble';
  /** Set when detection fell back to noble: what WebCrypto said. */
  readonly fallbackBecause?: string;
  generate(): Promise<{ publicKey: Uint8Array; pkcs8: Uint8Array }>;
  signer(pkcs8: Uint8Array): Promise<Signer>;
  /** Rejects a public key that is not 32 bytes. */
  verifier(publicKey: Uint8Array): Promise<Verifier>;
}

const ALG = { name: 'Ed25519' };
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);
// WebCrypto takes bytes over an ArrayBuffer (not a SharedArrayBuffer): those over one are
// handed on as they are (WebCrypto copies what it is given before it returns), others copied.
const own = (view: Uint8Array): Uint8Array<ArrayBuffer> => (view.buffer instanceof ArrayBuffer ? (view as Uint8Array<ArrayBuffer>) : new Uint8Array(view));

export const webCryptoEd25519: Ed25519 = {
  name: 'webcrypto',
  async generate() {
    const pair = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    return {
      publicKey: bytes(await crypto.subtle.exportKey('raw', pair.publicKey)),
      pkcs8: bytes(await crypto.subtle.exportKey('pkcs8', pair.privateKey))
    };
  },
  async signer(pkcs8) {
    const key = await crypto.subtle.importKey('pkcs8', own(pkcs8), ALG, false, ['sign']);
    return async (message) => bytes(await crypto.subtle.sign(ALG, key, own(message)));
  },
  async verifier(publicKey) {
    const key = await crypto.subtle.importKey('raw', own(publicKey), ALG, false, ['verify']);
    return (signature, message) => crypto.subtle.verify(ALG, key, own(signature), own(message));
  }
};

export const nobleEd25519: Ed25519 = {
  name: 'noble',
  async generate() {
    const seed = noble.utils.randomSecretKey();
    const pkcs8 = new Uint8Array(48);
    pkcs8.set(PKCS8_PREFIX);
    pkcs8.set(seed, 16);
    return { publicKey: await noble.getPublicKeyAsync(seed), pkcs8 };
  },
  async signer(pkcs8) {
    if (pkcs8.length !== 48 || !PKCS8_PREFIX.every((b, i) => pkcs8[i] === b)) throw new PassKeyError('not an Ed25519 PKCS#8 key');
    const seed = pkcs8.slice(16);
    return (message) => noble.signAsync(message, seed);
  },
  async verifier(publicKey) {
    if (publicKey.length !== 32) throw new PassKeyError('an Ed25519 public key is 32 bytes');
    const key = Uint8Array.from(publicKey);
    return (signature, message) => noble.verifyAsync(signature, message, key, { zip215: false });
  }
};

/**
 * The key pair of a fixed 32-byte seed: for the demo site only, whose passes must verify on
 * every tablet that opens it (its key is as public as its secret: the demo holds no one real).
 */
export async function keyPairOfSeed(seed: Uint8Array): Promise<{ publicKey: Uint8Array; pkcs8: Uint8Array }> {
  if (seed.length !== 32) throw new PassKeyError('an Ed25519 seed is 32 bytes');
  const pkcs8 = new Uint8Array(48);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, 16);
  return { publicKey: await noble.getPublicKeyAsync(seed), pkcs8 };
}

/** The raw public key of an Ed25519 PKCS#8 private key, or null if it is not one. */
export async function publicKeyOfPkcs8(pkcs8: Uint8Array): Promise<Uint8Array | null> {
  if (pkcs8.length !== 48 || !PKCS8_PREFIX.every((b, i) => pkcs8[i] === b)) return null;
  return noble.getPublicKeyAsync(pkcs8.slice(16));
}

/** A key that cannot be an Ed25519 key was handed over. */
export class PassKeyError extends Error {
  override name = 'PassKeyError';
}

// RFC 8032 §7.1, TEST 1: the empty message.
const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
const VECTOR_KEY = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const VECTOR_SIG = hex(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'
);

let detected: Promise<Ed25519> | undefined;

/** The Ed25519 of this runtime: WebCrypto if it verifies the RFC's vector, else noble. */
export function detectEd25519(): Promise<Ed25519> {
  detected ??= detect();
  return detected;
}

async function detect(): Promise<Ed25519> {
  try {
    const verify = await webCryptoEd25519.verifier(VECTOR_KEY);
    if (await verify(VECTOR_SIG, new Uint8Array())) return webCryptoEd25519;
    return { ...nobleEd25519, fallbackBecause: 'WebCrypto refused the RFC 8032 test vector' };
  } catch (error) {
    // Expected on runtimes without Ed25519 (NotSupportedError): kept as the reason, not lost.
    return { ...nobleEd25519, fallbackBecause: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
