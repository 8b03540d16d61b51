/**
 * Whoever reaches the signaling server can publish to a site's room: a stranger (no secret:
 * garbage, another key) and a tablet that holds the secret (well encrypted, ill formed).
 * y-webrtc threw on each of these in every tablet of the room (patches/y-webrtc+*.patch
 * contains them); an uncaught error in a kiosk app is a defect even when sync goes on.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { deriveKey, encryptJson } from '../support/y-webrtc-crypto';
import { DEMO_SITE_ID, demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';

const ROOM = `bastion-${DEMO_SITE_ID}`;
// The demo site's secret is fixed and public (site-lifecycle.svelte.ts): it holds only generated people.
const DEMO_SECRET = 'bastion-demo-site-not-secret';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function tablet(browser: Browser, baseURL: string, staff: string, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  page.on('pageerror', (error) => errors.push(`${staff}: ${error.message}`));
  await openDemoGate(page, staff);
  return page;
}

/** A raw client of the signaling server, subscribed to the demo site's room. */
async function forger(baseURL: string): Promise<{ publish: (data: unknown) => void; close: () => void }> {
  const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/signal`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'subscribe', topics: [ROOM] }));
  return {
    publish: (data) => socket.send(JSON.stringify({ type: 'publish', topic: ROOM, data })),
    close: () => socket.close()
  };
}

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('forged publishes to the room raise no error in any tablet, and the tablets go on syncing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const a = await tablet(browser, baseURL!, '王五', errors);
  const b = await tablet(browser, baseURL!, '赵六', errors);
  for (const page of [a, b]) await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });

  const stranger = await forger(baseURL!);
  const secret = await deriveKey(DEMO_SECRET, ROOM);
  const wrong = await deriveKey('a guess', ROOM);
  const sealed = async (message: unknown, key = secret) => toBase64(await encryptJson(message, key));

  // A stranger: not base64 (atob threw), bytes that are no message ("Unexpected end of
  // array"), another key (OperationError), not a string at all.
  stranger.publish('%%% not base64 %%%');
  stranger.publish(toBase64(new Uint8Array(64).map((_, i) => (i * 37) & 0xff)));
  stranger.publish(toBase64(new Uint8Array([1, 2, 3])));
  stranger.publish(await sealed({ type: 'announce', from: 'stranger' }, wrong));
  stranger.publish({ nested: ['not', 'a', 'string'] });
  // Someone with the secret: messages of the right key and the wrong shape. An answer for a
  // connection that does not exist is what a page closed mid-handshake leaves ("glareToken").
  for (const message of [
    null,
    'a string',
    [1, 2, 3],
    { type: 'signal', from: 'forged-1' },
    { type: 'signal', from: 'forged-2', signal: 'not an object' },
    { type: 'signal', from: 'forged-3', signal: { type: 'answer', sdp: 'v=0' } },
    { type: 'signal', from: 'forged-4', signal: { type: 'offer', sdp: 'garbage' } },
    { type: 'announce' },
    { type: 'announce', from: 42 }
  ]) {
    stranger.publish(await sealed(message));
  }

  // The tablets go on: a scan on A reaches B's tally through the same room (long after the
  // forged messages, a few milliseconds of decryption each, were handled).
  const [alice] = demoRoster().slice(70, 71);
  await wedgeScan(a, demoCode(alice!));
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await expect(b.getByTestId('tally-in')).toContainText('1', { timeout: 20_000 });
  stranger.close();
  expect(errors).toEqual([]);
});

test('announces forged by someone holding the secret do not keep a new tablet out for long', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  const a = await tablet(browser, baseURL!, '王五', errors);
  const stranger = await forger(baseURL!);
  const secret = await deriveKey(DEMO_SECRET, ROOM);
  // More than y-webrtc's most connections (20–34): A begins one to each ghost, none answers.
  for (let i = 0; i < 40; i++) stranger.publish(toBase64(await encryptJson({ type: 'announce', from: `ghost-${i}` }, secret)));

  // B arrives after them; A holds its ghosts until they are given up, then announces itself.
  const b = await tablet(browser, baseURL!, '赵六', errors);
  for (const page of [a, b]) await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 90_000 });
  stranger.close();
  expect(errors).toEqual([]);
});
