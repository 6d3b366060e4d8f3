import fs from 'node:fs';
import { reachOf, type Grant } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import { rosterColumns, rosterHeader, type RosterKey } from '../core/registry/roster.ts';
import { normalizeHeader, type ColumnMapping } from '../core/registry/rosterHeaders.ts';
import type { Actor } from '../db/scope.ts';
import type { Database } from '../db/types.ts';
import { failJob, finishJob, startOwnJob } from '../modules/jobs/queries.ts';
import { releaseOrphans, workerName } from '../modules/jobs/queue.ts';
import { errorWorkbook, importRoster, type ImportMode, type ImportResult } from '../modules/registry/import.ts';
import { rememberedMapping } from '../modules/registry/importQueries.ts';
import { CLI_IMPORT_JOB, CLI_ORPHAN } from '../modules/registry/jobs.ts';
import { districtOfTownship } from '../modules/org/queries.ts';
import type { Secrets } from '../server/secrets.ts';

export interface ImportSummary {
  mode: ImportMode;
  headerRow: number | null;
  columns: { header: string; field: string | null; how: string | null }[];
  imported: number;
  newHouseholds: number;
  updated: number;
  links: number;
  unchanged: number;
  rejected: number;
  changes: ImportResult['changes'];
  notes: ImportResult['notes'];
  errorsFile: string | null;
}

export interface ImportCommandOptions {
  township: string;
  mode: ImportMode;
  /** A JSON file: {"the file's header": "field" (a field key or its template header) or null to ignore the column}. */
  mappingFile?: string | undefined;
  village?: string | undefined;
}

/** Reads a mapping file, accepting a field's key (idNumber) or its template header (身份证号). */
export function readMappingFile(file: string): ColumnMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('validation_failed', {
      zh: `列匹配文件无法读取：${(err as Error).message}`,
      en: `Cannot read the mapping file: ${(err as Error).message}`,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('validation_failed', {
      zh: '列匹配文件应为 {"表头": "字段"} 形式的 JSON 对象',
      en: 'The mapping file must be a JSON object {"header": "field"}',
    });
  }
  const mapping: ColumnMapping = {};
  for (const [header, value] of Object.entries(parsed)) {
    if (value === null) {
      mapping[normalizeHeader(header)] = null;
      continue;
    }
    const field = rosterColumns.find((c) => c.key === value || normalizeHeader(c.header) === normalizeHeader(value));
    if (!field) {
      throw new AppError('validation_failed', {
        zh: `列匹配文件中“${header}”对应的字段“${String(value)}”不存在（可用：${rosterColumns.map((c) => c.header).join('、')}，或 null 表示不导入）`,
        en: `Unknown field "${String(value)}" for "${header}" (use one of ${rosterColumns.map((c) => c.key).join(', ')}, or null)`,
      });
    }
    mapping[normalizeHeader(header)] = field.key as RosterKey;
  }
  return mapping;
}

/**
 * `xingfu import persons FILE --township CODE`: imports a roster on behalf of the township office,
 * as one job; `--preview` shows what it would do and writes nothing; `--apply` also records the
 * changes to registered persons. The error workbook is written beside the file.
 */
