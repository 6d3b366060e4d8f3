/**
 * The routes of /api/benefits: path, access, the contract (schemas.ts) and one call to a service,
 * by area: evaluation and programmes, the yearly confirmation, enrolments, payment rolls.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeCache } from '../../db/changeCache.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { Secrets } from '../../server/secrets.ts';
import { attachment, bankFileDownload, DOCX, rollWorkbookDownload, type Download } from './downloads.ts';
import { exitEnrolment, listEnrolments } from './enrolments.ts';
import { evaluateFamily, keptYearSummary, personEvaluation } from './evaluation.ts';
import { publicNoticeDocument } from './notices.ts';
import { addParameter, programmeCatalog } from './parameters.ts';
import { generateRoll, listRolls, rollDetail, rollLines, transitionRoll } from './rolls.ts';
import * as s from './schemas.ts';
import type { YearSummary } from './summary.ts';
import { whatIf } from './whatIf.ts';
import { addObjection, applicationDetail, createApplication, decideApplication, listApplications, resolveObjection } from './workflow.ts';

const withZod = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
type Routes = ReturnType<typeof withZod>;
const tags = ['benefits'];

export function benefitRoutes(app: FastifyInstance, deps: { db: Database; secrets: Secrets }): void {
  const r: Routes = withZod(app);
  const { db } = deps;
  const summaries = new ChangeCache<YearSummary>('benefit_data').keepWhile(app, db, 'benefit summaries');
  evaluationRoutes(r, db, summaries);
  applicationRoutes(r, db, deps.secrets);
  noticeRoutes(r, db);
  enrolmentRoutes(r, db);
  rollRoutes(r, db, deps.secrets);
}

/** Evaluation, the year summary, the programmes with their parameters, and the what-if. */
function evaluationRoutes(r: Routes, db: Database, summaries: ChangeCache<YearSummary>): void {
  r.post(
    '/api/benefits/evaluate',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Eligibility and amount of every programme for one family on a date, with each condition explained',
        body: s.situationBody,
        response: { 200: s.evaluationReply },
      },
    },
    async (req) => evaluateFamily(db, actorOf(req), req.body),
  );

  r.get(
    '/api/benefits/summary',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'A year of the programmes over the register within the caller’s scope: persons paid and yuan paid',
        querystring: s.summaryQuery,
        response: { 200: s.benefitsSummary },
      },
    },
    async (req) => keptYearSummary(db, actorOf(req), req.query.year, summaries),
  );

  r.get(
    '/api/benefits/programmes',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Every programme: conditions with their legal basis, funding body, and parameters over time',
        response: { 200: s.programmesReply },
      },
    },
    async (req) => programmeCatalog(db, actorOf(req)),
  );

  r.post(
    '/api/benefits/parameters',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'Set a parameter from the first day of a month (audited; months with an approved roll are locked)',
        body: s.parameterBody,
        response: { 201: s.parameterReply },
      },
    },
    async (req, reply) => reply.status(201).send(await addParameter(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/benefits/persons/:id/evaluation',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Every programme’s explained decision for a register person (a parent) on a day',
        params: s.idParams,
        querystring: s.personEvaluationQuery,
        response: { 200: s.personEvaluation },
      },
    },
    async (req) => personEvaluation(db, actorOf(req), req.params.id, req.query.date),
  );

  r.post(
    '/api/benefits/what-if',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'Cost of a draft parameter change over the register, by year and township, beside the parameters in force (changes nothing)',
        body: s.whatIfBody,
        response: { 200: s.whatIfReply },
      },
    },
    async (req) => whatIf(db, actorOf(req), req.body),
  );
}

/** The yearly confirmation: applications and their steps. */
function applicationRoutes(r: Routes, db: Database, secrets: Secrets): void {
  r.get(
    '/api/benefits/applications',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'Applications in scope, newest first', querystring: s.applicationQuery, response: { 200: s.applicationPage } },
    },
    async (req) => listApplications(db, actorOf(req), req.query),
  );

  r.get(
    '/api/benefits/applications/:id',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'An application with its explained evaluation, steps and objections',
        params: s.idParams,
        response: { 200: s.applicationDetail },
      },
    },
    async (req) => applicationDetail(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/benefits/applications',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary:
          'Enter an application (village or township worker of the person’s place, or the office); refused with the failed conditions when the person does not qualify',
        body: s.applicationBody,
        response: { 201: s.application },
      },
    },
    async (req, reply) => reply.status(201).send(await createApplication(db, actorOf(req), secrets, req.body)),
  );

  r.post(
    '/api/benefits/applications/:id/decision',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Take the next step (village → township → district), reject, or withdraw',
        params: s.idParams,
        body: s.decisionBody,
        response: { 200: s.application },
      },
    },
    async (req) => decideApplication(db, actorOf(req), req.params.id, req.body),
  );
}

