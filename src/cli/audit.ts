import type { Config } from '../config.ts';
import type { Queryable } from '../db/types.ts';
import { deriveAuditKeys } from '../modules/audit/anchor.ts';
import { CheckpointWriter, readCheckpoints, verifyAllChains } from '../modules/audit/checkpoints.ts';
import type { BreakReason, ChainReport } from '../modules/audit/service.ts';
import { loadSecretKey } from '../server/secrets.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const why: Record<BreakReason, string> = {
  gap: 'an entry is missing',
  link: 'its link to the previous entry is broken',
  hash: 'it does not match its hash',
  seal: 'its seal is missing or wrong (rewritten without the key)',
  head: 'its hash is not the head the checkpoint recorded',
  truncated: 'the chain ends before the checkpoint',
};

function describe(r: ChainReport): string {
  const against = r.checkpoint ? `; checkpoint of ${r.checkpoint.at}: ${r.checkpoint.seq} entries` : '; no checkpoint';
  if (r.ok) return `${r.district}: OK, ${r.checked} entries${against}\n`;
  const broken = r.firstBroken;
  if (broken?.reason === 'truncated') {
    return `${r.district}: BROKEN (truncated): the chain has ${r.checked} entries, its checkpoint of ${r.checkpoint?.at} has ${r.checkpoint?.seq}\n`;
  }
  return `${r.district}: BROKEN at entry ${broken?.seq} (${broken?.reason}: ${broken ? why[broken.reason] : ''}); ${r.checked} entries before it are intact${against}\n`;
}

/**
 * `xingfu audit verify`: every district's chain — links, hashes and seals — held against every
 * checkpoint of the checkpoint file; exit code 1 when a chain or a line of the file is broken.
 */
export async function auditVerifyCommand(db: Queryable, config: Config, json: boolean): Promise<CommandResult> {
  const keys = deriveAuditKeys(loadSecretKey(config));
  const file = readCheckpoints(config.auditCheckpointPath, keys);
  const reports = await verifyAllChains(db, keys, file);
  const unanchored =
    file.checkpoints.length === 0 && file.problems.length === 0 ? `No checkpoint in ${file.path}: the chains are checked against themselves only.\n` : '';
  let stderr = '';
  for (const p of file.problems) {
    stderr += `${file.path} line ${p.line}: ${p.problem === 'signature' ? 'the signature does not match (the line was changed)' : 'not a checkpoint'}\n`;
  }
  const stdout = json ? `${JSON.stringify(reports)}\n` : unanchored + reports.map(describe).join('');
  const exitCode = reports.some((r) => !r.ok) || file.problems.length > 0 ? 1 : 0;
  return { stdout, stderr, exitCode };
}

/**
 * `xingfu audit checkpoint`: checks each chain from its latest checkpoint on, appends a new signed
 * checkpoint of it to the file and prints the lines, for an operator to keep elsewhere too.
 */
export async function auditCheckpointCommand(db: Queryable, config: Config): Promise<CommandResult> {
  const writer = new CheckpointWriter(db, deriveAuditKeys(loadSecretKey(config)), config.auditCheckpointPath);
  const run = await writer.run({ onlyIfChanged: false });
  const stdout = run.written.map((line) => `${line}\n`).join('');
  let stderr = run.written.length > 0 ? `Appended to ${config.auditCheckpointPath}; keep a copy of these lines elsewhere.\n` : '';
  for (const r of run.broken) stderr += `No checkpoint for ${describe(r)}`;
  return { stdout, stderr, exitCode: run.broken.length > 0 ? 1 : 0 };
}
