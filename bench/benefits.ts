/**
 * `npm run bench:benefits` (also part of `npm run bench`): the benefit programmes at district
 * scale. Builds a 1,000,000-person register by COPY straight into the real tables, then times
 *   A. evaluating every person of the register for one month, as the office (row-level security on);
 *   B. generating that month's reward-assistance payment roll (the real PaymentRolls.generate);
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
import type { ParameterRow } from '../src/core/benefits/parameters.ts';
import { parseSituation, type Situation } from '../src/core/benefits/types.ts';
import { computeCheckCharacter } from '../src/core/ids/idNumber.ts';
import { maskBankAccount, maskIdNumber, maskPhone } from '../src/core/privacy/mask.ts';
import { nameKeys } from '../src/core/registry/names.ts';
import { migrate } from '../src/db/migrate.ts';
import { withScope, type Actor } from '../src/db/scope.ts';
import type { Database } from '../src/db/types.ts';
import { actorFor } from '../src/modules/auth/actor.ts';
import { AuthService } from '../src/modules/auth/service.ts';
import { parameterRows, registerFamilies, registerFamilyBatches, situationOn, type RegisterFamily } from '../src/modules/benefits/register.ts';
import { PaymentRolls } from '../src/modules/benefits/rolls.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { generatePopulation, type SyntheticHousehold, type SyntheticPerson } from '../src/seed/population.ts';
import { district, townships, villages } from '../src/seed/wuqing.ts';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { CopyText, copyInto as copyIntoMs, machine, open, QueryLog, quantile, runBench, signIn, type Kind } from './common.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const EMBEDDED_PERSONS = Number(process.env.BENCH_EMBEDDED_PERSONS ?? PERSONS);
const CALLS = Number(process.env.BENCH_EVALUATE_CALLS ?? 2_000);
const MONTH = process.env.BENCH_MONTH ?? '2011-06';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const DAY = `${MONTH}-01`;
const PROGRAMME = 'reward-assistance';
const CHUNK_ROWS = 50_000;
const secrets = createSecrets(Buffer.alloc(32, 7));

/** The example situation of the issue. */
const exampleSituation = {
  date: '2011-06-15', township: '120114002',
  family: {
    parents: [{ sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true }, { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true }],
    children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
    outOfPolicyBirth1973to2001: false, oneChildCertificate: true,
  },
};

// --- The register, as COPY text -------------------------------------------------------------

