/**
 * The signed passes of the open site: the trust list every tablet verifies against, the
 * revoked passes, and — on a tablet that holds the site's private key — issuing. Rebuilt
 * whenever the site doc changes (a key certified or retired, a pass revoked on another
 * tablet), so a revocation that syncs is refused at this gate from then on.
 */
import type { Site } from '$lib/core/types';
import { HOLDER_REVOCATION, type Revocation } from '$lib/core/pass-trust-codec';
import type { Ledger } from '$lib/ledger/ledger';
import type { RegistryDb } from '$lib/ledger/registry-db';
import { PassKeys, importSigningKey, judgePass, newPassId, signPass, type PassClaims, type PassVerdict, type SigningKey, type TrustedKey } from '$lib/gate/passes';
import { readTrustList } from '$lib/gate/passes/trust-list';
import { heldKeys, holdKey, type HeldKey } from './pass-keyring';

/** What a pass is issued for; the site, pass id and time of issue are the issuer's to add. */
export type PassRequest = Pick<PassClaims, 'holder' | 'kind' | 'validFrom' | 'validUntil'>;

/** This tablet holds no key of the site that may issue now (a programmer error: screens ask `canIssue`). */
export class CannotIssueError extends Error {
  override name = 'CannotIssueError';
}

export class SitePasses {
  #keys = $state.raw<PassKeys>(new PassKeys([]));
  #trusted = $state.raw<TrustedKey[]>([]);
  // Raw state, replaced whole at each reading: never changed in place.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #revoked = $state.raw<Map<string, Revocation>>(new Map());
  #held = $state.raw<HeldKey[]>([]);
  #loading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly ledger: Ledger,
    private readonly registry: RegistryDb,
    private site: Site
  ) {}

  static async load(ledger: Ledger, registry: RegistryDb, site: Site): Promise<SitePasses> {
    const passes = new SitePasses(ledger, registry, site);
    await passes.reload();
    return passes;
  }

  /** Reads the trust list, the revocations and the held keys again (after a change of the site doc). */
  reload(site: Site = this.site): Promise<void> {
    this.site = site;
    const run = async () => {
      try {
        await this.#read();
      } catch (error) {
        // Kept as it was: the gate goes on judging by the list it had.
        console.warn('pass trust list not read again', error);
      }
    };
    // One at a time, so an older reading never lands after a newer one.
    this.#loading = this.#loading.then(run);
    return this.#loading;
  }

  /** Resolves once every reading asked for so far is done (after a sync, before judging by the newest list). */
  settled(): Promise<void> {
    return this.#loading;
  }

  async #read() {
    const trust = this.ledger.passTrust();
    const reading = await readTrustList(this.site.id, this.site.passRoot ?? trust.root, trust.keys);
    if (reading.ignored.length) console.warn('pass keys left out of the trust list', reading.ignored);
    this.#trusted = reading.keys;
    this.#keys = new PassKeys(reading.keys);
    this.#revoked = this.ledger.revocations();
    this.#held = await heldKeys(this.registry, this.site.id);
  }

  /** The trusted keys, for the supervisor's screen. */
  get trusted(): readonly TrustedKey[] {
    return this.#trusted;
  }

  /** The revoked passes, by pass id. */
  get revoked(): ReadonlyMap<string, Revocation> {
    return this.#revoked;
  }

  /** Judges a scanned text as a pass of this site at `now` (ms). Never throws. */
  judge(text: string, now: number): Promise<PassVerdict> {
    const revoked = this.#revoked;
    const holderRevokedAt = (holder: string) => {
      const r = revoked.get(HOLDER_REVOCATION + holder);
      return r && Math.floor(r.at / 1000);
    };
    return judgePass(text, { siteId: this.site.id, keys: this.#keys, revoked: { has: (id) => revoked.has(id), holderRevokedAt }, now });
  }

  /** True when this tablet holds a key that may issue passes now. */
  get canIssue(): boolean {
    return this.#issuingKey(Math.floor(Date.now() / 1000)) !== undefined;
  }

  /** Signs a new pass (its id fresh, issued now); throws CannotIssueError on a tablet without the key. */
  async issue(request: PassRequest, now = Date.now()): Promise<{ text: string; claims: PassClaims }> {
    const seconds = Math.floor(now / 1000);
    const held = this.#issuingKey(seconds);
    if (!held) throw new CannotIssueError('this tablet holds no key of the site that issues passes now');
    const claims: PassClaims = { ...request, siteId: this.site.id, passId: newPassId(), issuedAt: seconds };
    return { text: await signPass(claims, await this.#signer(held)), claims };
  }

  /** The keys this tablet holds that the trust list names (what a key handover can give). */
  get held(): readonly HeldKey[] {
    return this.#held.filter((h) => this.#trusted.some((k) => k.kid === h.kid));
  }

  /** True if the trust list names `kid`. */
  trusts(kid: string): boolean {
    return this.#trusted.some((k) => k.kid === kid);
  }

  /** Keeps a key handed over from another supervisor tablet (key-transfer.ts checked it). */
  async adopt(key: HeldKey): Promise<void> {
    await holdKey(this.registry, this.site.id, key);
    await this.reload();
  }

  /**
   * Revokes every pass of a holder issued before now (the caller checked the supervisor
   * PIN): the lost card stops working, a card printed after this works. Durable when it resolves.
   */
  revokeHolder(holder: string, by: string): Promise<void> {
    return this.revoke(HOLDER_REVOCATION + holder, holder, by);
  }

  /** Revokes a pass (the caller checked the supervisor PIN); durable when it resolves. */
  revoke(passId: string, holder: string | undefined, by: string): Promise<void> {
    const revocation: Revocation = { at: Date.now(), by: by.slice(0, 40) };
    if (holder) revocation.holder = holder;
    return this.ledger.revokePass(passId, revocation).then(() => this.reload());
  }

  // The held key whose trusted window is open at `seconds`, the newest first.
  #issuingKey(seconds: number): HeldKey | undefined {
    const open = this.#trusted.filter((k) => k.from <= seconds && (k.until === null || seconds < k.until)).sort((a, b) => b.from - a.from);
    for (const key of open) {
      const held = this.#held.find((h) => h.kid === key.kid);
      if (held) return held;
    }
    return undefined;
  }

  // A cache of imported keys, not state: nothing on screen reads it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #signers = new Map<string, Promise<SigningKey>>();
  #signer(held: HeldKey): Promise<SigningKey> {
    let signer = this.#signers.get(held.kid);
    if (!signer) this.#signers.set(held.kid, (signer = importSigningKey(held)));
    return signer;
  }
}
