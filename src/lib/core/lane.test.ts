import { describe, expect, it } from 'vitest';
import { SerialLane } from './lane';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('SerialLane', () => {
  it('runs tasks one at a time, in the order given, even when an earlier one is slower', async () => {
    const lane = new SerialLane();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`${name}>`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`<${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([lane.run(task('a', 20)), lane.run(task('b', 1)), lane.run(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a>', '<a', 'b>', '<b', 'c>', '<c']);
  });

  it('rejects only the failed task and goes on with the next', async () => {
    const lane = new SerialLane();
    const failed = lane.run(async () => {
      throw new Error('disk full');
    });
    const next = lane.run(() => 'written');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('written');
  });

  it('idle waits for tasks queued by running tasks', async () => {
    const lane = new SerialLane();
    const done: number[] = [];
    void lane.run(async () => {
      await tick();
      done.push(1);
      void lane.run(async () => {
        await tick();
        done.push(2);
      });
    });
    await lane.idle();
    expect(done).toEqual([1, 2]);
  });
});
