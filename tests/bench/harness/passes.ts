/**
 * Signed passes (issue 12), in this page's real Chromium WebCrypto:
 *
 * - Verify: the gate's `judgePass` of a pass (base45, COSE_Sign1, claims, the trust list's
 *   key, the signature, revocations, dates) beside a bare `crypto.subtle.verify` of the same
 *   Sig_structure bytes with a key imported beforehand, the two alternating (which goes first
 *   alternates too), each timed alone. Goal: ≤ 1.5× the bare verify.
 * - The same judgePass on @noble/ed25519, the fallback of tablets whose Chrome lacks Ed25519.
 * - Issue: one pass as the print screen signs it (`SitePasses.issue`), beside a bare
 *   `crypto.subtle.sign` of its Sig_structure; and a sheet of 24 cards (3 × 8, one A4 page)
 *   signed by the print screen's `PassPrinting.make`.
 *
 * Run on the cross-origin isolated harness page (run.js): one verify is ~0.1 ms, and the
 * timer elsewhere ticks in 100 µs.
 */
import { judgePass, newPassId, PassKeys, signPass, type PassContext, type TrustedKey } from '$lib/gate/passes';
import { detectEd25519, nobleEd25519, type Ed25519 } from '$lib/gate/passes/ed25519';
import { decodeClaims } from '$lib/gate/passes/claims';
import { parseSign1, readPassText, sigStructure } from '$lib/gate/passes/format';
import { importSigningKey } from '$lib/gate/passes/keys';
import { RegistryDb } from '$lib/ledger/registry-db';
import { heldKeys } from '$lib/site/pass-keyring';
import { SitePasses } from '$lib/site/site-passes.svelte';
import { PassPrinting } from '$lib/roster/pass-printing.svelte';
import { planCards } from '$lib/roster/pass-sheet';
import type { Person } from '$lib/core/types';
import { HOLDER_REVOCATION, type Revocation } from '$lib/core/pass-trust-codec';
import { makeRow, median, percentile } from '../rows.js';
import { openTablet } from './peers';
import { benchRoster } from './seed';
import { keyedSite } from './site-passes';
import type { Measured } from './main';

const VERIFIES = 2000;
const NOBLE_VERIFIES = 300;
const WARM_UP = 100;
const ISSUES = 500;
const SHEET = 24;
const SHEETS = 20;
/** Different passes, verified in turn (one person's pass over and over would be no gate). */
const PASSES = 64;

const ALG = 'Ed25519';
// WebCrypto takes bytes over an ArrayBuffer: a copy is one (as ed25519.ts does).
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** `a` and `b` alternately, `runs` times after a warm-up, which first alternating too; each timed alone. */
async function sideBySide(runs: number, a: (i: number) => Promise<boolean>, b: (i: number) => Promise<boolean>) {
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < WARM_UP + runs; i++) {
    const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const which of order) {
      const { ms, value } = await timed(() => (which === 'a' ? a(i) : b(i)));
      if (!value) throw new Error(`passes bench: ${which === 'a' ? 'the measured step' : 'its peer'} failed at run ${i}`);
      if (i >= WARM_UP) times[which].push(ms);
    }
  }
  return times;
}

interface Signed {
  text: string;
  signature: Uint8Array<ArrayBuffer>;
  /** The bytes the signature covers. */
  data: Uint8Array<ArrayBuffer>;
}

function takeApart(text: string): Signed {
  const bytes = readPassText(text);
  if (!bytes.ok) throw new Error(`passes bench: ${bytes.detail}`);
  const sign1 = parseSign1(bytes.value);
  if (!sign1.ok) throw new Error(`passes bench: ${sign1.detail}`);
  return { text, signature: own(sign1.value.signature), data: own(sigStructure(sign1.value.kid, sign1.value.payload)) };
}