export async function importPersonsCommand(
  db: Database,
  secrets: Secrets,
  file: string,
  o: ImportCommandOptions,
  progress: (text: string) => void,
): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new AppError('not_found', { zh: `文件不存在：${file}`, en: `No such file: ${file}` });
  const mapping = o.mappingFile ? readMappingFile(o.mappingFile) : undefined;
  const district = await districtOfTownship(db, o.township);
  if (!district) throw new AppError('not_found', { zh: `乡镇街代码 ${o.township} 不存在`, en: `Unknown township ${o.township}` });
  const grants: Grant[] = [{ role: 'township', township: o.township, village: null, department: null }];
  const actor: Actor = { district, userId: '', username: 'cli', grants, reach: reachOf(grants), ip: null };
  // An earlier import of this host whose process was killed is marked as interrupted, not left running.
  await releaseOrphans(db, [CLI_IMPORT_JOB], CLI_ORPHAN);
  const jobId = await startOwnJob(db, { district, kind: CLI_IMPORT_JOB, payload: { file, township: o.township, mode: o.mode }, worker: workerName('cli') });
  const job = { district, id: jobId };
  try {
    const result = await importRoster(db, secrets, actor, file, {
      township: o.township,
      mode: o.mode,
      mapping,
      defaultVillage: o.village,
      job,
      remembered: await rememberedMapping(db, district, o.township),
      onProgress: (p) =>
        progress(
          `${Math.floor((p.bytesRead / Math.max(1, p.bytesTotal)) * 100)}% imported ${p.imported}, unchanged ${p.unchanged}, changed ${p.updated}, rejected ${p.rejected}`,
        ),
    });
    if (result.status === 'needs_mapping') {
      const names = result.missing.map(rosterHeader);
      throw new AppError('validation_failed', {
        zh: `缺少必需的列：${names.join('、')}（第${result.headerRow}行被当作表头）。请用 --mapping 指定列匹配`,
        en: `Missing required columns: ${names.join(', ')} (row ${result.headerRow} was read as the header). Give --mapping`,
        details: { code: 'import_columns', missing: names, columns: result.columns.map((c) => c.header) },
      });
    }
    let errorsFile: string | null = null;
    if (result.errors.length > 0) {
      errorsFile = `${file.replace(/\.(xlsx|csv)$/i, '')}.errors.xlsx`;
      fs.writeFileSync(errorsFile, await errorWorkbook(result));
    }
    const summary: ImportSummary = {
      mode: o.mode,
      headerRow: result.headerRow,
      columns: result.columns.map((c) => ({ header: c.header, field: c.key, how: c.how })),
      imported: result.imported,
      newHouseholds: result.newHouseholds,
      updated: result.changed,
      links: result.links,
      unchanged: result.unchanged,
      rejected: result.rejected,
      changes: result.changes,
      notes: result.notes,
      errorsFile,
    };
    await finishJob(db, job, { ...summary, changes: summary.changes.length, notes: summary.notes.length });
    return summary;
  } catch (err) {
    await failJob(db, job, err instanceof AppError ? err.messageZh : String(err));
    throw err;
  }
}

/** The summary as an operator reads it. */
export function describeImport(s: ImportSummary): string {
  const lines: string[] = [];
  lines.push(
    `表头：第${s.headerRow}行；${s.columns.map((c) => `${c.header}→${c.field === null ? '（不导入）' : rosterHeader(c.field as RosterKey)}`).join('，')}`,
  );
  if (s.mode === 'preview') {
    lines.push(
      `预览（未写入）：新增 ${s.imported} 人（新建 ${s.newHouseholds} 户），家庭关系 ${s.links} 条，无变化 ${s.unchanged} 人，有变更 ${s.updated} 人，不能导入 ${s.rejected} 行`,
    );
    for (const c of s.changes)
      lines.push(`  第${c.row}行 ${c.name} ${c.idNumber}：${c.fields.map((f) => `${f.label} ${f.before ?? '空'} → ${f.after ?? '空'}`).join('；')}`);
    if (s.updated > 0) lines.push('确认无误后，用 --apply 导入这些变更。');
  } else {
    lines.push(
      `导入 ${s.imported} 人（新建 ${s.newHouseholds} 户），家庭关系 ${s.links} 条，变更 ${s.updated} 人，无变化 ${s.unchanged} 人，未通过 ${s.rejected} 行`,
    );
  }
  for (const n of s.notes) lines.push(`  提示：第${n.row}行 ${n.name}：${n.text}`);
  if (s.errorsFile) lines.push(`错误报告：${s.errorsFile}`);
  return `${lines.join('\n')}\n`;
}
