import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MILESTONE_CODES } from '../../core/growth/milestones.ts';
import { code, day, instant, int, line, paragraphs, queryInt, version } from '../../core/input.ts';
import { actorOf } from '../../server/auth.ts';
import type { EcdCentreService } from './centre.ts';
import { STAFF_OR_PARENT } from './routes.ts';

// -- inputs ------------------------------------------------------------------------------------

const date = day;
const idParams = z.strictObject({ id: z.uuid() });
const milestone = z.enum(MILESTONE_CODES);
const domain = z.enum(['gross_motor', 'fine_motor', 'language', 'cognition', 'social_emotional']);
const months = int(0, 72);
const roomCode = code(/^[a-z0-9-]{1,20}$/, 20);
const range = z.strictObject({ from: date, to: date });

const milestoneBody = z.strictObject({ achievedOn: date, note: paragraphs(500, { trim: true }).optional() });

const planInput = z.strictObject({
  title: line(60, { trim: true, min: 1 }),
  ageFromMonths: months,
  ageToMonths: months,
  domain,
  goal: paragraphs(500, { trim: true }),
  materials: z.array(line(100, { trim: true, min: 1 })).max(30),
  steps: z.array(paragraphs(500, { trim: true, min: 1 })).min(1).max(20),
  parentGuidance: paragraphs(2000, { trim: true }),
  minutes: int(5, 120),
});

const planQuery = z.strictObject({ ageMonths: queryInt(0, 72).optional(), domain: domain.optional(), q: line(60, { trim: true }).optional() });

const classBody = z.strictObject({ name: line(40, { trim: true, min: 1 }), ageFromMonths: months, ageToMonths: months, teacherId: z.uuid(), roomCode });

const sessionBody = z.strictObject({
  classId: z.uuid(),
  startsAt: instant,
  minutes: int(10, 240),
  teacherId: z.uuid().optional(),
  roomCode: roomCode.optional(),
  activityPlanId: z.uuid().nullable().optional(),
});

const attendanceBody = z.strictObject({ present: z.array(z.uuid()).max(100), notes: z.record(z.uuid(), paragraphs(200, { trim: true })).optional() });

// -- replies (the wire types of web/src/api/ecdCentreTypes.ts) ---------------------------------

const state = z.enum(['achieved', 'achieved_late', 'in_window', 'not_yet', 'late']);
export const milestonesView = z.object({
  childId: z.string(),
  ageMonths: z.number(),
  items: z.array(z.object({
    milestone, label: z.string(), labelEn: z.string(), window: z.object({ fromMonths: z.number(), toMonths: z.number() }),
    achievedOn: z.string().nullable(), achievedAtMonths: z.number().nullable(), state, observedBy: z.string().nullable(), note: z.string().nullable(),
  })),
});

export const planView = z.object({
  id: z.string(), title: z.string(), ageFromMonths: z.number(), ageToMonths: z.number(), domain, goal: z.string(),
  materials: z.array(z.string()), steps: z.array(z.string()), parentGuidance: z.string(), minutes: z.number(), version: z.number(),
});

const roomView = z.object({ code: z.string(), name: z.string(), areaM2: z.number(), capacity: z.number() });
const ref = z.object({ id: z.string(), name: z.string() });

export const centreView = z.object({
  name: z.string(),
  areaM2: z.number(),
  teachers: z.array(z.object({ id: z.string(), name: z.string(), qualification: z.string(), weeklyHours: z.number(), active: z.boolean(), username: z.string().nullable() })),
  rooms: z.array(roomView),
});

export const classView = z.object({
  id: z.string(), name: z.string(), ageFromMonths: z.number(), ageToMonths: z.number(), teacher: ref, room: roomView,
  children: z.array(z.object({ id: z.string(), name: z.string(), sex: z.enum(['M', 'F']), birthDate: z.string(), ageMonths: z.number() })),
  active: z.boolean(),
});

export const sessionView = z.object({
  id: z.string(), classId: z.string(), className: z.string(), startsAt: z.string(), minutes: z.number(), teacher: ref, room: roomView,
  activityPlan: z.object({ id: z.string(), title: z.string(), domain }).nullable(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  note: z.string().nullable(),
  attendance: z.array(z.object({ childId: z.string(), childName: z.string(), present: z.boolean().nullable(), note: z.string().nullable() })),
  presentCount: z.number(),
  enrolled: z.number(),
});

export const teacherLoadView = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(z.object({ teacher: ref, sessions: z.number(), hours: z.number(), plannedHours: z.number(), load: z.number() })),
});

