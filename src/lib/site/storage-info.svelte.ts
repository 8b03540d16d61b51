/** How much of the tablet's storage the app uses, for the settings screen. */
export class StorageInfo {
  #estimate = $state<{ used: string; quota: string } | null>(null);

  constructor() {
    void this.refresh();
  }

  get estimate() {
    return this.#estimate;
  }

  async refresh() {
    const e = await navigator.storage?.estimate?.();
    if (!e) return;
    const mb = (n: number | undefined) => `${((n ?? 0) / 1024 / 1024).toFixed(1)} MB`;
    this.#estimate = { used: mb(e.usage), quota: mb(e.quota) };
  }
}
