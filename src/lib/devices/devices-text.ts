/** The devices panel's words for values (stations, refusals, how long ago). */
import { m } from '$lib/i18n';
import type { StationKind } from '$lib/core/types';
import type { SyncProblem } from '$lib/sync/node';

export function stationText(station: StationKind | null): string {
  switch (station) {
    case 'gate':
      return m.home_station_gate();
    case 'guide':
      return m.home_station_guide();
    case 'recorder':
      return m.home_station_recorder();
    case 'homeVisit':
      return m.home_station_visits();
    default:
      return m.devices_station_none();
  }
}

export function refusalText(reason: SyncProblem['reason']): string {
  const texts: Record<SyncProblem['reason'], () => string> = {
    'too-large': m.devices_refusal_too_large,
    malformed: m.devices_refusal_malformed,
    'unknown-doc': m.devices_refusal_unknown_doc,
    'unknown-field': m.devices_refusal_unknown_field,
    'bad-key': m.devices_refusal_bad_key,
    'bad-value': m.devices_refusal_bad_value,
    'foreign-entry': m.devices_refusal_foreign_entry,
    'revoked-device': m.devices_refusal_revoked_device,
    'changes-entry': m.devices_refusal_changes_entry,
    'deletes-entry': m.devices_refusal_deletes_entry,
    'bad-message': m.devices_refusal_bad_message,
    'store-failed': m.devices_refusal_store_failed,
    'bad-advert': m.devices_refusal_bad_advert
  };
  return texts[reason]();
}

/** "3 min ago" from two clock readings. */
export function agoText(then: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return m.devices_just_now();
  if (minutes < 60) return m.devices_minutes_ago({ count: minutes });
  if (minutes < 48 * 60) return m.devices_hours_ago({ count: Math.floor(minutes / 60) });
  return m.devices_days_ago({ count: Math.floor(minutes / 1440) });
}