export const archivePrintView = z.object({
  centreName: z.string(),
  printedOn: z.string(),
  archive: z.unknown(),
  milestones: milestonesView,
  attendance: z.object({ sessions: z.number(), present: z.number(), lastAttended: z.string().nullable() }),
  notes: z.array(z.object({ date: z.string(), author: z.string(), text: z.string() })),
});

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function ecdCentreRoutes(app: FastifyInstance, deps: { centre: EcdCentreService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { centre } = deps;
  const tags = ['ecd'];

  // -- milestones --------------------------------------------------------------------------------

  r.get('/api/ecd/children/:id/milestones', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags, summary: 'A child’s WHO motor milestones against the windows of achievement (a parent: own child)', params: idParams, response: { 200: milestonesView } },
  }, async (req) => centre.milestones(actorOf(req), req.params.id));

  r.put('/api/ecd/children/:id/milestones/:milestone', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Record the day a milestone was achieved', params: z.strictObject({ id: z.uuid(), milestone }), body: milestoneBody, response: { 200: milestonesView } },
  }, async (req) => centre.setMilestone(actorOf(req), req.params.id, req.params.milestone, req.body));

  r.delete('/api/ecd/children/:id/milestones/:milestone', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Remove a milestone entered by mistake', params: z.strictObject({ id: z.uuid(), milestone }), response: { 200: milestonesView } },
  }, async (req) => centre.deleteMilestone(actorOf(req), req.params.id, req.params.milestone));

  // -- activity plans ----------------------------------------------------------------------------

  r.get('/api/ecd/activity-plans', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags, summary: 'The library of parent-child activity plans (ageMonths: plans whose range holds it)', querystring: planQuery, response: { 200: items(planView) } },
  }, async (req) => centre.plans(actorOf(req), req.query));

  r.get('/api/ecd/activity-plans/:id', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags, summary: 'One activity plan', params: idParams, response: { 200: planView } },
  }, async (req) => centre.plan(actorOf(req), req.params.id));

  r.post('/api/ecd/activity-plans', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Add an activity plan', body: planInput, response: { 200: planView } },
  }, async (req) => centre.createPlan(actorOf(req), req.body));

  r.put('/api/ecd/activity-plans/:id', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Change an activity plan (409 stale_version when changed meanwhile)', params: idParams, body: planInput.extend({ version: version() }), response: { 200: planView } },
  }, async (req) => centre.updatePlan(actorOf(req), req.params.id, req.body));

  // -- the centre and its classes ----------------------------------------------------------------

  r.get('/api/ecd/centre', {
    config: { access: 'ecd.read' },
    schema: { tags, summary: 'The centre: teachers and rooms', response: { 200: centreView } },
  }, async (req) => centre.centre(actorOf(req)));

  r.get('/api/ecd/classes', {
    config: { access: 'ecd.read' },
    schema: { tags, summary: 'Classes with their children', response: { 200: items(classView) } },
  }, async (req) => centre.classes(actorOf(req)));

  r.post('/api/ecd/classes', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Open a class', body: classBody, response: { 200: classView } },
  }, async (req) => centre.createClass(actorOf(req), req.body));

  r.put('/api/ecd/classes/:id', {
    config: { access: 'ecd.write' },
    schema: {
      tags, summary: 'Change a class’s name, ages, teacher or room (422 over_capacity: the new room is too small for its children)',
      params: idParams, body: classBody, response: { 200: classView },
    },
  }, async (req) => centre.updateClass(actorOf(req), req.params.id, req.body));

  r.put('/api/ecd/classes/:id/members', {
    config: { access: 'ecd.write' },
    schema: {
      tags, summary: 'Set a class’s children (422 over_capacity: more than the room holds; 409 consent_withdrawn)',
      params: idParams, body: z.strictObject({ childIds: z.array(z.uuid()).max(100) }), response: { 200: classView },
    },
  }, async (req) => centre.setMembers(actorOf(req), req.params.id, req.body.childIds));

  // -- sessions and attendance -------------------------------------------------------------------

  r.get('/api/ecd/sessions', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags, summary: `Sessions in a range of at most 62 days, by start time (a parent: own child's classes)`, querystring: range, response: { 200: items(sessionView) } },
  }, async (req) => centre.sessionList(actorOf(req), req.query.from, req.query.to));

  r.post('/api/ecd/sessions', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Schedule a session (409 room_busy / teacher_busy; 422 over_capacity)', body: sessionBody, response: { 200: sessionView } },
  }, async (req) => centre.createSession(actorOf(req), req.body));

  r.put('/api/ecd/sessions/:id/attendance', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Take attendance: members not present are recorded absent; the session is held', params: idParams, body: attendanceBody, response: { 200: sessionView } },
  }, async (req) => centre.takeAttendance(actorOf(req), req.params.id, req.body));

  r.post('/api/ecd/sessions/:id/cancel', {
    config: { access: 'ecd.write' },
    schema: { tags, summary: 'Cancel a scheduled session', params: idParams, body: z.strictObject({ note: paragraphs(500, { trim: true, min: 1 }) }), response: { 200: sessionView } },
  }, async (req) => centre.cancelSession(actorOf(req), req.params.id, req.body.note));

  // -- teacher load and the printed archive ------------------------------------------------------

  r.get('/api/ecd/teacher-load', {
    config: { access: 'ecd.read' },
    schema: { tags, summary: 'Hours taught per teacher against weekly hours × weeks in the range', querystring: range, response: { 200: teacherLoadView } },
  }, async (req) => centre.teacherLoad(actorOf(req), req.query.from, req.query.to));

  r.get('/api/ecd/children/:id/archive-print', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags, summary: '宝宝成长档案 for print (logged as a view of the archive; a parent: own child)', params: idParams, response: { 200: archivePrintView } },
  }, async (req) => centre.archivePrint(actorOf(req), req.params.id));
}
