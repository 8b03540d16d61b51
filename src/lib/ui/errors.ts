/**
 * The one place an error becomes a sentence for the person holding the tablet. Screens
 * catch in their event handlers and show `describeError(e)`; nothing is swallowed.
 */
import { LedgerWriteError } from '$lib/ledger/ledger';
import { m } from '$lib/i18n';

export function describeError(e: unknown): string {
  if (e instanceof LedgerWriteError) return e.reason === 'quota' ? m.error_disk_full() : m.error_write_failed();
  const name = (e as { name?: string })?.name;
  if (name === 'QuotaExceededError') return m.error_disk_full();
  if (name === 'MissingAPIError' || name === 'InvalidStateError') return m.error_storage_unavailable();
  const detail = e instanceof Error ? e.message : String(e);
  return m.error_unexpected({ detail: detail.slice(0, 200) });
}
