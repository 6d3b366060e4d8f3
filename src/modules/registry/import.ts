import fs from 'node:fs';
import { nameKeys, type NameKeys } from '../../core/registry/names.ts';
import { cellText, rosterHeader, validateRosterRow, type RawRow, type RosterKey, type RosterPerson } from '../../core/registry/roster.ts';
import { detectHeader, normalizeHeader, type ColumnMapping, type HeaderLayout } from '../../core/registry/rosterHeaders.ts';
import { inFlight } from '../../db/inFlight.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { saveProgress } from '../jobs/queries.ts';
import { ByteCounter, importError, readRows, sniffFormat, type SheetRow } from './rows.ts';
import { today as businessToday } from '../../core/clock.ts';
import { newGroup, type HouseholdGroup, type LinkNote } from './importFamilies.ts';
import { fallbackLayout, samplesOf, shown, townshipVillages, type Village, type Villages } from './importLayout.ts';
import { writeChunk, type ChangeView, type Pending, type WriteContext } from './importWrite.ts';
import { idLookupHash, protectIdNumber, protectPhone } from './protect.ts';
import { analyzeRegister, resetRole } from './importQueries.ts';
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
  const reader = readRows(file, format, counter)[Symbol.asyncIterator]();
  const first: SheetRow[] = [];
  while (first.length < HEADER_ROWS) {
    const next = await reader.next();
    if (next.done) break;
    first.push(next.value);
  }
  if (first.length === 0) throw importError('import_empty', '文件中没有数据', 'The file holds no rows');
  const head = readLayout(first, villages, options, mode);
  if (head.result.status === 'needs_mapping') return head.result;

  const run = new RosterRun(db, secrets, actor, options, head, villages, counter, bytesTotal);
  for (const r of head.sampleRows) await run.take(r);
  let read = 0;
  for (;;) {
    const next = await reader.next();
    if (next.done) break;
    // A file chunk holds hundreds of rows, read without a pause; let the writer's replies in.
    if (++read % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await run.take(next.value);
  }
  return run.finish();
}

/** The file's header as read: its columns matched to fields, the rows under it, the result so far. */
interface Head {
  headerRow: number;
  sampleRows: SheetRow[];
  keyed: (HeaderLayout['columns'][number] & { key: RosterKey })[];
  defaultVillage: Village | null;
  result: ImportResult;
}

