import fs from 'node:fs';
import { maskIdNumber, maskText } from '../../core/privacy/mask.ts';
import { nameKeys, type NameKeys } from '../../core/registry/names.ts';
import { cellText, FormulaCell, rosterColumns, rosterHeader, validateRosterRow, type RawRow, type RosterKey, type RosterPerson } from '../../core/registry/roster.ts';
import { detectHeader, normalizeHeader, type ColumnMapping, type HeaderLayout } from '../../core/registry/rosterHeaders.ts';
import { inFlight } from '../../db/inFlight.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { saveProgress } from '../jobs/queue.ts';
import { ByteCounter, importError, readRows, sniffFormat, type SheetRow } from './rows.ts';
import { today as businessToday } from '../../core/clock.ts';
import { newGroup, type HouseholdGroup, type LinkNote } from './importFamilies.ts';
import { writeChunk, type ChangeView, type Pending } from './importWrite.ts';
import { idLookupHash, protectIdNumber, protectPhone } from './protect.ts';
import * as q from './queries.ts';
import type { RejectedRow } from './importWorkbooks.ts';

export { errorWorkbook, templateWorkbook, type RejectedRow } from './importWorkbooks.ts';

/**
 * `preview`: reads the whole roster and says what an import would do, writing nothing;
 * `apply`: imports new persons and links, and records the changes the preview showed;
 * `new`: imports new persons and links, and refuses rows that would change a registered person.
 */
export type ImportMode = 'preview' | 'apply' | 'new';

export interface ImportProgress {
  /** Rows up to this spreadsheet row are committed. */
  lastRow: number;
  imported: number;
  unchanged: number;
  rejected: number;
  updated: number;
  links: number;
  newHouseholds: number;
  bytesRead: number;
  bytesTotal: number;
}

/** A column of the file: its header, the field it was matched to, and how. */
export interface ImportColumn {
  column: number;
  header: string;
  key: RosterKey | null;
  how: 'template' | 'synonym' | 'remembered' | 'mapping' | null;
  samples: string[];
}

export interface ImportResult {
  status: 'needs_mapping' | 'done';
  mode: ImportMode;
  /** The spreadsheet row number of the (last) header row. */
  headerRow: number | null;
  title: string | null;
  columns: ImportColumn[];
  missing: RosterKey[];
  defaultVillage: { code: string; name: string } | null;
  /** Data rows read (blank rows and footers not counted). */
  rows: number;
  /** New persons: written, or (preview) to be written. */
  imported: number;
  newHouseholds: number;
  unchanged: number;
  /** Registered persons with changes: found (preview) or recorded (apply). */
  changed: number;
  links: number;
  rejected: number;
  changes: ChangeView[];
  changesTruncated: boolean;
  /** The version each changed person had when the preview was made, by ID-number hash. */
  versions: Record<string, number>;
  errors: RejectedRow[];
  errorsTruncated: boolean;
  notes: LinkNote[];
  /** The file's own headers, for the error workbook. */
  headers: string[];
}

