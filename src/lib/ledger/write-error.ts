/**
 * How a failed write reaches the caller: one error with a closed set of reasons, so the
 * screen says "disk full" or "not saved" (ui/errors.ts) whatever Dexie or the browser threw.
 */
import Dexie from 'dexie';

export class LedgerWriteError extends Error {
  override name = 'LedgerWriteError';
  constructor(
    readonly reason: 'quota' | 'closed' | 'failed',
    options?: { cause?: unknown }
  ) {
    super(`ledger write failed: ${reason}`, options);
  }
}

/** Names what made a write transaction fail. */
export function toWriteError(cause: unknown): LedgerWriteError {
  const name = (cause as { name?: string; inner?: { name?: string } })?.name ?? '';
  const inner = (cause as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || cause instanceof Dexie.QuotaExceededError) {
    return new LedgerWriteError('quota', { cause });
  }
  if (cause instanceof Dexie.DatabaseClosedError) return new LedgerWriteError('closed', { cause });
  return new LedgerWriteError('failed', { cause });
}
