/**
 * `npm run bench:benefits` (also part of `npm run bench`): the benefit programmes at district
 * scale. Builds a 1,000,000-person register by COPY straight into the real tables, then times
 *   A. evaluating every person of the register for one month, as the office (row-level security on);
 *   B. generating that month's reward-assistance payment roll (the real generateRoll of the benefits module);
 *   C. evaluating one situation: the engine alone, and POST /api/benefits/evaluate through the app;
 * each beside PostgreSQL's own COPY of the same person rows, measured in the same run, so the
 * ratio means something on a noisy machine. COPY, A and B run BENCH_RUNS times (3; B each time
 * on a fresh roll): the figures are those of the median run, and every run is printed beside
 * them, the first (cold: the register just loaded, this process's code not yet optimised) apart.
 * Prints one JSON object per database.
 *
 *   node --import tsx bench/benefits.ts [postgres|embedded]
 *   BENCH_PERSONS (1,000,000), BENCH_EMBEDDED_PERSONS (the embedded run's size, default BENCH_PERSONS),
 *   BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: a database is created beside it and dropped),
 *   BENCH_EVALUATE_CALLS (2,000), BENCH_MONTH (2011-06), BENCH_RUNS (3).
 *
 * Each database runs in a child process of its own, so that its peak RSS is its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createEvaluator, evaluate } from '../src/core/benefits/engine.ts';
import { parseSituation, type Situation } from '../src/core/benefits/types.ts';
import { migrate } from '../src/db/migrate.ts';
import { withScope, type Actor } from '../src/db/scope.ts';
import type { Database } from '../src/db/types.ts';
import { actorFor } from '../src/modules/auth/actor.ts';
import { AuthService } from '../src/modules/auth/service.ts';
import { situationOn } from '../src/core/benefits/registerFamily.ts';
import { registerFamilies, registerFamilyBatches } from '../src/modules/benefits/familyQueries.ts';
import { parameterRows } from '../src/modules/benefits/parameterQueries.ts';
import { generateRoll as generatePaymentRoll } from '../src/modules/benefits/rolls.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { copyInto as copyIntoMs, machine, open, QueryLog, quantile, runBench, signIn, type Kind } from './common.ts';
import { buildDistrict, columns } from './district.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const EMBEDDED_PERSONS = Number(process.env.BENCH_EMBEDDED_PERSONS ?? PERSONS);
const CALLS = Number(process.env.BENCH_EVALUATE_CALLS ?? 2_000);
const MONTH = process.env.BENCH_MONTH ?? '2011-06';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const DAY = `${MONTH}-01`;
const PROGRAMME = 'reward-assistance';
const secrets = createSecrets(Buffer.alloc(32, 7));

/** The example situation of the issue. */
const exampleSituation = {
  date: '2011-06-15',
  township: '120114002',
  family: {
    parents: [
      { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true },
      { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true },
    ],
    children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
    outOfPolicyBirth1973to2001: false,
    oneChildCertificate: true,
  },
};

// --- COPY ------------------------------------------------------------------------------------

/** COPY the chunks into a table (common.ts's copyInto), in seconds. */
const copyInto = async (db: Database, table: string, cols: string, chunks: readonly Buffer[]): Promise<number> =>
  (await copyIntoMs(db, table, cols, chunks)) / 1000;

// --- Where the time goes -----------------------------------------------------------------------

/** common.ts's QueryLog as this bench reports it: statements by their first 90 characters, in seconds. */
class SecondsLog extends QueryLog {
  constructor() {
    super(90);
  }
  totalSeconds(): number {
    return seconds(this.elapsedMs() / 1000);
  }
  /** The statements that took 1 % of the time or more, slowest first. */
  top(): { sql: string; calls: number; seconds: number; rows: number }[] {
    const total = this.elapsedMs();
    return this.slowest()
      .filter(([, s]) => s.ms >= total * 0.01)
      .map(([sql, s]) => ({ sql, calls: s.calls, seconds: seconds(s.ms / 1000), rows: s.rows }));
  }
}

