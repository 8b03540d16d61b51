/**
 * What can go wrong with a camera, as a closed set of values the screen can explain
 * (allow the camera, plug one in, close the other app, open the app over https) instead
 * of exceptions. Mapped from the DOMException names getUserMedia rejects with.
 */

/** Why the camera is not scanning. */
export type CameraError = {
  /** `stopped`: it was scanning and then stopped (unplugged, taken away, decoder crashed). */
  kind: 'denied' | 'absent' | 'in-use' | 'insecure' | 'failed' | 'stopped';
  /** The browser's own name and message, for the log; never shown as the explanation. */
  detail?: string;
};

const KIND_BY_NAME: Record<string, CameraError['kind']> = {
  NotAllowedError: 'denied',
  SecurityError: 'denied',
  PermissionDeniedError: 'denied', // old Chrome
  NotFoundError: 'absent',
  DevicesNotFoundError: 'absent', // old Chrome
  OverconstrainedError: 'absent',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use', // old Chrome
  AbortError: 'in-use'
};

/** Maps anything getUserMedia or a decoder threw to a `CameraError`. Never throws. */
export function toCameraError(error: unknown): CameraError {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const { name } = error as { name: unknown; message?: unknown };
    const message = (error as { message?: unknown }).message;
    const detail = `${String(name)}${typeof message === 'string' && message ? `: ${message}` : ''}`;
    return { kind: (typeof name === 'string' && KIND_BY_NAME[name]) || 'failed', detail };
  }
  return { kind: 'failed', detail: String(error) };
}
