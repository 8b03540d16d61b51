// Serves the built PWA (build/) and a y-webrtc signaling endpoint (/signal) on one port. A plain static server, not `vite preview`:
// preview serves .svelte-kit/output, where /index.html is missing and the service worker
// cannot install. Unknown paths fall back to index.html so deep links work.
// `SIGNAL_LIMITS` may hold a JSON object overriding the limits of limits.js (README,
// "Sync between tablets"); a bad one stops the server at start.
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { createGuardedServer } from './http-guard.js';
import { LimitsError, limitsFromEnv } from './limits.js';
import { attachSignaling } from './signaling.js';

const root = fileURLToPath(new URL('../../build', import.meta.url));
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const limits = readLimits();

/** The limits, or a one-line reason and exit: a mistyped limit must not be ignored. */
function readLimits() {
  try {
    return limitsFromEnv(process.env.SIGNAL_LIMITS);
  } catch (err) {
    if (!(err instanceof LimitsError)) throw err;
    console.error(`Bastion is not served: ${err.message}`);
    process.exit(1);
  }
}

const assets = sirv(root, {
  single: true,
  // Look files up on every request rather than once at start: a rebuild then never leaves
  // the server answering with the previous build's hashed file names. The service worker
  // caches the app on the tablet, so the server's own speed hardly matters.
  dev: true,
  etag: true,
  setHeaders(res, pathname) {
    // The service worker and its manifest must never be served stale, or updates stall.
    if (pathname === '/sw.js' || pathname.endsWith('.webmanifest') || pathname === '/index.html') {
      res.setHeader('Cache-Control', 'no-cache');
    }
  }
});

const log = (/** @type {string} */ line) => console.warn(line);
const server = createGuardedServer((req, res) => assets(req, res), limits, log);
attachSignaling(server, { ...limits, log });
server.listen(port, host, () => {
  console.log(`Bastion is served on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});
