import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.ts';
import { fileReply } from '../../core/wire.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { MAX_ATTACHMENT_BYTES } from './attachments.ts';
import * as s from './schemas.ts';
import { meetingRoutes } from './meetingRoutes.ts';
import { bulletinService, meetingService, planService, reportService } from './service.ts';

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
export type Routes = ReturnType<typeof typed>;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const tags = ['coordination'];

/** The coordination's API, /api/coord/*: one registering function per area. */
export function coordinationRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = typed(app);
  const plans = planService(deps.db);
  planRoutes(r, plans);
  indicatorRoutes(r, plans);
  reportRoutes(r, reportService(deps.db));
  const bulletins = bulletinService(deps.db);
  bulletinRoutes(r, bulletins);
  bulletinPublicationRoutes(r, bulletins);
  meetingRoutes(r, meetingService(deps.db));
}

/** The implementation plan with its responsibilities. */
function planRoutes(r: Routes, plans: ReturnType<typeof planService>): void {
  r.get(
    '/api/coord/plan',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'The implementation plan of a year (default: the latest) with its responsibilities',
        querystring: s.yearQuery,
        response: { 200: s.planView },
      },
    },
    async (req) => plans.plan(actorOf(req), req.query.year),
  );

  r.post(
    '/api/coord/responsibilities',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags,
        summary: 'Add a responsibility to a plan (the first department leads)',
        body: s.responsibilityBody,
        response: { 200: s.responsibilityView },
      },
    },
    async (req) => plans.createResponsibility(actorOf(req), req.body),
  );

  r.patch(
    '/api/coord/responsibilities/:id',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'Change a responsibility (a liaison of an assigned department: its status only)',
        params: s.idParams,
        body: s.responsibilityPatchBody,
        response: { 200: s.responsibilityView },
      },
    },
    async (req) => plans.patchResponsibility(actorOf(req), req.params.id, req.body),
  );
}

/** The indicators, the validation rules and the settings. */
function indicatorRoutes(r: Routes, plans: ReturnType<typeof planService>): void {
  r.get(
    '/api/coord/indicators',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'Indicators, validation rules, settings and the member departments', response: { 200: s.indicatorConfig } },
    },
    async (req) => plans.config(actorOf(req)),
  );

  r.put(
    '/api/coord/indicators/:code',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Create or change an indicator', params: s.indicatorParams, body: s.indicatorBody, response: { 200: s.indicatorView } },
    },
    async (req) => plans.writeIndicator(actorOf(req), req.params.code, req.body),
  );

  r.post(
    '/api/coord/rules',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Add a validation rule: left <operator> right × factor', body: s.ruleBody, response: { 200: s.ruleView } },
    },
    async (req) => plans.addRule(actorOf(req), req.body),
  );

  r.delete(
    '/api/coord/rules/:id',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Remove a validation rule', params: s.idParams, response: { 204: s.noContent } },
    },
    async (req, reply) => {
      await plans.deleteRule(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/coord/settings',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Due day, reminder window, bulletin number prefix and issuer', body: s.settingsBody, response: { 200: s.settingsView } },
    },
    async (req) => plans.writeSettings(actorOf(req), req.body),
  );
}

/** The monthly reports, their review and attachments, and completeness. */
function reportRoutes(r: Routes, reports: ReturnType<typeof reportService>): void {
  r.get(
    '/api/coord/reports',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'Department-months expected in the filter, with their reports (missing ones too)',
        querystring: s.reportListQuery,
        response: { 200: s.reportList },
      },
    },
    async (req) => reports.list(actorOf(req), req.query),
  );

  r.get(
    '/api/coord/reports/:department/:period',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'A report form: texts, values, the department’s indicators and rules, history, attachments',
        params: s.reportParams,
        response: { 200: s.reportView },
      },
    },
    async (req) => reports.get(actorOf(req), req.params.department, req.params.period),
  );

  r.put(
    '/api/coord/reports/:department/:period',
    {
      config: { access: 'coord.report' },
      schema: {
        tags,
        summary: 'Save a draft (values may be incomplete but must be valid)',
        params: s.reportParams,
        body: s.reportDraftBody,
        response: { 200: s.reportView },
      },
    },
    async (req) => reports.save(actorOf(req), req.params.department, req.params.period, req.body),
  );

  r.post(
    '/api/coord/reports/:department/:period/submit',
    {
      config: { access: 'coord.report' },
      schema: { tags, summary: 'Submit (or resubmit after a return)', params: s.reportParams, body: s.versionBody, response: { 200: s.reportView } },
    },
    async (req) => reports.submit(actorOf(req), req.params.department, req.params.period, req.body.version),
  );

  reviewRoutes(r, reports);
  attachmentRoutes(r, reports);

  r.get(
    '/api/coord/completeness',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'Reporting completeness and timeliness of a year (default: the latest with reports), per department and month',
        querystring: s.yearQuery,
        response: { 200: s.completenessView },
      },
    },
    async (req) => reports.completeness(actorOf(req), req.query.year),
  );
}

