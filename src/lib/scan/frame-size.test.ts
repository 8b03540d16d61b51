import { describe, expect, it } from 'vitest';
import { fitWithin } from './frame-size';

describe('fitWithin', () => {
  it('scales a 720p frame down to the long side, keeping its shape', () => {
    expect(fitWithin({ width: 1280, height: 720 }, 960)).toEqual({ width: 960, height: 540 });
    expect(fitWithin({ width: 720, height: 1280 }, 640)).toEqual({ width: 360, height: 640 });
  });

  it('never scales up', () => {
    expect(fitWithin({ width: 640, height: 480 }, 960)).toEqual({ width: 640, height: 480 });
  });
});
