import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { nameKeys, type NameKeys } from '../../core/registry/names.ts';
import { mapHeaders, rosterColumns, validateRosterRow, type RawRow, type RosterKey, type RosterPerson } from '../../core/registry/roster.ts';
import { inFlight } from '../../db/inFlight.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { appendAudit } from '../audit/log.ts';
import { saveProgress } from '../jobs/queue.ts';
import { protectIdNumber, protectPhone, type Protected } from './protect.ts';
import * as q from './queries.ts';
import { ByteCounter, importError, readRows, sniffFormat, type FileFormat } from './rows.ts';
import { chinaToday } from './service.ts';

/** One rejected row of an import, as the error workbook lists it. */
export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
  values: string[];
}

export interface ImportProgress {
  /** Rows up to this (1-based, header = 1) are committed. */
  lastRow: number;
  imported: number;
  unchanged: number;
  rejected: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportResult {
  imported: number;
  unchanged: number;
  rejected: number;
  errors: RejectedRow[];
  errorsTruncated: boolean;
}

export interface ImportOptions {
  /** The township the roster belongs to; its villages are the only ones accepted. */
  township: string;
  chunkSize?: number;
  /** Progress already committed by an earlier, interrupted run of the same job. */
  resume?: ImportProgress | undefined;
  job?: { district: string; id: string } | undefined;
  onProgress?: (p: ImportProgress) => void;
}

const MAX_ERROR_ROWS = 100_000;
const CHUNK = 5_000;
/** Rows read between two turns of the event loop. */
const YIELD_EVERY = 64;

/** A valid row waiting for its chunk, with its keys and ciphertexts already made. */
interface Pending {
  rowNumber: number;
  values: string[];
  person: RosterPerson;
  villageCode: string;
  id: Protected;
  phone: { enc: string | null; masked: string | null };
  keys: NameKeys;
}

/**
 * Imports a township roster (.xlsx or .csv), streamed: rows are validated one by one, valid rows
 * are written in chunks, each chunk one transaction with the job's progress, so a crash leaves
 * whole chunks or nothing and a resumed run starts after the last committed chunk. Importing the
 * same file again changes nothing: a person is identified by ID number.
 *
 * Reading and writing overlap: while one chunk is being written, the next one is read, checked
 * and encrypted, so the database and the JavaScript work each keep a core busy. Chunks still
 * commit one after another, in file order.
 */
export async function importRoster(db: Database, secrets: Secrets, actor: Actor, file: string, options: ImportOptions): Promise<ImportResult> {
  const format: FileFormat = sniffFormat(file);
  const counter = new ByteCounter();
  const bytesTotal = fs.statSync(file).size;
  const villages = await villagesByKey(db, actor.district, options.township);
  const today = chinaToday();
  const resumeUpTo = options.resume?.lastRow ?? 0;
  const progress: ImportProgress = options.resume ? { ...options.resume, rejected: 0, bytesTotal } : { lastRow: 1, imported: 0, unchanged: 0, rejected: 0, bytesRead: 0, bytesTotal };
  const errors: RejectedRow[] = [];
  /** A rejected row counts once, however many problems it has; each problem is listed. */
  const reject = (row: number, problems: { column: string; reason: string }[], values: string[]) => {
    progress.rejected++;
    for (const p of problems) if (errors.length < MAX_ERROR_ROWS) errors.push({ row, column: p.column, reason: p.reason, values });
  };
  const seenIds = new Map<string, number>();
  /** The village of each household number met in the file so far. */
  const fileHouseholds = new Map<string, string>();
  /** Households the writer knows: met in earlier chunks, found in the register, or taken elsewhere. */
  const households = new Map<string, KnownHousehold>();
  let header: Map<RosterKey, number> | null = null;
  let rowNumber = 0;
  let pending: Pending[] = [];
  let analyzedAt = 0;
  let writing: Promise<void> = Promise.resolve();

  const write = async (chunk: Pending[], upTo: number, bytesRead: number) => {
    await withScope(db, actor, async (tx) => {
      const outcome = await writeChunk(tx, actor, options.township, chunk, households, (sealed) => secrets.decrypt(sealed));
      for (const r of outcome.rejected) reject(r.rowNumber, [{ column: r.column, reason: r.reason }], r.values);
      progress.imported += outcome.imported;
      progress.unchanged += outcome.unchanged;
      progress.lastRow = Math.max(progress.lastRow, upTo);
      progress.bytesRead = bytesRead;
      // The job's progress commits with the chunk; jobs belong to the system, not to the user's role.
      await tx.query('RESET ROLE');
      if (options.job) await saveProgress(tx, options.job, { ...progress });
      if (outcome.imported > 0) {
        await appendAudit(tx, {
          district: actor.district, actorId: actor.userId || null, actorUsername: actor.username, action: 'registry.import',
          entityType: 'import', entityId: options.job?.id ?? null, ip: actor.ip, detail: { rows: chunk.length, imported: outcome.imported, unchanged: outcome.unchanged },
        });
      }
    });
    options.onProgress?.({ ...progress });
    // Planner statistics follow the table's growth (the embedded engine has no autovacuum, and the
    // server's may not have come round yet), so that look-ups by ID number keep using their index:
    // once this import has added as many rows as the statistics knew of, they are renewed.
    const added = progress.imported - analyzedAt;
    if (added >= 20_000 && added >= await q.estimatedPersons(db)) {
      await db.exec('ANALYZE household, person');
      analyzedAt = progress.imported;
    }
  };

  /** Hands the rows read so far to the writer, once it has finished the previous chunk. */
  const flush = async () => {
    const chunk = pending;
    pending = [];
    await writing;
    if (chunk.length === 0 && progress.lastRow >= rowNumber) return;
    // Failures surface at the next flush or at the end.
    writing = inFlight(write(chunk, rowNumber, counter.bytes));
  };

  for await (const cells of readRows(file, format, counter)) {
    rowNumber++;
    // A file chunk holds hundreds of rows, read without a pause; let the writer's replies in.
    if (rowNumber % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (header === null) {
      const mapped = mapHeaders(cells);
      if (mapped.missing.length > 0) {
        throw importError('import_columns', `缺少必需的列:${mapped.missing.join('、')}。请使用导入模板的表头(第一行)`,
          `Missing required columns: ${mapped.missing.join(', ')}. Use the template's header row`, { missing: mapped.missing, unknown: mapped.unknown });
      }
      header = mapped.index;
      continue;
    }
    const raw: RawRow = {};
    for (const [key, index] of header) raw[key] = cells[index] ?? null;
    const values = rosterColumns.map((c) => { const i = header?.get(c.key); return i === undefined ? '' : String(cells[i] ?? ''); });
    const result = validateRosterRow(raw, today);
    if (!result.ok) {
      reject(rowNumber, result.problems, values);
      continue;
    }
    const person = result.person;
    const village = villages.get(person.village);
    if (!village) {
      reject(rowNumber, [{ column: '村(居)', reason: `村(居)“${person.village}”不在本乡镇街(${options.township})的村居名单中` }], values);
      continue;
    }
    const firstRow = seenIds.get(person.idNumber);
    if (firstRow !== undefined) {
      reject(rowNumber, [{ column: '身份证号', reason: `身份证号与第${firstRow}行重复` }], values);
      continue;
    }
    seenIds.set(person.idNumber, rowNumber);
    const householdVillage = fileHouseholds.get(person.householdNumber);
    if (householdVillage !== undefined && householdVillage !== village) {
      reject(rowNumber, [{ column: '村(居)', reason: `同一户号(${person.householdNumber})的成员不能分属不同村居` }], values);
      continue;
    }
    fileHouseholds.set(person.householdNumber, village);
    if (rowNumber <= resumeUpTo) continue; // committed by the interrupted run: checked again, not written again
    pending.push({
      rowNumber, values, person, villageCode: village,
      id: protectIdNumber(secrets, person.idNumber), phone: protectPhone(secrets, person.phone), keys: nameKeys(person.name),
    });
    if (pending.length >= (options.chunkSize ?? CHUNK)) await flush();
  }
  if (header === null) throw importError('import_empty', '文件中没有数据(连表头都没有)', 'The file holds no rows, not even a header');
  await flush();
  await writing;
  await q.mergePendingNameTokens(db);
  return { imported: progress.imported, unchanged: progress.unchanged, rejected: progress.rejected, errors, errorsTruncated: progress.rejected > errors.length };
}

/** The township's villages by name and by code. */
async function villagesByKey(db: Database, district: string, township: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM village WHERE district_code = $1 AND township_code = $2', [district, township]);
  if (rows.length === 0) throw importError('import_township', `乡镇街代码 ${township} 不存在或没有村居`, `Unknown township ${township}`);
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(r.code, r.code);
    map.set(r.name, r.code);
  }
  return map;
}

interface ChunkOutcome {
  imported: number;
  unchanged: number;
  rejected: { rowNumber: number; column: string; reason: string; values: string[] }[];
}

/** What the register holds of a person, as a re-imported row is compared with it. */
interface Registered {
  id_number_hash: string;
  name: string;
  hukou: string;
  birth_date: string;
  village_code: string;
  marital_status: string;
  phone_enc: string | null;
  death_date: string | null;
  one_child_certificate_number: string | null;
  one_child_certificate_date: string | null;
}

/**
 * The columns in which a row differs from the person registered under its ID number. A column the
 * row leaves empty is not compared: the roster did not say. Identity columns (name, birth date,
 * village, hukou) are compared always.
 */
function differences(p: RosterPerson, e: Registered, village: string, decrypt: (sealed: string) => string): string[] {
  const given = <T>(value: T | null, registered: T | null) => value !== null && value !== registered;
  const columns: [boolean, RosterKey][] = [
    [p.name !== e.name, 'name'],
    [p.birthDate !== e.birth_date, 'birthDate'],
    [village !== e.village_code, 'village'],
    [p.hukou !== e.hukou, 'hukou'],
    [p.maritalStatus !== 'unknown' && p.maritalStatus !== e.marital_status, 'maritalStatus'],
    [p.phone !== null && (e.phone_enc === null || decrypt(e.phone_enc) !== p.phone), 'phone'],
    [given(p.deathDate, e.death_date), 'deathDate'],
    [given(p.oneChildCertificateNumber, e.one_child_certificate_number), 'oneChildCertificateNumber'],
    [given(p.oneChildCertificateDate, e.one_child_certificate_date), 'oneChildCertificateDate'],
  ];
  return columns.filter(([differs]) => differs).map(([, key]) => rosterColumns.find((c) => c.key === key)?.header ?? key);
}

/** A household the writer has met: id '' means its number is taken in another township. */
interface KnownHousehold {
  id: string;
  village: string;
}

async function writeChunk(
  tx: Queryable, actor: Actor, township: string, chunk: Pending[], households: Map<string, KnownHousehold>, decrypt: (sealed: string) => string,
): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { imported: 0, unchanged: 0, rejected: [] };
  if (chunk.length === 0) return outcome;
  // ID numbers taken anywhere in the district; of those, the ones the importer sees are compared
  // with the row (a new roster has none, and skips the second look-up).
  const taken = await q.takenIdHashes(tx, chunk.map((p) => p.id.hash));
  const visible = taken.size === 0 ? [] : (await tx.query<Registered>(
    `SELECT id_number_hash, name, hukou, birth_date::text AS birth_date, village_code, marital_status, phone_enc, death_date::text AS death_date,
            one_child_certificate_number, one_child_certificate_date::text AS one_child_certificate_date
       FROM person WHERE id_number_hash = ANY ($1::text[])`, [[...taken]],
  )).rows;
  const existing = new Map(visible.map((r) => [r.id_number_hash, r]));

