/**
 * The guide station (引导员): a person's code scanned at the queue → who they are and whether
 * they were already checked in or sampled this round → a `check-in` entry; then "sticker
 * handed out" → a `sticker` entry. The rules are check-in.ts's; this class runs them.
 *
 * The scan path: the one intake (scan/intake.ts: clean, classify, drop a repeat within
 * seconds unless typed) → look the person up in the roster in memory → read their round
 * history → judge → record durably → only then show the verdict and sound it. As at the
 * gate, a scan is a fact: it is recorded even when amber or refused; only a too-long code is
 * not. Scans, registrations and stickers run one at a time in the station's lane.
 *
 * A person registered here, not being on the roster, joins the roster and their check-in is
 * recorded with reason `not-on-roster`: that entry is the lasting mark of "registered at the
 * point", synced and counted like every entry, with no new field on Person.
 */
import type { Round } from '$lib/core/round';
import type { Entry, Person } from '$lib/core/types';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, type Failed } from '$lib/ui/station-front.svelte';
import { checkInFields, judgeCheckIn, judgeSticker, personOfCode, roundHistory, stickerFields, type GuideEntryFields, type GuideHistory, type GuideRefusal } from './check-in';
import { registerPerson, type RegisterFields, type RegisterProblem } from './register';

export type { GuideHistory } from './check-in';

type Outcome =
  | { kind: 'person'; person: Person; entry: Entry; before: GuideHistory; registered: boolean; sticker?: Entry }
  | { kind: 'refused'; reason: GuideRefusal['reason'] | 'too-long'; code: string };
/** What the screen shows after a scan. */
export type GuideShown = Outcome | Failed;

export class GuideStation {
  // A person on screen sounds their latest record: the check-in, then the sticker.
  readonly #front = new StationFront<Outcome>((s) => (s.kind === 'person' ? (s.sticker ?? s.entry).verdict : 'refused'));
  readonly #intake: ScanIntake;

  constructor(
    private readonly ctx: StationContext,
    readonly round: Round
  ) {
    this.#intake = new ScanIntake(ctx.siteId);
  }

  get shown(): GuideShown | null {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }

  /** Handles one scanned code from any source. */
  scan(code: ScannedCode): Promise<void> {
    const taken = this.#intake.take(code);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#front.run(async () => {
      // Not even recorded: a code this long is noise or an attack, never a person.
      if (taken.kind === 'too-long') return this.#front.show({ kind: 'refused', reason: 'too-long', code: taken.text });
      const found = personOfCode(taken, (id) => this.ctx.person(id));
      if (found.kind === 'person') return this.#checkIn(found.person, false);
      await this.#record(checkInFields(found));
      this.#front.show({ kind: 'refused', reason: found.reason, code: found.text });
    });
  }

  /** Registers a person not on the roster and checks them in. Returns the form's problems, if any. */
  async register(fields: RegisterFields): Promise<RegisterProblem[]> {
    const check = registerPerson(fields);
    if (!check.ok) return check.problems;
    await this.#front.run(async () => {
      // Someone registered twice (or already imported) is checked in as who they are.
      const known = this.ctx.person(check.person.id);
      if (!known) await this.ctx.addPeople([check.person]);
      await this.#checkIn(known ?? check.person, !known);
    });
    return [];
  }

  /** Records the sticker handed to the person on screen (amber if they already had one). */
  giveSticker(): Promise<void> {
    const shown = this.#front.shown;
    if (shown?.kind !== 'person' || shown.sticker) return Promise.resolve();
    return this.#front.run(async () => {
      const verdict = judgeSticker(await this.#history(shown.person.id));
      const sticker = await this.#record(stickerFields(shown.person, verdict));
      this.#front.show({ ...shown, sticker });
    });
  }

  async #checkIn(person: Person, registered: boolean) {
    const before = await this.#history(person.id);
    const verdict = judgeCheckIn(person, before, registered);
    const entry = await this.#record(checkInFields(verdict));
    this.#front.show({ kind: 'person', person, entry, before, registered });
  }

  async #history(personId: string): Promise<GuideHistory> {
    return roundHistory(await this.ctx.entries.reads.personRoundEntries(personId, this.round.id), personId, this.round);
  }

  #record(fields: GuideEntryFields): Promise<Entry> {
    return this.ctx.record({ ...fields, round: this.round.id, station: 'guide' });
  }
}
