/**
 * Entry ids are `device:seq` in base36: the device id is random and the sequence is a
 * per-device counter persisted with every entry, so ids never collide between tablets and
 * never repeat on one tablet, with no coordination.
 */

export class InvalidEntryIdError extends Error {
  override name = 'InvalidEntryIdError';
}

const DEVICE_ID = /^[0-9a-z]{6,12}$/;
// No leading zero: `dev:01` would be a second key for the entry `dev:1`.
const ENTRY_ID = /^([0-9a-z]{6,12}):([1-9a-z][0-9a-z]{0,10})$/;

/**
 * Makes a random device id (8 base36 characters, ~41 bits: a site has tens of tablets, so a
 * collision is about 1 in 10^10) from injected randomness. Short, because every entry's key
 * carries it.
 */
export function makeDeviceId(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Formats the id of the `seq`-th entry (1-based) of a device. */
export function formatEntryId(device: string, seq: number): string {
  if (!DEVICE_ID.test(device)) throw new InvalidEntryIdError(`bad device id ${device}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvalidEntryIdError(`bad sequence ${seq}`);
  return `${device}:${seq.toString(36)}`;
}

/** Splits an entry id; `null` for anything that is not one (ids arrive from peers: hostile). */
export function parseEntryId(id: string): { device: string; seq: number } | null {
  const m = ENTRY_ID.exec(id);
  if (!m || !isDeviceId(m[1]!)) return null;
  const seq = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { device: m[1]!, seq };
}

/**
 * True for a device id. `constructor` fits the pattern but names what every plain object
 * already holds: a count keyed by device (a handover's tally, its QR comparisons) would read
 * `Object` for that tablet. No tablet makes it (makeDeviceId gives 8 characters); a peer may.
 */
export function isDeviceId(id: string): boolean {
  return DEVICE_ID.test(id) && !(id in Object.prototype);
}
