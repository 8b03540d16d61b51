/**
 * The open site's supervisor PIN as the screens see it: whether one is set (voiding an
 * entry, closing a round or removing a tablet then asks for it), setting it, and checking
 * one typed. The hashing and storage are supervisor-pin.ts's; this keeps `isSet` current.
 */
import type { RegistryDb } from '$lib/ledger/registry-db';
import { checkPin, hasPin, setPin } from './supervisor-pin';

export class SitePin {
  #isSet = $state(false);

  private constructor(
    private readonly registry: RegistryDb,
    private readonly siteId: string,
    isSet: boolean
  ) {
    this.#isSet = isSet;
  }

  /** The PIN of a site, as its registry holds it now. */
  static async load(registry: RegistryDb, siteId: string): Promise<SitePin> {
    return new SitePin(registry, siteId, await hasPin(registry, siteId));
  }

  /** Whether voiding entries needs the supervisor PIN on this site. */
  get isSet() {
    return this.#isSet;
  }

  /** Sets (or replaces) the PIN; a PIN that is not 4 to 8 digits is refused with a RangeError. */
  async set(pin: string): Promise<void> {
    await setPin(this.registry, this.siteId, pin);
    this.#isSet = true;
  }

  /** True when no PIN is set, or `pin` is it. */
  check(pin: string): Promise<boolean> {
    return checkPin(this.registry, this.siteId, pin);
  }
}
