import { loadConfig } from '../config.ts';
import { clockFor, setClock } from '../core/clock.ts';
import { openDatabase } from '../db/index.ts';
import { deleteIdleSessions, deleteStaleCounters } from '../modules/auth/queries.ts';
import { workerName } from '../modules/jobs/queue.ts';
import { runPendingImports } from '../modules/registry/jobs.ts';
import { seedDemo } from '../seed/demo.ts';
import { buildApp } from '../server/app.ts';
import { loadSecretKey, loadSecrets } from '../server/secrets.ts';
import { deriveAuditKeys, useAuditKey } from '../modules/audit/anchor.ts';
import { CheckpointWriter } from '../modules/audit/checkpoints.ts';
import { usePortalKey } from '../modules/portal/signing.ts';

/** Starts the web app and the API in this process. */
export async function serve(options: { demo?: boolean; port?: number }): Promise<void> {
  const config = loadConfig(process.env, {
    ...(options.demo ? { demo: true } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  setClock(clockFor(config));
  const secretKey = loadSecretKey(config);
  const secrets = loadSecrets(config);
  useAuditKey(secretKey);
  usePortalKey(secretKey);
  const db = await openDatabase(config, 'xingfu serve');
  if (config.demo) await seedDemo(db, secrets);
  const app = await buildApp({ config, db, secrets });
  // The audit chains' checkpoints: at start, at every sweep if a chain grew, and at shutdown.
  const writer = new CheckpointWriter(db, deriveAuditKeys(secretKey), config.auditCheckpointPath);
  const checkpoint = () =>
    writer.run({ onlyIfChanged: true }).then(
      (run) => {
        for (const r of run.broken)
          app.log.error({ district: r.district, firstBroken: r.firstBroken }, 'audit chain broken since its last checkpoint; none written');
      },
      (err: unknown) => app.log.error({ err }, 'audit checkpoint failed'),
    );
  const worker = workerName('serve');
  const resumeImports = () => runPendingImports(db, secrets, worker, app.log).catch((err: unknown) => app.log.error({ err }, 'import worker failed'));
  const sweep = setInterval(() => {
    deleteIdleSessions(db, config.sessionLifetimeHours).catch((err: unknown) => app.log.warn({ err }, 'idle session sweep failed'));
    deleteStaleCounters(db).catch((err: unknown) => app.log.warn({ err }, 'sign-in counter sweep failed'));
    void resumeImports();
    void checkpoint();
  }, 5 * 60_000);
  sweep.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    await app.close();
    await checkpoint();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await db.close();
    throw err;
  }
  // Imports interrupted by a crash or a restart resume from their last committed chunk.
  void resumeImports();
  void checkpoint();
  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
  app.log.info(`Xingfu 幸福 listening on http://localhost:${config.port} (${where}${config.demo ? ', demo district' : ''})`);
}
