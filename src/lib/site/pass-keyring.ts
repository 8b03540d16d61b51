/**
 * The private pass keys this tablet holds, per site, in the tablet's registry (never in the
 * site doc, never synced): the creating tablet's root key, and keys handed to it through the
 * supervisor's key handover. A gate tablet holds none, so a stolen one cannot mint passes.
 */
import type { RegistryDb } from '$lib/ledger/registry-db';

export interface HeldKey {
  kid: string;
  /** PKCS#8 */
  privateKey: Uint8Array;
  /** The site's root key: it certifies the others (gate/passes/trust-list.ts). */
  root: boolean;
}

const settingOf = (siteId: string) => `passKeys:${siteId}`;

/** The keys this tablet holds for a site (none on most tablets). */
export async function heldKeys(registry: RegistryDb, siteId: string): Promise<HeldKey[]> {
  const held = await registry.getSetting<HeldKey[]>(settingOf(siteId));
  return Array.isArray(held) ? held.filter((k) => typeof k?.kid === 'string' && k.privateKey instanceof Uint8Array) : [];
}

/** Keeps a key for a site (replacing one of the same kid), durable when it resolves. */
export async function holdKey(registry: RegistryDb, siteId: string, key: HeldKey): Promise<void> {
  const held = (await heldKeys(registry, siteId)).filter((k) => k.kid !== key.kid);
  await registry.setSetting(settingOf(siteId), [...held, { kid: key.kid, privateKey: new Uint8Array(key.privateKey), root: key.root }]);
}