  // Households: known from earlier chunks, already in the register (seen, or taken elsewhere), or new.
  const numbers = [...new Set(chunk.map((p) => p.person.householdNumber).filter((n) => !households.has(n)))];
  const takenNumbers = numbers.length === 0 ? [] : (await tx.query<{ n: string }>(
    'SELECT xingfu_taken_household_numbers AS n FROM xingfu_taken_household_numbers($1::text[])', [numbers])).rows.map((r) => r.n);
  if (takenNumbers.length > 0) {
    const found = await tx.query<{ id: string; household_number: string; village_code: string }>(
      'SELECT id, household_number, village_code FROM household WHERE household_number = ANY ($1::text[])', [takenNumbers],
    );
    for (const h of found.rows) households.set(h.household_number, { id: h.id, village: h.village_code });
    for (const n of takenNumbers) if (!households.has(n)) households.set(n, { id: '', village: '' });
  }
  const newHouseholds: { id: string; number: string; village: string; address: string }[] = [];
  const people: q.NewPerson[] = [];
  for (const p of chunk) {
    const id = p.id;
    const already = existing.get(id.hash);
    if (already) {
      const differing = differences(p.person, already, p.villageCode, decrypt);
      if (differing.length === 0) outcome.unchanged++;
      else outcome.rejected.push({ rowNumber: p.rowNumber, values: p.values, column: differing[0] as string, reason: `该身份证号已登记,但${differing.join('、')}与登记不一致;导入不修改已登记的人员,请通过变更登记修改` });
      continue;
    }
    if (taken.has(id.hash)) {
      outcome.rejected.push({ rowNumber: p.rowNumber, values: p.values, column: '身份证号', reason: '该身份证号已在其他乡镇街登记' });
      continue;
    }
    let household = households.get(p.person.householdNumber);
    if (household && household.id === '') {
      outcome.rejected.push({ rowNumber: p.rowNumber, values: p.values, column: '户号', reason: `户号 ${p.person.householdNumber} 已被其他乡镇街使用` });
      continue;
    }
    if (household && household.village !== p.villageCode) {
      outcome.rejected.push({ rowNumber: p.rowNumber, values: p.values, column: '户号', reason: `户号 ${p.person.householdNumber} 已登记在另一个村居` });
      continue;
    }
    if (!household) {
      household = { id: randomUUID(), village: p.villageCode };
      households.set(p.person.householdNumber, household);
      newHouseholds.push({ id: household.id, number: p.person.householdNumber, village: p.villageCode, address: p.person.address });
    }
    const { keys, phone } = p;
    people.push({
      id: randomUUID(), householdId: household.id, townshipCode: township, villageCode: p.villageCode, relation: p.person.relation,
      name: p.person.name, pinyin: keys.pinyin, initials: keys.initials, tokens: keys.tokens, sex: p.person.sex, birthDate: p.person.birthDate,
      idEnc: id.enc, idHash: id.hash, idMasked: id.masked, phoneEnc: phone.enc, phoneMasked: phone.masked, hukou: p.person.hukou,
      maritalStatus: p.person.maritalStatus, deathDate: p.person.deathDate, certificateNumber: p.person.oneChildCertificateNumber,
      certificateDate: p.person.oneChildCertificateDate,
    });
  }
  await q.insertHouseholds(tx, actor.district, actor.username, newHouseholds.map((h) => ({ ...h, township })));
  await q.insertEvents(tx, actor.district, actor.username,
    newHouseholds.map((h) => ({ householdId: h.id, personId: null, kind: 'registered', date: chinaToday(), detail: { source: 'import' } })));
  await q.insertPersons(tx, actor.district, actor.username, people);
  outcome.imported = people.length;
  return outcome;
}

