/**
 * The print screen's state: which people, which kind of card, how long valid, and the cards
 * signed for them. Signing runs only when asked ("make passes"), never while choosing: each
 * pass gets a fresh id, and a sheet signed twice would leave two live cards per person.
 */
import type { Person } from '$lib/core/types';
import type { PassClaims } from '$lib/gate/passes';
import { planCards, type CardPlan } from './pass-sheet';

export type CardKind = 'person' | 'household' | 'code';

export interface SignedCard extends CardPlan {
  text: string;
  claims: PassClaims;
}

type Issue = (request: CardPlan['request']) => Promise<{ text: string; claims: PassClaims }>;

export class PassPrinting {
  kind = $state<CardKind>('person');
  /** null: no end. */
  days = $state<number | null>(30);
  #cards = $state.raw<SignedCard[]>([]);
  #signing = $state(false);
  #problem = $state('');

  constructor(private readonly issue: Issue | null) {
    if (!issue) this.kind = 'code';
  }

  get canIssue() {
    return this.issue !== null;
  }
  get cards(): readonly SignedCard[] {
    return this.#cards;
  }
  get signing() {
    return this.#signing;
  }
  get problem() {
    return this.#problem;
  }

  /** Forgets the signed cards (the choice of people or kind changed). */
  clear() {
    this.#cards = [];
    this.#problem = '';
  }

  /** Signs one card per person or household of `people`; `describe` turns a failure into words. */
  async make(people: readonly Person[], describe: (e: unknown) => string, now = Date.now()): Promise<void> {
    if (!this.issue || this.kind === 'code') return;
    this.#signing = true;
    this.#problem = '';
    try {
      const plans = planCards(people, this.kind, now, this.days);
      const signed: SignedCard[] = [];
      for (const plan of plans) signed.push({ ...plan, ...(await this.issue(plan.request)) });
      this.#cards = signed;
    } catch (e) {
      this.#cards = [];
      this.#problem = describe(e);
    } finally {
      this.#signing = false;
    }
  }
}
