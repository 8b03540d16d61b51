/**
 * The open site's rounds (轮次) in memory: all of them, newest first, and the one open now,
 * which the sampling stations record into. A supervisor opens and closes them here; a
 * round opened or closed on another tablet arrives with the site doc (`reload`).
 */
import { currentRound, type Pooling, type Round, type StickerColour } from '$lib/core/round';
import type { Ledger } from '$lib/ledger/ledger';

/** What a supervisor fills in to open a round. */
export interface RoundFields {
  name: string;
  date: string;
  pooling: Pooling;
  stickerColour: StickerColour;
}

export interface RoundsOptions {
  now?: () => number;
  /** A new round's id: short base36, unique within the site. */
  makeId?: () => string;
}

function randomRoundId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export class SiteRounds {
  #all = $state.raw<Round[]>([]);
  #now: () => number;
  #makeId: () => string;

  constructor(
    private readonly ledger: Pick<Ledger, 'rounds' | 'saveRound'>,
    opts: RoundsOptions = {}
  ) {
    this.#now = opts.now ?? (() => Date.now());
    this.#makeId = opts.makeId ?? randomRoundId;
    this.reload();
  }

  /** The site's rounds, newest first. */
  get all(): readonly Round[] {
    return this.#all;
  }

  /** The round now open, if any (sampling screens record into it). */
  get current(): Round | undefined {
    return currentRound(this.#all);
  }

  /** Opens a new round (a supervisor's act); the ledger refuses one that fails the check. */
  async open(fields: RoundFields): Promise<Round> {
    const round: Round = { id: this.#makeId(), ...fields, name: fields.name.trim(), openedAt: this.#now() };
    await this.ledger.saveRound(round);
    this.reload();
    return round;
  }

  /** Closes a round: no more tubes or samples go into it. */
  async close(round: Round): Promise<void> {
    await this.ledger.saveRound({ ...round, closedAt: this.#now() });
    this.reload();
  }

  /** Reads the rounds again from the site doc (a peer opened or closed one). */
  reload(): void {
    this.#all = this.ledger.rounds();
  }
}
