import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { day, decimal, instant, int, line, paragraphs, queryYear, slug, version as versionOf, year } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { bulletinDocx } from './bulletinDocx.ts';
import {
  createBulletin, deleteBulletin, getBulletin, listBulletins, patchBulletin, publishBulletin, refreshBulletin,
} from './bulletins.ts';
import {
  addRule, audit, createResponsibility, deleteRule, patchResponsibility, readDepartments, readIndicators, readPlan, readRules, readSettings,
  writeIndicator, writeSettings,
} from './config.ts';
import {
  createActionItem, createMeeting, desk, getMeeting, listActionItems, listMeetings, listNotices, markNoticeRead, noteActionItem,
  recordMinutes, sendNotice,
} from './meetings.ts';
import {
  addAttachment, completeness, deleteAttachment, getReport, listReports, MAX_ATTACHMENT_BYTES, readAttachment, reviewReport, saveDraft,
  submitReport,
} from './reports.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

const id = z.strictObject({ id: z.uuid() });
const department = slug;
/** A month as written in a report's address; which months exist is the reports' business (period_invalid). */
const month = z.string().regex(/^\d{4}-\d{2}$/, { error: 'Expected a month YYYY-MM' });
const reportParams = z.strictObject({ department, period: month });
const version = versionOf(0);
/** Free text over several lines (descriptions, report sections, minutes). */
const text = (max: number) => paragraphs(max);
/** A title, name or place: one line, not blank. */
const required = (max: number) => line(max, { trim: true, min: 1 });
/** Free text over several lines, not blank. */
const requiredText = (max: number) => paragraphs(max, { trim: true, min: 1 });
/** An indicator's bound or a rule's factor: stored as numeric, so any finite number; kept to what a district counts. */
const amount = decimal({ min: 0, max: 1e12 });
const area = z.enum(['civility', 'health', 'eugenics', 'prosperity', 'dedication']);
const responsibilityStatus = z.enum(['planned', 'in_progress', 'done']);
const indicatorBody = z.strictObject({
  name: required(60),
  unit: required(10),
  aggregation: z.enum(['sum', 'last', 'max']),
  integer: z.boolean(),
  min: amount.nullable(),
  max: amount.nullable(),
  departments: z.array(department).max(100),
  active: z.boolean(),
  sortOrder: int(),
});

