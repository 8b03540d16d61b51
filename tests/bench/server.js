/**
 * The benchmark's server: the built app (build/) as `npm start` serves it, the signaling
 * endpoint beside it, and the harness page under /__bench/ on the SAME origin, so that the
 * harness can seed the app's IndexedDB and the app then opens what was seeded.
 *
 * The harness page asked for with `?isolated` is cross-origin isolated (COOP + COEP): there
 * Chromium's performance.now() ticks in 5 µs, where elsewhere it is coarsened to 100 µs, too
 * coarse to time one signature check (~0.1 ms). Only the groups that need it run there.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { attachSignaling } from '../../src/server/signaling.js';

const APP = fileURLToPath(new URL('../../build', import.meta.url));

/**
 * Serves the app and the harness on 127.0.0.1:`port`; resolves with a function that stops it.
 * @param {number} port
 * @param {string} harnessDir
 * @returns {Promise<() => Promise<void>>}
 */
export async function serve(port, harnessDir) {
  const app = sirv(APP, { single: true, dev: true, etag: true });
  const harness = sirv(harnessDir, { dev: true, etag: true });
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/__bench/')) {
      if (new URL(req.url, 'http://bench').searchParams.has('isolated')) {
        res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
        res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      }
      req.url = req.url.slice('/__bench'.length);
      harness(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
    } else app(req, res);
  });
  const closeSignaling = attachSignaling(server);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return () =>
    new Promise((resolve) => {
      closeSignaling?.();
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
