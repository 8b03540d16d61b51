import { describe, expect, it } from 'vitest';
import { fitWithin, toLuminance } from './luminance';

describe('toLuminance', () => {
  it('weights green most, as ZXing does, and counts transparent pixels as white', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 0, 0]);
    expect(Array.from(toLuminance(rgba))).toEqual([255, 0, 150, 76, 255]);
  });
});

describe('fitWithin', () => {
  it('scales a 720p frame down to the long side, keeping its shape', () => {
    expect(fitWithin({ width: 1280, height: 720 }, 960)).toEqual({ width: 960, height: 540 });
    expect(fitWithin({ width: 720, height: 1280 }, 640)).toEqual({ width: 360, height: 640 });
  });

  it('never scales up', () => {
    expect(fitWithin({ width: 640, height: 480 }, 960)).toEqual({ width: 640, height: 480 });
  });
});
