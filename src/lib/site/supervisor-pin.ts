/**
 * The supervisor PIN that guards voiding entries. Stored per site as a salted SHA-256, so
 * the PIN itself is never on disk. A 4–8 digit PIN is no defence against someone holding
 * the tablet's disk; it keeps a passer-by at the gate from undoing the record.
 */
import type { RegistryDb } from '$lib/ledger/registry-db';

interface StoredPin {
  salt: string;
  hash: string;
}

const key = (siteId: string) => `pin:${siteId}`;
export const isValidPin = (pin: string) => /^\d{4,8}$/.test(pin);

async function digest(salt: string, pin: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin}`));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function hasPin(registry: RegistryDb, siteId: string): Promise<boolean> {
  return (await registry.getSetting<StoredPin>(key(siteId))) !== undefined;
}

export async function setPin(registry: RegistryDb, siteId: string, pin: string): Promise<void> {
  if (!isValidPin(pin)) throw new RangeError('a PIN is 4 to 8 digits');
  const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  await registry.setSetting(key(siteId), { salt, hash: await digest(salt, pin) } satisfies StoredPin);
}

/** True when no PIN is set, or `pin` is it. */
export async function checkPin(registry: RegistryDb, siteId: string, pin: string): Promise<boolean> {
  const stored = await registry.getSetting<StoredPin>(key(siteId));
  if (!stored) return true;
  return (await digest(stored.salt, pin)) === stored.hash;
}
