/**
 * A site's root pass key: made when the site is created (the private half kept on the
 * creating tablet, the public half pinned in the Site and certified into the site doc), and
 * the demo's fixed one, so that the demo's printed passes verify on every tablet.
 */
import { toBase64url } from '$lib/core/base64url';
import type { StoredPassKey } from '$lib/core/pass-trust-codec';
import { generatePassKey, importSigningKey, kidOf, type GeneratedPassKey } from '$lib/gate/passes';
import { keyPairOfSeed } from '$lib/gate/passes/ed25519';
import { certifyKey } from '$lib/gate/passes/trust-list';
import type { HeldKey } from './pass-keyring';

export interface SiteKey {
  /** base64url of the public key: the Site's `passRoot`. */
  passRoot: string;
  held: HeldKey;
  /** The root's own certified entry for the site doc. */
  entry: (siteId: string, fromSeconds: number) => Promise<{ kid: string; stored: StoredPassKey }>;
}

function siteKeyOf(key: GeneratedPassKey): SiteKey {
  return {
    passRoot: toBase64url(key.publicKey),
    held: { kid: key.kid, privateKey: key.privateKey, root: true },
    entry: async (siteId, from) => {
      const signer = await importSigningKey(key);
      return { kid: key.kid, stored: await certifyKey(siteId, { kid: key.kid, publicKey: key.publicKey, from, until: null }, signer) };
    }
  };
}

/** A fresh root key for a new site. */
export async function newSiteKey(): Promise<SiteKey> {
  return siteKeyOf(await generatePassKey());
}

// Not a secret, as the demo's site secret is not: the demo holds only generated people.
const DEMO_SEED = new TextEncoder().encode('bastion demo pass key, public!!!');

/** The demo site's root key, the same on every tablet. */
export async function demoSiteKey(): Promise<SiteKey> {
  const { publicKey, pkcs8 } = await keyPairOfSeed(DEMO_SEED);
  return siteKeyOf({ kid: await kidOf(publicKey), publicKey, privateKey: pkcs8 });
}
