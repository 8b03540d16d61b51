/**
 * The site's trust list, anchored in its root key. Every tablet holding the site secret can
 * write into the site doc, so the doc's list alone cannot say which keys sign passes: a
 * stolen gate tablet would add a key of its own and mint passes with it. So each key in the
 * list carries the root key's certificate (an Ed25519 signature over the site id, kid,
 * public key and window), and only the root's public key must come from somewhere the
 * thief cannot write: the Site this tablet pinned when it created or joined the site (the
 * join code carries it). A tablet that joined with an older code, which did not, takes the
 * root the site doc names (trust on first use; issue 12 leftovers in the README).
 *
 * The root key signs passes itself; rotation certifies a new key and retires the old one
 * (its `until` set, certified again). The root's own entry is certified like the others; if
 * it is missing or its certificate fails, the root is trusted from the epoch on, unending,
 * rather than not at all: a forged entry may not take the root's passes away.
 */
import { fromBase64url, toBase64url } from '$lib/core/base64url';
import type { StoredPassKey } from '$lib/core/pass-trust-codec';
import { detectEd25519, type Ed25519 } from './ed25519';
import { kidOf, type SigningKey, type TrustedKey } from './keys';

const CONTEXT = 'bastion pass key v1';

function certMessage(siteId: string, kid: string, key: Pick<StoredPassKey, 'p' | 'f' | 'u'>): Uint8Array {
  return new TextEncoder().encode([CONTEXT, siteId, kid, key.p, key.f, key.u ?? ''].join('\n'));
}

/** The stored entry of `key`, certified by the root (which may be the key itself). */
export async function certifyKey(siteId: string, key: TrustedKey, root: SigningKey): Promise<StoredPassKey> {
  const stored: StoredPassKey = { p: toBase64url(key.publicKey), f: key.from };
  if (key.until !== null) stored.u = key.until;
  stored.c = toBase64url(await root.sign(certMessage(siteId, key.kid, stored)));
  return stored;
}

export interface TrustListReading {
  keys: TrustedKey[];
  /** Entries left out, and why (for the devices panel's problems and the log). */
  ignored: { kid: string; why: string }[];
}

/**
 * The keys that sign this site's passes: the root, and each stored key the root certified.
 * `root` is base64url of the root's public key; none (a site with no key yet) trusts nothing.
 */
export async function readTrustList(siteId: string, root: string | undefined, stored: ReadonlyMap<string, StoredPassKey>, ed?: Ed25519): Promise<TrustListReading> {
  const ignored: TrustListReading['ignored'] = [];
  const rootKey = root ? fromBase64url(root) : null;
  if (!rootKey || rootKey.length !== 32) return { keys: [], ignored: root ? [{ kid: '?', why: 'root key is not a key' }] : [] };
  const rootKid = await kidOf(rootKey);
  let verify: (signature: Uint8Array, message: Uint8Array) => Promise<boolean>;
  try {
    verify = await (ed ?? (await detectEd25519())).verifier(rootKey);
  } catch (error) {
    return { keys: [], ignored: [{ kid: rootKid, why: `root key unusable: ${String(error).slice(0, 60)}` }] };
  }
  const keys: TrustedKey[] = [];
  let rootListed = false;
  for (const [kid, entry] of stored) {
    const why = await entryProblem(siteId, kid, entry, verify);
    if (why) {
      ignored.push({ kid, why });
      continue;
    }
    if (kid === rootKid) rootListed = entry.p === root;
    if (kid === rootKid && entry.p !== root) continue; // a key that only claims the root's kid
    keys.push({ kid, publicKey: fromBase64url(entry.p)!, from: entry.f, until: entry.u ?? null });
  }
  if (!rootListed) keys.push({ kid: rootKid, publicKey: rootKey, from: 0, until: null });
  return { keys, ignored };
}

async function entryProblem(siteId: string, kid: string, entry: StoredPassKey, verify: (s: Uint8Array, m: Uint8Array) => Promise<boolean>): Promise<string | null> {
  const publicKey = fromBase64url(entry.p);
  if (!publicKey || publicKey.length !== 32) return 'public key';
  if ((await kidOf(publicKey)) !== kid) return 'kid is not that of the public key';
  const signature = entry.c ? fromBase64url(entry.c) : null;
  if (!signature || signature.length !== 64) return 'not certified by the root key';
  try {
    return (await verify(signature, certMessage(siteId, kid, entry))) ? null : 'certificate does not verify';
  } catch {
    return 'certificate does not verify';
  }
}
