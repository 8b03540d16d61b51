/**
 * Keeps the screen on while a scan screen is open (a gate tablet that dims mid-queue
 * costs seconds per person). The lock is dropped by the browser whenever the page is
 * hidden, so it is taken again when the page comes back.
 */
export function keepAwake(): () => void {
  if (!('wakeLock' in navigator)) return () => {};
  let lock: WakeLockSentinel | null = null;
  let released = false;
  const take = async () => {
    if (released || document.visibilityState !== 'visible') return;
    try {
      lock = await navigator.wakeLock.request('screen');
    } catch (e) {
      // Refused (battery saver, no user gesture yet): the screen may dim; nothing else changes.
      console.debug('wake lock refused', e);
    }
  };
  const onVisible = () => void take();
  document.addEventListener('visibilitychange', onVisible);
  void take();
  return () => {
    released = true;
    document.removeEventListener('visibilitychange', onVisible);
    void lock?.release();
  };
}