export interface ImportOptions {
  /** The township the roster belongs to; its villages are the only ones accepted. */
  township: string;
  mode?: ImportMode | undefined;
  /** The user's column choices for this file (normalized header → field, or null to ignore). */
  mapping?: ColumnMapping | undefined;
  /** The township's earlier choices. */
  remembered?: ColumnMapping | undefined;
  /** The village (code or name) of every row, for a roster without a village column. */
  defaultVillage?: string | null | undefined;
  /** Apply after a preview: changes are recorded only for persons still at these versions. */
  expectedVersions?: Record<string, number> | undefined;
  chunkSize?: number | undefined;
  /** Progress already committed by an earlier, interrupted run of the same job. */
  resume?: ImportProgress | undefined;
  job?: { district: string; id: string } | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

const MAX_ERROR_ROWS = 100_000;
const MAX_CHANGES_SHOWN = 500;
const MAX_NOTES = 1_000;
const CHUNK = 5_000;
/** Rows read between two turns of the event loop. */
const YIELD_EVERY = 64;
/** Rows searched for the header. */
const HEADER_ROWS = 30;
const SAMPLES = 3;

const requiredKeys = rosterColumns.filter((c) => c.required).map((c) => c.key);

/** A cell as the error workbook and the preview show it. */
function shown(value: unknown): string {
  if (value instanceof FormulaCell) return `=${value.formula}`;
  return cellText(value);
}

interface Village {
  code: string;
  name: string;
}

/** The township's villages, found by code, by name, and by name without 村/社区/居委会. */
class Villages {
  private readonly byKey = new Map<string, Village | null>();
  readonly all: Village[];
  constructor(rows: Village[]) {
    this.all = rows;
    const add = (key: string, v: Village) => {
      const known = this.byKey.get(key);
      this.byKey.set(key, known === undefined || known?.code === v.code ? v : null);
    };
    for (const v of rows) {
      add(v.code, v);
      add(normalizeHeader(v.name), v);
      add(Villages.stem(v.name), v);
    }
  }
  static stem(name: string): string {
    return normalizeHeader(name).replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/, '');
  }
  find(text: string): Village | null {
    const key = normalizeHeader(text);
    return this.byKey.get(key) ?? this.byKey.get(Villages.stem(text)) ?? null;
  }
  /** The one village a title such as “武清区梅厂镇六道口村人口花名册” names. */
  inTitle(title: string | null): Village | null {
    if (!title) return null;
    const named = this.all.filter((v) => title.includes(v.name));
    return named.length === 1 ? (named[0] as Village) : null;
  }
}

async function townshipVillages(db: Database, district: string, township: string): Promise<Villages> {
  const { rows } = await db.query<Village>('SELECT code, name FROM village WHERE district_code = $1 AND township_code = $2 ORDER BY code', [district, township]);
  if (rows.length === 0) throw importError('import_township', `乡镇街代码 ${township} 不存在或没有村居`, `Unknown township ${township}`);
  return new Villages(rows);
}

/** When no row reads as a header, the first full-looking row is offered for matching by hand. */
function fallbackLayout(rows: readonly SheetRow[]): HeaderLayout | null {
  const filled = rows.map((r) => r.cells.filter((c) => cellText(c) !== '').length);
  const widest = Math.max(0, ...filled);
  const index = filled.findIndex((n) => n >= Math.max(2, Math.ceil(widest / 2)));
  if (index < 0) return null;
  const row = rows[index] as SheetRow;
  const columns = row.cells.flatMap((c, column) => (cellText(c) === '' ? [] : [{ column, header: cellText(c), normalized: normalizeHeader(c), key: null, how: null }]));
  const title = rows.slice(0, index).map((r) => r.cells.map(cellText).filter(Boolean).join(' ')).join(' ') || null;
  return { firstHeaderIndex: index, lastHeaderIndex: index, columns, missing: [...requiredKeys], title };
}

const idLike = /^\d{15}$|^\d{17}[\dXx]$/;

/** Sample values of a column, ID and phone numbers masked. */
function samplesOf(rows: readonly SheetRow[], column: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const text = shown(r.cells[column]);
    if (text === '') continue;
    out.push(idLike.test(text) ? maskIdNumber(text) : maskText(text));
    if (out.length >= SAMPLES) break;
  }
  return out;
}

/**
 * Imports (or previews the import of) a township roster, .xlsx or .csv, as townships write them:
 * the header row is found under any title rows and its columns matched by their usual names (and
 * by the township's own choices); rows are grouped into households and the family links their
 * 与户主关系 imply are made; a row for a registered person either matches the register, brings a
 * change (shown in a preview, recorded only when confirmed) or is refused with the reason.
 *
 * Streamed: rows are validated one by one and written in chunks that end at a household's end,
 * each chunk one transaction with the job's progress, so a crash leaves whole chunks or nothing
 * and a resumed run starts after the last committed chunk. While one chunk is written the next is
 * read, so the database and the JavaScript work each keep a core busy.
 */
