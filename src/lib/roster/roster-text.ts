/** The sentence for each closed set of the roster import (every member has one, in both languages). */
import type { RosterField } from '$lib/roster/import-rules';
import { MAX_ROSTER_ROWS, type UnsupportedRosterFileKind } from '$lib/roster/read-file';
import type { ImportFailure, ProblemRow } from '$lib/roster/import.svelte';
import { describeError } from '$lib/ui/errors';
import { m } from '$lib/i18n';

export function fieldText(field: RosterField): string {
  switch (field) {
    case 'building':
      return m.roster_field_building();
    case 'unit':
      return m.roster_field_unit();
    case 'room':
      return m.roster_field_room();
    case 'name':
      return m.roster_field_name();
    case 'phone':
      return m.roster_field_phone();
    case 'idNumber':
      return m.roster_field_idNumber();
    case 'tags':
      return m.roster_field_tags();
    case 'address':
      return m.roster_field_address();
  }
}

export function fileProblemText(kind: UnsupportedRosterFileKind): string {
  switch (kind) {
    case 'xls-legacy':
      return m.roster_file_xls_legacy();
    case 'unknown-type':
      return m.roster_file_unknown_type();
    case 'empty':
      return m.roster_file_empty();
    case 'unreadable':
      return m.roster_file_unreadable();
    case 'too-large':
      return m.roster_file_too_large();
    case 'too-many-cells':
      return m.roster_file_too_many_cells({ rows: MAX_ROSTER_ROWS.toLocaleString('en-US') });
  }
}

export function failureText(failure: ImportFailure): string {
  return failure.kind === 'file' ? fileProblemText(failure.reason) : describeError(failure.error);
}

export function problemKindText(kind: ProblemRow['kind']): string {
  switch (kind) {
    case 'refused':
      return m.roster_kind_refused();
    case 'warning':
      return m.roster_kind_warning();
    case 'skipped':
      return m.roster_kind_skipped();
  }
}

export function problemReasonText(p: ProblemRow): string {
  if (p.kind === 'refused') {
    switch (p.reason) {
      case 'missing-name':
        return m.roster_refuse_missing_name();
      case 'bad-name':
        return m.roster_refuse_bad_name();
      case 'missing-room':
        return m.roster_refuse_missing_room();
      case 'duplicate':
        return m.roster_refuse_duplicate();
      case 'too-long':
        return m.roster_refuse_too_long();
    }
  }
  if (p.kind === 'warning') {
    switch (p.reason) {
      case 'bad-phone':
        return m.roster_warning_bad_phone();
      case 'bad-id':
        return m.roster_warning_bad_id();
      case 'unknown-tag':
        return m.roster_warning_unknown_tag();
    }
  }
  switch (p.reason) {
    case 'footer':
      return m.roster_skip_footer();
    case 'repeated-header':
      return m.roster_skip_repeated_header();
    case 'vacant':
      return m.roster_skip_vacant();
    case 'address-only':
      return m.roster_skip_address_only();
  }
}

const FIELDS = new Set<string>(['building', 'unit', 'room', 'name', 'phone', 'idNumber', 'tags', 'address']);

/** The detail of a problem as text: a row number, a field, what Excel did to a number, or the cell itself. */
export function problemDetailText(p: ProblemRow): string {
  const detail = p.detail ?? '';
  if (p.kind === 'refused' && p.reason === 'duplicate') return m.roster_detail_same_as_row({ row: detail });
  if (p.kind === 'refused' && p.reason === 'too-long' && FIELDS.has(detail)) return fieldText(detail as RosterField);
  if (p.kind === 'warning' && p.reason !== 'unknown-tag') {
    if (detail === 'lost-digits') return m.roster_detail_lost_digits();
    if (detail === 'checksum') return m.roster_detail_checksum();
    if (detail === 'malformed') return m.roster_detail_malformed();
  }
  return detail;
}

/** The problem report as rows of text, header first, for the CSV download. */
export function problemTable(problems: readonly ProblemRow[]): string[][] {
  return [
    [m.roster_report_row(), m.roster_report_kind(), m.roster_report_reason(), m.roster_report_detail()],
    ...problems.map((p) => [String(p.row), problemKindText(p.kind), problemReasonText(p), problemDetailText(p)])
  ];
}
