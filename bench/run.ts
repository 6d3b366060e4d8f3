/**
 * `npm run bench [-- postgres|embedded]`: the registry bench, then the benefits bench, then the
 * coordination bench, then the load bench, then the portal bench, each given the same arguments (and environment), one after the other; stops
 * at the first that fails.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const script of ['registry.ts', 'benefits.ts', 'coordination.ts', 'load.ts', 'portal.ts']) {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const { status, signal } = spawnSync(process.execPath, [...process.execArgv, file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? (signal ? 1 : 0));
}
