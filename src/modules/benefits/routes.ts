import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createEvaluator, evaluate } from '../../core/benefits/engine.ts';
import { parseSituation, programmeIds } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import { day, int, line, month, paging, paragraphs, queryYear, slug, townshipCode, version, villageCode, year } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { Secrets } from '../../server/secrets.ts';
import { today as businessToday } from '../../core/clock.ts';
import { publicNoticeDocx } from './documents.ts';
import { exitEnrolment, listEnrolments } from './enrolments.ts';
import { addParameter, programmeCatalog } from './parameters.ts';
import { evaluatePerson } from './person.ts';
import { parameterRows } from './register.ts';
import { PaymentRolls, rollReference } from './rolls.ts';
import { rollActions } from '../../core/benefits/rollStates.ts';
import { yearSummary, type YearSummary } from './summary.ts';
import { ChangeCache } from '../../db/changeCache.ts';
import { ownName } from '../../core/placeNames.ts';
import { districtName } from '../org/queries.ts';
import { whatIf } from './whatIf.ts';
import { applicationStates, BenefitsWorkflow } from './workflow.ts';

const programmeSummary = z.object({ programme: z.string(), beneficiaries: z.number(), amount: z.number(), fundedBy: z.string() });
const programme = z.enum(programmeIds);
const id = z.strictObject({ id: z.uuid() });
const township = townshipCode;
const village = villageCode;
const parameterName = line(60).regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
/** A parameter's value: an amount, a date or division code, or a flag (src/core/benefits/parameters.ts checks it against the unit). */
const parameterValue = z.union([z.number(), line(20), z.boolean()]);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Streams a document as it is written. The response ends only once the writer's transaction (with
 * its audit entry) has committed, even if the writer ends its own stream earlier; a failure half-way
 * aborts the download rather than sending half a file.
 */
function download(reply: FastifyReply, type: string, name: string, write: (out: PassThrough) => Promise<unknown>) {
  const out = new PassThrough();
  const inner = new PassThrough();
  inner.pipe(out, { end: false });
  write(inner).then(
    () => {
      if (!inner.writableEnded) inner.end();
      if (inner.readableEnded) out.end();
      else inner.once('end', () => out.end());
    },
    (error: unknown) => out.destroy(error as Error),
  );
  return reply.type(type).header('content-disposition', attachment(name)).send(out);
}

