/**
 * The vehicle desk at a road checkpoint: the form (plate from the keypad or chosen from
 * the log), the recording of a passage, the log and the tally of today, undo of the last.
 *
 * Phases: the form is filled → `record` checks it (problems in words, nothing recorded) →
 * the passage is recorded durably → only then the outcome shows (green, or red with the
 * reason) and the form is cleared for the next vehicle; the direction stays, since a
 * checkpoint lane mostly runs one way. The log and the tally read today's vehicle entries
 * of every tablet this one has merged with.
 */
import type { Entry, VoidReason } from '$lib/core/types';
import { Live } from '$lib/ledger/live.svelte';
import type { StationContext } from '$lib/site/station-context';
import { StationFront } from '$lib/ui/station-front.svelte';
import { normalizePlate } from './plate';
import { checkVehicleForm, makePassageId, passageFields, tallyVehicles, vehicleLog, type VehicleForm, type VehicleProblem, type VehicleTally } from './vehicles';

export type VehicleOutcome = { kind: 'passed' | 'refused'; entry: Entry } | { kind: 'undone' };

/** How many passages the log lists. */
export const LOG_LENGTH = 30;

const emptyForm = (direction: VehicleForm['direction']): VehicleForm => ({ plate: '', aboard: 1, direction });

interface Today {
  log: { entries: Entry[]; voided: Set<string> };
  tally: VehicleTally;
}

export class VehicleDesk {
  form = $state<VehicleForm>(emptyForm('in'));
  #problems = $state<VehicleProblem[]>([]);
  readonly #front = new StationFront<VehicleOutcome>((s) => (s.kind === 'refused' ? 'refused' : 'accepted'));
  readonly today: Live<Today>;

  constructor(
    private readonly ctx: StationContext,
    private readonly random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))
  ) {
    const { entries } = ctx;
    this.today = new Live(async () => {
      const day = entries.today();
      const [vehicles, voids] = await Promise.all([entries.reads.dayKindEntries(day, 'vehicle'), entries.reads.dayKindEntries(day, 'void')]);
      const all = [...vehicles, ...voids];
      return { log: vehicleLog(all, LOG_LENGTH), tally: tallyVehicles(all) };
    });
  }

  get shown() {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }
  get problems(): readonly VehicleProblem[] {
    return this.#problems;
  }

  /** Fills the form from a passage in the log (a vehicle coming back, a regular supply truck). */
  choose(entry: Entry) {
    if (!entry.vehicle) return;
    const { plate, kind, aboard, purpose } = entry.vehicle;
    this.form = { ...emptyForm(this.form.direction), plate: normalizePlate(plate), kind, aboard, purpose };
    this.#problems = [];
  }

  /** Records the passage on the form, or shows its problems. */
  record(): Promise<void> {
    return this.#front.run(async () => {
      const check = checkVehicleForm($state.snapshot(this.form));
      if (!check.ok) {
        this.#problems = check.problems;
        // The outcome on screen is of the one before: it must not read as this one's.
        this.#front.update(null);
        return;
      }
      this.#problems = [];
      const fields = passageFields(makePassageId(this.random(6)), check.vehicle, check.health, check.direction);
      const entry = await this.ctx.record({ ...fields, station: 'gate' });
      this.form = emptyForm(check.direction);
      this.#front.show({ kind: entry.verdict === 'refused' ? 'refused' : 'passed', entry });
    });
  }

  /** Voids a passage (who and why); false, nothing recorded, when the PIN is wrong. */
  async undo(entry: Entry, reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.#front.run(async () => {
      await this.ctx.record({ kind: 'void', station: 'gate', subject: entry.subject, verdict: 'accepted', reason, voids: entry.id });
      this.#front.update({ kind: 'undone' });
    });
    return true;
  }

  idle(): Promise<void> {
    return this.#front.idle();
  }

  destroy() {
    this.today.destroy();
  }
}
