/**
 * The integrity check on a schedule inside the server (XINGFU_PORTAL_CHECK_URL, every
 * XINGFU_PORTAL_CHECK_MINUTES): one run at a time, recorded for the office and the audit log,
 * an error line in the log for every run that finds something. The timer never keeps the process
 * alive, and stopping aborts the run under way.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/types.ts';
import { runPortalCheck, type CheckRequest } from './checkRun.ts';

export interface PortalCheckSchedule {
  /** Runs one check now unless one is under way (then resolves when that one ends). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The first run comes this soon after start (or after one interval, if shorter). */
const FIRST_RUN_MS = 60_000;

export function schedulePortalChecks(
  db: Database,
  config: Config,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  overrides: Partial<Pick<CheckRequest, 'fetchImpl' | 'userAgents' | 'timeoutMs'>> = {},
): PortalCheckSchedule | null {
  const publicUrl = config.portal.checkUrl;
  if (publicUrl === null) return null;
  const everyMs = config.portal.checkMinutes * 60_000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const abort = new AbortController();

  const runOnce = async () => {
    try {
      const result = await runPortalCheck(db, config, { publicUrl, source: 'schedule', signal: abort.signal, ...overrides });
      if (result.findings.length > 0)
        log.error(
          { publicUrl, checked: result.checked, findings: result.findings.length, kinds: [...new Set(result.findings.map((f) => f.kind))] },
          `portal integrity check of ${publicUrl}: ${result.findings.length} findings`,
        );
      else log.info({ publicUrl, checked: result.checked }, 'portal integrity check: no findings');
    } catch (err) {
      if (!stopped) log.error({ err, publicUrl }, 'portal integrity check failed to run');
    }
  };
  const runNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };
  const first = setTimeout(() => void runNow(), Math.min(FIRST_RUN_MS, everyMs));
  const timer = setInterval(() => void runNow(), everyMs);
  first.unref();
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      abort.abort();
      await running;
    },
  };
}