/** Finds the header in the first rows and matches its columns; a required column missing is refused (or, previewing, left to match by hand). */
function readLayout(first: readonly SheetRow[], villages: Villages, options: ImportOptions, mode: ImportMode): Head {
  const detected = detectHeader(
    first.map((r) => r.cells),
    { mapping: options.mapping, remembered: options.remembered },
  );
  const layout = detected ?? fallbackLayout(first);
  if (!layout) throw importError('import_no_header', '找不到表头行：文件前30行中没有可以识别的列名', 'No header row found in the first 30 rows');
  const headerRow = (first[layout.lastHeaderIndex] as SheetRow).number;
  const sampleRows = first.slice(layout.lastHeaderIndex + 1);
  const columns: ImportColumn[] = layout.columns.map((c) => ({
    column: c.column,
    header: c.header,
    key: c.key,
    how: c.how,
    samples: samplesOf(sampleRows, c.column),
  }));
  const keyed = layout.columns.filter((c): c is typeof c & { key: RosterKey } => c.key !== null);

  let defaultVillage: Village | null = null;
  if (!keyed.some((c) => c.key === 'village')) {
    if (options.defaultVillage) {
      defaultVillage = villages.find(options.defaultVillage);
      if (!defaultVillage)
        throw importError('import_village', `村（居）“${options.defaultVillage}”不在本乡镇街`, `Village ${options.defaultVillage} is not in the township`);
    } else {
      defaultVillage = villages.inTitle(layout.title);
    }
  }
  const missing = layout.missing.filter((k) => !(k === 'village' && defaultVillage));
  const result: ImportResult = {
    status: 'done',
    mode,
    headerRow,
    title: layout.title,
    columns,
    missing,
    defaultVillage,
    rows: 0,
    imported: 0,
    newHouseholds: 0,
    unchanged: 0,
    changed: 0,
    links: 0,
    rejected: 0,
    changes: [],
    changesTruncated: false,
    versions: {},
    errors: [],
    errorsTruncated: false,
    notes: [],
    headers: [],
  };
  // The error workbook repeats every column of the file, under the file's own headers.
  const width = Math.max(...first.map((r) => r.cells.length), ...layout.columns.map((c) => c.column + 1));
  const headerText = new Map(layout.columns.map((c) => [c.column, c.header]));
  result.headers = Array.from({ length: width }, (_v, i) => headerText.get(i) ?? `第${i + 1}列`);
  if (missing.length > 0) {
    if (mode === 'preview') return { headerRow, sampleRows, keyed, defaultVillage, result: { ...result, status: 'needs_mapping' } };
    const unknown = layout.columns.filter((c) => c.key === null).map((c) => c.header);
    const names = missing.map(rosterHeader);
    throw importError(
      'import_columns',
      `缺少必需的列：${names.join('、')}。文件第${headerRow}行被当作表头${unknown.length > 0 ? `，其中未能识别的列：${unknown.join('、')}` : ''}。请在网页导入时手工匹配这些列，或用 --mapping 指定`,
      `Missing required columns: ${names.join(', ')}. Row ${headerRow} was read as the header${unknown.length > 0 ? `; unrecognised columns: ${unknown.join(', ')}` : ''}. Match them by hand in the web import, or give --mapping`,
      { missing: names, unknown, headerRow },
    );
  }
  return { headerRow, sampleRows, keyed, defaultVillage, result };
}

/**
 * One run of an import over the rows under the header: each row checked and grouped into its
 * household, the valid ones written (or, previewing, weighed) a chunk at a time.
 */
