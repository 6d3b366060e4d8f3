import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/types.ts';
import { rotateDataKeys, sealedStatus, type RotationOptions } from '../modules/keys/rotation.ts';
import { loadSecrets } from '../server/secrets.ts';
import type { CommandResult } from './audit.ts';

/** `xingfu keys generate`: a new 32-byte key in hex, for XINGFU_DATA_KEY or XINGFU_SECRET_KEY. */
export function generateKeyCommand(): CommandResult {
  return { stdout: `${randomBytes(32).toString('hex')}\n`, stderr: '', exitCode: 0 };
}

/** `xingfu keys status`: how many sealed values are under which cipher and key; exit code 1 while any is not current. */
export async function keyStatusCommand(db: Database, config: Config, json: boolean): Promise<CommandResult> {
  const secrets = loadSecrets(config);
  const counts = await sealedStatus(db, secrets);
  const current = counts.every((c) => c.current);
  const stdout = json
    ? `${JSON.stringify({ cipher: secrets.cipher, prefix: secrets.prefix, current, counts })}\n`
    : [
        `Data is written as ${secrets.prefix.slice(0, -1)} (${secrets.cipher}).`,
        ...counts.map((c) => `  ${c.table}.${c.column}: ${c.rows} under ${c.form}${c.current ? '' : '  ← to rotate'}`),
        current
          ? 'Every sealed value is under the current key and cipher: previous data keys can be removed.'
          : 'Some values are under another key or cipher: run `xingfu keys rotate`.',
        '',
      ].join('\n');
  return { stdout, stderr: '', exitCode: current ? 0 : 1 };
}

/** `xingfu keys rotate`: re-encrypts under the configured key and cipher, printing each batch on stderr. */
export async function rotateKeysCommand(db: Database, config: Config, options: RotationOptions & { json?: boolean }): Promise<CommandResult> {
  for (const [flag, value] of [
    ['--batch-size', options.batchSize],
    ['--max-batches', options.maxBatches],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new AppError('validation_failed', { zh: `${flag} 须为正整数`, en: `${flag} must be a positive whole number` });
  }
  const secrets = loadSecrets(config);
  let stderr = '';
  const result = await rotateDataKeys(db, secrets, {
    ...options,
    onBatch: (p) => {
      const line = `${p.table}: ${p.total} re-encrypted\n`;
      if (options.json) stderr += line;
      else process.stderr.write(line);
    },
  });
  const rows = Object.entries(result.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  const stdout = options.json
    ? `${JSON.stringify(result)}\n`
    : `${result.complete ? 'Rotation complete' : 'Rotation stopped; run it again to carry on'}: ${rows} rows re-encrypted as ${result.prefix.slice(0, -1)} in ${result.batches} batches.\n`;
  return { stdout, stderr, exitCode: result.complete ? 0 : 2 };
}
