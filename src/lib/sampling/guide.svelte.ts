/**
 * The guide station (引导员): a person's code scanned at the queue → who they are and whether
 * they were already checked in or sampled this round → a `check-in` entry; then "sticker
 * handed out" → a `sticker` entry. As at the gate, a scan is a fact: it is recorded even when
 * amber (already checked in or sampled: verdict `duplicate`) or refused (not this site's
 * code, not on the roster), and the verdict shows only once the entry is on disk.
 *
 * A person registered here, not being on the roster, joins the roster and their check-in is
 * recorded with reason `not-on-roster`: that entry is the lasting mark of "registered at the
 * point", synced and counted like every entry, with no new field on Person.
 */
import { parseCode } from '$lib/core/code';
import { readMarks } from '$lib/supervise/coverage';
import { voidedIds } from '$lib/core/entries';
import { RepeatFilter } from '$lib/scan/repeat-filter';
import type { Round } from '$lib/core/round';
import type { Entry, Person, Reason } from '$lib/core/types';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { describeError } from '$lib/ui/errors';
import { signal } from '$lib/scan/feedback';
import type { RegisterFields } from './register';
import { registerPerson, type RegisterProblem } from './register';
import type { SiteSession } from '$lib/site/session.svelte';

/** What the round already knew of a person when they were scanned. */
export interface GuideHistory {
  checkIns: Entry[];
  samples: Entry[];
  stickers: Entry[];
}

export type GuideShown =
  | { kind: 'person'; person: Person; entry: Entry; before: GuideHistory; registered: boolean; sticker?: Entry }
  | { kind: 'refused'; reason: Reason | 'too-long'; code: string }
  | { kind: 'error'; message: string };

export class GuideStation {
  #shown = $state<GuideShown | null>(null);
  #busy = $state(false);
  #filter = new RepeatFilter(3000);

  constructor(
    private readonly session: SiteSession,
    readonly round: Round
  ) {}

  get shown() {
    return this.#shown;
  }
  get busy() {
    return this.#busy;
  }

  /** Handles one scanned code from any source. */
  async scan(code: ScannedCode): Promise<void> {
    const parsed = parseCode(code.text);
    if (parsed.kind === 'empty') return;
    if (!this.#filter.admit(parsed.text, code.at) && code.source !== 'manual') return;
    if (parsed.kind === 'too-long') return this.#show({ kind: 'refused', reason: 'too-long', code: parsed.text });
    const person = parsed.kind === 'person' && parsed.siteId === this.session.site?.id ? this.session.person(parsed.personId) : undefined;
    if (person) return this.#run(() => this.#checkIn(person, false));
    const reason: Reason = parsed.kind !== 'person' ? 'unknown-code' : parsed.siteId !== this.session.site?.id ? 'other-site' : 'not-on-roster';
    const text = parsed.text.slice(0, 64);
    await this.#run(async () => {
      await this.#record({ kind: 'check-in', subject: text, verdict: 'refused', reason });
      this.#show({ kind: 'refused', reason, code: text });
    });
  }

  /** Registers a person not on the roster and checks them in. Returns the form's problems, if any. */
  async register(fields: RegisterFields): Promise<RegisterProblem[]> {
    const check = registerPerson(fields);
    if (!check.ok) return check.problems;
    const known = this.session.person(check.person.id);
    await this.#run(async () => {
      if (!known) await this.session.importPeople([check.person]);
      await this.#checkIn(known ?? check.person, !known);
    });
    return [];
  }

  /** Records the sticker handed to the person on screen (amber if they already had one). */
  async giveSticker(): Promise<void> {
    const shown = this.#shown;
    if (shown?.kind !== 'person' || shown.sticker) return;
    await this.#run(async () => {
      const before = await this.#history(shown.person.id);
      const verdict = before.stickers.length > 0 ? 'duplicate' : 'accepted';
      const sticker = await this.#record({ kind: 'sticker', subject: shown.person.id, verdict });
      this.#shown = { ...shown, sticker };
      signal(verdict);
    });
  }

  async #checkIn(person: Person, registered: boolean) {
    const before = await this.#history(person.id);
    const verdict = before.checkIns.length > 0 || before.samples.length > 0 ? 'duplicate' : 'accepted';
    const entry = await this.#record({ kind: 'check-in', subject: person.id, verdict, ...(registered ? { reason: 'not-on-roster' as const } : {}) });
    this.#show({ kind: 'person', person, entry, before, registered });
  }

  async #history(personId: string): Promise<GuideHistory> {
    const entries = await this.session.ledger!.reads.personRoundEntries(personId, this.round.id);
    const marks = readMarks(entries, this.round);
    const voided = voidedIds(entries);
    const stickers = entries.filter((e) => e.kind === 'sticker' && e.verdict === 'accepted' && !voided.has(e.id));
    return { checkIns: marks.checkedIn.get(personId) ?? [], samples: marks.sampled.get(personId) ?? [], stickers };
  }

  #record(fields: Pick<Entry, 'kind' | 'subject' | 'verdict'> & { reason?: Reason }): Promise<Entry> {
    return this.session.ledger!.record({ ...fields, round: this.round.id, station: 'guide', staff: this.session.staff });
  }

  async #run(step: () => Promise<void>) {
    this.#busy = true;
    try {
      await step();
    } catch (e) {
      this.#show({ kind: 'error', message: describeError(e) });
    } finally {
      this.#busy = false;
    }
  }

  #show(shown: GuideShown) {
    this.#shown = shown;
    signal(shown.kind === 'person' ? shown.entry.verdict : 'refused');
  }
}