const seconds = (s: number) => Number(s.toFixed(3));
const percentiles = (ms: number[]) => ({
  p50: quantile(ms, 0.5, 4),
  p95: quantile(ms, 0.95, 4),
  p99: quantile(ms, 0.99, 4),
  max: quantile(ms, 1, 4),
  calls: ms.length,
});
const rate = (n: number, s: number) => Math.round(n / s);

// --- The timed parts ---------------------------------------------------------------------------

interface EvaluateAllRun {
  seconds: number;
  /** Building situations and evaluating them, as the batches came. */
  evaluateSeconds: number;
  families: number;
  eligible: Record<string, number>;
  log: SecondsLog;
}

/** A. Every person of the register, one month, as the office. */
async function evaluateAll(db: Database, office: Actor): Promise<EvaluateAllRun> {
  const log = new SecondsLog();
  const eligible: Record<string, number> = {};
  let families = 0;
  let evaluateSeconds = 0;
  const t0 = performance.now();
  await withScope(db, office, async (scoped) => {
    const tx = log.scoped(scoped);
    const evaluator = createEvaluator(await parameterRows(tx));
    // Each batch of families is evaluated as it comes, while the server produces the next.
    for await (const batch of registerFamilyBatches(tx)) {
      const r0 = performance.now();
      families += batch.length;
      for (const family of batch) {
        for (const r of evaluator.evaluate(situationOn(family, DAY), { explain: false }).results) {
          if (r.eligible) eligible[r.programme] = (eligible[r.programme] ?? 0) + 1;
        }
      }
      evaluateSeconds += (performance.now() - r0) / 1000;
    }
  });
  return { seconds: (performance.now() - t0) / 1000, evaluateSeconds, families, eligible, log };
}

interface RollRun {
  seconds: number;
  roll: Awaited<ReturnType<typeof generatePaymentRoll>>;
  log: SecondsLog;
}

/** B. The month's reward-assistance roll, as the office would generate it. */
async function generateRoll(db: Database, office: Actor): Promise<RollRun> {
  const log = new SecondsLog();
  const t0 = performance.now();
  const roll = await generatePaymentRoll(log.database(db), office, PROGRAMME, MONTH);
  return { seconds: (performance.now() - t0) / 1000, roll, log };
}

/** Removes the rolls of earlier runs as the owner (rolls are never deleted otherwise: the guards are set aside for it). */
async function removeRolls(db: Database): Promise<void> {
  await db.exec('SET session_replication_role = replica; TRUNCATE payment_line; DELETE FROM payment_roll; SET session_replication_role = DEFAULT');
  await db.exec('VACUUM (ANALYZE) payment_line, payment_roll');
}

/** The median of some values (the lower middle one of an even count). */
const median = (values: readonly number[]) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)] ?? 0;

// --- One database ------------------------------------------------------------------------------