const arrayLiteral = (items: readonly string[]) => `{${items.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

const columns = {
  household: 'district_code, id, township_code, village_code, household_number, address, created_by, updated_by',
  person: `district_code, id, household_id, township_code, village_code, relation_to_head, name, name_pinyin, name_initials, name_tokens, sex,
    birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_masked, hukou, marital_status, alive, death_date,
    one_child_certificate_number, one_child_certificate_date, out_of_policy_birth, out_of_policy_source, created_by, updated_by`,
  relationship: 'district_code, person_id, related_person_id, kind, adopted, start_date, created_by',
  disability_assessment: 'district_code, person_id, grade, assessed_on, created_by',
  benefit_enrolment: `district_code, programme, person_id, household_id, township_code, village_code, category, start_month,
    approved_on, approved_by, bank_account_enc, bank_account_masked, bank_name`,
} as const;

interface District {
  persons: number;
  households: number;
  replicas: number;
  household: CopyText;
  person: CopyText;
  relationship: CopyText;
  disability: CopyText;
  enrolment: CopyText;
  enrolments: Record<string, number>;
}

/** The family of a generated household as the register will hold it, to find whom to enrol. */
function familyOf(h: SyntheticHousehold): RegisterFamily {
  return {
    township: h.township,
    parentIds: h.parents.map((p) => p.key),
    parents: h.parents.map((p) => ({ sex: p.sex, birthDate: p.birthDate, hukou: p.hukou, deathDate: p.deathDate })),
    children: h.children.map((c) => ({
      sex: c.sex, birthDate: c.birthDate, adopted: c.adopted, deathDate: c.deathDate,
      disability: c.disabilityGrade !== null && c.disabilityAssessedOn !== null ? [{ grade: c.disabilityGrade, on: c.disabilityAssessedOn }] : [],
    })),
    outOfPolicyBirth: h.outOfPolicyBirth.value,
    oneChildCertificate: h.oneChildCertificate !== null,
    movedOutOn: h.parents.map(() => null),
  };
}

/**
 * A district of about `target` persons: the synthetic population of src/seed/population.ts (about
 * 31,000 persons with the 2011 report's beneficiary mix) repeated as often as needed, each copy
 * with fresh person and household ids, ID numbers and household numbers, its households moved
 * to another village of the same township (townships are kept: 下朱庄's one-child reward and
 * 大黄堡's top-up depend on them), so the share of beneficiaries stays that of the report —
 * about 175,000 reward-assistance persons at one million.
 *
 * Encrypted columns hold cheap placeholders that satisfy the table constraints — one ciphertext
 * made once, a unique hash string per person — because this benchmark measures the benefit
 * programmes, not the cryptography (bench/registry.ts times registration with real encryption).
 * The enrolments are every parent the engine finds eligible for a monthly programme in the
 * benchmark month, starting in that month (so the roll has one regular line per enrolment).
 */
function buildDistrict(target: number, rows: readonly ParameterRow[]): District {
  const source = generatePopulation();
  const evaluator = createEvaluator(rows);
  const villagesOf = new Map(townships.map((t) => [t.code, villages.filter((v) => v.townshipCode === t.code)]));
  const townshipName = new Map(townships.map((t) => [t.code, t.name]));
  const by = 'bench';
  const idEnc = secrets.encrypt('placeholder: the benchmark does not encrypt every ID number');
  const phoneEnc = secrets.encrypt('placeholder');
  const bankEnc = secrets.encrypt('6217590000000000000');
  // Who each generated household enrols, once: every copy of a household is the same family.
  const enrolled = source.map((h) => {
    const family = familyOf(h);
    const out: { programme: string; parent: number; category: string | null }[] = [];
    for (const r of evaluator.evaluate(situationOn(family, DAY), { explain: false }).results) {
      if (r.eligible && r.period === 'month') out.push({ programme: r.programme, parent: r.parent, category: r.category ?? null });
    }
    return out;
  });
  const d: District = {
    persons: 0, households: 0, replicas: 0, household: new CopyText(CHUNK_ROWS), person: new CopyText(CHUNK_ROWS), relationship: new CopyText(CHUNK_ROWS),
    disability: new CopyText(CHUNK_ROWS), enrolment: new CopyText(CHUNK_ROWS), enrolments: {},
  };
  const sequences = new Map<string, number>();
  const divisions = ['120114', '120222', '120221', '120223', '120224', '120225', '120111', '120112', '120113', '120115', '120116'];
  const idNumber = (birth: string, sex: 'M' | 'F'): string => {
    const key = `${birth}${sex}`;
    const n = sequences.get(key) ?? 0;
    sequences.set(key, n + 1);
    // 500 numbers per division, birth date and sex: Wuqing, then other Tianjin divisions of birth registration.
    const division = divisions[Math.floor(n / 500)];
    if (division === undefined) throw new Error(`more than ${divisions.length * 500} persons of sex ${sex} born on ${birth}`);
    const first17 = `${division}${birth.replaceAll('-', '')}${String((n % 500) * 2 + (sex === 'M' ? 1 : 0)).padStart(3, '0')}`;
    return first17 + computeCheckCharacter(first17);
  };
  // Approved by the office on the 20th of the month before.
  const approvedOn = new Date(Date.parse(`${DAY}T00:00:00Z`) - 12 * 86_400_000).toISOString().slice(0, 10);
  let serial = 0;
  for (let replica = 0; d.persons < target; replica++) {
    const before = d.persons;
    for (const [i, h] of source.entries()) {
      const size = h.parents.length + h.children.length;
      if (d.persons + size > target) break;
      const list = villagesOf.get(h.township) ?? [];
      const at = list.findIndex((v) => v.code === h.village);
      const village = list[(at + replica) % list.length];
      if (village === undefined) throw new Error(`no village in ${h.township}`);
      const householdId = crypto.randomUUID();
      d.households++;
      d.household.add([district.code, householdId, h.township, village.code, `${h.township.slice(6)}${village.code.slice(9)}-${String(d.households).padStart(7, '0')}`,
        `${townshipName.get(h.township) ?? ''}${village.name}${(i % 120) + 1}号`, by, by]);
      const add = (p: SyntheticPerson, parent: boolean): string => {
        const id = crypto.randomUUID();
        const keys = nameKeys(p.name);
        serial++;
        d.person.add([district.code, id, householdId, h.township, village.code, p.relation, p.name, keys.pinyin, keys.initials, arrayLiteral(keys.tokens), p.sex,
          p.birthDate, idEnc, `bench${serial.toString(16).padStart(59, '0')}`, maskIdNumber(idNumber(p.birthDate, p.sex)), p.phone === null ? null : phoneEnc,
          p.phone === null ? null : maskPhone(p.phone), p.hukou, p.maritalStatus, p.deathDate === null, p.deathDate,
          parent ? (h.oneChildCertificate?.number ?? null) : null, parent ? (h.oneChildCertificate?.date ?? null) : null,
          parent ? h.outOfPolicyBirth.value : null, parent ? h.outOfPolicyBirth.source : null, by, by]);
        if (p.disabilityGrade !== null && p.disabilityAssessedOn !== null) d.disability.add([district.code, id, p.disabilityGrade, p.disabilityAssessedOn, by]);
        return id;
      };
      const parents = h.parents.map((p) => add(p, true));
      const children = h.children.map((c) => add(c, false));
      d.persons += size;
      if (parents.length === 2) d.relationship.add([district.code, parents[0] ?? '', parents[1] ?? '', 'spouse', false, null, by]);
      h.children.forEach((c, k) => {
        for (const parent of parents) d.relationship.add([district.code, parent, children[k] ?? '', 'child', c.adopted, c.birthDate, by]);
      });
      for (const e of enrolled[i] ?? []) {
        d.enrolments[e.programme] = (d.enrolments[e.programme] ?? 0) + 1;
        d.enrolment.add([district.code, e.programme, parents[e.parent] ?? '', householdId, h.township, village.code, e.category, DAY, approvedOn, 'office', bankEnc, maskBankAccount(`621759${String(serial).padStart(13, '0')}`), '天津农商银行']);
      }
    }
    if (d.persons === before) break;
    d.replicas = replica + 1;
  }
  for (const t of [d.household, d.person, d.relationship, d.disability, d.enrolment]) t.flush();
  return d;
}

// --- COPY ------------------------------------------------------------------------------------

/** COPY the chunks into a table (common.ts's copyInto), in seconds. */
const copyInto = async (db: Database, table: string, cols: string, chunks: readonly Buffer[]): Promise<number> => await copyIntoMs(db, table, cols, chunks) / 1000;

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
    return this.slowest().filter(([, s]) => s.ms >= total * 0.01)
      .map(([sql, s]) => ({ sql, calls: s.calls, seconds: seconds(s.ms / 1000), rows: s.rows }));
  }
}

const seconds = (s: number) => Number(s.toFixed(3));
const percentiles = (ms: number[]) => ({ p50: quantile(ms, 0.5, 4), p95: quantile(ms, 0.95, 4), p99: quantile(ms, 0.99, 4), max: quantile(ms, 1, 4), calls: ms.length });
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
  roll: Awaited<ReturnType<PaymentRolls['generate']>>;
  log: SecondsLog;
}

/** B. The month's reward-assistance roll, as the office would generate it. */
async function generateRoll(db: Database, office: Actor): Promise<RollRun> {
  const log = new SecondsLog();
  const t0 = performance.now();
  const roll = await new PaymentRolls(log.database(db), secrets).generate(office, PROGRAMME, MONTH);
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
    const d = buildDistrict(target, rows);
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
    const enrolment = { rows: d.enrolment.rows, byProgramme: d.enrolments, copySeconds: seconds(enrolSeconds), secondsWithVacuumAnalyze: seconds(enrolTotalSeconds) };
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
      if (b.roll.lineCount !== (d.enrolments[PROGRAMME] ?? 0)) throw new Error(`the roll has ${b.roll.lineCount} lines for ${d.enrolments[PROGRAMME]} enrolments`);
      runs.push({ a, b });
    }
    const rssAfterRoll = process.resourceUsage().maxRSS / 1024;
    const byTotal = [...runs].sort((x, y) => (x.a.seconds + x.b.seconds) - (y.a.seconds + y.b.seconds));
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
            .filter((r) => r.programme === PROGRAMME).map((r) => ({ parent: r.parent, eligible: r.eligible, monthlyAmount: r.monthlyAmount }));
        }
      }
      const auth = new AuthService(db, secrets, { sessionLifetimeHours: 12 });
      const user = await actorFor(db, 'office');
      for (let i = 0; i < Math.min(CALLS, 500) + 20; i++) {
        let c0 = performance.now();
        if (await auth.resolve(signed.session) === null) throw new Error('the session does not resolve');
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
    const settings = (await db.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'jit', 'shared_buffers', 'work_mem', 'synchronous_commit')`)).rows;
    return {
      database: kind,
      settings: Object.fromEntries(settings.map((r) => [r.name, r.setting])),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
      persons: d.persons,
      ...(target < PERSONS ? { note: `embedded run at BENCH_EMBEDDED_PERSONS=${target} of BENCH_PERSONS=${PERSONS}` } : {}),
      month: MONTH,
      copyBaseline: { what: 'COPY of the person rows into a bare unlogged table (no indexes, constraints or foreign keys)', rows: d.person.rows, seconds: seconds(copySeconds), rowsPerSecond: rate(d.person.rows, copySeconds), runs: copyRuns.map(seconds) },
      runs: {
        count: RUNS, reported: 'the median run by A + B',
        each: runs.map(({ a, b }) => ({ a: seconds(a.seconds), b: seconds(b.seconds), ab: seconds(a.seconds + b.seconds), ratioToMedianCopy: Number(((a.seconds + b.seconds) / copySeconds).toFixed(2)) })),
      },
      registerCopy,
      evaluateAll: {
        seconds: seconds(aSeconds), personsPerSecond: rate(d.persons, aSeconds), families: runA.families, ratioToCopy: ratio(aSeconds), ratioToRegisterCopy: ratioRegister(aSeconds),
        eligiblePersons: runA.eligible,
        phases: { sqlSeconds: runA.log.totalSeconds(), evaluateBatchesSeconds: seconds(runA.evaluateSeconds), situationsSeconds: seconds(situationSeconds), engineSeconds: seconds(engineSeconds), statements: runA.log.top() },
      },
      roll: {
        seconds: seconds(bSeconds), lines: roll.lineCount, totalAmount: roll.totalAmount, stops: roll.stopCount, personsPerSecond: rate(d.persons, bSeconds),
        linesPerSecond: rate(roll.lineCount, bSeconds), ratioToCopy: ratio(bSeconds), ratioToRegisterCopy: ratioRegister(bSeconds),
        phases: { sqlSeconds: runB.log.totalSeconds(), jsSeconds: seconds(bSeconds - runB.log.totalSeconds()), statements: runB.log.top() },
      },
      evaluateAllAndRoll: {
        seconds: seconds(ab), personsPerSecond: rate(d.persons, ab), ratioToCopy: ratio(ab), ratioToRegisterCopy: ratioRegister(ab),
        first: { seconds: seconds((runs[0]?.a.seconds ?? 0) + (runs[0]?.b.seconds ?? 0)), ratioToCopy: ratio((runs[0]?.a.seconds ?? 0) + (runs[0]?.b.seconds ?? 0)) },
        target: { seconds: 10, ratioToCopy: 3, appliesTo: 'postgres at 1,000,000 persons, the median run', met: kind === 'postgres' && target >= 1_000_000 ? ab <= 10 && ab / copySeconds <= 3 : null },
      },
      evaluateOneMs: {
        engine: percentiles(engineMs),
        engineAsTheRouteCallsIt: percentiles(coldMs),
        api: { ...percentiles(apiMs), endpoint: 'POST /api/benefits/evaluate (app.inject, signed in as office)', target: 'p50 < 5 ms', met: quantile(apiMs, 0.5, 4) < 5 },
        apiBreakdown: { sessionResolve: percentiles(breakdown.sessionResolve), scopedParameterRead: percentiles(breakdown.scopedParameterRead), selectOneRoundTrip: percentiles(breakdown.roundTrip) },
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
