import type { Reason } from '$lib/core/types';
import { m } from '$lib/i18n';

/** The sentence for each reason a verdict can give (the set is closed, so each has one). */
export function reasonText(reason: Reason | 'too-long'): string {
  switch (reason) {
    case 'unknown-code':
      return m.reason_unknown_code();
    case 'other-site':
      return m.reason_other_site();
    case 'not-on-roster':
      return m.reason_not_on_roster();
    case 'already-inside':
      return m.reason_already_inside();
    case 'already-outside':
      return m.reason_already_outside();
    case 'voided-by-staff':
      return m.reason_voided_by_staff();
    case 'scanned-by-mistake':
      return m.reason_scanned_by_mistake();
    case 'wrong-direction':
      return m.reason_wrong_direction();
    case 'wrong-person':
      return m.reason_wrong_person();
    case 'swab-spoiled':
      return m.reason_swab_spoiled();
    case 'tube-damaged':
      return m.reason_tube_damaged();
    case 'retest-requested':
      return m.reason_retest_requested();
    case 'quarantined':
      return m.reason_quarantined();
    case 'only-in':
      return m.reason_only_in();
    case 'closed':
      return m.reason_closed();
    case 'quota-full':
      return m.reason_quota_full();
    case 'unsigned-code':
      return m.reason_unsigned_code();
    case 'supervisor-override':
      return m.reason_supervisor_override();
    case 'pass-forged':
      return m.reason_pass_forged();
    case 'pass-other-site':
      return m.reason_pass_other_site();
    case 'pass-unknown-key':
      return m.reason_pass_unknown_key();
    case 'pass-tampered':
      return m.reason_pass_tampered();
    case 'pass-key-not-in-force':
      return m.reason_pass_key_not_in_force();
    case 'pass-revoked':
      return m.reason_pass_revoked();
    case 'pass-not-yet-valid':
      return m.reason_pass_not_yet_valid();
    case 'pass-expired':
      return m.reason_pass_expired();
    case 'not-our-code':
      return m.reason_not_our_code();
    case 'yellow-code':
      return m.reason_yellow_code();
    case 'red-code':
      return m.reason_red_code();
    case 'itinerary-code':
      return m.reason_itinerary_code();
    case 'second-reading':
      return m.reason_second_reading();
    case 'too-long':
      return m.reason_too_long();
  }
}