async function run(kind: Kind): Promise<Record<string, unknown>> {
  const benchStarted = performance.now();
  // Other work on the machine skews every figure; the ratios to COPY, measured alongside, less so.
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const target = kind === 'embedded' ? Math.min(PERSONS, EMBEDDED_PERSONS) : PERSONS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-benefits-'));
  const { db, drop } = await open(kind, dir, `xingfu_bench_benefits_${process.pid}`);
  try {
    await migrate(db);
    await seedDemo(db); // organisation, parameters and the demo accounts (no register)
    const rows = await parameterRows(db); // as the owner: no scope needed

    let t0 = performance.now();
    const d = buildDistrict(target, rows, DAY, secrets);
    const generateSeconds = (performance.now() - t0) / 1000;

    // Baseline: PostgreSQL's own COPY of the same person rows into a bare table (no indexes,
    // constraints or foreign keys, unlogged), as bench/registry.ts measures it.
    const copyRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await db.exec('DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (LIKE person INCLUDING DEFAULTS)');
      copyRuns.push(await copyInto(db, 'bench_copy', columns.person, d.person.chunks));
      await db.exec('DROP TABLE bench_copy');
    }
    const bareSeconds = median(copyRuns);

    // The register itself: the real tables, with their indexes, constraints and foreign keys.
    const households = await copyInto(db, 'household', columns.household, d.household.chunks);
    const persons = await copyInto(db, 'person', columns.person, d.person.chunks);
    const relationships = await copyInto(db, 'relationship', columns.relationship, d.relationship.chunks);
    const disabilities = await copyInto(db, 'disability_assessment', columns.disability_assessment, d.disability.chunks);
    t0 = performance.now();
    await db.exec('VACUUM (ANALYZE) household, person, relationship, disability_assessment, benefit_family');
    const vacuumSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const enrolSeconds = await copyInto(db, 'benefit_enrolment', columns.benefit_enrolment, d.enrolment.chunks);
    await db.exec('VACUUM (ANALYZE) benefit_enrolment');
    const enrolTotalSeconds = (performance.now() - t0) / 1000;
    const counted = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n);
    if (counted !== d.persons) throw new Error(`register holds ${counted} persons, expected ${d.persons}`);
    const copySeconds = bareSeconds;
    const registerCopy = {
      what: 'COPY into the real tables: their triggers keep benefit_family (the persons COPY makes the families of their parents, the relationships COPY adds the children)',
      persons: { rows: d.person.rows, seconds: seconds(persons), rowsPerSecond: rate(d.person.rows, persons), megabytes: Math.round(d.person.bytes / 2 ** 20) },
      households: { rows: d.household.rows, seconds: seconds(households) },
      relationships: { rows: d.relationship.rows, seconds: seconds(relationships) },
      disabilityAssessments: { rows: d.disability.rows, seconds: seconds(disabilities) },
      vacuumAnalyzeSeconds: seconds(vacuumSeconds),
    };
    const enrolment = {
      rows: d.enrolment.rows,
      byProgramme: d.enrolments,
      copySeconds: seconds(enrolSeconds),
      secondsWithVacuumAnalyze: seconds(enrolTotalSeconds),
    };
    const generated = { households: d.households, replicasOfSeedPopulation: d.replicas, seconds: seconds(generateSeconds) };
    // Let the COPY text go before the timed parts.
    for (const t of [d.household, d.person, d.relationship, d.disability, d.enrolment]) t.chunks.length = 0;

    const office: Actor = await actorFor(db, 'office');

    // A then B, RUNS times: each B on a fresh roll (the previous run's removed as the owner,
    // past the roll's guards, untimed). The median run by A + B is the one reported.
    const runs: { a: EvaluateAllRun; b: RollRun }[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) await removeRolls(db);
      const a = await evaluateAll(db, office);
      const b = await generateRoll(db, office);
      if (b.roll.lineCount !== (d.enrolments[PROGRAMME] ?? 0))
        throw new Error(`the roll has ${b.roll.lineCount} lines for ${d.enrolments[PROGRAMME]} enrolments`);
      runs.push({ a, b });
    }
    const rssAfterRoll = process.resourceUsage().maxRSS / 1024;
    const byTotal = [...runs].sort((x, y) => x.a.seconds + x.b.seconds - (y.a.seconds + y.b.seconds));
    const { a: runA, b: runB } = byTotal[Math.floor((byTotal.length - 1) / 2)] as (typeof runs)[number];
    const aSeconds = runA.seconds;
    const bSeconds = runB.seconds;
    const roll = runB.roll;

    // Diagnostics, untimed: A's loop split into building situations and the engine, over the
    // families read again (after B, so that their garbage does not fall into B's time).
    const again = await withScope(db, office, (tx) => registerFamilies(tx));
    const s0 = performance.now();
    const situations = again.map((f) => situationOn(f, DAY));
    const situationSeconds = (performance.now() - s0) / 1000;
    const e0 = performance.now();
    const evaluator = createEvaluator(rows);
    for (const s of situations) evaluator.evaluate(s, { explain: false });
    const engineSeconds = (performance.now() - e0) / 1000;
    again.length = 0;
    situations.length = 0;

    // C. One situation: the engine with explanation, then the API through the real app.
    const parsed = parseSituation(exampleSituation);
    if (!parsed.ok) throw new Error(`the example situation does not parse: ${JSON.stringify(parsed.issues)}`);
    const situation: Situation = parsed.situation;
    const engineMs: number[] = [];
    for (let i = 0; i < CALLS + 200; i++) {
      const c0 = performance.now();
      evaluate(situation, rows);
      if (i >= 200) engineMs.push(performance.now() - c0);
    }
    // As the route does it: parse the body, and a fresh parameter array (so a fresh compile) per request.
    const coldMs: number[] = [];
    for (let i = 0; i < CALLS + 200; i++) {
      const c0 = performance.now();
      const p = parseSituation(exampleSituation);
      if (p.ok) evaluate(p.situation, [...rows]);
      if (i >= 200) coldMs.push(performance.now() - c0);
    }
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { demo: false, dataDir: dir }), db, secrets });
    const apiMs: number[] = [];
    // Where a request's time goes: the session check every request makes, the parameter read
    // the route makes under the caller's scope, and one bare round trip.
    const breakdown = { sessionResolve: [] as number[], scopedParameterRead: [] as number[], roundTrip: [] as number[] };
    let reward: { parent: number; eligible: boolean; monthlyAmount: number }[] = [];
    try {
      await app.ready();
      const signed = await signIn(app, 'office');
      const headers = { ...signed.headers, 'content-type': 'application/json' };
      const payload = JSON.stringify(exampleSituation);
      for (let i = 0; i < CALLS + 50; i++) {
        const c0 = performance.now();
        const res = await app.inject({ method: 'POST', url: '/api/benefits/evaluate', headers, payload });
        if (i >= 50) apiMs.push(performance.now() - c0);
        if (res.statusCode !== 200) throw new Error(`evaluate: ${res.statusCode} ${res.body}`);
        if (i === 0) {
          reward = (res.json() as { results: { programme: string; parent: number; eligible: boolean; monthlyAmount: number }[] }).results
            .filter((r) => r.programme === PROGRAMME)
            .map((r) => ({ parent: r.parent, eligible: r.eligible, monthlyAmount: r.monthlyAmount }));
        }
      }
      const auth = new AuthService(db, secrets, { sessionLifetimeHours: 12 });
      const user = await actorFor(db, 'office');
      for (let i = 0; i < Math.min(CALLS, 500) + 20; i++) {
        let c0 = performance.now();
        if ((await auth.resolve(signed.session)) === null) throw new Error('the session does not resolve');
        const resolveMs = performance.now() - c0;
        c0 = performance.now();
        await withScope(db, user, parameterRows);
        const paramsMs = performance.now() - c0;
        c0 = performance.now();
        await db.query('SELECT 1');
        const roundTripMs = performance.now() - c0;
        if (i < 20) continue;
        breakdown.sessionResolve.push(resolveMs);
        breakdown.scopedParameterRead.push(paramsMs);
        breakdown.roundTrip.push(roundTripMs);
      }
    } finally {
      await app.close();
    }

    const ab = aSeconds + bSeconds;
    const ratio = (s: number) => Number((s / copySeconds).toFixed(2));
    const ratioRegister = (s: number) => Number((s / persons).toFixed(2));
    const settings = (
      await db.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'jit', 'shared_buffers', 'work_mem', 'synchronous_commit')`,
      )
    ).rows;
    return {
      database: kind,
      settings: Object.fromEntries(settings.map((r) => [r.name, r.setting])),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
      persons: d.persons,
      ...(target < PERSONS ? { note: `embedded run at BENCH_EMBEDDED_PERSONS=${target} of BENCH_PERSONS=${PERSONS}` } : {}),
      month: MONTH,
      copyBaseline: {
        what: 'COPY of the person rows into a bare unlogged table (no indexes, constraints or foreign keys)',
        rows: d.person.rows,
        seconds: seconds(copySeconds),
        rowsPerSecond: rate(d.person.rows, copySeconds),
        runs: copyRuns.map(seconds),
      },
      runs: {
        count: RUNS,
        reported: 'the median run by A + B',
        each: runs.map(({ a, b }) => ({
          a: seconds(a.seconds),
          b: seconds(b.seconds),
          ab: seconds(a.seconds + b.seconds),
          ratioToMedianCopy: Number(((a.seconds + b.seconds) / copySeconds).toFixed(2)),
        })),
      },
      registerCopy,
      evaluateAll: {
        seconds: seconds(aSeconds),
        personsPerSecond: rate(d.persons, aSeconds),
        families: runA.families,
        ratioToCopy: ratio(aSeconds),
        ratioToRegisterCopy: ratioRegister(aSeconds),
        eligiblePersons: runA.eligible,
        phases: {
          sqlSeconds: runA.log.totalSeconds(),
          evaluateBatchesSeconds: seconds(runA.evaluateSeconds),
          situationsSeconds: seconds(situationSeconds),
          engineSeconds: seconds(engineSeconds),
          statements: runA.log.top(),
        },
      },
      roll: {
        seconds: seconds(bSeconds),
        lines: roll.lineCount,
        totalAmount: roll.totalAmount,
        stops: roll.stopCount,
        personsPerSecond: rate(d.persons, bSeconds),
        linesPerSecond: rate(roll.lineCount, bSeconds),
        ratioToCopy: ratio(bSeconds),
        ratioToRegisterCopy: ratioRegister(bSeconds),
        phases: { sqlSeconds: runB.log.totalSeconds(), jsSeconds: seconds(bSeconds - runB.log.totalSeconds()), statements: runB.log.top() },
      },
      evaluateAllAndRoll: {
        seconds: seconds(ab),
        personsPerSecond: rate(d.persons, ab),
        ratioToCopy: ratio(ab),
        ratioToRegisterCopy: ratioRegister(ab),
        first: {
          seconds: seconds((runs[0]?.a.seconds ?? 0) + (runs[0]?.b.seconds ?? 0)),
          ratioToCopy: ratio((runs[0]?.a.seconds ?? 0) + (runs[0]?.b.seconds ?? 0)),
        },
        target: {
          seconds: 10,
          ratioToCopy: 3,
          appliesTo: 'postgres at 1,000,000 persons, the median run',
          met: kind === 'postgres' && target >= 1_000_000 ? ab <= 10 && ab / copySeconds <= 3 : null,
        },
      },
      evaluateOneMs: {
        engine: percentiles(engineMs),
        engineAsTheRouteCallsIt: percentiles(coldMs),
        api: {
          ...percentiles(apiMs),
          endpoint: 'POST /api/benefits/evaluate (app.inject, signed in as office)',
          target: 'p50 < 5 ms',
          met: quantile(apiMs, 0.5, 4) < 5,
        },
        apiBreakdown: {
          sessionResolve: percentiles(breakdown.sessionResolve),
          scopedParameterRead: percentiles(breakdown.scopedParameterRead),
          selectOneRoundTrip: percentiles(breakdown.roundTrip),
        },
        example: { programme: PROGRAMME, results: reward },
      },
      setup: { generated, enrolment },
      peakRssMb: Math.round(Math.max(rssAfterRoll, process.resourceUsage().maxRSS / 1024)),
      benchSeconds: seconds((performance.now() - benchStarted) / 1000),
    };
  } finally {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- Main --------------------------------------------------------------------------------------

await runBench(import.meta.url, async (kind) => ({ machine, ...(await run(kind)) }));
