/**
 * The site's gate policy as a rune: what the site doc says now, read again whenever the
 * site doc changes on disk — this tablet's supervisor, another tab of it, or a peer's
 * update — so every screen showing the policy follows the others without a reload.
 */
import type { GatePolicy } from '$lib/core/gate-policy';
import { encodePolicyChange } from '$lib/core/gate-policy-codec';
import { SITE_DOC } from '$lib/ledger/docs';
import type { Ledger } from '$lib/ledger/ledger';

export type PolicySource = Pick<Ledger, 'policy' | 'onPersisted'>;

/** A policy as text, to tell a new reading from the one held (a roster import changes no field). */
const fingerprint = (p: GatePolicy) =>
  [
    encodePolicyChange({ field: 'mode', mode: p.mode }).value,
    encodePolicyChange({ field: 'quota', quota: p.quota }).value,
    p.temperature,
    p.unsignedCodes,
    ...p.exemptions.map((exemption) => `${exemption.id}=${encodePolicyChange({ field: 'exemption', exemption }).value}`)
  ].join('\n');

export class LivePolicy {
  #current = $state.raw<GatePolicy>() as GatePolicy;
  #seen: string;
  // Listeners, not state: nothing renders them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #listeners = new Set<(policy: GatePolicy) => void>();
  readonly #stop: () => void;

  constructor(source: PolicySource) {
    this.#current = source.policy();
    this.#seen = fingerprint(this.#current);
    this.#stop = source.onPersisted((doc) => {
      if (doc !== SITE_DOC) return;
      const next = source.policy();
      const seen = fingerprint(next);
      if (seen === this.#seen) return;
      this.#seen = seen;
      this.#current = next;
      for (const l of this.#listeners) l(next);
    });
  }

  /** The policy in force, as this tablet holds it. */
  get current(): GatePolicy {
    return this.#current;
  }

  /** Hears each new policy (for state that must rebuild, not merely re-derive). */
  onChange(listener: (policy: GatePolicy) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }
}