export async function importRoster(db: Database, secrets: Secrets, actor: Actor, file: string, options: ImportOptions): Promise<ImportResult> {
  const mode = options.mode ?? 'new';
  const format = sniffFormat(file);
  const counter = new ByteCounter();
  const bytesTotal = fs.statSync(file).size;
  const villages = await townshipVillages(db, actor.district, options.township);
  const today = businessToday();
  const reader = readRows(file, format, counter)[Symbol.asyncIterator]();
  const first: SheetRow[] = [];
  while (first.length < HEADER_ROWS) {
    const next = await reader.next();
    if (next.done) break;
    first.push(next.value);
  }
  if (first.length === 0) throw importError('import_empty', '文件中没有数据', 'The file holds no rows');

  const detected = detectHeader(first.map((r) => r.cells), { mapping: options.mapping, remembered: options.remembered });
  const layout = detected ?? fallbackLayout(first);
  if (!layout) throw importError('import_no_header', '找不到表头行：文件前30行中没有可以识别的列名', 'No header row found in the first 30 rows');
  const headerRow = (first[layout.lastHeaderIndex] as SheetRow).number;
  const sampleRows = first.slice(layout.lastHeaderIndex + 1);
  const columns: ImportColumn[] = layout.columns.map((c) => ({ column: c.column, header: c.header, key: c.key, how: c.how, samples: samplesOf(sampleRows, c.column) }));
  const keyed = layout.columns.filter((c): c is typeof c & { key: RosterKey } => c.key !== null);
  const hasColumn = (key: RosterKey) => keyed.some((c) => c.key === key);

  let defaultVillage: Village | null = null;
  if (!hasColumn('village')) {
    if (options.defaultVillage) {
      defaultVillage = villages.find(options.defaultVillage);
      if (!defaultVillage) throw importError('import_village', `村（居）“${options.defaultVillage}”不在本乡镇街`, `Village ${options.defaultVillage} is not in the township`);
    } else {
      defaultVillage = villages.inTitle(layout.title);
    }
  }
  const missing = layout.missing.filter((k) => !(k === 'village' && defaultVillage));
  const result: ImportResult = {
    status: 'done', mode, headerRow, title: layout.title, columns, missing, defaultVillage, rows: 0, imported: 0, newHouseholds: 0,
    unchanged: 0, changed: 0, links: 0, rejected: 0, changes: [], changesTruncated: false, versions: {}, errors: [], errorsTruncated: false,
    notes: [], headers: [],
  };
  // The error workbook repeats every column of the file, under the file's own headers.
  const width = Math.max(...first.map((r) => r.cells.length), ...layout.columns.map((c) => c.column + 1));
  const headerText = new Map(layout.columns.map((c) => [c.column, c.header]));
  result.headers = Array.from({ length: width }, (_v, i) => headerText.get(i) ?? `第${i + 1}列`);
  if (missing.length > 0) {
    if (mode === 'preview') return { ...result, status: 'needs_mapping' };
    const unknown = layout.columns.filter((c) => c.key === null).map((c) => c.header);
    const names = missing.map(rosterHeader);
    throw importError('import_columns',
      `缺少必需的列：${names.join('、')}。文件第${headerRow}行被当作表头${unknown.length > 0 ? `，其中未能识别的列：${unknown.join('、')}` : ''}。请在网页导入时手工匹配这些列，或用 --mapping 指定`,
      `Missing required columns: ${names.join(', ')}. Row ${headerRow} was read as the header${unknown.length > 0 ? `; unrecognised columns: ${unknown.join(', ')}` : ''}. Match them by hand in the web import, or give --mapping`,
      { missing: names, unknown, headerRow });
  }

  const resumeUpTo = options.resume?.lastRow ?? 0;
  const progress: ImportProgress = options.resume
    ? { ...options.resume, rejected: 0, bytesTotal }
    : { lastRow: headerRow, imported: 0, unchanged: 0, rejected: 0, updated: 0, links: 0, newHouseholds: 0, bytesRead: 0, bytesTotal };
  /** A rejected row counts once, however many problems it has; each problem is listed. */
  const reject = (row: number, problems: readonly { column: string; reason: string }[], values: string[]) => {
    progress.rejected++;
    for (const p of problems) {
      if (result.errors.length < MAX_ERROR_ROWS) result.errors.push({ row, column: p.column, reason: p.reason, values });
      else result.errorsTruncated = true;
    }
  };
  const noted = new Set<string>();
  const note = (n: LinkNote) => {
    const key = `${n.row}:${n.text}`;
    if (noted.has(key) || result.notes.length >= MAX_NOTES) return;
    noted.add(key);
    result.notes.push(n);
  };
  const headerCells = new Map(keyed.map((c) => [c.column, c.normalized]));
  /** A header repeated on every printed page of a long roster. */
  const repeatsHeader = (cells: readonly unknown[]) =>
    keyed.filter((c) => normalizeHeader(cells[c.column]) === headerCells.get(c.column)).length * 2 >= keyed.length;

  const seenIds = new Map<string, number>();
  const groups = new Map<string, HouseholdGroup>();
  const groupVillage = new Map<string, string>();
  let block: HouseholdGroup | null = null;
  let pending: Pending[] = [];
  let lastRow = headerRow;
  let analyzedAt = 0;
  let writing: Promise<void> = Promise.resolve();
  const context = { actor, township: options.township, mode, today, secrets, expectedVersions: options.expectedVersions, job: options.job?.id ?? null,
    households: new Map<string, { id: string; village: string; since: string } | null>(), linksMade: new Set<string>(), note };

  const write = async (chunk: Pending[], upTo: number, bytesRead: number) => {
    await withScope(db, actor, async (tx) => {
      const outcome = await writeChunk(tx, context, chunk);
      forgetWritten(chunk);
      for (const r of outcome.rejected) reject(r.row, r.problems, r.values);
      progress.imported += outcome.imported;
      progress.unchanged += outcome.unchanged;
      progress.updated += outcome.changed;
      progress.links += outcome.links;
      progress.newHouseholds += outcome.newHouseholds;
      for (const c of outcome.changes) {
        if (result.changes.length < MAX_CHANGES_SHOWN) result.changes.push(c.view);
        else result.changesTruncated = true;
        result.versions[c.hash] = c.version;
      }
      progress.lastRow = Math.max(progress.lastRow, upTo);
      progress.bytesRead = bytesRead;
      // The job's progress commits with the chunk; jobs belong to the system, not to the user's role.
      await tx.query('RESET ROLE');
      if (options.job) await saveProgress(tx, options.job, { ...progress });
    });
    options.onProgress?.({ ...progress });
    // Planner statistics follow the table's growth (the embedded engine has no autovacuum, and the
    // server's may not have come round yet), so that look-ups by ID number keep using their index:
    // once this import has added as many rows as the statistics knew of, they are renewed.
    const added = progress.imported - analyzedAt;
    if (mode !== 'preview' && added >= 20_000 && added >= await q.estimatedPersons(db)) {
      await db.exec('ANALYZE household, person');
      analyzedAt = progress.imported;
    }
  };

  /**
   * A chunk ends where its households end, so their members need not stay in memory: a block
   * under a 户主 never comes back; a 户号 that comes back later in the file finds its members in
   * the register (a preview, which writes nothing, keeps them).
   */
  const forgetWritten = (chunk: readonly Pending[]) => {
    for (const group of new Set(chunk.map((p) => p.group))) {
      if (group.key.startsWith('b:')) {
        groups.delete(group.key);
        groupVillage.delete(group.key);
        group.members.clear();
      } else if (mode !== 'preview') {
        group.members.clear();
        group.existed = group.householdId !== null;
        group.registeredLoaded = false;
      }
    }
  };

  /** Hands the rows read so far to the writer, once it has finished the previous chunk. */
  const flush = async () => {
    const chunk = pending;
    pending = [];
    await writing;
    if (chunk.length === 0 && progress.lastRow >= lastRow) return;
    // Failures surface at the next flush or at the end.
    writing = inFlight(write(chunk, lastRow, counter.bytes));
  };

  const groupOf = (person: RosterPerson, row: number): HouseholdGroup | string => {
    let key: string;
    if (person.householdNumber !== null) key = `n:${person.householdNumber}`;
    else if (person.headIdNumber !== null || (hasColumn('headIdNumber') && person.kinship.kin === 'head')) key = `h:${person.headIdNumber ?? person.idNumber}`;
    else if (person.kinship.kin === 'head') {
      block = newGroup(`b:${row}`);
      groups.set(block.key, block);
      return block;
    } else if (block) return block;
    else return '无法确定此人属于哪一户：花名册没有户号列时，每户从户主行开始，此行上方没有户主';
    let group = groups.get(key);
    if (!group) {
      group = newGroup(key);
      groups.set(key, group);
    }
    block = null;
    return group;
  };

  const take = async (sheetRow: SheetRow) => {
    const { number: row, cells } = sheetRow;
    if (repeatsHeader(cells)) return;
    const raw: RawRow = {};
    for (const c of keyed) raw[c.key] = cells[c.column] ?? null;
    if (defaultVillage && cellText(raw.village) === '') raw.village = defaultVillage.code;
    // Lines such as 填表人、审核人、合计 under the table: no name, no ID number, no relation.
    if (cellText(raw.name) === '' && cellText(raw.idNumber) === '' && cellText(raw.relation) === '') return;
    result.rows++;
    const values = result.headers.map((_h, i) => shown(cells[i]));
    const checked = validateRosterRow(raw, today);
    if (!checked.ok) return reject(row, checked.problems, values);
    const person = checked.person;
    const village = villages.find(person.village);
    if (!village) {
      return reject(row, [{ column: rosterHeader('village'), reason: `村（居）“${person.village}”不在本乡镇街（${options.township}）的村居名单中` }], values);
    }
    const firstRow = seenIds.get(person.idNumber);
    if (firstRow !== undefined) return reject(row, [{ column: rosterHeader('idNumber'), reason: `身份证号与第${firstRow}行重复` }], values);
    seenIds.set(person.idNumber, row);
    const group = groupOf(person, row);
    if (typeof group === 'string') return reject(row, [{ column: rosterHeader('relation'), reason: group }], values);
    const known = groupVillage.get(group.key);
    if (known !== undefined && known !== village.code) {
      return reject(row, [{ column: rosterHeader('village'), reason: '同一户的成员不能分属不同村居' }], values);
    }
    groupVillage.set(group.key, village.code);
    if (person.kinship.kin === 'head') {
      if (group.headRow !== null && group.headRow !== row) {
        return reject(row, [{ column: rosterHeader('relation'), reason: `同一户已有户主（第${group.headRow}行）` }], values);
      }
      group.headRow = row;
    }
    if (row <= resumeUpTo) return; // committed by the interrupted run: checked again, not written again
    // A chunk ends where a household ends, so that each household's links are made with it.
    const previous = pending[pending.length - 1];
    if (pending.length >= (options.chunkSize ?? CHUNK) && previous && previous.group !== group) await flush();
    const hash = idLookupHash(secrets, person.idNumber);
    const sealed = mode === 'preview' ? null : {
      id: protectIdNumber(secrets, person.idNumber), phone: protectPhone(secrets, person.phone), keys: nameKeys(person.name) as NameKeys,
    };
    pending.push({ row, values, person, village: village.code, villageName: village.name, hash, sealed, group });
    lastRow = row;
  };

  for (const r of sampleRows) await take(r);
  let read = 0;
  for (;;) {
    const next = await reader.next();
    if (next.done) break;
    // A file chunk holds hundreds of rows, read without a pause; let the writer's replies in.
    if (++read % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await take(next.value);
  }
  await flush();
  await writing;
  if (mode !== 'preview' && progress.imported > 0) await q.mergePendingNameTokens(db);
  result.errors.sort((a, b) => a.row - b.row);
  result.notes.sort((a, b) => a.row - b.row);
  result.changes.sort((a, b) => a.row - b.row);
  return {
    ...result, imported: progress.imported, unchanged: progress.unchanged, rejected: progress.rejected, changed: progress.updated,
    links: progress.links, newHouseholds: progress.newHouseholds,
  };
}

