/**
 * `npm run bench`: the registry at district scale. Builds a 1,000,000-person district from CSV
 * rosters (30 townships), imports a workbook sample, and times name search and ID look-up —
 * each import figure beside PostgreSQL's own COPY of the same rows, each partial-name search
 * figure beside the token index's own capped count of the same names, measured in the same run,
 * so the ratio means something on a noisy machine — and the person table's own insert rate, the
 * ceiling of any import. Prints one JSON object per database.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { reachOf, type Grant } from '../src/core/auth/roles.ts';
import { computeCheckCharacter } from '../src/core/ids/idNumber.ts';
import { parseNameQuery } from '../src/core/registry/names.ts';
import { rosterColumns } from '../src/core/registry/roster.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Database } from '../src/db/types.ts';
import type { AuthContext } from '../src/modules/auth/service.ts';
import { importRoster } from '../src/modules/registry/import.ts';
import { COUNT_CAP } from '../src/modules/registry/searchQueries.ts';
import { RegistryService } from '../src/modules/registry/service.ts';
import { Random } from '../src/seed/random.ts';
import { seedOrganisation } from '../src/seed/demo.ts';
import { townships, villages } from '../src/seed/wuqing.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { machine, open, quantile, type Kind } from './common.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const secrets = createSecrets(Buffer.alloc(32, 7));
const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const given = '建国军强华明英兰珍芳秀桂玉凤梅丽静敏燕艳娟霞红萍玲婷雪琳倩伟刚平辉杰涛磊斌鹏超亮勇志德永春海金庆树保卫学忠广福连文武宝山林';

interface Roster {
  file: string;
  township: string;
  rows: number;
}

/** Writes CSV rosters, one per township, with valid unique ID numbers; returns names and IDs to search for. */
/** Sequence numbers handed out per birth date and sex, so every generated ID number is distinct. */
const sequences = new Map<string, number>();

function nextIdNumber(birth: string, sex: 'M' | 'F'): string {
  const key = `${birth}${sex}`;
  const n = sequences.get(key) ?? 0;
  sequences.set(key, n + 1);
  const division = n < 500 ? '120114' : '120222';
  const seq = (n % 500) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `${division}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

function writeCsvRosters(
  dir: string,
  persons: number,
  random: Random,
  prefix = '',
  townshipCount = townships.length,
): { rosters: Roster[]; names: string[]; ids: string[] } {
  const perTownship = Math.ceil(persons / townshipCount);
  const rosters: Roster[] = [];
  const names: string[] = [];
  const ids: string[] = [];
  let serial = 0;
  for (const t of townships) {
    const vs = villages.filter((v) => v.townshipCode === t.code);
    const lines = [rosterColumns.map((c) => c.header).join(',')];
    const count = Math.min(perTownship, persons - serial);
    for (let i = 0; i < count; i++, serial++) {
      const birth = random.date('1930-01-01', '2010-12-31');
      const sex = random.chance(0.5) ? 'M' : 'F';
      const id = nextIdNumber(birth, sex);
      const name = random.pick([...surnames]) + random.pick([...given]) + (random.chance(0.7) ? random.pick([...given]) : '');
      const village = vs[Math.floor(i / 3) % vs.length] as (typeof vs)[number];
      const row: Partial<Record<(typeof rosterColumns)[number]['key'], string>> = {
        householdNumber: `${prefix}${t.code}-${Math.floor(i / 3)}`,
        village: village.name,
        address: `${t.name}${village.name}${i % 200}号`,
        name,
        relation: i % 3 === 0 ? '户主' : i % 3 === 1 ? '配偶' : '子女',
        sex: sex === 'M' ? '男' : '女',
        birthDate: birth,
        idNumber: id,
        hukou: random.chance(0.81) ? '农业' : '非农业',
        phone: random.chance(0.5) ? `139${String(serial).padStart(8, '0')}` : '',
      };
      // Every column of the roster template, in its order; those not written here empty.
      lines.push(rosterColumns.map((c) => row[c.key] ?? '').join(','));
      if (serial % 997 === 0) {
        names.push(name);
        ids.push(id);
      }
    }
    const file = path.join(dir, `${t.code}.csv`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    rosters.push({ file, township: t.code, rows: count });
    if (serial >= persons) break;
  }
  return { rosters, names, ids };
}

async function writeXlsxFromCsv(csvFile: string, out: string, limit: number): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('花名册');
  const lines = fs
    .readFileSync(csvFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  let n = 0;
  for (const line of lines.slice(0, limit + 1)) {
    sheet.addRow(line.split(',')).commit();
    n++;
  }
  await sheet.commit();
  await workbook.commit();
  return n - 1;
}

/** PostgreSQL's own COPY of the same CSV rows into a bare table: the baseline. */
async function copyBaseline(db: Database, files: string[], adminUrl: string | null): Promise<number> {
  await db.exec(`DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (${rosterColumns.map((c) => `"${c.key}" text`).join(', ')})`);
  const started = performance.now();
  let rows = 0;
  for (const file of files) {
    const text = fs.readFileSync(file);
    rows += text.toString('utf8').split('\n').length - 2;
    if (adminUrl) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await pipeline(Readable.from([text]), client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
      await client.end();
    } else {
      const pglite = (db as unknown as { pglite: { query: (sql: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> } }).pglite;
      await pglite.query("COPY bench_copy FROM '/dev/blob' WITH (FORMAT csv, HEADER true)", [], { blob: new Blob([new Uint8Array(text)]) });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await db.exec('DROP TABLE bench_copy');
  return rows / seconds;
}

/**
 * The database's own cost of adding rows to the register: the same person rows, already
 * validated, encrypted and keyed (copied from the imported ones with new ids and hashes), inserted
 * by INSERT … SELECT as the table's owner — indexes, constraints and WAL, no application at all —
 * then rolled back. No import can go faster than this; rows per second.
 */
async function insertFloor(db: Database, rows: number): Promise<number> {
  let seconds = 0;
  await db
    .transaction(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE bench_floor ON COMMIT DROP AS SELECT * FROM person LIMIT ${rows}`);
      await tx.exec('UPDATE bench_floor SET id = gen_random_uuid(), id_number_hash = md5(id_number_hash || id::text)');
      const started = performance.now();
      await tx.exec('INSERT INTO person SELECT * FROM bench_floor');
      seconds = (performance.now() - started) / 1000;
      throw new RolledBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return rows / seconds;
}