/** The office's review of a submitted report: returned for correction or accepted. */
function reviewRoutes(r: Routes, reports: ReturnType<typeof reportService>): void {
  r.post(
    '/api/coord/reports/:department/:period/return',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags,
        summary: 'Return a submitted report for correction, with a comment',
        params: s.reportParams,
        body: s.returnBody,
        response: { 200: s.reportView },
      },
    },
    async (req) => reports.review(actorOf(req), req.params.department, req.params.period, { action: 'return', ...req.body }),
  );

  r.post(
    '/api/coord/reports/:department/:period/accept',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags,
        summary: 'Accept a submitted report; it is locked from then on',
        params: s.reportParams,
        body: s.acceptBody,
        response: { 200: s.reportView },
      },
    },
    async (req) => reports.review(actorOf(req), req.params.department, req.params.period, { action: 'accept', ...req.body }),
  );
}

/** A report's attachments: upload, download, removal. */
function attachmentRoutes(r: Routes, reports: ReturnType<typeof reportService>): void {
  r.post(
    '/api/coord/reports/:department/:period/attachments',
    {
      config: { access: 'coord.report' },
      schema: {
        tags,
        summary: 'Attach a file to an editable report (multipart field "file", at most 10 MB)',
        params: s.reportParams,
        response: { 200: s.attachmentView },
      },
    },
    async (req) => {
      const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2 } });
      if (!part) throw new AppError('validation_failed', { zh: '请选择文件', en: 'Choose a file' });
      const content = await part.toBuffer();
      if (part.file.truncated) throw new AppError('body_too_large', { zh: '附件不能超过 10 MB', en: 'Attachments are limited to 10 MB' });
      return reports.addAttachment(actorOf(req), req.params.department, req.params.period, { fileName: part.filename, contentType: part.mimetype, content });
    },
  );

  r.get(
    '/api/coord/attachments/:id',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'Download an attachment (always as a download, of a type no browser runs)',
        params: s.idParams,
        response: { 200: fileReply('the attached file') },
      },
    },
    async (req, reply) => {
      const file = await reports.readAttachment(actorOf(req), req.params.id);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  r.delete(
    '/api/coord/attachments/:id',
    {
      config: { access: 'coord.report' },
      schema: { tags, summary: 'Remove an attachment of an editable report', params: s.idParams, response: { 204: s.noContent } },
    },
    async (req, reply) => {
      await reports.deleteAttachment(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** The bulletins (通报) and their drafts. */
function bulletinRoutes(r: Routes, bulletins: ReturnType<typeof bulletinService>): void {
  r.get(
    '/api/coord/bulletins',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'Bulletins (drafts for the office, published ones for every member)', response: { 200: s.bulletinList } },
    },
    async (req) => bulletins.list(actorOf(req)),
  );

  r.post(
    '/api/coord/bulletins',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags,
        summary: 'Draft the bulletin of a month (2011-10), quarter (2011-Q4) or year (2011) from accepted reports',
        body: s.bulletinBody,
        response: { 200: s.bulletinView },
      },
    },
    async (req) => bulletins.create(actorOf(req), req.body.period),
  );

  r.get(
    '/api/coord/bulletins/:id',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'A bulletin', params: s.idParams, response: { 200: s.bulletinView } },
    },
    async (req) => bulletins.get(actorOf(req), req.params.id),
  );

  r.patch(
    '/api/coord/bulletins/:id',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Edit a draft’s title, opening and closing', params: s.idParams, body: s.bulletinPatchBody, response: { 200: s.bulletinView } },
    },
    async (req) => bulletins.patch(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/coord/bulletins/:id/refresh',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Recompute a draft from the reports as they stand', params: s.idParams, body: s.versionBody, response: { 200: s.bulletinView } },
    },
    async (req) => bulletins.refresh(actorOf(req), req.params.id, req.body.version),
  );
}

/** A draft's end, published or discarded, and the Word document of a bulletin. */
function bulletinPublicationRoutes(r: Routes, bulletins: ReturnType<typeof bulletinService>): void {
  r.post(
    '/api/coord/bulletins/:id/publish',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Publish a draft: numbered, dated, then read-only', params: s.idParams, body: s.versionBody, response: { 200: s.bulletinView } },
    },
    async (req) => bulletins.publish(actorOf(req), req.params.id, req.body.version),
  );

  r.delete(
    '/api/coord/bulletins/:id',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Discard a draft', params: s.idParams, response: { 204: s.noContent } },
    },
    async (req, reply) => {
      await bulletins.delete(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/coord/bulletins/:id/docx',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'The bulletin as a Word document in the official layout (GB/T 9704-2012)',
        params: s.idParams,
        response: { 200: fileReply('the bulletin (.docx)') },
      },
    },
    async (req, reply) => {
      const file = await bulletins.docx(actorOf(req), req.params.id);
      return reply.type(DOCX).header('content-disposition', attachment(file.fileName)).send(file.content);
    },
  );
}
