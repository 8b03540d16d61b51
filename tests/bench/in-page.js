/**
 * Functions the runner sends into the app's page (each is serialised by Playwright, so each
 * stands alone: no imports, no closures).
 */

/**
 * Installed before the app's own scripts, so this keydown listener runs before the app's:
 * it notes when each Enter arrives, and when the gate screen first shows it is ready to scan.
 */
export function instrument() {
  const enters = /** @type {number[]} */ ([]);
  window.addEventListener('keydown', (e) => e.key === 'Enter' && enters.push(performance.now()), { capture: true });
  const ready = new Promise((resolve) => {
    const seen = () => document.querySelector('[data-testid="verdict"][data-kind="ready"]');
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      const dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() }));
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
  // Each crypto.subtle.verify the page makes (a signed pass's check): when it was called and
  // how long until its answer was back on the main thread.
  const verifies = /** @type {{ at: number, ms: number }[]} */ ([]);
  const verify = crypto.subtle.verify.bind(crypto.subtle);
  crypto.subtle.verify = (...args) => {
    const at = performance.now();
    return verify(...args).then((ok) => {
      verifies.push({ at, ms: performance.now() - at });
      return ok;
    });
  };
  window.__bench = { enters, verifies, ready: /** @type {Promise<{ dom: number, frame: number }>} */ (ready) };
}

/**
 * Arms a wait for the verdict that names `expected` (masked name and address) on the gate
 * screen; the promise is left on window for `verdictTimes` to collect.
 * @param {{ name: string, address: string }} expected
 */
export function armVerdict(expected) {
  const bench = /** @type {NonNullable<Window['__bench']>} */ (window.__bench);
  const panel = /** @type {Element} */ (document.querySelector('[data-testid="verdict"]'));
  const entersBefore = bench.enters.length;
  bench.pending = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no verdict for ${expected.name} ${expected.address}`));
    }, 30_000);
    const observer = new MutationObserver(() => {
      const text = panel.textContent ?? '';
      if (!text.includes(expected.name) || !text.includes(expected.address)) return;
      const dom = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      const enter = /** @type {number} */ (bench.enters[entersBefore] ?? bench.enters.at(-1));
      const kind = panel.getAttribute('data-kind') ?? '';
      const verify = bench.verifies.find((v) => v.at >= enter && v.at <= dom);
      requestAnimationFrame(() => resolve({ enter, dom, frame: performance.now(), kind, ...(verify ? { verify } : {}) }));
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** The armed verdict's times. */
export function verdictTimes() {
  return /** @type {Promise<BenchVerdict>} */ (window.__bench?.pending);
}

/**
 * The floor of a scan: one bare put of `row` into an IndexedDB store of its own, in a
 * strict-durability transaction (what the ledger's write needs at the least). Returns ms.
 * @param {object} row
 */
export function floorPut(row) {
  const bench = /** @type {NonNullable<Window['__bench']>} */ (window.__bench);
  /** @param {IDBDatabase} db */
  const put = (db) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const tx = db.transaction('rows', 'readwrite', { durability: 'strict' });
      tx.objectStore('rows').put(row);
      tx.oncomplete = () => resolve(performance.now() - t0);
      tx.onerror = () => reject(tx.error);
    });
  if (bench.floorDb) return put(bench.floorDb);
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-floor', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('rows', { keyPath: 'id' });
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      bench.floorDb = request.result;
      resolve(put(request.result));
    };
  });
}

/**
 * How many of `subjects` have an entry recorded at or after `since` (epoch ms) in the site's
 * database: the scans that were not lost.
 * @param {{ dbName: string, subjects: string[], since: number }} args
 */
export function countRecorded({ dbName, subjects, since }) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('entries', 'readonly');
      const read = tx.objectStore('entries').index('[subject+at]');
      const wanted = new Set(subjects);
      let found = 0;
      for (const subject of wanted) {
        read.count(IDBKeyRange.bound([subject, since], [subject, Infinity])).onsuccess = (e) => {
          if (/** @type {IDBRequest<number>} */ (e.target).result > 0) found++;
        };
      }
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        db.close();
        resolve(found);
      };
    };
  });
}