export function coordinationRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['coordination'];

  r.get('/api/coord/desk', {
    config: { access: 'coord.read' },
    schema: { tags, summary: "What the user has to do now: reports due or overdue, action items, notices; the office's reviews" },
  }, async (req) => withScope(db, actorOf(req), (tx) => desk(tx, actorOf(req))));

  // -- plan and responsibilities ----------------------------------------------------------------

  r.get('/api/coord/plan', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'The implementation plan of a year (default: the latest) with its responsibilities', querystring: z.strictObject({ year: queryYear.optional() }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => readPlan(tx, req.query.year)));

  r.post('/api/coord/responsibilities', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Add a responsibility to a plan (the first department leads)',
      body: z.strictObject({ year, area, title: required(200), description: text(2000), departments: z.array(department).min(1).max(100) }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => createResponsibility(tx, actorOf(req), req.body)));

  r.patch('/api/coord/responsibilities/:id', {
    config: { access: 'coord.read' },
    schema: {
      tags, summary: 'Change a responsibility (a liaison of an assigned department: its status only)', params: id,
      body: z.strictObject({ version, status: responsibilityStatus.optional(), title: required(200).optional(), description: text(2000).optional(), area: area.optional(), departments: z.array(department).min(1).max(100).optional() }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => patchResponsibility(tx, actorOf(req), req.params.id, req.body)));

  // -- configuration -----------------------------------------------------------------------------

  r.get('/api/coord/indicators', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Indicators, validation rules, settings and the member departments' },
  }, async (req) => withScope(db, actorOf(req), async (tx) => ({
    indicators: await readIndicators(tx),
    rules: await readRules(tx),
    settings: await readSettings(tx),
    departments: await readDepartments(tx),
  })));

  r.put('/api/coord/indicators/:code', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Create or change an indicator', params: z.strictObject({ code: line(40).regex(/^[a-z][a-z0-9_]{1,39}$/) }), body: indicatorBody },
  }, async (req) => withScope(db, actorOf(req), (tx) => writeIndicator(tx, actorOf(req), req.params.code, req.body)));

  r.post('/api/coord/rules', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Add a validation rule: left <operator> right × factor',
      body: z.strictObject({ left: line(40), operator: z.enum(['<=', '<', '>=', '>', '=']), right: line(40), factor: decimal({ positive: true, max: 1e6 }), message: required(200) }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => addRule(tx, actorOf(req), req.body)));

  r.delete('/api/coord/rules/:id', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Remove a validation rule', params: id },
  }, async (req, reply) => {
    await withScope(db, actorOf(req), (tx) => deleteRule(tx, actorOf(req), req.params.id));
    return reply.status(204).send();
  });

  r.put('/api/coord/settings', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Due day, reminder window, bulletin number prefix and issuer',
      body: z.strictObject({ dueDay: int(1, 28), reminderDays: int(0, 15), documentPrefix: required(30), issuer: required(60) }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => writeSettings(tx, actorOf(req), req.body)));

  // -- reports -----------------------------------------------------------------------------------

  r.get('/api/coord/reports', {
    config: { access: 'coord.read' },
    schema: {
      tags, summary: 'Department-months expected in the filter, with their reports (missing ones too)',
      querystring: z.strictObject({ year: queryYear.optional(), period: month.optional(), department: department.optional(), status: z.enum(['draft', 'submitted', 'returned', 'accepted', 'missing']).optional() }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => listReports(tx, actorOf(req), req.query)));

  r.get('/api/coord/reports/:department/:period', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'A report form: texts, values, the department’s indicators and rules, history, attachments', params: reportParams },
  }, async (req) => withScope(db, actorOf(req), (tx) => getReport(tx, actorOf(req), req.params.department, req.params.period)));

  r.put('/api/coord/reports/:department/:period', {
    config: { access: 'coord.report' },
    schema: {
      tags, summary: 'Save a draft (values may be incomplete but must be valid)', params: reportParams,
      body: z.strictObject({ version: version.nullable(), progress: text(5000), work: text(5000), effect: text(5000), problems: text(5000), values: z.record(line(40), z.unknown()) }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => saveDraft(tx, actorOf(req), req.params.department, req.params.period, req.body)));

  r.post('/api/coord/reports/:department/:period/submit', {
    config: { access: 'coord.report' },
    schema: { tags, summary: 'Submit (or resubmit after a return)', params: reportParams, body: z.strictObject({ version }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => submitReport(tx, actorOf(req), req.params.department, req.params.period, req.body.version)));

  r.post('/api/coord/reports/:department/:period/return', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Return a submitted report for correction, with a comment', params: reportParams, body: z.strictObject({ version, comment: requiredText(1000) }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => reviewReport(tx, actorOf(req), req.params.department, req.params.period, { action: 'return', ...req.body })));

  r.post('/api/coord/reports/:department/:period/accept', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Accept a submitted report; it is locked from then on', params: reportParams, body: z.strictObject({ version, comment: text(1000).optional() }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => reviewReport(tx, actorOf(req), req.params.department, req.params.period, { action: 'accept', ...req.body })));

  r.post('/api/coord/reports/:department/:period/attachments', {
    config: { access: 'coord.report' },
    schema: { tags, summary: 'Attach a file to an editable report (multipart field "file", at most 10 MB)', params: reportParams },
  }, async (req) => {
    const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2 } });
    if (!part) throw new AppError('validation_failed', { zh: '请选择文件', en: 'Choose a file' });
    const content = await part.toBuffer();
    if (part.file.truncated) throw new AppError('body_too_large', { zh: '附件不能超过 10 MB', en: 'Attachments are limited to 10 MB' });
    return withScope(db, actorOf(req), (tx) => addAttachment(tx, actorOf(req), req.params.department, req.params.period, { fileName: part.filename, contentType: part.mimetype, content }));
  });

  r.get('/api/coord/attachments/:id', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Download an attachment (always as a download, of a type no browser runs)', params: id },
  }, async (req, reply) => {
    const file = await withScope(db, actorOf(req), (tx) => readAttachment(tx, req.params.id));
    return reply.type(file.contentType).header('content-disposition', attachment(file.fileName)).header('x-content-type-options', 'nosniff').send(file.content);
  });

  r.delete('/api/coord/attachments/:id', {
    config: { access: 'coord.report' },
    schema: { tags, summary: 'Remove an attachment of an editable report', params: id },
  }, async (req, reply) => {
    await withScope(db, actorOf(req), (tx) => deleteAttachment(tx, actorOf(req), req.params.id));
    return reply.status(204).send();
  });

  r.get('/api/coord/completeness', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Reporting completeness and timeliness of a year (default: the latest with reports), per department and month', querystring: z.strictObject({ year: queryYear.optional() }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => completeness(tx, actorOf(req), req.query.year)));

  // -- bulletins ---------------------------------------------------------------------------------

  r.get('/api/coord/bulletins', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Bulletins (drafts for the office, published ones for every member)' },
  }, async (req) => withScope(db, actorOf(req), listBulletins));

  r.post('/api/coord/bulletins', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Draft the bulletin of a month (2011-10), quarter (2011-Q4) or year (2011) from accepted reports', body: z.strictObject({ period: line(10) }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => createBulletin(tx, actorOf(req), req.body.period)));

  r.get('/api/coord/bulletins/:id', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'A bulletin', params: id },
  }, async (req) => withScope(db, actorOf(req), (tx) => getBulletin(tx, req.params.id)));

  r.patch('/api/coord/bulletins/:id', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Edit a draft’s title, opening and closing', params: id, body: z.strictObject({ version, title: required(200).optional(), intro: text(2000).optional(), closing: text(2000).optional() }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => patchBulletin(tx, actorOf(req), req.params.id, req.body)));

  r.post('/api/coord/bulletins/:id/refresh', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Recompute a draft from the reports as they stand', params: id, body: z.strictObject({ version }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => refreshBulletin(tx, actorOf(req), req.params.id, req.body.version)));

  r.post('/api/coord/bulletins/:id/publish', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Publish a draft: numbered, dated, then read-only', params: id, body: z.strictObject({ version }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => publishBulletin(tx, actorOf(req), req.params.id, req.body.version)));

  r.delete('/api/coord/bulletins/:id', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Discard a draft', params: id },
  }, async (req, reply) => {
    await withScope(db, actorOf(req), (tx) => deleteBulletin(tx, actorOf(req), req.params.id));
    return reply.status(204).send();
  });

  r.get('/api/coord/bulletins/:id/docx', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'The bulletin as a Word document in the official layout (GB/T 9704-2012)', params: id },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const bulletin = await withScope(db, actor, async (tx) => {
      const b = await getBulletin(tx, req.params.id);
      await audit(tx, actor, 'coord.bulletin_download', 'coord_bulletin', b.id, { detail: { period: b.period, number: b.number } });
      return b;
    });
    const file = await bulletinDocx(bulletin);
    const name = `${bulletin.number ?? `通报（草稿）${bulletin.period}`}.docx`;
    return reply.type(DOCX).header('content-disposition', attachment(name)).send(file);
  });

  // -- meetings, action items, notices -------------------------------------------------------------

  r.get('/api/coord/meetings', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Meetings, newest first' },
  }, async (req) => withScope(db, actorOf(req), listMeetings));

  r.post('/api/coord/meetings', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Schedule a meeting; open and overdue action items join its agenda automatically',
      body: z.strictObject({
        kind: z.enum(['work', 'coordination']), title: required(200), startsAt: instant, place: required(100), chair: required(60),
        agenda: z.array(line(300)).max(30), attendees: z.array(department).min(1).max(100),
      }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => createMeeting(tx, actorOf(req), req.body)));

  r.get('/api/coord/meetings/:id', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'A meeting with agenda, attendees, minutes and decisions', params: id },
  }, async (req) => withScope(db, actorOf(req), (tx) => getMeeting(tx, actorOf(req), req.params.id)));

  r.put('/api/coord/meetings/:id/minutes', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Record the minutes; decisions become action items', params: id,
      body: z.strictObject({
        version, minutes: requiredText(20000), present: z.array(department).max(100),
        decisions: z.array(z.strictObject({ title: requiredText(300), owner: department, dueOn: day })).max(50),
      }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => recordMinutes(tx, actorOf(req), req.params.id, req.body)));

  r.get('/api/coord/action-items', {
    config: { access: 'coord.read' },
    schema: {
      tags, summary: 'Action items (督办事项)',
      querystring: z.strictObject({ status: z.enum(['open', 'overdue', 'done']).optional(), department: department.optional() }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => listActionItems(tx, actorOf(req), req.query)));

  r.post('/api/coord/action-items', {
    config: { access: 'coord.manage' },
    schema: { tags, summary: 'Assign an action item to a department', body: z.strictObject({ title: requiredText(300), owner: department, dueOn: day }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => createActionItem(tx, actorOf(req), req.body)));

  r.post('/api/coord/action-items/:id/notes', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Record progress on an action item, optionally closing it', params: id, body: z.strictObject({ text: requiredText(1000), done: z.boolean().optional() }) },
  }, async (req) => withScope(db, actorOf(req), (tx) => noteActionItem(tx, actorOf(req), req.params.id, req.body)));

  r.get('/api/coord/notices', {
    config: { access: 'coord.read' },
    schema: { tags, summary: 'Notices: all sent with receipts (office), or those sent to the own department' },
  }, async (req) => withScope(db, actorOf(req), (tx) => listNotices(tx, actorOf(req))));

  r.post('/api/coord/notices', {
    config: { access: 'coord.manage' },
    schema: {
      tags, summary: 'Send a notice to all or chosen departments',
      body: z.strictObject({ title: required(200), body: requiredText(10000), departments: z.union([z.literal('all'), z.array(department).min(1).max(100)]) }),
    },
  }, async (req) => withScope(db, actorOf(req), (tx) => sendNotice(tx, actorOf(req), req.body)));

  r.post('/api/coord/notices/:id/read', {
    config: { access: 'coord.report' },
    schema: { tags, summary: 'Mark a notice read for the own department', params: id },
  }, async (req) => withScope(db, actorOf(req), (tx) => markNoticeRead(tx, actorOf(req), req.params.id)));
}
