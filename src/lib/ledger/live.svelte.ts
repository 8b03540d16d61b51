/**
 * A Dexie live query as a rune: `current`, `isLoading`, `error`. The query re-runs whenever
 * the tables it read change, in this tab or another one of the same tablet.
 */
import { liveQuery, type Subscription } from 'dexie';

export class Live<T> {
  #current = $state<T | undefined>(undefined);
  #isLoading = $state(true);
  #error = $state<unknown>(null);
  #sub: Subscription;

  constructor(query: () => Promise<T>) {
    this.#sub = liveQuery(query).subscribe({
      next: (value) => {
        this.#current = value;
        this.#isLoading = false;
        this.#error = null;
      },
      error: (e) => {
        this.#error = e;
        this.#isLoading = false;
      }
    });
  }

  get current() {
    return this.#current;
  }
  get isLoading() {
    return this.#isLoading;
  }
  get error() {
    return this.#error;
  }

  destroy() {
    this.#sub.unsubscribe();
  }
}
