/** The words of the supervisor's screens for each closed set (every member has one, in both languages). */
import type { PersonTag, StationKind, TraceStatus, VisitOutcome } from '$lib/core/types';
import type { VisitReason } from '$lib/supervise/visits.svelte';
import { m } from '$lib/i18n';

export function tagText(tag: PersonTag): string {
  switch (tag) {
    case 'elderly':
      return m.sup_tag_elderly();
    case 'disabled':
      return m.sup_tag_disabled();
    case 'pregnant':
      return m.sup_tag_pregnant();
    case 'bedridden':
      return m.sup_tag_bedridden();
    case 'quarantined':
      return m.sup_tag_quarantined();
    case 'sick':
      return m.sup_tag_sick();
  }
}

export const tagsText = (tags: readonly PersonTag[]) => tags.map(tagText).join('、');

export function stationText(station: StationKind): string {
  switch (station) {
    case 'gate':
      return m.sup_station_gate();
    case 'guide':
      return m.sup_station_guide();
    case 'recorder':
      return m.sup_station_recorder();
    case 'homeVisit':
      return m.sup_station_homeVisit();
  }
}

export function visitOutcomeText(outcome: VisitOutcome): string {
  switch (outcome) {
    case 'not-home':
      return m.visits_outcome_not_home();
    case 'declined':
      return m.visits_outcome_declined();
    case 'moved-out':
      return m.visits_outcome_moved_out();
    case 'in-hospital':
      return m.visits_outcome_in_hospital();
  }
}

export function traceStatusText(status: TraceStatus | undefined): string {
  switch (status) {
    case undefined:
      return m.trace_status_none();
    case 'reached':
      return m.trace_status_reached();
    case 'isolated':
      return m.trace_status_isolated();
    case 'retested':
      return m.trace_status_retested();
  }
}

export function visitReasonText(reason: VisitReason): string {
  switch (reason) {
    case 'round-closed':
      return m.visits_reason_round_closed();
    case 'tube-used':
      return m.visits_reason_tube_used();
    case 'tube-already-open':
      return m.visits_reason_tube_already_open();
    case 'tube-sealed':
      return m.visits_reason_tube_sealed();
    case 'seal-first':
      return m.visits_reason_seal_first();
    case 'no-open-tube':
      return m.visits_reason_no_open_tube();
    case 'tube-full':
      return m.visits_reason_tube_full();
    case 'tube-empty':
      return m.visits_reason_tube_empty();
    case 'already-in-tube':
      return m.visits_reason_already_in_tube();
    case 'already-sampled':
      return m.visits_reason_already_sampled();
    case 'other-site':
      return m.visits_reason_not_this_site();
    // The team's screen has always said "code not recognised" for anything that is not a
    // tube label or a person's code, an overlong code included.
    case 'bad-tube-code':
    case 'too-long':
      return m.visits_reason_not_a_code();
    // The box and undo reasons: the team's screen neither boxes nor undoes.
    default:
      return m.visits_reason_other();
  }
}

/** The columns of the exported lists, in the screen's language. */
export const listLabels = () => ({
  building: m.sup_building(),
  unit: m.sup_unit(),
  room: m.sup_room(),
  name: m.sup_name(),
  phone: m.sup_phone(),
  tags: m.sup_tags(),
  id: m.sup_person_id()
});
