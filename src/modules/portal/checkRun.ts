/**
 * One run of the integrity check, as the command and the server's schedule make it: the manifest
 * from this installation's database (the approved pages as it renders them) or from the origin's
 * signed manifest, the check of the public address, and the run and its findings recorded for the
 * office and the audit log when there is a database to record them in.
 */
import type { Config } from '../../config.ts';
import type { SignedManifest } from '../../core/portal/manifest.ts';
import { districtCodes } from '../org/queries.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { checkPortal, type CheckResult } from './check.ts';
import { browser, get, type Fetch, type Visitor } from './checkFetch.ts';
import { manifestFromOrigin } from './checkManifest.ts';
import { recordFindings } from './integrity.ts';
import { insertCheckRun } from './integrityQueries.ts';
import { currentSigner } from './signing.ts';
import { createPortalSite, listPublicPages } from './publicPages.ts';
import { portalReader } from './snapshot.ts';

type Log = Parameters<typeof createPortalSite>[2];

export interface CheckRequest {
  publicUrl: string;
  /** Compare with the manifest this origin publishes (verified with `publicKey`) instead of the database's pages. */
  origin?: string;
  /** The portal's public key (base64); this installation's when not given. */
  publicKey?: string;
  source: 'cli' | 'schedule';
  userAgents?: readonly Visitor[];
  fetchImpl?: Fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The origin's own page, read directly (not through the public address), for the words of a difference. */
function originReader(origin: string, fetchImpl: Fetch, timeoutMs: number): (url: string) => Promise<string | null> {
  const kept = new Map<string, Promise<string | null>>();
  return (url) => {
    const reading =
      kept.get(url) ??
      get(fetchImpl, new URL(url, origin).href, browser, timeoutMs).then((got) => (got.ok && got.status === 200 ? got.body.toString('utf8') : null));
    kept.set(url, reading);
    return reading;
  };
}

/** The approved pages as this installation renders them: their manifest, and each page's bytes for the words of a difference. */
async function localOrigin(db: Database, config: Config, log: Log): Promise<{ manifest: SignedManifest; page: (url: string) => Promise<string | null> }> {
  const site = createPortalSite(db, config, log);
  const manifest = await site.manifest(listPublicPages);
  const page = async (url: string) => {
    const { pathname, searchParams } = new URL(url, 'http://portal.invalid');
    const script = searchParams.get('script') === 'hant' ? 'hant' : 'hans';
    searchParams.delete('script');
    return (await site.page(pathname, script, searchParams)).html;
  };
  return { manifest, page };
}

/** The district the findings belong to: the manifest's when the database holds it, else the database's only one. */
async function districtOf(db: Database, manifest: SignedManifest | null): Promise<string | null> {
  const codes = await districtCodes(db);
  if (manifest !== null && codes.includes(manifest.district)) return manifest.district;
  return codes.length === 1 ? (codes[0] as string) : null;
}

async function record(db: Database, manifest: SignedManifest | null, request: CheckRequest, startedAt: Date, result: CheckResult): Promise<void> {
  const district = await districtOf(db, manifest);
  if (district === null) return;
  const actor = portalReader(district);
  const run = await withScope(db, actor, (tx) =>
    insertCheckRun(tx, district, {
      source: request.source,
      publicUrl: request.publicUrl.slice(0, 2000),
      startedAt,
      finishedAt: new Date(), // real clock: when the check ended
      checked: result.checked,
      findings: result.findings.length,
    }),
  );
  await recordFindings(db, actor, 'check', run, result.findings);
}

const stderrLog: Log = {
  warn: (obj: unknown, msg?: string) => void process.stderr.write(`${msg ?? JSON.stringify(obj)}\n`),
  error: (obj: unknown, msg?: string) => void process.stderr.write(`${msg ?? JSON.stringify(obj)}\n`),
} as Log;

/** Checks the public address and records the run (when `db` is given); the findings in the order found. */
export async function runPortalCheck(db: Database | null, config: Config, request: CheckRequest, log: Log = stderrLog): Promise<CheckResult> {
  const startedAt = new Date(); // real clock: when the check began
  const fetchImpl = request.fetchImpl ?? fetch;
  const timeoutMs = request.timeoutMs ?? 10_000;
  let origin: { manifest: SignedManifest; page: (url: string) => Promise<string | null> };
  if (request.origin !== undefined) {
    const got = await manifestFromOrigin(request.origin, request.publicKey ?? currentSigner().publicKey, fetchImpl, timeoutMs);
    if ('finding' in got) {
      const result = { checked: 0, findings: [got.finding] };
      if (db !== null) await record(db, null, request, startedAt, result);
      return result;
    }
    origin = { manifest: got.manifest, page: originReader(request.origin, fetchImpl, timeoutMs) };
  } else {
    if (db === null) throw new Error('the check needs the database or --origin');
    origin = await localOrigin(db, config, log);
  }
  const result = await checkPortal({
    publicUrl: request.publicUrl,
    manifest: origin.manifest,
    fetchImpl,
    timeoutMs,
    originPage: origin.page,
    ...(request.userAgents ? { userAgents: request.userAgents } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  // A run stopped part-way (the server shutting down) records nothing: its unanswered requests are not findings.
  request.signal?.throwIfAborted();
  if (db !== null) await record(db, origin.manifest, request, startedAt, result);
  return result;
}
