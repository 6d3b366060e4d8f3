/**
 * `npm run bench:coordination` (also part of `npm run bench`): the coordination module at city
 * scale — 16 districts × 19 departments × 36 months (2009-01 … 2011-12) of monthly reports with
 * their indicator values, loaded by COPY straight into the real tables — then times, as the office
 * of the demo district (row-level security on):
 *   A. the completeness grid of 2011 (what GET /api/coord/completeness returns); target < 1 s;
 *   B. the year bulletin of 2011: its content (bulletinForPeriod) and its Word document
 *      (bulletinDocx), separately and together; target < 3 s;
 *   C. both through the app (GET /api/coord/completeness, POST /api/coord/bulletins, GET …/docx);
 * each timed after one untimed warm-up run (reported as firstMs), a target met when the slowest
 * run is under it, and each beside a baseline measured in the same run — a plain SELECT of the
 * district-year's reports and of the city's whole coord_report_value table as the owner (no
 * row-level security), and PostgreSQL's own COPY of the same rows into bare tables — so the ratio
 * means something on a noisy machine. Prints one JSON object per database.
 *
 *   node --import tsx bench/coordination.ts [postgres|embedded]
 *   BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: a database is created beside it and dropped),
 *   BENCH_COORD_RUNS (the repetitions of every timed figure; default 20 for the grid and the API's grid, 5 for the bulletin),
 *   BENCH_COORD_BULLETIN_RUNS (the bulletin's alone, overriding BENCH_COORD_RUNS).
 *
 * Each database runs in a child process of its own, so that its peak RSS is its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { permissionsOf } from '../src/core/auth/roles.ts';
import { migrate } from '../src/db/migrate.ts';
import { withScope } from '../src/db/scope.ts';
import { actorFor } from '../src/modules/auth/actor.ts';
import { bulletinDocx } from '../src/modules/coordination/bulletinDocx.ts';
import { bulletinForPeriod, type BulletinView } from '../src/modules/coordination/bulletins.ts';
import { completenessChartPng } from '../src/modules/coordination/charts.ts';
import { completeness, type CoordActor } from '../src/modules/coordination/reports.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { district as demoDistrict } from '../src/seed/wuqing.ts';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { copyInto, open, QueryLog, quantile, runBench, signIn, type Kind } from './common.ts';
import { buildReports, columns, createDistricts, MONTHS } from './coordinationCity.ts';

const RUNS = process.env.BENCH_COORD_RUNS === undefined ? undefined : Number(process.env.BENCH_COORD_RUNS);
const GRID_RUNS = RUNS ?? 20;
const BULLETIN_RUNS = Number(process.env.BENCH_COORD_BULLETIN_RUNS ?? RUNS ?? 5);
const YEAR = 2011;
const GRID_TARGET_MS = 1000;
const BULLETIN_TARGET_MS = 3000;
const secrets = createSecrets(Buffer.alloc(32, 7));

// --- Where the time goes -----------------------------------------------------------------------

/** common.ts's QueryLog as this bench reports it: statements by their first 100 characters, the eight slowest, in milliseconds. */
class MsLog extends QueryLog {
  constructor() {
    super(100);
  }
  totalMs(): number {
    return ms(this.elapsedMs());
  }
  top(): { sql: string; calls: number; ms: number; rows: number }[] {
    return this.slowest()
      .slice(0, 8)
      .map(([sql, s]) => ({ sql, calls: s.calls, ms: ms(s.ms), rows: s.rows }));
  }
}

const ms = (n: number) => Number(n.toFixed(2));
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/** Runs fn once untimed (warm-up), then `runs` times; returns each run's milliseconds and the last result. */
async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number[]; firstMs: number; result: T }> {
  let t0 = performance.now();
  let result = await fn();
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: times, firstMs: ms(firstMs), result };
}
const stats = (t: { ms: number[]; firstMs: number }) => ({ p50Ms: quantile(t.ms, 0.5), maxMs: quantile(t.ms, 1), firstMs: t.firstMs, runs: t.ms.length });