/** The error workbook: one line per problem, with the row number, the column, the reason in Chinese and the row as given. */
export async function errorWorkbook(result: ImportResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('未导入的行');
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '问题所在列', key: 'column', width: 14 },
    { header: '原因', key: 'reason', width: 60 },
    ...rosterColumns.map((c) => ({ header: c.header, key: c.key, width: 16 })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const e of result.errors) {
    const line: Record<string, string | number> = { row: e.row, column: e.column, reason: e.reason };
    rosterColumns.forEach((c, i) => { line[c.key] = e.values[i] ?? ''; });
    sheet.addRow(line);
  }
  if (result.errorsTruncated) sheet.addRow({ reason: `另有 ${result.rejected - result.errors.length} 个问题未列出(只列出前 ${result.errors.length} 个)` });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: the roster's Chinese headers, an example row and a sheet of notes. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.columns = rosterColumns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 3) }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(rosterColumns.map((c) => [c.key, c.example])));
  sheet.getColumn('idNumber').numFmt = '@';
  sheet.getColumn('phone').numFmt = '@';
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ header: '列', key: 'h', width: 18 }, { header: '是否必填', key: 'r', width: 10 }, { header: '说明', key: 'n', width: 70 }];
  const explain: Partial<Record<RosterKey, string>> = {
    householdNumber: '同一户的成员填相同户号', village: '村(居)名称或12位代码,须属于本乡镇街', relation: '户主、配偶、子女、父母、孙子女、其他',
    sex: '男或女,须与身份证号一致;可不填', birthDate: '如 1950-03-02;须与身份证号一致;可不填', idNumber: '18位(末位可为X)或15位旧号,请设置为文本格式',
    hukou: '农业或非农业', maritalStatus: '未婚、已婚、离婚、丧偶', deathDate: '已故人员填写', oneChildCertificateDate: '如 1985-06-01',
  };
  for (const c of rosterColumns) notes.addRow({ h: c.header, r: c.required ? '必填' : '选填', n: explain[c.key] ?? '' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
