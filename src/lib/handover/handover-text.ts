/** The words of the handover screen for each closed set (every member has one, in both languages). */
import type { Agreement, CountKey } from '$lib/handover/compare';
import type { HandoverScope } from '$lib/handover/rules';
import type { EntryKind } from '$lib/core/types';
import { stationText } from '$lib/supervise/supervise-text';
import { m } from '$lib/i18n';

const KIND: Record<EntryKind, () => string> = {
  'gate-in': m.handover_kind_gate_in,
  'gate-out': m.handover_kind_gate_out,
  vehicle: m.handover_kind_vehicle,
  temperature: m.handover_kind_temperature,
  'check-in': m.handover_kind_check_in,
  sticker: m.handover_kind_sticker,
  sample: m.handover_kind_sample,
  'tube-open': m.handover_kind_tube_open,
  'tube-seal': m.handover_kind_tube_seal,
  'box-seal': m.handover_kind_box_seal,
  visit: m.handover_kind_visit,
  'tube-result': m.handover_kind_tube_result,
  trace: m.handover_kind_trace,
  handover: m.handover_kind_handover,
  void: m.handover_kind_void,
  'box-add': m.handover_kind_box_add,
  policy: m.handover_kind_policy,
  visitor: m.handover_kind_visitor
};

export const kindText = (kind: EntryKind) => KIND[kind]();

export const scopeText = (scope: HandoverScope) => (scope === 'site' ? m.handover_scope_site() : stationText(scope));

export function agreementText(a: Agreement): string {
  switch (a) {
    case 'equal':
      return m.handover_agree_equal();
    case 'differs':
      return m.handover_agree_differs();
    case 'unknown':
      return m.handover_agree_unknown();
  }
}

/** The label of one count of the tally; `deviceName` names a tablet. */
export function countText(key: CountKey, deviceName: (id: string) => string): string {
  switch (key) {
    case 'entries':
      return m.handover_entries();
    case 'refused':
      return m.handover_refused();
    case 'duplicate':
      return m.handover_duplicate();
    case 'voids':
      return m.handover_voids();
    case 'conflicts':
      return m.handover_conflicts();
  }
  const [group, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (group === 'kind') return kindText(rest as EntryKind);
  if (group === 'station') return stationText(rest as Parameters<typeof stationText>[0]);
  return deviceName(rest);
}

/** Date and time in the site's zone, to the minute (a shift's ends). */
export function timeIn(timeZone: string): (at: number) => string {
  const f = new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (at) => f.format(at);
}