// --- One database ------------------------------------------------------------------------------

async function run(kind: Kind): Promise<Record<string, unknown>> {
  const benchStarted = performance.now();
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-coordination-'));
  const { db, drop } = await open(kind, dir, `xingfu_bench_coordination_${process.pid}`);
  try {
    let t0 = performance.now();
    await migrate(db);
    await seedDemo(db); // accounts, organisation and the demo district's coordination (2011)
    const seedMs = performance.now() - t0;
    t0 = performance.now();
    await createDistricts(db);
    const districtsMs = performance.now() - t0;
    t0 = performance.now();
    const city = await buildReports(db);
    const generateMs = performance.now() - t0;

    // Baseline: PostgreSQL's own COPY of the same rows into bare unlogged tables (no indexes,
    // constraints, foreign keys or triggers).
    await db.exec(`DROP TABLE IF EXISTS bench_report, bench_value;
      CREATE UNLOGGED TABLE bench_report (LIKE coord_report INCLUDING DEFAULTS); CREATE UNLOGGED TABLE bench_value (LIKE coord_report_value INCLUDING DEFAULTS)`);
    const bareMs =
      (await copyInto(db, 'bench_report', columns.report, city.report.chunks)) + (await copyInto(db, 'bench_value', columns.value, city.value.chunks));
    await db.exec('DROP TABLE bench_report, bench_value');

    // The real tables, with their indexes, constraints, foreign keys and the lock triggers: the
    // reports (to-be-accepted ones as submitted), their values, then the acceptance in one UPDATE.
    const reportCopyMs = await copyInto(db, 'coord_report', columns.report, city.report.chunks);
    const valueCopyMs = await copyInto(db, 'coord_report_value', columns.value, city.value.chunks);
    t0 = performance.now();
    const accepted = await db.query(`UPDATE coord_report SET status = 'accepted' WHERE status = 'submitted' AND accepted_by IS NOT NULL`);
    const acceptMs = performance.now() - t0;
    if (accepted.rowCount !== city.toAccept) throw new Error(`accepted ${accepted.rowCount} reports, expected ${city.toAccept}`);
    t0 = performance.now();
    await db.exec('VACUUM (ANALYZE) coord_report, coord_report_value');
    const vacuumMs = performance.now() - t0;
    const loadMs = reportCopyMs + valueCopyMs + acceptMs + vacuumMs;
    const counts = (
      await db.query<{
        districts: number;
        departments: number;
        department_rows: number;
        reports: number;
        values: number;
        district_year_reports: number;
        district_year_values: number;
      }>(
        `SELECT (SELECT count(*)::int FROM district) AS districts, (SELECT count(DISTINCT code)::int FROM department) AS departments,
              (SELECT count(*)::int FROM department) AS department_rows,
              (SELECT count(*)::int FROM coord_report) AS reports, (SELECT count(*)::int FROM coord_report_value) AS values,
              (SELECT count(*)::int FROM coord_report WHERE district_code = $1 AND period >= $2 AND period <= $3) AS district_year_reports,
              (SELECT count(*)::int FROM coord_report_value v JOIN coord_report r ON r.district_code = v.district_code AND r.id = v.report_id
                WHERE r.district_code = $1 AND r.period >= $2 AND r.period <= $3) AS district_year_values`,
        [demoDistrict.code, `${YEAR}-01-01`, `${YEAR}-12-01`],
      )
    ).rows[0];
    if (counts === undefined) throw new Error('no counts');
    const copyRows = city.report.rows + city.value.rows;
    const load = {
      generatedReports: city.report.rows,
      generatedValues: city.value.rows,
      megabytes: Number(((city.report.bytes + city.value.bytes) / 2 ** 20).toFixed(1)),
      byStatus: city.byStatus,
      late: city.late,
      missing: city.missing,
      reportCopyMs: ms(reportCopyMs),
      valueCopyMs: ms(valueCopyMs),
      acceptUpdateMs: ms(acceptMs),
      vacuumAnalyzeMs: ms(vacuumMs),
      rowsPerSecond: Math.round(copyRows / (loadMs / 1000)),
      baseline: {
        what: 'COPY of the same rows into bare unlogged tables (no indexes, constraints, foreign keys or triggers)',
        ms: ms(bareMs),
        rowsPerSecond: Math.round(copyRows / (bareMs / 1000)),
      },
      ratio: ratio(loadMs, bareMs),
      setupMs: { migrateAndSeedDemo: ms(seedMs), otherDistricts: ms(districtsMs), generate: ms(generateMs) },
    };
    for (const t of [city.report, city.value]) t.chunks.length = 0;

    const base = await actorFor(db, 'office');
    const actor: CoordActor = { ...base, permissions: permissionsOf(base.grants) };

    // A. The completeness grid of the year, as the office, beside a plain SELECT of the district-year's reports.
    const grid = await timed(GRID_RUNS, () => withScope(db, actor, (tx) => completeness(tx, actor, YEAR)));
    if (grid.result.rows.length !== 19 || grid.result.months.length !== 12)
      throw new Error(`the grid has ${grid.result.rows.length} rows × ${grid.result.months.length} months`);
    const gridBaseline = await timed(GRID_RUNS, () =>
      db.query(
        `SELECT id, department_code, to_char(period, 'YYYY-MM') AS period, status, progress, work, effect, problems, first_submitted_at, accepted_at,
              return_comment, version FROM coord_report WHERE district_code = $1 AND period >= $2 AND period <= $3`,
        [demoDistrict.code, `${YEAR}-01-01`, `${YEAR}-12-01`],
      ),
    );
    const gridLog = new MsLog();
    await withScope(db, actor, (tx) => completeness(gridLog.scoped(tx), actor, YEAR));
    const gridP50 = quantile(grid.ms, 0.5);
    const gridBaselineP50 = quantile(gridBaseline.ms, 0.5);

    // B. The year bulletin: content (computed and shaped as the view), then the .docx.
    const content = await timed(BULLETIN_RUNS, () => withScope(db, actor, (tx) => bulletinForPeriod(tx, String(YEAR))));
    const view: BulletinView = content.result;
    if (view.completeness.rows.length !== 19) throw new Error(`the bulletin has ${view.completeness.rows.length} completeness rows`);
    const docx = await timed(BULLETIN_RUNS, () => bulletinDocx(view));
    // Diagnostic: the chart bulletinDocx draws (报送率、及时率 per department), alone.
    const chart = await timed(BULLETIN_RUNS, async () =>
      completenessChartPng(view.completeness.rows.map((r) => ({ name: r.department.shortName, completeness: r.completeness, timeliness: r.timeliness }))),
    );
    const total = await timed(BULLETIN_RUNS, async () => bulletinDocx(await withScope(db, actor, (tx) => bulletinForPeriod(tx, String(YEAR)))));
    const valueBaseline = await timed(BULLETIN_RUNS, () =>
      db.query('SELECT district_code, report_id, department_code, indicator_code, value FROM coord_report_value'),
    );
    if (valueBaseline.result.rows.length !== counts.values) throw new Error('the baseline did not read every value');
    const bulletinLog = new MsLog();
    await withScope(db, actor, (tx) => bulletinForPeriod(bulletinLog.scoped(tx), String(YEAR)));
    const totalP50 = quantile(total.ms, 0.5);
    const valueBaselineP50 = quantile(valueBaseline.ms, 0.5);

    // C. The same through the app, signed in as the office (a demo account: no second factor).
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { demo: false, dataDir: dir }), db, secrets });
    let api: Record<string, unknown>;
    try {
      await app.ready();
      const { headers } = await signIn(app, 'office');
      const request = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
        const res = await app.inject({
          method,
          url,
          headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        });
        if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res;
      };
      const apiGrid = await timed(GRID_RUNS, () => request('GET', `/api/coord/completeness?year=${YEAR}`));
      const ids: string[] = [];
      const apiCreate = await timed(BULLETIN_RUNS, async () => {
        const res = await request('POST', '/api/coord/bulletins', { period: String(YEAR) });
        ids.push((res.json() as { id: string }).id);
        return res;
      });
      let next = 0;
      const apiDocx = await timed(BULLETIN_RUNS, () => request('GET', `/api/coord/bulletins/${ids[next++ % ids.length]}/docx`));
      const createP50 = quantile(apiCreate.ms, 0.5);
      const docxP50 = quantile(apiDocx.ms, 0.5);
      api = {
        completeness: {
          endpoint: `GET /api/coord/completeness?year=${YEAR}`,
          ...stats(apiGrid),
          bytes: apiGrid.result.body.length,
          met: quantile(apiGrid.ms, 0.5) < GRID_TARGET_MS,
        },
        bulletinCreate: { endpoint: 'POST /api/coord/bulletins {period}', ...stats(apiCreate), bytes: apiCreate.result.body.length },
        bulletinDocx: { endpoint: 'GET /api/coord/bulletins/:id/docx', ...stats(apiDocx), bytes: apiDocx.result.rawPayload.length },
        bulletinTotalP50Ms: ms(createP50 + docxP50),
        bulletinMet: createP50 + docxP50 < BULLETIN_TARGET_MS,
      };
    } finally {
      await app.close();
    }

    const settings = (
      await db.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'jit', 'shared_buffers', 'work_mem')`,
      )
    ).rows;
    return {
      database: kind,
      machine,
      settings: Object.fromEntries(settings.map((r) => [r.name, r.setting])),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
      city: {
        districts: counts.districts,
        departments: counts.departments,
        months: MONTHS.length,
        reports: counts.reports,
        values: counts.values,
        loadMs: ms(loadMs),
        departmentRows: counts.department_rows,
        load,
      },
      grid: {
        what: `completeness(${YEAR}) as the office of ${demoDistrict.code} under row-level security`,
        ...stats(grid),
        targetMs: GRID_TARGET_MS,
        met: quantile(grid.ms, 1) < GRID_TARGET_MS,
        districtYear: { reports: counts.district_year_reports, values: counts.district_year_values },
        baselineSelectMs: gridBaselineP50,
        baselineWhat: 'plain SELECT of the district-year’s coord_report rows as the owner (no row-level security), p50',
        ratio: ratio(gridP50, gridBaselineP50),
        statements: { sqlMs: gridLog.totalMs(), top: gridLog.top() },
      },
      bulletin: {
        what: `bulletinForPeriod('${YEAR}') as the office, then bulletinDocx`,
        contentP50Ms: quantile(content.ms, 0.5),
        contentMaxMs: quantile(content.ms, 1),
        contentFirstMs: content.firstMs,
        docxP50Ms: quantile(docx.ms, 0.5),
        docxMaxMs: quantile(docx.ms, 1),
        docxBytes: (docx.result as Buffer).length,
        docxChartP50Ms: quantile(chart.ms, 0.5),
        docxChartWhat: 'of the docx: completenessChartPng alone (ECharts SVG, then resvg to PNG), p50',
        totalP50Ms: totalP50,
        totalMaxMs: quantile(total.ms, 1),
        runs: BULLETIN_RUNS,
        targetMs: BULLETIN_TARGET_MS,
        met: quantile(total.ms, 1) < BULLETIN_TARGET_MS,
        baselineSelectMs: valueBaselineP50,
        baselineWhat: `plain SELECT of the city’s whole coord_report_value (${counts.values} rows) as the owner, p50`,
        ratio: ratio(totalP50, valueBaselineP50),
        content: {
          lateItems: view.late.length,
          returned: view.returned.length,
          highlights: view.highlights.length,
          indicators: view.indicators.length,
          problems: view.problems.length,
        },
        statements: { sqlMs: bulletinLog.totalMs(), top: bulletinLog.top() },
      },
      api,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      benchSeconds: Number(((performance.now() - benchStarted) / 1000).toFixed(1)),
    };
  } finally {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- Main --------------------------------------------------------------------------------------

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
await runBench(import.meta.url, run);