/** What SitePasses.judge hands judgePass: the site's revocations (none here), by pass id and by holder. */
function gateContext(siteId: string, keys: PassKeys, now: number): PassContext {
  const revoked = new Map<string, Revocation>();
  const holderRevokedAt = (holder: string) => {
    const r = revoked.get(HOLDER_REVOCATION + holder);
    return r && Math.floor(r.at / 1000);
  };
  return { siteId, keys, revoked: { has: (id) => revoked.has(id), holderRevokedAt }, now };
}

/**
 * judgePass's own steps before the signature, each too short to time one at a time: the
 * median over batches of 50 calls in a row, per call, in µs.
 */
function readingSteps(texts: string[]): Record<'base45' | 'cose' | 'claims' | 'sigStructure', number> {
  const read = texts.map((t) => readPassText(t));
  const sign1s = read.map((r) => (r.ok ? parseSign1(r.value) : null)).map((s) => (s?.ok ? s.value : null));
  if (sign1s.some((s) => s === null)) throw new Error('passes bench: a pass did not read');
  const parts = sign1s as NonNullable<(typeof sign1s)[number]>[];
  const perCall = (step: (i: number) => unknown) => {
    const batches: number[] = [];
    for (let b = 0; b < 60; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) step(b * 50 + i);
      batches.push(((performance.now() - t0) / 50) * 1000);
    }
    return median(batches.slice(10));
  };
  const at = (i: number) => i % texts.length;
  return {
    base45: perCall((i) => readPassText(texts[at(i)]!)),
    cose: perCall((i) => parseSign1((read[at(i)] as { value: Uint8Array }).value)),
    claims: perCall((i) => decodeClaims(parts[at(i)]!.payload)),
    sigStructure: perCall((i) => sigStructure(parts[at(i)]!.kid, parts[at(i)]!.payload))
  };
}

const fmt = (xs: number[]) => `${median(xs).toFixed(3)}/${percentile(xs, 95).toFixed(3)} ms`;

