import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../db/types.ts';
import { checkpointLine, parseCheckpointLine, type AuditKeys, type Checkpoint, type CheckpointProblem, type SignedCheckpoint } from './anchor.ts';
import { headAt } from './queries.ts';
import { verifyChain, type ChainReport } from './service.ts';
import { districtCodes } from '../org/queries.ts';

/**
 * The checkpoint file: one signed checkpoint per line (JSON), appended, never rewritten. It lives
 * outside the database (by default in the data directory; XINGFU_AUDIT_CHECKPOINT_PATH), so that
 * rewriting the database does not rewrite it.
 */
export interface CheckpointFile {
  path: string;
  checkpoints: SignedCheckpoint[];
  /** Lines that cannot be trusted, numbered from 1. */
  problems: Array<{ line: number; problem: CheckpointProblem }>;
}

export function readCheckpoints(file: string, keys: AuditKeys): CheckpointFile {
  const result: CheckpointFile = { path: file, checkpoints: [], problems: [] };
  if (!fs.existsSync(file)) return result;
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const parsed = parseCheckpointLine(keys, text);
      if (typeof parsed === 'string') result.problems.push({ line: i + 1, problem: parsed });
      else result.checkpoints.push(parsed);
    });
  return result;
}

const noFile: CheckpointFile = { path: '', checkpoints: [], problems: [] };

/** Every district's chain held against the checkpoints of the file (districts named only there too), or against none. */
export async function verifyAllChains(db: Queryable, keys: AuditKeys, file: CheckpointFile = noFile): Promise<ChainReport[]> {
  const districts = [...new Set([...(await districtCodes(db)), ...file.checkpoints.map((c) => c.district)])].sort();
  const reports: ChainReport[] = [];
  for (const district of districts) {
    reports.push(await verifyChain(db, district, { keys, checkpoints: file.checkpoints.filter((c) => c.district === district) }));
  }
  return reports;
}

const latestOf = (checkpoints: readonly Checkpoint[]): Map<string, Checkpoint> => {
  const latest = new Map<string, Checkpoint>();
  for (const c of checkpoints) if ((latest.get(c.district)?.seq ?? -1) <= c.seq) latest.set(c.district, c);
  return latest;
};

export interface CheckpointRun {
  /** The lines appended to the file. */
  written: string[];
  /** Chains found broken since their latest checkpoint: no checkpoint is signed for them. */
  broken: ChainReport[];
}

/**
 * Takes checkpoints of every district's chain and appends them to the file. A chain is checked
 * first from its latest checkpoint on (that entry must still carry the checkpoint's head, and the
 * entries after it must link, match and be sealed), so a broken chain is never signed.
 * The latest checkpoint of each district is remembered between runs (read from the file once).
 */
export class CheckpointWriter {
  private latest: Map<string, Checkpoint> | null = null;
  private running: Promise<CheckpointRun> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly keys: AuditKeys,
    private readonly file: string,
  ) {}

  /** Takes the checkpoints; a call while a run is still going (a long first walk) shares that run. */
  run(options: { onlyIfChanged: boolean }): Promise<CheckpointRun> {
    this.running ??= this.take(options).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async take(options: { onlyIfChanged: boolean }): Promise<CheckpointRun> {
    this.latest ??= latestOf(readCheckpoints(this.file, this.keys).checkpoints);
    const run: CheckpointRun = { written: [], broken: [] };
    for (const district of await districtCodes(this.db)) {
      const from = this.latest.get(district);
      const report = await this.check(district, from);
      if (!report.ok) {
        run.broken.push(report);
        continue;
      }
      if (report.last === null || (options.onlyIfChanged && from?.seq === report.last.seq)) continue;
      const at = new Date().toISOString(); // real clock: a checkpoint records when it was taken
      const checkpoint: Checkpoint = { district, seq: report.last.seq, head: report.last.hash, sealedFrom: report.sealedFrom, at };
      run.written.push(checkpointLine(this.keys, checkpoint));
      this.latest.set(district, checkpoint);
    }
    if (run.written.length > 0) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, `${run.written.join('\n')}\n`, { mode: 0o600 });
    }
    return run;
  }

  private async check(district: string, from: Checkpoint | undefined): Promise<ChainReport> {
    if (from === undefined) return verifyChain(this.db, district, { keys: this.keys });
    const head = await headAt(this.db, district, from.seq);
    if (head !== from.head) {
      const reason = head === null ? 'truncated' : 'head';
      return {
        district,
        ok: false,
        checked: 0,
        firstBroken: { seq: from.seq, reason },
        checkpoint: { seq: from.seq, at: from.at },
        last: null,
        sealedFrom: null,
      };
    }
    return verifyChain(this.db, district, { keys: this.keys, from });
  }
}
