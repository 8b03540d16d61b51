/**
 * The gate station: direction, the verdict on screen, the recent scans and the live tally.
 *
 * The scan path: the one intake (scan/intake.ts: clean, classify, drop a repeat of the same
 * code and direction within seconds) → who it names (identify.ts: a signed pass verified, a
 * bare personal code, a code that is none of ours) → judge under the site's policy
 * (checkpoint.ts) → record durably → only then show the verdict and sound it. Scans run one
 * at a time in the station's lane. If the write fails, the screen says the scan was NOT
 * saved and shows no verdict.
 *
 * After a refusal the policy can lift, the duty person may choose an exemption (就医 …) or
 * the supervisor may let the person through with the PIN and a reason: each is a new
 * judgment of the same person, recorded as its own entry beside the refusal.
 */
import type { Direction, Entry, Person, VoidReason } from '$lib/core/types';
import type { EntryRow } from '$lib/ledger/reads';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { Live } from '$lib/ledger/live.svelte';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, type Failed } from '$lib/ui/station-front.svelte';
import { GatePositions } from './positions';
import { LiveGateTally } from './today-tally.svelte';
import { checkpointEntryFields, judgeCheckpoint, remediesOf, type CheckpointVerdict } from './checkpoint';
import { identify, memberChosen, type Identified } from './identify';
import { householdMembers } from './outings';
import type { ForeignCode } from './foreign-code';
import type { PassClaims, PassRefusal } from './passes';

type Named = Extract<Identified, { kind: 'code' }>;
type Outcome =
  | { kind: 'verdict'; verdict: CheckpointVerdict; entry: Entry; at: number; pass?: PassClaims; named: Named }
  | { kind: 'pass-refused'; reason: Exclude<PassRefusal, 'not-a-pass'>; claims?: PassClaims; entry: Entry; at: number }
  | { kind: 'not-ours'; what: ForeignCode; text: string; entry: Entry; at: number }
  | { kind: 'household'; claims: PassClaims; members: Person[]; direction: Direction; at: number }
  | { kind: 'too-long'; at: number };
/** What the screen shows after a scan. */
export type Shown = Outcome | Failed;

const toneOf = (s: Outcome) => (s.kind === 'verdict' ? s.verdict.kind : s.kind === 'household' ? 'duplicate' : 'refused');

export class GateStation {
  #direction = $state<Direction>('in');
  readonly #front = new StationFront<Outcome>(toneOf);
  readonly #intake: ScanIntake;
  readonly recent: Live<{ entries: EntryRow[]; voided: Set<string> }>;
  readonly tally: LiveGateTally;
  readonly #positions: GatePositions;

  constructor(private readonly ctx: StationContext) {
    const { entries } = ctx;
    this.#intake = new ScanIntake(ctx.siteId);
    this.#positions = new GatePositions(entries);
    void this.#positions.build().catch((error) => console.warn('gate positions not built; each scan reads the disk', error));
    // Re-run after every scan, reading only the dozen rows it shows (see ledger/reads.ts).
    this.recent = new Live(() => entries.reads.recentEntries(entries.today(), ctx.device, 'gate', 12));
    this.tally = new LiveGateTally(entries);
  }

  get direction() {
    return this.#direction;
  }
  set direction(d: Direction) {
    this.#direction = d;
  }
  get shown() {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }

