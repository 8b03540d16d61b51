/**
 * The visitor desk at the gate: register a visitor or worker, check one out, undo the last.
 *
 * Phases of one registration: the form is filled → `register` checks it (problems shown, in
 * words, nothing recorded) → the entry is recorded durably → only then the outcome shows
 * (green registered, red refused) and sounds. A check-out is one tap on the still-inside
 * list, recorded the same way. Steps run one at a time in the front's lane, so a double tap
 * on "离开" records one check-out.
 */
import type { CodeColour } from '$lib/core/gate-records';
import type { Entry, VoidReason } from '$lib/core/types';
import type { StationContext } from '$lib/site/station-context';
import { StationFront } from '$lib/ui/station-front.svelte';
import { VisitorsInside } from './inside.svelte';
import { checkOutFields, checkVisitorForm, makeVisitId, registrationFields, type Visit, type VisitorForm, type VisitorProblem } from './visitors';

/** What the desk shows after a step. */
export type DeskOutcome = { kind: 'registered' | 'refused'; entry: Entry; health: CodeColour } | { kind: 'left'; entry: Entry; visit: Visit } | { kind: 'undone' };

const emptyForm = (): VisitorForm => ({ name: '', phone: '', room: '' });

export class VisitorDesk {
  form = $state<VisitorForm>(emptyForm());
  #problems = $state<VisitorProblem[]>([]);
  readonly #front = new StationFront<DeskOutcome>((s) => (s.kind === 'refused' ? 'refused' : 'accepted'));
  readonly inside: VisitorsInside;
  /** Visits this desk checked out: the live list may not have caught up when a second tap comes. */
  // Not reactive: no screen reads it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #checkedOut = new Set<string>();

  constructor(
    private readonly ctx: StationContext,
    private readonly random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))
  ) {
    this.inside = new VisitorsInside(ctx.entries);
  }

  get shown() {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }
  /** What is wrong with the form since the last try (empty once it recorded). */
  get problems(): readonly VisitorProblem[] {
    return this.#problems;
  }

  /** Registers the visitor on the form: recorded and the form cleared, or the problems shown. */
  register(): Promise<void> {
    return this.#front.run(async () => {
      const check = checkVisitorForm($state.snapshot(this.form));
      if (!check.ok) {
        this.#problems = check.problems;
        // The outcome on screen is of the one before: it must not read as this one's.
        this.#front.update(null);
        return;
      }
      this.#problems = [];
      const fields = registrationFields(makeVisitId(this.random(6)), check.visitor, check.health);
      const entry = await this.ctx.record({ ...fields, station: 'gate' });
      this.form = emptyForm();
      this.#front.show({ kind: entry.verdict === 'refused' ? 'refused' : 'registered', entry, health: check.health });
    });
  }

  /** Records that a visitor inside left (nothing if another step already checked them out). */
  checkOut(visit: Visit): Promise<void> {
    return this.#front.run(async () => {
      if (this.#checkedOut.has(visit.id)) return;
      const entry = await this.ctx.record({ ...checkOutFields(visit.id), station: 'gate' });
      this.#checkedOut.add(visit.id);
      this.#front.show({ kind: 'left', entry, visit });
    });
  }

  /** Voids an entry of the desk (who and why); false, nothing recorded, when the PIN is wrong. */
  async undo(entry: Entry, reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.#front.run(async () => {
      await this.ctx.record({ kind: 'void', station: 'gate', subject: entry.subject, verdict: 'accepted', reason, voids: entry.id });
      // An undone check-out puts the visitor back inside, to be checked out again.
      if (entry.direction === 'out') this.#checkedOut.delete(entry.subject);
      this.#front.update({ kind: 'undone' });
    });
    return true;
  }

  /** Resolves once every step given so far has finished (tests). */
  idle(): Promise<void> {
    return this.#front.idle();
  }

  destroy() {
    this.inside.destroy();
  }
}