class RosterRun {
  private readonly mode: ImportMode;
  private readonly today = businessToday();
  private readonly result: ImportResult;
  private readonly progress: ImportProgress;
  private readonly resumeUpTo: number;
  private readonly headerCells: Map<number, string>;
  private readonly noted = new Set<string>();
  private readonly seenIds = new Map<string, number>();
  private readonly groups = new Map<string, HouseholdGroup>();
  private readonly groupVillage = new Map<string, string>();
  private readonly context: WriteContext;
  private block: HouseholdGroup | null = null;
  private pending: Pending[] = [];
  private lastRow: number;
  private analyzedAt = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly secrets: Secrets,
    private readonly actor: Actor,
    private readonly options: ImportOptions,
    private readonly head: Head,
    private readonly villages: Villages,
    private readonly counter: ByteCounter,
    bytesTotal: number,
  ) {
    this.mode = options.mode ?? 'new';
    this.result = head.result;
    this.lastRow = head.headerRow;
    this.resumeUpTo = options.resume?.lastRow ?? 0;
    this.progress = options.resume
      ? { ...options.resume, rejected: 0, bytesTotal }
      : { lastRow: head.headerRow, imported: 0, unchanged: 0, rejected: 0, updated: 0, links: 0, newHouseholds: 0, bytesRead: 0, bytesTotal };
    this.headerCells = new Map(head.keyed.map((c) => [c.column, c.normalized]));
    this.context = {
      actor,
      township: options.township,
      mode: this.mode,
      today: this.today,
      secrets,
      expectedVersions: options.expectedVersions,
      job: options.job?.id ?? null,
      households: new Map<string, { id: string; village: string; since: string } | null>(),
      linksMade: new Set<string>(),
      note: (n) => this.note(n),
    };
  }

  /** A rejected row counts once, however many problems it has; each problem is listed. */
  private reject(row: number, problems: readonly { column: string; reason: string }[], values: string[]): void {
    this.progress.rejected++;
    for (const p of problems) {
      if (this.result.errors.length < MAX_ERROR_ROWS) this.result.errors.push({ row, column: p.column, reason: p.reason, values });
      else this.result.errorsTruncated = true;
    }
  }

  private note(n: LinkNote): void {
    const key = `${n.row}:${n.text}`;
    if (this.noted.has(key) || this.result.notes.length >= MAX_NOTES) return;
    this.noted.add(key);
    this.result.notes.push(n);
  }

  /** A header repeated on every printed page of a long roster. */
  private repeatsHeader(cells: readonly unknown[]): boolean {
    const { keyed } = this.head;
    return keyed.filter((c) => normalizeHeader(cells[c.column]) === this.headerCells.get(c.column)).length * 2 >= keyed.length;
  }

  private async write(chunk: Pending[], upTo: number, bytesRead: number): Promise<void> {
    const { progress, result, options } = this;
    await withScope(this.db, this.actor, async (tx) => {
      const outcome = await writeChunk(tx, this.context, chunk);
      this.forgetWritten(chunk);
      for (const r of outcome.rejected) this.reject(r.row, r.problems, r.values);
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
      await resetRole(tx);
      if (options.job) await saveProgress(tx, options.job, { ...progress });
    });
    options.onProgress?.({ ...progress });
    // Planner statistics follow the table's growth (the embedded engine has no autovacuum, and the
    // server's may not have come round yet), so that look-ups by ID number keep using their index:
    // once this import has added as many rows as the statistics knew of, they are renewed.
    const added = progress.imported - this.analyzedAt;
    if (this.mode !== 'preview' && added >= 20_000 && added >= (await q.estimatedPersons(this.db))) {
      await analyzeRegister(this.db);
      this.analyzedAt = progress.imported;
    }
  }

  /**
   * A chunk ends where its households end, so their members need not stay in memory: a block
   * under a 户主 never comes back; a 户号 that comes back later in the file finds its members in
   * the register (a preview, which writes nothing, keeps them).
   */
  private forgetWritten(chunk: readonly Pending[]): void {
    for (const group of new Set(chunk.map((p) => p.group))) {
      if (group.key.startsWith('b:')) {
        this.groups.delete(group.key);
        this.groupVillage.delete(group.key);
        group.members.clear();
      } else if (this.mode !== 'preview') {
        group.members.clear();
        group.existed = group.householdId !== null;
        group.registeredLoaded = false;
      }
    }
  }

  /** Hands the rows read so far to the writer, once it has finished the previous chunk. */
  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = [];
    await this.writing;
    if (chunk.length === 0 && this.progress.lastRow >= this.lastRow) return;
    // Failures surface at the next flush or at the end.
    this.writing = inFlight(this.write(chunk, this.lastRow, this.counter.bytes));
  }

  private groupOf(person: RosterPerson, row: number): HouseholdGroup | string {
    let key: string;
    if (person.householdNumber !== null) key = `n:${person.householdNumber}`;
    else if (person.headIdNumber !== null || (this.head.keyed.some((c) => c.key === 'headIdNumber') && person.kinship.kin === 'head'))
      key = `h:${person.headIdNumber ?? person.idNumber}`;
    else if (person.kinship.kin === 'head') {
      this.block = newGroup(`b:${row}`);
      this.groups.set(this.block.key, this.block);
      return this.block;
    } else if (this.block) return this.block;
    else return '无法确定此人属于哪一户：花名册没有户号列时，每户从户主行开始，此行上方没有户主';
    let group = this.groups.get(key);
    if (!group) {
      group = newGroup(key);
      this.groups.set(key, group);
    }
    this.block = null;
    return group;
  }

  /** Checks one row, finds its household, and queues it for the writer. */
  async take(sheetRow: SheetRow): Promise<void> {
    const { number: row, cells } = sheetRow;
    if (this.repeatsHeader(cells)) return;
    const raw: RawRow = {};
    for (const c of this.head.keyed) raw[c.key] = cells[c.column] ?? null;
    const { defaultVillage } = this.head;
    if (defaultVillage && cellText(raw.village) === '') raw.village = defaultVillage.code;
    // Lines such as 填表人、审核人、合计 under the table: no name, no ID number, no relation.
    if (cellText(raw.name) === '' && cellText(raw.idNumber) === '' && cellText(raw.relation) === '') return;
    this.result.rows++;
    const values = this.result.headers.map((_h, i) => shown(cells[i]));
    const checked = validateRosterRow(raw, this.today);
    if (!checked.ok) return this.reject(row, checked.problems, values);
    const person = checked.person;
    const village = this.villages.find(person.village);
    if (!village) {
      return this.reject(
        row,
        [{ column: rosterHeader('village'), reason: `村（居）“${person.village}”不在本乡镇街（${this.options.township}）的村居名单中` }],
        values,
      );
    }
    const group = this.placed(row, person, village, values);
    if (group === null) return;
    if (row <= this.resumeUpTo) return; // committed by the interrupted run: checked again, not written again
    // A chunk ends where a household ends, so that each household's links are made with it.
    const previous = this.pending[this.pending.length - 1];
    if (this.pending.length >= (this.options.chunkSize ?? CHUNK) && previous && previous.group !== group) await this.flush();
    const { secrets } = this;
    const hash = idLookupHash(secrets, person.idNumber);
    const sealed =
      this.mode === 'preview'
        ? null
        : {
            id: protectIdNumber(secrets, person.idNumber),
            phone: protectPhone(secrets, person.phone),
            keys: nameKeys(person.name) as NameKeys,
          };
    this.pending.push({ row, values, person, village: village.code, villageName: village.name, hash, sealed, group });
    this.lastRow = row;
  }

  /** The row's household, or null when the row is refused (a repeated ID number, a second head, two villages in one household). */
  private placed(row: number, person: RosterPerson, village: Village, values: string[]): HouseholdGroup | null {
    const firstRow = this.seenIds.get(person.idNumber);
    if (firstRow !== undefined) {
      this.reject(row, [{ column: rosterHeader('idNumber'), reason: `身份证号与第${firstRow}行重复` }], values);
      return null;
    }
    this.seenIds.set(person.idNumber, row);
    const group = this.groupOf(person, row);
    if (typeof group === 'string') {
      this.reject(row, [{ column: rosterHeader('relation'), reason: group }], values);
      return null;
    }
    const known = this.groupVillage.get(group.key);
    if (known !== undefined && known !== village.code) {
      this.reject(row, [{ column: rosterHeader('village'), reason: '同一户的成员不能分属不同村居' }], values);
      return null;
    }
    this.groupVillage.set(group.key, village.code);
    if (person.kinship.kin === 'head') {
      if (group.headRow !== null && group.headRow !== row) {
        this.reject(row, [{ column: rosterHeader('relation'), reason: `同一户已有户主（第${group.headRow}行）` }], values);
        return null;
      }
      group.headRow = row;
    }
    return group;
  }

  /** Writes what is left, and answers the result in row order. */
  async finish(): Promise<ImportResult> {
    const { progress, result } = this;
    await this.flush();
    await this.writing;
    if (this.mode !== 'preview' && progress.imported > 0) await q.mergePendingNameTokens(this.db);
    result.errors.sort((a, b) => a.row - b.row);
    result.notes.sort((a, b) => a.row - b.row);
    result.changes.sort((a, b) => a.row - b.row);
    return {
      ...result,
      imported: progress.imported,
      unchanged: progress.unchanged,
      rejected: progress.rejected,
      changed: progress.updated,
      links: progress.links,
      newHouseholds: progress.newHouseholds,
    };
  }
}