/** The yearly confirmation's public notice: objections received during it, and the notice lists. */
function noticeRoutes(r: Routes, db: Database): void {
  r.post(
    '/api/benefits/applications/:id/objections',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'Record an objection received during a notice', params: s.idParams, body: s.objectionBody, response: { 201: s.objection } },
    },
    async (req, reply) => reply.status(201).send(await addObjection(db, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/benefits/objections/:id/resolve',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Resolve an objection; an upheld one rejects the application',
        params: s.idParams,
        body: s.objectionResolveBody,
        response: { 200: s.objection },
      },
    },
    async (req) => resolveObjection(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/benefits/public-notices',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'The notice list for posting (.docx): village or township notice, or the district publication',
        querystring: s.publicNoticeQuery,
        response: { 200: s.publicNoticeFile },
      },
    },
    async (req, reply) => {
      const notice = await publicNoticeDocument(db, actorOf(req), req.query);
      return reply.type(DOCX).header('content-disposition', attachment(notice.name)).send(notice.document);
    },
  );
}

/** Enrolments (beneficiaries) and their exits. */
function enrolmentRoutes(r: Routes, db: Database): void {
  r.get(
    '/api/benefits/enrolments',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'Enrolments (beneficiaries) in scope', querystring: s.enrolmentQuery, response: { 200: s.enrolmentPage } },
    },
    async (req) => listEnrolments(db, actorOf(req), { ...req.query, active: req.query.active === undefined ? undefined : req.query.active === 'true' }),
  );

  r.post(
    '/api/benefits/enrolments/:id/exit',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'Exit an enrolment after its last paid month, with the reason',
        params: s.idParams,
        body: s.enrolmentExitBody,
        response: { 200: s.enrolment },
      },
    },
    async (req) => exitEnrolment(db, actorOf(req), req.params.id, req.body),
  );
}

/** Sends a download with its own type and name; Fastify passes the stream through unserialised. */
const send = (reply: FastifyReply, d: Download) => reply.type(d.type).header('content-disposition', attachment(d.name)).send(d.body);

/** Payment rolls: generation, the four-eyes steps, and the downloads. */
function rollRoutes(r: Routes, db: Database, secrets: Secrets): void {
  r.get(
    '/api/benefits/rolls',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'Payment rolls, newest month first', querystring: s.rollQuery, response: { 200: s.rollPage } },
    },
    async (req) => listRolls(db, actorOf(req), req.query),
  );

  r.post(
    '/api/benefits/rolls',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'Generate (or regenerate while a draft) the roll of a programme for a month',
        body: s.rollBody,
        response: { 201: s.rollDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await generateRoll(db, actorOf(req), req.body.programme, req.body.period)),
  );

  r.get(
    '/api/benefits/rolls/:id',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'A roll with totals by township, funding body and kind, and the stops', params: s.idParams, response: { 200: s.rollDetail } },
    },
    async (req) => rollDetail(db, actorOf(req), req.params.id),
  );

  r.get(
    '/api/benefits/rolls/:id/lines',
    {
      config: { access: 'benefits.read' },
      schema: { tags, summary: 'The lines of a roll', params: s.idParams, querystring: s.rollLineQuery, response: { 200: s.rollLinePage } },
    },
    async (req) => rollLines(db, actorOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/benefits/rolls/:id/transition',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'Check, reopen, approve (not by the generator), export, or mark paid',
        params: s.idParams,
        body: s.rollTransitionBody,
        response: { 200: s.rollDetail },
      },
    },
    async (req) => transitionRoll(db, actorOf(req), req.params.id, req.body.action),
  );

  r.get(
    '/api/benefits/rolls/:id/roll.xlsx',
    {
      config: { access: 'benefits.manage' },
      schema: { tags, summary: 'The roll as .xlsx with control totals (once exported; audited)', params: s.idParams, response: { 200: s.rollWorkbookFile } },
    },
    async (req, reply) => send(reply, await rollWorkbookDownload(db, actorOf(req), req.params.id)),
  );

  r.get(
    '/api/benefits/rolls/:id/bank.csv',
    {
      config: { access: 'benefits.manage' },
      schema: {
        tags,
        summary: 'The bank disbursement file (CSV: account, name, amount, reference; trailer with control totals; once exported; audited)',
        params: s.idParams,
        response: { 200: s.bankFile },
      },
    },
    async (req, reply) => send(reply, await bankFileDownload(db, actorOf(req), secrets, req.params.id)),
  );
}
