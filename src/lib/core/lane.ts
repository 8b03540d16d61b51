/**
 * A serial lane: tasks run one after the other, in the order they were given, each starting
 * only once the one before it has settled. The ledger's writes, a sync peer's receives and
 * a station's scans each run in one, so what a task judged is still the state it acts on
 * (two quick wedge scans can never both see a tube of ten with one place left).
 *
 * A failed task rejects its own promise and never the lane: the next task still runs.
 */
export class SerialLane {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task given before it; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every task given so far, and any they gave in turn, has settled. */
  async idle(): Promise<void> {
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return;
    }
  }
}
