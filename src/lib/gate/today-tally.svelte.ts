/**
 * Today's gate tally for the gate screen, kept in memory: today's gate entries and voids are
 * read from disk once, then each entry the ledger makes durable is added (`onEntries`). A
 * busy gate stores thousands of passes a day; re-reading them all after every scan would
 * put that read behind each verdict (tests/bench).
 *
 * The tally is recounted from the list in memory (gate/tally.ts is pure and cheap), which
 * keeps voids and cross-tablet clashes exactly as the full recount has them. At midnight,
 * or when another tab stored entries this tab cannot see, the list is read again.
 */
import { hourOf } from '$lib/core/day';
import { tallyGate, type GateTally } from '$lib/gate/tally';
import type { Entry } from '$lib/core/types';
import type { EntrySource } from '$lib/site/station-context';

const counted = (e: Entry) => e.kind === 'gate-in' || e.kind === 'gate-out' || e.kind === 'void';

export class LiveGateTally {
  #current = $state.raw<GateTally | undefined>(undefined);
  #day: string;
  // Not reactive: the screen reads the tally, recounted from it on each change.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #entries = new Map<string, Entry>();
  /** Entries heard while the day is being read from disk, added once it is. */
  #heard: Entry[] | null = null;
  #reads = 0;
  #stop: () => void;

  constructor(private readonly ledger: EntrySource) {
    this.#day = ledger.today();
    this.#stop = ledger.onEntries((day, entries) => {
      if (entries === null || ledger.today() !== this.#day) return void this.#read();
      if (day !== this.#day) return;
      const fresh = entries.filter(counted);
      if (fresh.length === 0) return;
      if (this.#heard) this.#heard.push(...fresh);
      else this.#add(fresh);
    });
    void this.#read();
  }

  /** Undefined until today's entries have been read once. */
  get current(): GateTally | undefined {
    return this.#current;
  }

  destroy(): void {
    this.#stop();
  }

  async #read(): Promise<void> {
    const read = ++this.#reads;
    this.#day = this.ledger.today();
    this.#heard = [];
    try {
      const rows = await this.ledger.reads.dayGateEntries(this.#day);
      if (read !== this.#reads) return; // a newer read started meanwhile
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.#entries = new Map(rows.map((e) => [e.id, e]));
      const heard = this.#heard;
      this.#heard = null;
      this.#add(heard);
    } catch (error) {
      if (read === this.#reads) this.#heard = null;
      console.warn("today's gate entries not read; the tally is not shown", error);
    }
  }

  #add(entries: readonly Entry[]): void {
    for (const e of entries) this.#entries.set(e.id, e);
    const zone = this.ledger.site.timeZone;
    this.#current = tallyGate(this.#entries.values(), (at) => hourOf(at, zone));
  }
}