class RolledBack extends Error {}

async function run(kind: Kind): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-'));
  const { db, drop, url } = await open(kind, dir, `xingfu_bench_${process.pid}`);
  try {
    await migrate(db);
    await db.transaction(seedOrganisation);
    const random = new Random(1);
    const { rosters, names, ids } = writeCsvRosters(dir, PERSONS, random);
    const copyRate = await copyBaseline(
      db,
      rosters.map((r) => r.file),
      url,
    );

    const grantsFor = (township: string): Grant[] => [{ role: 'township', township, village: null, department: null }];
    let imported = 0;
    const started = performance.now();
    for (const r of rosters) {
      const grants = grantsFor(r.township);
      const result = await importRoster(db, secrets, { district: '120114', userId: '', username: 'bench', grants, reach: reachOf(grants), ip: null }, r.file, {
        township: r.township,
      });
      imported += result.imported;
      if (result.rejected > 0) throw new Error(`bench roster rejected ${result.rejected} rows: ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
    const csvSeconds = (performance.now() - started) / 1000;
    const rssAfterImport = process.resourceUsage().maxRSS / 1024;
    const floorRate = await insertFloor(db, Math.min(100_000, imported));

    // A workbook sample: new persons (ID numbers continue the sequences) into the first township.
    const xlsxDir = fs.mkdtempSync(path.join(dir, 'xlsx-'));
    const xlsxRosters = writeCsvRosters(xlsxDir, XLSX_ROWS, new Random(99), 'X', 1);
    const xlsxFile = path.join(xlsxDir, 'sample.xlsx');
    const first = xlsxRosters.rosters[0] as Roster;
    const xlsxRows = await writeXlsxFromCsv(first.file, xlsxFile, XLSX_ROWS);
    const xStart = performance.now();
    const grants = grantsFor(first.township);
    const xlsxResult = await importRoster(
      db,
      secrets,
      { district: '120114', userId: '', username: 'bench-xlsx', grants, reach: reachOf(grants), ip: null },
      xlsxFile,
      { township: first.township },
    );
    const xlsxSeconds = (performance.now() - xStart) / 1000;

    const office: AuthContext = {
      district: '120114',
      userId: randomUUID(),
      username: 'bench',
      grants: [{ role: 'office', township: null, village: null, department: null }],
      reach: reachOf([{ role: 'office', township: null, village: null, department: null }]),
      ip: null,
      tokenHash: '',
      csrfToken: '',
      pendingTotp: false,
      displayName: 'bench',
      mustChangePassword: false,
      mustEnrolTotp: false,
      totpEnabled: false,
      idleTimeoutMinutes: 30,
      permissions: ['registry.read'],
    };
    const registry = new RegistryService(db, secrets);
    const time = async (q: string) => {
      const t0 = performance.now();
      await registry.search(office, { q, page: 1, pageSize: 20, sort: 'name', order: 'asc' });
      return performance.now() - t0;
    };
    const nameTimes: number[] = [];
    for (const name of names.slice(0, 300)) nameTimes.push(await time(name));
    // Partial names: the given name of a sampled person (one or two characters), and characters
    // common in the district's names — surnames, given-name characters and a surname with one.
    const partials = names.slice(0, 100).map((name) => [...name].slice(1).join('') || name);
    const commons = [...[...surnames].slice(0, 10), ...[...given].slice(0, 10), '王秀', '张伟', '李建', '刘明', '陈芳'];
    // Beside each, the database's own capped count of the same names by the token index, as the
    // table's owner (no row-level security, no page): what any search that counts them must read.
    // In a pass of its own before the searches, so that neither finds the other's pages cached.
    const tokenCount = async (q: string) => {
      const keys = parseNameQuery(q);
      if (keys?.kind !== 'hanzi') throw new Error(`not a name in Chinese characters: ${q}`);
      const t0 = performance.now();
      await db.query(`SELECT count(*) FROM (SELECT 1 FROM person WHERE district_code = '120114' AND name_tokens @> $1::text[] LIMIT ${COUNT_CAP + 1}) x`, [
        keys.tokens,
      ]);
      return performance.now() - t0;
    };
    const figures = (times: number[], baseline: number[]) => ({
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      queries: times.length,
      tokenIndexCountMs: { p50: quantile(baseline, 0.5), p95: quantile(baseline, 0.95) },
      ratioToTokenIndexCount: {
        p50: Number((quantile(times, 0.5) / quantile(baseline, 0.5)).toFixed(1)),
        p95: Number((quantile(times, 0.95) / quantile(baseline, 0.95)).toFixed(1)),
      },
    });
    const partialBaseline: number[] = [];
    for (const q of partials) partialBaseline.push(await tokenCount(q));
    const partialTimes: number[] = [];
    for (const q of partials) partialTimes.push(await time(q));
    const commonBaseline: number[] = [];
    for (const q of commons) commonBaseline.push(await tokenCount(q));
    const commonTimes: number[] = [];
    for (const q of commons) commonTimes.push(await time(q));
    const idTimes: number[] = [];
    for (const id of ids.slice(0, 300)) idTimes.push(await time(id));

    const result = {
      database: kind,
      persons: imported,
      csvImport: {
        rowsPerSecond: Math.round(imported / csvSeconds),
        seconds: Number(csvSeconds.toFixed(1)),
        copyBaselineRowsPerSecond: Math.round(copyRate),
        ratioToCopy: Number((imported / csvSeconds / copyRate).toFixed(3)),
      },
      personInsertFloor: {
        rowsPerSecond: Math.round(floorRate),
        ratioToCopy: Number((floorRate / copyRate).toFixed(3)),
        csvImportRatio: Number((imported / csvSeconds / floorRate).toFixed(2)),
      },
      xlsxImport: {
        rows: xlsxRows,
        imported: xlsxResult.imported,
        unchanged: xlsxResult.unchanged,
        rejected: xlsxResult.rejected,
        rejectedSample: xlsxResult.errors.slice(0, 3).map((e) => `${e.row} ${e.column}: ${e.reason}`),
        rowsPerSecond: Math.round(xlsxRows / xlsxSeconds),
        ratioToCopy: Number((xlsxRows / xlsxSeconds / copyRate).toFixed(3)),
      },
      nameSearchMs: { p50: quantile(nameTimes, 0.5), p95: quantile(nameTimes, 0.95), queries: nameTimes.length },
      partialNameSearchMs: figures(partialTimes, partialBaseline),
      commonCharacterSearchMs: figures(commonTimes, commonBaseline),
      idLookupMs: { p50: quantile(idTimes, 0.5), p95: quantile(idTimes, 0.95), queries: idTimes.length },
      peakRssMb: Math.round(rssAfterImport),
    };
    return result;
  } finally {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const only = process.argv[2];
if (only !== 'embedded') process.stdout.write(`${JSON.stringify({ machine, ...(await run('postgres')) })}\n`);
if (only !== 'postgres') process.stdout.write(`${JSON.stringify({ machine, ...(await run('embedded')) })}\n`);