  /** Handles one scanned code from any source. */
  scan(code: ScannedCode): Promise<void> {
    const direction = this.#direction;
    const taken = this.#intake.take(code, direction);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#front.run(async () => {
      // Not even recorded: a code this long is noise or an attack, never a pass.
      if (taken.kind === 'too-long') return this.#front.show({ kind: 'too-long', at: code.at });
      const named = await identify(taken, { person: this.ctx.person, people: this.ctx.people, judgePass: (text) => this.ctx.judgePass(text, this.ctx.now()) });
      if (named.kind === 'code') return this.#judge(named, direction, {}, code.at);
      if (named.kind === 'household') return this.#front.show({ ...named, direction, at: code.at });
      const kind = direction === 'in' ? 'gate-in' : 'gate-out';
      if (named.kind === 'not-ours') {
        const entry = await this.ctx.record({ kind, station: 'gate', subject: named.text, verdict: 'refused', reason: 'not-our-code', direction });
        return this.#front.show({ kind: 'not-ours', what: named.what, text: named.text, entry, at: code.at });
      }
      // A genuine pass refused (revoked, expired) is its holder's; a forgery is only its text.
      const subject = named.claims?.holder.id ?? named.text;
      const entry = await this.ctx.record({ kind, station: 'gate', subject, verdict: 'refused', reason: `pass-${named.reason}`, direction });
      this.#front.show({ kind: 'pass-refused', reason: named.reason, claims: named.claims, entry, at: code.at });
    });
  }

  /** The duty person picked who of a household pass's family is passing. */
  choose(personId: string): Promise<void> {
    const shown = this.#front.shown;
    if (shown?.kind !== 'household') return Promise.resolve();
    const named = memberChosen(shown.claims, this.ctx.people(), personId);
    return named ? this.#front.run(() => this.#judge(named, shown.direction, {}, Date.now())) : Promise.resolve();
  }

  /** Judges the refused person on screen again with an exemption the site offers (nothing, for a refusal no exemption lifts). */
  exempt(exemption: string): Promise<void> {
    const shown = this.#front.shown;
    if (shown?.kind !== 'verdict' || shown.verdict.kind !== 'refused' || !remediesOf(shown.verdict).exemption) return Promise.resolve();
    return this.#front.run(() => this.#judge(shown.named, shown.verdict.direction, { exemption }, Date.now()));
  }

  /**
   * The supervisor lets the refused person on screen through: false, recording nothing,
   * when the PIN is wrong, the reason blank, or the refusal one the override does not lift
   * (a bare code, a code of nobody); the reason goes on the entry.
   */
  async override(pin: string, reason: string): Promise<boolean> {
    const shown = this.#front.shown;
    if (shown?.kind !== 'verdict' || shown.verdict.kind !== 'refused' || !remediesOf(shown.verdict).override || !reason.trim()) return false;
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.#front.run(() => this.#judge(shown.named, shown.verdict.direction, { override: { reason } }, Date.now()));
    return true;
  }

  async #judge(named: Named, direction: Direction, extra: { exemption?: string; override?: { reason: string } }, at: number) {
    const { person, code, verified } = named;
    const policy = this.ctx.policy();
    const position = person ? await this.#positions.of(person.id) : undefined;
    const household = person && policy.quota && direction === 'out' ? await this.#household(person) : undefined;
    const verdict = judgeCheckpoint({ code, direction, person, position, policy, now: this.ctx.now(), verified, household, ...extra });
    const entry = await this.ctx.record({ ...checkpointEntryFields(verdict), station: 'gate' });
    this.#front.show({ kind: 'verdict', verdict, entry, at, pass: named.pass, named });
  }

  async #household(person: Person) {
    const members = householdMembers(this.ctx.people(), person);
    const histories = await Promise.all([...members].map((id) => this.ctx.entries.reads.gateHistory(id)));
    return { members, entries: histories.flat() };
  }

  /**
   * Undoes an entry by recording a void that names it, who and why (entries are never
   * deleted). Returns false, recording nothing, when the supervisor PIN is wrong.
   */
  async undo(entry: Entry, reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.ctx.record({ kind: 'void', station: 'gate', subject: entry.subject, verdict: 'accepted', reason, voids: entry.id });
    const shown = this.#front.shown;
    if (shown && 'entry' in shown && shown.entry.id === entry.id) this.#front.update(null);
    return true;
  }

  destroy() {
    this.recent.destroy();
    this.tally.destroy();
    this.#positions.destroy();
  }
}
