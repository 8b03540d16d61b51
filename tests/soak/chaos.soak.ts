/**
 * The chaos soak: SOAK_SEEDS seeded runs of SOAK_TABLETS tablets on one site (chaos-run.ts),
 * each through the signaling server of `npm start` and a second one of the soak's own, so
 * that a partition is real. Prints each seed's figures and the totals; fails if any seed
 * lost an acknowledged scan, did not converge, or could not be carried out.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { attachSignaling } from '../../src/server/signaling.js';
import { chaosRun, type ChaosResult } from './chaos-run';
import { params, say } from './params';

const PORT = Number(process.env.PORT);
// Beside the app's own port: the soak's ports are PORT and the ones after it.
const PORT2 = PORT + 1;

test('chaos soak: tablets paused, reloaded, closed, killed, partitioned and healed converge with nothing lost', async () => {
  test.setTimeout(10 * 60_000 + params.seeds * (5 * 60_000 + params.actions * 30_000));
  const second = http.createServer((_req, res) => res.writeHead(404).end());
  attachSignaling(second);
  await new Promise<void>((resolve) => second.listen(PORT2, '127.0.0.1', resolve));
  const servers = { S1: `ws://127.0.0.1:${PORT}/signal`, S2: `ws://127.0.0.1:${PORT2}/signal` };
  const results: ChaosResult[] = [];
  const started = Date.now();
  say(`chaos: ${params.seeds} seeds from ${params.seed}, ${params.tablets} tablets, ${params.actions} steps each`);
  try {
    for (let i = 0; i < params.seeds; i++) {
      const seedStart = Date.now();
      const r = await chaosRun(params.seed + i, { tablets: params.tablets, actions: params.actions, servers, openMs: params.openMs, convergeMs: params.convergeMs });
      results.push(r);
      const converged = r.convergeMs === null ? 'did NOT converge' : `converged in ${(r.convergeMs / 1000).toFixed(1)} s`;
      say(`chaos seed ${r.seed}: ${r.steps} steps, ${r.accepted + r.amber} scans acknowledged (${r.accepted} green, ${r.amber} amber), ${r.lost.length} lost, ${converged}; ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);
      for (const line of [...r.lost, ...r.problems]) say(`chaos seed ${r.seed}: PROBLEM ${line}`);
      for (const line of r.notes) say(`chaos seed ${r.seed}: note: ${line}`);
    }
  } finally {
    second.closeAllConnections();
    await new Promise((resolve) => second.close(resolve));
  }
  const converged = results.filter((r) => r.convergeMs !== null).map((r) => r.convergeMs!).sort((a, b) => a - b);
  const sum = (f: (r: ChaosResult) => number) => results.reduce((n, r) => n + f(r), 0);
  say(
    `chaos figures: ${results.length} seeds, ${sum((r) => r.steps)} steps, ${sum((r) => r.accepted + r.amber)} scans acknowledged, ${sum((r) => r.lost.length)} lost; ` +
      `${converged.length}/${results.length} converged, median ${((converged[converged.length >> 1] ?? NaN) / 1000).toFixed(1)} s, slowest ${((converged.at(-1) ?? NaN) / 1000).toFixed(1)} s; ` +
      `${((Date.now() - started) / 60_000).toFixed(1)} min in all`
  );
  expect(results.flatMap((r) => r.lost), 'acknowledged scans missing on a tablet').toEqual([]);
  expect(results.flatMap((r) => r.problems), 'seeds that did not converge or could not be carried out').toEqual([]);
});