export async function measurePasses(): Promise<Measured> {
  const ed: Ed25519 = await detectEd25519();
  const { site, certify } = await keyedSite('benchpasses');
  const tablet = await openTablet(site, 'bench-passes');
  const registry = new RegistryDb();
  try {
    await certify(tablet.ledger);
    const passes = await SitePasses.load(tablet.ledger, registry, site);
    const trusted: TrustedKey[] = [...passes.trusted];
    const people: Person[] = benchRoster().filter((_, i) => i % 613 === 0);
    const now = Date.now();
    const requests = planCards(people, 'person', now, 30).map((c) => c.request);
    const signed: Signed[] = [];
    for (let i = 0; i < PASSES; i++) signed.push(takeApart((await passes.issue(requests[i % requests.length]!, now)).text));
    const pass = (i: number) => signed[i % signed.length]!;

    // Verify: the gate's judgePass beside a bare WebCrypto verify with the key already imported.
    const keys = new PassKeys(trusted);
    const ctx = gateContext(site.id, keys, now);
    const publicKey = await crypto.subtle.importKey('raw', own(trusted[0]!.publicKey), ALG, false, ['verify']);
    const verify = await sideBySide(
      VERIFIES,
      async (i) => (await judgePass(pass(i).text, ctx)).kind === 'valid',
      (i) => crypto.subtle.verify(ALG, publicKey, pass(i).signature, pass(i).data)
    );
    const steps = readingSteps(signed.map((p) => p.text));

    // The noble fallback, beside the same judgePass on WebCrypto.
    const nobleCtx = gateContext(site.id, new PassKeys(trusted, nobleEd25519), now);
    const noble = await sideBySide(
      NOBLE_VERIFIES,
      async (i) => (await judgePass(pass(i).text, nobleCtx)).kind === 'valid',
      async (i) => (await judgePass(pass(i).text, ctx)).kind === 'valid'
    );

    // Issue: one pass as the print screen signs it, beside a bare sign of its Sig_structure.
    const held = (await heldKeys(registry, site.id))[0]!;
    const privateKey = await crypto.subtle.importKey('pkcs8', own(held.privateKey), ALG, false, ['sign']);
    const issue = await sideBySide(
      ISSUES,
      async (i) => (await passes.issue(requests[i % requests.length]!)).text.startsWith('BP1:'),
      async (i) => (await crypto.subtle.sign(ALG, privateKey, pass(i).data)).byteLength === 64
    );

    // A sheet of 24 cards, as the print screen's "make passes" signs it: WebCrypto, and noble.
    const nobleKey = await importSigningKey(held, nobleEd25519);
    const nobleIssue = async (request: (typeof requests)[number]) => {
      const claims = { ...request, siteId: site.id, passId: newPassId(), issuedAt: Math.floor(Date.now() / 1000) };
      return { text: await signPass(claims, nobleKey), claims };
    };
    const sheet = people.slice(0, SHEET);
    const sheets = { webcrypto: [] as number[], noble: [] as number[] };
    for (let i = 0; i < SHEETS + 1; i++) {
      for (const [which, issuer] of [['webcrypto', (r: (typeof requests)[number]) => passes.issue(r)], ['noble', nobleIssue]] as const) {
        const printing = new PassPrinting(issuer);
        const { ms } = await timed(() => printing.make(sheet, String));
        if (printing.cards.length !== SHEET) throw new Error(`passes bench: a sheet of ${printing.cards.length} cards (${printing.problem})`);
        if (i > 0) sheets[which].push(ms);
      }
    }

    const isolated = globalThis.crossOriginIsolated;
    return {
      rows: [
        ...[50, 95].map((p) =>
          makeRow({ name: `pass verify at the gate (judgePass, WebCrypto), p${p}; peer bare crypto.subtle.verify, key imported`, value: percentile(verify.a, p), unit: 'ms', floor: percentile(verify.b, p), goal: '≤ 1.5× bare verify', meets: (_, r) => r !== null && r <= 1.5 })
        ),
        makeRow({ name: 'pass verify, @noble/ed25519 fallback (older Chrome), judgePass p50; peer judgePass on WebCrypto', value: median(noble.a), unit: 'ms', floor: median(noble.b) }),
        makeRow({ name: 'pass issue, one pass (SitePasses.issue), p50; peer bare crypto.subtle.sign', value: median(issue.a), unit: 'ms', floor: median(issue.b) }),
        makeRow({ name: `pass sheet of ${SHEET} cards signed (print screen's make passes), p50; peer the same on noble`, value: median(sheets.webcrypto), unit: 'ms', floor: median(sheets.noble) })
      ],
      notes: [
        `passes: Ed25519 from ${ed.name}${ed.fallbackBecause ? ` (${ed.fallbackBecause})` : ''}; ${isolated ? 'cross-origin isolated page (5 µs timer)' : 'NOT cross-origin isolated: the timer ticks in 100 µs, per-verify times are coarse'}; a pass is ${signed[0]!.text.length} characters`,
        `pass verify p50/p95 over ${VERIFIES}: judgePass ${fmt(verify.a)}, bare crypto.subtle.verify ${fmt(verify.b)}; judgePass's steps before the signature, per call: base45 ${steps.base45.toFixed(1)} µs, COSE_Sign1 ${steps.cose.toFixed(1)} µs, claims ${steps.claims.toFixed(1)} µs, Sig_structure ${steps.sigStructure.toFixed(1)} µs; noble fallback over ${NOBLE_VERIFIES}: judgePass ${fmt(noble.a)} (WebCrypto beside it ${fmt(noble.b)})`,
        `pass issue p50/p95 over ${ISSUES}: SitePasses.issue ${fmt(issue.a)}, bare crypto.subtle.sign ${fmt(issue.b)}; a ${SHEET}-card sheet p50/p95 over ${SHEETS}: WebCrypto ${fmt(sheets.webcrypto)}, noble ${fmt(sheets.noble)}`
      ]
    };
  } finally {
    registry.close();
    tablet.close();
  }
}
