/**
 * The real `npm start` server (`node src/server/serve.js`) as a child process on a free
 * port, with the limits a test gives it through `SIGNAL_LIMITS`, for the signaling
 * server's tests: they see what an operator sees (is it up, does it serve the app, what
 * did it log) and nothing of its insides.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

export interface ServerUnderTest {
  port: number;
  /** Every line the server printed, stdout and stderr. */
  lines: string[];
  /** The process's exit, once it has exited. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the server; resolves once it says it is serving. */
export async function startServer(limits: Record<string, number> = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const child = spawn(process.execPath, ['src/server/serve.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIGNAL_LIMITS: JSON.stringify(limits) },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const server: ServerUnderTest = {
    port,
    lines: [],
    exited: null,
    async stop() {
      if (server.exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
  };
  const onText = (chunk: Buffer) => server.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      server.exited = { code, signal };
      reject(new Error(`the server exited before serving: ${server.lines.join('\n')}`));
    });
    const check = setInterval(() => {
      if (server.lines.some((l) => l.startsWith('Bastion is served on'))) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  return server;
}

/** What `GET path` answers: its status and whether the body is the app's page. */
export async function getApp(port: number, path = '/'): Promise<{ status: number; isApp: boolean; ms: number }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  const body = await res.text();
  return { status: res.status, isApp: body.includes('<title>堡垒 Bastion</title>'), ms: performance.now() - started };
}

/** Refusal counts by reason summed over the server's refusal lines for `side` (`signaling`, `http`). */
export function refusalsLogged(server: ServerUnderTest, side = 'signaling'): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of server.lines) {
    const m = new RegExp(`^${side}: refused or dropped \\d+ within [\\d.]+ s \\((.*)\\)$`).exec(line);
    if (!m) continue;
    for (const part of m[1]!.split(', ')) {
      const [reason, n] = part.split(' ');
      totals[reason!] = (totals[reason!] ?? 0) + Number(n);
    }
  }
  return totals;
}

/** Waits until the server has logged at least `n` refusals for `reason`. */
export async function waitForLogged(server: ServerUnderTest, reason: string, n = 1, side = 'signaling'): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const seen = refusalsLogged(server, side)[reason] ?? 0;
    if (seen >= n) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server never logged ${n} × ${side} "${reason}"; it printed:\n${server.lines.join('\n')}`);
}
