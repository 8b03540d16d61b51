import { describe, expect, it } from 'vitest';
import { FramePacer } from './frame-pacer';

describe('FramePacer', () => {
  it('allows the first grab at once, then one per interval', () => {
    const pacer = new FramePacer(120);
    expect(pacer.tryGrab(1000)).toBe(true);
    pacer.release();
    expect(pacer.wait(1050)).toBe(70);
    expect(pacer.tryGrab(1050)).toBe(false);
    expect(pacer.tryGrab(1120)).toBe(true);
  });

  it('never grabs while a frame is being decoded, however long that takes (frames are dropped, not queued)', () => {
    const pacer = new FramePacer(120);
    pacer.tryGrab(0);
    expect(pacer.busy).toBe(true);
    expect(pacer.wait(5000)).toBe(Infinity);
    expect(pacer.tryGrab(5000)).toBe(false);
    pacer.release();
    // A slow decode already used up the interval: the next frame follows at once, just one.
    expect(pacer.tryGrab(5000)).toBe(true);
    expect(pacer.tryGrab(5001)).toBe(false);
  });

  it('a clock that runs backwards allows a grab rather than stalling the camera', () => {
    const pacer = new FramePacer(120);
    pacer.tryGrab(10_000);
    pacer.release();
    expect(pacer.wait(5_000)).toBe(0);
    expect(pacer.tryGrab(5_000)).toBe(true);
  });
});
