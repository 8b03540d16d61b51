/**
 * Sound and vibration for a verdict, so the duty person need not look at the screen:
 * one high beep for green, two for amber, a low buzz for red. Generated with WebAudio
 * (no audio files to cache); silently skipped where the browser has no audio or vibration.
 */
export type Tone = 'accepted' | 'duplicate' | 'refused';

let audio: AudioContext | undefined;

function beep(ctx: AudioContext, start: number, freq: number, ms: number, type: OscillatorType) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.25, ctx.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + ms / 1000);
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + start);
  osc.stop(ctx.currentTime + start + ms / 1000);
}

export function signal(tone: Tone): void {
  const pattern = { accepted: [80], duplicate: [60, 80, 60], refused: [300] }[tone];
  globalThis.navigator?.vibrate?.(pattern);
  if (typeof AudioContext === 'undefined') return; // no WebAudio here (unit tests run in Node)
  try {
    audio ??= new AudioContext();
    if (tone === 'accepted') beep(audio, 0, 1320, 120, 'sine');
    else if (tone === 'duplicate') {
      beep(audio, 0, 880, 90, 'sine');
      beep(audio, 0.15, 880, 90, 'sine');
    } else beep(audio, 0, 220, 350, 'square');
  } catch (e) {
    // No audio device (a kiosk with sound off): the screen and vibration still say it.
    console.debug('no audio feedback', e);
  }
}