export function benefitRoutes(app: FastifyInstance, deps: { db: Database; secrets: Secrets }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const workflow = new BenefitsWorkflow(db, deps.secrets);
  const rolls = new PaymentRolls(db, deps.secrets);
  const summaries = new ChangeCache<YearSummary>('benefit_data').keepWhile(app, db, 'benefit summaries');

  r.post('/api/benefits/evaluate', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Eligibility and amount of every programme for one family on a date, with each condition explained', body: z.unknown() },
  }, async (req) => {
    const parsed = parseSituation(req.body);
    if (!parsed.ok) {
      throw new AppError('validation_failed', {
        zh: `家庭情况不完整或相互矛盾：${parsed.issues.map((i) => i.path).join('、')}`,
        en: `Missing or contradictory facts: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        details: parsed.issues,
      });
    }
    const rows = await withScope(db, actorOf(req), parameterRows);
    return evaluate(parsed.situation, rows);
  });

  r.get('/api/benefits/summary', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'],
      summary: 'A year of the programmes over the register within the caller’s scope: persons paid and yuan paid',
      querystring: z.strictObject({ year: queryYear }),
      response: { 200: z.object({ year: z.number(), programmes: z.array(programmeSummary), total: z.number(), rewardAndSpecialAssistance: z.object({ amount: z.number(), roundedTo10000: z.number() }) }) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    // One summary per district, reach and year: users of one township share it.
    const key = JSON.stringify([actor.district, actor.reach, req.query.year]);
    return summaries.get(key, () => withScope(db, actor, (tx) => yearSummary(tx, req.query.year)));
  });

  r.get('/api/benefits/programmes', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Every programme: conditions with their legal basis, funding body, and parameters over time' },
  }, async (req) => programmeCatalog(db, actorOf(req)));

  r.post('/api/benefits/parameters', {
    config: { access: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Set a parameter from the first day of a month (audited; months with an approved roll are locked)',
      body: z.strictObject({ programme: slug, name: parameterName, effectiveFrom: day, value: parameterValue, reference: paragraphs(1000, { trim: true, min: 2 }) }),
    },
  }, async (req, reply) => reply.status(201).send(await addParameter(db, actorOf(req), req.body)));

  r.get('/api/benefits/persons/:id/evaluation', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Every programme’s explained decision for a register person (a parent) on a day', params: id, querystring: z.strictObject({ date: day.optional() }) },
  }, async (req) => withScope(db, actorOf(req), async (tx) => {
    const rows = await parameterRows(tx);
    return evaluatePerson(tx, rows, req.params.id, req.query.date ?? businessToday(), createEvaluator(rows));
  }));

  // --- Confirmation workflow -------------------------------------------------------------------

  r.get('/api/benefits/applications', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'Applications in scope, newest first',
      querystring: z.strictObject({ year: queryYear.optional(), state: z.enum(applicationStates).optional(), programme: programme.optional(), township: township.optional(), village: village.optional(), ...paging }),
    },
  }, async (req) => workflow.list(actorOf(req), req.query));

  r.get('/api/benefits/applications/:id', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'An application with its explained evaluation, steps and objections', params: id },
  }, async (req) => workflow.get(actorOf(req), req.params.id));

  r.post('/api/benefits/applications', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'Enter an application (village or township worker of the person’s place, or the office); refused with the failed conditions when the person does not qualify',
      body: z.strictObject({
        programme, personId: z.uuid(), year, appliedOn: day,
        bankName: line(60, { trim: true, min: 2 }), bankAccount: line(30).regex(/^[0-9 ]{12,30}$/, { error: 'Bank account: 12 to 30 digits' }), note: paragraphs(500).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await workflow.create(actorOf(req), req.body)));

  r.post('/api/benefits/applications/:id/decision', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'Take the next step (village → township → district), reject, or withdraw',
      params: id,
      body: z.strictObject({ action: z.enum(['pass', 'reject', 'withdraw']), version: version(), noticeFrom: day.optional(), startMonth: month.optional(), reason: paragraphs(500).optional() }),
    },
  }, async (req) => workflow.decide(actorOf(req), req.params.id, req.body));

  r.post('/api/benefits/applications/:id/objections', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'Record an objection received during a notice', params: id,
      body: z.strictObject({ receivedOn: day, objector: line(60, { trim: true, min: 1 }), content: paragraphs(1000, { trim: true, min: 2 }) }),
    },
  }, async (req, reply) => reply.status(201).send(await workflow.addObjection(actorOf(req), req.params.id, req.body)));

  r.post('/api/benefits/objections/:id/resolve', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Resolve an objection; an upheld one rejects the application', params: id, body: z.strictObject({ upheld: z.boolean(), resolution: paragraphs(1000, { trim: true, min: 2 }) }) },
  }, async (req) => workflow.resolveObjection(actorOf(req), req.params.id, req.body));

  r.get('/api/benefits/public-notices', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'The notice list for posting (.docx): village or township notice, or the district publication',
      querystring: z.strictObject({ stage: z.enum(['village', 'township', 'district']), year: queryYear, township: township.optional(), village: village.optional() }),
    },
  }, async (req, reply) => {
    const q = req.query;
    const place = await withScope(db, actorOf(req), async (tx) => {
      const v = q.village === undefined ? undefined : (await tx.query<{ name: string; township: string }>('SELECT v.name, t.name AS township FROM village v JOIN township t ON t.district_code = v.district_code AND t.code = v.township_code WHERE v.code = $1', [q.village])).rows[0];
      const t = q.township === undefined ? undefined : (await tx.query<{ name: string }>('SELECT name FROM township WHERE code = $1', [q.township])).rows[0];
      // A place outside the caller's scope is answered as one that does not exist, not with an empty notice.
      if ((q.village !== undefined && v === undefined) || (q.township !== undefined && t === undefined)) throw new AppError('not_found');
      return { village: v, township: t?.name ?? v?.township, district: ownName((await districtName(tx))?.name ?? '') };
    });
    const persons = await workflow.publicNoticePersons(actorOf(req), q);
    const scopeName = place.village ? `${place.village.township}${place.village.name}` : place.township ?? place.district;
    const first = persons[0];
    const notice = q.stage === 'village' ? first?.villageNotice : q.stage === 'township' ? first?.townshipNotice : null;
    const issuer = q.stage === 'village' ? `${scopeName}村（居）民委员会` : q.stage === 'township' ? `${place.township ?? ''}计划生育办公室` : `${place.district}创建幸福家庭活动领导小组办公室`;
    const buffer = await publicNoticeDocx({
      stage: q.stage, year: q.year, districtName: place.district, issuer, scopeName,
      noticeFrom: notice?.from ?? null, noticeUntil: notice?.until ?? null,
      contact: q.stage === 'district' ? `${place.district}创建幸福家庭活动领导小组办公室` : `${place.township ?? '乡镇街'}计划生育办公室`,
      issuedOn: businessToday(),
      persons: persons.map((p) => ({ name: p.personName, sex: p.sex, birthDate: p.birthDate, idNumberMasked: p.idNumberMasked, townshipName: p.townshipName, villageName: p.villageName, programmeName: p.programmeName, category: p.category, monthlyAmount: p.monthlyAmount })),
    });
    const stageName = { village: '村级公示名单', township: '乡镇公示名单', district: '区级公布名单' }[q.stage];
    return reply.type(DOCX).header('content-disposition', attachment(`${q.year}年${scopeName}${stageName}.docx`)).send(buffer);
  });

  // --- Enrolments --------------------------------------------------------------------------------

  r.get('/api/benefits/enrolments', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'], summary: 'Enrolments (beneficiaries) in scope',
      querystring: z.strictObject({ programme: programme.optional(), township: township.optional(), active: z.enum(['true', 'false']).optional(), q: line(40).optional(), ...paging }),
    },
  }, async (req) => listEnrolments(db, actorOf(req), { ...req.query, active: req.query.active === undefined ? undefined : req.query.active === 'true' }));

  r.post('/api/benefits/enrolments/:id/exit', {
    config: { access: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'Exit an enrolment after its last paid month, with the reason', params: id, body: z.strictObject({ lastMonth: month, reason: paragraphs(500, { trim: true, min: 2 }) }) },
  }, async (req) => exitEnrolment(db, actorOf(req), req.params.id, req.body));

  // --- Payment rolls -----------------------------------------------------------------------------

  r.get('/api/benefits/rolls', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Payment rolls, newest month first', querystring: z.strictObject({ programme: programme.optional(), ...paging }) },
  }, async (req) => rolls.list(actorOf(req), req.query));

  r.post('/api/benefits/rolls', {
    config: { access: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'Generate (or regenerate while a draft) the roll of a programme for a month', body: z.strictObject({ programme, period: month }) },
  }, async (req, reply) => reply.status(201).send(await rolls.generate(actorOf(req), req.body.programme, req.body.period)));

  r.get('/api/benefits/rolls/:id', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'A roll with totals by township, funding body and kind, and the stops', params: id },
  }, async (req) => rolls.detail(actorOf(req), req.params.id));

  r.get('/api/benefits/rolls/:id/lines', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'The lines of a roll', params: id, querystring: z.strictObject({ township: township.optional(), kind: z.enum(['regular', 'arrears', 'adjustment']).optional(), ...paging }) },
  }, async (req) => rolls.lines(actorOf(req), req.params.id, req.query));

  r.post('/api/benefits/rolls/:id/transition', {
    config: { access: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'Check, reopen, approve (not by the generator), export, or mark paid', params: id, body: z.strictObject({ action: z.enum(rollActions) }) },
  }, async (req) => rolls.transition(actorOf(req), req.params.id, req.body.action));

  r.get('/api/benefits/rolls/:id/roll.xlsx', {
    config: { access: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'The roll as .xlsx with control totals (once exported; audited)', params: id },
  }, async (req, reply) => {
    const roll = await rolls.downloadable(actorOf(req), req.params.id);
    return download(reply, XLSX, `${roll.programmeName}发放花名册${roll.period}.xlsx`, (out) => rolls.workbook(actorOf(req), req.params.id, out));
  });

  r.get('/api/benefits/rolls/:id/bank.csv', {
    config: { access: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'The bank disbursement file (CSV: account, name, amount, reference; trailer with control totals; once exported; audited)', params: id },
  }, async (req, reply) => {
    const roll = await rolls.downloadable(actorOf(req), req.params.id);
    return download(reply, 'text/csv; charset=utf-8', `${rollReference({ programme: roll.programme, period: `${roll.period}-01`, id: roll.id })}.csv`, (out) => rolls.bankFile(actorOf(req), req.params.id, out));
  });

  r.post('/api/benefits/what-if', {
    config: { access: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Cost of a draft parameter change over the register, by year and township, beside the parameters in force (changes nothing)',
      body: z.strictObject({ programme, parameter: parameterName, value: parameterValue, effectiveFrom: day, years: int(1, 3).default(1) }),
    },
  }, async (req) => whatIf(db, actorOf(req), req.body));
}
